// The current card for a check-in, as its reviewee and as its reviewer see it. Used when a card is
// first sent, when Teams asks for a refresh, and when an acknowledgement or response updates it.
import type { CheckIn } from '../../shared/domain';
import { formatEventTitle } from '../../shared/policy';
import { buildReviewerCheckInCard, type AdaptiveCard } from '../cards';
import { submittedCard } from '../checkInViews';
import type { SubPageId } from '../graph/deepLinks';
import type { UseCaseContext } from '../usecases/context';
import { reviewerCardFacts, revieweeCardFacts } from '../usecases/checkInCards';

export interface CheckInCardContext {
  /** Base for deep links into the tab (a Teams entity link, or the tab's URL locally). */
  tabUrl: (subPageId: SubPageId) => string;
}

export async function revieweeCard(ctx: UseCaseContext, checkIn: CheckIn): Promise<AdaptiveCard | null> {
  const { organisation, event, reviewee, reviewer, rocks } = await revieweeCardFacts(ctx, checkIn);
  if (!event || !reviewee) return null;
  return submittedCard({ organisation, event, person: reviewee, rocks, checkIn, now: ctx.now(), reviewerName: reviewer?.displayName });
}

export async function reviewerCard(
  ctx: UseCaseContext,
  checkIn: CheckIn,
  options: CheckInCardContext & { reviewerTeamsUserId?: string; responseError?: string; responseDraft?: { anchor?: string; text?: string } },
): Promise<AdaptiveCard | null> {
  const { organisation, event, reviewee, reviewer, rocks, history } = await reviewerCardFacts(ctx, checkIn);
  if (!event || !reviewee) return null;
  const previousScores = history
    .filter((c) => c.id !== checkIn.id && c.submittedAt < checkIn.submittedAt && c.answers.score !== undefined)
    .sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime())
    .map((c) => c.answers.score!);
  return buildReviewerCheckInCard({
    checkIn,
    eventTitle: formatEventTitle(event, organisation.policy.timezone),
    revieweeName: reviewee.displayName,
    reviewerName: reviewer?.displayName ?? 'Reviewer',
    rocks,
    previousScores,
    vocabulary: organisation.policy.vocabulary,
    reviewerTeamsUserId: options.reviewerTeamsUserId,
    tabUrl: options.tabUrl(`checkin:${checkIn.id}`),
    responseError: options.responseError,
    responseDraft: options.responseDraft,
  });
}
