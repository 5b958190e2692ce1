import { Badge, Button, Link, makeStyles, mergeClasses, MessageBar, MessageBarBody, Text, tokens, typographyStyles } from '@fluentui/react-components';
import { ChatMultipleRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { getCheckIns } from '../../api/endpoints';
import { CyclePicker } from '../common/CyclePicker';
import type { CheckInTimeline, TimelineEntry } from '../../api/model';
import { useQuery } from '../../api/useQuery';
import { formatHash } from '../../routing/routes';
import { capitalise, useMe } from '../../shell/me';
import { useDates } from '../common/dates';
import { LoadState } from '../common/LoadState';
import { EmptyState } from '../EmptyState';
import { ViewHeading } from '../ViewHeading';
import { CheckInPanel } from './CheckInPanel';
import { ScoreChart } from './ScoreChart';
import { stateColour, stateLabel } from './timelineText';

const useStyles = makeStyles({
  summary: {
    display: 'grid',
    gridTemplateColumns: 'minmax(12rem, 1fr) minmax(0, 2fr)',
    gap: tokens.spacingHorizontalXL,
    marginBottom: tokens.spacingVerticalXL,
    '@media (max-width: 760px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  box: {
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  boxTitle: { ...typographyStyles.subtitle2, margin: `0 0 ${tokens.spacingVerticalS}` },
  big: { ...typographyStyles.title2, display: 'block' },
  muted: { color: tokens.colorNeutralForeground2 },
  layout: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  timeline: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  entry: {
    display: 'grid',
    gridTemplateColumns: '7rem minmax(0, 1fr) auto',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    borderLeft: `${tokens.strokeWidthThicker} solid ${tokens.colorNeutralStroke2}`,
    '@media (max-width: 560px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  // Not the Selected background: in high contrast it is a highlight colour the text does not follow.
  selected: { backgroundColor: tokens.colorNeutralBackground3, borderLeftColor: tokens.colorBrandStroke1 },
  entryText: { display: 'flex', flexDirection: 'column' },
  sectionTitle: { ...typographyStyles.subtitle1, margin: 0 },
});

export default function CheckInsView({ itemId }: { itemId?: string }) {
  const me = useMe();
  const styles = useStyles();
  const [cycleId, setCycleId] = useState<string>();
  const timeline = useQuery(`check-ins:${me.person.id}:${cycleId ?? 'current'}`, () => getCheckIns(me.person.id, cycleId));
  const title = capitalise(`${me.vocabulary.checkIn}s`);

  return (
    <>
      <ViewHeading>{title}</ViewHeading>
      <CyclePicker value={cycleId} onChange={setCycleId} />
      <div className={styles.layout}>
        {me.participation && !me.participation.asked && (
          // Excluded, paused, ECT, contract: the policy leaves them out, and says so (issue 14).
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              {me.participation.reason}
            </MessageBarBody>
          </MessageBar>
        )}
        {itemId && (
          <section aria-label={`Opened ${me.vocabulary.checkIn}`}>
            <CheckInPanel checkInId={itemId} onChanged={timeline.reload} />
            <Link href={formatHash({ view: 'check-ins' })}>{`Close and show all ${me.vocabulary.checkIn}s`}</Link>
          </section>
        )}
        <LoadState state={timeline.state} onRetry={timeline.reload} label={`Loading your ${me.vocabulary.checkIn}s…`}>
          {(data) =>
            data.entries.length === 0 ? (
              <EmptyState icon={<ChatMultipleRegular />} title={me.cycleNotice ? 'No cycle is running today' : `No ${me.vocabulary.checkIn}s in this cycle yet`}>
                {me.cycleNotice ?? (me.checkInMode === 'group' ? (
                  <>
                    Your {me.vocabulary.checkIn}s are group coaching sessions: on each date a session card is posted in your coaching group’s channel or
                    chat. Each one shows here, with whether you posted in it.
                  </>
                ) : (
                  <>
                    When a {me.vocabulary.checkIn} window opens, Professional Growth asks you in Teams chat. Your answers and your{' '}
                    {me.vocabulary.reviewer}’s responses are kept here.
                  </>
                ))}
              </EmptyState>
            ) : (
              <>
                <Summary data={data} />
                <section aria-labelledby="timeline-title">
                  <h3 id="timeline-title" className={styles.sectionTitle}>
                    {data.cycle ? `${data.cycle.label} cycle` : 'This cycle'}
                  </h3>
                  <ol className={styles.timeline}>
                    {data.entries.map((entry) => (
                      <Entry key={entry.eventId} entry={entry} selected={!!entry.checkIn && entry.checkIn.id === itemId} />
                    ))}
                  </ol>
                </section>
              </>
            )
          }
        </LoadState>
      </div>
    </>
  );
}

function Summary({ data }: { data: CheckInTimeline }) {
  const styles = useStyles();
  const { onTime } = data;
  if (data.mode === 'group') return <GroupSummary data={data} />;
  return (
    <div className={styles.summary}>
      <section className={styles.box} aria-labelledby="on-time-title">
        <h3 id="on-time-title" className={styles.boxTitle}>
          How often do you submit on time?
        </h3>
        {onTime.rate === null ? (
          <Text className={styles.muted}>Nothing has been due yet.</Text>
        ) : (
          <>
            <Text className={styles.big}>{Math.round(onTime.rate * 100)}%</Text>
            <Text className={styles.muted}>
              {onTime.onTime} of {onTime.due} on time
            </Text>
          </>
        )}
      </section>
      <section className={styles.box} aria-labelledby="score-title">
        <h3 id="score-title" className={styles.boxTitle}>
          Your score out of ten
        </h3>
        {data.scores.length === 0 ? <Text className={styles.muted}>No scores yet.</Text> : <ScoreChart scores={data.scores} />}
      </section>
    </div>
  );
}

/** Group mode (seed 004 §8): the check-ins are the group's coaching sessions, "not a reporting exercise": no rate, no scores. */
function GroupSummary({ data }: { data: CheckInTimeline }) {
  const styles = useStyles();
  const me = useMe();
  const posted = data.entries.filter((e) => e.state === 'posted').length;
  return (
    <section className={styles.box} aria-labelledby="group-summary-title">
      <h3 id="group-summary-title" className={styles.boxTitle}>
        Group coaching sessions
      </h3>
      <Text className={styles.muted}>
        Your {me.vocabulary.checkIn}s happen in your coaching group: on each date a session card is posted in your team’s channel or chat, where you
        share successes, strengths, barriers and developments and reply to colleagues.{' '}
        {posted > 0 ? `You have posted in ${posted} ${posted === 1 ? 'session' : 'sessions'} this cycle. ` : ''}
        <Link href={formatHash({ view: 'group' })}>Open My group</Link>
      </Text>
    </section>
  );
}

function entryDetail(entry: TimelineEntry, time: (iso: string) => string): string {
  if (entry.state === 'open' || entry.state === 'upcoming') return `Opens ${time(entry.opensAt)}, closes ${time(entry.closesAt)}`;
  if (entry.group) return `${entry.group.groupName} session${entry.group.posted ? ' · you posted' : ` · closed ${time(entry.closesAt)}`}`;
  if (entry.state === 'not-posted') return `Closed ${time(entry.closesAt)} · you were not in a coaching group’s session`;
  const checkIn = entry.checkIn;
  return checkIn
    ? `Submitted ${time(checkIn.submittedAt)}${checkIn.answers.score !== undefined ? ` · score ${checkIn.answers.score}/10` : ''}${checkIn.acknowledgement ? ' · acknowledged' : ''}${checkIn.reviewerResponse ? ' · response' : ''}`
    : `Closed ${time(entry.closesAt)}`;
}

function Entry({ entry, selected }: { entry: TimelineEntry; selected: boolean }) {
  const styles = useStyles();
  const dates = useDates();
  const checkIn = entry.checkIn;
  return (
    <li className={mergeClasses(styles.entry, selected && styles.selected)} aria-current={selected ? 'true' : undefined}>
      <Badge appearance="tint" color={stateColour[entry.state]}>
        {stateLabel[entry.state]}
      </Badge>
      <span className={styles.entryText}>
        <Text weight="semibold">{entry.title}</Text>
        <Text size={200} className={styles.muted}>
          {entryDetail(entry, dates.time)}
        </Text>
      </span>
      {entry.group ? (
        <Button as="a" href={formatHash({ view: 'group', itemId: entry.group.sessionId })} size="small" aria-label={`Open ${entry.title}: ${entry.group.groupName} session`}>
          Open session
        </Button>
      ) : checkIn ? (
        <Button as="a" href={formatHash({ view: 'check-ins', itemId: checkIn.id })} size="small" aria-label={`Open ${entry.title}`}>
          Open
        </Button>
      ) : (
        <span />
      )}
    </li>
  );
}
