// The career conversation's cards: valid Adaptive Card 1.5; the reviewer's card lists every route
// with its follow-ups and the survey answers; typed text is kept on a refused save; the reviewee's
// record has a comment box; a follow-up card closes with a note only for who may close it.
import { buildCareerRevieweeCard, buildCareerReviewerCard, buildFollowUpCard, type CareerReviewerCardInput, type FollowUpCardInput } from '../../../bot/cards/careerCards';
import { TALENT_VERBS } from '../../../shared/verbs';
import { cardText, validateCard } from './validateCard';

const common = { personId: 'p1', cycleId: 'c1', personName: 'Alex Wilber', reviewerName: 'Megan Bowen', reviewerWord: 'reviewer', tabUrl: 'https://example.test/tab' };
const reviewer = (overrides: Partial<CareerReviewerCardInput> = {}): CareerReviewerCardInput => ({
  ...common,
  eventTitle: 'Career conversation',
  dueText: 'by Thursday 2 April 2026',
  routes: [
    { key: 'ready', label: 'Ready within 12 months', followUps: [{ text: 'Alert the recruitment team', ownerWords: 'the recruitment team', dueWords: 'within 14 days' }] },
    { key: 'unsure', label: 'Unsure', followUps: [{ text: 'Arrange a stay interview', ownerWords: 'Megan Bowen (reviewer)', dueWords: 'within 14 days' }] },
  ],
  recorded: null,
  followUps: [],
  comment: null,
  surveyAnswers: [{ question: 'Where next year?', answer: 'Head of year' }],
  ...overrides,
});
const followUp = (overrides: Partial<FollowUpCardInput> = {}): FollowUpCardInput => ({
  followUpId: 'c1:p1:stay-interview',
  text: 'Arrange a stay interview',
  personName: 'Alex Wilber',
  routeLabel: 'Unsure',
  dueOn: '2026-04-13',
  overdue: false,
  stayInterview: true,
  ownerWords: 'Megan Bowen (reviewer)',
  status: 'open',
  canClose: true,
  reason: 'assigned',
  tabUrl: 'https://example.test/tab',
  ...overrides,
});

describe('career cards', () => {
  it("the reviewer's card: routes with their follow-ups, survey answers, and what was typed kept", () => {
    const card = buildCareerReviewerCard(reviewer({ error: 'Please check: Route', draft: { route: 'unsure', meetingOn: '30/03', notes: 'Workload' } }));
    expect(validateCard(card)).toEqual([]);
    const text = cardText(card);
    for (const words of ['Ready within 12 months', 'Alert the recruitment team', 'Arrange a stay interview', 'Head of year', 'Please check: Route']) expect(text).toContain(words);
    const json = JSON.stringify(card);
    for (const kept of ['"value":"unsure"', '"value":"30/03"', '"value":"Workload"', TALENT_VERBS.recordCareer]) expect(json).toContain(kept);
  });

  it("the reviewee's record has a comment box, and nothing before it is recorded", () => {
    const before = buildCareerRevieweeCard({ ...common, routeLabel: null, recorded: null, followUps: [], comment: null });
    expect(JSON.stringify(before)).not.toContain(TALENT_VERBS.commentCareer);
    const after = buildCareerRevieweeCard({ ...common, routeLabel: 'Unsure', recorded: { meetingOn: '2026-03-30', notes: '' }, followUps: [], comment: null, draft: { text: 'Thanks' } });
    expect(validateCard(after)).toEqual([]);
    expect(JSON.stringify(after)).toContain(TALENT_VERBS.commentCareer);
    expect(JSON.stringify(after)).toContain('"value":"Thanks"');
  });

  it('a follow-up closes with a note only for who may close it; closed and overdue say so', () => {
    const card = buildFollowUpCard(followUp({ draft: { note: 'Held it' } }));
    expect(validateCard(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain(TALENT_VERBS.closeFollowUp);
    expect(JSON.stringify(card)).toContain('"value":"Held it"');
    expect(JSON.stringify(buildFollowUpCard(followUp({ canClose: false })))).not.toContain(TALENT_VERBS.closeFollowUp);
    expect(cardText(buildFollowUpCard(followUp({ overdue: true })))).toContain('A follow-up is overdue');
    const closed = buildFollowUpCard(followUp({ status: 'closed', closedWords: 'Closed by Megan Bowen on 2026-04-02: done' }));
    expect(cardText(closed)).toContain('Closed by Megan Bowen');
    expect(JSON.stringify(closed)).not.toContain(TALENT_VERBS.closeFollowUp);
  });
});
