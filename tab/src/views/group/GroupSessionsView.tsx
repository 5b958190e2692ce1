import { Badge, Button, Field, makeStyles, Spinner, Text, Textarea, tokens, typographyStyles } from '@fluentui/react-components';
import { PeopleCommunityRegular } from '@fluentui/react-icons';
import { useCallback, useState, type FormEvent } from 'react';
import type { GroupProgressResponse, GroupSessionResponse, GroupSessionSummary, MyGroupSessionsResponse } from '../../../../shared/api';
import type { ApiError } from '../../api/client';
import { getGroupProgress, getGroupSession, getMyGroupSessions, saveMyGroupPost } from '../../api/endpoints';
import { toApiError, useQuery } from '../../api/useQuery';
import { capitalise, useMe } from '../../shell/me';
import { useDates } from '../common/dates';
import { fieldError } from '../common/fieldErrors';
import { ErrorMessage, LoadState } from '../common/LoadState';
import { EmptyState } from '../EmptyState';
import { ViewHeading } from '../ViewHeading';

const useStyles = makeStyles({
  intro: { display: 'block', color: tokens.colorNeutralForeground2, marginBottom: tokens.spacingVerticalL },
  group: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    marginBottom: tokens.spacingVerticalL,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  name: { ...typographyStyles.subtitle1, margin: 0 },
  subtitle: { ...typographyStyles.body1Strong, margin: `${tokens.spacingVerticalS} 0 0` },
  muted: { color: tokens.colorNeutralForeground2 },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  post: { padding: tokens.spacingHorizontalM, borderRadius: tokens.borderRadiusMedium, backgroundColor: tokens.colorNeutralBackground1 },
  answer: { display: 'block', whiteSpace: 'pre-wrap', marginTop: tokens.spacingVerticalXS },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, alignItems: 'flex-start', marginTop: tokens.spacingVerticalM },
  field: { alignSelf: 'stretch' },
  table: { borderCollapse: 'collapse', '& th, & td': { textAlign: 'left', padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}` } },
});

/** seed 004: my coaching group's sessions (posts and thread replies, nothing ranked); PG admins also see progress by group. */
export default function GroupSessionsView({ itemId }: { itemId?: string }) {
  const me = useMe();
  const styles = useStyles();
  const groups = useQuery('group-sessions', getMyGroupSessions);
  const isAdmin = me.roles.includes('pg-admin');

  return (
    <>
      <ViewHeading>My group</ViewHeading>
      <Text className={styles.intro}>
        {/* Stour calls them "group check-ins": not "Group coaching group check-ins". */}
        Group coaching {me.vocabulary.checkIn.replace(/^group /i, '')}s: on each date a session card is posted in your group&apos;s channel or chat. Members share
        successes, strengths, barriers and developments and reply to each other. It is not a reporting exercise: nothing is ranked.
      </Text>
      <LoadState state={groups.state} onRetry={groups.reload} label="Loading your group…">
        {(data) =>
          data.groups.length === 0 ? (
            <EmptyState icon={<PeopleCommunityRegular />} title="You are not in a coaching group yet">
              Your PG administrator puts each team in a coaching group. Its sessions, posts and replies will appear here.
            </EmptyState>
          ) : (
            data.groups.map((g) => <Group key={g.id} group={g} initialSessionId={itemId} />)
          )
        }
      </LoadState>
      {isAdmin && <Progress />}
    </>
  );
}

function Group({ group, initialSessionId }: { group: MyGroupSessionsResponse['groups'][number]; initialSessionId?: string }) {
  const styles = useStyles();
  const dates = useDates();
  const [open, setOpen] = useState<string | undefined>(group.sessions.some((s) => s.id === initialSessionId) ? initialSessionId : undefined);
  const headingId = `group-${group.id}`;
  return (
    <section className={styles.group} aria-labelledby={headingId}>
      <div className={styles.row}>
        <h3 id={headingId} className={styles.name}>
          {group.name}
        </h3>
        {group.role !== 'member' && <Badge appearance="outline">{group.role === 'leader' ? 'You lead this group' : 'PG administrator'}</Badge>}
      </div>
      <Text className={styles.muted}>
        {group.leader ? `Led by ${group.leader.displayName}. ` : ''}Members: {group.members.map((m) => m.displayName).join(', ') || 'none yet'}.
      </Text>
      {group.sessions.length === 0 ? (
        <Text className={styles.muted}>No session has been posted yet.</Text>
      ) : (
        <ul className={styles.list}>
          {group.sessions.map((s) => (
            <li key={s.id}>
              <div className={styles.row}>
                <Text>
                  {s.title}
                  {s.date ? ` · ${dates.day(s.date)}` : ''} · {sessionLine(s)}
                </Text>
                {s.open && <Badge appearance="tint" color="brand">Open</Badge>}
                <Button size="small" aria-expanded={open === s.id} onClick={() => setOpen(open === s.id ? undefined : s.id)}>
                  {open === s.id ? 'Close' : 'Read the session'}
                </Button>
              </div>
              {open === s.id && <SessionPanel sessionId={s.id} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function sessionLine(s: GroupSessionSummary): string {
  const mine = s.iPosted ? 'you have posted' : s.open ? 'you have not posted yet' : 'you did not post';
  return `${mine}; ${s.replies} ${s.replies === 1 ? 'reply' : 'replies'} in the thread`;
}

function SessionPanel({ sessionId }: { sessionId: string }) {
  const styles = useStyles();
  const dates = useDates();
  const fetcher = useCallback(() => getGroupSession(sessionId), [sessionId]);
  const session = useQuery(`group-session:${sessionId}`, fetcher);
  return (
    <LoadState state={session.state} onRetry={session.reload} label="Loading the session…">
      {(data) => (
        <div>
          <h4 className={styles.subtitle}>Posts</h4>
          {data.posts.length === 0 && <Text className={styles.muted}>No one has posted yet.</Text>}
          <ul className={styles.list}>
            {data.posts.map((p) => (
              <li key={p.author.id} className={styles.post}>
                <Text weight="semibold">{p.author.displayName}</Text>
                {p.answers.map((a) => (
                  <Text key={a.id} className={styles.answer}>
                    <strong>{a.label}:</strong> {a.text}
                  </Text>
                ))}
              </li>
            ))}
          </ul>
          {data.notPostedYet.length > 0 && <Text className={styles.muted}>Not posted yet: {data.notPostedYet.map((p) => p.displayName).join(', ')}.</Text>}
          {data.role === 'member' && data.session.open && <MyPost session={data} onSaved={(saved) => session.set(() => saved)} />}
          <h4 className={styles.subtitle}>Replies in the thread</h4>
          {data.replies.length === 0 ? (
            <Text className={styles.muted}>No replies yet. Reply to the session card in Teams.</Text>
          ) : (
            <ul className={styles.list}>
              {data.replies.map((r, i) => (
                <li key={`${r.at}-${i}`}>
                  <Text weight="semibold">{r.author?.displayName ?? r.authorName}</Text> <Text className={styles.muted}>{dates.time(r.at)}</Text>
                  <Text className={styles.answer}>{r.text}</Text>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </LoadState>
  );
}

/** A member's own post, editable while the session is open; what they typed stays on a failed save. */
function MyPost({ session, onSaved }: { session: GroupSessionResponse; onSaved: (saved: GroupSessionResponse) => void }) {
  const me = useMe();
  const styles = useStyles();
  const mine = session.posts.find((p) => p.author.id === me.person.id);
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(session.fields.map((f) => [f.id, mine?.answers.find((a) => a.id === f.id)?.text ?? ''])));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError>();
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(undefined);
    try {
      onSaved(await saveMyGroupPost(session.session.id, values));
    } catch (cause) {
      setError(toApiError(cause));
    } finally {
      setSaving(false);
    }
  };
  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate aria-label="Your post">
      <h4 className={styles.subtitle}>{mine ? 'Your post (you can change it while the session is open)' : 'Your post'}</h4>
      {error && <ErrorMessage error={error} title="Your post was not saved" />}
      {session.fields.map((f) => (
        <Field key={f.id} className={styles.field} label={f.label} validationState={fieldError(error, f.id) ? 'error' : 'none'} validationMessage={fieldError(error, f.id)}>
          <Textarea value={values[f.id] ?? ''} onChange={(_, d) => setValues((v) => ({ ...v, [f.id]: d.value }))} maxLength={2000} resize="vertical" />
        </Field>
      ))}
      <Button type="submit" appearance="primary" disabled={saving}>
        {saving ? <Spinner size="tiny" label="Saving…" /> : mine ? 'Update my post' : 'Post to the group'}
      </Button>
    </form>
  );
}

function Progress() {
  const me = useMe();
  const styles = useStyles();
  const progress = useQuery('group-progress', getGroupProgress);
  return (
    <section aria-labelledby="group-progress">
      <h3 id="group-progress" className={styles.name}>
        {`${capitalise(me.vocabulary.checkIn)}s across coaching groups`}
      </h3>
      <Text className={styles.intro}>Sessions held and how many members posted in each. No one&apos;s answers are shown here.</Text>
      <LoadState state={progress.state} onRetry={progress.reload} label="Loading progress…">
        {(data) => <ProgressTable groups={data.groups} />}
      </LoadState>
    </section>
  );
}

function ProgressTable({ groups }: { groups: GroupProgressResponse['groups'] }) {
  const styles = useStyles();
  if (groups.length === 0) return <Text className={styles.muted}>No coaching groups yet. In a group&apos;s channel or chat, say “@Professional Growth coaching group NAME here”.</Text>;
  return (
    <table className={styles.table}>
      <thead>
        <tr>
          <th scope="col">Coaching group</th>
          <th scope="col">Members</th>
          <th scope="col">Sessions held</th>
          <th scope="col">Members posted, by session</th>
        </tr>
      </thead>
      <tbody>
        {groups.map((g) => (
          <tr key={g.id}>
            <th scope="row">{g.name}</th>
            <td>{g.members}</td>
            <td>{g.hasConversation ? g.sessionsHeld : 'no channel or chat yet'}</td>
            <td>{g.sessions.map((s) => `${s.title}: ${s.membersPosted} of ${s.members}`).join('; ') || '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
