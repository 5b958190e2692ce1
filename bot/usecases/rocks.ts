// Rocks (seed 000) / objectives (seed 001): a person writes up to one per policy slot for each rock
// window, proposes them, and their reviewer agrees or amends them; they may be marked complete
// early (seed 001 FAQ). Status: draft → proposed → agreed | amended (→ accepted by the reviewee:
// agreed) | revise (→ revised and proposed again); amended or revise → escalated to the reviewer's
// own manager → agreed | revise; agreed → completed, which frees the slot. Every change is appended
// to the rock's history and to the audit log, and the other party is told (notify.ts). A retried
// transition finds it done and queues its notification again: the same idempotency key, so a
// crash between the change and the notification loses nothing and a retry sends nothing twice.
import { randomUUID } from 'node:crypto';
import type { Cycle, Organisation, Person, Policy, Rock, RockChange, RockNoticeKind, RockStatus, SuccessCriterion } from '../../shared/domain';
import { currentRockWindow, holdsSlot, maxRocks, reviewerOf, rockWindowsFor, rockWindowsOf } from '../../shared/policy';
import { notifyRockChange } from '../notifications/notify';
import type { RockChanges } from '../data/rockRepository';
import { audit, invalidFields, loadReadablePerson, permittedRole, readableOwner, reviewedRock, scopeOf, wasReviewerOf, type Actor } from './access';
import type { UseCaseContext } from './context';
import { DomainError } from './errors';
import { noteRecordView, viewerRole } from './recordViews';
import { currentCycle } from './currentCycle';

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
  /** The client's idempotency key: a retry with it returns the same rock. Never the rock's id. */
  id?: string;
  slotId: string;
  rockWindowId?: string;
  title: string;
}

/** The rock window containing `at` in the policy's time zone, else the next to start (shared/policy currentRockWindow). */
export function currentRockWindowId(policy: Policy, at: Date, cycle?: Pick<Cycle, 'startsOn' | 'endsOn'>): string | undefined {
  return currentRockWindow(policy, at, cycle)?.id;
}

export async function listRocks(
  ctx: UseCaseContext,
  actor: Actor,
  personId: string,
  options: { cycleId?: string; rockWindowId?: string } = {},
): Promise<{ person: Awaited<ReturnType<typeof loadReadablePerson>>['person']; rocks: Rock[] }> {
  const { person, former } = await loadRocksOwner(ctx, actor, personId);
  const cycleId = options.cycleId ?? (await currentCycle(ctx, actor.organisation))?.id;
  if (!cycleId) return { person, rocks: [] };
  const rocks = await ctx.repos.rocks.listForPerson(scopeOf(actor), person.id, { cycleId, rockWindowId: options.rockWindowId });
  const role = former ? 'former-reviewer' : viewerRole(actor, person, 'rocks');
  await noteRecordView(ctx, actor, person, { kind: 'rocks', role, itemId: cycleId, what: `your ${actor.organisation.policy.vocabulary.rocks}` });
  // A previous reviewer sees the rocks from their time only (access.ts reviewedRock).
  return { person, rocks: former ? rocks.filter((rock) => reviewedRock(actor, person, rock)) : rocks };
}

async function loadRocksOwner(ctx: UseCaseContext, actor: Actor, personId: string): Promise<{ person: Awaited<ReturnType<typeof loadReadablePerson>>['person']; former: boolean }> {
  try {
    return { ...(await loadReadablePerson(ctx, actor, personId, 'rocks')), former: false };
  } catch (err) {
    const person = err instanceof DomainError && err.code === 'forbidden' ? await ctx.repos.people.get(scopeOf(actor), personId) : null;
    if (person && wasReviewerOf(actor, person)) return { person, former: true };
    throw err;
  }
}

