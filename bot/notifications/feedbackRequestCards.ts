// OWNED BY the 360-feedback helper: the card to the colleague asked, and the asker's notice.
import type { BotMessage, Organisation, Person } from '../../shared/domain';
import type { AdaptiveCard } from '../cards';
import type { ReviewCardServices } from './yearReviewCards';

export async function feedbackRequestMessageCard(
  _services: ReviewCardServices,
  _organisation: Organisation,
  _recipient: Person,
  _message: Extract<BotMessage, { kind: 'feedback-request' }>,
): Promise<AdaptiveCard | { skip: string }> {
  return { skip: 'feedback request cards not built yet' };
}
