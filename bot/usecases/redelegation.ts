// Who reviews whom, changed on purpose (seed 000 §5: "the SMT Lead may redelegate the reviewer
// role to a senior manager or undertake the role of reviewer themselves"): an SMT lead of the
// person's school or a PG administrator names the new reviewer (or coach) and why; previewed,
// confirmed, audited, and the person and both reviewers are told. The reviewer history kept on the
// person lets the previous reviewer keep what they reviewed (access.ts). A move of post mid-year
// (a new school) asks the original reviewer for a final check-in first (seed 002 §7.4).
import { randomUUID } from 'node:crypto';
import type { Handover, Person, ReviewerAssignment } from '../../shared/domain';
import { reviewerOf } from '../../shared/policy';
import { notifyHandoverRequested, notifyReviewerChanged } from '../notifications/notify';
import { digestOf } from '../schedule/tableImport';
import { audit, hasLeft, invalidFields, mayRedelegate, permittedRole, scopeOf, type Actor } from './access';
import type { UseCaseContext } from './context';
import { DomainError } from './errors';

/** Which of the person's fields is changed: their reviewer (line manager) or their coach. */
export type ReviewerRole = 'reviewer' | 'coach';

export interface RedelegationInput {
  personId: string;
  role: ReviewerRole;
  /** The new reviewer or coach; null leaves the role empty. */
  toPersonId: string | null;
  reason: string;
  /** The person's new school, when the change comes with a move of post. */
  school?: string;
}

export interface RedelegationPreview {
  person: Person;
  role: ReviewerRole;
  field: 'reviewerId' | 'coachId';
  from: Person | null;
  to: Person | null;
  reason: string;
  school?: string;
  /** Who will be asked for a final check-in before the move (seed 002 §7.4). */
  handoverWith: Person | null;
  /** What the confirm card and the API show, in the organisation's words. */
  lines: string[];
  /** The confirm must carry this back: the person unchanged since the preview. */
  digest: string;
}

/** The stored field the role names, under the policy: 'reviewer' is whoever reviews check-ins. */
export function fieldFor(role: ReviewerRole, person: Person, policy: Actor['organisation']['policy']): 'reviewerId' | 'coachId' {
  if (role === 'coach') return 'coachId';
  switch (policy.reviewers.reviewedBy) {
    case 'coach':
      return 'coachId';
    case 'coach-else-line-manager':
      return person.coachId ? 'coachId' : 'reviewerId';
    default:
      return 'reviewerId';
  }
}

async function colleague(ctx: UseCaseContext, actor: Actor, id: string | undefined, path: string): Promise<Person | null> {
  if (!id) return null;
  const person = await ctx.repos.people.get(scopeOf(actor), id);
  if (!person) throw invalidFields([{ path, message: 'nobody with that id is in the staff directory' }]);
  return person;
}

/** Checks the change and says what it will do; nothing is stored. */
export async function previewRedelegation(ctx: UseCaseContext, actor: Actor, input: RedelegationInput): Promise<RedelegationPreview> {
  const person = await ctx.repos.people.get(scopeOf(actor), input.personId);
  if (!person) throw new DomainError('notFound');
  const { vocabulary } = actor.organisation.policy;
  if (!mayRedelegate(actor, person)) {
    throw new DomainError('forbidden', `Only a PG administrator, or an SMT lead of ${person.school || 'their school'}, can change who is ${person.displayName}'s ${vocabulary.reviewer}.`);
  }
  const reason = input.reason.trim();
  if (!reason) throw invalidFields([{ path: 'reason', message: `say why the ${vocabulary.reviewer} changes (seed policy: redelegation has a reason)` }]);
  if (reason.length > 500) throw invalidFields([{ path: 'reason', message: 'keep the reason under 500 characters' }]);
  const field = fieldFor(input.role, person, actor.organisation.policy);
  const to = await colleague(ctx, actor, input.toPersonId ?? undefined, 'toPersonId');
  if (to && to.id === person.id) throw invalidFields([{ path: 'toPersonId', message: 'nobody reviews themselves' }]);
  if (to && (hasLeft(to) || to.status === 'excluded')) throw invalidFields([{ path: 'toPersonId', message: `${to.displayName} is not active in the staff directory` }]);
  const from = await colleague(ctx, actor, person[field], 'personId');
  const school = input.school?.trim() || undefined;
  const moving = school !== undefined && school !== person.school;
  if ((to?.id ?? null) === (from?.id ?? null) && !moving) {
    throw invalidFields([{ path: 'toPersonId', message: `${to?.displayName ?? 'Nobody'} is already ${person.displayName}'s ${input.role === 'coach' ? 'coach' : vocabulary.reviewer}` }]);
  }
  const current = reviewerOf(person, actor.organisation.policy);
  const handoverWith = moving && current ? await ctx.repos.people.get(scopeOf(actor), current) : null;
  const roleWord = input.role === 'coach' ? 'coach' : vocabulary.reviewer;
  const lines = [
    `${person.displayName}'s ${roleWord}: ${from?.displayName ?? 'nobody'} → ${to?.displayName ?? 'nobody'}.`,
    `Reason: ${reason}`,
    ...(moving ? [`Moves post: ${person.school || '(no school)'} → ${school}.`] : []),
    ...(handoverWith ? [`${handoverWith.displayName} will be asked for a final ${vocabulary.checkIn.toLowerCase()} with ${person.displayName} before the move.`] : []),
    ...(from && to ? [`${from.displayName} keeps what they reviewed and can finish a ${vocabulary.checkIn.toLowerCase()} already sent to them; new ones go to ${to.displayName}.`] : []),
    `${[person, from, to].filter((p): p is Person => p !== null).map((p) => p.displayName).join(', ')} will be told.`,
  ];
  const digest = digestOf({ personId: person.id, updatedAt: person.updatedAt, field, to: to?.id ?? null, reason, school: school ?? null });
  return { person, role: input.role, field, from, to, reason, school: moving ? school : undefined, handoverWith, lines, digest };
}

