// The cards the outbox sends for issue 13 (survey, career conversations and follow-ups,
// moderation notes, governor sample approvals): which builder answers which bot message.
import type { BotMessage, Organisation, Person } from '../../shared/domain';
import type { AdaptiveCard } from '../cards';
import { careerMessageCard } from './careerCards';
import { governorSampleMessageCard } from './governorSampleCards';
import { moderationNoteMessageCard } from './moderationCards';
import { surveyMessageCard } from './surveyCards';
import type { ReviewCardServices } from './yearReviewCards';

export type TalentMessage = Extract<BotMessage, { kind: 'aspiration-survey' | 'career-conversation' | 'follow-up' | 'moderation-note' | 'governor-sample' }>;

export function isTalentMessage(message: BotMessage): message is TalentMessage {
  return ['aspiration-survey', 'career-conversation', 'follow-up', 'moderation-note', 'governor-sample'].includes(message.kind);
}

export async function talentMessageCard(services: ReviewCardServices, organisation: Organisation, recipient: Person, message: TalentMessage): Promise<AdaptiveCard | { skip: string }> {
  switch (message.kind) {
    case 'aspiration-survey':
      return surveyMessageCard(services, organisation, recipient, message);
    case 'career-conversation':
    case 'follow-up':
      return careerMessageCard(services, organisation, recipient, message);
    case 'moderation-note':
      return moderationNoteMessageCard(services, organisation, recipient, message);
    case 'governor-sample':
      return governorSampleMessageCard(services, organisation, recipient, message);
  }
}
