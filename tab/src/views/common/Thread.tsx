import { Button, Field, makeStyles, Spinner, Text, Textarea, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../api/client';
import { getThread, postComment, type ThreadKind } from '../../api/endpoints';
import { toApiError, useQuery } from '../../api/useQuery';
import { useDates } from './dates';
import { fieldError } from './fieldErrors';
import { ErrorMessage, LoadState } from './LoadState';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  comment: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  meta: { color: tokens.colorNeutralForeground2 },
  text: { display: 'block', margin: 0, whiteSpace: 'pre-wrap' },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, alignItems: 'flex-start' },
  field: { alignSelf: 'stretch' },
});

/** A feedback thread on a check-in or a rock: the conversation, oldest first, and a reply box. */
export function Thread({ kind, subjectId, label, canReply = true }: { kind: ThreadKind; subjectId: string; label: string; /** False hides the reply box (a form elsewhere takes the first reply). */ canReply?: boolean }) {
  const styles = useStyles();
  const dates = useDates();
  const thread = useQuery(`thread:${kind}:${subjectId}`, () => getThread(kind, subjectId));
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<ApiError>();

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '') return;
    setSending(true);
    setError(undefined);
    try {
      const comment = await postComment(kind, subjectId, text.trim());
      thread.set((t) => ({ ...t, items: [...t.items.filter((c) => c.id !== comment.id), comment] }));
      setText('');
    } catch (cause) {
      setError(toApiError(cause)); // the reply stays in the box
    } finally {
      setSending(false);
    }
  };

  return (
    <section className={styles.root} aria-label={label}>
      <LoadState state={thread.state} onRetry={thread.reload} label="Loading the conversation…">
        {(data) => (
          <>
            {data.items.length === 0 ? (
              <Text className={styles.meta}>No feedback yet.</Text>
            ) : (
              <ol className={styles.list}>
                {data.items.map((c) => (
                  <li key={c.id} className={styles.comment}>
                    <Text size={200} className={styles.meta}>
                      <strong>{c.author.displayName}</strong> · {dates.time(c.createdAt)}
                    </Text>
                    <Text as="p" className={styles.text}>
                      {c.text}
                    </Text>
                  </li>
                ))}
              </ol>
            )}
            {data.canComment && canReply && (
              <form className={styles.form} onSubmit={onSubmit} noValidate>
                {error && error.errors.length === 0 && <ErrorMessage error={error} title="Your reply was not sent" />}
                <Field
                  className={styles.field}
                  label="Reply"
                  validationState={fieldError(error, 'text') ? 'error' : 'none'}
                  validationMessage={fieldError(error, 'text')}
                >
                  <Textarea value={text} onChange={(_, d) => setText(d.value)} maxLength={2000} resize="vertical" />
                </Field>
                <Button type="submit" appearance="primary" disabled={sending || text.trim() === ''}>
                  {sending ? <Spinner size="tiny" label="Sending…" /> : 'Send reply'}
                </Button>
              </form>
            )}
          </>
        )}
      </LoadState>
    </section>
  );
}