export type RedelegationOutcome = { kind: 'applied'; preview: RedelegationPreview; announcement: string } | { kind: 'stale'; preview: RedelegationPreview };

/** Applies the change if it is still what was previewed (the digest); audited, and everyone concerned told. */
export async function applyRedelegation(ctx: UseCaseContext, actor: Actor, input: RedelegationInput, digest: string | undefined): Promise<RedelegationOutcome> {
  const preview = await previewRedelegation(ctx, actor, input);
  if (digest !== undefined && digest !== preview.digest) return { kind: 'stale', preview };
  const { person, field, from, to, reason } = preview;
  const now = ctx.now();
  const history = [...(person.reviewerHistory ?? [])];
  if ((from?.id ?? null) !== (to?.id ?? null)) {
    const since = [...history].reverse().find((h) => h.role === preview.role && h.nextPersonId === from?.id)?.until;
    const entry: ReviewerAssignment = { role: field === 'coachId' ? 'coach' : 'reviewer', personId: from?.id, nextPersonId: to?.id, since, until: now, reason, source: 'redelegation', byPersonId: actor.person.id };
    history.push(entry);
  }
  const handover = preview.handoverWith && preview.school ? newHandover(preview.handoverWith.id, person.school, preview.school, now, to?.id) : undefined;
  const changed = await ctx.repos.people.applyReviewerChange(
    scopeOf(actor),
    person.id,
    person.updatedAt,
    {
      set: { ...(to ? { [field]: to.id } : {}), ...(preview.school ? { school: preview.school } : {}) },
      unset: to ? [] : [field],
      history,
      handovers: handover ? [...(person.handovers ?? []), handover] : undefined,
    },
    now,
  );
  if (!changed) return { kind: 'stale', preview: await previewRedelegation(ctx, actor, input) };
  await audit(ctx, actor, 'person.reviewerChanged', { kind: 'person', id: person.id }, { field, from: from?.id ?? null, to: to?.id ?? null, reason, school: preview.school ?? null });
  const roleWord = preview.role === 'coach' ? 'coach' : actor.organisation.policy.vocabulary.reviewer;
  await notifyReviewerChanged(ctx, { organisationId: actor.organisation.id, key: `${person.id}:${now.getTime()}`, person, from, to, roleWord, reason, byName: actor.person.displayName });
  if (handover && preview.handoverWith) await notifyHandoverRequested(ctx, { organisationId: actor.organisation.id, person, handover });
  const announcement = `${actor.person.displayName} changed ${person.displayName}'s ${roleWord} from ${from?.displayName ?? 'nobody'} to ${to?.displayName ?? 'nobody'}: ${reason}`;
  return { kind: 'applied', preview, announcement };
}

function newHandover(reviewerId: string, fromSchool: string, toSchool: string, at: Date, newReviewerId?: string): Handover {
  return { id: randomUUID(), reviewerId, fromSchool, toSchool, newReviewerId, requestedAt: at };
}

