// The end-of-year review's cards (seed 001 "Thinking Back"): valid Adaptive Cards 1.5 for each
// audience, the booklet's questions on the reflection, and under Teams' 28 KB however long the year.
import { buildEndOfYearCard, cardBytes, END_OF_YEAR_CARD_MAX_BYTES, type EndOfYearCardInput } from '../../../bot/cards/endOfYearCards';
import { getPolicyPack } from '../../../shared/policy';
import { REVIEW_VERBS } from '../../../shared/verbs';
import { vocabulary } from './fixtures';
import { cardText, findAll, validateCard } from './validateCard';

const stage = getPolicyPack('tsfe-2025-26').policy.reviews!.stages.find((s) => s.kind === 'end-of-year')!;
const long = (n: number, word = 'progress') => `${word} "quoted" & <b>ok</b>\n`.repeat(Math.ceil(n / 26)).slice(0, n);
const rocks = [1, 2, 3].map((i) => ({ id: `rock-${i}`, title: `Rock number ${i} with a long enough title to be realistic`.repeat(3).slice(0, 200) }));

function input(overrides: Partial<EndOfYearCardInput> = {}): EndOfYearCardInput {
  return {
    view: 'reflection',
    reviewId: 'end-of-year:c:p',
    label: stage.label,
    vocabulary,
    personName: 'Alex Wilber',
    reviewerName: 'Megan Bowen',
    deciderName: 'Harriet Head',
    outcomes: stage.outcomes,
    selfAssessment: stage.selfAssessment,
    requireMeetingDate: true,
    rocks,
    reflection: { recognition: '', www: 'Led the trip', ebi: '', whatNext: '', rocks: [], anythingElse: '', supportReceived: '', score: 7 },
    reflectionSubmitted: false,
    statement: null,
    decision: null,
    summary: null,
    comment: null,
    measured: { onTime: 5, submitted: 6 },
    standing: 'Your reflection is due by 17 July 2026.',
    canEdit: true,
    tabUrl: 'https://example.test/tab',
    checkInsUrl: 'https://example.test/tab/checkins',
    ...overrides,
  };
}

const longReflection = {
  recognition: long(4000, 'thanks'),
  www: long(4000, 'went well'),
  ebi: long(4000),
  whatNext: long(4000),
  rocks: rocks.map((r) => ({ rockId: r.id, progress: long(3000), challenges: long(3000), takeForward: long(3000), completed: 'no' as const, percentComplete: 80, comments: long(2000), supportReceived: long(2000) })),
  anythingElse: long(3000),
  supportReceived: long(3000),
  score: 8,
  onTime: 'often' as const,
  jobDescription: 'all' as const,
  selfAssessment: 'met',
};
const longStatement = { meetingOn: '2026-06-18', statement: long(6000), rolePerformance: long(4000), developmentNeeds: long(3000), outcome: 'met' };

describe('buildEndOfYearCard', () => {
  it("asks the booklet's questions, pre-filled, with the measured on-time rate beside the reviewee's answer", () => {
    const card = buildEndOfYearCard(input());
    expect(validateCard(card)).toEqual([]);
    const text = JSON.stringify(card);
    for (const q of ['What Went Well', 'Even Better If', 'Minus:', 'Interesting:', 'what % complete', 'score would you give yourself', 'How often do you submit your fortnightly check-in on time?', 'job description', 'Self-assessment']) expect(text).toContain(q);
    expect(text).toContain('Measured: 83% on time (5 of 6)');
    expect(findAll(card, (o) => o.type === 'Input.Text' && o.id === 'www')[0]!.value).toBe('Led the trip');
    expect(findAll(card, (o) => o.type === 'Action.Execute').map((a) => a.verb)).toEqual([REVIEW_VERBS.saveReflection, REVIEW_VERBS.submitReflection]);
  });

  it('keeps what was typed after a refused save, and names what to fix', () => {
    const card = buildEndOfYearCard(input({ error: 'Please check: Score (1-10) — choose the score.', draft: { www: 'Typed but not saved', rock_0_progress: 'half way' } }));
    expect(cardText(card)).toContain('Score (1-10)');
    expect(findAll(card, (o) => o.id === 'www')[0]!.value).toBe('Typed but not saved');
    expect(findAll(card, (o) => o.id === 'rock_0_progress')[0]!.value).toBe('half way');
  });

  it.each<[EndOfYearCardInput['view'], Partial<EndOfYearCardInput>]>([
    ['reflection', {}],
    ['statement', { reflectionSubmitted: true }],
    ['decision', { reflectionSubmitted: true, statement: longStatement }],
    ['summary', { reflectionSubmitted: true, statement: longStatement, summary: { rocks: rocks.map((r) => ({ rockId: r.id, title: r.title, progress: long(3000), completed: 'no' })), rolePerformance: long(4000), supportingInformation: Array.from({ length: 30 }, () => long(2000)), statement: long(6000), outcomeLabel: 'Met expectations', nextYear: { rocks: [], standards: long(1000), growthPlan: long(3000) } }, comment: long(3000) }],
  ])('stays under 28 KB for a long year: the %s card', (view, extra) => {
    const card = buildEndOfYearCard(input({ view, reflection: longReflection, statement: view === 'statement' ? longStatement : null, ...extra }));
    expect(validateCard(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThanOrEqual(END_OF_YEAR_CARD_MAX_BYTES);
    // The reviewer's own answers stay editable in full; a reviewee's answer too long for the chat is kept and edited in the tab.
    if (view === 'statement') for (const id of ['meetingOn', 'statement', 'rolePerformance', 'developmentNeeds', 'outcome']) expect(findAll(card, (o) => o.id === id)).toHaveLength(1);
    if (view === 'reflection') expect(cardText(card)).toContain('too long to edit in the chat');
  });

  it('offers the decider the reviewer\'s outcome to confirm, or a change with a reason', () => {
    const card = buildEndOfYearCard(input({ view: 'decision', reflectionSubmitted: true, statement: { ...longStatement, statement: 'Strong year.' } }));
    expect(validateCard(card)).toEqual([]);
    expect(cardText(card)).toContain('Strong year.');
    expect(findAll(card, (o) => o.id === 'outcome')[0]!.value).toBe('met');
    expect(findAll(card, (o) => o.id === 'reason')).toHaveLength(1);
    expect(findAll(card, (o) => o.type === 'Action.Execute').map((a) => a.verb)).toEqual([REVIEW_VERBS.decide]);
  });
});
