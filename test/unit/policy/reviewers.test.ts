import { canReview, getPolicyPack, reviewerOf, whoMaySee } from '../../../shared/policy';
import { buildPerson, buildPolicy } from './builders';

const lineManagerPolicy = getPolicyPack('tsfe-2025-26').policy;
// seed 002 (Truro and Penwith): the coach, who may not be the line manager, holds the check-ins
const coachPolicy = buildPolicy({ id: 'tpat-ggp', reviewers: { reviewedBy: 'coach', mustAcknowledge: true } });
const coachElseLineManager = buildPolicy({ reviewers: { reviewedBy: 'coach-else-line-manager', mustAcknowledge: true } });

const manager = buildPerson({ id: 'manager' });
const coach = buildPerson({ id: 'coach' });
const reviewee = buildPerson({ id: 'reviewee', reviewerId: 'manager', coachId: 'coach' });
const noCoach = buildPerson({ id: 'no-coach', reviewerId: 'manager' });

describe('reviewerOf and canReview', () => {
  it('is the line manager under a line-manager policy (seed 000 §5)', () => {
    expect(reviewerOf(reviewee, lineManagerPolicy)).toBe('manager');
    expect(canReview('manager', reviewee, lineManagerPolicy)).toBe(true);
    expect(canReview('coach', reviewee, lineManagerPolicy)).toBe(false);
  });

  it('is the coach under a coaching policy, and nobody when no coach is assigned', () => {
    expect(reviewerOf(reviewee, coachPolicy)).toBe('coach');
    expect(canReview('coach', reviewee, coachPolicy)).toBe(true);
    expect(canReview('manager', reviewee, coachPolicy)).toBe(false);
    expect(reviewerOf(noCoach, coachPolicy)).toBeUndefined();
    expect(canReview('manager', noCoach, coachPolicy)).toBe(false);
  });

  it('falls back to the line manager when a coach-else-line-manager policy finds no coach', () => {
    expect(reviewerOf(reviewee, coachElseLineManager)).toBe('coach');
    expect(reviewerOf(noCoach, coachElseLineManager)).toBe('manager');
  });

  it('never makes someone their own reviewer', () => {
    const selfManaged = buildPerson({ id: 'ceo', reviewerId: 'ceo' });
    expect(reviewerOf(selfManaged, lineManagerPolicy)).toBeUndefined();
    expect(canReview('ceo', selfManaged, lineManagerPolicy)).toBe(false);
  });
});

describe('whoMaySee', () => {
  const admin = buildPerson({ id: 'admin', roles: ['pg-admin'] });
  const smt = buildPerson({ id: 'smt-lead', roles: ['smt'] });
  const colleague = buildPerson({ id: 'colleague' });

  it('lets a person see their own records', () => {
    expect(whoMaySee(reviewee, reviewee, lineManagerPolicy)).toBe('self');
  });

  it('lets the reviewer and the coach see them', () => {
    expect(whoMaySee(manager, reviewee, lineManagerPolicy)).toBe('reviewer');
    expect(whoMaySee(coach, reviewee, lineManagerPolicy)).toBe('coach');
    expect(whoMaySee(coach, reviewee, coachPolicy)).toBe('reviewer');
  });

  it('keeps a line manager who is not the reviewer out under a coaching policy (seed 002 §14)', () => {
    expect(whoMaySee(manager, reviewee, coachPolicy)).toBeNull();
  });

  it('lets PG administrators and SMT see their organisation, and nobody else', () => {
    expect(whoMaySee(admin, reviewee, lineManagerPolicy)).toBe('pg-admin');
    expect(whoMaySee(smt, reviewee, lineManagerPolicy)).toBe('smt');
    expect(whoMaySee(colleague, reviewee, lineManagerPolicy)).toBeNull();
    expect(whoMaySee(reviewee, manager, lineManagerPolicy)).toBeNull();
  });

  it('names the closest relationship when there are several', () => {
    const adminManager = buildPerson({ id: 'admin-manager', roles: ['pg-admin', 'smt'] });
    const team = buildPerson({ id: 'team', reviewerId: 'admin-manager' });
    expect(whoMaySee(adminManager, team, lineManagerPolicy)).toBe('reviewer');
    expect(whoMaySee(adminManager, adminManager, lineManagerPolicy)).toBe('self');
  });

  it('never crosses organisations, whatever the ids or roles say', () => {
    const otherOrgAdmin = buildPerson({ id: 'admin', organisationId: 'org-other', roles: ['pg-admin', 'smt'] });
    const otherOrgManager = buildPerson({ id: 'manager', organisationId: 'org-other' });
    const otherOrgSameId = buildPerson({ id: 'reviewee', organisationId: 'org-other' });
    expect(whoMaySee(otherOrgAdmin, reviewee, lineManagerPolicy)).toBeNull();
    expect(whoMaySee(otherOrgManager, reviewee, lineManagerPolicy)).toBeNull();
    expect(whoMaySee(otherOrgSameId, reviewee, lineManagerPolicy)).toBeNull();
  });
});
