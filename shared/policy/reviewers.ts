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

/** recruitment: the recruitment / talent team (issue 13), a role towards the organisation, never towards one person's records. */
export type ViewerRelationship = 'self' | 'reviewer' | 'coach' | 'pg-admin' | 'smt' | 'recruitment';
