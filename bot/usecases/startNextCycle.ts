// Confirming the next cycle at the plan the admin previewed. Two admins may confirm at once (or one
// twice): the decision "the cycle after X has been started" is a unique-index insert (atomic.ts),
// so exactly one confirm creates it; the other is told who did. Every write after the decision is
// idempotent, so a confirm that died half-way is finished by the next one with the same plan.
import { DateTime } from 'luxon';
import type { Cycle, CycleDefinition, ScheduleEvent } from '../../shared/domain';
import type { NextCyclePlan, NextCycleProblem } from '../schedule/nextCycle';
import { audit, scopeOf, type Actor } from './access';
import type { UseCaseContext } from './context';
import { cycleToFollow, planNextCycle, type NextCycleSource } from './nextCycle';
import { cycleIdFor, eventIdFor } from './organisations';
import { carryRocksOver } from './rockCarryOver';
import { count } from '../schedule/words';

const DECISION = 'next-cycle';

export type StartOutcome =
  | { kind: 'started'; cycle: Cycle; events: number; carriedOver: number; announcement: string }
  /** Someone (maybe this admin, earlier) already started the cycle after this one. */
  | { kind: 'already'; cycle: Cycle | null; byPersonId: string; message: string }
  | { kind: 'stale'; plan: NextCyclePlan }
  | { kind: 'invalid'; problems: NextCycleProblem[] };

function containsToday(cycle: Pick<CycleDefinition, 'startsOn' | 'endsOn'>, now: Date, timezone: string): boolean {
  const today = DateTime.fromJSDate(now, { zone: timezone }).toISODate()!;
  return cycle.startsOn <= today && today <= cycle.endsOn;
}

async function alreadyStarted(ctx: UseCaseContext, actor: Actor, fromCycleId: string): Promise<StartOutcome | null> {
  const decision = await ctx.repos.decisions.find(scopeOf(actor), DECISION, fromCycleId);
  if (!decision) return null;
  const cycleId = String(decision.details?.cycleId ?? '');
  const cycle = cycleId ? await ctx.repos.cycles.get(scopeOf(actor), cycleId) : null;
  const by = decision.winner === actor.person.id ? 'You' : ((await ctx.repos.people.get(scopeOf(actor), decision.winner))?.displayName ?? 'Another PG administrator');
  const what = cycle ? `${cycle.label} (${cycle.startsOn} to ${cycle.endsOn})` : 'the next cycle';
  return { kind: 'already', cycle, byPersonId: decision.winner, message: `${by} already started ${what}, so nothing was changed. Correct its dates with "schedule next" (or "schedule" once it has begun).` };
}

/** Stores the cycle, its events and the carried rocks; every write is idempotent. */
async function writeCycle(ctx: UseCaseContext, actor: Actor, plan: NextCyclePlan, from: Cycle): Promise<{ cycle: Cycle; events: number; carriedOver: number }> {
  const org = scopeOf(actor);
  const organisationId = actor.organisation.id;
  const { policyId, ...definition } = plan.cycle;
  const cycle: Cycle = {
    ...definition,
    id: cycleIdFor(organisationId, definition.key),
    organisationId,
    policyId,
    // Marked current only when it already runs today (the current cycle is decided by its dates).
    current: containsToday(definition, ctx.now(), actor.organisation.policy.timezone),
    startedFrom: { kind: plan.source, fromCycleId: from.id, ...(plan.packId ? { packId: plan.packId } : {}) },
  };
  await ctx.repos.cycles.upsert(org, cycle);
  const events: ScheduleEvent[] = plan.events.map(({ event }) => ({ ...event, id: eventIdFor(organisationId, cycle.key, event.key), organisationId, cycleId: cycle.id, status: 'scheduled', version: 0 }));
  await ctx.repos.scheduleEvents.insertMany(org, events);
  const carriedOver = await carryRocksOver(ctx, actor, from, { cycleId: cycle.id, cycleLabel: cycle.label, windows: cycle.rockWindows ?? [] });
  return { cycle, events: events.length, carriedOver };
}

export async function startNextCycle(ctx: UseCaseContext, actor: Actor, source: NextCycleSource, digest: string): Promise<StartOutcome> {
  const { cycle: from } = await cycleToFollow(ctx, actor.organisation);
  const done = await alreadyStarted(ctx, actor, from.id);
  if (done) return done;
  const plan = await planNextCycle(ctx, actor.organisation, source);
  if (plan.problems.length > 0) return { kind: 'invalid', problems: plan.problems };
  if (plan.digest !== digest) return { kind: 'stale', plan };
  const won = await ctx.repos.decisions.take(scopeOf(actor), DECISION, from.id, actor.person.id, ctx.now(), { cycleId: cycleIdFor(actor.organisation.id, plan.cycle.key), digest });
  if (!won) {
    const decision = await ctx.repos.decisions.find(scopeOf(actor), DECISION, from.id);
    // The same plan: finish it in case the winner died before writing (all writes are idempotent).
    if (decision?.details?.digest === digest) await writeCycle(ctx, actor, plan, from);
    return (await alreadyStarted(ctx, actor, from.id))!;
  }
  const written = await writeCycle(ctx, actor, plan, from);
  await audit(ctx, actor, 'cycle.started', { kind: 'cycle', id: written.cycle.id }, {
    from: from.id,
    source: plan.source,
    ...(plan.packId ? { packId: plan.packId } : {}),
    startsOn: written.cycle.startsOn,
    endsOn: written.cycle.endsOn,
    events: written.events,
    carriedOver: written.carriedOver,
  });
  const how = plan.source === 'roll-forward' ? `by rolling ${from.label} forward` : plan.source === 'pack' ? `from the ${plan.packId} pack` : "from next year's table";
  const { rock, rocks: rocksWord } = actor.organisation.policy.vocabulary;
  const rocks = written.carriedOver > 0 ? ` ${count(written.carriedOver, `agreed ${rock}`, `agreed ${rocksWord}`)} carried over as drafts.` : '';
  return {
    kind: 'started',
    ...written,
    announcement: `${actor.person.displayName} started ${written.cycle.label} (${written.cycle.startsOn} to ${written.cycle.endsOn}) ${how}: ${count(written.events, 'event')}.${rocks}`,
  };
}
