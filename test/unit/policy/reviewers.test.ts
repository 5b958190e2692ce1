import { canReview, getPolicyPack, reviewerOf } from '../../../shared/policy';
import { buildPerson, buildPolicy } from './builders';

const lineManagerPolicy = getPolicyPack('tsfe-2025-26').policy;
// seed 002 (Truro and Penwith): the coach, who may not be the line manager, holds the check-ins
const coachPolicy = buildPolicy({ id: 'tpat-ggp', reviewers: { reviewedBy: 'coach', mustAcknowledge: true } });
const coachElseLineManager = buildPolicy({ reviewers: { reviewedBy: 'coach-else-line-manager', mustAcknowledge: true } });

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
