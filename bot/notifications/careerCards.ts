// OWNED BY the career helper (issue 13).
import type { BotMessage, Organisation, Person } from '../../shared/domain';
import type { AdaptiveCard } from '../cards';
import type { ReviewCardServices } from './yearReviewCards';

export async function careerMessageCard(
  _services: ReviewCardServices,
  _organisation: Organisation,
  _recipient: Person,
  _message: Extract<BotMessage, { kind: 'career-conversation' | 'follow-up' }>,
): Promise<AdaptiveCard | { skip: string }> {
  return { skip: 'not built yet' };
}
