import { Badge, Button, Link, makeStyles, mergeClasses, MessageBar, MessageBarBody, Text, tokens, typographyStyles } from '@fluentui/react-components';
import { ChatMultipleRegular } from '@fluentui/react-icons';
import { useContext, useEffect, useState } from 'react';
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
import { LocaleContext } from '../../shell/locale';
import { CHECK_IN_SAVED_EVENT, OPEN_CHECK_IN_EVENT, planTimeline, shortDay, stateColour, stateLabel } from './timelineText';

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
  // One column on a phone: the badge keeps its own width instead of stretching across.
  badge: { justifySelf: 'start' },
  sectionTitle: { ...typographyStyles.subtitle1, margin: 0 },
  subTitle: { ...typographyStyles.subtitle2, margin: `${tokens.spacingVerticalM} 0 ${tokens.spacingVerticalXS}` },
  lead: { ...typographyStyles.body1Strong, margin: `${tokens.spacingVerticalXS} 0 ${tokens.spacingVerticalS}` },
  openBox: {
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  prominent: { borderLeftColor: tokens.colorBrandStroke1 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  more: { marginTop: tokens.spacingVerticalM },
  summaryLine: {
    cursor: 'pointer',
    color: tokens.colorBrandForegroundLink,
    ...typographyStyles.body1Strong,
    padding: `${tokens.spacingVerticalXS} 0`,
  },
});

/**
 * A person's check-ins for the cycle: what is open and what is next first, the past below, the
 * rest of the year folded away. With `personId` (a reviewer's person page) it shows that person's,
 * read-only; `embedded` leaves out the view's own heading.
 */
export default function CheckInsView({ itemId, personId, embedded = false }: { itemId?: string; personId?: string; embedded?: boolean }) {
  const me = useMe();
  const styles = useStyles();
  const [cycleId, setCycleId] = useState<string>();
  const whose = personId ?? me.person.id;
  const own = whose === me.person.id;
  const timeline = useQuery(`check-ins:${whose}:${cycleId ?? 'current'}`, () => getCheckIns(whose, cycleId));
  const title = capitalise(`${me.vocabulary.checkIn}s`);
  const { reload } = timeline;
  // A check-in sent from the banner shows here at once.
  useEffect(() => {
    window.addEventListener(CHECK_IN_SAVED_EVENT, reload);
    return () => window.removeEventListener(CHECK_IN_SAVED_EVENT, reload);
  }, [reload]);
  const participation = own ? me.participation : timeline.state.data?.participation;

  return (
    <>
      {!embedded && <ViewHeading>{title}</ViewHeading>}
      <CyclePicker value={cycleId} onChange={setCycleId} />
      <div className={styles.layout}>
        {participation && !participation.asked && (
          // Excluded, paused, ECT, contract: the policy leaves them out, and says so (issue 14).
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              {own
                ? (participation.reason ?? `You're not asked to do ${me.vocabulary.checkIn}s at the moment.`)
                : `${timeline.state.data?.person.displayName ?? 'This person'} is not asked to do ${me.vocabulary.checkIn}s at the moment${participation.reason ? `: ${participation.reason}` : ''}. Nothing is counted as missed.`}
            </MessageBarBody>
          </MessageBar>
        )}
        {itemId && (
          <section aria-label={`Opened ${me.vocabulary.checkIn}`}>
            <CheckInPanel checkInId={itemId} onChanged={timeline.reload} />
            <Link href={formatHash({ view: 'check-ins' })}>{`Close and show all ${me.vocabulary.checkIn}s`}</Link>
          </section>
        )}
        <LoadState state={timeline.state} onRetry={timeline.reload} label={`Loading ${own ? 'your' : 'the'} ${me.vocabulary.checkIn}s…`}>
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
                <Summary data={data} own={own} />
                <Timeline data={data} own={own} itemId={itemId} />
              </>
            )
          }
        </LoadState>
      </div>
    </>
  );
}

function Timeline({ data, own, itemId }: { data: CheckInTimeline; own: boolean; itemId?: string }) {
  const styles = useStyles();
  const me = useMe();
  const locale = useContext(LocaleContext);
  const plan = planTimeline(data.entries);
  const asked = data.participation?.asked !== false;
  const day = (iso: string) => shortDay(iso, locale, me.policy.timezone);
  const checkIns = `${me.vocabulary.checkIn}s`;
  const lead = !asked
    ? `Not asked to do ${checkIns} at the moment`
    : plan.next
      ? `Next: ${plan.next.title} opens ${day(plan.next.opensAt)}`
      : plan.open
        ? `${plan.open.title} is the last one this cycle`
        : `No more ${checkIns} this cycle`;
  const entry = (e: TimelineEntry, prominent = false) => (
    <Entry key={e.eventId} entry={e} selected={!!e.checkIn && e.checkIn.id === itemId} prominent={prominent} canCheckIn={own && asked && prominent && !!me.openCheckIn} />
  );
  return (
    <section aria-labelledby="timeline-title">
      <h3 id="timeline-title" className={styles.sectionTitle}>
        {data.cycle ? `${data.cycle.label} cycle` : 'This cycle'}
      </h3>
      <p className={styles.lead}>{lead}</p>
      {plan.open && (
        <div className={styles.openBox} role="group" aria-label="Open now">
          <ol className={styles.timeline}>{entry(plan.open, true)}</ol>
        </div>
      )}
      {plan.next && (
        <>
          <h4 className={styles.subTitle}>Coming up</h4>
          <ol className={styles.timeline} aria-label="Coming up">
            {entry(plan.next)}
          </ol>
        </>
      )}
      {plan.past.length > 0 && (
        <>
          <h4 className={styles.subTitle}>Earlier this year</h4>
          <ol className={styles.timeline} aria-label="Earlier this year">
            {plan.past.map((e) => entry(e))}
          </ol>
        </>
      )}
      {plan.later.length > 0 && (
        <details className={styles.more}>
          <summary className={styles.summaryLine}>{`${plan.later.length} more this year`}</summary>
          <ol className={styles.timeline} aria-label="Later this year">
            {plan.later.map((e) => entry(e))}
          </ol>
        </details>
      )}
    </section>
  );
}

