import { Badge, makeStyles, Text, tokens, typographyStyles } from '@fluentui/react-components';
import { useState } from 'react';
import { CalendarLtrRegular } from '@fluentui/react-icons';
import { getSchedule } from '../../api/endpoints';
import { CyclePicker } from '../common/CyclePicker';
import type { ScheduleEntry } from '../../api/model';
import { useQuery } from '../../api/useQuery';
import { useDates } from '../common/dates';
import { LoadState } from '../common/LoadState';
import { EmptyState } from '../EmptyState';
import { ViewHeading } from '../ViewHeading';
import { useMe } from '../../shell/me';
import { NextCyclePanel } from './NextCyclePanel';
import { ScheduleEdits } from './ScheduleEdits';

const useStyles = makeStyles({
  intro: { color: tokens.colorNeutralForeground2, display: 'block', marginBottom: tokens.spacingVerticalL },
  month: { ...typographyStyles.subtitle2, margin: `${tokens.spacingVerticalL} 0 ${tokens.spacingVerticalS}` },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  event: {
    display: 'grid',
    gridTemplateColumns: '9rem minmax(0, 1fr) auto',
    gap: tokens.spacingHorizontalM,
    alignItems: 'baseline',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    '@media (max-width: 560px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  cancelled: { textDecorationLine: 'line-through', color: tokens.colorNeutralForeground3 },
  detail: { display: 'flex', flexDirection: 'column' },
  muted: { color: tokens.colorNeutralForeground2 },
});

const phaseBadge = {
  upcoming: { label: 'Upcoming', color: 'informative' },
  open: { label: 'Open now', color: 'brand' },
  closed: { label: 'Closed', color: 'subtle' },
  cancelled: { label: 'Cancelled', color: 'danger' },
} as const;

/**
 * The cycle's calendar, read-only (administrators change it from their Teams channel); past cycles
 * and a started next one can be picked. PG administrators also start the next cycle here.
 */
export default function ScheduleView() {
  const styles = useStyles();
  const dates = useDates();
  const me = useMe();
  const [cycleId, setCycleId] = useState<string>();
  const [generation, setGeneration] = useState(0);
  const schedule = useQuery(`schedule-${cycleId ?? 'current'}`, () => getSchedule(cycleId));
  return (
    <>
      <ViewHeading>Schedule</ViewHeading>
      <CyclePicker value={cycleId} onChange={setCycleId} refreshKey={generation} />
      <LoadState state={schedule.state} onRetry={schedule.reload} label="Loading the schedule…">
        {(data) =>
          data.events.length === 0 || !data.cycle ? (
            <EmptyState icon={<CalendarLtrRegular />} title={data.notice ? 'No cycle is running today' : 'No dates published yet'}>
              {data.notice ?? 'Your professional growth administrator publishes the cycle’s dates; they will be listed here.'}
            </EmptyState>
          ) : (
            <>
              {data.notice && <Text className={styles.intro}>{data.notice}</Text>}
              <Text className={styles.intro}>
                {data.cycle.label}: {dates.day(data.cycle.startsOn)} to {dates.day(data.cycle.endsOn)}. Times are{' '}
                {data.timezone.replace('_', ' ')} time.
              </Text>
              {me.roles.includes('pg-admin') && <ScheduleEdits cycleId={data.cycle.id} refreshKey={generation} />}
              {byMonth(data.events, dates.month).map(([month, events]) => (
                <section key={month} aria-labelledby={`month-${month}`}>
                  <h3 id={`month-${month}`} className={styles.month}>
                    {month}
                  </h3>
                  <ul className={styles.list}>
                    {events.map((e) => (
                      <EventRow key={e.id} event={e} />
                    ))}
                  </ul>
                </section>
              ))}
            </>
          )
        }
      </LoadState>
      {me.roles.includes('pg-admin') && <NextCyclePanel onStarted={() => setGeneration((g) => g + 1)} />}
    </>
  );
}

function byMonth(events: ScheduleEntry[], month: (v: string) => string): Array<[string, ScheduleEntry[]]> {
  const groups = new Map<string, ScheduleEntry[]>();
  for (const e of [...events].sort((a, b) => a.date.localeCompare(b.date))) {
    const key = month(e.date);
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  return [...groups];
}

function EventRow({ event }: { event: ScheduleEntry }) {
  const styles = useStyles();
  const dates = useDates();
  const badge = phaseBadge[event.phase];
  const cancelled = event.status === 'cancelled';
  return (
    <li className={styles.event}>
      <Text weight="semibold" className={cancelled ? styles.cancelled : undefined}>
        <time dateTime={event.date}>{dates.day(event.date)}</time>
      </Text>
      <span className={styles.detail}>
        <Text className={cancelled ? styles.cancelled : undefined}>{event.title}</Text>
        {event.alsoMarks.map((m) => (
          <Text key={m} size={200}>
            {m}
          </Text>
        ))}
        <Text size={200} className={styles.muted}>
          Open {dates.time(event.opensAt)} to {dates.time(event.closesAt)}
          {event.directedHours > 0 ? ` · ${formatHours(event.directedHours)} directed time` : ''}
        </Text>
      </span>
      <Badge appearance="tint" color={badge.color}>
        {badge.label}
      </Badge>
    </li>
  );
}

function formatHours(hours: number): string {
  const minutes = Math.round(hours * 60);
  return minutes < 60 ? `${minutes} min` : `${+(minutes / 60).toFixed(2)} h`;
}
