// The March career conversation in the tab (seed 000 Appendix 4): the reviewer records the 1:1 and
// its route for each reviewee; everyone sees the follow-ups that are theirs (open or closed, due
// dates, overdue flagged) and closes them with a note; the reviewee reads their record and comments.
// A refused save keeps everything typed and names what to fix beside its field.
import { Badge, Button, Field, Input, Link, makeStyles, MessageBar, MessageBarBody, Radio, RadioGroup, Text, Textarea, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { CareerConversationResponse, FollowUpDto } from '../../../../shared/api';
import type { ApiError } from '../../api/client';
import { closeFollowUp, commentOnCareerConversation, getCareerConversation, getFollowUps, getTeam, recordCareerConversation } from '../../api/endpoints';
import { toApiError, useQuery } from '../../api/useQuery';
import { formatHash } from '../../routing/routes';
import { useMe } from '../../shell/me';
import { fieldError, unclaimedErrors } from '../common/fieldErrors';
import { LoadState } from '../common/LoadState';
import { ViewHeading } from '../ViewHeading';
import { panelStyles } from '../common/panelStyles';

const useStyles = makeStyles({
  ...panelStyles,
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  pre: { whiteSpace: 'pre-wrap', margin: 0 },
});

function Problem({ error, claimed }: { error?: ApiError; claimed: string[] }) {
  if (!error) return null;
  const other = unclaimedErrors(error, (path) => claimed.some((c) => path === c || path.startsWith(`${c}.`)));
  const words = [error.errors.length === 0 ? (error.detail ?? error.title) : '', ...other].filter(Boolean).join(' ');
  if (!words) return null;
  return (
    <MessageBar intent="error">
      <MessageBarBody>{words}</MessageBarBody>
    </MessageBar>
  );
}

function Saved({ text }: { text?: string }) {
  if (!text) return null;
  return (
    <MessageBar intent="success">
      <MessageBarBody>{text}</MessageBarBody>
    </MessageBar>
  );
}

// ── The reviewer's record ───────────────────────────────────────────────────────────────────

function RecordForm({ career, onSaved }: { career: CareerConversationResponse; onSaved: (next: CareerConversationResponse) => void }) {
  const styles = useStyles();
  const [values, setValues] = useState({ route: career.conversation?.route ?? '', meetingOn: career.conversation?.meetingOn ?? '', notes: career.conversation?.notes ?? '' });
  const [error, setError] = useState<ApiError>();
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setSaved(undefined);
    try {
      const next = await recordCareerConversation(career.person.id, { route: values.route, notes: values.notes, ...(values.meetingOn.trim() ? { meetingOn: values.meetingOn.trim() } : {}) });
      setError(undefined);
      setSaved(`Recorded: ${next.conversation?.routeLabel ?? ''}. ${career.person.displayName} has been sent it.`);
      onSaved(next);
    } catch (cause) {
      setError(toApiError(cause));
    } finally {
      setSaving(false);
    }
  };
  return (
    <form className={styles.form} onSubmit={submit} noValidate>
      <Field label="Route" required validationMessage={fieldError(error, 'route')}>
        <RadioGroup value={values.route} onChange={(_, d) => setValues({ ...values, route: d.value })}>
          {career.routes.map((r) => (
            <Radio
              key={r.key}
              value={r.key}
              label={`${r.label} — ${r.followUps.map((f) => `${f.text} (${f.owner === 'recruitment' ? 'recruitment team' : f.owner}, ${f.atEndOfCycle ? 'end of cycle' : `${f.dueDays} days`})`).join('; ') || 'no follow-ups'}`}
            />
          ))}
        </RadioGroup>
      </Field>
      <Field label="Date of the 1:1 career conversation" required hint="YYYY-MM-DD, today or earlier" validationMessage={fieldError(error, 'meetingOn')}>
        <Input value={values.meetingOn} onChange={(_, d) => setValues({ ...values, meetingOn: d.value })} />
      </Field>
      <Field label={`Notes (optional; ${career.person.displayName} sees them)`} validationMessage={fieldError(error, 'notes')}>
        <Textarea value={values.notes} resize="vertical" onChange={(_, d) => setValues({ ...values, notes: d.value })} />
      </Field>
      <Problem error={error} claimed={['route', 'meetingOn', 'notes']} />
      <Saved text={saved} />
      <div>
        <Button appearance="primary" type="submit" disabled={saving}>
          {saving ? 'Saving…' : career.conversation ? 'Record again' : 'Record the conversation'}
        </Button>
      </div>
    </form>
  );
}

