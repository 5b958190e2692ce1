// The reviewee's comment on a review (seed 000 §10: "a summary the employee can read and comment
// on"; Appendix 4's impact review: the reviewee sees the outcome and can comment). One comment per
// review, the reviewee's own, editable; the reviewer is told.
import type { ReviewStage, YearReview, YearReviewRecord, YearReviewRecordOf } from '../../shared/domain';
import { staffCommentContentSchema, yearReviewRecordId } from '../../shared/domain';
import { reviewerOf } from '../../shared/policy';
import { audit, scopeOf, type Actor } from './access';
import type { UseCaseContext } from './context';
import { DomainError } from './errors';
import { parseReviewInput } from './reviewInput';
import { loadYearReview, requirePart } from './yearReviewAccess';
import { queueReviewMessage } from './yearReviewMessages';
import { recordOf, reviewStanding } from './yearReviewStatus';

export type StaffCommentRecord = YearReviewRecordOf<'staff-comment'>;

/**
 * Whether the reviewee may comment yet: on an impact review once the outcome is recorded; at the
 * end of the year once the review is complete (the outcome decided). GET /reviews/:id's canEdit.comment.
 */
export function commentOpen(review: YearReview, records: readonly YearReviewRecord[], stage: ReviewStage | null, now: Date): boolean {
  if (review.stage === 'impact') return Boolean(recordOf(records, 'impact-outcome')?.submittedAt);
  return reviewStanding(review, records, stage, now).status === 'complete';
}

export async function commentOnReview(ctx: UseCaseContext, actor: Actor, reviewId: string, input: unknown): Promise<StaffCommentRecord> {
  const loaded = await loadYearReview(ctx, actor, reviewId);
  requirePart(loaded, 'reviewee', 'Only the person reviewed comments on their review.');
  const { review, person, stage } = loaded;
  const org = scopeOf(actor);
  const records = await ctx.repos.yearReviews.listRecords(org, review.id);
  if (!commentOpen(review, records, stage, ctx.now())) {
    throw new DomainError(
      'conflict',
      review.stage === 'impact' ? 'You can comment once your reviewer has recorded the outcome of your impact review.' : 'You can comment once your review is complete and its outcome has been decided.',
    );
  }
  const content = parseReviewInput(staffCommentContentSchema, input);
  const previous = recordOf(records, 'staff-comment') ?? null;
  if (previous && previous.text === content.text) return previous; // Teams retried
  const now = ctx.now();
  const record: StaffCommentRecord = {
    kind: 'staff-comment',
    id: yearReviewRecordId('staff-comment', review.id),
    organisationId: actor.organisation.id,
    reviewId: review.id,
    cycleId: review.cycleId,
    personId: review.personId,
    authorId: actor.person.id,
    createdAt: previous?.createdAt ?? now,
    updatedAt: now,
    submittedAt: now,
    ...content,
  };
  await ctx.repos.yearReviews.putRecord(org, record);
  await audit(ctx, actor, previous ? 'staffComment.changed' : 'staffComment.added', { kind: 'staff-comment', id: record.id }, { reviewId: review.id, edited: Boolean(previous) });
  const reviewerId = review.reviewerId ?? reviewerOf(person, actor.organisation.policy);
  if (reviewerId && reviewerId !== actor.person.id) {
    await queueReviewMessage(ctx, actor.organisation, reviewerId, { kind: 'year-review', reviewId: review.id, audience: 'reviewer', reason: 'comment' }, previous ? `v${now.getTime()}` : '');
  }
  return record;
}
