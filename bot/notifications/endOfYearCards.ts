// OWNED BY the end-of-year helper: the reflection, statement, final decision and summary cards.
import type { BotMessage, Organisation, Person, YearReview } from '../../shared/domain';
import type { AdaptiveCard } from '../cards';
import type { ReviewCardServices } from './yearReviewCards';

export async function endOfYearMessageCard(
  _services: ReviewCardServices,
  _organisation: Organisation,
  _recipient: Person,
  _review: YearReview,
  _message: Extract<BotMessage, { kind: 'year-review' }>,
): Promise<AdaptiveCard | { skip: string }> {
  return { skip: 'end-of-year cards not built yet' };
}
