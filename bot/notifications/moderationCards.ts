// The reviewer's card about a moderation note (issue 13), from the note as it is now.
import type { BotMessage, Organisation, Person } from '../../shared/domain';
import type { AdaptiveCard } from '../cards';
import { buildModerationNoteCard } from '../cards/moderationCards';
import { moderationNoteForCard } from '../usecases/moderation';
import type { ReviewCardServices } from './yearReviewCards';

export async function moderationNoteMessageCard(
  services: ReviewCardServices,
  organisation: Organisation,
  recipient: Person,
  message: Extract<BotMessage, { kind: 'moderation-note' }>,
): Promise<AdaptiveCard | { skip: string }> {
  const found = await moderationNoteForCard(services.ctx, organisation, recipient, message.noteId);
  if (!found) return { skip: 'moderation note gone or no longer readable' };
  return buildModerationNoteCard({
    authorName: found.author?.displayName ?? 'A senior leader',
    ownerName: found.owner.displayName,
    rockTitle: found.rock.title,
    text: found.note.text,
    rockWord: organisation.policy.vocabulary.rock,
    tabUrl: services.links.tab('team', `rock:${found.rock.id}`),
  });
}
