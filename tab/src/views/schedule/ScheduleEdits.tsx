// Issue 15: PG administrators see the schedule's edits — each change made from the admin channel
// (move, edit, cancel, add), in words, with who made it and when.
import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { useQuery } from '../../api/useQuery';
import { useDates } from '../common/dates';
import { LoadState } from '../common/LoadState';
import { panelStyles } from '../common/panelStyles';
import { getScheduleEdits } from '../admin/adminApi';

const useStyles = makeStyles({
  ...panelStyles,
  list: { ...panelStyles.list, gap: tokens.spacingVerticalS },
  item: { overflowWrap: 'anywhere' },
  section: {
    ...panelStyles.section,
    marginTop: 0,
    marginBottom: tokens.spacingVerticalL,
  },
  more: { alignSelf: 'flex-start' },
});

/** The newest few; the rest one click away. */
const FIRST = 3;

export function ScheduleEdits({ cycleId, refreshKey }: { cycleId: string; refreshKey?: number }) {
  const styles = useStyles();
  const dates = useDates();
  const [all, setAll] = useState(false);
  const edits = useQuery(`schedule-edits-${cycleId}-${refreshKey ?? 0}`, () => getScheduleEdits(cycleId));
  return (
    <section className={styles.section} aria-labelledby="schedule-edits-title">
      <h3 id="schedule-edits-title" className={styles.title}>
        Changes to this schedule
      </h3>
      <LoadState state={edits.state} onRetry={edits.reload} label="Loading the changes…">
        {(data) =>
          data.items.length === 0 ? (
            <Text className={styles.muted}>
              No changes yet: the dates are as published. Administrators move, edit, cancel or add dates with “schedule” in the PG admin channel.
            </Text>
          ) : (
            <>
              <ul className={styles.list} aria-label="Changes to this schedule" id="schedule-edits-list">
                {(all ? data.items : data.items.slice(0, FIRST)).map((e) => (
                  <li key={e.id} className={styles.item}>
                    <Text>{e.summary}</Text>
                    <Text className={styles.muted}>
                      {' '}
                      — {e.by?.displayName ?? 'an administrator'}, <time dateTime={e.at}>{dates.short(e.at)}</time>
                    </Text>
                  </li>
                ))}
              </ul>
              {data.items.length > FIRST && (
                <Button
                  className={styles.more}
                  appearance="secondary"
                  aria-expanded={all}
                  aria-controls="schedule-edits-list"
                  onClick={() => setAll((v) => !v)}
                >
                  {all ? 'Show the latest only' : `Show all ${data.items.length} changes`}
                </Button>
              )}
            </>
          )
        }
      </LoadState>
    </section>
  );
}
