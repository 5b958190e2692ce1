import { makeStyles, Tab, TabList, Text, tokens } from '@fluentui/react-components';
import { HeartRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { getPraise } from '../../api/endpoints';
import { useQuery } from '../../api/useQuery';
import { useMe } from '../../shell/me';
import { useDates } from '../common/dates';
import { LoadState } from '../common/LoadState';
import { EmptyState } from '../EmptyState';
import { ViewHeading } from '../ViewHeading';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: `${tokens.spacingVerticalL} 0 0`, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  meta: { color: tokens.colorNeutralForeground2 },
  message: { display: 'block', margin: 0, whiteSpace: 'pre-wrap' },
});

type Direction = 'received' | 'given';

/** seed 001: @-praise in check-ins, "a great Friday feel good factor". Newest first. */
export default function PraiseView() {
  const me = useMe();
  const styles = useStyles();
  const dates = useDates();
  const [direction, setDirection] = useState<Direction>('received');
  const praise = useQuery(`praise:${me.person.id}:${direction}`, () => getPraise(me.person.id, direction));

  return (
    <>
      <ViewHeading>Praise</ViewHeading>
      <TabList
        selectedValue={direction}
        onTabSelect={(_, d) => setDirection(d.value === 'given' ? 'given' : 'received')}
        aria-label="Praise received or given"
        size="small"
      >
        <Tab value="received">Received</Tab>
        <Tab value="given">Given</Tab>
      </TabList>
      <LoadState state={praise.state} onRetry={praise.reload} label="Loading praise…">
        {(items) =>
          items.length === 0 ? (
            <EmptyState icon={<HeartRegular />} title={direction === 'received' ? 'No praise received yet' : 'You have not praised anyone yet'}>
              {direction === 'received'
                ? 'When colleagues praise you in their check-ins, it is collected here.'
                : 'Praise colleagues in your check-ins (“who would you like to thank?”) and it is collected here.'}
            </EmptyState>
          ) : (
            <ul className={styles.list}>
              {[...items]
                .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
                .map((p) => (
                  <li key={p.id} className={styles.item}>
                    <Text weight="semibold">
                      {direction === 'received' ? `From ${p.from.displayName}` : `To ${p.to.displayName}`}
                    </Text>
                    <Text as="p" className={styles.message}>
                      {p.message}
                    </Text>
                    <Text size={200} className={styles.meta}>
                      <time dateTime={p.createdAt}>{dates.time(p.createdAt)}</time>
                    </Text>
                  </li>
                ))}
            </ul>
          )
        }
      </LoadState>
    </>
  );
}
