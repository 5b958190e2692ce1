// Rocks (seed 000) / objectives (seed 001): a person writes up to one per policy slot for each rock
// window, proposes them, and their reviewer agrees or amends them; they may be marked complete
// early (seed 001 FAQ). Status: draft → proposed → agreed | amended → completed. Every change is
// appended to the rock's history and to the audit log.
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Policy, Rock, RockChange, RockStatus, SuccessCriterion } from '../../shared/domain';
import type { RockChanges } from '../data/rockRepository';
import { audit, invalidFields, loadReadablePerson, permittedRole, readableOwner, scopeOf, type Actor } from './access';
import type { UseCaseContext } from './context';
import { DomainError } from './errors';

export interface SuccessCriterionInput {
  id?: string;
  text: string;
  targetDate?: string;
}

export interface RockContentInput {
  title?: string;
  description?: string;
  alignment?: string[];
  successCriteria?: SuccessCriterionInput[];
}

export interface CreateRockInput extends RockContentInput {
  id?: string;
  slotId: string;
  rockWindowId?: string;
  title: string;
}

/** The rock window containing `at` in the policy's time zone, else the next to start. */
export function currentRockWindowId(policy: Policy, at: Date): string | undefined {
  const today = DateTime.fromJSDate(at, { zone: policy.timezone }).toISODate() ?? '';
  const windows = [...policy.rocks.windows].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  return (windows.find((w) => w.startsOn <= today && today <= w.endsOn) ?? windows.find((w) => w.startsOn > today))?.id;
}

export async function listRocks(
  ctx: UseCaseContext,
  actor: Actor,
  personId: string,
  options: { cycleId?: string; rockWindowId?: string } = {},
): Promise<{ person: Awaited<ReturnType<typeof loadReadablePerson>>['person']; rocks: Rock[] }> {
  const { person } = await loadReadablePerson(ctx, actor, personId, 'rocks');
  const cycleId = options.cycleId ?? (await ctx.repos.cycles.getCurrent(scopeOf(actor)))?.id;
  if (!cycleId) return { person, rocks: [] };
  const rocks = await ctx.repos.rocks.listForPerson(scopeOf(actor), person.id, { cycleId, rockWindowId: options.rockWindowId });
  return { person, rocks };
}

/** A rock by id, if the caller may read it (404 otherwise, whatever the reason). */
export async function getRock(ctx: UseCaseContext, actor: Actor, rockId: string): Promise<Rock> {
  const rock = await ctx.repos.rocks.get(scopeOf(actor), rockId);
  if (!rock || !(await readableOwner(ctx, actor, rock.personId, 'rocks'))) throw new DomainError('notFound');
  return rock;
}

export async function createRock(ctx: UseCaseContext, actor: Actor, input: CreateRockInput): Promise<Rock> {
  const org = scopeOf(actor);
  const policy = actor.organisation.policy;
  const cycle = await ctx.repos.cycles.getCurrent(org);
  if (!cycle) throw new DomainError('conflict', `There is no current cycle to write ${policy.vocabulary.rocks} for yet. Ask your PG administrator.`);

  const slot = policy.rocks.slots.find((s) => s.id === input.slotId);
  if (!slot) throw invalidFields([{ path: 'slotId', message: `choose one of: ${policy.rocks.slots.map((s) => s.theme).join(', ')}` }]);
  const rockWindowId = input.rockWindowId ?? currentRockWindowId(policy, ctx.now());
  const window = policy.rocks.windows.find((w) => w.id === rockWindowId);
  if (!window) throw invalidFields([{ path: 'rockWindowId', message: `choose one of: ${policy.rocks.windows.map((w) => w.label).join(', ') || 'no windows are set'}` }]);

  if (input.id) {
    const existing = await ctx.repos.rocks.get(org, input.id);
    // A retried create returns what the first one stored; someone else's id is not theirs to learn about.
    if (existing && existing.personId === actor.person.id) return existing;
    if (existing) throw new DomainError('conflict', 'That id is already used.');
  }

  const mine = await ctx.repos.rocks.listForPerson(org, actor.person.id, { cycleId: cycle.id, rockWindowId: window.id });
  if (mine.some((r) => r.slotId === slot.id)) {
    throw invalidFields([{ path: 'slotId', message: `you already have a ${policy.vocabulary.rock} for "${slot.theme}" in ${window.label}` }]);
  }
  if (mine.length >= policy.rocks.slots.length) {
    throw invalidFields([{ path: 'slotId', message: `${policy.rocks.slots.length} ${policy.vocabulary.rocks} is the most for ${window.label}` }]);
  }

  const now = ctx.now();
  const content = checkContent(policy, { title: input.title, description: input.description ?? '', alignment: input.alignment ?? [], successCriteria: input.successCriteria ?? [] }, []);
  const rock: Rock = {
    id: input.id ?? randomUUID(),
    organisationId: actor.organisation.id,
    personId: actor.person.id,
    cycleId: cycle.id,
    slotId: slot.id,
    rockWindowId: window.id,
    title: input.title,
    description: input.description ?? '',
    alignment: content.alignment ?? [],
    successCriteria: content.successCriteria ?? [],
    status: 'draft',
    history: [{ at: now, byPersonId: actor.person.id, action: 'created', status: 'draft' }],
    version: 0,
    createdAt: now,
    updatedAt: now,
  };
  const { rock: stored, created } = await ctx.repos.rocks.create(org, rock);
  if (created) await audit(ctx, actor, 'rock.created', { kind: 'rock', id: stored.id }, { slotId: slot.id, rockWindowId: window.id });
  return stored;
}

