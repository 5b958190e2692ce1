// Issue 16: a legal hold keeps a person's records from the retention purge (retention.ts) and from
// erasure (the subject-access use case asks isOnLegalHold before erasing). A PG administrator puts
// it with a reason and lifts it with a reason; both are audited with that reason (the entries are
// about the person, so they go with the person's other records once the hold is lifted and
// retention runs).
import { createHash } from 'node:crypto';
import type { LegalHold, Person } from '../../shared/domain';
import { legalHoldReasonSchema } from '../../shared/domain';
import { audit, invalidFields, isPgAdmin, scopeOf, type Actor } from './access';
import type { UseCaseContext } from './context';
import { DomainError } from './errors';

export { legalHoldIdFor } from '../data/legalHoldRepository';

/**
 * Erasure and a hold put at the same moment (nothing is locked; FerretDB updates are not atomic):
 * erasure first takes this decision (a unique insert, kept once the erasure is done) and only then
 * looks for a hold; putting a hold looks for the decision after its own insert, and takes its hold
 * back if it is there. Whatever the interleaving one of them sees the other: never a held person
 * erased (both may refuse, which is safe). The subject is a digest, so the decision names no one.
 */
export const ERASING_DECISION = 'erasing';
export function erasingSubject(organisationId: string, personId: string): string {
  return createHash('sha256').update(`${organisationId}\u001ferasing\u001f${personId}`).digest('hex').slice(0, 32);
}

/** An erasure takes well under this; a marker older than it is from an erasure that died part-way (the person is not yet erased). */
export const STALE_ERASING_MS = 15 * 60 * 1000;

/**
 * Whether the person's records are being (or were) erased. A marker left by an erasure that died
 * part-way is given back instead: nothing erases under it any more, and a later erasure looks for
 * holds only after taking its own marker.
 */
async function isBeingErased(ctx: UseCaseContext, organisationId: string, personId: string): Promise<boolean> {
  const subject = erasingSubject(organisationId, personId);
  const marker = await ctx.repos.decisions.find({ organisationId }, ERASING_DECISION, subject);
  if (!marker) return false;
  if (ctx.now().getTime() - marker.at.getTime() < STALE_ERASING_MS) return true;
  await ctx.repos.personalData.releaseDecision({ organisationId }, ERASING_DECISION, subject, marker.winner);
  return false;
}

/** Whether the person is held: their records stay, whatever retention or an erasure request says. */
export async function isOnLegalHold(ctx: UseCaseContext, organisationId: string, personId: string): Promise<boolean> {
  return (await ctx.repos.legalHolds.find({ organisationId }, personId)) !== null;
}

/** Every held person of the organisation (the purge keeps them). */
export async function heldPersonIds(ctx: UseCaseContext, organisationId: string): Promise<string[]> {
  return (await ctx.repos.legalHolds.list({ organisationId })).map((hold) => hold.personId);
}

const erasedMessage = "This person's records were erased: there is nothing left to hold. Nothing was held.";

function requirePgAdmin(actor: Actor): void {
  if (!isPgAdmin(actor.organisation, actor.person)) throw new DomainError('forbidden', 'Only PG administrators can see records retention or put a legal hold.');
}

async function personInOrganisation(ctx: UseCaseContext, actor: Actor, personId: string): Promise<Person> {
  const person = await ctx.repos.people.get(scopeOf(actor), personId);
  if (!person) throw new DomainError('notFound', 'There is no one with that id in your organisation.');
  return person;
}

/** Puts (or re-words) a hold on a person of the organisation. PG administrators only. */
export async function putLegalHold(ctx: UseCaseContext, actor: Actor, personId: string, reason: unknown): Promise<{ hold: LegalHold; created: boolean; person: Person }> {
  requirePgAdmin(actor);
  const parsed = legalHoldReasonSchema.safeParse(reason);
  if (!parsed.success) throw invalidFields([{ path: 'reason', message: 'Say why the records are held (1 to 500 characters).' }], 'A legal hold needs a reason.');
  const person = await personInOrganisation(ctx, actor, personId);
  if (person.statusReason === 'erased') throw new DomainError('conflict', erasedMessage, { erased: true });
  const hold: LegalHold = { id: '', organisationId: actor.organisation.id, personId: person.id, reason: parsed.data, heldAt: ctx.now(), heldByPersonId: actor.person.id };
  const created = await ctx.repos.legalHolds.put(scopeOf(actor), hold);
  if (await isBeingErased(ctx, actor.organisation.id, person.id)) {
    // Our hold may have landed after the erasure looked for one: take it back, and say so.
    if (created) await ctx.repos.legalHolds.lift(scopeOf(actor), person.id);
    throw new DomainError('conflict', `${person.displayName}'s records are being erased (or were erased), so they cannot be held. Nothing was held. If the erasure is refused, put the hold again.`, { erasing: true });
  }
  await audit(ctx, actor, created ? 'retention.holdPut' : 'retention.holdReworded', { kind: 'person', id: person.id }, { reason: parsed.data });
  const stored = await ctx.repos.legalHolds.find(scopeOf(actor), person.id);
  return { hold: stored ?? hold, created, person };
}

/** Lifts a person's hold; their records then follow the retention policy again. PG administrators only. */
export async function liftLegalHold(ctx: UseCaseContext, actor: Actor, personId: string, reason: unknown): Promise<{ lifted: boolean }> {
  requirePgAdmin(actor);
  const parsed = legalHoldReasonSchema.safeParse(reason);
  if (!parsed.success) throw invalidFields([{ path: 'reason', message: 'Say why the hold is lifted (1 to 500 characters).' }], 'Lifting a legal hold needs a reason.');
  const person = await personInOrganisation(ctx, actor, personId);
  const lifted = await ctx.repos.legalHolds.lift(scopeOf(actor), person.id);
  if (lifted) await audit(ctx, actor, 'retention.holdLifted', { kind: 'person', id: person.id }, { reason: parsed.data });
  return { lifted };
}

export { requirePgAdmin as requireRetentionAdmin };
