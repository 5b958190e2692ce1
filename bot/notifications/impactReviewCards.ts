// OWNED BY the impact-review helper: the March impact review's cards and the support plan's cards.
import type { BotMessage, Organisation, Person, YearReview } from '../../shared/domain';
import type { AdaptiveCard } from '../cards';
import type { ReviewCardServices } from './yearReviewCards';

export async function impactReviewMessageCard(
  _services: ReviewCardServices,
  _organisation: Organisation,
  _recipient: Person,
  _review: YearReview,
  _message: Extract<BotMessage, { kind: 'year-review' }>,
): Promise<AdaptiveCard | { skip: string }> {
  return { skip: 'impact review cards not built yet' };
}

export async function supportPlanMessageCard(
  _services: ReviewCardServices,
  _organisation: Organisation,
  _recipient: Person,
  _review: YearReview,
  _message: Extract<BotMessage, { kind: 'support-plan' }>,
): Promise<AdaptiveCard | { skip: string }> {
  return { skip: 'support plan cards not built yet' };
}
