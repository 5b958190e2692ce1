// 360-degree feedback (seed 000 §8, §11.2) in the Reviews view: ask named colleagues about one of
// my rocks (or my year), read their answers, and answer what I was asked. Self-contained: its own
// queries, no routes. A refused save keeps what was typed and puts the reason beside the field.
import { Badge, Button, Field, Input, makeStyles, MessageBar, MessageBarBody, Select, Text, Textarea, tokens, typographyStyles } from '@fluentui/react-components';
import { useEffect, useState, type FormEvent } from 'react';
import type { FeedbackRequestDto } from '../../../../shared/api/yearReviews';
import type { ApiError } from '../../api/client';
import { getRocks } from '../../api/endpoints';
import { answerFeedback, askForFeedback, declineFeedback, getFeedbackRequests, searchFeedbackColleagues } from '../../api/feedbackRequests';
import { toApiError, useQuery } from '../../api/useQuery';
import { useMe } from '../../shell/me';
import { useDates } from '../common/dates';
import { fieldError, unclaimedErrors } from '../common/fieldErrors';
import { LoadState } from '../common/LoadState';

const ANSWER_MAX = 4000;
const QUESTION_MAX = 1000;
const WHOLE_YEAR = '';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  title: { ...typographyStyles.subtitle2, margin: 0 },
  muted: { color: tokens.colorNeutralForeground2 },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  item: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  pre: { whiteSpace: 'pre-wrap', margin: 0 },
});

function ProblemBar({ error, claimed }: { error: ApiError | undefined; claimed: string[] }) {
  if (!error) return null;
  const other = unclaimedErrors(error, (path) => claimed.includes(path));
  const text = [error.errors.length === 0 ? (error.detail ?? error.title) : '', ...other].filter(Boolean).join(' ');
  if (!text) return null;
  return (
    <MessageBar intent="error">
      <MessageBarBody>{text}</MessageBarBody>
    </MessageBar>
  );
}

function Saved({ text }: { text: string | undefined }) {
  if (!text) return null;
  return (
    <MessageBar intent="success">
      <MessageBarBody>{text}</MessageBarBody>
    </MessageBar>
  );
}

type Colleague = { id: string; displayName: string; school: string };

