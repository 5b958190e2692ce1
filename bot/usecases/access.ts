// Who is acting, what they may read and change (by policy), and the audit trail of what they did.
// seed 000 §3 / seed 002 §14: only the reviewee, their reviewer, their coach and PG administrators
// read a person's records; never across organisations. An id from another organisation (or an item
// the caller may not see) is reported as not found, so ids cannot be probed.
import { randomUUID } from 'node:crypto';
import type { Organisation, Person } from '../../shared/domain';
import { canReview, whoMaySee, type ViewerRelationship } from '../../shared/policy';
import type { OrganisationScope } from '../data/organisationScope';
import type { UseCaseContext } from './context';
import { DomainError } from './errors';

/** The signed-in person and their organisation, as established by authentication. */
export interface Actor {
  person: Person;
  organisation: Organisation;
}

export function scopeOf(actor: Actor): OrganisationScope {
  return { organisationId: actor.organisation.id };
}

/** What kind of record is being read: SMT may moderate rocks but read no one's check-ins (DESIGN.md). */
export type RecordKind = 'rocks' | 'check-ins' | 'threads' | 'praise';

const readers: Record<RecordKind, readonly ViewerRelationship[]> = {
  rocks: ['self', 'reviewer', 'coach', 'pg-admin', 'smt'],
  'check-ins': ['self', 'reviewer', 'coach', 'pg-admin'],
  threads: ['self', 'reviewer', 'coach', 'pg-admin'],
  praise: ['self', 'reviewer', 'coach', 'pg-admin'],
};

/** The caller's relationship to `subject` if it lets them read this kind of record, else null. */
export function readAccess(actor: Actor, subject: Person, kind: RecordKind): ViewerRelationship | null {
  const relationship = whoMaySee(actor.person, subject, actor.organisation.policy);
  return relationship && readers[kind].includes(relationship) ? relationship : null;
}

/** Whether the caller is `subject`'s reviewer under the policy (agrees rocks, acknowledges check-ins). */
export function isReviewerOf(actor: Actor, subject: Person): boolean {
  return subject.organisationId === actor.organisation.id && canReview(actor.person.id, subject, actor.organisation.policy);
}

/**
 * The person whose records are asked for by id (`/people/:id/...`). Someone outside the caller's
 * organisation does not exist (404); a colleague whose records the caller may not read is 403.
 */
export async function loadReadablePerson(ctx: UseCaseContext, actor: Actor, personId: string, kind: RecordKind): Promise<{ person: Person; relationship: ViewerRelationship }> {
  const person = personId === actor.person.id ? actor.person : await ctx.repos.people.get(scopeOf(actor), personId);
  if (!person) throw new DomainError('notFound');
  const relationship = readAccess(actor, person, kind);
  if (!relationship) throw new DomainError('forbidden', "You can't see this person's professional growth records.");
  return { person, relationship };
}

/** The owner of an item found by id; null unless the caller may read their records of this kind. */
export async function readableOwner(ctx: UseCaseContext, actor: Actor, ownerId: string, kind: RecordKind): Promise<{ owner: Person; relationship: ViewerRelationship } | null> {
  const owner = ownerId === actor.person.id ? actor.person : await ctx.repos.people.get(scopeOf(actor), ownerId);
  if (!owner) return null;
  const relationship = readAccess(actor, owner, kind);
  return relationship ? { owner, relationship } : null;
}

/** Appends to the organisation's audit log; every change a person makes goes through here. */
export async function audit(
  ctx: UseCaseContext,
  actor: Actor,
  action: string,
  subject: { kind: string; id: string },
  details: Record<string, unknown> = {},
): Promise<void> {
  await ctx.repos.auditLog.append(scopeOf(actor), {
    id: randomUUID(),
    organisationId: actor.organisation.id,
    at: ctx.now(),
    actor: { kind: 'person', personId: actor.person.id, entraObjectId: actor.person.entraObjectId },
    action,
    subject,
    details,
  });
}

/** A 422 naming the fields, as `invalidInput` with `details.errors` ([{path, message}]). */
export function invalidFields(errors: Array<{ path: string; message: string }>, message?: string): DomainError {
  return new DomainError('invalidInput', message, { errors });
}
