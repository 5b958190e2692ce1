// Issue 16: PG administrators' Records retention — the six-year rule's dry run (what goes, when,
// how many records of each kind), the purges coming next, who is on legal hold, and a hold / lift
// control per person with a reason. The purge itself runs on the server every day.
import { Button, Field, makeStyles, MessageBar, MessageBarBody, Select, Text, Textarea, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { RetentionPurgeDto, RetentionReport } from '../../../../shared/api/retention';
import { toApiError, useQuery } from '../../api/useQuery';
import type { ApiError } from '../../api/client';
import { useDates } from '../common/dates';
import { ErrorMessage, LoadState } from '../common/LoadState';
import { panelStyles } from '../common/panelStyles';
import { ViewHeading } from '../ViewHeading';
import { getRetentionReport, setLegalHold } from './retentionApi';

const useStyles = makeStyles({
  ...panelStyles,
  intro: { color: tokens.colorNeutralForeground2, display: 'block', marginBottom: tokens.spacingVerticalS },
  purge: { margin: 0 },
  counts: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalXL },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
});

export default function RetentionView() {
  const styles = useStyles();
  const report = useQuery('retention', getRetentionReport);
  const dates = useDates();
  return (
    <>
      <ViewHeading>Records retention</ViewHeading>
      <LoadState state={report.state} onRetry={report.reload} label="Loading records retention…">
        {(data) => (
          <>
            <Text className={styles.intro}>
              Records are kept {data.years} years from {data.from === 'leaving' ? 'the day a person leaves' : 'the end of the cycle they belong to'}, then destroyed by
              the nightly run. A person on legal hold keeps everything. Nothing below has been deleted yet.
            </Text>
            <Purges id="due" title="Goes at the next nightly run" purges={data.due} when="due since" empty={data.upcoming[0] ? `Nothing is past its retention date: the next records go on ${dates.day(data.upcoming[0].dueOn)}.` : 'Nothing is past its retention date.'} />
            <Purges id="upcoming" title="Coming next" purges={data.upcoming} when="destroyed on" empty="Nothing else is due to go." />
            <Holds data={data} onChanged={report.reload} />
          </>
        )}
      </LoadState>
    </>
  );
}

function Purges({ id, title, purges, when, empty }: { id: string; title: string; purges: RetentionPurgeDto[]; when: string; empty: string }) {
  const styles = useStyles();
  const dates = useDates();
  return (
    <section className={styles.section} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className={styles.title}>
        {title}
      </h3>
      {purges.length === 0 ? (
        <Text className={styles.muted}>{empty}</Text>
      ) : (
        <ul className={styles.list}>
          {purges.map((p) => (
            <li key={`${p.kind}-${p.label}-${p.dueOn}`}>
              <p className={styles.purge}>
                <strong>{p.label}</strong> · {p.total} {p.total === 1 ? 'record' : 'records'} · {when} {dates.day(p.dueOn)}
              </p>
              {p.counts.length > 0 && (
                <ul className={styles.counts} aria-label={`Records of ${p.label} by kind`}>
                  {p.counts.map((c) => (
                    <li key={c.collection}>
                      {c.kind}: {c.count}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Holds({ data, onChanged }: { data: RetentionReport; onChanged: () => void }) {
  const styles = useStyles();
  const dates = useDates();
  const [personId, setPersonId] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);
  const person = data.people.find((p) => p.id === personId);
  const reasonError = error?.errors.find((e) => e.path === 'reason')?.message;
  const submit = async (hold: boolean) => {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      await setLegalHold(personId, hold, reason);
      setDone(`${person?.displayName ?? 'They'} ${hold ? 'is now on legal hold' : 'is no longer on legal hold'}.`);
      setReason('');
      onChanged();
    } catch (cause) {
      setError(toApiError(cause));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className={styles.section} aria-labelledby="holds-title">
      <h3 id="holds-title" className={styles.title}>
        Legal holds
      </h3>
      {data.held.length === 0 ? (
        <Text className={styles.muted}>Nobody is on legal hold.</Text>
      ) : (
        <ul className={styles.list}>
          {data.held.map((h) => (
            <li key={h.personId}>
              <strong>{h.displayName}</strong> · held since {dates.day(h.heldAt)} by {h.heldBy}: {h.reason}
            </li>
          ))}
        </ul>
      )}
      {data.keptByHold.length > 0 && <Text className={styles.muted}>Kept past their date because of a hold: {data.keptByHold.map((k) => `${k.kind} ${k.count}`).join(', ')}.</Text>}
      <div className={styles.form}>
        <Field label="Person">
          <Select value={personId} onChange={(_, d) => setPersonId(d.value)}>
            <option value="">Choose someone…</option>
            {data.people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName}
                {p.left ? ` (left ${p.left})` : ''}
                {p.held ? ' · on hold' : ''}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Reason" hint="Why the records are held, or why the hold is lifted (recorded in the audit log)." validationMessage={reasonError} validationState={reasonError ? 'error' : 'none'}>
          <Textarea value={reason} onChange={(_, d) => setReason(d.value)} maxLength={500} resize="vertical" />
        </Field>
        <div className={styles.buttons}>
          <Button appearance="primary" disabled={!person || busy || person.held} onClick={() => void submit(true)}>
            Put on legal hold
          </Button>
          <Button disabled={!person || busy || !person.held} onClick={() => void submit(false)}>
            Lift the hold
          </Button>
        </div>
        {done && (
          <MessageBar intent="success">
            <MessageBarBody>{done}</MessageBarBody>
          </MessageBar>
        )}
        {error && !reasonError && <ErrorMessage error={error} />}
      </div>
    </section>
  );
}
