// Where one of the year's reviews stands (issue 12), from its records and the policy's stage:
// whose turn it is, whether that part is overdue, and the outcome so far. Pure: the list, the
// cards, the tab and PG admins' progress all ask this one function.
//
//   impact:      reviewer records the outcome → complete (the reviewee may then comment)
//   end of year: reviewee submits the reflection → reviewer writes the statement (and outcome)
//                → where the policy has one, the decider confirms or changes it → complete
//                (the written summary is released; the reviewee may then comment)
import type { ReviewStage, YearReview, YearReviewRecord, YearReviewRecordKind, YearReviewRecordOf } from '../../shared/domain';

export type ReviewTurn = 'reviewee' | 'reviewer' | 'decider';
export type YearReviewStatus = 'waiting-for-reviewee' | 'waiting-for-reviewer' | 'waiting-for-decider' | 'complete';

export interface ReviewStanding {
  status: YearReviewStatus;
  /** Whose part is next; null once complete. */
  turn: ReviewTurn | null;
  /** The part that is next is past its deadline. */
  overdue: boolean;
  /** The outcome's key so far: the final decision's where made, else the reviewer's. */
  outcomeKey: string | null;
  outcomeLabel: string | null;
}

export function recordOf<K extends YearReviewRecordKind>(records: readonly YearReviewRecord[], kind: K): YearReviewRecordOf<K> | undefined {
  return records.find((r) => r.kind === kind) as YearReviewRecordOf<K> | undefined;
}

/** Whether the review has a final decision step: the policy asks for one and a decider was found at opening. */
export function needsFinalDecision(review: Pick<YearReview, 'deciderId'>, stage: ReviewStage | null): boolean {
  return Boolean(stage && stage.finalDecisionBy !== 'none' && review.deciderId);
}

export function reviewStanding(review: YearReview, records: readonly YearReviewRecord[], stage: ReviewStage | null, now: Date): ReviewStanding {
  const label = (key: string | undefined) => (key ? (stage?.outcomes.find((o) => o.key === key)?.label ?? key) : null);
  const done = (status: YearReviewStatus, key: string | undefined): ReviewStanding => ({ status, turn: null, overdue: false, outcomeKey: key ?? null, outcomeLabel: label(key) });
  const waiting = (turn: ReviewTurn, due: Date | undefined, key?: string): ReviewStanding => ({
    status: `waiting-for-${turn}`,
    turn,
    overdue: due !== undefined && now > due,
    outcomeKey: key ?? null,
    outcomeLabel: label(key),
  });
  if (review.stage === 'impact') {
    const outcome = recordOf(records, 'impact-outcome');
    return outcome?.submittedAt ? done('complete', outcome.outcome) : waiting('reviewer', review.reviewerDueAt);
  }
  const reflection = recordOf(records, 'reflection');
  if (!reflection?.submittedAt) return waiting('reviewee', review.dueAt);
  const statement = recordOf(records, 'statement');
  if (!statement?.submittedAt) return waiting('reviewer', review.reviewerDueAt);
  if (!needsFinalDecision(review, stage)) return done('complete', statement.outcome);
  const decision = recordOf(records, 'final-decision');
  if (!decision?.submittedAt) return waiting('decider', review.decisionDueAt ?? review.reviewerDueAt, statement.outcome);
  return done('complete', decision.outcome);
}
