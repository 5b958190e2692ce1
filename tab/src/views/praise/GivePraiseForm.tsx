// "Say thank you": pick colleagues from the directory and write what for (seed 001's Friday
// feel-good factor, now from the tab too). A refused send keeps everything typed and puts the
// reason beside its field; a retried send (same colleagues, same words) is the same thank-you.
import { Button, Field, MessageBar, MessageBarBody, Textarea } from '@fluentui/react-components';
import { useRef, useState, type FormEvent } from 'react';
import { givePraise, type ThankYouDto } from '../../api/praise';
import { toApiError } from '../../api/useQuery';
import { ColleaguePicker, type Colleague } from '../common/ColleaguePicker';
import { listNames, thanksProblems, usePraiseStyles, type ThanksProblems } from './praiseParts';

const MESSAGE_MAX = 500;

export function GivePraiseForm({ onGiven }: { onGiven?: (thankYou: ThankYouDto) => void }) {
  const styles = usePraiseStyles();
  const [chosen, setChosen] = useState<Colleague[]>([]);
  const [message, setMessage] = useState('');
  const [problems, setProblems] = useState<ThanksProblems>({});
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState<string>();
  // One id per thank-you: the same colleagues and words again (a retry) reuse it, anything else is new.
  const attempt = useRef<{ id: string; content: string } | undefined>(undefined);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSent(undefined);
    const local: ThanksProblems = {
      ...(chosen.length === 0 ? { recipients: "Choose who you're thanking." } : {}),
      ...(message.trim() === '' ? { message: 'Say what you are thanking them for.' } : {}),
    };
    if (local.recipients || local.message) {
      setProblems(local);
      return;
    }
    const recipientIds = chosen.map((c) => c.id);
    const content = JSON.stringify([recipientIds, message.trim()]);
    if (attempt.current?.content !== content) attempt.current = { id: crypto.randomUUID(), content };
    setSending(true);
    try {
      const thankYou = await givePraise({ id: attempt.current.id, recipientIds, message });
      attempt.current = undefined;
      setChosen([]);
      setMessage('');
      setProblems({});
      setSent(`Thank you — ${listNames(thankYou.to.map((p) => p.displayName))} will see your thanks.`);
      onGiven?.(thankYou);
    } catch (cause) {
      setProblems(thanksProblems(toApiError(cause), chosen));
    } finally {
      setSending(false);
    }
  };

  return (
    <section className={styles.section} aria-labelledby="give-praise-title">
      <h3 id="give-praise-title" className={styles.title}>
        Say thank you
      </h3>
      <form onSubmit={submit} noValidate className={styles.stack}>
        <ColleaguePicker
          label="Who would you like to thank?"
          required
          value={chosen}
          onChange={(next) => {
            setChosen(next);
            setProblems(({ recipients: _fixed, ...rest }) => rest);
          }}
          error={problems.recipients}
        />
        <Field label="What for?" required validationMessage={problems.message} hint={`${message.trim().length}/${MESSAGE_MAX} · They see your thanks, nothing else.`}>
          <Textarea
            value={message}
            maxLength={MESSAGE_MAX}
            resize="vertical"
            textarea={{ className: styles.grow }}
            placeholder="What did they do that made a difference?"
            onChange={(_, d) => {
              setMessage(d.value);
              setProblems(({ message: _fixed, ...rest }) => rest);
            }}
          />
        </Field>
        {problems.form && (
          <MessageBar intent="error">
            <MessageBarBody>{problems.form}</MessageBarBody>
          </MessageBar>
        )}
        {sent && (
          <MessageBar intent="success">
            <MessageBarBody>{sent}</MessageBarBody>
          </MessageBar>
        )}
        <div className={styles.actions}>
          <Button type="submit" appearance="primary" disabled={sending}>
            {sending ? 'Sending…' : 'Send thanks'}
          </Button>
        </div>
      </form>
    </section>
  );
}
