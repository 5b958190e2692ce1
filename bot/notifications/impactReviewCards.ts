// The March impact review's cards and the support plan's cards, as the viewer should see them now:
// built from the review's records for the outbox's messages and for the card handler's answers.
import { DateTime } from 'luxon';
import { yearReviewRecordId, type BotMessage, type Organisation, type Person, type YearReview } from '../../shared/domain';
import { formatEventDate } from '../../shared/policy';
import type { AdaptiveCard } from '../cards';
import { buildImpactReviewCard, buildSupportPlanCard } from '../cards/impactReviewCards';
import type { Actor } from '../usecases/access';
import { DomainError } from '../usecases/errors';
import { impactReviewState } from '../usecases/impactReview';
import { personalChat } from '../usecases/prompts';
import { supportPlanState } from '../usecases/supportPlans';
import type { ReviewCardServices } from './yearReviewCards';

export interface ReviewCardOptions {
  saved?: string;
  error?: string;
  /** The inputs as typed, shown again after a refused save. */
  draft?: Record<string, string>;
}

/** Teams user ids of the reviewee and reviewer (refresh.userIds), from their stored personal chats. */
async function refreshUserIds(services: ReviewCardServices, organisationId: string, personIds: Array<string | undefined>): Promise<string[]> {
  const chats = await Promise.all(personIds.filter((id): id is string => Boolean(id)).map((id) => personalChat(services.ctx, organisationId, id)));
  return chats.flatMap((chat) => (chat ? [chat.key] : []));
}

function links(services: ReviewCardServices, review: YearReview, asReviewee: boolean) {
  const sub = `review:${review.id}` as const;
  return { tabUrl: asReviewee ? services.links.tab('rocks', sub) : services.links.tab('team', sub), rocksUrl: services.links.tab('rocks', 'rocks') };
}

/** The impact review card for `viewer` (404 DomainError unless they play a part). */
export async function impactReviewCard(services: ReviewCardServices, organisation: Organisation, viewer: Person, reviewId: string, options: ReviewCardOptions = {}): Promise<AdaptiveCard> {
  const actor: Actor = { person: viewer, organisation };
  const state = await impactReviewState(services.ctx, actor, reviewId);
  const { review, person, stage, as } = state;
  const timezone = organisation.policy.timezone;
  const due = DateTime.fromJSDate(review.dueAt, { zone: timezone }).toISODate()!;
  return buildImpactReviewCard({
    view: as.reviewer ? 'reviewer' : as.reviewee ? 'reviewee' : 'observer',
    reviewId: review.id,
    label: review.label,
    revieweeName: person.displayName,
    reviewerName: state.reviewer?.displayName ?? `your ${organisation.policy.vocabulary.reviewer}`,
    vocabulary: organisation.policy.vocabulary,
    outcomes: stage.outcomes.map((o) => ({ key: o.key, label: o.label, ...(o.guidance ? { guidance: o.guidance } : {}), effect: o.effect })),
    requireMeetingDate: stage.requireMeetingDate,
    dueText: `by ${formatEventDate(due, timezone)}`,
    recorded: state.outcome?.submittedAt ? { outcomeKey: state.outcome.outcome, meetingOn: state.outcome.meetingOn, notes: state.outcome.notes, stretch: state.outcome.stretch } : null,
    comment: state.comment?.text ?? null,
    open: state.open,
    refreshUserIds: await refreshUserIds(services, organisation.id, [review.personId, state.reviewer?.id]),
    ...links(services, review, as.reviewee),
    ...options,
  });
}

/** The support plan card for `viewer` (404 DomainError unless the policy lets them see it). */
export async function supportPlanCard(services: ReviewCardServices, organisation: Organisation, viewer: Person, reviewId: string, options: ReviewCardOptions = {}): Promise<AdaptiveCard> {
  const state = await supportPlanState(services.ctx, { person: viewer, organisation }, reviewId);
  const { review, person, as, rules, plan, outcome } = state;
  return buildSupportPlanCard({
    view: as.reviewer ? 'reviewer' : as.reviewee ? 'reviewee' : 'observer',
    reviewId: review.id,
    revieweeName: person.displayName,
    reviewerName: state.reviewer?.displayName ?? `your ${organisation.policy.vocabulary.reviewer}`,
    vocabulary: organisation.policy.vocabulary,
    reviewLabel: review.label,
    alsoSeenBy: [...(rules.seenBy.pgAdmins ? ['your PG administrators'] : []), ...(rules.seenBy.smt ? ['your senior leadership team'] : [])],
    routes: rules.routes,
    plan: plan ? { route: plan.route, whatWillHelp: plan.whatWillHelp, reviewOn: plan.reviewOn, notes: plan.notes } : null,
    outcome: outcome ? { succeeded: outcome.succeeded, note: outcome.note, nextStep: outcome.nextStep } : null,
    paused: state.paused,
    refreshUserIds: await refreshUserIds(services, organisation.id, [review.personId, state.reviewer?.id]),
    ...links(services, review, as.reviewee),
    ...options,
  });
}

/** A card the recipient may no longer see (the review moved on, a reviewer changed) is not sent. */
async function unlessGone(build: () => Promise<AdaptiveCard>): Promise<AdaptiveCard | { skip: string }> {
  try {
    return await build();
  } catch (err) {
    if (err instanceof DomainError && (err.code === 'notFound' || err.code === 'conflict')) return { skip: `recipient cannot see it: ${err.code}` };
    throw err;
  }
}

export async function impactReviewMessageCard(
  services: ReviewCardServices,
  organisation: Organisation,
  recipient: Person,
  review: YearReview,
  message: Extract<BotMessage, { kind: 'year-review' }>,
): Promise<AdaptiveCard | { skip: string }> {
  if (message.audience === 'decider') return { skip: 'an impact review has no final decision' };
  if (message.audience === 'reviewer' && message.reason === 'reminder') {
    const outcome = await services.ctx.repos.yearReviews.getRecord({ organisationId: organisation.id }, 'impact-outcome', yearReviewRecordId('impact-outcome', review.id));
    if (outcome?.submittedAt) return { skip: 'outcome already recorded' };
  }
  return unlessGone(() => impactReviewCard(services, organisation, recipient, review.id));
}

export async function supportPlanMessageCard(
  services: ReviewCardServices,
  organisation: Organisation,
  recipient: Person,
  review: YearReview,
  message: Extract<BotMessage, { kind: 'support-plan' }>,
): Promise<AdaptiveCard | { skip: string }> {
  if (message.audience === 'reviewer' && (message.reason === 'reminder' || message.reason === 'review-due')) {
    const outcome = await services.ctx.repos.yearReviews.getRecord({ organisationId: organisation.id }, 'support-outcome', yearReviewRecordId('support-outcome', review.id));
    if (outcome) return { skip: 'support outcome already recorded' };
  }
  return unlessGone(() => supportPlanCard(services, organisation, recipient, review.id));
}
