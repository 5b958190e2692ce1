// Issue 16, "ids are ours": whatever id a client sends when it creates a rock, a comment or a
// thank-you, the stored id is the server's. The client's id is only an idempotency key of that
// person in that organisation: a retry gives back the same entity, a key someone else (in this
// trust or another) used is simply a new entity. Through the real API and database with two
// tenants; after each hostile request the database is checked: the other tenant's document is
// unchanged, one document per create, and nothing of the other tenant's comes back.
import { randomUUID } from 'node:crypto';
import type { Person } from '../../../shared/domain';
import { buildPerson } from '../../support/builders';
import { startApiHarness, type ApiHarness } from './apiWorld';

describe('/api/v1 creates: the stored id is always the server’s', () => {
  let api: ApiHarness;
  let olive: Person;
  const a = () => ({ organisationId: api.world.org.id });
  const b = () => ({ organisationId: api.world.otherOrg.id });

  beforeAll(async () => {
    api = await startApiHarness();
    olive = buildPerson({ organisationId: api.world.otherOrg.id, entraObjectId: randomUUID(), displayName: 'Olive Elsewhere' });
    await api.repos.people.upsertMany(b(), [olive]);
  });
  afterAll(async () => api.stop());

  type Who = 'alice' | 'sam' | 'rita' | 'oscar';
  const as = async (who: Who, path: string, body: unknown) => api.call(path, { method: 'POST', body, token: await api.tokenFor(api.world[who]) });
  const rocksOf = async (org: { organisationId: string }, personId: string, title: string) =>
    (await api.repos.rocks.listForPerson(org, personId, {})).filter((r) => r.title === title);

  it("creates a rock sent with another tenant's rock id as a new rock, once however often it is retried", async () => {
    const theirs = await as('oscar', '/api/v1/rocks', { id: randomUUID(), slotId: 'trust', title: 'Oscar’s private rock' });
    expect(theirs.status).toBe(201);
    const before = await api.repos.rocks.get(b(), theirs.body.id);
    expect(before).not.toBeNull();

    const request = { id: theirs.body.id, slotId: 'trust', title: 'Sam’s reading rock' };
    const mine = await as('sam', '/api/v1/rocks', request);
    expect(mine.status).toBe(201);
    expect(mine.body.id).not.toBe(theirs.body.id);
    expect(mine.body).toMatchObject({ title: 'Sam’s reading rock', status: 'draft' });
    expect(JSON.stringify(mine.body)).not.toContain(theirs.body.id);
    expect(JSON.stringify(mine.body)).not.toContain('Oscar');
    expect(await api.repos.rocks.get(b(), theirs.body.id)).toEqual(before);
    expect(await api.repos.rocks.get(a(), theirs.body.id)).toBeNull();

    const retry = await as('sam', '/api/v1/rocks', request);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(mine.body);
    expect(await rocksOf(a(), api.world.sam.id, 'Sam’s reading rock')).toHaveLength(1);

    // The same key from someone else in the trust is their own, new rock.
    const alices = await as('alice', '/api/v1/rocks', { ...request, title: 'Alice’s rock' });
    expect(alices.status).toBe(201);
    expect([theirs.body.id, mine.body.id]).not.toContain(alices.body.id);
    expect(await rocksOf(a(), api.world.alice.id, 'Alice’s rock')).toHaveLength(1);
    expect(await rocksOf(a(), api.world.sam.id, 'Sam’s reading rock')).toEqual([expect.objectContaining({ id: mine.body.id, personId: api.world.sam.id })]);
  });

  it('stores one rock when five identical creates race, and answers each with it', async () => {
    const request = { id: randomUUID(), slotId: 'others', title: 'Raced rock' };
    const replies = await Promise.all(Array.from({ length: 5 }, () => as('sam', '/api/v1/rocks', request)));
    expect(replies.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
    expect(replies[0]!.body.id).not.toBe(request.id);
    const stored = await rocksOf(a(), api.world.sam.id, 'Raced rock');
    expect(stored.map((r) => r.id)).toEqual([replies[0]!.body.id]);
    const audit = await api.repos.auditLog.list(a(), { pageSize: 200 });
    expect(audit.items.filter((e) => e.action === 'rock.created' && e.subject.id === stored[0]!.id)).toHaveLength(1);
  });

  it("adds a comment sent with another tenant's comment id as a new, stored comment, once per retry", async () => {
    const oscarsRock = (await api.repos.rocks.listForPerson(b(), api.world.oscar.id, {}))[0]!;
    const theirs = await as('oscar', `/api/v1/threads/rock/${oscarsRock.id}/comments`, { id: randomUUID(), text: 'Oscar’s note to self' });
    expect(theirs.status).toBe(201);
    const before = await api.repos.comments.get(b(), theirs.body.id);
    expect(before).not.toBeNull();

    const alicesRock = (await rocksOf(a(), api.world.alice.id, 'Alice’s rock'))[0]!;
    const thread = `/api/v1/threads/rock/${alicesRock.id}/comments`;
    const request = { id: theirs.body.id, text: 'First thoughts on my rock' };
    const mine = await as('alice', thread, request);
    expect(mine.status).toBe(201);
    expect(mine.body.id).not.toBe(theirs.body.id);
    expect(mine.body).toMatchObject({ text: 'First thoughts on my rock', author: { displayName: 'Alice Reviewee' } });
    expect(JSON.stringify(mine.body)).not.toContain(theirs.body.id);
    expect(await api.repos.comments.get(b(), theirs.body.id)).toEqual(before);
    const texts = async () => (await api.repos.comments.listForSubject(a(), { kind: 'rock', id: alicesRock.id })).map((c) => [c.id, c.authorPersonId, c.text]);
    expect(await texts()).toEqual([[mine.body.id, api.world.alice.id, 'First thoughts on my rock']]);

    const retry = await as('alice', thread, request);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(mine.body);
    expect(await texts()).toHaveLength(1);

    // Her reviewer using the same key writes a comment of their own.
    const ritas = await as('rita', thread, { ...request, text: 'Looks good' });
    expect(ritas.status).toBe(201);
    expect(ritas.body.id).not.toBe(mine.body.id);
    // (The clock is fixed, so both have the same time: compare as a set.)
    expect((await texts()).sort((x, y) => x[2]!.localeCompare(y[2]!))).toEqual([
      [mine.body.id, api.world.alice.id, 'First thoughts on my rock'],
      [ritas.body.id, api.world.rita.id, 'Looks good'],
    ]);

    const raced = { id: randomUUID(), text: 'Sent five times at once' };
    const replies = await Promise.all(Array.from({ length: 5 }, () => as('alice', thread, raced)));
    expect(replies.every((r) => r.status === 201)).toBe(true);
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
    expect((await texts()).filter(([, , text]) => text === raced.text)).toEqual([[replies[0]!.body.id, api.world.alice.id, raced.text]]);
  });

  it("gives a thank-you with another tenant's key as a new thank-you; a retry or a race gives it once", async () => {
    const key = randomUUID();
    const theirs = await as('oscar', '/api/v1/praise', { id: key, recipientIds: [olive.id], message: 'Thanks Olive' });
    expect(theirs.status).toBe(201);
    const oscarsBefore = (await api.repos.praise.listGiven(b(), api.world.oscar.id)).items;
    expect(oscarsBefore).toHaveLength(1);

    const request = { id: key, recipientIds: [api.world.rita.id], message: 'Thanks Rita for the cover' };
    const mine = await as('sam', '/api/v1/praise', request);
    expect(mine.status).toBe(201);
    expect(mine.body).toMatchObject({ from: { displayName: 'Sam Colleague' }, to: [{ displayName: 'Rita Reviewer' }], message: 'Thanks Rita for the cover' });
    expect(JSON.stringify(mine.body)).not.toContain(key);
    expect(JSON.stringify(mine.body)).not.toContain('Olive');
    expect(mine.body.id).not.toBe(theirs.body.id);
    expect((await api.repos.praise.listGiven(b(), api.world.oscar.id)).items).toEqual(oscarsBefore);
    const samsGiven = async (message: string) => (await api.repos.praise.listGiven(a(), api.world.sam.id)).items.filter((p) => p.message === message);
    expect(await samsGiven(request.message)).toHaveLength(1);

    const retry = await as('sam', '/api/v1/praise', request);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(mine.body);
    expect(await samsGiven(request.message)).toHaveLength(1);

    // The same key from a colleague in the trust: their own thank-you, not a conflict, not Sam's.
    const alices = await as('alice', '/api/v1/praise', { ...request, message: 'Thanks from Alice' });
    expect(alices.status).toBe(201);
    expect(alices.body).toMatchObject({ from: { displayName: 'Alice Reviewee' }, message: 'Thanks from Alice' });
    expect(alices.body.id).not.toBe(mine.body.id);
    expect((await api.repos.praise.listGiven(a(), api.world.alice.id)).items.filter((p) => p.message === 'Thanks from Alice')).toHaveLength(1);

    const raced = { id: randomUUID(), recipientIds: [api.world.alice.id], message: 'Raced thanks' };
    const replies = await Promise.all(Array.from({ length: 5 }, () => as('sam', '/api/v1/praise', raced)));
    expect(replies.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
    expect(await samsGiven('Raced thanks')).toHaveLength(1);
  });
});
