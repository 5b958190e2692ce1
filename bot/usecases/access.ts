// Who is acting, what they may read and change (by policy), and the audit trail of what they did.
// seed 000 §3 / seed 002 §14: only the reviewee, their reviewer, their coach and PG administrators
// read a person's records; never across organisations. An id from another organisation (or an item
// the caller may not see) is reported as not found, so ids cannot be probed.
import { randomUUID } from 'node:crypto';
import { DEFAULT_ACCESS_GRANTS, type CheckIn, type Organisation, type Person, type Rock } from '../../shared/domain';
import { canReview, type ViewerRelationship } from '../../shared/policy';
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

/** A role someone holds towards a person's records (or, for 'pg-admin', towards the organisation). */
export type Role = ViewerRelationship;

/** What is read or changed: a person's records, or the organisation's own (schedule, directory, figures). */
export type AccessSubject =
  | 'rocks'
  | 'check-ins'
  | 'threads'
  | 'praise'
  | 'schedule'
  | 'directory'
  | 'completion'
  | 'admin-channel'
  | 'policy'
  | 'growth'
  | 'reviewers'
  | 'year-reviews'
  | 'support-plans'
  | 'survey-answers'
  | 'survey-analysis'
  | 'career'
  | 'talent'
  | 'reports'
  | 'moderation';
export type AccessAction = 'read' | 'write' | 'review' | 'comment';

/**
 * THE table of who may read and write what: subject × action → the roles allowed. The bot, the tab
 * API and the admin channel all ask `permittedRole`, so a rule is changed here once.
 * seed 000 §3: SMT may moderate rocks but read no one's check-ins (DESIGN.md); threads are a
 * conversation between the reviewee, their reviewer and their coach, which PG admins may read.
 */
export const ACCESS_TABLE: { readonly [S in AccessSubject]: { readonly [A in AccessAction]?: readonly Role[] } } = {
  rocks: { read: ['self', 'reviewer', 'coach', 'pg-admin', 'smt'], write: ['self'], review: ['reviewer'] },
  'check-ins': { read: ['self', 'reviewer', 'coach', 'pg-admin'], write: ['self'], review: ['reviewer'] },
  threads: { read: ['self', 'reviewer', 'coach', 'pg-admin'], comment: ['self', 'reviewer', 'coach'] },
  praise: { read: ['self', 'reviewer', 'coach', 'pg-admin'], write: ['self'] },
  schedule: { read: ['pg-admin'], write: ['pg-admin'] },
  directory: { read: ['pg-admin'], write: ['pg-admin'] },
  completion: { read: ['pg-admin'] },
  'admin-channel': { write: ['pg-admin'] },
  policy: { read: ['pg-admin'], write: ['pg-admin'] },
  // seed 002 §14.2: a person's self-reflection, growth plan, log and end reflection are shared only
  // with "those directly involved": the person and their coach (the reviewer, under a coach-led policy).
  growth: { read: ['self', 'reviewer', 'coach'], write: ['self'] },
  // seed 000 §5: SMT leads decide who reviews (for their own school: mayRedelegate), PG admins for anyone.
  reviewers: { read: ['self', 'reviewer', 'coach', 'pg-admin', 'smt'], write: ['pg-admin', 'smt'] },
  // Issue 12: a person's impact review, reflection, statement, outcome and summary are read by the
  // person, their reviewer and PG administrators (seed 000 §3); the final decision's maker reads the
  // review they decide (yearReviewAccess.ts, by the review's deciderId). The reviewee writes the
  // reflection and comments; the reviewer records outcomes and statements.
  'year-reviews': { read: ['self', 'reviewer', 'pg-admin'], write: ['self'], review: ['reviewer'] },
  // seed 000 §12: a support plan is seen only by those the policy names (policy.reviews.support.seenBy).
  'support-plans': { read: ['self', 'reviewer', 'pg-admin', 'smt'], write: ['reviewer'] },
  // Issue 13. An individual's survey answers: the person, their reviewer (for the career
  // conversation) and PG admins, as policy.aspirationSurvey.readers says; the analysis (aggregates
  // only, minimum group size) for PG admins and leaders.
  'survey-answers': { read: ['self', 'reviewer', 'pg-admin'], write: ['self'] },
  'survey-analysis': { read: ['pg-admin', 'smt'] },
  // The career conversation: recorded by the reviewer, read and commented on by the person.
  career: { read: ['self', 'reviewer', 'pg-admin'], write: ['reviewer'], comment: ['self'] },
  // seed 000 §11.4: the talent pool and grid, for the roles policy.talent.viewers names; staff never
  // see their own placement (unless showOwnPlacement), so 'self' is not here.
  talent: { read: ['pg-admin', 'smt', 'recruitment'] },
  // seed 000 §3: anonymised Ofsted / governor / equality reports and directed time.
  reports: { read: ['pg-admin', 'smt'], write: ['pg-admin'] },
  // seed 000 §3, §6: SMT/SLT leads quality-assure rocks and leave moderation notes.
  moderation: { read: ['smt', 'pg-admin'], write: ['smt'] },
};

