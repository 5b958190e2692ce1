// A person's check-ins for the current cycle as a timeline: every check-in event with its state
// (on time, late, missed, open, upcoming), the on-time rate and the score trend. In a group-mode
// organisation (seed 004 §8) a check-in is the group's coaching session, not an individual
// check-in: it shows whether the person posted in their group's session, it is never "missed" and
// nothing counts towards an on-time rate ("this is not a reporting exercise").
import { groupPostIdFor, type CheckIn, type CheckInState, type Cycle, type Person, type ScheduleEvent } from '../../shared/domain';
import { checkInStateAt, isEligible, windowInstants } from '../../shared/policy';
import { loadReadablePerson, reviewedCheckIn, scopeOf, wasReviewerOf, type Actor } from './access';
import type { UseCaseContext } from './context';
import { currentCycle } from './currentCycle';
import { DomainError } from './errors';
import { isGroupMode } from './groupSessions';
import { noteRecordView, viewerRole } from './recordViews';

/** A group-mode check-in's state for one person: posted in their group's session, or closed without a post. */
export type GroupCheckInState = 'posted' | 'not-posted';

/** The session of the person's coaching group for a group-mode check-in (once the scheduler has posted it). */
export interface TimelineGroupSession {
  sessionId: string;
  groupId: string;
  groupName: string;
  posted: boolean;
}

/** A check-in the person did not give while the policy leaves them out (excluded, ECT, paused…): not theirs to miss. */
export type NotAskedState = 'not-asked';

export interface TimelineItem {
  event: ScheduleEvent;
  state: CheckInState | GroupCheckInState | NotAskedState;
  checkIn?: CheckIn;
  group?: TimelineGroupSession;
}

export interface CheckInTimeline {
  person: Person;
  cycle?: Cycle;
  /** The organisation's check-in mode: in 'group' mode the items are group sessions. */
  mode: 'individual' | 'group';
  items: TimelineItem[];
  onTime: { onTime: number; due: number; rate: number | null };
  /** Whether the policy asks the person to check in now, and why not. */
  participation: { asked: boolean; reason?: string };
  scores: Array<{ date: string; score: number; checkInId: string }>;
}

export const CHECK_IN_KINDS = ['check-in', 'optional-check-in'] as const;

/** The current cycle's timeline; with `cycleId`, that cycle's (past years stay readable). */
export async function getCheckInTimeline(ctx: UseCaseContext, actor: Actor, personId: string, cycleId?: string): Promise<CheckInTimeline> {
  const { person, former } = await loadTimelineOwner(ctx, actor, personId);
  const org = scopeOf(actor);
  const cycle = (cycleId ? await ctx.repos.cycles.get(org, cycleId) : await currentCycle(ctx, actor.organisation)) ?? undefined;
  if (cycleId && !cycle) throw new DomainError('notFound', 'There is no such cycle.');
  const role = former ? 'former-reviewer' : viewerRole(actor, person, 'check-ins');
  await noteRecordView(ctx, actor, person, { kind: 'check-ins', role, itemId: cycle?.id, what: `your ${actor.organisation.policy.vocabulary.checkIn}s${cycle ? ` of ${cycle.label}` : ''}` });
  const mode = isGroupMode(actor.organisation) ? 'group' : 'individual';
  const eligibility = isEligible(person, actor.organisation.policy, ctx.now());
  const participation = eligibility.eligible ? { asked: true } : { asked: false, reason: eligibility.reason };
  if (!cycle) return { person, mode, items: [], onTime: { onTime: 0, due: 0, rate: null }, participation, scores: [] };
  if (mode === 'group') {
    // A previous reviewer has no group sessions to see: those belong to the group.
    const items = former ? [] : await groupSessionItems(ctx, actor, person, await ctx.repos.scheduleEvents.list(org, cycle.id));
    return { person, cycle, mode, items, onTime: { onTime: 0, due: 0, rate: null }, participation, scores: [] };
  }
  const [events, checkIns] = await Promise.all([ctx.repos.scheduleEvents.list(org, cycle.id), ctx.repos.checkIns.listForPerson(org, person.id, { cycleId: cycle.id })]);
  const items = individualItems(events, checkIns, person, ctx.now(), actor.organisation.policy.timezone)
    // A previous reviewer sees the check-ins submitted to them, nothing else of the person's year.
    .filter((i) => !former || (i.checkIn !== undefined && reviewedCheckIn(actor, i.checkIn)))
    // Someone the policy leaves out is not asked: nothing they did not give is missed, open or due.
    .map((i): TimelineItem => (participation.asked || i.checkIn ? i : { ...i, state: 'not-asked' }));
  const scores = items.flatMap((i) => (i.checkIn?.answers.score !== undefined ? [{ date: i.event.date, score: i.checkIn.answers.score, checkInId: i.checkIn.id }] : []));
  return { person, cycle, mode, items, onTime: onTimeOf(items), participation, scores };
}

/**
 * An individual-mode cycle's check-in events for one person with their state at `now` (pure: the
 * timeline and the year's reviews both ask it).
 */