// ── The reviewee's comment ──────────────────────────────────────────────────────────────────

function CommentForm({ career, onSaved }: { career: CareerConversationResponse; onSaved: (next: CareerConversationResponse) => void }) {
  const styles = useStyles();
  const [text, setText] = useState(career.comment?.text ?? '');
  const [error, setError] = useState<ApiError>();
  const [saved, setSaved] = useState<string>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      onSaved(await commentOnCareerConversation(career.person.id, text));
      setError(undefined);
      setSaved('Your comment has been sent.');
    } catch (cause) {
      setSaved(undefined);
      setError(toApiError(cause));
    }
  };
  return (
    <form className={styles.form} onSubmit={submit} noValidate>
      <Field label={`Your comment (${career.reviewer?.displayName ?? 'your reviewer'} sees it)`} validationMessage={fieldError(error, 'text')}>
        <Textarea value={text} resize="vertical" onChange={(_, d) => setText(d.value)} />
      </Field>
      <Problem error={error} claimed={['text']} />
      <Saved text={saved} />
      <div>
        <Button type="submit">{career.comment ? 'Update my comment' : 'Send my comment'}</Button>
      </div>
    </form>
  );
}

function Conversation({ personId }: { personId: string }) {
  const styles = useStyles();
  const query = useQuery(`career:${personId}`, () => getCareerConversation(personId));
  return (
    <LoadState state={query.state} onRetry={query.reload} label="Loading the career conversation…">
      {(career) => (
        <section className={styles.section} aria-label={`Career conversation: ${career.person.displayName}`}>
          <h3 className={styles.title}>{career.canRecord ? `Career conversation: ${career.person.displayName}` : 'My career conversation'}</h3>
          {career.conversation ? (
            <>
              <Text weight="semibold">{career.conversation.routeLabel}</Text>
              {career.conversation.meetingOn && <Text className={styles.muted}>1:1 on {career.conversation.meetingOn}</Text>}
              {career.conversation.notes && <Text as="p" className={styles.pre}>{career.conversation.notes}</Text>}
            </>
          ) : (
            <Text className={styles.muted}>{career.canRecord ? 'Not recorded yet.' : `${career.reviewer?.displayName ?? 'Your reviewer'} records your career conversation here after your 1:1.`}</Text>
          )}
          {career.followUps.length > 0 && <FollowUpList followUps={career.followUps} onClosed={query.reload} />}
          {career.comment && career.canRecord && <Text>Their comment: {career.comment.text}</Text>}
          {career.canRecord && <RecordForm career={career} onSaved={(next) => query.set(() => next)} />}
          {career.canComment && <CommentForm career={career} onSaved={(next) => query.set(() => next)} />}
        </section>
      )}
    </LoadState>
  );
}

// ── Follow-ups ──────────────────────────────────────────────────────────────────────────────

function CloseForm({ followUp, onClosed }: { followUp: FollowUpDto; onClosed: () => void }) {
  const styles = useStyles();
  const [note, setNote] = useState('');
  const [error, setError] = useState<ApiError>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await closeFollowUp(followUp.id, note);
      setError(undefined);
      onClosed();
    } catch (cause) {
      setError(toApiError(cause));
    }
  };
  return (
    <form className={styles.form} onSubmit={submit} noValidate>
      <Field label="What was done (needed to close it)" required validationMessage={fieldError(error, 'note')}>
        <Textarea value={note} resize="vertical" onChange={(_, d) => setNote(d.value)} />
      </Field>
      <Problem error={error} claimed={['note']} />
      <div>
        <Button type="submit">Close with this note</Button>
      </div>
    </form>
  );
}

