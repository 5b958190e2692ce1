// Who may read and do what, by policy (seed 000 §3, seed 002 §14): the reviewee, their reviewer,
// their coach and PG administrators; a colleague may not; another organisation never exists.
import type { Person } from '../../../shared/domain';
import { startApiHarness, type ApiHarness, type World } from './apiWorld';

type Who = 'self' | 'reviewer' | 'coach' | 'pgAdmin' | 'colleague' | 'otherOrg';
const personFor = (w: World, who: Who): Person => ({ self: w.alice, reviewer: w.rita, coach: w.colin, pgAdmin: w.paula, colleague: w.sam, otherOrg: w.oscar })[who];

describe('/api/v1 authorisation matrix', () => {
  let api: ApiHarness;
  let rockId: string;
  beforeAll(async () => {
    api = await startApiHarness();
    const created = await api.call('/api/v1/rocks', {
      method: 'POST',
      token: await api.tokenFor(api.world.alice),
      body: { slotId: 'trust', title: 'Raise KS3 reading ages', alignment: ['1a'], successCriteria: [{ text: 'Reading age +1 year for 80%' }] },
    });
    expect(created.status).toBe(201);
    rockId = created.body.id;
  });
  afterAll(async () => api.stop());

  const as = async (who: Who, path: string, init: { method?: string; body?: unknown } = {}) =>
    api.call(path, { ...init, token: await api.tokenFor(personFor(api.world, who)) });

  // [who, status for reading Alice's records by person id, status for an item of Alice's by its id]
  const readers: Array<[Who, number, number]> = [
    ['self', 200, 200],
    ['reviewer', 200, 200],
    ['coach', 200, 200],
    ['pgAdmin', 200, 200],
    ['colleague', 403, 404],
    ['otherOrg', 404, 404],
  ];

  describe.each(readers)('%s', (who, byPerson, byItem) => {
    it(`reads Alice's rocks list → ${byPerson}`, async () => {
      const res = await as(who, `/api/v1/people/${api.world.alice.id}/rocks`);
      expect(res.status).toBe(byPerson);
      if (byPerson === 200) expect(res.body.items.map((r: { id: string }) => r.id)).toEqual([rockId]);
    });
    it(`reads Alice's check-in timeline → ${byPerson}`, async () => {
      const res = await as(who, `/api/v1/people/${api.world.alice.id}/check-ins`);
      expect(res.status).toBe(byPerson);
    });
    it(`reads Alice's praise → ${byPerson}`, async () => {
      expect((await as(who, `/api/v1/people/${api.world.alice.id}/praise?direction=received`)).status).toBe(byPerson);
    });
    it(`reads one rock of Alice's → ${byItem}`, async () => {
      expect((await as(who, `/api/v1/rocks/${rockId}`)).status).toBe(byItem);
    });
    it(`reads one check-in of Alice's → ${byItem}`, async () => {
      expect((await as(who, `/api/v1/check-ins/${encodeURIComponent(api.world.aliceCheckIn.id)}`)).status).toBe(byItem);
    });
    it(`reads the threads on Alice's check-in and rock → ${byItem}`, async () => {
      expect((await as(who, `/api/v1/threads/check-in/${encodeURIComponent(api.world.aliceCheckIn.id)}/comments`)).status).toBe(byItem);
      expect((await as(who, `/api/v1/threads/rock/${rockId}/comments`)).status).toBe(byItem);
    });
  });

  it.each([
    ['self', 201],
    ['reviewer', 201],
    ['coach', 201],
    ['pgAdmin', 403],
    ['colleague', 404],
    ['otherOrg', 404],
  ] as Array<[Who, number]>)('%s adds to the thread on Alice\'s check-in → %i', async (who, status) => {
    const res = await as(who, `/api/v1/threads/check-in/${encodeURIComponent(api.world.aliceCheckIn.id)}/comments`, { method: 'POST', body: { text: `A word from ${who}` } });
    expect(res.status).toBe(status);
  });

  it('shows the thread a page at a time with author names', async () => {
    const res = await as('self', `/api/v1/threads/check-in/${encodeURIComponent(api.world.aliceCheckIn.id)}/comments?pageSize=2`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ page: 1, pageSize: 2, hasMore: true, canComment: true });
    const all = await as('pgAdmin', `/api/v1/threads/check-in/${encodeURIComponent(api.world.aliceCheckIn.id)}/comments`);
    expect(all.body.canComment).toBe(false);
    expect(all.body.items.map((c: { author: { displayName: string } }) => c.author.displayName).sort()).toEqual(['Alice Reviewee', 'Colin Coach', 'Rita Reviewer']);
  });

  it.each([
    ['self', 403],
    ['coach', 403],
    ['pgAdmin', 403],
    ['colleague', 404],
    ['otherOrg', 404],
    ['reviewer', 200],
  ] as Array<[Who, number]>)('%s acknowledges Alice\'s check-in → %i', async (who, status) => {
    const res = await as(who, `/api/v1/check-ins/${encodeURIComponent(api.world.aliceCheckIn.id)}/acknowledge`, { method: 'POST', body: {} });
    expect(res.status).toBe(status);
  });

  it('only the reviewer responds', async () => {
    const path = `/api/v1/check-ins/${encodeURIComponent(api.world.aliceCheckIn.id)}/respond`;
    expect((await as('coach', path, { method: 'POST', body: { text: 'Nice', anchor: 'www' } })).status).toBe(403);
    const res = await as('reviewer', path, { method: 'POST', body: { text: 'Love the practical', anchor: 'www' } });
    expect(res.status).toBe(200);
    expect(res.body.reviewerResponse).toMatchObject({ text: 'Love the practical', anchor: 'www', byName: 'Rita Reviewer' });
  });

  it('never shows a praise recipient the check-in it came from', async () => {
    const res = await as('colleague', `/api/v1/people/${api.world.sam.id}/praise?direction=received`);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toEqual({
      id: expect.any(String),
      from: { id: api.world.alice.id, displayName: 'Alice Reviewee' },
      to: { id: api.world.sam.id, displayName: 'Sam Colleague' },
      message: 'Thanks Sam for covering my duty',
      createdAt: expect.any(String),
    });
    expect(JSON.stringify(res.body)).not.toContain(api.world.aliceCheckIn.id);
    const given = await as('self', `/api/v1/people/${api.world.alice.id}/praise?direction=given`);
    expect(given.body.items.map((p: { to: { id: string } }) => p.to.id)).toEqual([api.world.sam.id]);
  });

  it('the team view lists only the people one reviews or coaches', async () => {
    const rita = await as('reviewer', '/api/v1/team');
    expect(rita.status).toBe(200);
    expect(rita.body.members.map((m: { person: { displayName: string } }) => m.person.displayName)).toEqual(['Alice Reviewee', 'Sam Colleague']);
    const colin = await as('coach', '/api/v1/team');
    expect(colin.body.members).toEqual([expect.objectContaining({ relationship: 'coach', awaitingAcknowledgement: [], rocksAwaitingAgreement: [] })]);
    for (const who of ['colleague', 'otherOrg', 'pgAdmin'] as Who[]) expect((await as(who, '/api/v1/team')).body.members).toEqual([]);
  });

  it('fails closed without a token on every route', async () => {
    const paths = ['/api/v1/me', '/api/v1/team', '/api/v1/schedule', `/api/v1/people/${api.world.alice.id}/rocks`, `/api/v1/check-ins/${encodeURIComponent(api.world.aliceCheckIn.id)}`];
    for (const path of paths) expect((await api.call(path)).status).toBe(401);
  });
});

