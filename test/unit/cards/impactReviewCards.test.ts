// The impact review's and support plan's cards: valid Adaptive Card 1.5, each person's own view
// (the reviewer's form, the reviewee's outcome and comment box), typed text kept on a refused save,
// the support pause told kindly and the plan's forms only for the reviewer.
import { buildImpactReviewCard, buildSupportPlanCard, type ImpactCardInput, type SupportCardInput } from '../../../bot/cards/impactReviewCards';
import { REVIEW_VERBS } from '../../../shared/verbs';
import { vocabulary } from './fixtures';
import { cardText, findAll, validateCard } from './validateCard';

function withoutRefresh(card: object): object {
  const { refresh: _refresh, ...rest } = card as Record<string, unknown>;
  return rest;
}

const outcomes = [
  { key: 'exceeding', label: 'Exceeding', guidance: 'Consider a stretch in a rock to support a final judgement of Exceptional.', effect: 'talent' },
  { key: 'expected', label: 'Expected', guidance: 'Continue to monitor and update via fortnightly check-ins.', effect: 'none' },
  { key: 'support-recommended', label: 'Support recommended', guidance: 'Pause professional growth and move to the support policy.', effect: 'support' },
];

const impact = (overrides: Partial<ImpactCardInput>): ImpactCardInput => ({
  view: 'reviewer',
  reviewId: 'impact:c:p',
  label: 'March impact review',
  revieweeName: 'Alex Wilber',
  reviewerName: 'Megan Bowen',
  vocabulary,
  outcomes,
  requireMeetingDate: true,
  dueText: 'by Thursday 2 April 2026',
  recorded: null,
  comment: null,
  open: true,
  refreshUserIds: ['29:alex', '29:megan', '29:alex'],
  tabUrl: 'https://example.test/tab',
  rocksUrl: 'https://example.test/rocks',
  ...overrides,
});

const routes = [
  { key: 'informal', label: 'Informal support', ifUnsuccessful: 'Consider moving to the formal process.' },
  { key: 'formal', label: 'Formal support', ifUnsuccessful: 'Consider the capability process.' },
];
const support = (overrides: Partial<SupportCardInput>): SupportCardInput => ({
  view: 'reviewer',
  reviewId: 'impact:c:p',
  reviewLabel: 'March impact review',
  alsoSeenBy: ['your PG administrators'],
  revieweeName: 'Adele Vance',
  reviewerName: 'Megan Bowen',
  vocabulary,
  routes,
  plan: null,
  outcome: null,
  paused: true,
  refreshUserIds: ['29:adele', '29:megan'],
  tabUrl: 'https://example.test/tab',
  rocksUrl: 'https://example.test/rocks',
  ...overrides,
});

