// Issue 16, PG administrators: subject access and erasure (UK GDPR) for one person — pick them,
// download everything held about them (a page or JSON; audited, and they see it among who viewed
// their record), preview what an erasure deletes and anonymises, type their name to confirm and
// erase. A legal hold refuses the erasure, and the refusal says so.
import { Button, Field, Input, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Text, Textarea, tokens, typographyStyles } from '@fluentui/react-components';
import { ArrowDownloadRegular, PersonLockRegular } from '@fluentui/react-icons';
import { useEffect, useRef, useState } from 'react';
import type { ErasurePreview, ErasureResponse } from '../../../../shared/api/dataExport';
import type { ApiError } from '../../api/client';
import { searchPeople } from '../../api/endpoints';
import { toApiError } from '../../api/useQuery';
import { useMe } from '../../shell/me';
import { ColleaguePicker, type Colleague } from '../common/ColleaguePicker';
import { ErrorMessage } from '../common/LoadState';
import { EmptyState } from '../EmptyState';
import { ViewHeading } from '../ViewHeading';
import { downloadDataExport, erasePerson, getErasurePreview } from './subjectAccessApi';

const useStyles = makeStyles({
  layout: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL, maxWidth: '44rem' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  title: { ...typographyStyles.subtitle1, margin: 0 },
  muted: { color: tokens.colorNeutralForeground2 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
  counts: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

/** Collections as an administrator calls them: one, and more than one. */
const KINDS: Record<string, [string, string]> = {
  people: ['directory entry', 'directory entries'],
  checkIns: ['check-in', 'check-ins'],
  rocks: ['rock', 'rocks'],
  praise: ['thank-you (praise)', 'thank-yous (praise)'],
  comments: ['feedback-thread comment', 'feedback-thread comments'],
  pendingThanks: ['thank-you waiting for a colleague', 'thanks waiting for a colleague'],
  feedbackRequests: ['360 feedback request', '360 feedback requests'],
  yearReviews: ['review', 'reviews'],
  yearReviewRecords: ['review record or support plan', 'review records and support plans'],
  surveyResponses: ['survey answer', 'survey answers'],
  careerConversations: ['career conversation', 'career conversations'],
  careerComments: ['career comment', 'career comments'],
  followUps: ['follow-up', 'follow-ups'],
  growthRecords: ['growth record', 'growth records'],
  auditLog: ['audit entry', 'audit entries'],
  recordViews: ['record view', 'record views'],
  legalHolds: ['legal hold', 'legal holds'],
  conversationReferences: ['Teams chat link', 'Teams chat links'],
  outboxJobs: ['queued message', 'queued messages'],
};
const kindOf = (collection: string, n: number) => KINDS[collection]?.[n === 1 ? 0 : 1] ?? collection.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

function Counts({ label, counts }: { label: string; counts: Record<string, number> }) {
  const styles = useStyles();
  const entries = Object.entries(counts);
  return (
    <div>
      <Text weight="semibold">{label}</Text>
      {entries.length === 0 ? (
        <Text className={styles.muted}> nothing</Text>
      ) : (
        <ul className={styles.counts}>
          {entries.map(([collection, n]) => (
            <li key={collection}>
              {n} {kindOf(collection, n)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const sameName = (typed: string, name: string) => typed.trim().replace(/\s+/g, ' ').toLowerCase() === name.trim().replace(/\s+/g, ' ').toLowerCase();

/** The erasure's outcome, focused when it appears (the form and the button that had focus are gone). */
function Erased({ name }: { name: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <MessageBar intent="success" ref={ref} tabIndex={-1}>
      <MessageBarBody>
        <MessageBarTitle>Erased</MessageBarTitle>
        {name}&apos;s records were erased; where colleagues&apos; records named them, they now read as a former colleague. The audit log keeps the counts and your reason.
      </MessageBarBody>
    </MessageBar>
  );
}

function Erasure({ person }: { person: Colleague }) {
  const styles = useStyles();
  const [preview, setPreview] = useState<ErasurePreview>();
  const [reason, setReason] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<ErasureResponse>();
  const [error, setError] = useState<ApiError>();
  const run = async <T,>(step: () => Promise<T>, then: (value: T) => void) => {
    setBusy(true);
    setError(undefined);
    try {
      then(await step());
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  if (done) return <Erased name={person.displayName} />;
  return (
    <section className={styles.section} aria-labelledby="erasure-heading">
      <h3 id="erasure-heading" className={styles.title}>
        Erasure
      </h3>
      <Text className={styles.muted}>Erasure cannot be undone. Preview it first: records about {person.displayName} are deleted, and where they are named on a colleague&apos;s record (praise they gave, 360 feedback they wrote) their name is replaced.</Text>
      <div className={styles.actions}>
        <Button disabled={busy} onClick={() => void run(() => getErasurePreview(person.id), setPreview)}>
          Preview erasure
        </Button>
      </div>
      {preview && (
        <>
          <Counts label="Deleted:" counts={preview.deleted} />
          <Counts label="Kept with the name replaced:" counts={preview.anonymised} />
          {preview.heldMessage ? (
            <MessageBar intent="warning">
              <MessageBarBody>
                <MessageBarTitle>Legal hold</MessageBarTitle>
                {preview.heldMessage}
              </MessageBarBody>
            </MessageBar>
          ) : (
            <>
              <Field label="Reason (the request and its date)" required hint="Kept in the audit log, without the person's name.">
                <Textarea value={reason} maxLength={500} onChange={(_, d) => setReason(d.value)} />
              </Field>
              <Field label={`Type “${preview.person.displayName}” to confirm`} required>
                <Input value={confirm} onChange={(_, d) => setConfirm(d.value)} autoComplete="off" />
              </Field>
              <div className={styles.actions}>
                <Button
                  appearance="primary"
                  disabled={busy || reason.trim() === '' || !sameName(confirm, preview.person.displayName)}
                  onClick={() => void run(() => erasePerson(person.id, { reason, confirm }), setDone)}
                >
                  Erase {preview.person.displayName}&apos;s records
                </Button>
              </div>
            </>
          )}
        </>
      )}
      {error && <ErrorMessage error={error} title={error.status === 409 ? 'Not erased' : 'That did not work'} />}
    </section>
  );
}

function Download({ person }: { person: Colleague }) {
  const styles = useStyles();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const download = async (format: 'json' | 'html') => {
    setBusy(true);
    setError(undefined);
    try {
      setSaved(await downloadDataExport(person.id, format));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className={styles.section} aria-labelledby="export-heading">
      <h3 id="export-heading" className={styles.title}>
        Subject access
      </h3>
      <Text className={styles.muted}>Everything held about {person.displayName}. The download is audited, and they will see it among who has looked at their record.</Text>
      <div className={styles.actions}>
        <Button icon={<ArrowDownloadRegular />} disabled={busy} onClick={() => void download('html')}>
          Download as a page (HTML)
        </Button>
        <Button icon={<ArrowDownloadRegular />} disabled={busy} onClick={() => void download('json')}>
          Download as JSON
        </Button>
      </div>
      <div role="status">{saved && <Text>Downloaded {saved}.</Text>}</div>
      {error && <ErrorMessage error={error} title="The download did not work" />}
    </section>
  );
}

const searchDirectory = async (q: string): Promise<Colleague[]> => (await searchPeople(q)).map((m) => ({ id: m.person.id, displayName: m.person.displayName, school: m.person.school }));

export default function SubjectAccessView() {
  const styles = useStyles();
  const me = useMe();
  const [picked, setPicked] = useState<Colleague[]>([]);
  const person = picked[0];
  if (!me.roles.includes('pg-admin')) {
    return (
      <EmptyState icon={<PersonLockRegular />} title="For PG administrators">
        Subject access requests and erasure are handled by your PG administrators. Your own data is under Reports, &quot;Download my data&quot;.
      </EmptyState>
    );
  }
  return (
    <>
      <ViewHeading>Subject access and erasure</ViewHeading>
      <div className={styles.layout}>
        <Text className={styles.muted}>For a request under UK GDPR: give a member of staff everything held about them, or erase it. A legal hold stops erasure.</Text>
        <ColleaguePicker label="Person" value={picked} onChange={(next) => setPicked(next.slice(-1))} max={1} search={searchDirectory} />
        {person && (
          <div key={person.id} className={styles.layout}>
            <Download person={person} />
            <Erasure person={person} />
          </div>
        )}
      </div>
    </>
  );
}