/**
 * The grants of the table a trust chooses in its policy (policy.access); the defaults are the
 * table above. Only reads are granted or withdrawn: who writes and reviews follows the policy's
 * reviewer rule. Returns the roles of `allowed` that this policy keeps.
 */
function grantedByPolicy(organisation: Organisation, subject: AccessSubject, action: AccessAction, allowed: readonly Role[]): readonly Role[] {
  const grants = organisation.policy.access ?? DEFAULT_ACCESS_GRANTS;
  if (action !== 'read') return allowed;
  const withdrawn = new Set<Role>();
  if (subject === 'check-ins' || subject === 'praise') {
    if (!grants.coachesSeeCheckIns) withdrawn.add('coach');
    if (!grants.pgAdminsSeeCheckIns) withdrawn.add('pg-admin');
  }
  if (subject === 'survey-answers') {
    const readers = organisation.policy.aspirationSurvey?.readers ?? { reviewer: true, pgAdmins: true };
    if (!readers.reviewer) withdrawn.add('reviewer');
    if (!readers.pgAdmins) withdrawn.add('pg-admin');
  }
  if (subject === 'talent') {
    const viewers = organisation.policy.talent?.viewers ?? { smt: true, pgAdmins: true, recruitment: true };
    if (!viewers.smt) withdrawn.add('smt');
    if (!viewers.pgAdmins) withdrawn.add('pg-admin');
    if (!viewers.recruitment) withdrawn.add('recruitment');
  }
  if (subject === 'support-plans') {
    const seenBy = organisation.policy.reviews?.support?.seenBy ?? { pgAdmins: true, smt: false };
    if (!seenBy.pgAdmins) withdrawn.add('pg-admin');
    if (!seenBy.smt) withdrawn.add('smt');
  }
  if (subject === 'rocks') {
    if (!grants.coachesSeeRocks) withdrawn.add('coach');
    if (grants.smtSeeRocks === 'none') withdrawn.add('smt');
  }
  return withdrawn.size === 0 ? allowed : allowed.filter((role) => !withdrawn.has(role));
}

/** The closest relationship first: a PG admin reading their own check-ins does so as 'self'. */
const ROLE_ORDER: readonly Role[] = ['self', 'reviewer', 'coach', 'pg-admin', 'smt', 'recruitment'];

/**
 * Whether the directory says this person has left (a directory import excludes leavers with a
 * "left: …" reason; an HR file may say the same). A leaver keeps their records (retention) but
 * holds no role: not reviewer, coach, SMT or PG administrator.
 */
export function hasLeft(person: Pick<Person, 'status' | 'statusReason'>): boolean {
  return person.status === 'excluded' && /^\s*left\b/i.test(person.statusReason ?? '');
}

/**
 * A PG administrator of the organisation: named in Organisation.adminObjectIds, or given the
 * 'pg-admin' role in the directory (not while excluded). Nobody who has left is one.
 */
export function isPgAdmin(organisation: Organisation, person: Person | null, entraObjectId?: string): boolean {
  if (person && (person.organisationId !== organisation.id || hasLeft(person))) return false;
  const oids = [entraObjectId, person?.entraObjectId].filter((oid): oid is string => Boolean(oid));
  if (oids.some((oid) => organisation.adminObjectIds.includes(oid))) return true;
  return person !== null && person.status !== 'excluded' && person.roles.includes('pg-admin');
}

/** Every role the actor holds towards `owner`'s records (towards the organisation when owner is omitted). */
export function rolesOf(actor: Actor, owner?: Person): Set<Role> {
  const roles = new Set<Role>();
  const { person, organisation } = actor;
  if (owner && owner.organisationId !== organisation.id) return roles;
  if (owner && owner.id === person.id) roles.add('self');
  if (hasLeft(person) || person.organisationId !== organisation.id) return roles;
  if (owner && canReview(person.id, owner, organisation.policy)) roles.add('reviewer');
  if (owner && owner.coachId === person.id) roles.add('coach');
  if (isPgAdmin(organisation, person)) roles.add('pg-admin');
  if (person.status !== 'excluded' && person.roles.includes('smt') && smtReaches(organisation, person, owner)) roles.add('smt');
  if (person.status !== 'excluded' && person.roles.includes('recruitment')) roles.add('recruitment');
  return roles;
}

