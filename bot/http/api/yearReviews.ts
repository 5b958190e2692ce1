// The year's reviews over /api/v1 (issue 12), the lists: GET /reviews (mine, needs me, my team) and
// PG administrators' GET /review-progress by school. The PUT routes of each part live in their
// own files (impact, end of year); GET /reviews/:id in the view's.
import {
  apiPaths,
  yearReviewListQuerySchema,
  yearReviewProgressQuerySchema,
  type YearReviewListResponse,
  type YearReviewProgressResponse,
  type YearReviewSummaryDto,
} from '../../../shared/api';
import { listReviews, reviewProgress, type ReviewListItem } from '../../usecases/yearReviewLists';
import { personSummary } from './present';
import { parse, type ApiRouter } from './route';

export function yearReviewSummaryDto(item: ReviewListItem): YearReviewSummaryDto {
  const { review, standing } = item;
  return {
    id: review.id,
    stage: review.stage,
    label: review.label,
    cycleId: review.cycleId,
    person: personSummary(item.person),
    reviewer: item.reviewer ? personSummary(item.reviewer) : null,
    decider: item.decider ? personSummary(item.decider) : null,
    school: review.school,
    opensAt: review.opensAt.toISOString(),
    dueAt: review.dueAt.toISOString(),
    reviewerDueAt: review.reviewerDueAt.toISOString(),
    ...(review.decisionDueAt ? { decisionDueAt: review.decisionDueAt.toISOString() } : {}),
    status: standing.status,
    myNextStep: item.myNextStep,
    overdue: standing.overdue,
    outcomeLabel: standing.outcomeLabel,
  };
}

export function registerYearReviewListRoutes(router: ApiRouter): void {
  const { server, ctx, authed } = router;
  server.get(
    apiPaths.yearReviews(),
    authed(async ({ req, actor }) => {
      const query = parse(yearReviewListQuerySchema, req.query ?? {});
      const lists = await listReviews(ctx, actor, query.cycleId);
      const body: YearReviewListResponse = { mine: lists.mine.map(yearReviewSummaryDto), needsMe: lists.needsMe.map(yearReviewSummaryDto), myTeam: lists.myTeam.map(yearReviewSummaryDto) };
      return { body };
    }),
  );
  server.get(
    apiPaths.yearReviewProgress(),
    authed(async ({ req, actor }) => {
      const progress = await reviewProgress(ctx, actor, parse(yearReviewProgressQuerySchema, req.query ?? {}));
      const body: YearReviewProgressResponse = { cycleId: progress.cycle.id, rows: progress.rows, supportPlans: progress.supportPlans };
      return { body };
    }),
  );
}
