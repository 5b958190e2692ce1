import { Badge, Link, makeStyles, Text, tokens, typographyStyles } from '@fluentui/react-components';
import { ArrowLeftRegular, PersonProhibitedRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { getCheckIns, getRocks, getTeam } from '../../api/endpoints';
import type { Rock, TeamMember } from '../../api/model';
import { useQuery } from '../../api/useQuery';
import { formatHash } from '../../routing/routes';
import { capitalise, useMe } from '../../shell/me';
import type { YearReviewListResponse } from '../../../../shared/api';
import { useDates } from '../common/dates';
import { LoadState } from '../common/LoadState';
import { panelStyles } from '../common/panelStyles';
import { EmptyState } from '../EmptyState';
import { RockCard } from '../rocks/RockCard';
import { ViewHeading } from '../ViewHeading';
import { ReminderButton } from './ReminderButton';
import { stateColour, stateLabel } from '../checkins/timelineText';
import { getTeamReviews } from './teamApi';

const useStyles = makeStyles({
  back: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, marginBottom: tokens.spacingVerticalS },
  intro: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS, color: tokens.colorNeutralForeground2 },
  section: panelStyles.section,
  title: panelStyles.title,
  muted: panelStyles.muted,
  rocks: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  entry: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS, minWidth: 0 },
  entryTitle: { ...typographyStyles.body1Strong },
  timelineItem: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    paddingBlock: tokens.spacingVerticalXS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
});

// What needs the reviewer first, then what is agreed, then what the person is still writing.
const rockOrder: Record<Rock['status'], number> = { proposed: 0, escalated: 1, amended: 2, revise: 3, agreed: 4, completed: 5, draft: 6 };

/** #/team/<personId>: one person the caller reviews or coaches — their rocks (all states), check-ins and reviews. */
export function PersonPage({ personId }: { personId: string }) {
  const me = useMe();
  const styles = useStyles();
  const team = useQuery('team', getTeam);
  return (
    <>
      <Link className={styles.back} href={formatHash({ view: 'team' })}>
        <ArrowLeftRegular aria-hidden /> My team
      </Link>
      <LoadState state={team.state} onRetry={team.reload} label="Loading your team…">
        {(data) => {
          const member = data.members.find((m) => m.person.id === personId);
          if (!member) {
            return (
              <>
                <ViewHeading>Not in your team</ViewHeading>
                <EmptyState icon={<PersonProhibitedRegular />} title="Only the people you review or coach">
                  {`This colleague is not someone you review or coach, so their ${me.vocabulary.rocks} and ${me.vocabulary.checkIn}s are not shown to you. Only the people in My team are.`}
                </EmptyState>
              </>
            );
          }
          return <Person member={member} onChanged={team.reload} />;
        }}
      </LoadState>
    </>
  );
}

function Person({ member, onChanged }: { member: TeamMember; onChanged: () => void }) {
  const me = useMe();
  const styles = useStyles();
  const { person } = member;
  const reviews = useQuery(me.reviews ? 'team:reviews' : 'team:no-reviews', () => (me.reviews ? getTeamReviews() : Promise.resolve(null)));
  return (
    <>
      <ViewHeading>{person.displayName}</ViewHeading>
      <div className={styles.intro}>
        {person.school && <Text>{person.school}</Text>}
        {member.relationship === 'coach' && <Badge appearance="outline">Coachee</Badge>}
        {member.notCheckedIn && (
          <Badge appearance="tint" color={member.notCheckedIn.state === 'missed' ? 'danger' : 'warning'}>
            {member.notCheckedIn.state === 'missed' ? `Missed ${member.notCheckedIn.title}` : `Not checked in yet`}
          </Badge>
        )}
        <ReminderButton member={member} />
      </div>
      <Rocks member={member} onChanged={onChanged} />
      <CheckIns member={member} />
      {reviews.state.status === 'ready' && reviews.state.data && <Reviews personId={person.id} reviews={reviews.state.data} />}
      {(me.growth || me.career) && (
        <section className={styles.section} aria-labelledby="person-more">
          <h3 id="person-more" className={styles.title}>
            Growth and career
          </h3>
          {me.growth && <Link href={formatHash({ view: 'growth', itemId: person.id })}>{`${person.displayName}'s growth plan and log`}</Link>}
          {me.career && <Link href={formatHash({ view: 'career', itemId: person.id })}>{`${person.displayName}'s career conversation`}</Link>}
        </section>
      )}
    </>
  );
}

