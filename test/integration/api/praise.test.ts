// Issue 15: praise in the tab through the real HTTP API and database — whom one may thank (a staff
// search that shows only what the picker needs), giving a thank-you (idempotent by the client's
// id, precise field errors), the praise wall (one card per thank-you, one's own only), and thanks
// written in a check-in with nobody chosen (kept, listed, sent once, or discarded).
import { randomUUID } from 'node:crypto';
import { buildPerson } from '../../support/builders';
import { startApiHarness, type ApiHarness } from './apiWorld';

describe('praise in the tab', () => {
  let api: ApiHarness;
  let token: (who: 'alice' | 'sam' | 'rita' | 'colin' | 'oscar') => Promise<string>;

  beforeAll(async () => {
    api = await startApiHarness();
    token = (who) => api.tokenFor(api.world[who]);
    const { org } = api.world;
    await api.repos.people.upsertMany({ organisationId: org.id }, [
      buildPerson({ organisationId: org.id, entraObjectId: randomUUID(), displayName: 'Ellie Excluded', status: 'excluded', statusReason: 'ECT' }),
    ]);
  });
  afterAll(async () => {
    await api.stop();
  });

  const as = async (who: 'alice' | 'sam' | 'rita' | 'colin' | 'oscar', path: string, init: { method?: string; body?: unknown } = {}) => api.call(path, { ...init, token: await token(who) });

  it('lets any member of staff search whom to thank: names and schools only, never themselves, nobody excluded or elsewhere', async () => {
    const found = await as('sam', '/api/v1/praise/colleagues?q=ri');
    expect(found.status).toBe(200);
    expect(found.body.items).toEqual([{ id: api.world.rita.id, displayName: 'Rita Reviewer', school: expect.any(String) }]);
    expect((await as('sam', '/api/v1/praise/colleagues?q=sam')).body.items).toEqual([]);
    expect((await as('sam', '/api/v1/praise/colleagues?q=ellie')).body.items).toEqual([]);
    expect((await as('sam', '/api/v1/praise/colleagues?q=oscar')).body.items).toEqual([]);
    expect((await as('sam', '/api/v1/praise/colleagues?q=')).body.items).toEqual([]);
    expect((await as('oscar', '/api/v1/praise/colleagues?q=rita')).body.items).toEqual([]);
  });

  it('gives a thank-you to two colleagues once, however often it is retried, and audits each praise', async () => {
    const request = { id: randomUUID(), recipientIds: [api.world.rita.id, api.world.colin.id], message: 'Thank you both for the INSET day' };
    const first = await as('sam', '/api/v1/praise', { method: 'POST', body: request });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ from: { displayName: 'Sam Colleague' }, to: [{ displayName: 'Rita Reviewer' }, { displayName: 'Colin Coach' }], message: 'Thank you both for the INSET day' });
    const retry = await as('sam', '/api/v1/praise', { method: 'POST', body: request });
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(first.body.id);
    const stored = await api.repos.praise.listGiven({ organisationId: api.world.org.id }, api.world.sam.id);
    expect(stored.items.filter((p) => p.message === request.message).map((p) => p.toPersonId).sort()).toEqual([api.world.rita.id, api.world.colin.id].sort());
    const audit = await api.repos.auditLog.list({ organisationId: api.world.org.id }, { pageSize: 200 });
    expect(audit.items.filter((e) => e.action === 'praise.given' && e.actor.personId === api.world.sam.id)).toHaveLength(2);

    const reused = await as('sam', '/api/v1/praise', { method: 'POST', body: { ...request, message: 'Other words' } });
    expect(reused.status).toBe(409);
    expect(reused.body.detail).toMatch(/already sent with other words/);
  });

  it('names the field and the colleague when a thank-you cannot go', async () => {
    const give = (body: Record<string, unknown>) => as('sam', '/api/v1/praise', { method: 'POST', body: { id: randomUUID(), message: 'Thanks!', ...body } });
    const ellie = (await api.repos.people.search({ organisationId: api.world.org.id }, 'Ellie'))[0]!;
    const refused = await give({ recipientIds: [api.world.rita.id, api.world.sam.id, ellie.id, api.world.oscar.id] });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      { path: 'recipientIds.1', message: 'thank colleagues, not yourself' },
      { path: 'recipientIds.2', message: expect.stringContaining('Ellie Excluded is not taking part') },
      { path: 'recipientIds.3', message: expect.stringContaining('not in your staff directory') },
    ]);
    expect((await give({ recipientIds: [] })).body.errors).toEqual([{ path: 'recipientIds', message: "choose who you're thanking" }]);
    expect((await give({ recipientIds: [api.world.rita.id], message: '   ' })).body.errors).toEqual([{ path: 'message', message: 'cannot be empty' }]);
    expect((await give({ recipientIds: [api.world.rita.id], message: 'x'.repeat(501) })).body.errors[0]).toMatchObject({ path: 'message' });
    const praise = await api.repos.praise.listReceived({ organisationId: api.world.org.id }, api.world.rita.id);
    expect(praise.items.some((p) => p.message === 'Thanks!')).toBe(false);
  });

  it("shows one card per thank-you on the giver's wall, and each recipient only their own thanks", async () => {
    const given = await as('sam', '/api/v1/praise?direction=given');
    expect(given.status).toBe(200);
    const inset = given.body.items.filter((t: { message: string }) => t.message === 'Thank you both for the INSET day');
    expect(inset).toHaveLength(1);
    expect(inset[0].to.map((p: { displayName: string }) => p.displayName).sort()).toEqual(['Colin Coach', 'Rita Reviewer']);
    const rita = await as('rita', '/api/v1/praise?direction=received');
    expect(rita.body.items.map((t: { from: { displayName: string }; to: unknown[] }) => [t.from.displayName, t.to.length])).toEqual([['Sam Colleague', 1]]);
    // Alice's thanks from Sam were in a check-in: she sees them; Rita does not see Alice's.
    expect((await as('alice', '/api/v1/praise?direction=received')).body.items.map((t: { message: string }) => t.message)).toEqual(['Brilliant assembly, Alice']);
    expect((await as('rita', '/api/v1/praise?direction=received')).body.items.some((t: { message: string }) => t.message === 'Brilliant assembly, Alice')).toBe(false);
  });

  it('keeps thanks written in a check-in with nobody chosen, lists it to its author only, and sends it once', async () => {
    const submitted = await as('sam', '/api/v1/check-ins', {
      method: 'POST',
      body: { eventId: api.world.events.open.id, answers: { www: 'Phonics groups went well' }, praiseMessage: 'Thanks for lending me the visualiser' },
    });
    expect(submitted.status).toBe(201);
    expect(submitted.body.pendingThanks).toMatchObject({ message: 'Thanks for lending me the visualiser', checkInTitle: expect.stringContaining('Check in 2') });
    const thanksId: string = submitted.body.pendingThanks.id;
    expect((await as('sam', '/api/v1/praise/pending')).body.items.map((t: { id: string }) => t.id)).toEqual([thanksId]);
    expect((await as('alice', '/api/v1/praise/pending')).body.items).toEqual([]);
    const path = `/api/v1/praise/pending/${encodeURIComponent(thanksId)}`;
    expect((await as('alice', path, { method: 'POST', body: { recipientIds: [api.world.rita.id] } })).status).toBe(404);
    expect((await as('sam', path, { method: 'POST', body: { recipientIds: [] } })).body.errors).toEqual([{ path: 'recipientIds', message: "choose who you're thanking" }]);

    const sent = await as('sam', path, { method: 'POST', body: { recipientIds: [api.world.alice.id] } });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ to: [{ displayName: 'Alice Reviewee' }], message: 'Thanks for lending me the visualiser' });
    expect((await as('sam', path, { method: 'POST', body: { recipientIds: [api.world.alice.id] } })).status).toBe(201);
    const toAlice = await api.repos.praise.listReceived({ organisationId: api.world.org.id }, api.world.alice.id);
    expect(toAlice.items.filter((p) => p.message === 'Thanks for lending me the visualiser')).toHaveLength(1);
    expect((await as('alice', '/api/v1/praise?direction=received')).body.items[0]).toMatchObject({ from: { displayName: 'Sam Colleague' }, message: 'Thanks for lending me the visualiser' });
    expect((await as('sam', '/api/v1/praise/pending')).body.items).toEqual([]);
    const other = await as('sam', path, { method: 'POST', body: { recipientIds: [api.world.rita.id] } });
    expect(other.status).toBe(409);
    expect(other.body.detail).toBe('You already sent this thanks to Alice Reviewee.');
    expect((await as('sam', path, { method: 'DELETE' })).status).toBe(409);
  });

  it('discards a pending thanks: nobody is told, and it is no longer listed', async () => {
    const submitted = await as('colin', '/api/v1/check-ins', { method: 'POST', body: { eventId: api.world.events.open.id, answers: { www: 'Coaching sessions went well' }, praiseMessage: 'Thanks, team' } });
    expect(submitted.status).toBe(201);
    const path = `/api/v1/praise/pending/${encodeURIComponent(submitted.body.pendingThanks.id)}`;
    const discarded = await as('colin', path, { method: 'DELETE' });
    expect(discarded.status).toBe(200);
    expect(discarded.body).toEqual({ id: submitted.body.pendingThanks.id, discarded: true });
    expect((await as('colin', '/api/v1/praise/pending')).body.items).toEqual([]);
    expect((await as('colin', path, { method: 'POST', body: { recipientIds: [api.world.rita.id] } })).status).toBe(409);
    expect((await api.repos.praise.listGiven({ organisationId: api.world.org.id }, api.world.colin.id)).items).toEqual([]);
  });
});
