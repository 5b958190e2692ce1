// seed 004's group check-in card: valid 1.5, says who has posted without ranking anyone, shows a
// member their own post editable and colleagues' posts, and shows anyone else none of the posts.
import { buildGroupSessionCard, buildGroupSessionViewerCard, type GroupSessionViewerInput } from '../../../bot/cards/groupSessionCard';
import { GROUP_VERBS } from '../../../shared/verbs';
import { cardText, findAll, validateCard } from './validateCard';

/** The SDK does not know Universal Actions' `refresh`; check it apart and validate the rest. */
function withoutRefresh(card: object): object {
  const { refresh: _refresh, ...rest } = card as Record<string, unknown>;
  return rest;
}

const base = {
  sessionId: 'org:group-session:event:group',
  kind: 'check-in' as const,
  groupName: 'Year 5',
  eventTitle: 'Group coaching check-in 1 (Autumn 2)',
  windowText: 'Open until Friday 11 December, 23:59.',
  open: true,
  postedNames: ['Zoe Adams', 'Alex Wilber'],
  memberCount: 3,
  refreshUserIds: Array.from({ length: 70 }, (_, i) => `29:user-${i}`),
};

const viewer = (overrides: Partial<GroupSessionViewerInput>): GroupSessionViewerInput => ({
  ...base,
  viewer: { role: 'member', name: 'Alex Wilber' },
  ownAnswers: { successes: 'Retrieval starters' },
  colleaguesPosts: [{ personId: 'p-zoe', name: 'Zoe Adams', answers: { barriers: 'Time to plan', strengths: 'Questioning' } }],
  ...overrides,
});

describe('the group session card', () => {
  it('as posted: valid, lists who has posted alphabetically, refreshes for at most 60 users', () => {
    const card = buildGroupSessionCard(base);
    expect(validateCard(withoutRefresh(card))).toEqual([]);
    expect(cardText(card)).toContain('Posted so far: Alex Wilber, Zoe Adams.');
    expect(cardText(card)).toMatch(/nothing is ranked or scored/);
    expect(card.refresh?.action.verb).toBe(GROUP_VERBS.refresh);
    expect(card.refresh?.userIds).toHaveLength(60);
  });

  it('for a member: their post editable, colleagues\' posts, no score anywhere', () => {
    const card = buildGroupSessionViewerCard(viewer({}));
    expect(validateCard(withoutRefresh(card))).toEqual([]);
    const inputs = findAll(card, (o) => o.type === 'Input.Text');
    expect(inputs.map((i) => i.id)).toEqual(['successes', 'strengths', 'barriers', 'developments']);
    expect(inputs[0]).toMatchObject({ value: 'Retrieval starters' });
    expect(cardText(card)).toContain('Time to plan');
    expect(findAll(card, (o) => o.verb === GROUP_VERBS.post)).toHaveLength(1);
    expect(cardText(card)).not.toMatch(/\d+\s*\/\s*10|score:|rank(ed)? #?\d/i);
  });

  it('keeps what a member typed when it could not be stored', () => {
    const card = buildGroupSessionViewerCard(viewer({ values: { barriers: 'x'.repeat(10) }, errors: [{ path: 'barriers', message: 'Barriers: keep it under 2000 characters.' }] }));
    expect(findAll(card, (o) => o.id === 'barriers')[0]).toMatchObject({ value: 'x'.repeat(10) });
    expect(cardText(card)).toContain('keep it under 2000 characters');
  });

  it('for someone outside the group: what the session is, none of the posts, no form', () => {
    const card = buildGroupSessionViewerCard(viewer({ viewer: { role: null } }));
    expect(validateCard(withoutRefresh(card))).toEqual([]);
    expect(cardText(card)).not.toContain('Time to plan');
    expect(cardText(card)).not.toContain('Retrieval starters');
    expect(findAll(card, (o) => o.type === 'Input.Text')).toHaveLength(0);
  });

  it('for the group leader: posts read-only', () => {
    const card = buildGroupSessionViewerCard(viewer({ viewer: { role: 'leader' }, ownAnswers: undefined }));
    expect(cardText(card)).toContain('Time to plan');
    expect(findAll(card, (o) => o.type === 'Input.Text')).toHaveLength(0);
  });

  it('stays under Teams\' ~28 KB with 30 full posts', () => {
    const long = 'y'.repeat(2000);
    const posts = Array.from({ length: 30 }, (_, i) => ({ personId: `p${i}`, name: `Colleague ${i}`, answers: { successes: long, strengths: long, barriers: long, developments: long } }));
    const card = buildGroupSessionViewerCard(viewer({ colleaguesPosts: posts }));
    expect(JSON.stringify(card).length).toBeLessThan(28_000);
    expect(cardText(card)).toContain('Colleague 0');
    const many = buildGroupSessionViewerCard(viewer({ colleaguesPosts: [...posts, ...posts.map((p) => ({ ...p, personId: `${p.personId}b`, name: `${p.name}b` }))] }));
    expect(JSON.stringify(many).length).toBeLessThan(28_000);
    expect(cardText(many)).toMatch(/more posts? in the tab/);
  });
});
