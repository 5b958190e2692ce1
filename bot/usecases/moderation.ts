// Moderation of rocks (seed 000 §3, §6: rocks are quality assured by SMT/Directorate leads). An
// SMT lead sees every rock of their own school (PG admins any school) with its status, owner,
// reviewer, success criteria and alignment, and leaves a moderation note that the rock's reviewer
// is told about and reads (PG admins too). The note is the SMT lead's own document; the rock is
// not changed. Drafts are the owner's until proposed, so they are not shown.
import { randomUUID } from 'node:crypto';
import type { BotMessage, Cycle, ModerationNote, Organisation, Person, Rock } from '../../shared/domain';
import { reviewerOf } from '../../shared/policy';
import { audit, hasLeft, isReviewerOf, permittedRole, scopeOf, type Actor } from './access';
import type { UseCaseContext } from './context';
import { DomainError } from './errors';
import { cycleAskedFor, schoolScope } from './talent';

export interface ModeratedRock {
  rock: Rock;
  owner: Person;
  reviewer: Person | null;
  notes: ModerationNote[];
}

export interface ModerationView {
  cycle: Cycle;
  school?: string;
  schools: string[];
  rocks: ModeratedRock[];
  /** SMT leads write notes; PG admins read. */
  canAddNotes: boolean;
  /** Everyone named (owners, reviewers, note authors). */
  names: Map<string, Person>;
}

const sameSchool = (a: string, b: string) => a.trim() !== '' && a.trim().toLowerCase() === b.trim().toLowerCase();

async function namesFor(ctx: UseCaseContext, actor: Actor, ids: Iterable<string>): Promise<Map<string, Person>> {
  const unique = [...new Set(ids)];
  const people = unique.length ? await ctx.repos.people.getMany(scopeOf(actor), unique) : [];
  return new Map(people.map((p) => [p.id, p]));
}

function allSchools(people: Person[]): string[] {
  const seen = new Map<string, string>();
  for (const p of people) if (p.school.trim()) seen.set(p.school.trim().toLowerCase(), p.school.trim());
  return [...seen.values()].sort((a, b) => a.localeCompare(b));
}

/** GET /moderation/rocks: every (non-draft) rock of the school this cycle, with its notes; audited. */
export async function listModerationRocks(ctx: UseCaseContext, actor: Actor, query: { school?: string; cycleId?: string }): Promise<ModerationView> {
  const role = permittedRole(actor, 'moderation', 'read');
  if (!role) throw new DomainError('forbidden', 'Moderation of rocks is for senior leaders (their own school) and PG administrators.');
  const org = scopeOf(actor);
  const cycle = await cycleAskedFor(ctx, actor.organisation, query.cycleId);
  const everyone = await ctx.repos.people.listActive(org);
  const scope = schoolScope(actor, role, query.school, allSchools(everyone));
  // The policy's grant on rocks still applies (smtSeeRocks 'none' withdraws SMT from all rocks).
  const owners = everyone.filter((p) => (!scope.school || sameSchool(p.school, scope.school)) && permittedRole(actor, 'rocks', 'read', p) !== null && p.id !== actor.person.id);
  const rocks = (await ctx.repos.rocks.listForPeopleInCycle(org, owners.map((p) => p.id), cycle.id)).filter((r) => r.status !== 'draft');
  const notes = rocks.length ? await ctx.repos.talent.moderationNotes.find(org, { rockId: { $in: rocks.map((r) => r.id) } }) : [];
  const byId = new Map(owners.map((p) => [p.id, p]));
  const reviewerIds = owners.map((p) => reviewerOf(p, actor.organisation.policy)).filter((id): id is string => Boolean(id));
  const names = await namesFor(ctx, actor, [...reviewerIds, ...notes.map((n) => n.authorId), ...owners.map((p) => p.id)]);
  const moderated = rocks
    .map((rock) => {
      const owner = byId.get(rock.personId)!;
      const reviewerId = reviewerOf(owner, actor.organisation.policy);
      return { rock, owner, reviewer: (reviewerId && names.get(reviewerId)) || null, notes: notes.filter((n) => n.rockId === rock.id) };
    })
    .sort((a, b) => a.owner.displayName.localeCompare(b.owner.displayName) || a.rock.createdAt.getTime() - b.rock.createdAt.getTime());
  await audit(ctx, actor, 'moderation.rocks.read', { kind: 'moderation', id: cycle.id }, { cycleId: cycle.id, school: scope.school ?? null, as: role, rocks: moderated.length });
  return { cycle, ...scope, rocks: moderated, canAddNotes: permittedRole(actor, 'moderation', 'write') === 'smt', names };
}

