// What the tab shows about the signed-in person before anything else: their reviewer and coach,
// whether they review anyone, the current cycle and which check-in is open; and the cycle's schedule.
import type { Cycle, Person, ScheduleEvent } from '../../shared/domain';
import { nextEventAfter, openEventAt, reviewerOf } from '../../shared/policy';
import { hasLeft, isPgAdmin, scopeOf, type Actor } from './access';
import type { UseCaseContext } from './context';
import { DomainError } from './errors';
import { currentRockWindowId } from './rocks';
import { cycleCalendar } from './currentCycle';
import { noCycleForAdmins, noCycleForStaff } from '../schedule/cycleWords';
import type { CyclesAround } from '../schedule/cycles';
import { notAskedMessage } from './checkIns';

export interface Profile {
  reviewer?: Person;
  coach?: Person;
  isReviewer: boolean;
  currentRockWindowId?: string;
  cycle?: Cycle;
  /** Set when no cycle covers today (see noCycleNotice). */
  cycleNotice?: string;
  openCheckIn?: ScheduleEvent;
  nextCheckIn?: ScheduleEvent;
  /** Why the person is not asked to check in (checkIns.ts notAskedMessage), when they are not. */
  notAsked?: string;
}

export async function getProfile(ctx: UseCaseContext, actor: Actor): Promise<Profile> {
  const org = scopeOf(actor);
  const policy = actor.organisation.policy;
  const reviewerId = reviewerOf(actor.person, policy);
  const [people, reviewees, schedule] = await Promise.all([
    ctx.repos.people.getMany(org, [reviewerId, actor.person.coachId].filter((id): id is string => id !== undefined)),
    ctx.repos.people.listReviewees(org, actor.person.id),
    getSchedule(ctx, actor),
  ]);
  const now = ctx.now();
  // Between cycles the schedule is the next cycle's: nothing in it is open, and it is not "current".
  const current = schedule.notice ? undefined : schedule.cycle;
  const checkIns = current ? schedule.events : [];
  return {
    reviewer: people.find((p) => p.id === reviewerId),
    coach: people.find((p) => p.id === actor.person.coachId),
    isReviewer: !hasLeft(actor.person) && (reviewees.some((p) => p.id !== actor.person.id) || (await reviewInFlight(ctx, actor))),
    currentRockWindowId: currentRockWindowId(policy, now, current),
    cycle: current,
    cycleNotice: schedule.notice,
    openCheckIn: openEventAt(checkIns, now, policy.timezone, ['check-in', 'optional-check-in']),
    // The next cycle's first one when between cycles.
    nextCheckIn: nextEventAfter(schedule.events, now, policy.timezone, ['check-in', 'optional-check-in']),
    notAsked: notAskedMessage(actor.organisation, actor.person, now),
  };
}

/** A previous reviewer with a check-in sent to them still to acknowledge (they finish it from My team). */
async function reviewInFlight(ctx: UseCaseContext, actor: Actor): Promise<boolean> {
  const sent = await ctx.repos.checkIns.listForReviewer(scopeOf(actor), actor.person.id, 50);
  return sent.some((c) => !c.acknowledgement && c.personId !== actor.person.id);
}

/**
 * The current cycle's events in date order, cancelled ones included (shown struck out). Between
 * cycles: the next cycle's, if one is scheduled, with a notice saying no cycle covers today (in
 * a PG administrator's case, what to do about it).
 */
export async function getSchedule(ctx: UseCaseContext, actor: Actor, cycleId?: string): Promise<{ cycle?: Cycle; events: ScheduleEvent[]; notice?: string }> {
  const org = scopeOf(actor);
  if (cycleId) {
    // A named cycle: a past year's schedule stays readable; another organisation's is not found.
    const named = await ctx.repos.cycles.get(org, cycleId);
    if (!named) throw new DomainError('notFound', 'There is no such cycle.');
    return { cycle: named, events: await ctx.repos.scheduleEvents.list(org, named.id) };
  }
  const around = await cycleCalendar(ctx, actor.organisation);
  const cycle = around.current ?? around.next;
  const notice = around.current ? undefined : noCycleNotice(actor, around);
  if (!cycle) return { events: [], notice };
  return { cycle, events: await ctx.repos.scheduleEvents.list(org, cycle.id), notice };
}

/** What someone is told when no cycle covers today: staff when the next starts; PG admins what to do. */
export function noCycleNotice(actor: Actor, around: CyclesAround): string {
  const words = actor.organisation.policy.vocabulary;
  return isPgAdmin(actor.organisation, actor.person) ? noCycleForAdmins(around, words, 'elsewhere') : noCycleForStaff(around, words);
}