function FollowUpList({ followUps, onClosed, showPerson }: { followUps: FollowUpDto[]; onClosed: () => void; showPerson?: boolean }) {
  const styles = useStyles();
  return (
    <ul className={styles.list}>
      {followUps.map((f) => (
        <li key={f.id}>
          <div className={styles.row}>
            <Text weight="semibold">{f.text}</Text>
            {f.stayInterview && <Badge appearance="outline">Stay interview</Badge>}
            {f.overdue && <Badge color="danger">Overdue</Badge>}
            {f.status === 'closed' && <Badge color="success">Closed</Badge>}
          </div>
          <Text className={styles.muted}>
            {showPerson ? `About ${f.person.displayName} · ` : ''}
            {f.ownerName} · due {f.dueOn} · {f.routeLabel}
          </Text>
          {f.status === 'closed' && (
            <Text as="p" className={styles.pre}>
              Closed by {f.closedBy?.displayName ?? 'the system'}: {f.closedNote}
            </Text>
          )}
          {f.canClose && <CloseForm followUp={f} onClosed={onClosed} />}
        </li>
      ))}
    </ul>
  );
}

function MyFollowUps() {
  const styles = useStyles();
  const query = useQuery('follow-ups', getFollowUps);
  const [showClosed, setShowClosed] = useState(false);
  return (
    <LoadState state={query.state} onRetry={query.reload} label="Loading follow-ups…">
      {({ followUps }) => {
        const shown = followUps.filter((f) => showClosed || f.status === 'open');
        if (followUps.length === 0) return null;
        return (
          <section className={styles.section} aria-label="Follow-ups">
            <h3 className={styles.title}>Follow-ups</h3>
            <div>
              <Button appearance="subtle" onClick={() => setShowClosed(!showClosed)}>
                {showClosed ? 'Show open only' : `Show closed too (${followUps.length - followUps.filter((f) => f.status === 'open').length})`}
              </Button>
            </div>
            {shown.length === 0 ? <Text className={styles.muted}>Nothing open.</Text> : <FollowUpList followUps={shown} onClosed={query.reload} showPerson />}
          </section>
        );
      }}
    </LoadState>
  );
}

function MyReviewees() {
  const styles = useStyles();
  const query = useQuery('team', getTeam);
  return (
    <LoadState state={query.state} onRetry={query.reload} label="Loading your team…">
      {(team) => {
        const reviewees = team.members.filter((m) => m.relationship === 'reviewer');
        if (reviewees.length === 0) return null;
        return (
          <section className={styles.section} aria-label="My team's career conversations">
            <h3 className={styles.title}>My team&apos;s career conversations</h3>
            <ul className={styles.list}>
              {reviewees.map((m) => (
                <li key={m.person.id}>
                  <Link href={formatHash({ view: 'career', itemId: m.person.id })}>{m.person.displayName}</Link>
                </li>
              ))}
            </ul>
          </section>
        );
      }}
    </LoadState>
  );
}

export default function CareerView({ personId }: { personId?: string }) {
  const me = useMe();
  if (personId && personId !== me.person.id) {
    return (
      <>
        <ViewHeading>Career conversation</ViewHeading>
        <Link href={formatHash({ view: 'career' })}>Back to career conversations</Link>
        <Conversation personId={personId} />
      </>
    );
  }
  return (
    <>
      <ViewHeading>Career</ViewHeading>
      <Conversation personId={me.person.id} />
      {me.isReviewer && <MyReviewees />}
      <MyFollowUps />
    </>
  );
}
