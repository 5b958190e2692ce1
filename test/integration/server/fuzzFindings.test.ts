// What `npm run fuzz` found (issue 16), each pinned down through the real endpoints of the fuzz
// world (test/support/fuzz/world.ts: signed Bot Framework and Teams SSO tokens, two
// organisations), with the database compared before and after every hostile request and the
// server's error log watched, since a bot failure answers 200 with a "something went wrong" card.
import { randomUUID } from 'node:crypto';
import { VERBS } from '../../../shared/verbs';
import { diff, snapshot, type Change } from '../../support/fuzz/snapshot';
import { invokeActivity, baseActivity, postBotActivity, type ActorName, type FuzzWorld, startFuzzWorld } from '../../support/fuzz/world';

const TEAMS_CARD_BYTES = 28_000;

describe('what the fuzzer found, fixed', () => {
  let world: FuzzWorld;

  beforeAll(async () => {
    world = await startFuzzWorld();
  }, 60_000);
  afterAll(async () => world?.stop());

  /** Runs a request; returns what it wrote and the errors the server logged meanwhile. */
  async function watched<T>(send: () => Promise<T>): Promise<{ result: T; changes: Change[]; errors: string[] }> {
    const before = await snapshot(world.runtime.db);
    const logged = world.errors.length;
    const result = await send();
    return { result, changes: diff(before, await snapshot(world.runtime.db)), errors: world.errors.slice(logged) };
  }

  async function api(actor: ActorName, method: string, path: string, body?: unknown) {
    const res = await fetch(`${world.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${await world.apiToken(actor)}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, text: await res.text() };
  }

  const card = (actor: ActorName, verb: string, data: Record<string, unknown>) =>
    postBotActivity(world, invokeActivity(world, actor, { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' }));

  it('answers an id with a NUL or a lone surrogate on /api/v1 with 404, not 500', async () => {
    for (const id of ['%00', 'a%00b', '%ED%A0%BD']) {
      const { result, changes } = await watched(() => api('alex', 'GET', `/api/v1/people/${id}/rocks`));
      expect(result.status).toBe(404);
      expect(changes).toEqual([]);
    }
    const { result } = await watched(() => api('alex', 'POST', '/api/v1/check-ins', { eventId: 'x\u0000y', answers: { www: 'Kept?' } }));
    expect(result.status).toBe(422);
    expect(JSON.parse(result.text).errors).toEqual([{ path: 'eventId', message: 'is not an id we know' }]);
  });

  it('keeps what was typed when a check-in card comes back with a NUL in its event id, and logs no failure', async () => {
    const { result, changes, errors } = await watched(() => card('alex', VERBS.submitCheckIn, { eventId: `${world.events.open}\u0000`, www: 'Typed before the NUL', ebi: 'Also typed' }));
    expect(result.status).toBe(200);
    expect(result.text).toContain('lost track of its check-in');
    expect(result.text).toContain('Typed before the NUL');
    expect(result.text).toContain('Also typed');
    expect(changes).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('refuses a card field that is not text (a score of {$gt: ""}) instead of storing the rest without it', async () => {
    const { result, changes } = await watched(() => card('alex', VERBS.submitCheckIn, { eventId: world.events.open, www: 'Operator in the score', score: { $gt: '' } }));
    expect(result.text).toContain("this arrived as something other than text, so we can't read it");
    expect(result.text).toContain('Operator in the score');
    expect(changes).toEqual([]);
  });

  it('claims no idempotency key for a rock it refuses', async () => {
    const key = randomUUID();
    const { result, changes } = await watched(() => api('alex', 'POST', '/api/v1/rocks', { id: key, slotId: 'rock-1', title: 'A second rock in a taken slot' }));
    expect(result.status).toBe(422);
    expect(changes).toEqual([]);
    // The same key, once allowed, makes the rock; its retry gets the same rock back, stored once.
    const made = await api('alex', 'POST', '/api/v1/rocks', { id: key, slotId: 'rock-3', title: 'Now in a free slot' });
    const again = await watched(() => api('alex', 'POST', '/api/v1/rocks', { id: key, slotId: 'rock-3', title: 'Now in a free slot' }));
    expect(made.status).toBe(201);
    expect(JSON.parse(again.result.text).id).toBe(JSON.parse(made.text).id);
    expect(again.changes).toEqual([]);
  });

  it("keeps the reviewer's card under Teams' size for a check-in at every limit, saying it is cut", async () => {
    const fill = (n: number) => '\u0001'.repeat(n);
    const data = { eventId: world.events.open, www: fill(1000), ebi: fill(1000), whatsNext: fill(1000), score: '4', ...Object.fromEntries(world.rocks.samAll.map((id) => [`rock:${id}`, fill(1000)])) };
    expect((await card('sam', VERBS.submitCheckIn, data)).text).toMatch(/your check-in is in|updated/i);
    const stored = await world.runtime.db.collection('checkIns').findOne({ _id: world.checkIns.sam as never });
    expect(stored?.answers.www).toBe(fill(1000));
    const reviewer = await card('megan', VERBS.refreshReviewerCard, { checkInId: world.checkIns.sam });
    expect(Buffer.byteLength(reviewer.text)).toBeLessThan(TEAMS_CARD_BYTES);
    expect(reviewer.text).toContain('open the check-in in the tab to read all of it');
  });

  it('turns a response too long to send back on a card that fits, keeping its first 2,000 characters and saying so', async () => {
    const draft = `Start of my response ${'z'.repeat(100_000)}`;
    const { result, changes } = await watched(() => card('megan', VERBS.respondToCheckIn, { checkInId: world.checkIns.alex, responseText: draft, responseAnchor: 'general' }));
    expect(Buffer.byteLength(result.text)).toBeLessThan(TEAMS_CARD_BYTES);
    expect(result.text).toContain('Keep the response under 2000 characters');
    expect(result.text).toContain(draft.slice(0, 2000));
    expect(result.text).not.toContain(draft.slice(0, 2001));
    expect(result.text).toContain('We kept the first 2,000 characters below; the rest was not saved.');
    expect(changes).toEqual([]);
    // Still so once a response has been given: the new one comes back in the form, with why.
    await card('megan', VERBS.respondToCheckIn, { checkInId: world.checkIns.alex, responseText: 'A first response', responseAnchor: 'general' });
    const later = await watched(() => card('megan', VERBS.respondToCheckIn, { checkInId: world.checkIns.alex, responseText: `Half an emoji \ud83d`, responseAnchor: 'general' }));
    expect(later.result.text).toContain("contains a character we can't store");
    expect(later.result.text).toContain('Half an emoji');
    expect(later.changes).toEqual([]);
    expect((await world.runtime.db.collection('checkIns').findOne({ _id: world.checkIns.alex as never }))?.reviewerResponse.text).toBe('A first response');
  });

  it('refuses "praise Sam for …" with a lone surrogate in the message, storing nothing and logging no failure', async () => {
    const { result, changes, errors } = await watched(() => postBotActivity(world, baseActivity(world, 'megan', { text: 'praise Sam Taylor for half an emoji \ud83d here' })));
    expect(result.status).toBe(200);
    expect(result.text).toContain("contains a character we can't store");
    expect(changes).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('stores control characters exactly as typed (text pasted from PowerPoint carries U+000B)', async () => {
    const text = 'Line one\u000bline two, a bell\u0007 and an escape\u001b[0m';
    const { result, changes } = await watched(() => api('alex', 'POST', `/api/v1/threads/rock/${world.rocks.alex[0]}/comments`, { text }));
    expect(result.status).toBe(201);
    const added = changes.filter((c) => c.collection === 'comments' && c.change === 'added');
    expect(added).toHaveLength(1);
    expect((await world.runtime.db.collection('comments').findOne({ _id: added[0]!.id as never }))?.text).toBe(text);
  });

  it('answers a body over 2 MB with 413 on both endpoints, storing nothing', async () => {
    const huge = JSON.stringify({ text: 'x'.repeat(3 * 1024 * 1024) });
    const bot = await watched(() => fetch(`${world.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${'x'}` }, body: huge }).then((r) => r.status));
    const tab = await watched(() => api('alex', 'POST', `/api/v1/threads/rock/${world.rocks.alex[0]}/comments`, huge));
    expect([bot.result, tab.result.status]).toEqual([413, 413]);
    expect([...bot.changes, ...tab.changes]).toEqual([]);
  });

  it("erases the messages to others that name the person — a thank-you they gave, a comment they wrote, their check-in told to the reviewer — and counts them in the preview", async () => {
    const dana = await world.disposable();
    const naming = async () => {
      const jobs = await world.runtime.db.collection('outboxJobs').find({ organisationId: world.orgOf.alex }).toArray();
      return jobs.filter((job) => JSON.stringify(job).includes(dana.person.displayName));
    };
    const before = await naming();
    // Queued to Alex (her thanks) and to Megan (her comment, her check-in), none of them hers by any field.
    expect(new Set(before.map((job) => job.personId))).toEqual(new Set([world.people.alex.id, world.people.megan.id]));
    const preview = await api('adam', 'GET', `/api/v1/people/${dana.person.id}/erasure`);
    expect(JSON.parse(preview.text).deleted.outboxJobs).toBeGreaterThanOrEqual(before.length);
    const erased = await api('adam', 'POST', `/api/v1/people/${dana.person.id}/erasure`, { reason: 'Subject erasure request', confirm: dana.person.displayName });
    expect(erased.status).toBe(200);
    expect(JSON.parse(erased.text).deleted.outboxJobs).toBe(JSON.parse(preview.text).deleted.outboxJobs);
    expect(await naming()).toEqual([]);
    // Alex keeps the thank-you itself, from "A former colleague".
    const kept = await world.runtime.db.collection('praise').findOne({ organisationId: world.orgOf.alex, toPersonId: world.people.alex.id, message: dana.privateText[2] });
    expect(kept?.fromPersonId).toBe('erased-person');
  });
});