export interface MoveOfPost {
  personId: string;
  /** The original reviewer (or coach) under the policy, before the move. */
  reviewerId: string | undefined;
  fromSchool: string;
  toSchool: string;
}

/**
 * seed 002 §7.4: after a directory import moved people to a new post, their original reviewer is
 * asked (a card in their chat) for a final check-in with them; tracked on the person until done.
 * One open handover per person and reviewer: a second import does not ask twice.
 */
export async function requestHandovers(ctx: UseCaseContext, actor: Actor, moves: readonly MoveOfPost[]): Promise<number> {
  let requested = 0;
  for (const move of moves) {
    if (!move.reviewerId) continue;
    const person = await ctx.repos.people.get(scopeOf(actor), move.personId);
    if (!person || (person.handovers ?? []).some((h) => h.reviewerId === move.reviewerId && !h.doneAt)) continue;
    const handover = newHandover(move.reviewerId, move.fromSchool, move.toSchool, ctx.now(), reviewerOf(person, actor.organisation.policy));
    const handovers = [...(person.handovers ?? []), handover];
    if (!(await ctx.repos.people.setHandovers(scopeOf(actor), person.id, person.updatedAt, handovers, ctx.now()))) continue;
    await audit(ctx, actor, 'person.handoverRequested', { kind: 'person', id: person.id }, { reviewerId: move.reviewerId, fromSchool: move.fromSchool, toSchool: move.toSchool });
    await notifyHandoverRequested(ctx, { organisationId: actor.organisation.id, person, handover });
    requested += 1;
  }
  return requested;
}

/** The original reviewer says the final check-in took place; only they (or a PG admin) can. */
export async function completeHandover(ctx: UseCaseContext, actor: Actor, personId: string, handoverId: string): Promise<{ person: Person; handover: Handover; changed: boolean }> {
  const person = await ctx.repos.people.get(scopeOf(actor), personId);
  const handover = person?.handovers?.find((h) => h.id === handoverId);
  if (!person || !handover) throw new DomainError('notFound');
  if (handover.reviewerId !== actor.person.id && !mayRedelegate(actor, person)) throw new DomainError('forbidden', 'Only the original reviewer can mark this handover done.');
  if (handover.doneAt) return { person, handover, changed: false };
  const done: Handover = { ...handover, doneAt: ctx.now() };
  const handovers = (person.handovers ?? []).map((h) => (h.id === handoverId ? done : h));
  if (!(await ctx.repos.people.setHandovers(scopeOf(actor), person.id, person.updatedAt, handovers, ctx.now()))) throw new DomainError('conflict');
  await audit(ctx, actor, 'person.handoverDone', { kind: 'person', id: person.id }, { handoverId });
  return { person: { ...person, handovers }, handover: done, changed: true };
}

/** The handover a card is about, with the person (for the card's refresh); null when gone. */
export async function loadHandover(ctx: UseCaseContext, actor: Actor, personId: string, handoverId: string): Promise<{ person: Person; handover: Handover } | null> {
  const person = await ctx.repos.people.get(scopeOf(actor), personId);
  const handover = person?.handovers?.find((h) => h.id === handoverId);
  return person && handover && (handover.reviewerId === actor.person.id || mayRedelegate(actor, person)) ? { person, handover } : null;
}

export interface ReviewerRecord {
  person: Person;
  reviewer: Person | null;
  coach: Person | null;
  history: Array<ReviewerAssignment & { name?: string; nextName?: string }>;
  handovers: Array<Handover & { reviewerName?: string }>;
  canRedelegate: boolean;
}

/** A person's reviewer, coach, reviewer history and handovers (the tab's admin / SMT view). */
export async function reviewerRecord(ctx: UseCaseContext, actor: Actor, personId: string): Promise<ReviewerRecord> {
  const person = await ctx.repos.people.get(scopeOf(actor), personId);
  if (!person) throw new DomainError('notFound');
  const canRedelegate = mayRedelegate(actor, person);
  // The access table's 'reviewers' row: the person, their reviewer and coach, SMT and PG admins.
  if (!canRedelegate && !permittedRole(actor, 'reviewers', 'read', person)) throw new DomainError('forbidden', "You can't see who reviews this person.");
  const history = person.reviewerHistory ?? [];
  const handovers = person.handovers ?? [];
  const ids = [person.reviewerId, person.coachId, ...history.flatMap((h) => [h.personId, h.nextPersonId]), ...handovers.map((h) => h.reviewerId)];
  const people = await ctx.repos.people.getMany(scopeOf(actor), ids.filter((id): id is string => Boolean(id)));
  const name = (id?: string) => people.find((p) => p.id === id)?.displayName;
  return {
    person,
    reviewer: people.find((p) => p.id === person.reviewerId) ?? null,
    coach: people.find((p) => p.id === person.coachId) ?? null,
    history: history.map((h) => ({ ...h, name: name(h.personId), nextName: name(h.nextPersonId) })),
    handovers: handovers.map((h) => ({ ...h, reviewerName: name(h.reviewerId) })),
    canRedelegate,
  };
}

