// OWNED BY the talent helper (issue 13).
import type { BotMessage, Organisation, Person } from '../../shared/domain';
import type { AdaptiveCard } from '../cards';
import type { ReviewCardServices } from './yearReviewCards';

export async function moderationNoteMessageCard(
  _services: ReviewCardServices,
  _organisation: Organisation,
  _recipient: Person,
  _message: Extract<BotMessage, { kind: 'moderation-note' }>,
): Promise<AdaptiveCard | { skip: string }> {
  return { skip: 'not built yet' };
}