/** The owner edits; an agreed or amended rock goes back to proposed, since changes are agreed with the manager (seed 001 FAQ). */
export async function editRock(ctx: UseCaseContext, actor: Actor, rockId: string, input: RockContentInput & { version: number }): Promise<Rock> {
  const rock = await ownRock(ctx, actor, rockId);
  if (rock.status === 'completed') throw new DomainError('conflict', `A completed ${actor.organisation.policy.vocabulary.rock} can't be edited.`, { current: rock });
  const changes = checkContent(actor.organisation.policy, input, rock.successCriteria);
  const status: RockStatus = rock.status === 'agreed' || rock.status === 'amended' ? 'proposed' : rock.status;
  const note = status !== rock.status ? `edited after it was ${rock.status}: needs agreeing again` : undefined;
  const updated = await applyChange(ctx, actor, rock, input.version, { ...changes, status }, { action: 'edited', status, note });
  await audit(ctx, actor, 'rock.edited', { kind: 'rock', id: rock.id }, { fields: Object.keys(changes), status });
  return updated;
}

export async function proposeRock(ctx: UseCaseContext, actor: Actor, rockId: string, input: { version: number; note?: string }): Promise<Rock> {
  const rock = await ownRock(ctx, actor, rockId);
  if (rock.status === 'proposed') return rock; // a retried propose
  if (rock.status !== 'draft') throw wrongStatus(actor, rock, 'proposed');
  if (rock.successCriteria.length === 0) throw invalidFields([{ path: 'successCriteria', message: 'add at least one success criterion before proposing' }]);
  const { minimum, label } = actor.organisation.policy.alignment;
  // seed 004 §9: every growth project must focus on at least one of the four 2030 Drivers.
  if (rock.alignment.length < minimum) {
    const what = `${minimum} ${label}${minimum === 1 ? '' : 's'}`;
    throw invalidFields([{ path: 'alignment', message: `choose at least ${what} before proposing` }], `Choose at least ${what} for this ${actor.organisation.policy.vocabulary.rock} before proposing it.`);
  }
  const updated = await applyChange(ctx, actor, rock, input.version, { status: 'proposed' }, { action: 'proposed', status: 'proposed', note: input.note });
  await audit(ctx, actor, 'rock.proposed', { kind: 'rock', id: rock.id });
  return updated;
}

/** The reviewer (per policy) agrees a proposed rock, optionally with a comment. */
export async function agreeRock(ctx: UseCaseContext, actor: Actor, rockId: string, input: { version: number; comment?: string }): Promise<Rock> {
  const rock = await reviewableRock(ctx, actor, rockId);
  if (rock.status === 'agreed') return rock;
  if (rock.status !== 'proposed') throw wrongStatus(actor, rock, 'agreed');
  const updated = await applyChange(
    ctx,
    actor,
    rock,
    input.version,
    { status: 'agreed', reviewerNote: input.comment || undefined },
    { action: 'agreed', status: 'agreed', note: input.comment || undefined },
  );
  await audit(ctx, actor, 'rock.agreed', { kind: 'rock', id: rock.id }, { personId: rock.personId });
  return updated;
}

/** The reviewer agrees a proposed rock as amended: the comment says what changed; content may change too. */
export async function amendRock(ctx: UseCaseContext, actor: Actor, rockId: string, input: RockContentInput & { version: number; comment: string }): Promise<Rock> {
  const rock = await reviewableRock(ctx, actor, rockId);
  if (rock.status !== 'proposed') throw wrongStatus(actor, rock, 'amended');
  const { version, comment, ...content } = input;
  const changes = checkContent(actor.organisation.policy, content, rock.successCriteria);
  const updated = await applyChange(ctx, actor, rock, version, { ...changes, status: 'amended', reviewerNote: comment }, { action: 'amended', status: 'amended', note: comment });
  await audit(ctx, actor, 'rock.amended', { kind: 'rock', id: rock.id }, { personId: rock.personId, fields: Object.keys(changes) });
  return updated;
}

/** seed 001 FAQ: objectives completed early are marked complete. */
export async function completeRock(ctx: UseCaseContext, actor: Actor, rockId: string, input: { version: number; note?: string }): Promise<Rock> {
  const rock = await ownRock(ctx, actor, rockId);
  if (rock.status === 'completed') return rock;
  if (rock.status !== 'agreed' && rock.status !== 'amended') throw wrongStatus(actor, rock, 'completed');
  const updated = await applyChange(ctx, actor, rock, input.version, { status: 'completed' }, { action: 'completed', status: 'completed', note: input.note });
  await audit(ctx, actor, 'rock.completed', { kind: 'rock', id: rock.id });
  return updated;
}

