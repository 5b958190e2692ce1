// What the tab shows about the signed-in person before anything else: their reviewer and coach,
// whether they review anyone, the current cycle and which check-in is open; and the cycle's schedule.
import type { Cycle, Person, ScheduleEvent } from '../../shared/domain';
import { nextEventAfter, openEventAt, reviewerOf } from '../../shared/policy';
import { hasLeft, scopeOf, type Actor } from './access';
import type { UseCaseContext } from './context';
import { DomainError } from './errors';
import { currentRockWindowId } from './rocks';

export interface Profile {
  reviewer?: Person;
  coach?: Person;
  isReviewer: boolean;
  currentRockWindowId?: string;
  cycle?: Cycle;
  openCheckIn?: ScheduleEvent;
  nextCheckIn?: ScheduleEvent;
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
  const checkIns = schedule.events;
  return {
    reviewer: people.find((p) => p.id === reviewerId),
    coach: people.find((p) => p.id === actor.person.coachId),
    isReviewer: !hasLeft(actor.person) && reviewees.some((p) => p.id !== actor.person.id),
    currentRockWindowId: currentRockWindowId(policy, now),
    cycle: schedule.cycle,
    openCheckIn: openEventAt(checkIns, now, policy.timezone, ['check-in', 'optional-check-in']),
    nextCheckIn: nextEventAfter(checkIns, now, policy.timezone, ['check-in', 'optional-check-in']),
  };
}

/**
 * The current cycle's events in date order, cancelled ones included (shown struck out); with
 * `cycleId`, that cycle's (a past year's schedule stays readable; another organisation's is not found).
 */
export async function getSchedule(ctx: UseCaseContext, actor: Actor, cycleId?: string): Promise<{ cycle?: Cycle; events: ScheduleEvent[] }> {
  const org = scopeOf(actor);
  const cycle = cycleId ? await ctx.repos.cycles.get(org, cycleId) : await ctx.repos.cycles.getCurrent(org);
  if (cycleId && !cycle) throw new DomainError('notFound', 'There is no such cycle.');
  if (!cycle) return { events: [] };
  return { cycle, events: await ctx.repos.scheduleEvents.list(org, cycle.id) };
}
