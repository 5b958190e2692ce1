// The cycle's schedule as it stands: its events, who has been prompted for them, and the coming
// events the admin channel's schedule card lists.
import { DateTime } from 'luxon';
import type { Cycle, Organisation, OutboxJob, Person, ScheduleEvent } from '../../shared/domain';
import { eligiblePeople, windowInstants } from '../../shared/policy';
import { promptKey } from './promptQueue';
import { isCheckInKind, type ScheduleState } from '../schedule/draft';
import type { ScheduleRow } from '../schedule/previews';
import type { UseCaseContext } from './context';
import { DomainError } from './errors';
import { cycleCalendar } from './currentCycle';
import { noCycleForAdmins } from '../schedule/cycleWords';

/**
 * The cycle PG administrators schedule: the one covering today, else (between cycles) the next one
 * to start, so its dates can be corrected before it begins. With neither, they are told what to do.
 */
export async function loadSchedule(ctx: UseCaseContext, organisation: Organisation, cycleId?: string): Promise<ScheduleState> {
  const org = { organisationId: organisation.id };
  if (cycleId) {
    // A named cycle: the next one, started ahead of its dates.
    const named = await ctx.repos.cycles.get(org, cycleId);
    if (!named) throw new DomainError('notFound', 'That cycle is no longer there.');
    return { organisation, cycle: named, events: await ctx.repos.scheduleEvents.list(org, named.id) };
  }
  const around = await cycleCalendar(ctx, organisation);
  const cycle = around.current ?? around.next;
  if (!cycle) throw new DomainError('notFound', noCycleForAdmins(around, organisation.policy.vocabulary));
  return { organisation, cycle, events: await ctx.repos.scheduleEvents.list(org, cycle.id) };
}

/** What the schedule card says above its events when the cycle shown has not started yet. */
export async function scheduleNotice(ctx: UseCaseContext, organisation: Organisation): Promise<string | undefined> {
  const around = await cycleCalendar(ctx, organisation);
  return around.current ? undefined : noCycleForAdmins(around, organisation.policy.vocabulary);
}

/**
 * The schedule an event belongs to, or the cycle named, else the current one. A cycle that has
 * ended is history: its schedule is not changed, so its events are looked for in the current one.
 */
export async function loadScheduleFor(ctx: UseCaseContext, organisation: Organisation, target: { eventId?: unknown; cycleId?: unknown }): Promise<ScheduleState> {
  const org = { organisationId: organisation.id };
  const event = typeof target.eventId === 'string' && target.eventId ? await ctx.repos.scheduleEvents.get(org, target.eventId) : null;
  const cycleId = event?.cycleId ?? (typeof target.cycleId === 'string' && target.cycleId ? target.cycleId : undefined);
  const cycle = cycleId ? await ctx.repos.cycles.get(org, cycleId) : null;
  const today = DateTime.fromJSDate(ctx.now(), { zone: organisation.policy.timezone }).toISODate()!;
  return loadSchedule(ctx, organisation, cycle && cycle.endsOn >= today ? cycle.id : undefined);
}

export interface PromptCounts {
  /** Eligible staff now. */
  eligible: number;
  /** Prompt jobs sent. */
  prompted: number;
  /** Prompt jobs still waiting to go. */
  pending: number;
}

/** The prompt job of each person for the event (undefined when none was queued for them). */
export async function promptJobs(ctx: UseCaseContext, organisationId: string, eventId: string, personIds: readonly string[]): Promise<Map<string, OutboxJob | undefined>> {
  const org = { organisationId };
  const out = new Map<string, OutboxJob | undefined>();
  // One indexed lookup per person (idempotency keys are unique); in slices so a big trust does not
  // open thousands of requests at once.
  for (let i = 0; i < personIds.length; i += 50) {
    const slice = personIds.slice(i, i + 50);
    const jobs = await Promise.all(slice.map((id) => ctx.repos.outboxJobs.findByIdempotencyKey(org, promptKey(organisationId, eventId, id))));
    slice.forEach((id, j) => out.set(id, jobs[j] ?? undefined));
  }
  return out;
}

export function wasPrompted(job: OutboxJob | undefined): boolean {
  return job?.status === 'done' && (job.result as { sent?: unknown } | undefined)?.sent === true;
}

export async function promptCounts(ctx: UseCaseContext, organisation: Organisation, event: ScheduleEvent, people?: Person[]): Promise<PromptCounts> {
  const eligible = people ?? eligiblePeople(await ctx.repos.people.listActive({ organisationId: organisation.id }), organisation.policy, ctx.now());
  if (!event.promptsQueuedAt || !isCheckInKind(event.kind)) return { eligible: eligible.length, prompted: 0, pending: 0 };
  const jobs = await promptJobs(ctx, organisation.id, event.id, eligible.map((p) => p.id));
  let prompted = 0;
  let pending = 0;
  for (const job of jobs.values()) {
    if (wasPrompted(job)) prompted += 1;
    else if (job?.status === 'pending' || job?.status === 'leased') pending += 1;
  }
  return { eligible: eligible.length, prompted, pending };
}

/** The cycle's coming events (not yet closed), with prompts sent and check-ins submitted so far. */
export async function comingEvents(ctx: UseCaseContext, organisation: Organisation, cycleId?: string): Promise<{ cycle: Cycle; rows: ScheduleRow[]; notice?: string }> {
  const { cycle, events } = await loadSchedule(ctx, organisation, cycleId);
  const notice = await scheduleNotice(ctx, organisation);
  const tz = organisation.policy.timezone;
  const now = ctx.now();
  const org = { organisationId: organisation.id };
  const coming = events.filter((e) => windowInstants(e, tz).closesAt > now);
  const people = eligiblePeople(await ctx.repos.people.listActive(org), organisation.policy, now);
  const rows = await Promise.all(
    coming.map(async (event): Promise<ScheduleRow> => {
      const { opensAt } = windowInstants(event, tz);
      const state = event.status === 'cancelled' ? 'cancelled' : opensAt > now ? 'upcoming' : 'open';
      const [counts, submitted] = await Promise.all([
        event.promptsQueuedAt ? promptCounts(ctx, organisation, event, people) : Promise.resolve({ prompted: 0 }),
        ctx.repos.checkIns.countForEvent(org, event.id),
      ]);
      return { event, prompted: counts.prompted, submitted, state };
    }),
  );
  return { cycle, rows, notice };
}
