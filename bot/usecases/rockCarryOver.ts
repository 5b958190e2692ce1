// Rocks carried into the next cycle where the policy says (seed 000 Appendix 2: next year's Term 1
// rocks are agreed June–August): each person's agreed rocks of the last window become drafts in the
// new cycle's first window, to review and propose again. Idempotent: a carried rock's id comes
// from the rock and the new cycle, so confirming (or finishing a crashed confirm) twice stores it once.
import { createHash } from 'node:crypto';
import type { Cycle, Organisation, Rock, RockWindow } from '../../shared/domain';
import { rockWindowsOf } from '../../shared/policy';
import type { CarryOverPlan } from '../schedule/nextCycle';
import type { Actor } from './access';
import type { UseCaseContext } from './context';

/** Rocks still being worked on: agreed, or agreed as amended by the reviewer. */
const IN_PROGRESS: ReadonlySet<Rock['status']> = new Set(['agreed', 'amended']);

function byStart(windows: readonly RockWindow[]): RockWindow[] {
  return [...windows].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
}

async function rocksToCarry(ctx: UseCaseContext, organisation: Organisation, from: Cycle, window: RockWindow): Promise<Rock[]> {
  const org = { organisationId: organisation.id };
  const rocks = (await ctx.repos.rocks.listInWindow(org, from.id, window.id)).filter((r) => IN_PROGRESS.has(r.status));
  // Not for someone excluded (a leaver); a person paused for support keeps theirs for when the process resumes (seed 000 §7).
  const owners = new Map((await ctx.repos.people.getMany(org, [...new Set(rocks.map((r) => r.personId))])).map((p) => [p.id, p]));
  // One per person and slot: a rock completed early may have been replaced in its slot; the latest counts.
  const bySlot = new Map<string, Rock>();
  for (const rock of rocks) {
    if ((owners.get(rock.personId)?.status ?? 'excluded') === 'excluded') continue;
    const key = `${rock.personId}\u0001${rock.slotId}`;
    if ((bySlot.get(key)?.updatedAt ?? 0) <= rock.updatedAt) bySlot.set(key, rock);
  }
  return [...bySlot.values()];
}

export async function carryOverPlan(ctx: UseCaseContext, organisation: Organisation, from: Cycle, toWindows: readonly RockWindow[]): Promise<CarryOverPlan> {
  const mode = organisation.policy.rocks.carryOver;
  const fromWindow = byStart(rockWindowsOf(organisation.policy, from)).at(-1);
  const toWindow = byStart(toWindows)[0];
  if (mode !== 'drafts' || !fromWindow || !toWindow) return { mode, rocks: 0, people: 0, fromWindow, toWindow };
  const rocks = await rocksToCarry(ctx, organisation, from, fromWindow);
  return { mode, rocks: rocks.length, people: new Set(rocks.map((r) => r.personId)).size, fromWindow, toWindow };
}

export function carriedRockId(toCycleId: string, rockId: string): string {
  return `carried-${createHash('sha256').update(`${toCycleId}\u0001${rockId}`).digest('hex').slice(0, 32)}`;
}

function carried(rock: Rock, actor: Actor, to: { cycleId: string; cycleLabel: string; window: RockWindow; fromLabel: string }, now: Date): Rock {
  const id = carriedRockId(to.cycleId, rock.id);
  return {
    id,
    organisationId: rock.organisationId,
    personId: rock.personId,
    cycleId: to.cycleId,
    slotId: rock.slotId,
    rockWindowId: to.window.id,
    title: rock.title,
    description: rock.description,
    alignment: [...rock.alignment],
    // Criteria start again undone; a target date from last year is dropped.
    successCriteria: rock.successCriteria.map((c, i) => ({
      id: `${id}-${i + 1}`,
      text: c.text,
      ...(c.targetDate && c.targetDate >= to.window.startsOn ? { targetDate: c.targetDate } : {}),
      done: false,
    })),
    status: 'draft',
    history: [{ at: now, byPersonId: actor.person.id, action: 'created', status: 'draft', note: `carried over from ${to.fromLabel} when ${to.cycleLabel} started` }],
    version: 0,
    createdAt: now,
    updatedAt: now,
  };
}

/** Creates the drafts; returns how many were new (0 on a repeat). */
export async function carryRocksOver(ctx: UseCaseContext, actor: Actor, from: Cycle, to: { cycleId: string; cycleLabel: string; windows: readonly RockWindow[] }): Promise<number> {
  const plan = await carryOverPlan(ctx, actor.organisation, from, to.windows);
  if (plan.mode !== 'drafts' || !plan.fromWindow || !plan.toWindow) return 0;
  const org = { organisationId: actor.organisation.id };
  const now = ctx.now();
  const fromLabel = `${plan.fromWindow.label}, ${from.label}`;
  const rocks = await rocksToCarry(ctx, actor.organisation, from, plan.fromWindow);
  let created = 0;
  for (let i = 0; i < rocks.length; i += 50) {
    const results = await Promise.all(rocks.slice(i, i + 50).map((r) => ctx.repos.rocks.create(org, carried(r, actor, { ...to, window: plan.toWindow!, fromLabel }, now))));
    created += results.filter((r) => r.created).length;
  }
  return created;
}