function Rocks({ member, onChanged }: { member: TeamMember; onChanged: () => void }) {
  const me = useMe();
  const styles = useStyles();
  const { person } = member;
  const rocks = useQuery(`team:rocks:${person.id}`, () => getRocks(person.id));
  const [saved, setSaved] = useState<Record<string, Rock>>({});
  const slotTheme = (slotId: string) => me.slots.find((s) => s.id === slotId)?.theme ?? slotId;
  return (
    <section className={styles.section} aria-labelledby="person-rocks">
      <h3 id="person-rocks" className={styles.title}>
        {`${capitalise(me.vocabulary.rocks)}`}
      </h3>
      <LoadState state={rocks.state} onRetry={rocks.reload} label={`Loading ${me.vocabulary.rocks}…`}>
        {(items) => {
          const list = items.map((r) => saved[r.id] ?? r).sort((a, b) => rockOrder[a.status] - rockOrder[b.status]);
          const agreed = list.filter((r) => r.status === 'agreed' || r.status === 'completed').length;
          if (list.length === 0) return <Text className={styles.muted}>{`No ${me.vocabulary.rocks} written yet.`}</Text>;
          return (
            <div className={styles.rocks}>
              <Text className={styles.muted}>{`${agreed} agreed of ${list.length} written`}</Text>
              {list.map((rock) => (
                <RockCard
                  key={rock.id}
                  me={me}
                  rock={rock}
                  themeLabel={slotTheme(rock.slotId)}
                  ownerName={person.displayName}
                  reviewing
                  onChanged={(next) => setSaved((s) => ({ ...s, [next.id]: next }))}
                  onConflict={() => {
                    rocks.reload();
                    onChanged();
                  }}
                />
              ))}
            </div>
          );
        }}
      </LoadState>
    </section>
  );
}

function CheckIns({ member }: { member: TeamMember }) {
  const me = useMe();
  const styles = useStyles();
  const dates = useDates();
  const { person } = member;
  const timeline = useQuery(`team:check-ins:${person.id}`, () => getCheckIns(person.id));
  const vocab = me.vocabulary.checkIn;
  return (
    <section className={styles.section} aria-labelledby="person-check-ins">
      <h3 id="person-check-ins" className={styles.title}>
        {`${capitalise(vocab)}s`}
      </h3>
      <LoadState state={timeline.state} onRetry={timeline.reload} label={`Loading ${vocab}s…`}>
        {(data) => {
          // What happened and what is open, newest first; of the future only the next one.
          const past = data.entries.filter((e) => e.state !== 'upcoming').reverse();
          const upcoming = data.entries.filter((e) => e.state === 'upcoming');
          if (data.entries.length === 0) return <Text className={styles.muted}>{`No ${vocab}s in this cycle.`}</Text>;
          return (
            <>
              {data.onTime.rate !== null && <Text className={styles.muted}>{`${data.onTime.onTime} of ${data.onTime.due} on time`}</Text>}
              <ol className={styles.list} aria-label={`${person.displayName}'s ${vocab}s`}>
                {[...upcoming.slice(0, 1), ...past].map((e) => (
                  <li key={e.eventId} className={styles.timelineItem}>
                    <div className={styles.entry}>
                      <Text className={styles.entryTitle}>{e.title}</Text>
                      <Badge appearance="tint" color={stateColour[e.state]}>
                        {e.kind === 'optional-check-in' && e.state === 'missed' ? 'Not taken (optional)' : stateLabel[e.state]}
                      </Badge>
                    </div>
                    <div className={styles.entry}>
                      <Text className={styles.muted}>
                        {[
                          dates.day(e.date),
                          ...(e.checkIn?.answers.score !== undefined ? [`${e.checkIn.answers.score}/10`] : []),
                          ...(e.checkIn ? [e.checkIn.acknowledgement ? 'Acknowledged' : 'Awaiting acknowledgement'] : []),
                        ].join(' · ')}
                      </Text>
                      {e.checkIn && <Link href={formatHash({ view: 'check-ins', itemId: e.checkIn.id })}>{`Open ${e.title}`}</Link>}
                    </div>
                  </li>
                ))}
              </ol>
              {upcoming.length > 1 && <Text className={styles.muted}>{`${upcoming.length - 1} more later this cycle.`}</Text>}
            </>
          );
        }}
      </LoadState>
    </section>
  );
}

function Reviews({ personId, reviews }: { personId: string; reviews: YearReviewListResponse }) {
  const styles = useStyles();
  const theirs = [...reviews.needsMe, ...reviews.myTeam].filter((r, i, all) => r.person.id === personId && all.findIndex((x) => x.id === r.id) === i);
  return (
    <section className={styles.section} aria-labelledby="person-reviews">
      <h3 id="person-reviews" className={styles.title}>
        Reviews
      </h3>
      {theirs.length === 0 ? (
        <Text className={styles.muted}>No reviews for you to see this year.</Text>
      ) : (
        <ul className={styles.list}>
          {theirs.map((r) => (
            <li key={r.id} className={styles.entry}>
              <Link href={formatHash({ view: 'reviews', itemId: r.id })}>{r.label}</Link>
              <Text className={styles.muted}>{r.myNextStep ?? (r.status === 'complete' ? 'Complete' : r.outcomeLabel ?? 'Nothing for you to do now')}</Text>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