/** Type a name; matching colleagues appear as buttons to add. */
function ColleaguePicker({ chosen, onChange, error }: { chosen: Colleague[]; onChange: (next: Colleague[]) => void; error: string | undefined }) {
  const styles = useStyles();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Colleague[]>([]);
  useEffect(() => {
    const text = q.trim();
    if (text.length < 2) {
      setFound([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      searchFeedbackColleagues(text).then(
        (items) => current && setFound(items),
        () => current && setFound([]),
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [q]);
  const add = (c: Colleague) => {
    if (!chosen.some((x) => x.id === c.id)) onChange([...chosen, c]);
    setQ('');
    setFound([]);
  };
  return (
    <>
      <Field label="Colleagues to ask" required validationMessage={error} hint="Type at least two letters of a name">
        <Input value={q} onChange={(_, d) => setQ(d.value)} placeholder="Start typing a colleague's name" />
      </Field>
      {found.length > 0 && (
        <ul className={styles.list} aria-label="Matching colleagues">
          {found.map((c) => (
            <li key={c.id}>
              <Button size="small" onClick={() => add(c)} disabled={chosen.some((x) => x.id === c.id)}>
                Add {c.displayName}
                {c.school ? ` (${c.school})` : ''}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {chosen.length > 0 && (
        <div className={styles.row} aria-label="Colleagues chosen">
          {chosen.map((c) => (
            <Button key={c.id} size="small" appearance="subtle" aria-label={`Remove ${c.displayName}`} onClick={() => onChange(chosen.filter((x) => x.id !== c.id))}>
              {c.displayName} ✕
            </Button>
          ))}
        </div>
      )}
    </>
  );
}

function AskForm({ onAsked }: { onAsked: (lists: Awaited<ReturnType<typeof askForFeedback>>) => void }) {
  const styles = useStyles();
  const me = useMe();
  const rocks = useQuery(`feedback-rocks:${me.person.id}`, () => getRocks(me.person.id));
  const [chosen, setChosen] = useState<Colleague[]>([]);
  const [rockId, setRockId] = useState(WHOLE_YEAR);
  const [question, setQuestion] = useState('');
  const [error, setError] = useState<ApiError>();
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string>();
  const myRocks = rocks.state.status === 'ready' ? rocks.state.data.filter((r) => !me.cycle || r.cycleId === me.cycle.id) : [];
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setSaved(undefined);
    try {
      onAsked(await askForFeedback({ askedPersonIds: chosen.map((c) => c.id), ...(rockId ? { rockId } : {}), question }));
      setError(undefined);
      setSaved(`Asked ${chosen.map((c) => c.displayName).join(', ')}. Their answers will appear below.`);
      setChosen([]);
      setQuestion('');
    } catch (cause) {
      setError(toApiError(cause));
    } finally {
      setSaving(false);
    }
  };
  return (
    <form className={styles.form} onSubmit={submit} noValidate>
      <ColleaguePicker chosen={chosen} onChange={setChosen} error={fieldError(error, 'askedPersonIds')} />
      <Field label="About" validationMessage={fieldError(error, 'rockId')}>
        <Select value={rockId} onChange={(_, d) => setRockId(d.value)}>
          {myRocks.map((r) => (
            <option key={r.id} value={r.id}>
              {r.title}
            </option>
          ))}
          <option value={WHOLE_YEAR}>My year as a whole</option>
        </Select>
      </Field>
      <Field label="Your question (optional)" validationMessage={fieldError(error, 'question')}>
        <Textarea value={question} maxLength={QUESTION_MAX} resize="vertical" onChange={(_, d) => setQuestion(d.value)} />
      </Field>
      <ProblemBar error={error} claimed={['askedPersonIds', 'rockId', 'question']} />
      <Saved text={saved} />
      <div>
        <Button appearance="primary" type="submit" disabled={saving}>
          {saving ? 'Asking…' : 'Ask for feedback'}
        </Button>
      </div>
    </form>
  );
}

function About({ request }: { request: FeedbackRequestDto }) {
  const me = useMe();
  return <Text>{request.rockTitle ? `About the ${me.vocabulary.rock} “${request.rockTitle}”` : 'About the year as a whole'}</Text>;
}

function AskedByMe({ request }: { request: FeedbackRequestDto }) {
  const styles = useStyles();
  const dates = useDates();
  return (
    <li className={styles.item}>
      <div className={styles.row}>
        <Text weight="semibold">{request.asked.displayName}</Text>
        {request.answeredAt ? <Badge color="success">Answered</Badge> : request.declinedAt ? <Badge color="informative">Declined</Badge> : <Badge appearance="outline">Waiting</Badge>}
      </div>
      <About request={request} />
      {request.question && <Text className={styles.muted}>You asked: “{request.question}”</Text>}
      {request.answer !== undefined && request.answeredAt ? (
        <Text as="p" className={styles.pre}>
          {request.answer}
        </Text>
      ) : request.declinedAt ? (
        <Text className={styles.muted}>Can't give feedback this time — you could ask someone else.</Text>
      ) : (
        <Text className={styles.muted}>Asked {dates.day(request.createdAt)}</Text>
      )}
    </li>
  );
}

function AskedOfMe({ request, onChange }: { request: FeedbackRequestDto; onChange: (next: FeedbackRequestDto) => void }) {
  const styles = useStyles();
  const [answer, setAnswer] = useState(request.answer ?? '');
  const [editing, setEditing] = useState(request.answeredAt === undefined && request.declinedAt === undefined);
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string>();
  const act = async (action: () => Promise<FeedbackRequestDto>, done: string) => {
    setBusy(true);
    setSaved(undefined);
    try {
      onChange(await action());
      setError(undefined);
      setEditing(false);
      setSaved(done);
    } catch (cause) {
      setError(toApiError(cause));
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void act(() => answerFeedback(request.id, answer), `Sent to ${request.person.displayName}.`);
  };
  return (
    <li className={styles.item}>
      <Text weight="semibold">{request.person.displayName} asked you</Text>
      <About request={request} />
      {request.question && <Text>“{request.question}”</Text>}
      {editing ? (
        <form className={styles.form} onSubmit={submit} noValidate>
          <Field label="Your feedback" required validationMessage={fieldError(error, 'answer')}>
            <Textarea value={answer} maxLength={ANSWER_MAX} resize="vertical" onChange={(_, d) => setAnswer(d.value)} />
          </Field>
          <ProblemBar error={error} claimed={['answer']} />
          <div className={styles.row}>
            <Button appearance="primary" type="submit" disabled={busy}>
              {request.answeredAt ? 'Save my changes' : 'Send my feedback'}
            </Button>
            {!request.answeredAt && !request.declinedAt && (
              <Button disabled={busy} onClick={() => void act(() => declineFeedback(request.id), `${request.person.displayName} will hear you can't this time.`)}>
                Decline
              </Button>
            )}
          </div>
        </form>
      ) : (
        <>
          {request.answeredAt ? (
            <>
              <Text className={styles.muted}>Sent to {request.person.displayName}:</Text>
              <Text as="p" className={styles.pre}>
                {request.answer}
              </Text>
            </>
          ) : (
            <Text className={styles.muted}>You declined this request.</Text>
          )}
          <ProblemBar error={error} claimed={[]} />
          <div>
            <Button size="small" onClick={() => setEditing(true)}>
              {request.answeredAt ? 'Edit' : 'Answer after all'}
            </Button>
          </div>
        </>
      )}
      <Saved text={saved} />
    </li>
  );
}

/** The person's 360 feedback for the current cycle: what they asked, and what they were asked. */
export function FeedbackPanel() {
  const styles = useStyles();
  const me = useMe();
  const query = useQuery(`feedback-requests:${me.person.id}`, getFeedbackRequests);
  const replace = (next: FeedbackRequestDto) => query.set((lists) => ({ ...lists, askedOfMe: lists.askedOfMe.map((r) => (r.id === next.id ? next : r)) }));
  return (
    <div className={styles.panel}>
      <section className={styles.section} aria-labelledby="feedback-ask">
        <h3 id="feedback-ask" className={styles.title}>
          Ask colleagues for feedback
        </h3>
        <Text className={styles.muted}>They get a card in Teams with your question. Their answers come back to you and go into your review.</Text>
        <AskForm onAsked={(lists) => query.set(() => lists)} />
      </section>
      <LoadState state={query.state} onRetry={query.reload} label="Loading feedback">
        {(lists) => (
          <>
            <section className={styles.section} aria-labelledby="feedback-asked-by-me">
              <h3 id="feedback-asked-by-me" className={styles.title}>
                Feedback I asked for
              </h3>
              {lists.askedByMe.length === 0 ? (
                <Text className={styles.muted}>You haven't asked anyone yet this cycle.</Text>
              ) : (
                <ul className={styles.list}>
                  {lists.askedByMe.map((r) => (
                    <AskedByMe key={r.id} request={r} />
                  ))}
                </ul>
              )}
            </section>
            <section className={styles.section} aria-labelledby="feedback-asked-of-me">
              <h3 id="feedback-asked-of-me" className={styles.title}>
                Feedback colleagues asked me for
              </h3>
              {lists.askedOfMe.length === 0 ? (
                <Text className={styles.muted}>No one has asked you for feedback this cycle.</Text>
              ) : (
                <ul className={styles.list}>
                  {lists.askedOfMe.map((r) => (
                    <AskedOfMe key={r.id} request={r} onChange={replace} />
                  ))}
                </ul>
              )}
            </section>
          </>
        )}
      </LoadState>
    </div>
  );
}
