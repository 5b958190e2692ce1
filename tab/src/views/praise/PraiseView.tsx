// seed 001: praise colleagues, "a great Friday feel-good factor". Say thank you to colleagues
// picked from the directory, send thanks a check-in left without a colleague, and the praise wall:
// one card per thank-you, received or given. Praise is public to its recipient and its giver; no
// policy makes a trust-wide wall, so there is no "everyone's" list.
import { Avatar, makeStyles, Tab, TabList, Text, tokens } from '@fluentui/react-components';
import { ArrowRightRegular, HeartRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { getPraiseWall, type PraiseDirection, type ThankYouDto } from '../../api/praise';
import { useQuery } from '../../api/useQuery';
import { useMe } from '../../shell/me';
import { useDates } from '../common/dates';
import { LoadState } from '../common/LoadState';
import { EmptyState } from '../EmptyState';
import { ViewHeading } from '../ViewHeading';
import { GivePraiseForm } from './GivePraiseForm';
import { PendingThanks } from './PendingThanks';
import { listNames, usePraiseStyles } from './praiseParts';

const useStyles = makeStyles({
  view: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  wall: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalM, gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 18rem), 1fr))' },
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    boxShadow: tokens.shadow2,
    minWidth: 0,
    height: '100%',
    boxSizing: 'border-box',
  },
  people: { display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  arrow: { color: tokens.colorNeutralForeground3, fontSize: '16px' },
  more: { color: tokens.colorNeutralForeground2 },
  message: { display: 'block', margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  meta: { color: tokens.colorNeutralForeground2 },
});

const AVATARS_SHOWN = 4;

/** One thank-you: giver → recipient(s) as avatars (initials and a colour from the name; no photo call), the words and the date. */
function ThankYouCard({ thankYou, direction }: { thankYou: ThankYouDto; direction: PraiseDirection }) {
  const styles = useStyles();
  const dates = useDates();
  const names = thankYou.to.map((p) => p.displayName);
  const shown = thankYou.to.slice(0, AVATARS_SHOWN);
  return (
    <article className={styles.card} aria-label={direction === 'received' ? `Thanks from ${thankYou.from.displayName}` : `Thanks to ${listNames(names)}`} data-thank-you>
      <div className={styles.people} aria-hidden="true">
        <Avatar name={thankYou.from.displayName} color="colorful" size={32} />
        <ArrowRightRegular className={styles.arrow} />
        {shown.map((p) => (
          <Avatar key={p.id} name={p.displayName} color="colorful" size={32} />
        ))}
        {thankYou.to.length > shown.length && <Text className={styles.more}>+{thankYou.to.length - shown.length}</Text>}
      </div>
      <Text weight="semibold">{direction === 'received' ? `From ${thankYou.from.displayName}` : `To ${listNames(names)}`}</Text>
      <Text as="p" className={styles.message}>
        {thankYou.message}
      </Text>
      <Text size={200} className={styles.meta}>
        <time dateTime={thankYou.createdAt}>{dates.time(thankYou.createdAt)}</time>
      </Text>
    </article>
  );
}

export default function PraiseView() {
  const me = useMe();
  const styles = useStyles();
  const shared = usePraiseStyles();
  const [direction, setDirection] = useState<PraiseDirection>('received');
  const wall = useQuery(`praise-wall:${me.person.id}:${direction}`, () => getPraiseWall(direction));
  const showGiven = () => (direction === 'given' ? wall.reload() : setDirection('given'));

  return (
    <div className={styles.view}>
      <ViewHeading>Praise</ViewHeading>
      <PendingThanks onSent={showGiven} />
      <GivePraiseForm onGiven={showGiven} />
      <section className={styles.wall} aria-labelledby="praise-wall-title">
        <h3 id="praise-wall-title" className={shared.title}>
          Praise wall
        </h3>
        <Text size={200} className={shared.muted}>
          Only the people thanked and the person who thanked them see a thank-you.
        </Text>
        <TabList selectedValue={direction} onTabSelect={(_, d) => setDirection(d.value === 'given' ? 'given' : 'received')} aria-label="Praise received or given" size="small">
          <Tab value="received">Received</Tab>
          <Tab value="given">Given</Tab>
        </TabList>
        <LoadState state={wall.state} onRetry={wall.reload} label="Loading praise…">
          {({ items }) =>
            items.length === 0 ? (
              <EmptyState icon={<HeartRegular />} title={direction === 'received' ? 'No praise received yet' : 'You have not praised anyone yet'}>
                {direction === 'received'
                  ? 'When colleagues thank you — here, in the chat or in their check-ins — it is collected here.'
                  : 'Say thank you above, or in your check-ins (“who would you like to thank?”), and it is collected here.'}
              </EmptyState>
            ) : (
              <ul className={styles.list} aria-label={direction === 'received' ? 'Praise received' : 'Praise given'}>
                {[...items]
                  .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
                  .map((t) => (
                    <li key={t.id}>
                      <ThankYouCard thankYou={t} direction={direction} />
                    </li>
                  ))}
              </ul>
            )
          }
        </LoadState>
      </section>
    </div>
  );
}
