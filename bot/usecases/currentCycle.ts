// The organisation's current cycle, by date (the one use case every caller asks): the cycle whose
// startsOn..endsOn contains today in the policy's time zone. The stored `current` flag no longer
// decides, so a cycle created ahead for next year takes over on its start date with no one acting.
import type { Cycle, Organisation, ScheduleEvent } from '../../shared/domain';
import { cyclesAround, type CyclesAround } from '../schedule/cycles';
import type { UseCaseContext } from './context';

type OrganisationLike = Pick<Organisation, 'id' | 'policy'>;

/** The current cycle, and the next to start and the last that ended (for "no cycle" messages). */
export async function cycleCalendar(ctx: UseCaseContext, organisation: OrganisationLike): Promise<CyclesAround> {
  const cycles = await ctx.repos.cycles.list({ organisationId: organisation.id });
  return cyclesAround(cycles, ctx.now(), organisation.policy.timezone);
}

/** The cycle that covers today, or null between cycles (or before the first). */
export async function currentCycle(ctx: UseCaseContext, organisation: OrganisationLike): Promise<Cycle | null> {
  return (await cycleCalendar(ctx, organisation)).current ?? null;
}

/** The current cycle and its events (none between cycles). */
export async function currentCycleEvents(ctx: UseCaseContext, organisation: OrganisationLike): Promise<{ cycle?: Cycle; events: ScheduleEvent[] }> {
  const cycle = await currentCycle(ctx, organisation);
  if (!cycle) return { events: [] };
  return { cycle, events: await ctx.repos.scheduleEvents.list({ organisationId: organisation.id }, cycle.id) };
}
