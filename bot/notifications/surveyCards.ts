// OWNED BY the survey helper (issue 13).
import type { BotMessage, Organisation, Person } from '../../shared/domain';
import type { AdaptiveCard } from '../cards';
import type { ReviewCardServices } from './yearReviewCards';

export async function surveyMessageCard(
  _services: ReviewCardServices,
  _organisation: Organisation,
  _recipient: Person,
  _message: Extract<BotMessage, { kind: 'aspiration-survey' }>,
): Promise<AdaptiveCard | { skip: string }> {
  return { skip: 'not built yet' };
}