/** The rock and its owner, if the caller is an SMT lead of the owner's school who may read it; else 404. */
async function rockToModerate(ctx: UseCaseContext, actor: Actor, rockId: string): Promise<{ rock: Rock; owner: Person }> {
  const org = scopeOf(actor);
  const rock = await ctx.repos.rocks.get(org, rockId);
  const owner = rock ? await ctx.repos.people.get(org, rock.personId) : null;
  if (!rock || !owner || rock.status === 'draft' || owner.id === actor.person.id) throw new DomainError('notFound');
  const writes = permittedRole(actor, 'moderation', 'write', owner) === 'smt';
  if (!writes || !sameSchool(actor.person.school, owner.school) || permittedRole(actor, 'rocks', 'read', owner) === null) throw new DomainError('notFound');
  return { rock, owner };
}

/** Queues the reviewer's card about the note, once per note. */
async function tellReviewer(ctx: UseCaseContext, organisation: Organisation, reviewerId: string, note: ModerationNote): Promise<void> {
  const now = ctx.now();
  const message: Extract<BotMessage, { kind: 'moderation-note' }> = { kind: 'moderation-note', noteId: note.id };
  await ctx.repos.outboxJobs.enqueue(
    { organisationId: organisation.id },
    {
      id: randomUUID(),
      organisationId: organisation.id,
      idempotencyKey: `message:moderation-note:${note.id}:${reviewerId}`,
      kind: 'bot-message',
      personId: reviewerId,
      payload: { recipientPersonId: reviewerId, message },
      status: 'pending',
      notBefore: now,
      attempts: 0,
      createdAt: now,
      updatedAt: now,
    },
  );
}

/** POST /rocks/:id/moderation-notes: an SMT lead of the owner's school notes the rock; the reviewer is told. */
export async function addModerationNote(ctx: UseCaseContext, actor: Actor, rockId: string, input: { text: string; id?: string }): Promise<{ note: ModerationNote; created: boolean }> {
  const { rock, owner } = await rockToModerate(ctx, actor, rockId);
  const org = scopeOf(actor);
  // `id` is the author's idempotency key for this rock's notes, never the note's id (issue 16).
  const id = input.id ? (await ctx.repos.decisions.claimId(org, 'moderation-note', actor.person.id, `${rock.id}/${input.id}`, ctx.now())).id : randomUUID();
  const note: ModerationNote = { id, organisationId: actor.organisation.id, rockId: rock.id, personId: owner.id, authorId: actor.person.id, text: input.text.trim(), createdAt: ctx.now() };
  const created = await ctx.repos.talent.moderationNotes.addOnce(org, note);
  if (!created) {
    const earlier = await ctx.repos.talent.moderationNotes.get(org, note.id);
    // A duplicate of a fresh server-made id is only ever this key's own note, so it is there.
    if (!earlier) throw new Error('addModerationNote: a duplicate note id that is not stored');
    return { note: earlier, created: false };
  }
  const reviewerId = reviewerOf(owner, actor.organisation.policy);
  if (reviewerId && reviewerId !== actor.person.id) await tellReviewer(ctx, actor.organisation, reviewerId, note);
  await audit(ctx, actor, 'moderation.note.added', { kind: 'rock', id: rock.id }, { noteId: note.id, ownerId: owner.id, reviewerId: reviewerId ?? null });
  return { note, created: true };
}

