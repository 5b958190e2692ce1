import {
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Text,
  Textarea,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { PeopleSwapRegular } from '@fluentui/react-icons';
import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../api/client';
import { getReviewerRecord, redelegate, searchPeople } from '../../api/endpoints';
import { toApiError, useQuery } from '../../api/useQuery';
import { formatHash } from '../../routing/routes';
import { capitalise, useMe } from '../../shell/me';
import { useDates } from '../common/dates';
import { fieldError, unclaimedErrors } from '../common/fieldErrors';
import { ErrorMessage, LoadState } from '../common/LoadState';
import { EmptyState } from '../EmptyState';
import { ViewHeading } from '../ViewHeading';

const useStyles = makeStyles({
  layout: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '48rem' },
  intro: { color: tokens.colorNeutralForeground2 },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, alignItems: 'flex-start' },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalM },
  stretch: { alignSelf: 'stretch' },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  box: {
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  title: { ...typographyStyles.subtitle1, margin: 0 },
  subtitle: { ...typographyStyles.body1Strong, margin: `${tokens.spacingVerticalS} 0 0` },
  muted: { color: tokens.colorNeutralForeground2 },
});

/** seed 000 §5: PG admins, and SMT leads for their own school, change who reviews someone, with a reason. */
export default function ReviewersView({ itemId }: { itemId?: string }) {
  const styles = useStyles();
  const me = useMe();
  return (
    <>
      <ViewHeading>{`${capitalise(me.vocabulary.reviewer)}s`}</ViewHeading>
      <div className={styles.layout}>
        <Text className={styles.intro}>
          Find a colleague to see who reviews and coaches them, and change it with a reason. The previous {me.vocabulary.reviewer} keeps what they
          reviewed and can finish a {me.vocabulary.checkIn} already sent to them; new ones go to the new {me.vocabulary.reviewer}. Everyone concerned is told.
        </Text>
        <PersonSearch label="Colleague" onPick={(id) => (window.location.hash = formatHash({ view: 'reviewers', itemId: id }))} />
        {itemId ? <ReviewerRecord key={itemId} personId={itemId} /> : <EmptyState icon={<PeopleSwapRegular />} title="Nobody chosen yet">Search by name or email above.</EmptyState>}
      </div>
    </>
  );
}

