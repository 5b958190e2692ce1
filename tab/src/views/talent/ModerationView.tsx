import { Badge, Button, Field, makeStyles, MessageBar, MessageBarBody, Text, Textarea, tokens, typographyStyles } from '@fluentui/react-components';
import { ClipboardTaskListLtrRegular } from '@fluentui/react-icons';
import { useRef, useState, type FormEvent } from 'react';
import type { ModerationNoteDto, ModerationRockDto } from '../../../../shared/api/talentGrid';
import type { ApiError } from '../../api/client';
import { addModerationNote, getModerationRocks } from '../../api/talent';
import { toApiError, useQuery } from '../../api/useQuery';
import { capitalise, useMe } from '../../shell/me';
import { useDates } from '../common/dates';
import { fieldError } from '../common/fieldErrors';
import { ErrorMessage, LoadState } from '../common/LoadState';
import { EmptyState } from '../EmptyState';
import { ViewHeading } from '../ViewHeading';
import { SchoolFilter } from './TalentView';

const useStyles = makeStyles({
  layout: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '56rem' },
  intro: { color: tokens.colorNeutralForeground2 },
  rocks: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  rock: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  title: { ...typographyStyles.subtitle2, margin: 0 },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  muted: { color: tokens.colorNeutralForeground2 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, alignItems: 'flex-start' },
  stretch: { alignSelf: 'stretch' },
});

/** seed 000 §3, §6: an SMT lead quality-assures every rock of their school and leaves notes the reviewer sees. */
export default function ModerationView() {
  const styles = useStyles();
  const me = useMe();
  const [school, setSchool] = useState<string>();
  const rocks = useQuery(`moderation:${school ?? ''}`, () => getModerationRocks(school));
  return (
    <>
      <ViewHeading>Moderation</ViewHeading>
      <div className={styles.layout}>
        <Text className={styles.intro}>
          Every {me.vocabulary.rock} of your school this cycle (drafts stay with their owner until proposed). A moderation note goes to the{' '}
          {me.vocabulary.reviewer}, who talks it over with the owner; the owner does not see it.
        </Text>
        <LoadState state={rocks.state} onRetry={rocks.reload} label={`Loading ${me.vocabulary.rocks}…`}>
          {(data) => (
            <>
              <SchoolFilter data={data} value={school} onChange={setSchool} />
              {data.rocks.length === 0 ? (
                <EmptyState icon={<ClipboardTaskListLtrRegular />} title={`No ${me.vocabulary.rocks} yet`}>
                  {capitalise(me.vocabulary.rocks)} appear here once their owners propose them.
                </EmptyState>
              ) : (
                <ul className={styles.rocks}>
                  {data.rocks.map((r) => (
                    <RockToModerate key={r.id} rock={r} canAddNotes={data.canAddNotes} onAdded={rocks.reload} />
                  ))}
                </ul>
              )}
            </>
          )}
        </LoadState>
      </div>
    </>
  );
}

export function NoteList({ notes }: { notes: ModerationNoteDto[] }) {
  const styles = useStyles();
  const dates = useDates();
  if (notes.length === 0) return null;
  return (
    <ul className={styles.list} aria-label="Moderation notes">
      {notes.map((n) => (
        <li key={n.id}>
          <Text>{n.text}</Text> <span className={styles.muted}>— {n.author.displayName}, {dates.day(n.createdAt)}</span>
        </li>
      ))}
    </ul>
  );
}

function RockToModerate({ rock, canAddNotes, onAdded }: { rock: ModerationRockDto; canAddNotes: boolean; onAdded: () => void }) {
  const styles = useStyles();
  const me = useMe();
  const headingId = `moderation-rock-${rock.id}`;
  return (
    <li className={styles.rock} aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.title}>
        {rock.title}
      </h3>
      <div className={styles.row}>
        <Badge appearance="outline">{rock.status}</Badge>
        <Text>{rock.owner.displayName}</Text>
        <Text className={styles.muted}>{`${capitalise(me.vocabulary.reviewer)}: ${rock.reviewer?.displayName ?? 'none named'}`}</Text>
      </div>
      {rock.successCriteria.length > 0 && (
        <ul className={styles.list} aria-label="Success criteria">
          {rock.successCriteria.map((c, i) => (
            <li key={i}>{`${c.text}${c.done ? ' (done)' : ''}`}</li>
          ))}
        </ul>
      )}
      {rock.alignment.length > 0 && <Text size={200} className={styles.muted}>{`${me.alignment.label} ${rock.alignment.map((a) => a.label).join(', ')}`}</Text>}
      <NoteList notes={rock.notes} />
      {canAddNotes && <NoteForm rockId={rock.id} onAdded={onAdded} />}
    </li>
  );
}

/** The note box: what was typed stays after a refused save. */
function NoteForm({ rockId, onAdded }: { rockId: string; onAdded: () => void }) {
  const styles = useStyles();
  const [text, setText] = useState('');
  const [error, setError] = useState<ApiError>();
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const noteId = useRef(crypto.randomUUID());
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(undefined);
    setSaved(false);
    try {
      await addModerationNote(rockId, text, noteId.current);
      noteId.current = crypto.randomUUID();
      setText('');
      setSaved(true);
      onAdded();
    } catch (cause) {
      setError(toApiError(cause));
    } finally {
      setSaving(false);
    }
  };
  const textError = fieldError(error, 'text');
  return (
    <form className={styles.form} onSubmit={onSubmit}>
      <Field className={styles.stretch} label="Moderation note" validationMessage={textError} validationState={textError ? 'error' : 'none'}>
        <Textarea value={text} maxLength={2000} onChange={(_, d) => setText(d.value)} resize="vertical" />
      </Field>
      {error && !textError && <ErrorMessage error={error} />}
      {saved && (
        <MessageBar intent="success">
          <MessageBarBody>Note saved; the reviewer has been told.</MessageBarBody>
        </MessageBar>
      )}
      <Button type="submit" appearance="primary" disabled={saving}>
        Add note
      </Button>
    </form>
  );
}