describe('/api/v1 for people who have left', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness();
    // The directory import marks leavers this way (retention keeps their record).
    const left = { status: 'excluded' as const, statusReason: 'left: not in the staff directory imported on 2026-02-20', updatedAt: new Date() };
    await api.repos.people.upsertMany({ organisationId: api.world.org.id }, [{ ...api.world.rita, ...left }, { ...api.world.paula, ...left }]);
  });
  afterAll(async () => api.stop());

  it('gives a reviewer or PG administrator who has left no access to anyone else’s records', async () => {
    for (const person of [api.world.rita, api.world.paula]) {
      const token = await api.tokenFor(person);
      expect((await api.call(`/api/v1/people/${api.world.alice.id}/check-ins`, { token })).status).toBe(403);
      expect((await api.call(`/api/v1/check-ins/${encodeURIComponent(api.world.aliceCheckIn.id)}`, { token })).status).toBe(404);
    }
    const ack = await api.call(`/api/v1/check-ins/${encodeURIComponent(api.world.aliceCheckIn.id)}/acknowledge`, { method: 'POST', token: await api.tokenFor(api.world.rita), body: {} });
    expect(ack.status).toBe(404);
    expect((await api.call('/api/v1/team', { token: await api.tokenFor(api.world.rita) })).body.members).toEqual([]);
  });

  it('still lets them read their own records', async () => {
    const res = await api.call(`/api/v1/people/${api.world.rita.id}/check-ins`, { token: await api.tokenFor(api.world.rita) });
    expect(res.status).toBe(200);
  });
});