describe('the impact review card', () => {
  it("reviewer's form: valid, every outcome with its guidance, a required meeting date, refreshed for both people", () => {
    const card = buildImpactReviewCard(impact({}));
    expect(validateCard(withoutRefresh(card))).toEqual([]);
    expect(findAll(card, (o) => o.id === 'outcome')[0]).toMatchObject({ type: 'Input.ChoiceSet', isRequired: true });
    expect(findAll(card, (o) => o.id === 'meetingOn')[0]).toMatchObject({ isRequired: true, placeholder: 'YYYY-MM-DD' });
    for (const o of outcomes) expect(cardText(card)).toContain(o.guidance);
    expect(findAll(card, (o) => o.id === 'stretch')[0]!.label).toContain('If exceeding: the stretch agreed in a rock');
    expect(card.refresh).toMatchObject({ action: { verb: REVIEW_VERBS.refresh, data: { reviewId: 'impact:c:p', card: 'impact' } }, userIds: ['29:alex', '29:megan'] });
    expect(findAll(card, (o) => o.verb === REVIEW_VERBS.recordImpact)).toHaveLength(1);
  });

  it('keeps what the reviewer typed and names the field after a refused save', () => {
    const card = buildImpactReviewCard(impact({ error: 'Please check: Date of the 1:1 meeting — use a date like 2026-02-27.', draft: { outcome: 'expected', meetingOn: '30/3', notes: 'Typed notes' } }));
    expect(cardText(card)).toContain('Date of the 1:1 meeting — use a date like 2026-02-27');
    expect(findAll(card, (o) => o.id === 'meetingOn')[0]).toMatchObject({ value: '30/3' });
    expect(findAll(card, (o) => o.id === 'notes')[0]).toMatchObject({ value: 'Typed notes' });
    expect(findAll(card, (o) => o.id === 'outcome')[0]).toMatchObject({ value: 'expected' });
  });

  it("reviewee's view: the outcome, the stretch prompt and a comment box; no outcome form", () => {
    const card = buildImpactReviewCard(impact({ view: 'reviewee', recorded: { outcomeKey: 'exceeding', meetingOn: '2026-03-30', notes: 'Great year', stretch: 'Lead CPD' } }));
    expect(validateCard(withoutRefresh(card))).toEqual([]);
    expect(cardText(card)).toContain('Consider a stretch in a rock');
    expect(cardText(card)).toContain('Stretch agreed: Lead CPD');
    expect(findAll(card, (o) => o.id === 'outcome')).toHaveLength(0);
    expect(findAll(card, (o) => o.id === 'text')).toHaveLength(1);
    expect(findAll(card, (o) => o.verb === REVIEW_VERBS.comment)).toHaveLength(1);
  });

  it('before the outcome the reviewee is told what happens, in kind words for support', () => {
    const card = buildImpactReviewCard(impact({ view: 'reviewee' }));
    expect(cardText(card)).toContain('Megan Bowen will meet you 1:1 by Thursday 2 April 2026');
    expect(cardText(card)).not.toContain('Pause professional growth and move to the support policy');
    expect(findAll(card, (o) => o.verb === REVIEW_VERBS.comment)).toHaveLength(0);
  });
});

describe('the support plan card', () => {
  it("reviewer: the route, what will help and the review date; the outcome form once there's a plan", () => {
    const first = buildSupportPlanCard(support({}));
    expect(validateCard(withoutRefresh(first))).toEqual([]);
    expect(findAll(first, (o) => o.id === 'route')[0]).toMatchObject({ choices: [{ title: 'Informal support', value: 'informal' }, { title: 'Formal support', value: 'formal' }] });
    expect(findAll(first, (o) => o.verb === REVIEW_VERBS.recordSupportOutcome)).toHaveLength(0);
    const withPlan = buildSupportPlanCard(support({ plan: { route: 'informal', whatWillHelp: 'Coaching', reviewOn: '2026-05-01', notes: '' } }));
    expect(validateCard(withoutRefresh(withPlan))).toEqual([]);
    expect(findAll(withPlan, (o) => o.id === 'succeeded')).toHaveLength(1);
    expect(cardText(withPlan)).toContain('Consider moving to the formal process.');
  });

  it('reviewee: paused plainly and kindly, no forms; resumed with a link to review the rocks', () => {
    const paused = buildSupportPlanCard(support({ view: 'reviewee' }));
    expect(validateCard(withoutRefresh(paused))).toEqual([]);
    expect(cardText(paused)).toContain('Your professional growth is paused for now');
    expect(cardText(paused)).toContain('Who to talk to');
    expect(cardText(paused)).toContain('After your March impact review, Megan Bowen has recommended some support');
    expect(cardText(paused)).toContain('only you, Megan and your PG administrators can see it');
    expect(findAll(paused, (o) => typeof o.type === 'string' && String(o.type).startsWith('Input.'))).toHaveLength(0);
    const resumed = buildSupportPlanCard(support({ view: 'reviewee', plan: { route: 'informal', whatWillHelp: 'Coaching', reviewOn: '2026-05-01', notes: '' }, outcome: { succeeded: true, note: '', nextStep: '' }, paused: false }));
    expect(cardText(resumed)).toContain('Welcome back to professional growth');
    expect(findAll(resumed, (o) => o.type === 'Action.OpenUrl' && o.url === 'https://example.test/rocks')).toHaveLength(1);
  });
});
