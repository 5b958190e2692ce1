// The reviewer's card about a moderation note (seed 000 §3, §6) is a valid Adaptive Card that says
// who noted whose rock, the note itself, and opens the rock in the tab.
import { buildModerationNoteCard } from '../../../bot/cards/moderationCards';
import { cardText, findAll, validateCard } from './validateCard';

describe('moderation note card', () => {
  it("names the senior leader, the owner's rock and the note, with a link to the rock", () => {
    const card = buildModerationNoteCard({
      authorName: 'Sonia Senior',
      ownerName: 'Alex Wilber',
      rockTitle: 'Improve Year 9 attendance',
      text: 'Could the criteria say by when?',
      rockWord: 'objective',
      tabUrl: 'https://example.test/tab/#/team/rock%3Ar1',
    });
    expect(validateCard(card)).toEqual([]);
    expect(cardText(card)).toContain("Sonia Senior left a moderation note on Alex's objective Improve Year 9 attendance: Could the criteria say by when?");
    expect(findAll(card, (o) => o.type === 'Action.OpenUrl')).toEqual([{ type: 'Action.OpenUrl', title: "Open Alex's objective", url: 'https://example.test/tab/#/team/rock%3Ar1' }]);
    expect(findAll(card, (o) => o.type === 'Action.Execute')).toEqual([]);
  });
});
