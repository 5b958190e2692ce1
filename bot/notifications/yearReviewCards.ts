// The cards the outbox sends for the year's reviews (issue 12): which builder answers which bot
// message. Each stage's cards live in their own module.
import type { BotMessage, Organisation, Person } from '../../shared/domain';
import type { AdaptiveCard } from '../cards';
import type { Links } from '../links';
import type { UseCaseContext } from '../usecases/context';
import { endOfYearMessageCard } from './endOfYearCards';
import { feedbackRequestMessageCard } from './feedbackRequestCards';
import { impactReviewMessageCard, supportPlanMessageCard } from './impactReviewCards';

export type YearReviewMessage = Extract<BotMessage, { kind: 'year-review' | 'support-plan' | 'feedback-request' }>;

export interface ReviewCardServices {
  ctx: UseCaseContext;
  links: Links;
}

/** The card for one review message to `recipient`, or why it is no longer worth sending. */
export async function yearReviewMessageCard(services: ReviewCardServices, organisation: Organisation, recipient: Person, message: YearReviewMessage): Promise<AdaptiveCard | { skip: string }> {
  if (message.kind === 'feedback-request') return feedbackRequestMessageCard(services, organisation, recipient, message);
  const review = await services.ctx.repos.yearReviews.get({ organisationId: organisation.id }, message.reviewId);
  if (!review) return { skip: 'review gone' };
  if (message.kind === 'support-plan') return supportPlanMessageCard(services, organisation, recipient, review, message);
  return review.stage === 'impact' ? impactReviewMessageCard(services, organisation, recipient, review, message) : endOfYearMessageCard(services, organisation, recipient, review, message);
}