/** Name or email → the matching colleagues, one button each. */
function PersonSearch({ label, onPick }: { label: string; onPick: (personId: string, displayName: string) => void }) {
  const styles = useStyles();
  const [text, setText] = useState('');
  const [results, setResults] = useState<Awaited<ReturnType<typeof searchPeople>>>();
  const [error, setError] = useState<ApiError>();
  const onSearch = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      setResults(await searchPeople(text.trim()));
    } catch (cause) {
      setError(toApiError(cause));
    }
  };
  return (
    <div className={styles.form}>
      <form className={styles.row} onSubmit={(e) => void onSearch(e)} noValidate role="search" aria-label={label}>
        <Field label={label} validationState={fieldError(error, 'q') ? 'error' : 'none'} validationMessage={fieldError(error, 'q')}>
          <Input value={text} onChange={(_, d) => setText(d.value)} placeholder="Name or email" />
        </Field>
        <Button type="submit">Search</Button>
      </form>
      {error && !fieldError(error, 'q') && <ErrorMessage error={error} />}
      {results && results.length === 0 && <Text className={styles.muted}>Nobody matches “{text}”.</Text>}
      {results && results.length > 0 && (
        <ul className={styles.list} aria-label={`${label}: matches`}>
          {results.map((r) => (
            <li key={r.person.id}>
              <Button appearance="subtle" onClick={() => onPick(r.person.id, r.person.displayName)}>
                {r.person.displayName} · {r.person.school || 'no school'} · {r.person.roleCategory}
                {r.reviewer ? ` · reviewed by ${r.reviewer.displayName}` : ''}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ReviewerRecord({ personId }: { personId: string }) {
  const styles = useStyles();
  const dates = useDates();
  const record = useQuery(`reviewer:${personId}`, () => getReviewerRecord(personId));
  return (
    <LoadState state={record.state} onRetry={record.reload} label="Loading…">
      {(data) => (
        <section className={styles.box} aria-label={data.person.displayName}>
          <h3 className={styles.title}>{data.person.displayName}</h3>
          <Text className={styles.muted}>
            {data.person.school || 'No school'} · {data.person.roleCategory}
            {data.person.workingPattern ? ` · ${data.person.workingPattern}` : ''}
            {data.person.startedOn ? ` · started ${data.person.startedOn}` : ''}
            {data.person.contractEndsOn ? ` · contract ends ${data.person.contractEndsOn}` : ''}
          </Text>
          <Text>
            Reviewer: <strong>{data.reviewer?.displayName ?? 'nobody'}</strong> · Coach: <strong>{data.coach?.displayName ?? 'nobody'}</strong>
          </Text>
          {data.handovers.some((h) => !h.doneAt) && (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>Final check-in before the move</MessageBarTitle>
                {data.handovers
                  .filter((h) => !h.doneAt)
                  .map((h) => `${h.reviewer.displayName} (${h.fromSchool || 'previous post'} → ${h.toSchool || 'new post'}), asked ${dates.time(h.requestedAt)}`)
                  .join('; ')}
              </MessageBarBody>
            </MessageBar>
          )}
          {data.history.length > 0 && (
            <>
              <h4 className={styles.subtitle}>History</h4>
              <ul className={styles.list}>
                {data.history
                  .slice()
                  .reverse()
                  .map((h, i) => (
                    <li key={i}>
                      {dates.time(h.until)}: {h.role} {h.person?.displayName ?? 'nobody'} → {h.next?.displayName ?? 'nobody'} — {h.reason}
                    </li>
                  ))}
              </ul>
            </>
          )}
          {data.canRedelegate ? <RedelegateForm personId={personId} onDone={record.reload} /> : <Text className={styles.muted}>Only a PG administrator or an SMT lead of their school can change this.</Text>}
        </section>
      )}
    </LoadState>
  );
}

type Preview = Awaited<ReturnType<typeof redelegate>>['preview'];

function RedelegateForm({ personId, onDone }: { personId: string; onDone: () => void }) {
  const styles = useStyles();
  const me = useMe();
  const [role, setRole] = useState<'reviewer' | 'coach'>('reviewer');
  const [to, setTo] = useState<{ id: string; displayName: string } | null>(null);
  const [reason, setReason] = useState('');
  const [school, setSchool] = useState('');
  const [preview, setPreview] = useState<Preview>();
  const [done, setDone] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const request = () => ({ role, toPersonId: to?.id ?? null, reason: reason.trim(), school: school.trim() || undefined });

  const run = async (call: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await call();
    } catch (cause) {
      setError(toApiError(cause));
    } finally {
      setBusy(false);
    }
  };
  const onPreview = () => {
    setDone(undefined);
    void run(async () => setPreview((await redelegate(personId, { ...request(), dryRun: true })).preview));
  };
  const onConfirm = () =>
    void run(async () => {
      const result = await redelegate(personId, { ...request(), digest: preview?.digest });
      setPreview(undefined);
      setDone(result.announcement);
      onDone();
    });
  const claimed = (path: string) => ['reason', 'toPersonId', 'school', 'role'].includes(path);

  return (
    // Not a <form>: it holds the people search, which is one (forms cannot nest).
    <div className={styles.form} role="group" aria-label="Change who reviews them">
      <h4 className={styles.subtitle}>Change who reviews them</h4>
      {done && (
        <MessageBar intent="success">
          <MessageBarBody>{done}</MessageBarBody>
        </MessageBar>
      )}
      {error && error.errors.length === 0 && <ErrorMessage error={error} />}
      {unclaimedErrors(error, claimed).map((m) => (
        <Text key={m}>{m}</Text>
      ))}
      <Field label="Which role" validationState={fieldError(error, 'role') ? 'error' : 'none'} validationMessage={fieldError(error, 'role')}>
        <Select value={role} onChange={(_, d) => setRole(d.value === 'coach' ? 'coach' : 'reviewer')}>
          <option value="reviewer">{capitalise(me.vocabulary.reviewer)}</option>
          <option value="coach">Coach</option>
        </Select>
      </Field>
      <Field label={`New ${role === 'coach' ? 'coach' : me.vocabulary.reviewer}`} validationState={fieldError(error, 'toPersonId') ? 'error' : 'none'} validationMessage={fieldError(error, 'toPersonId')}>
        <Text>{to ? to.displayName : 'Nobody chosen (leaves the role empty)'}</Text>
      </Field>
      <PersonSearch label={`Find the new ${role === 'coach' ? 'coach' : me.vocabulary.reviewer}`} onPick={(id, displayName) => setTo({ id, displayName })} />
      <Field className={styles.stretch} label="Reason" required validationState={fieldError(error, 'reason') ? 'error' : 'none'} validationMessage={fieldError(error, 'reason')}>
        <Textarea value={reason} onChange={(_, d) => setReason(d.value)} maxLength={500} />
      </Field>
      <Field label="New school, if they also move post (optional)" validationState={fieldError(error, 'school') ? 'error' : 'none'} validationMessage={fieldError(error, 'school')}>
        <Input value={school} onChange={(_, d) => setSchool(d.value)} />
      </Field>
      <Button disabled={busy} onClick={onPreview}>
        Preview
      </Button>
      {preview && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Check and confirm</MessageBarTitle>
            <ul className={styles.list}>
              {preview.lines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
            <Button appearance="primary" disabled={busy} onClick={onConfirm} style={{ marginTop: tokens.spacingVerticalS }}>
              Confirm
            </Button>
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