export async function setCriterionDone(ctx: UseCaseContext, actor: Actor, rockId: string, criterionId: string, input: { version: number; done: boolean }): Promise<Rock> {
  const rock = await ownRock(ctx, actor, rockId);
  const criterion = rock.successCriteria.find((c) => c.id === criterionId);
  if (!criterion) throw new DomainError('notFound', 'That success criterion is not on this rock.');
  if (criterion.done === input.done) return rock;
  if (rock.status === 'completed') throw new DomainError('conflict', `A completed ${actor.organisation.policy.vocabulary.rock} can't be changed.`, { current: rock });
  const now = ctx.now();
  // The whole array is rewritten: FerretDB's positional updates are limited (DESIGN.md).
  const successCriteria = rock.successCriteria.map((c) => (c.id === criterionId ? { ...c, done: input.done, doneAt: input.done ? now : undefined } : c));
  const action = input.done ? 'criterion-done' : 'criterion-undone';
  const updated = await applyChange(ctx, actor, rock, input.version, { successCriteria }, { action, status: rock.status, note: criterion.text.slice(0, 200) });
  await audit(ctx, actor, `rock.${action}`, { kind: 'rock', id: rock.id }, { criterionId });
  return updated;
}

/** The caller's own rock: 404 if they cannot see it, 403 if it is someone else's they can see. */
async function ownRock(ctx: UseCaseContext, actor: Actor, rockId: string): Promise<Rock> {
  const rock = await getRock(ctx, actor, rockId);
  if (rock.personId !== actor.person.id) throw new DomainError('forbidden', `Only the person whose ${actor.organisation.policy.vocabulary.rock} it is can change it.`);
  return rock;
}

/** A rock the caller reviews under the policy. */
async function reviewableRock(ctx: UseCaseContext, actor: Actor, rockId: string): Promise<Rock> {
  const rock = await getRock(ctx, actor, rockId);
  const owner = await ctx.repos.people.get(scopeOf(actor), rock.personId);
  if (!owner || !permittedRole(actor, 'rocks', 'review', owner)) {
    throw new DomainError('forbidden', `Only ${owner ? `${owner.displayName}'s` : 'their'} ${actor.organisation.policy.vocabulary.reviewer} can agree or amend this.`);
  }
  return rock;
}

function wrongStatus(actor: Actor, rock: Rock, to: RockStatus): DomainError {
  return new DomainError('conflict', `This ${actor.organisation.policy.vocabulary.rock} is ${rock.status}, so it can't be ${to} now.`, { current: rock });
}

async function applyChange(ctx: UseCaseContext, actor: Actor, rock: Rock, expectedVersion: number, changes: RockChanges, entry: Omit<RockChange, 'at' | 'byPersonId'>): Promise<Rock> {
  const now = ctx.now();
  const history: RockChange = { at: now, byPersonId: actor.person.id, ...entry };
  const updated = await ctx.repos.rocks.updateIfVersion(scopeOf(actor), rock.id, expectedVersion, { ...changes, updatedAt: now }, history);
  if (updated) return updated;
  const current = await ctx.repos.rocks.get(scopeOf(actor), rock.id);
  if (!current) throw new DomainError('notFound');
  throw new DomainError('conflict', undefined, { current });
}

/**
 * Checks content against the policy (max success criteria, alignment taxonomy) and turns criteria
 * input into stored criteria: a criterion sent with a known id keeps its done tick.
 */
function checkContent(policy: Policy, input: RockContentInput, stored: SuccessCriterion[]): RockChanges {
  const errors: Array<{ path: string; message: string }> = [];
  const changes: RockChanges = {};
  if (input.title !== undefined) changes.title = input.title;
  if (input.description !== undefined) changes.description = input.description;
  if (input.alignment !== undefined) {
    const known = new Set(policy.alignment.options.map((o) => o.code));
    input.alignment.forEach((code, i) => {
      if (!known.has(code)) errors.push({ path: `alignment.${i}`, message: `"${code}" is not one of the ${policy.alignment.label} codes` });
    });
    changes.alignment = [...new Set(input.alignment)];
  }
  if (input.successCriteria !== undefined) {
    const max = policy.rocks.maxSuccessCriteria;
    if (input.successCriteria.length > max) errors.push({ path: 'successCriteria', message: `up to ${max} success criteria` });
    const byId = new Map(stored.map((c) => [c.id, c]));
    const used = new Set<string>();
    changes.successCriteria = input.successCriteria.map((c) => {
      const previous = c.id ? byId.get(c.id) : undefined;
      const id = c.id && !used.has(c.id) ? c.id : randomUUID();
      used.add(id);
      return { id, text: c.text, targetDate: c.targetDate, done: previous?.done ?? false, doneAt: previous?.doneAt };
    });
  }
  if (errors.length > 0) throw invalidFields(errors);
  return changes;
}
