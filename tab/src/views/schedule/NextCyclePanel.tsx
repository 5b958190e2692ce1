import {
  Badge,
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Select,
  Text,
  Textarea,
  makeStyles,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { NextCyclePreviewResponse, NextCycleSourceInput } from '../../../../shared/api';
import { ApiError } from '../../api/client';
import { confirmNextCycle, getNextCycleOptions, previewNextCycle } from '../../api/endpoints';
import { toApiError, useQuery } from '../../api/useQuery';
import { useMe } from '../../shell/me';
import { useDates } from '../common/dates';
import { ErrorMessage, LoadState } from '../common/LoadState';

const useStyles = makeStyles({
  panel: { marginTop: tokens.spacingVerticalXXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  title: { ...typographyStyles.subtitle1, margin: 0 },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  event: { padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`, borderRadius: tokens.borderRadiusMedium, backgroundColor: tokens.colorNeutralBackground2 },
  muted: { color: tokens.colorNeutralForeground2, display: 'block' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

type Kind = 'roll-forward' | 'pack' | 'table';

/** A PG admin starts next year's cycle: choose the source, preview every new event, confirm. */
export function NextCyclePanel({ onStarted }: { onStarted: () => void }) {
  const styles = useStyles();
  const { vocabulary } = useMe();
  const options = useQuery('next-cycle', getNextCycleOptions);
  const [kind, setKind] = useState<Kind>('roll-forward');
  const [packId, setPackId] = useState('');
  const [table, setTable] = useState('');
  const [preview, setPreview] = useState<{ source: NextCycleSourceInput; plan: NextCyclePreviewResponse }>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string>();

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (cause) {
      setError(toApiError(cause));
    } finally {
      setBusy(false);
    }
  };
  const sourceOf = (packs: Array<{ id: string }>): NextCycleSourceInput =>
    kind === 'pack' ? { kind, packId: packId || packs[0]?.id || '' } : kind === 'table' ? { kind, text: table } : { kind };

  return (
    <section className={styles.panel} aria-labelledby="next-cycle-title">
      <h3 id="next-cycle-title" className={styles.title}>
        Start the next cycle
      </h3>
      <LoadState state={options.state} onRetry={options.reload} label="Loading the next cycle’s options…">
        {(data) =>
          data.started ? (
            <Text>
              {data.started.label} ({data.started.startsOn} to {data.started.endsOn}) has been started. Correct its dates from the admin channel’s
              schedule commands.
            </Text>
          ) : (
            <>
              <Text className={styles.muted}>
                After {data.from.label}. Nothing is created until you confirm the preview.
                {data.carryOver === 'drafts' ? ` Agreed ${vocabulary.rocks} of this year’s last window carry over as drafts.` : ''}
              </Text>
              <RadioGroup value={kind} onChange={(_, d) => { setKind(d.value as Kind); setPreview(undefined); }} aria-label="Where next year’s dates come from">
                <Radio value="roll-forward" label={`Roll ${data.from.label} forward (${data.rollForward.startsOn} to ${data.rollForward.endsOn}): same weekdays and rhythm`} />
                <Radio value="pack" label="A shipped policy pack’s cycle" disabled={data.packs.length === 0} />
                <Radio value="table" label="Next year’s table (date, day, title, hours)" />
              </RadioGroup>
              {kind === 'pack' && (
                <Field label="Pack">
                  <Select value={packId || data.packs[0]?.id} onChange={(_, d) => setPackId(d.value)}>
                    {data.packs.map((p) => (
                      <option key={p.id} value={p.id}>{`${p.label} (${p.startsOn} to ${p.endsOn})`}</option>
                    ))}
                  </Select>
                </Field>
              )}
              {kind === 'table' && (
                <Field label="Next year’s table" hint="One event a line, e.g. 13/11/2026 Friday Check in 1 0.25" validationMessage={error?.errors.filter((e) => e.path === 'source.text').map((e) => e.message).join(' · ') || undefined}>
                  <Textarea value={table} onChange={(_, d) => setTable(d.value)} resize="vertical" rows={8} />
                </Field>
              )}
              <div className={styles.actions}>
                <Button disabled={busy} onClick={() => run(async () => {
                  const source = sourceOf(data.packs);
                  setPreview({ source, plan: await previewNextCycle(source) });
                })}>
                  Preview
                </Button>
              </div>
              {error && <ErrorMessage error={error} title={error.status === 422 ? 'Fix these and preview again' : undefined} />}
              {error && error.status === 422 && error.errors.length > 0 && (
                <ul>{error.errors.map((e, i) => <li key={i}>{e.path === 'source.text' ? e.message : `${e.path}: ${e.message}`}</li>)}</ul>
              )}
              {preview && <PlanPreview plan={preview.plan} />}
              {preview && (
                <div className={styles.actions}>
                  <Button appearance="primary" disabled={busy} onClick={() => run(async () => {
                    const started = await confirmNextCycle(preview.source, preview.plan.digest);
                    setDone(started.announcement);
                    setPreview(undefined);
                    options.reload();
                    onStarted();
                  })}>
                    Confirm: start {preview.plan.cycle.label}
                  </Button>
                </div>
              )}
            </>
          )
        }
      </LoadState>
      {done && (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Started</MessageBarTitle>
            {done}
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}

function PlanPreview({ plan }: { plan: NextCyclePreviewResponse }) {
  const styles = useStyles();
  const dates = useDates();
  const { vocabulary } = useMe();
  return (
    <>
      <Text weight="semibold">
        {plan.cycle.label}: {dates.day(plan.cycle.startsOn)} to {dates.day(plan.cycle.endsOn)} · {plan.events.length} events
      </Text>
      {plan.warnings.map((w) => (
        <MessageBar key={w} intent="warning" layout="multiline">
          <MessageBarBody>{w}</MessageBarBody>
        </MessageBar>
      ))}
      {plan.carryOver.mode === 'drafts' && plan.carryOver.toWindow && (
        <Text className={styles.muted}>
          {plan.carryOver.rocks} agreed {plan.carryOver.rocks === 1 ? vocabulary.rock : vocabulary.rocks} of {plan.carryOver.people} {plan.carryOver.people === 1 ? 'person' : 'people'} become drafts in {plan.carryOver.toWindow.label}.
        </Text>
      )}
      <ul className={styles.list} aria-label={`New events in ${plan.cycle.label}`}>
        {plan.events.map((e) => (
          <li key={e.key} className={styles.event}>
            <Text weight="semibold">
              <time dateTime={e.date}>{dates.day(e.date)}</time> · {e.title}
            </Text>{' '}
            {!e.was && <Badge appearance="tint" color="informative">New</Badge>}
            <Text size={200} className={styles.muted}>
              Open {dates.time(e.opensAt)} to {dates.time(e.closesAt)} · {e.differences.join('; ')}
            </Text>
          </li>
        ))}
      </ul>
      {plan.leftOut.length > 0 && (
        <Text className={styles.muted}>Already over, so left out: {plan.leftOut.map((d) => `${d.title} (${dates.day(d.date)})`).join(', ')}</Text>
      )}
      {plan.dropped.length > 0 && (
        <Text className={styles.muted}>Not in next year: {plan.dropped.map((d) => `${d.title} (${dates.day(d.date)})`).join(', ')}</Text>
      )}
    </>
  );
}
