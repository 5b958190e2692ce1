// Who reviews whom, and who may read whose professional-growth records.
import type { Person, Policy } from '../domain';

type ReviewFacts = Pick<Person, 'id' | 'reviewerId' | 'coachId'>;
type ReviewRules = Pick<Policy, 'reviewers'>;

/** The person who reviews `person`'s check-ins under this policy; nobody reviews themselves. */
export function reviewerOf(person: ReviewFacts, policy: ReviewRules): string | undefined {
  let reviewer: string | undefined;
  switch (policy.reviewers.reviewedBy) {
    case 'line-manager':
      reviewer = person.reviewerId;
      break;
    case 'coach':
      // seed 002: the coach may not be the line manager, and it is the coach who reviews
      reviewer = person.coachId;
      break;
    case 'coach-else-line-manager':
      reviewer = person.coachId ?? person.reviewerId;
      break;
  }
  return reviewer === person.id ? undefined : reviewer;
}

export function canReview(reviewerPersonId: string, reviewee: ReviewFacts, policy: ReviewRules): boolean {
  return reviewerOf(reviewee, policy) === reviewerPersonId;
}

export type ViewerRelationship = 'self' | 'reviewer' | 'coach' | 'pg-admin' | 'smt';

type ViewerFacts = Pick<Person, 'id' | 'organisationId' | 'roles'>;
type SubjectFacts = Pick<Person, 'id' | 'organisationId' | 'reviewerId' | 'coachId'>;

/**
 * Why `viewer` may read `subject`'s records, or null. seed 000 §3: normally only the reviewer, the
 * reviewee, the SMT team lead and PG administrators have access; seed 002 §14: nobody beyond those
 * directly involved (so a line manager who is not the reviewer under a coaching policy sees nothing).
 * Never across organisations. The closest relationship wins, so a PG admin reading their own
 * check-ins is 'self'.
 */
export function whoMaySee(viewer: ViewerFacts, subject: SubjectFacts, policy: ReviewRules): ViewerRelationship | null {
  if (viewer.organisationId !== subject.organisationId) return null;
  if (viewer.id === subject.id) return 'self';
  if (reviewerOf(subject, policy) === viewer.id) return 'reviewer';
  if (subject.coachId === viewer.id) return 'coach';
  if (viewer.roles.includes('pg-admin')) return 'pg-admin';
  if (viewer.roles.includes('smt')) return 'smt';
  return null;
}