/** A rock by id, if the caller may read it (404 otherwise, whatever the reason). */
export async function getRock(ctx: UseCaseContext, actor: Actor, rockId: string): Promise<Rock> {
  const rock = await ctx.repos.rocks.get(scopeOf(actor), rockId);
  if (!rock) throw new DomainError('notFound');
  // seed 001 FAQ: the manager a disagreement was taken to reads the rock they are asked to decide.
  if (rock.escalation?.toPersonId === actor.person.id) return rock;
  if (await readableOwner(ctx, actor, rock.personId, 'rocks')) return rock;
  const owner = await ctx.repos.people.get(scopeOf(actor), rock.personId);
  if (!owner || !reviewedRock(actor, owner, rock)) throw new DomainError('notFound');
  return rock;
}

export async function createRock(ctx: UseCaseContext, actor: Actor, input: CreateRockInput): Promise<Rock> {
  const org = scopeOf(actor);
  const policy = actor.organisation.policy;
  const cycle = await currentCycle(ctx, actor.organisation);
  if (!cycle) throw new DomainError('conflict', `There is no current cycle to write ${policy.vocabulary.rocks} for yet. Ask your PG administrator.`);

  const slot = policy.rocks.slots.find((s) => s.id === input.slotId);
  if (!slot) throw invalidFields([{ path: 'slotId', message: `choose one of: ${policy.rocks.slots.map((s) => s.theme).join(', ')}` }]);
  const windows = rockWindowsFor(policy, cycle);
  const rockWindowId = input.rockWindowId ?? currentRockWindowId(policy, ctx.now(), cycle);
  const window = windows.find((w) => w.id === rockWindowId);
  if (!window) throw invalidFields([{ path: 'rockWindowId', message: `choose one of: ${windows.map((w) => w.label).join(', ') || 'no windows are set'}` }]);

  // `id` is the client's idempotency key, never the rock's id (anyone else's key is a new rock): a
  // retry, or a concurrent duplicate, gets the same server-made id and returns what the first stored.
  // The key is looked up first and claimed only once the rock is known to be allowed, so a refused
  // create stores nothing (issue 16).
  const known = input.id ? await ctx.repos.decisions.peekId(org, 'rock', actor.person.id, input.id) : null;
  const retried = known ? await ctx.repos.rocks.get(org, known) : null;
  if (retried) return retried;

  // Completed rocks stay in history but free their slot (seed 001 FAQ: "completed early"). A duplicate's own rock, stored meanwhile, is not another.
  const mine = (await ctx.repos.rocks.listForPerson(org, actor.person.id, { cycleId: cycle.id, rockWindowId: window.id })).filter((r) => holdsSlot(r) && r.id !== known);
  const most = maxRocks(policy);
  if (mine.length >= most) {
    throw invalidFields([{ path: 'slotId', message: `${most} ${policy.vocabulary.rocks} is the most for ${window.label}: complete one to free its place` }]);
  }
  // One per slot, unless the policy allows more than one per slot (extra rocks go in any slot).
  if (most <= policy.rocks.slots.length && mine.some((r) => r.slotId === slot.id)) {
    throw invalidFields([{ path: 'slotId', message: `you already have a ${policy.vocabulary.rock} for "${slot.theme}" in ${window.label}` }]);
  }

  const now = ctx.now();
  const content = checkContent(policy, { title: input.title, description: input.description ?? '', alignment: input.alignment ?? [], successCriteria: input.successCriteria ?? [] }, []);
  const id = input.id ? (await ctx.repos.decisions.claimId(org, 'rock', actor.person.id, input.id, now)).id : randomUUID();
  const earlier = input.id ? await ctx.repos.rocks.get(org, id) : null;
  if (earlier) return earlier;
  const rock: Rock = {
    id,
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

/**
 * The owner edits. An agreed rock, or one their reviewer amended, goes back to proposed: changes are
 * agreed with the manager (seed 001 FAQ). One being decided on escalation waits for the decision.
 */
export async function editRock(ctx: UseCaseContext, actor: Actor, rockId: string, input: RockContentInput & { version: number }): Promise<Rock> {
  const rock = await ownRock(ctx, actor, rockId);
  const word = actor.organisation.policy.vocabulary.rock;
  if (rock.status === 'completed') throw new DomainError('conflict', `A completed ${word} can't be edited.`, { current: rock });
  if (rock.status === 'escalated') throw new DomainError('conflict', `This ${word} is with your ${actor.organisation.policy.vocabulary.reviewer}'s manager to decide, so it can't be edited now.`, { current: rock });
  const changes = checkContent(actor.organisation.policy, input, rock.successCriteria);
  const status: RockStatus = rock.status === 'agreed' || rock.status === 'amended' ? 'proposed' : rock.status;
  const note = status !== rock.status ? `edited after it was ${rock.status}: needs agreeing again` : undefined;
  const updated = await applyChange(ctx, actor, rock, input.version, { ...changes, status }, { action: 'edited', status, note });
  await audit(ctx, actor, 'rock.edited', { kind: 'rock', id: rock.id }, { fields: Object.keys(changes), status });
  if (status === 'proposed' && rock.status !== 'proposed') {
    const reviewerId = reviewerOf(actor.person, actor.organisation.policy);
    if (reviewerId) await notify(ctx, actor, updated, 'proposed', reviewerId);
  }
  return updated;
}

export async function proposeRock(ctx: UseCaseContext, actor: Actor, rockId: string, input: { version: number; note?: string }): Promise<Rock> {
  const rock = await ownRock(ctx, actor, rockId);
  const reviewerId = reviewerOf(actor.person, actor.organisation.policy);
  if (rock.status === 'proposed') {
    if (reviewerId) await notify(ctx, actor, rock, 'proposed', reviewerId); // a retried propose
    return rock;
  }
  if (rock.status !== 'draft' && rock.status !== 'revise') throw wrongStatus(actor, rock, 'proposed');
  if (rock.successCriteria.length === 0) throw invalidFields([{ path: 'successCriteria', message: 'add at least one success criterion before proposing' }]);
  const { alignment, vocabulary } = actor.organisation.policy;
  const known = rock.alignment.filter((code) => alignment.options.some((o) => o.code === code)).length;
  const minimum = alignment.minimum ?? 0;
  if (known < minimum) {
    // seed 004 §9: every growth project must focus on at least one of the four 2030 Drivers.
    const what = `${minimum} ${alignment.label}${minimum === 1 ? '' : 's'}`;
    throw invalidFields([{ path: 'alignment', message: `choose at least ${what} before proposing` }], `Choose at least ${what} for this ${vocabulary.rock} before proposing it.`);
  }
  const updated = await applyChange(ctx, actor, rock, input.version, { status: 'proposed' }, { action: 'proposed', status: 'proposed', note: input.note });
  await audit(ctx, actor, 'rock.proposed', { kind: 'rock', id: rock.id }, { resubmitted: rock.status === 'revise' });
  if (reviewerId) await notify(ctx, actor, updated, 'proposed', reviewerId);
  return updated;
}

/** The reviewer (per policy) agrees a proposed rock, optionally with a comment. */
export async function agreeRock(ctx: UseCaseContext, actor: Actor, rockId: string, input: { version: number; comment?: string }): Promise<Rock> {
  const rock = await reviewableRock(ctx, actor, rockId);
  if (rock.status === 'agreed') {
    if (rock.history.at(-1)?.action === 'agreed') await notify(ctx, actor, rock, 'agreed', rock.personId); // a retried agree
    return rock;
  }
  if (rock.status !== 'proposed') throw wrongStatus(actor, rock, 'agreed');
  const note = input.comment || undefined;
  const updated = await applyChange(ctx, actor, rock, input.version, { status: 'agreed', reviewerNote: note }, { action: 'agreed', status: 'agreed', note });
  await audit(ctx, actor, 'rock.agreed', { kind: 'rock', id: rock.id }, { personId: rock.personId });
  await notify(ctx, actor, updated, 'agreed', rock.personId);
  return updated;
}

/**
 * The reviewer changes a proposed rock (the comment says what and why; content may change too). It
 * is agreed once the reviewee has seen and accepted the change (acceptRock), or they escalate.
 */
export async function amendRock(ctx: UseCaseContext, actor: Actor, rockId: string, input: RockContentInput & { version: number; comment: string }): Promise<Rock> {
  const rock = await reviewableRock(ctx, actor, rockId);
  if (rock.status !== 'proposed') throw wrongStatus(actor, rock, 'amended');
  const { version, comment, ...content } = input;
  const changes = checkContent(actor.organisation.policy, content, rock.successCriteria);
  const updated = await applyChange(ctx, actor, rock, version, { ...changes, status: 'amended', reviewerNote: comment }, { action: 'amended', status: 'amended', note: comment });
  await audit(ctx, actor, 'rock.amended', { kind: 'rock', id: rock.id }, { personId: rock.personId, fields: Object.keys(changes) });
  await notify(ctx, actor, updated, 'amended', rock.personId);
  return updated;
}

/** The reviewee accepts their reviewer's amendment: the rock is agreed as amended. */
export async function acceptRock(ctx: UseCaseContext, actor: Actor, rockId: string, input: { version: number; note?: string }): Promise<Rock> {
  const rock = await ownRock(ctx, actor, rockId);
  const reviewerId = reviewerOf(actor.person, actor.organisation.policy);
  if (rock.status === 'agreed' && rock.history.at(-1)?.action === 'accepted') {
    if (reviewerId) await notify(ctx, actor, rock, 'accepted', reviewerId); // a retried accept
    return rock;
  }
  if (rock.status !== 'amended') throw wrongStatus(actor, rock, 'accepted');
  const updated = await applyChange(ctx, actor, rock, input.version, { status: 'agreed' }, { action: 'accepted', status: 'agreed', note: input.note });
  await audit(ctx, actor, 'rock.accepted', { kind: 'rock', id: rock.id });
  if (reviewerId) await notify(ctx, actor, updated, 'accepted', reviewerId);
  return updated;
}

/** "Not agreed — revise": the reviewer sends a proposed rock back with the reason; the reviewee revises and proposes again. */
export async function sendBackRock(ctx: UseCaseContext, actor: Actor, rockId: string, input: { version: number; reason: string }): Promise<Rock> {
  const rock = await reviewableRock(ctx, actor, rockId);
  if (rock.status === 'revise' && rock.history.at(-1)?.action === 'revise-requested') {
    await notify(ctx, actor, rock, 'revise', rock.personId); // a retried send-back
    return rock;
  }
  if (rock.status !== 'proposed') throw wrongStatus(actor, rock, 'sent back');
  const updated = await applyChange(ctx, actor, rock, input.version, { status: 'revise', reviewerNote: input.reason }, { action: 'revise-requested', status: 'revise', note: input.reason });
  await audit(ctx, actor, 'rock.revise-requested', { kind: 'rock', id: rock.id }, { personId: rock.personId });
  await notify(ctx, actor, updated, 'revise', rock.personId);
  return updated;
}

/**
 * seed 001 FAQ: when reviewee and reviewer cannot agree, "discuss this with their Manager who will
 * agree the final version". The reviewee escalates an amended or sent-back rock with a reason; the
 * reviewer's own reviewer (else their line manager) decides.
 */
export async function escalateRock(ctx: UseCaseContext, actor: Actor, rockId: string, input: { version: number; reason: string }): Promise<Rock> {
  const rock = await ownRock(ctx, actor, rockId);
  if (rock.status === 'escalated' && rock.escalation) {
    // A retried escalation: its notifications again (same keys, so none twice).
    await notify(ctx, actor, rock, 'escalated', rock.escalation.toPersonId);
    await notify(ctx, actor, rock, 'escalated', rock.escalation.reviewerId);
    return rock;
  }
  if (rock.status !== 'amended' && rock.status !== 'revise') throw wrongStatus(actor, rock, 'escalated');
  const policy = actor.organisation.policy;
  const reviewerId = reviewerOf(actor.person, policy);
  const reviewer = reviewerId ? await ctx.repos.people.get(scopeOf(actor), reviewerId) : null;
  const deciderId = reviewer ? (reviewerOf(reviewer, policy) ?? reviewer.reviewerId) : undefined;
  if (!reviewer || !deciderId || deciderId === actor.person.id || deciderId === reviewer.id) {
    throw new DomainError('conflict', `Your ${policy.vocabulary.reviewer} has no manager in the staff directory to take this to. Ask your PG administrator.`, { current: rock });
  }
  const escalation = { toPersonId: deciderId, reviewerId: reviewer.id, reason: input.reason, at: ctx.now(), fromStatus: rock.status };
  const updated = await applyChange(ctx, actor, rock, input.version, { status: 'escalated', escalation }, { action: 'escalated', status: 'escalated', note: input.reason });
  await audit(ctx, actor, 'rock.escalated', { kind: 'rock', id: rock.id }, { toPersonId: deciderId, reviewerId: reviewer.id, from: rock.status });
  await notify(ctx, actor, updated, 'escalated', deciderId);
  await notify(ctx, actor, updated, 'escalated', reviewer.id);
  return updated;
}

/** The reviewer's manager decides an escalated rock: agreed (in the words they settle, which may change it) or sent back to revise. */
export async function decideRock(
  ctx: UseCaseContext,
  actor: Actor,
  rockId: string,
  input: RockContentInput & { version: number; outcome: 'agreed' | 'revise'; comment: string },
): Promise<Rock> {
  const rock = await getRock(ctx, actor, rockId);
  if (!rock.escalation || rock.escalation.toPersonId !== actor.person.id) {
    throw new DomainError('forbidden', `Only the manager this ${actor.organisation.policy.vocabulary.rock} was taken to can decide it.`);
  }
  if (rock.status !== 'escalated') throw wrongStatus(actor, rock, 'decided');
  const { version, outcome, comment, ...content } = input;
  const changes = outcome === 'agreed' ? checkContent(actor.organisation.policy, content, rock.successCriteria) : {};
  const escalation = { ...rock.escalation, decidedAt: ctx.now(), outcome };
  const updated = await applyChange(ctx, actor, rock, version, { ...changes, status: outcome, reviewerNote: comment, escalation }, { action: 'decided', status: outcome, note: comment });
  await audit(ctx, actor, 'rock.decided', { kind: 'rock', id: rock.id }, { personId: rock.personId, outcome, fields: Object.keys(changes) });
  await notify(ctx, actor, updated, 'decided', rock.personId);
  await notify(ctx, actor, updated, 'decided', rock.escalation.reviewerId);
  return updated;
}

/** Rocks escalated to the caller and waiting for their decision, with whose they are. */
export async function listEscalatedToMe(ctx: UseCaseContext, actor: Actor): Promise<Rock[]> {
  return ctx.repos.rocks.listEscalatedTo(scopeOf(actor), actor.person.id);
}

/** seed 001 FAQ: objectives completed early are marked complete; the slot is free for another, the completed one stays in history. */
export async function completeRock(ctx: UseCaseContext, actor: Actor, rockId: string, input: { version: number; note?: string }): Promise<Rock> {
  const rock = await ownRock(ctx, actor, rockId);
  if (rock.status === 'completed') return rock;
  if (rock.status !== 'agreed') throw wrongStatus(actor, rock, 'completed');
  const updated = await applyChange(ctx, actor, rock, input.version, { status: 'completed' }, { action: 'completed', status: 'completed', note: input.note });
  await audit(ctx, actor, 'rock.completed', { kind: 'rock', id: rock.id });
  const reviewerId = reviewerOf(actor.person, actor.organisation.policy);
  if (reviewerId) await notify(ctx, actor, updated, 'completed', reviewerId);
  return updated;
}

/**
 * seed 001 FAQ: "more than three objectives ... make it clear which objectives you are prioritising
 * for your review". Only where the person holds more than the policy's priorities in the window,
 * and never more than that many marked.
 */
export async function setRockPriority(ctx: UseCaseContext, actor: Actor, rockId: string, input: { version: number; priority: boolean }): Promise<Rock> {
  const rock = await ownRock(ctx, actor, rockId);
  if (Boolean(rock.priority) === input.priority) return rock;
  const policy = actor.organisation.policy;
  if (input.priority) {
    if (rock.status === 'completed') throw new DomainError('conflict', `A completed ${policy.vocabulary.rock} can't be a priority for review.`, { current: rock });
    const live = (await ctx.repos.rocks.listForPerson(scopeOf(actor), rock.personId, { cycleId: rock.cycleId, rockWindowId: rock.rockWindowId })).filter(holdsSlot);
    if (live.length <= policy.rocks.priorities) {
      throw invalidFields([{ path: 'priority', message: `with ${policy.rocks.priorities} or fewer ${policy.vocabulary.rocks}, all of them are reviewed` }]);
    }
    if (live.filter((r) => r.priority && r.id !== rock.id).length >= policy.rocks.priorities) {
      throw invalidFields([{ path: 'priority', message: `${policy.rocks.priorities} are already marked as priorities for review: unmark one first` }]);
    }
  }
  const action = input.priority ? 'prioritised' : 'unprioritised';
  const updated = await applyChange(ctx, actor, rock, input.version, { priority: input.priority }, { action, status: rock.status });
  await audit(ctx, actor, `rock.${action}`, { kind: 'rock', id: rock.id });
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

const STATUS_WORDS: Record<RockStatus, string> = {
  draft: 'a draft',
  proposed: 'waiting for agreement',
  agreed: 'agreed',
  amended: 'amended and waiting for acceptance',
  completed: 'completed',
  revise: 'sent back to revise',
  escalated: 'with a manager to decide',
};

function wrongStatus(actor: Actor, rock: Rock, to: string): DomainError {
  return new DomainError('conflict', `This ${actor.organisation.policy.vocabulary.rock} is ${STATUS_WORDS[rock.status]}, so it can't be ${to} now.`, { current: rock });
}

/** Tells `recipientId` about the change, as the actor (their name on the card). */
async function notify(ctx: UseCaseContext, actor: Actor, rock: Rock, change: RockNoticeKind, recipientId: string): Promise<void> {
  if (recipientId === actor.person.id) return;
  await notifyRockChange(ctx, { rock, change, recipientPersonId: recipientId, byName: actor.person.displayName, rockWord: actor.organisation.policy.vocabulary.rock });
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
    // A rock written before the maximum was lowered keeps its criteria (issue 14): it may lose some, not gain any.
    if (input.successCriteria.length > Math.max(max, stored.length)) {
      const kept = stored.length > max ? ` (this one has ${stored.length} from before the limit was lowered: keep or remove them, but add none)` : '';
      errors.push({ path: 'successCriteria', message: `up to ${max} success criteria${kept}` });
    }
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

/** What a rock's chat card needs when it is sent: the rock now, its owner, and the organisation's words. */
export async function rockNoticeFacts(ctx: UseCaseContext, organisationId: string, rockId: string): Promise<{ organisation: Organisation; rock: Rock; owner: Person; windowLabel?: string } | null> {
  const org = { organisationId };
  const [organisation, rock] = await Promise.all([ctx.repos.organisations.get(organisationId), ctx.repos.rocks.get(org, rockId)]);
  if (!organisation || !rock) return null;
  const [owner, cycle] = await Promise.all([ctx.repos.people.get(org, rock.personId), ctx.repos.cycles.get(org, rock.cycleId)]);
  // The rock's own cycle names its window: a rolled-forward year has windows (and labels) of its own.
  const windowLabel = rockWindowsOf(organisation.policy, cycle).find((w) => w.id === rock.rockWindowId)?.label;
  return owner ? { organisation, rock, owner, ...(windowLabel ? { windowLabel } : {}) } : null;
}