export function individualItems(events: readonly ScheduleEvent[], checkIns: readonly CheckIn[], person: Pick<Person, 'startedOn' | 'pauses'>, now: Date, timezone: string): TimelineItem[] {
  const byEvent = new Map(checkIns.map((c) => [c.eventId, c]));
  return (
    events
      .filter((e) => (CHECK_IN_KINDS as readonly string[]).includes(e.kind))
      // A cancelled event keeps a check-in someone already gave; otherwise it is not on the timeline.
      .filter((e) => e.status === 'scheduled' || byEvent.has(e.id))
      // A starter was not asked for the check-ins that opened before they joined (the scheduler
      // prompts whoever is eligible at the opening): those are not theirs to miss.
      .filter((e) => byEvent.has(e.id) || !person.startedOn || e.window.opens.slice(0, 10) >= person.startedOn)
      // seed 000 §12: while professional growth was paused for support nobody was asked to check in.
      .filter((e) => byEvent.has(e.id) || !openedWhilePaused(e, person.pauses ?? [], timezone))
      .map((event) => {
        const checkIn = byEvent.get(event.id);
        return { event, checkIn, state: checkInStateAt(event, checkIn, now, timezone) };
      })
  );
}

/** The on-time rate of the items: only compulsory check-ins count; an optional one can't be missed. */
export function onTimeOf(items: readonly TimelineItem[]): CheckInTimeline['onTime'] {
  const due = items.filter((i) => i.event.kind === 'check-in' && i.event.status === 'scheduled' && (i.state === 'on-time' || i.state === 'late' || i.state === 'missed'));
  const onTime = due.filter((i) => i.state === 'on-time').length;
  return { onTime, due: due.length, rate: due.length > 0 ? onTime / due.length : null };
}

/**
 * Group mode: each check-in is the session of the person's coaching group (one whose session names
 * them, or the group they are in now), 'posted' once they posted in it, 'not-posted' when it closed
 * without their post; before it closes it is upcoming or open like any window. A starter's
 * timeline leaves out sessions that opened before they joined, unless they posted in one.
 */
async function groupSessionItems(ctx: UseCaseContext, actor: Actor, person: Person, events: ScheduleEvent[]): Promise<TimelineItem[]> {
  const org = scopeOf(actor);
  const now = ctx.now();
  const timezone = actor.organisation.policy.timezone;
  const groups = await ctx.repos.coachingGroups.listForPerson(org, person.id);
  const names = new Map(groups.map((g) => [g.id, g.name]));
  const current = new Set(groups.filter((g) => g.memberIds.includes(person.id)).map((g) => g.id));
  const items = await Promise.all(
    events
      .filter((e) => (CHECK_IN_KINDS as readonly string[]).includes(e.kind))
      .map(async (event): Promise<TimelineItem & { posted: boolean }> => {
        const sessions = (await ctx.repos.groupSessions.listForEvent(org, event.id)).filter((s) => s.memberIds.includes(person.id) || current.has(s.groupId));
        const posts = await Promise.all(sessions.map((s) => ctx.repos.groupPosts.get(org, groupPostIdFor(s.id, person.id))));
        const postedIn = sessions.findIndex((_, i) => posts[i] !== null);
        const session = sessions[postedIn >= 0 ? postedIn : 0];
        const posted = postedIn >= 0;
        const groupName = session ? (names.get(session.groupId) ?? (await ctx.repos.coachingGroups.get(org, session.groupId))?.name ?? 'Coaching group') : '';
        const { opensAt, closesAt } = windowInstants(event, timezone);
        const state = posted ? 'posted' : now < opensAt ? 'upcoming' : now <= closesAt ? 'open' : 'not-posted';
        return { event, state, posted, group: session ? { sessionId: session.id, groupId: session.groupId, groupName, posted } : undefined };
      }),
  );
  return items
    .filter((i) => i.posted || i.event.status === 'scheduled')
    .filter((i) => i.posted || !person.startedOn || i.event.window.opens.slice(0, 10) >= person.startedOn)
    .map(({ event, state, group }) => ({ event, state, group }));
}

/** The person whose timeline is asked for: readable by the access table, or by a previous reviewer (their check-ins only). */
async function loadTimelineOwner(ctx: UseCaseContext, actor: Actor, personId: string): Promise<{ person: Person; former: boolean }> {
  try {
    return { person: (await loadReadablePerson(ctx, actor, personId, 'check-ins')).person, former: false };
  } catch (err) {
    const person = err instanceof DomainError && err.code === 'forbidden' ? await ctx.repos.people.get(scopeOf(actor), personId) : null;
    if (person && wasReviewerOf(actor, person, 'check-ins')) return { person, former: true };
    throw err;
  }
}

/**
 * Whether the person was paused (support plan) at any time while the event's window was open: they
 * were not prompted (paused at the opening) or could no longer answer (paused during it).
 */
function openedWhilePaused(event: ScheduleEvent, pauses: NonNullable<Person['pauses']>, timezone: string): boolean {
  if (pauses.length === 0) return false;
  const { opensAt, closesAt } = windowInstants(event, timezone);
  return pauses.some((p) => p.from < closesAt && (p.until === undefined || p.until > opensAt));
}