export type PersonLookup = { kind: 'found'; person: Person } | { kind: 'none'; text: string } | { kind: 'several'; text: string; names: string[] };

/** A colleague named in an admin command: by email, or by their full name (case aside). */
export async function findPersonByText(ctx: UseCaseContext, actor: Actor, text: string): Promise<PersonLookup> {
  const wanted = text.trim().replace(/^@/, '');
  if (wanted.includes('@')) {
    const person = await ctx.repos.people.findByEmail(scopeOf(actor), wanted);
    return person ? { kind: 'found', person } : { kind: 'none', text: wanted };
  }
  const candidates = await ctx.repos.people.search(scopeOf(actor), wanted, 20);
  const exact = candidates.filter((p) => p.displayName.toLowerCase() === wanted.toLowerCase() && !hasLeft(p));
  const matches = exact.length > 0 ? exact : candidates.filter((p) => !hasLeft(p));
  if (matches.length === 1) return { kind: 'found', person: matches[0]! };
  if (matches.length === 0) return { kind: 'none', text: wanted };
  return { kind: 'several', text: wanted, names: matches.slice(0, 5).map((p) => `${p.displayName} <${p.email}>`) };
}

export interface DirectoryMatch {
  person: Person;
  reviewer: Person | null;
  canRedelegate: boolean;
}

/**
 * The tab's people search for PG admins and SMT leads (the reviewers view): colleagues by name or
 * email, with their school and reviewer, and whether the caller may change it. Nobody else may search.
 */
export async function searchDirectory(ctx: UseCaseContext, actor: Actor, text: string): Promise<DirectoryMatch[]> {
  if (!permittedRole(actor, 'reviewers', 'write')) throw new DomainError('forbidden', 'Only PG administrators and SMT leads can look up who reviews whom.');
  const found = (await ctx.repos.people.search(scopeOf(actor), text, 20)).filter((p) => !hasLeft(p));
  const reviewerIds = found.map((p) => reviewerOf(p, actor.organisation.policy)).filter((id): id is string => Boolean(id));
  const reviewers = await ctx.repos.people.getMany(scopeOf(actor), reviewerIds);
  return found.map((person) => ({
    person,
    reviewer: reviewers.find((r) => r.id === reviewerOf(person, actor.organisation.policy)) ?? null,
    canRedelegate: mayRedelegate(actor, person),
  }));
}

export interface OpenHandover {
  person: Person;
  handover: Handover;
  reviewerName: string;
}

/**
 * Every handover not yet done (seed 002 §7.4), oldest first: what the admin channel's
 * "handovers" lists. A PG admin sees all; an SMT lead those moving from or to their school.
 */
export async function openHandovers(ctx: UseCaseContext, actor: Actor): Promise<OpenHandover[]> {
  const found: Array<{ person: Person; handover: Handover }> = [];
  for (let page = 1; ; page += 1) {
    const batch = await ctx.repos.people.list(scopeOf(actor), { page, pageSize: 200 });
    for (const person of batch.items) {
      for (const handover of person.handovers ?? []) if (!handover.doneAt) found.push({ person, handover });
    }
    if (!batch.hasMore) break;
  }
  const pgAdmin = permittedRole(actor, 'reviewers', 'write') === 'pg-admin';
  const school = actor.person.school;
  const visible = found.filter(({ person, handover }) => pgAdmin || (Boolean(school) && (handover.fromSchool === school || handover.toSchool === school || person.school === school)));
  const reviewers = await ctx.repos.people.getMany(scopeOf(actor), visible.map((v) => v.handover.reviewerId));
  return visible
    .sort((a, b) => a.handover.requestedAt.getTime() - b.handover.requestedAt.getTime())
    .map((v) => ({ ...v, reviewerName: reviewers.find((r) => r.id === v.handover.reviewerId)?.displayName ?? 'a former colleague' }));
}
