import { Button } from '@fluentui/react-components';
import { CommentRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { getThread } from '../../api/endpoints';
import { useQuery } from '../../api/useQuery';
import { Thread } from '../common/Thread';

/**
 * A rock's feedback thread, closed until asked for: "Feedback (3)", then the conversation and a
 * reply box. The owner and their reviewer see the same thread (the server decides who may read
 * and who may reply). The count comes with the rocks list where it can (`count`), else from the
 * thread; it is read again when the thread is closed, so it includes new replies.
 */
export function RockFeedback({ rockId, title, count: listed, open: initiallyOpen = false }: { rockId: string; title: string; count?: number; open?: boolean }) {
  const [open, setOpen] = useState(initiallyOpen);
  const [generation, setGeneration] = useState(0);
  const known = generation === 0 ? listed : undefined;
  const count = useQuery(`thread-count:rock:${rockId}:${known === undefined ? generation : 'listed'}`, () =>
    known === undefined ? getThread('rock', rockId).then((t) => t.items.length) : Promise.resolve(known),
  );
  const n = known ?? count.state.data;
  const label = n === undefined ? 'Feedback' : `Feedback (${n})`;
  const panelId = `rock-${rockId}-feedback`;
  return (
    <div>
      <Button
        appearance="subtle"
        icon={<CommentRegular />}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => {
          if (open) setGeneration((g) => g + 1);
          setOpen((o) => !o);
        }}
      >
        {open ? 'Hide feedback' : label}
      </Button>
      {open && (
        <div id={panelId}>
          <Thread kind="rock" subjectId={rockId} label={`Feedback on ${title}`} />
        </div>
      )}
    </div>
  );
}
