// Thanks written in a check-in with nobody chosen (issue 15): the check-in went in all the same;
// here its author says whom the thanks is for, or discards it. Shown in the Praise view, and
// exported for the check-in form: pass `items` (e.g. the check-in answer's `pendingThanks`) to show
// just those, or leave it out to list all of the person's waiting thanks. Renders nothing when
// there are none.
import { Button, MessageBar, MessageBarBody, Text } from '@fluentui/react-components';
import { useState } from 'react';
import { discardPendingThanks, getPendingThanks, sendPendingThanks, type PendingThanksDto, type ThankYouDto } from '../../api/praise';
import { toApiError, useQuery } from '../../api/useQuery';
import { ColleaguePicker, type Colleague } from '../common/ColleaguePicker';
import { listNames, thanksProblems, usePraiseStyles, type ThanksProblems } from './praiseParts';

export interface PendingThanksProps {
  /** Just these (the check-in form's answer); all the person's waiting thanks when left out. */
  items?: PendingThanksDto[];
  /** A thanks was sent: e.g. reload a praise wall. */
  onSent?: (thankYou: ThankYouDto) => void;
}

export function PendingThanks({ items, onSent }: PendingThanksProps) {
  if (items) return <PendingThanksList items={items} onSent={onSent} />;
  return <FetchedPendingThanks onSent={onSent} />;
}

function FetchedPendingThanks({ onSent }: { onSent?: (thankYou: ThankYouDto) => void }) {
  const pending = useQuery('praise:pending', getPendingThanks);
  // A failed load is not worth a red bar above the praise wall: the thanks stays and shows next time.
  if (pending.state.status !== 'ready') return null;
  return <PendingThanksList items={pending.state.data} onSent={onSent} />;
}

function PendingThanksList({ items, onSent }: { items: PendingThanksDto[]; onSent?: (thankYou: ThankYouDto) => void }) {
  const styles = usePraiseStyles();
  if (items.length === 0) return null;
  return (
    <section className={styles.section} aria-labelledby="pending-thanks-title">
      <h3 id="pending-thanks-title" className={styles.title}>
        {items.length === 1 ? 'Thanks waiting for a colleague' : `${items.length} thanks waiting for a colleague`}
      </h3>
      <Text className={styles.muted}>Your check-in went in. Say whom this thanks is for and we will pass it on.</Text>
      <ul className={styles.list} aria-label="Thanks waiting for a colleague">
        {items.map((item) => (
          <li key={item.id}>
            <PendingThanksItem item={item} onSent={onSent} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function PendingThanksItem({ item, onSent }: { item: PendingThanksDto; onSent?: (thankYou: ThankYouDto) => void }) {
  const styles = usePraiseStyles();
  const [chosen, setChosen] = useState<Colleague[]>([]);
  const [problems, setProblems] = useState<ThanksProblems>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string>();

  const act = async (what: 'send' | 'discard') => {
    if (what === 'send' && chosen.length === 0) {
      setProblems({ recipients: "Choose who you're thanking, or discard it." });
      return;
    }
    setBusy(true);
    try {
      if (what === 'send') {
        const thankYou = await sendPendingThanks(item.id, chosen.map((c) => c.id));
        setDone(`Sent to ${listNames(thankYou.to.map((p) => p.displayName))}.`);
        onSent?.(thankYou);
      } else {
        await discardPendingThanks(item.id);
        setDone('Discarded — nobody was sent it.');
      }
    } catch (cause) {
      setProblems(thanksProblems(toApiError(cause), chosen));
    } finally {
      setBusy(false);
    }
  };

  const quote = <blockquote className={styles.quote}>“{item.message}”</blockquote>;
  if (done) {
    return (
      <div className={styles.stack}>
        {quote}
        <MessageBar intent="success">
          <MessageBarBody>{done}</MessageBarBody>
        </MessageBar>
      </div>
    );
  }
  return (
    <div className={styles.stack} role="group" aria-label={`Thanks: ${item.message}`}>
      {quote}
      {item.checkInTitle && <Text size={200} className={styles.muted}>From your {item.checkInTitle}</Text>}
      <ColleaguePicker
        label="Whom would you like to thank?"
        value={chosen}
        onChange={(next) => {
          setChosen(next);
          setProblems(({ recipients: _fixed, ...rest }) => rest);
        }}
        error={problems.recipients}
      />
      {problems.form && (
        <MessageBar intent="error">
          <MessageBarBody>{problems.form}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button appearance="primary" disabled={busy} onClick={() => void act('send')}>
          Send thanks
        </Button>
        <Button appearance="subtle" disabled={busy} onClick={() => void act('discard')}>
          Discard
        </Button>
      </div>
    </div>
  );
}