function Summary({ data, own }: { data: CheckInTimeline; own: boolean }) {
  const styles = useStyles();
  const { onTime } = data;
  if (data.mode === 'group') return <GroupSummary data={data} />;
  const name = data.person.displayName;
  const asked = data.participation?.asked !== false;
  const submitted = data.entries.some((e) => e.checkIn !== undefined);
  const scores = data.scores.map((s) => {
    const entry = data.entries.find((e) => e.checkIn?.id === s.checkInId);
    return { date: s.date, score: s.score, label: entry?.number !== undefined ? `#${entry.number}` : undefined, name: entry?.title };
  });
  let rate: React.ReactNode;
  if (!asked) rate = <Text className={styles.muted}>{own ? 'You are' : `${name} is`} not asked at the moment, so nothing is counted.</Text>;
  // A new starter's first sight is not "0 %": nothing is measured before a first check-in.
  else if (!submitted) rate = <Text className={styles.muted}>{own ? 'Your on-time rate appears after your first check-in.' : `${name}’s on-time rate appears after their first check-in.`}</Text>;
  else if (onTime.rate === null) rate = <Text className={styles.muted}>Nothing has been due yet.</Text>;
  else
    rate = (
      <>
        <Text className={styles.big}>{Math.round(onTime.rate * 100)}%</Text>
        <Text className={styles.muted}>
          {onTime.onTime} of {onTime.due} on time
        </Text>
      </>
    );
  return (
    <div className={styles.summary}>
      <section className={styles.box} aria-labelledby="on-time-title">
        <h3 id="on-time-title" className={styles.boxTitle}>
          {own ? 'How often do you submit on time?' : `How often ${name} submits on time`}
        </h3>
        {rate}
      </section>
      <section className={styles.box} aria-labelledby="score-title">
        <h3 id="score-title" className={styles.boxTitle}>
          {own ? 'Your score out of ten' : `${name}’s score out of ten`}
        </h3>
        {scores.length === 0 ? (
          <Text className={styles.muted}>No scores yet.</Text>
        ) : (
          <ScoreChart scores={scores} title={own ? 'Your score out of ten over the year' : `${name}’s score out of ten over the year`} />
        )}
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
  const optional = entry.kind === 'optional-check-in' ? 'Optional · ' : '';
  if (entry.state === 'not-asked') return `${optional}Not asked · ${entry.phase === 'upcoming' ? `opens ${time(entry.opensAt)}` : entry.phase === 'open' ? `closes ${time(entry.closesAt)}` : `closed ${time(entry.closesAt)}`}`;
  if (entry.state === 'open' || entry.state === 'upcoming') return `${optional}Opens ${time(entry.opensAt)}, closes ${time(entry.closesAt)}`;
  if (entry.group) return `${entry.group.groupName} session${entry.group.posted ? ' · you posted' : ` · closed ${time(entry.closesAt)}`}`;
  if (entry.state === 'not-posted') return `Closed ${time(entry.closesAt)} · you were not in a coaching group’s session`;
  if (entry.state === 'not-taken') return `Optional · closed ${time(entry.closesAt)} · nothing needed`;
  const checkIn = entry.checkIn;
  return checkIn
    ? `${optional}Submitted ${time(checkIn.submittedAt)}${checkIn.answers.score !== undefined ? ` · score ${checkIn.answers.score}/10` : ''}${checkIn.acknowledgement ? ' · acknowledged' : ''}${checkIn.reviewerResponse ? ' · response' : ''}`
    : `${optional}Closed ${time(entry.closesAt)}`;
}

function Entry({ entry, selected, prominent = false, canCheckIn = false }: { entry: TimelineEntry; selected: boolean; prominent?: boolean; canCheckIn?: boolean }) {
  const styles = useStyles();
  const dates = useDates();
  const checkIn = entry.checkIn;
  // A submitted check-in whose window is still open is shown as open (it can be edited), not only "on time".
  const label = prominent && checkIn && entry.phase === 'open' ? `${stateLabel[entry.state]} · open` : stateLabel[entry.state];
  return (
    <li className={mergeClasses(styles.entry, prominent && styles.prominent, selected && styles.selected)} aria-current={selected ? 'true' : undefined}>
      <Badge appearance="tint" color={stateColour[entry.state]} className={styles.badge}>
        {label}
      </Badge>
      <span className={styles.entryText}>
        <Text weight="semibold">{entry.title}</Text>
        <Text size={200} className={styles.muted}>
          {entryDetail(entry, dates.time)}
        </Text>
      </span>
      <span className={styles.actions}>
        {canCheckIn && (
          <Button size="small" appearance={checkIn ? 'secondary' : 'primary'} onClick={() => window.dispatchEvent(new CustomEvent(OPEN_CHECK_IN_EVENT))}>
            {checkIn ? 'Edit' : 'Check in here'}
          </Button>
        )}
        {entry.group ? (
          <Button as="a" href={formatHash({ view: 'group', itemId: entry.group.sessionId })} size="small" aria-label={`Open ${entry.title}: ${entry.group.groupName} session`}>
            Open session
          </Button>
        ) : checkIn ? (
          <Button as="a" href={formatHash({ view: 'check-ins', itemId: checkIn.id })} size="small" aria-label={`Open ${entry.title}`}>
            Open
          </Button>
        ) : null}
      </span>
    </li>
  );
}
