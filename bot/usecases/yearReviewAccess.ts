// Loading one of the year's reviews for the person asking, with the parts they play in it
// (issue 12). A review the caller may not see is not found (404), so ids cannot be probed; the
// parts come from the policy (policy.reviews.stages) so each trust's process runs.
import type { Organisation, Person, ReviewOption, ReviewRules, ReviewStage, ReviewStageKind, YearReview } from '../../shared/domain';
import { hasLeft, invalidFields, isReviewerOf, permittedRole, scopeOf, type Actor } from './access';
import type { UseCaseContext } from './context';
import { DomainError } from './errors';

/** The policy's review rules; a trust without them has no reviews (a clear 409, not a 500). */
export function reviewRulesOf(organisation: Organisation): ReviewRules {
  const rules = organisation.policy.reviews;
  if (!rules || rules.stages.length === 0) throw new DomainError('conflict', `${organisation.policy.name} has no reviews in the app.`);
  return rules;
}

/** The policy's stage of this kind, if it has one. */
export function stageOf(organisation: Organisation, kind: ReviewStageKind): ReviewStage | null {
  return organisation.policy.reviews?.stages.find((s) => s.kind === kind) ?? null;
}

/** The stage a review belongs to; a review whose stage the policy has since dropped is read-only history. */
export function stageOfReview(organisation: Organisation, review: Pick<YearReview, 'stage'>): ReviewStage | null {
  return stageOf(organisation, review.stage);
}

export function outcomeOf(stage: ReviewStage, key: string | undefined): ReviewOption | undefined {
  return key === undefined ? undefined : stage.outcomes.find((o) => o.key === key);
}

/** The outcome named by key, or a 422 on `field` listing the policy's choices. */
export function requireOutcome(stage: ReviewStage, key: string, field = 'outcome', options: readonly ReviewOption[] = stage.outcomes): ReviewOption {
  const found = options.find((o) => o.key === key);
  if (!found) throw invalidFields([{ path: field, message: `choose one of: ${options.map((o) => o.label).join('; ')}` }]);
  return found;
}

export interface ReviewParts {
  /** The person reviewed. */
  reviewee: boolean;
  /** The reviewer named on the review, or the person's reviewer now (after a redelegation). */
  reviewer: boolean;
  /** Confirms or changes the outcome (policy finalDecisionBy). */
  decider: boolean;
  pgAdmin: boolean;
}

export interface LoadedReview {
  review: YearReview;
  /** The reviewee. */
  person: Person;
  stage: ReviewStage | null;
  as: ReviewParts;
  /** Whether the caller may read this person's support plan (policy.reviews.support.seenBy). */
  canSeeSupport: boolean;
}

/** The parts the actor plays in a review of `person`. */
export function partsIn(actor: Actor, review: YearReview, person: Person): ReviewParts {
  const me = actor.person;
  const active = !hasLeft(me) && me.organisationId === review.organisationId;
  return {
    reviewee: me.id === review.personId,
    reviewer: active && me.id !== review.personId && (review.reviewerId === me.id || isReviewerOf(actor, person)),
    decider: active && review.deciderId === me.id && me.id !== review.personId,
    pgAdmin: active && permittedRole(actor, 'year-reviews', 'read', person) === 'pg-admin',
  };
}

/** A review and the caller's parts in it; 404 unless they play one. */
export async function loadYearReview(ctx: UseCaseContext, actor: Actor, reviewId: string): Promise<LoadedReview> {
  const org = scopeOf(actor);
  const review = await ctx.repos.yearReviews.get(org, reviewId);
  if (!review) throw new DomainError('notFound');
  const person = review.personId === actor.person.id ? actor.person : await ctx.repos.people.get(org, review.personId);
  if (!person) throw new DomainError('notFound');
  const as = partsIn(actor, review, person);
  if (!as.reviewee && !as.reviewer && !as.decider && !as.pgAdmin) throw new DomainError('notFound');
  const canSeeSupport = as.reviewee || as.reviewer || permittedRole(actor, 'support-plans', 'read', person) !== null;
  return { review, person, stage: stageOfReview(actor.organisation, review), as, canSeeSupport };
}

/** Refuses (403) a caller who does not play `part` in the review. */
export function requirePart(loaded: LoadedReview, part: keyof ReviewParts, message: string): void {
  if (!loaded.as[part]) throw new DomainError('forbidden', message);
}
