// The rock cards in the bot chat: valid Adaptive Cards, in the policy's words, with the actions
// only the person who may take them is shown.
import { buildRockDeadlineCard, buildRockNoticeCard, type RockNoticeCardInput } from '../../../bot/cards/rockNoticeCard';
import { VERBS } from '../../../shared/verbs';
import { buildRock, vocabulary } from './fixtures';
import { cardText, executeActions, validateCard } from './validateCard';

const objectives = { ...vocabulary, rock: 'objective', rocks: 'objectives', reviewer: 'line manager' };

function notice(overrides: Partial<RockNoticeCardInput> = {}): RockNoticeCardInput {
  return {
    rock: buildRock({ title: 'Raise Year 7 reading ages', status: 'proposed', slotId: 'trust' }),
    change: 'proposed',
    byName: 'Alex Wilber',
    ownerName: 'Alex Wilber',
    toOwner: false,
    vocabulary: objectives,
    slots: [{ id: 'trust', theme: 'Impact on Trust' }],
    windowLabel: '2023-24',
    tabUrl: 'https://example.test/tab',
    ...overrides,
  };
}

describe('rock notice cards', () => {
  it("puts a proposed objective in front of the line manager with Agree and Not agreed — revise", () => {
    const card = buildRockNoticeCard(notice());
    expect(validateCard(card)).toEqual([]);
    expect(cardText(card)).toContain('Alex Wilber proposed an objective for you to agree');
    expect(cardText(card)).toContain('Impact on Trust');
    expect(executeActions(card).map((a) => a.verb)).toEqual([VERBS.agreeRock, VERBS.sendBackRock]);
  });

  it('offers Accept only to the reviewee of an amendment, and no actions once acted on', () => {
    const amended = notice({ rock: buildRock({ status: 'amended', reviewerNote: 'Narrowed to Year 7' }), change: 'amended', byName: 'Megan Bowen', toOwner: true });
    expect(executeActions(buildRockNoticeCard(amended)).map((a) => a.verb)).toEqual([VERBS.acceptRock]);
    expect(cardText(buildRockNoticeCard(amended))).toContain('"Narrowed to Year 7"');
    expect(executeActions(buildRockNoticeCard({ ...amended, toOwner: false }))).toEqual([]);
    const done = buildRockNoticeCard({ ...amended, rock: buildRock({ status: 'agreed' }), notice: { text: 'You accepted the changes', tone: 'good' } });
    expect(validateCard(done)).toEqual([]);
    expect(executeActions(done)).toEqual([]);
  });

  it('words the deadline prompt, reminder and overdue flag for staff and for the reviewer', () => {
    const base = { windowLabel: 'Terms 3 & 4', setByText: 'Sat 10 Jan', agreed: 1, required: 3, vocabulary: objectives, tabUrl: 'https://example.test/tab' };
    for (const stage of ['open', 'reminder', 'overdue'] as const) expect(validateCard(buildRockDeadlineCard({ ...base, stage }))).toEqual([]);
    expect(cardText(buildRockDeadlineCard({ ...base, stage: 'open' }))).toContain('Time to set your objectives for Terms 3 & 4');
    expect(cardText(buildRockDeadlineCard({ ...base, stage: 'reminder' }))).toContain('1 of 3 agreed so far');
    expect(cardText(buildRockDeadlineCard({ ...base, stage: 'overdue' }))).toContain('Your line manager has been told too');
    expect(cardText(buildRockDeadlineCard({ ...base, stage: 'overdue', aboutName: 'Alex Wilber' }))).toContain("Alex Wilber's objectives for Terms 3 & 4 are overdue");
  });
});
