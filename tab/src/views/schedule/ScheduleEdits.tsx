// Issue 15: PG administrators see the schedule's edits — each change made from the admin channel
// (move, edit, cancel, add), in words, with who made it and when.
import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { useQuery } from '../../api/useQuery';
import { useDates } from '../common/dates';
import { LoadState } from '../common/LoadState';
import { panelStyles } from '../common/panelStyles';
import { getScheduleEdits } from '../admin/adminApi';

const useStyles = makeStyles({
  ...panelStyles,
  list: { ...panelStyles.list, gap: tokens.spacingVerticalS },
  item: { overflowWrap: 'anywhere' },
});

export function ScheduleEdits({ cycleId, refreshKey }: { cycleId: string; refreshKey?: number }) {
  const styles = useStyles();
  const dates = useDates();
  const edits = useQuery(`schedule-edits-${cycleId}-${refreshKey ?? 0}`, () => getScheduleEdits(cycleId));
  return (
    <section className={styles.section} aria-labelledby="schedule-edits-title">
      <h3 id="schedule-edits-title" className={styles.title}>
        Changes to this schedule
      </h3>
      <LoadState state={edits.state} onRetry={edits.reload} label="Loading the changes…">
        {(data) =>
          data.items.length === 0 ? (
            <Text className={styles.muted}>No changes yet: the dates are as published. Administrators move, edit, cancel or add dates with “schedule” in the PG admin channel.</Text>
          ) : (
            <ul className={styles.list} aria-label="Changes to this schedule">
              {data.items.map((e) => (
                <li key={e.id} className={styles.item}>
                  <Text>{e.summary}</Text>
                  <Text className={styles.muted}>
                    {' '}
                    — {e.by?.displayName ?? 'an administrator'}, <time dateTime={e.at}>{dates.short(e.at)}</time>
                  </Text>
                </li>
              ))}
            </ul>
          )
        }
      </LoadState>
    </section>
  );
}
