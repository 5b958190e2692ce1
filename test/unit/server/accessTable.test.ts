// The one access table: who may read and change whose records, and that people who have left hold no role.
import { hasLeft, isPgAdmin, permittedRole, type Actor } from '../../../bot/usecases/access';
import type { Person } from '../../../shared/domain';
import { buildOrganisation, buildPerson } from '../../support/builders';

const organisation = buildOrganisation({ adminObjectIds: ['oid-named-admin'] });
const inOrg = (overrides: Partial<Person> = {}) => buildPerson({ organisationId: organisation.id, ...overrides });
const actor = (person: Person): Actor => ({ person, organisation });
const LEFT = { status: 'excluded' as const, statusReason: 'left: not in the staff directory imported on 2026-02-01' };

describe('the access table', () => {
  const reviewer = inOrg();
  const coach = inOrg();
  const smt = inOrg({ roles: ['smt'] });
  const admin = inOrg({ roles: ['pg-admin'] });
  const colleague = inOrg();
  const reviewee = inOrg({ reviewerId: reviewer.id, coachId: coach.id });

  it('lets the reviewee, their reviewer, coach and PG admins read check-ins; SMT reads rocks only', () => {
    expect(permittedRole(actor(reviewee), 'check-ins', 'read', reviewee)).toBe('self');
    expect(permittedRole(actor(reviewer), 'check-ins', 'read', reviewee)).toBe('reviewer');
    expect(permittedRole(actor(coach), 'check-ins', 'read', reviewee)).toBe('coach');
    expect(permittedRole(actor(admin), 'check-ins', 'read', reviewee)).toBe('pg-admin');
    expect(permittedRole(actor(smt), 'check-ins', 'read', reviewee)).toBeNull();
    expect(permittedRole(actor(smt), 'rocks', 'read', reviewee)).toBe('smt');
    expect(permittedRole(actor(colleague), 'rocks', 'read', reviewee)).toBeNull();
  });

  it('lets only the reviewer review, and only the participants comment on a thread', () => {
    expect(permittedRole(actor(reviewer), 'check-ins', 'review', reviewee)).toBe('reviewer');
    expect(permittedRole(actor(coach), 'check-ins', 'review', reviewee)).toBeNull();
    expect(permittedRole(actor(admin), 'check-ins', 'review', reviewee)).toBeNull();
    expect(permittedRole(actor(coach), 'threads', 'comment', reviewee)).toBe('coach');
    expect(permittedRole(actor(admin), 'threads', 'comment', reviewee)).toBeNull();
    expect(permittedRole(actor(admin), 'threads', 'read', reviewee)).toBe('pg-admin');
  });

  it('gives a PG administrator the schedule and directory, by role or by object id', () => {
    expect(permittedRole(actor(admin), 'schedule', 'write')).toBe('pg-admin');
    expect(permittedRole(actor(inOrg({ entraObjectId: 'oid-named-admin' })), 'directory', 'write')).toBe('pg-admin');
    expect(permittedRole(actor(colleague), 'schedule', 'write')).toBeNull();
    expect(permittedRole(actor(smt), 'completion', 'read')).toBeNull();
  });

  it('gives someone who has left no role at all, though their own records stay theirs', () => {
    const leftAdmin = inOrg({ ...LEFT, roles: ['pg-admin', 'smt'], entraObjectId: 'oid-named-admin' });
    const leftReviewer = inOrg(LEFT);
    const theirReviewee = inOrg({ reviewerId: leftReviewer.id, coachId: leftAdmin.id });
    expect(hasLeft(leftAdmin)).toBe(true);
    expect(isPgAdmin(organisation, leftAdmin, 'oid-named-admin')).toBe(false);
    expect(permittedRole(actor(leftAdmin), 'schedule', 'write')).toBeNull();
    expect(permittedRole(actor(leftAdmin), 'check-ins', 'read', reviewee)).toBeNull();
    expect(permittedRole(actor(leftAdmin), 'rocks', 'read', reviewee)).toBeNull();
    expect(permittedRole(actor(leftAdmin), 'check-ins', 'read', theirReviewee)).toBeNull();
    expect(permittedRole(actor(leftReviewer), 'check-ins', 'review', theirReviewee)).toBeNull();
    expect(permittedRole(actor(leftReviewer), 'check-ins', 'read', leftReviewer)).toBe('self');
  });

  it('still lets a paused person (excluded for another reason) review, but not administer by role', () => {
    const paused = inOrg({ status: 'excluded', statusReason: 'support plan', roles: ['pg-admin'] });
    const theirReviewee = inOrg({ reviewerId: paused.id });
    expect(hasLeft(paused)).toBe(false);
    expect(permittedRole(actor(paused), 'check-ins', 'review', theirReviewee)).toBe('reviewer');
    expect(permittedRole(actor(paused), 'schedule', 'write')).toBeNull();
  });

  it('never crosses organisations', () => {
    const elsewhere = buildPerson({ organisationId: 'org-elsewhere', roles: ['pg-admin'] });
    expect(permittedRole(actor(admin), 'rocks', 'read', elsewhere)).toBeNull();
    expect(isPgAdmin(organisation, elsewhere)).toBe(false);
  });
});
