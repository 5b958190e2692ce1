// The March impact review, the reviewee's comment and the support plan over /api/v1 (issue 12):
//   PUT /reviews/:id/impact-outcome   the reviewer records the outcome (again, while its cycle is current)
//   PUT /reviews/:id/comment          the reviewee comments on the outcome or the written summary
//   GET /reviews/:id/support-plan     the plan, for the person, their reviewer and those the policy names (404 otherwise)
//   PUT /reviews/:id/support-plan     the reviewer records the plan
//   PUT /reviews/:id/support-outcome  at its review: did it succeed?
// The same use cases as the bot's cards; errors are the API's problems.
import {
  API_PREFIX,
  impactOutcomeRequestSchema,
  staffCommentRequestSchema,
  supportOutcomeRequestSchema,
  supportPlanRequestSchema,
  type ImpactOutcomeDto,
  type StaffCommentDto,
  type SupportOutcomeDto,
  type SupportPlanDto,
  type SupportPlanResponse,
  type YearReviewPart,
} from '../../../shared/api';
import type { Organisation, ReviewOption } from '../../../shared/domain';
import { recordImpactOutcome, type ImpactOutcomeRecord } from '../../usecases/impactReview';
import { commentOnReview, type StaffCommentRecord } from '../../usecases/reviewComments';
import { recordSupportOutcome, saveSupportPlan, supportEditable, supportPlanState, type SupportOutcomeRecord, type SupportPlanRecord } from '../../usecases/supportPlans';
import { personSummary } from './present';
import { param, parse, type ApiRouter } from './route';

const stamps = (r: { authorId: string; updatedAt: Date; submittedAt?: Date }) => ({
  authorId: r.authorId,
  updatedAt: r.updatedAt.toISOString(),
  ...(r.submittedAt ? { submittedAt: r.submittedAt.toISOString() } : {}),
});

function impactOutcomeDto(r: ImpactOutcomeRecord, option: ReviewOption): ImpactOutcomeDto {
  return { outcome: r.outcome, ...(r.meetingOn ? { meetingOn: r.meetingOn } : {}), notes: r.notes, stretch: r.stretch, outcomeLabel: option.label, effect: option.effect, ...stamps(r) };
}

function commentDto(r: StaffCommentRecord): StaffCommentDto {
  return { text: r.text, ...stamps(r) };
}

function planDto(r: SupportPlanRecord, organisation: Organisation): SupportPlanDto {
  const label = organisation.policy.reviews?.support?.routes.find((route) => route.key === r.route)?.label ?? r.route;
  return { route: r.route, routeLabel: label, whatWillHelp: r.whatWillHelp, reviewOn: r.reviewOn, notes: r.notes, ...stamps(r) };
}

function outcomeDto(r: SupportOutcomeRecord): SupportOutcomeDto {
  return { succeeded: r.succeeded, note: r.note, nextStep: r.nextStep, ...stamps(r) };
}

/** The route of one part of a review (apiPaths.yearReviewPart on the tab's side). */
const pathOf = (part: YearReviewPart) => `${API_PREFIX}/reviews/:reviewId/${part}`;

export function registerImpactReviewRoutes(router: ApiRouter): void {
  const { server, ctx, authed } = router;
  server.put(
    pathOf('impact-outcome'),
    authed(async ({ req, actor }) => {
      const { record, option } = await recordImpactOutcome(ctx, actor, param(req, 'reviewId'), parse(impactOutcomeRequestSchema, req.body));
      return { body: impactOutcomeDto(record, option) };
    }),
  );
  server.put(
    pathOf('comment'),
    authed(async ({ req, actor }) => ({ body: commentDto(await commentOnReview(ctx, actor, param(req, 'reviewId'), parse(staffCommentRequestSchema, req.body))) })),
  );
  server.get(
    pathOf('support-plan'),
    authed(async ({ req, actor }) => {
      const state = await supportPlanState(ctx, actor, param(req, 'reviewId'));
      const body: SupportPlanResponse = {
        reviewId: state.review.id,
        person: personSummary(state.person),
        paused: state.paused,
        routes: state.rules.routes,
        plan: state.plan ? planDto(state.plan, actor.organisation) : null,
        outcome: state.outcome ? outcomeDto(state.outcome) : null,
        canEdit: supportEditable(state).supportPlan || supportEditable(state).supportOutcome,
      };
      return { body };
    }),
  );
  server.put(
    pathOf('support-plan'),
    authed(async ({ req, actor }) => ({ body: planDto(await saveSupportPlan(ctx, actor, param(req, 'reviewId'), parse(supportPlanRequestSchema, req.body)), actor.organisation) })),
  );
  server.put(
    pathOf('support-outcome'),
    authed(async ({ req, actor }) => ({ body: outcomeDto(await recordSupportOutcome(ctx, actor, param(req, 'reviewId'), parse(supportOutcomeRequestSchema, req.body))) })),
  );
}
