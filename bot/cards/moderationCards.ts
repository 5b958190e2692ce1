// The card a reviewer gets when a senior leader leaves a moderation note on their reviewee's rock
// (seed 000 §3, §6): who, whose rock, the note, and a link to the rock in the tab.
import type { AdaptiveCard } from './adaptiveCard';
import { adaptiveCard, firstName, heading, paragraph } from './adaptiveCard';

export interface ModerationNoteCardInput {
  authorName: string;
  ownerName: string;
  rockTitle: string;
  text: string;
  /** The policy's word for a rock. */
  rockWord: string;
  tabUrl: string;
}

export function buildModerationNoteCard(input: ModerationNoteCardInput): AdaptiveCard {
  const owner = firstName(input.ownerName);
  return adaptiveCard(
    [
      heading('Moderation note'),
      paragraph(`${input.authorName} left a moderation note on ${owner}'s ${input.rockWord} ${input.rockTitle}: ${input.text}`),
      paragraph(`Talk it over with ${owner} at your next check-in; only you, your senior leaders and PG administrators see the note.`, { isSubtle: true }),
    ],
    [{ type: 'Action.OpenUrl', title: `Open ${owner}'s ${input.rockWord}`, url: input.tabUrl }],
  );
}