/** policy.access.smtSeeRocks 'school': an SMT member is SMT only towards staff of their own school. */
function smtReaches(organisation: Organisation, person: Person, owner: Person | undefined): boolean {
  if (!owner || (organisation.policy.access ?? DEFAULT_ACCESS_GRANTS).smtSeeRocks !== 'school') return true;
  return person.school.trim() !== '' && person.school.trim().toLowerCase() === owner.school.trim().toLowerCase();
}

/** The role under which the table (with the policy's grants) lets the actor do `action` on `subject` (owner's records), or null. */
export function permittedRole(actor: Actor, subject: AccessSubject, action: AccessAction, owner?: Person): Role | null {
  const allowed = grantedByPolicy(actor.organisation, subject, action, ACCESS_TABLE[subject][action] ?? []);
  const held = rolesOf(actor, owner);
  return ROLE_ORDER.find((role) => held.has(role) && allowed.includes(role)) ?? null;
}

/** The caller's relationship to `subject` if it lets them read this kind of record, else null. */
export function readAccess(actor: Actor, subject: Person, kind: RecordKind): ViewerRelationship | null {
  return permittedRole(actor, kind, 'read', subject);
}

/** Whether the caller is `subject`'s reviewer under the policy (agrees rocks, acknowledges check-ins). */
export function isReviewerOf(actor: Actor, subject: Person): boolean {
  return permittedRole(actor, 'check-ins', 'review', subject) !== null;
}

/**
 * A previous reviewer (or coach) keeps access to what they reviewed (issue 14): the check-ins
 * submitted while they were the reviewer (the check-in names them), and the rocks from their time
 * (created before they handed over, or agreed or amended by them). Nothing newer.
 */
export function wasReviewerOf(actor: Actor, owner: Person, subject: 'rocks' | 'check-ins' = 'rocks'): Date | null {
  if (hasLeft(actor.person) || owner.organisationId !== actor.organisation.id) return null;
  const periods = (owner.reviewerHistory ?? []).filter((h) => h.personId === actor.person.id && (h.role === 'reviewer' || coachPeriodCounts(actor.organisation, subject)));
  if (periods.length === 0) return null;
  return periods.reduce((latest, h) => (h.until > latest ? h.until : latest), periods[0]!.until);
}

/**
 * A period as someone's coach keeps access only to what a coach could read then: under a coach-led
 * reviewer rule the coach is the reviewer; otherwise only where the policy grants coaches the
 * subject (policy.access), so a withdrawn grant is not given back once the coach is replaced.
 */
function coachPeriodCounts(organisation: Organisation, subject: 'rocks' | 'check-ins'): boolean {
  if (organisation.policy.reviewers.reviewedBy !== 'line-manager') return true;
  return grantedByPolicy(organisation, subject, 'read', ['coach']).includes('coach');
}

export function reviewedCheckIn(actor: Actor, checkIn: Pick<CheckIn, 'reviewerId' | 'organisationId'>): boolean {
  return checkIn.reviewerId === actor.person.id && checkIn.organisationId === actor.organisation.id && !hasLeft(actor.person);
}

export function reviewedRock(actor: Actor, owner: Person, rock: Pick<Rock, 'createdAt' | 'history'>): boolean {
  const until = wasReviewerOf(actor, owner);
  if (!until) return false;
  return rock.createdAt <= until || rock.history.some((h) => h.byPersonId === actor.person.id && (h.action === 'agreed' || h.action === 'amended'));
}

/**
 * Whether the caller may acknowledge or respond to this check-in: the reviewer it was submitted to
 * (also after a redelegation: they finish the review in flight); the current reviewer only when it
 * named nobody, or the reviewer it named has left.
 */
export function mayReviewCheckIn(actor: Actor, owner: Person, checkIn: Pick<CheckIn, 'reviewerId' | 'organisationId'>, namedReviewer: Person | null): boolean {
  if (reviewedCheckIn(actor, checkIn)) return true;
  if (!isReviewerOf(actor, owner)) return false;
  return !checkIn.reviewerId || !namedReviewer || hasLeft(namedReviewer);
}

/** An SMT lead for the person's own school, or a PG administrator, may change who reviews them (seed 000 §5). */
export function mayRedelegate(actor: Actor, subject: Person): boolean {
  const role = permittedRole(actor, 'reviewers', 'write', subject);
  if (role === 'pg-admin') return true;
  return role === 'smt' && Boolean(actor.person.school) && actor.person.school === subject.school;
}

/** Person records, by kind. */
export type RecordKind = 'rocks' | 'check-ins' | 'threads' | 'praise' | 'growth';

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
