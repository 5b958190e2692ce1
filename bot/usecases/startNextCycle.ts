// Confirming the next cycle at the plan the admin previewed. Two admins may confirm at once (or one
// twice): the decision "the cycle after X has been started" is a unique-index insert (atomic.ts),
// so exactly one confirm creates it; the other is told who did. Every write after the decision is
// idempotent, so a confirm that died half-way is finished by the next one with the same plan.
import { DateTime } from 'luxon';
import type { Cycle, CycleDefinition, ScheduleEvent } from '../../shared/domain';
import type { Decision } from '../data/atomic';
import type { NextCyclePlan, NextCycleProblem } from '../schedule/nextCycle';
import { audit, scopeOf, type Actor } from './access';
import type { UseCaseContext } from './context';
import { cycleToFollow, planNextCycle, type NextCycleSource } from './nextCycle';
import { cycleIdFor, eventIdFor } from './organisations';
import { carryRocksOver } from './rockCarryOver';
import { count } from '../schedule/words';

const DECISION = 'next-cycle';
/** A winner that has not stored the cycle this long after its decision is taken to have died. */
const WINNER_GONE_MS = 2 * 60 * 1000;

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

async function alreadyStarted(ctx: UseCaseContext, actor: Actor, decision: Decision): Promise<StartOutcome> {
  const cycleId = String(decision.details?.cycleId ?? '');
  const cycle = cycleId ? await ctx.repos.cycles.get(scopeOf(actor), cycleId) : null;
  const by = decision.winner === actor.person.id ? 'You' : ((await ctx.repos.people.get(scopeOf(actor), decision.winner))?.displayName ?? 'Another PG administrator');
  // The winner may still be writing (the cycle is stored last): the decision names it too.
  const named = decision.details as { label?: unknown; startsOn?: unknown; endsOn?: unknown } | undefined;
  const what = cycle ? `${cycle.label} (${cycle.startsOn} to ${cycle.endsOn})` : typeof named?.label === 'string' ? `${named.label} (${String(named.startsOn)} to ${String(named.endsOn)})` : 'the next cycle';
  return { kind: 'already', cycle, byPersonId: decision.winner, message: `${by} already started ${what}, so nothing was changed. Correct its dates with "schedule next" (or "schedule" once it has begun).` };
}

/**
 * Stores the events, the carried rocks, then the cycle (last, so a stored cycle means a finished
 * start); every write is idempotent, so an interrupted start is finished by writing it again.
 */
async function writeCycle(ctx: UseCaseContext, actor: Actor, plan: NextCyclePlan, from: Cycle): Promise<Written> {
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
  const events: ScheduleEvent[] = plan.events.map(({ event }) => ({ ...event, id: eventIdFor(organisationId, cycle.key, event.key), organisationId, cycleId: cycle.id, status: 'scheduled', version: 0 }));
  await ctx.repos.scheduleEvents.insertMany(org, events);
  const carriedOver = await carryRocksOver(ctx, actor, from, { cycleId: cycle.id, cycleLabel: cycle.label, windows: cycle.rockWindows ?? [] });
  await ctx.repos.cycles.upsert(org, cycle);
  const details = { from: from.id, source: plan.source, ...(plan.packId ? { packId: plan.packId } : {}), startsOn: cycle.startsOn, endsOn: cycle.endsOn, events: events.length, carriedOver };
  await audit(ctx, actor, 'cycle.started', { kind: 'cycle', id: cycle.id }, details);
  return { cycle, events: events.length, carriedOver };
}

type Written = { cycle: Cycle; events: number; carriedOver: number };

/** The winner of the decision stopped before storing the cycle: finish its plan if this year's schedule still gives the same one. */
async function finishInterrupted(ctx: UseCaseContext, actor: Actor, decision: Decision, from: Cycle): Promise<void> {
  const source = decision.details?.source as NextCycleSource | undefined;
  const cycleId = String(decision.details?.cycleId ?? '');
  if (!source || !cycleId || ctx.now().getTime() - decision.at.getTime() < WINNER_GONE_MS) return;
  if (await ctx.repos.cycles.get(scopeOf(actor), cycleId)) return;
  const plan = await planNextCycle(ctx, actor.organisation, source);
  if (plan.problems.length === 0 && plan.digest === decision.details?.digest) await writeCycle(ctx, actor, plan, from);
  else ctx.logger.warn({ organisationId: actor.organisation.id, from: from.id }, 'an interrupted start of the next cycle no longer matches its plan; not finished');
}

export async function startNextCycle(ctx: UseCaseContext, actor: Actor, source: NextCycleSource, digest: string): Promise<StartOutcome> {
  const { cycle: from } = await cycleToFollow(ctx, actor.organisation);
  const org = scopeOf(actor);
  const taken = await ctx.repos.decisions.find(org, DECISION, from.id);
  if (taken) {
    await finishInterrupted(ctx, actor, taken, from);
    return alreadyStarted(ctx, actor, taken);
  }
  const plan = await planNextCycle(ctx, actor.organisation, source);
  if (plan.problems.length > 0 || plan.digest !== digest) {
    // Another admin may have started it while this plan was made (their new cycle is then what the
    // plan trips over): say that, not what the plan now finds.
    const meanwhile = await ctx.repos.decisions.find(org, DECISION, from.id);
    if (meanwhile) return alreadyStarted(ctx, actor, meanwhile);
    return plan.problems.length > 0 ? { kind: 'invalid', problems: plan.problems } : { kind: 'stale', plan };
  }
  // The one-winner step: the source rides in the decision, so a start interrupted after it can be finished.
  const won = await ctx.repos.decisions.take(org, DECISION, from.id, actor.person.id, ctx.now(), {
    cycleId: cycleIdFor(actor.organisation.id, plan.cycle.key),
    label: plan.cycle.label,
    startsOn: plan.cycle.startsOn,
    endsOn: plan.cycle.endsOn,
    digest,
    source,
  });
  if (!won) {
    const decision = await ctx.repos.decisions.find(org, DECISION, from.id);
    if (!decision) throw new Error('the next-cycle decision was taken but cannot be read');
    return alreadyStarted(ctx, actor, decision);
  }
  const written = await writeCycle(ctx, actor, plan, from);
  const how = plan.source === 'roll-forward' ? `by rolling ${from.label} forward` : plan.source === 'pack' ? `from the ${plan.packId} pack` : "from next year's table";
  const { rock, rocks: rocksWord } = actor.organisation.policy.vocabulary;
  const rocks = written.carriedOver > 0 ? ` ${count(written.carriedOver, `agreed ${rock}`, `agreed ${rocksWord}`)} carried over as drafts.` : '';
  return {
    kind: 'started',
    ...written,
    announcement: `${actor.person.displayName} started ${written.cycle.label} (${written.cycle.startsOn} to ${written.cycle.endsOn}) ${how}: ${count(written.events, 'event')}.${rocks}`,
  };
}
