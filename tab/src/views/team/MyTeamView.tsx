import { Badge, Button, Link, makeStyles, Text, tokens, typographyStyles } from '@fluentui/react-components';
import { PeopleTeamRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { getEscalatedRocks, getTeam } from '../../api/endpoints';
import type { Rock, TeamMember } from '../../api/model';
import { useQuery } from '../../api/useQuery';
import { formatHash } from '../../routing/routes';
import { capitalise, useMe } from '../../shell/me';
import { CheckInPanel } from '../checkins/CheckInPanel';
import { useDates } from '../common/dates';
import { LoadState } from '../common/LoadState';
import { EmptyState } from '../EmptyState';
import { RockCard } from '../rocks/RockCard';
import { ViewHeading } from '../ViewHeading';
import { ReviewerModerationNotes } from '../talent/ReviewerModerationNotes';
import { PersonPage } from './PersonPage';
import { ReminderButton } from './ReminderButton';
import { NeedsMe, TeamSummary } from './TeamSummary';
import { getTeamReviews } from './teamApi';

const useStyles = makeStyles({
  intro: { display: 'block', color: tokens.colorNeutralForeground2, marginBottom: tokens.spacingVerticalL },
  members: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  member: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  header: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  name: { ...typographyStyles.subtitle1, margin: 0 },
  subtitle: { ...typographyStyles.body1Strong, margin: `${tokens.spacingVerticalS} 0 0` },
  muted: { color: tokens.colorNeutralForeground2 },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  // Long badges (an overdue deadline with its date) wrap on a phone instead of overflowing.
  badge: { height: 'auto', minHeight: '20px', whiteSpace: 'normal', textAlign: 'start' },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

/**
 * A reviewer's to-do list: the team's figures for the open (or last) check-in, what needs them,
 * and each person one click away (#/team/<personId>).
 */
export default function MyTeamView({ itemId }: { itemId?: string }) {
  return itemId ? <PersonPage key={itemId} personId={itemId} /> : <Team />;
}

function Team() {
  const me = useMe();
  const styles = useStyles();
  const team = useQuery('team', getTeam);
  const escalated = useQuery('rocks:escalated', getEscalatedRocks);
  // The year's reviews waiting for this reviewer, where the policy has reviews.
  const reviews = useQuery(me.reviews ? 'team:reviews' : 'team:no-reviews', () => (me.reviews ? getTeamReviews() : Promise.resolve(null)));
  const reviewList = reviews.state.status === 'ready' ? reviews.state.data : undefined;

  return (
    <>
      <ViewHeading>My team</ViewHeading>
      <ReviewerModerationNotes />
      {(escalated.state.data?.length ?? 0) > 0 && <Escalated rocks={escalated.state.data ?? []} onChanged={escalated.reload} />}
      <LoadState state={team.state} onRetry={team.reload} label="Loading your team…">
        {(data) =>
          data.members.length === 0 ? (
            <EmptyState icon={<PeopleTeamRegular />} title="No one to review">
              If you are a {me.vocabulary.reviewer} or coach, the colleagues you review appear here with their latest{' '}
              {me.vocabulary.checkIn} and anything waiting for you.
            </EmptyState>
          ) : (
            <>
              <TeamSummary team={data} reviews={reviewList} />
              <NeedsMe team={data} reviews={reviewList} onChanged={team.reload} />
              {data.checkIn && (
                <Text className={styles.intro}>
                  “Not checked in” is about {data.checkIn.title}. Acknowledge every {me.vocabulary.checkIn} and comment on at least one answer.
                </Text>
              )}
              <div className={styles.members}>
                {data.members.map((m) => (
                  <Member key={m.person.id} member={m} onChanged={team.reload} />
                ))}
              </div>
            </>
          )
        }
      </LoadState>
    </>
  );
}

function Member({ member, onChanged }: { member: TeamMember; onChanged: () => void }) {
  const me = useMe();
  const styles = useStyles();
  const dates = useDates();
  const [open, setOpen] = useState<string>();
  const [rocks, setRocks] = useState<Rock[]>(member.rocksAwaitingAgreement);
  const last = member.lastCheckIn;
  const headingId = `member-${member.person.id}`;
  const slotTheme = (slotId: string) => me.slots.find((s) => s.id === slotId)?.theme ?? slotId;

  return (
    <section className={styles.member} aria-labelledby={headingId}>
      <div className={styles.header}>
        <h3 id={headingId} className={styles.name}>
          <Link href={formatHash({ view: 'team', itemId: member.person.id })}>{member.person.displayName}</Link>
        </h3>
        {member.person.school && <Text className={styles.muted}>{member.person.school}</Text>}
        {member.relationship === 'coach' && <Badge appearance="outline">Coachee</Badge>}
        {member.relationship === 'previous-reviewer' && <Badge appearance="outline">Previously reviewed: finish what they sent you</Badge>}
        {member.notCheckedIn && (
          <Badge appearance="tint" color={member.notCheckedIn.state === 'missed' ? 'danger' : 'warning'}>
            {member.notCheckedIn.state === 'missed' ? `Missed ${member.notCheckedIn.title}` : `Not checked in yet`}
          </Badge>
        )}
        {member.awaitingAcknowledgement.length > 0 && (
          <Badge appearance="filled" color="brand">
            {member.awaitingAcknowledgement.length} awaiting acknowledgement
          </Badge>
        )}
        {member.rocksOverdue.map((d) => (
          <Badge key={d.rockWindowId} className={styles.badge} appearance="filled" color="danger">
            {`${capitalise(me.vocabulary.rocks)} overdue: ${d.label} (${d.agreed} of ${d.required} agreed, due ${dates.day(d.setBy)})`}
          </Badge>
        ))}
        {rocks.some((r) => r.status === 'proposed') && (
          <Badge appearance="filled" color="warning">
            {`${capitalise(me.vocabulary.rocks)} to agree`}
          </Badge>
        )}
      </div>
      <Text className={styles.muted}>
        {last
          ? `Last ${me.vocabulary.checkIn}: ${last.title ?? ''} submitted ${dates.time(last.submittedAt)}${last.timeliness === 'late' ? ' (late)' : ''}${last.answers.score !== undefined ? `, score ${last.answers.score}/10` : ''}.`
          : `No ${me.vocabulary.checkIn}s submitted yet.`}
        {member.notCheckedIn?.state === 'open' ? ` ${member.notCheckedIn.title} closes ${dates.time(member.notCheckedIn.closes)}.` : ''}
      </Text>
      <ReminderButton member={member} />
      <div className={styles.row}>
        {member.rockCounts && (
          <Text>
            {member.rockCounts.total === 0
              ? `No ${me.vocabulary.rocks} written yet`
              : `${capitalise(me.vocabulary.rocks)}: ${member.rockCounts.agreed} agreed of ${member.rockCounts.total} written`}
          </Text>
        )}
        <Link href={formatHash({ view: 'team', itemId: member.person.id })}>{`${member.person.displayName}'s ${me.vocabulary.rocks}, ${me.vocabulary.checkIn}s and reviews`}</Link>
        {me.growth && <Link href={formatHash({ view: 'growth', itemId: member.person.id })}>{`${member.person.displayName}'s growth plan and log`}</Link>}
      </div>

      {last && !member.awaitingAcknowledgement.some((c) => c.id === last.id) && (
        <div className={styles.row}>
          <Button size="small" appearance="subtle" aria-expanded={open === last.id} onClick={() => setOpen(open === last.id ? undefined : last.id)}>
            {open === last.id ? `Close the last ${me.vocabulary.checkIn}` : `Read the last ${me.vocabulary.checkIn}`}
          </Button>
        </div>
      )}
      {open && <CheckInPanel key={open} checkInId={open} onChanged={onChanged} />}

      {rocks.length > 0 && (
        <>
          <h4 className={styles.subtitle}>{`${capitalise(me.vocabulary.rocks)} awaiting agreement`}</h4>
          {rocks.map((rock) => (
            <RockCard
              key={rock.id}
              me={me}
              rock={rock}
              themeLabel={slotTheme(rock.slotId)}
              ownerName={member.person.displayName}
              reviewing
              onChanged={(saved) => setRocks((list) => list.map((r) => (r.id === saved.id ? saved : r)))}
              onConflict={onChanged}
            />
          ))}
        </>
      )}
    </section>
  );
}


type EscalatedRock = Awaited<ReturnType<typeof getEscalatedRocks>>[number];

/** seed 001 FAQ: disagreements taken to this person as the reviewer's manager, to agree the final version. */
function Escalated({ rocks, onChanged }: { rocks: EscalatedRock[]; onChanged: () => void }) {
  const me = useMe();
  const styles = useStyles();
  const [list, setList] = useState(rocks);
  const slotTheme = (slotId: string) => me.slots.find((s) => s.id === slotId)?.theme ?? slotId;
  return (
    <section className={styles.member} aria-labelledby="escalated-heading" style={{ marginBottom: tokens.spacingVerticalL }}>
      <h3 id="escalated-heading" className={styles.name}>
        Waiting for your decision
      </h3>
      <Text className={styles.muted}>
        {`A colleague and their ${me.vocabulary.reviewer} could not agree these ${me.vocabulary.rocks}. Read both sides and agree the final version, or send it back to revise.`}
      </Text>
      {list.map((rock) => (
        <RockCard
          key={rock.id}
          me={me}
          rock={rock}
          themeLabel={`${slotTheme(rock.slotId)}${rock.reviewer ? ` · ${me.vocabulary.reviewer}: ${rock.reviewer.displayName}` : ''}`}
          ownerName={rock.person.displayName}
          deciding
          onChanged={(saved) => setList((items) => items.map((r) => (r.id === saved.id ? { ...r, ...saved } : r)))}
          onConflict={onChanged}
        />
      ))}
    </section>
  );
}
