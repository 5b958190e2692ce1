// The organisation's cycles for the tab: every one, past cycles included, so their schedule,
// check-ins and rocks stay readable; and the PG admin's next-cycle options, preview and confirm.
import type { Cycle } from '../../shared/domain';
import { rockWindowsOf, rollCycleForward } from '../../shared/policy';
import type { NextCyclePlan } from '../schedule/nextCycle';
import { invalidFields, permittedRole, scopeOf, type Actor } from './access';
import type { UseCaseContext } from './context';
import { currentCycle } from './currentCycle';
import { DomainError } from './errors';
import { cycleToFollow, packChoices, planNextCycle, type NextCycleSource } from './nextCycle';
import { startNextCycle, type StartOutcome } from './startNextCycle';

export async function listCycles(ctx: UseCaseContext, actor: Actor): Promise<{ cycles: Cycle[]; currentId?: string }> {
  const org = scopeOf(actor);
  const [cycles, current] = await Promise.all([ctx.repos.cycles.list(org), currentCycle(ctx, actor.organisation)]);
  return { cycles, currentId: current?.id };
}

/** A cycle of the caller's organisation by id; another organisation's is not found. */
export async function cycleById(ctx: UseCaseContext, actor: Actor, cycleId: string): Promise<Cycle> {
  const cycle = await ctx.repos.cycles.get(scopeOf(actor), cycleId);
  if (!cycle) throw new DomainError('notFound', 'There is no such cycle.');
  return cycle;
}

function problemFields(problems: NextCyclePlan['problems']): Array<{ path: string; message: string }> {
  return problems.map((p) => ({
    path: p.line !== undefined ? 'source.text' : p.field === 'packId' ? 'source.packId' : (p.field ?? 'source'),
    message: p.line !== undefined ? `line ${p.line}: ${p.message}` : p.message,
  }));
}

function requireScheduleAdmin(actor: Actor): void {
  if (!permittedRole(actor, 'schedule', 'write')) throw new DomainError('forbidden', 'Only PG administrators can start the next cycle.');
}

export async function nextCycleOptions(ctx: UseCaseContext, actor: Actor) {
  requireScheduleAdmin(actor);
  const policy = actor.organisation.policy;
  const { cycle, events } = await cycleToFollow(ctx, actor.organisation);
  const rolled = rollCycleForward(cycle, events.filter((e) => e.status === 'scheduled'), rockWindowsOf(policy, cycle), policy.timezone);
  const started = (await ctx.repos.cycles.list(scopeOf(actor))).find((c) => c.startedFrom?.fromCycleId === cycle.id);
  return { from: cycle, rollForward: rolled.cycle, packs: packChoices(cycle), carryOver: policy.rocks.carryOver, started };
}

/** The plan, or a 422 naming the table line or the field of every problem. */
export async function previewNextCycle(ctx: UseCaseContext, actor: Actor, source: NextCycleSource): Promise<NextCyclePlan> {
  requireScheduleAdmin(actor);
  const plan = await planNextCycle(ctx, actor.organisation, source);
  if (plan.problems.length > 0) {
    throw invalidFields(problemFields(plan.problems), `${plan.cycle.label} cannot be started yet.`);
  }
  return plan;
}

export async function confirmNextCycle(ctx: UseCaseContext, actor: Actor, source: NextCycleSource, digest: string): Promise<Extract<StartOutcome, { kind: 'started' }>> {
  requireScheduleAdmin(actor);
  const outcome = await startNextCycle(ctx, actor, source, digest);
  if (outcome.kind === 'started') return outcome;
  if (outcome.kind === 'already') throw new DomainError('conflict', outcome.message, { current: outcome.cycle ? { id: outcome.cycle.id, label: outcome.cycle.label } : undefined });
  if (outcome.kind === 'stale') throw new DomainError('conflict', "This year's schedule changed since the preview, so nothing was created. Preview again.", { current: { digest: outcome.plan.digest } });
  throw invalidFields(problemFields(outcome.problems), 'The next cycle cannot be started yet.');
}