/** Who reads a rock's moderation notes: its owner's reviewer, PG admins, and SMT leads of the owner's school. Not the owner. */
export function mayReadModerationNotes(actor: Actor, owner: Person): boolean {
  if (hasLeft(actor.person) || owner.id === actor.person.id) return false;
  if (isReviewerOf(actor, owner)) return true;
  const role = permittedRole(actor, 'moderation', 'read', owner);
  return role === 'pg-admin' || (role === 'smt' && sameSchool(actor.person.school, owner.school));
}

/** GET /rocks/:id/moderation-notes (404 unless the caller may read them); audited. */
export async function listModerationNotes(ctx: UseCaseContext, actor: Actor, rockId: string): Promise<{ rock: Rock; notes: ModerationNote[]; names: Map<string, Person> }> {
  const org = scopeOf(actor);
  const rock = await ctx.repos.rocks.get(org, rockId);
  const owner = rock ? await ctx.repos.people.get(org, rock.personId) : null;
  if (!rock || !owner || !mayReadModerationNotes(actor, owner)) throw new DomainError('notFound');
  const notes = await ctx.repos.talent.moderationNotes.find(org, { rockId: rock.id });
  await audit(ctx, actor, 'moderation.notes.read', { kind: 'rock', id: rock.id }, { notes: notes.length });
  return { rock, notes, names: await namesFor(ctx, actor, notes.map((n) => n.authorId)) };
}

/** GET /moderation/notes: notes on the rocks of the people the caller reviews now (the team view). */
export async function notesForMyReviewees(ctx: UseCaseContext, actor: Actor): Promise<Array<{ note: ModerationNote; rock: Rock; owner: Person; author: Person | null }>> {
  const org = scopeOf(actor);
  const reviewees = (await ctx.repos.people.listReviewees(org, actor.person.id)).filter((p) => isReviewerOf(actor, p));
  if (reviewees.length === 0) return [];
  const notes = await ctx.repos.talent.moderationNotes.find(org, { personId: { $in: reviewees.map((p) => p.id) } });
  if (notes.length === 0) return [];
  const rocks = await Promise.all([...new Set(notes.map((n) => n.rockId))].map((id) => ctx.repos.rocks.get(org, id)));
  const rockById = new Map(rocks.filter((r): r is Rock => r !== null).map((r) => [r.id, r]));
  const ownerById = new Map(reviewees.map((p) => [p.id, p]));
  const names = await namesFor(ctx, actor, notes.map((n) => n.authorId));
  await audit(ctx, actor, 'moderation.notes.read', { kind: 'person', id: actor.person.id }, { notes: notes.length, asReviewer: true });
  return notes
    .filter((n) => rockById.has(n.rockId) && ownerById.has(n.personId))
    .map((note) => ({ note, rock: rockById.get(note.rockId)!, owner: ownerById.get(note.personId)!, author: names.get(note.authorId) ?? null }))
    .reverse();
}

/** What the reviewer's card about a note needs; null when the note, rock or owner is gone or the recipient no longer reads it. */
export async function moderationNoteForCard(ctx: UseCaseContext, organisation: Organisation, recipient: Person, noteId: string): Promise<{ note: ModerationNote; rock: Rock; owner: Person; author: Person | null } | null> {
  const org = { organisationId: organisation.id };
  const note = await ctx.repos.talent.moderationNotes.get(org, noteId);
  const rock = note ? await ctx.repos.rocks.get(org, note.rockId) : null;
  const owner = rock ? await ctx.repos.people.get(org, rock.personId) : null;
  if (!note || !rock || !owner || !mayReadModerationNotes({ person: recipient, organisation }, owner)) return null;
  return { note, rock, owner, author: await ctx.repos.people.get(org, note.authorId) };
}
