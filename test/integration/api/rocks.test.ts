// Rocks through the API: policy limits name the field, optimistic concurrency answers 409 with the
// current rock, and the lifecycle draft → proposed → agreed is the reviewer's to finish.
import { startApiHarness, type ApiHarness } from './apiWorld';

describe('/api/v1 rocks', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness();
  });
  afterAll(async () => api.stop());

  const alice = async (path: string, method = 'GET', body?: unknown) => api.call(path, { method, body, token: await api.tokenFor(api.world.alice) });
  const rita = async (path: string, method = 'GET', body?: unknown) => api.call(path, { method, body, token: await api.tokenFor(api.world.rita) });
  const criteria = (n: number) => Array.from({ length: n }, (_, i) => ({ text: `Criterion ${i + 1}` }));

  it('refuses an 8th success criterion, naming the field', async () => {
    const res = await alice('/api/v1/rocks', 'POST', { slotId: 'others', title: 'Coach two NQTs', successCriteria: criteria(8) });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    expect(res.body).toMatchObject({ code: 'invalidInput', errors: [{ path: 'successCriteria', message: 'up to 7 success criteria' }] });
  });

  it('refuses an alignment code outside the policy taxonomy', async () => {
    const res = await alice('/api/v1/rocks', 'POST', { slotId: 'others', title: 'Coach two NQTs', alignment: ['1a', '9z'] });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: 'alignment.1', message: expect.stringContaining('9z') }]);
  });

  it('names the field inside an array when the schema refuses it', async () => {
    const res = await alice('/api/v1/rocks', 'POST', { slotId: 'others', title: 'x', successCriteria: [{ text: 'ok' }, { text: 'ok' }, { text: '   ' }] });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: 'successCriteria.2.text', message: 'cannot be empty' }]);
  });

  it('refuses an unknown slot and a second rock in the same slot', async () => {
    expect((await alice('/api/v1/rocks', 'POST', { slotId: 'nope', title: 'A' })).body.errors[0].path).toBe('slotId');
    expect((await alice('/api/v1/rocks', 'POST', { slotId: 'self', title: 'Learn Spanish' })).status).toBe(201);
    const again = await alice('/api/v1/rocks', 'POST', { slotId: 'self', title: 'Learn French' });
    expect(again.status).toBe(422);
    expect(again.body.errors[0]).toMatchObject({ path: 'slotId' });
  });

  it('edits with the version it read, and answers a stale version with 409 and the current rock', async () => {
    const created = await alice('/api/v1/rocks', 'POST', { slotId: 'trust', title: 'Raise reading ages', alignment: ['1a'], successCriteria: criteria(2) });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', version: 0, rockWindowId: 'spring' });
    const path = `/api/v1/rocks/${created.body.id}`;
    const first = await alice(path, 'PATCH', { version: 0, title: 'Raise KS3 reading ages' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ version: 1, title: 'Raise KS3 reading ages' });
    const stale = await alice(path, 'PATCH', { version: 0, title: 'Something else' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'conflict', current: { version: 1, title: 'Raise KS3 reading ages' } });
  });

  it('goes draft → proposed → agreed by the reviewer, with history and audit', async () => {
    const created = await alice('/api/v1/rocks', 'POST', { slotId: 'others', title: 'Mentor two new colleagues', successCriteria: criteria(3) });
    const id = created.body.id;
    expect((await rita(`/api/v1/rocks/${id}/agree`, 'POST', { version: 0 })).status).toBe(409); // still a draft
    const proposed = await alice(`/api/v1/rocks/${id}/propose`, 'POST', { version: 0 });
    expect(proposed.body).toMatchObject({ status: 'proposed', version: 1 });

    const team = await rita('/api/v1/team');
    const aliceRow = team.body.members.find((m: { person: { id: string } }) => m.person.id === api.world.alice.id);
    expect(aliceRow.rocksAwaitingAgreement.map((r: { id: string }) => r.id)).toContain(id);

    // Alice cannot agree her own rock; Colin coaches her but is not her reviewer; Sam sees nothing.
    expect((await alice(`/api/v1/rocks/${id}/agree`, 'POST', { version: 1 })).status).toBe(403);
    expect((await api.call(`/api/v1/rocks/${id}/agree`, { method: 'POST', body: { version: 1 }, token: await api.tokenFor(api.world.colin) })).status).toBe(403);
    expect((await api.call(`/api/v1/rocks/${id}/agree`, { method: 'POST', body: { version: 1 }, token: await api.tokenFor(api.world.sam) })).status).toBe(404);

    const agreed = await rita(`/api/v1/rocks/${id}/agree`, 'POST', { version: 1, comment: 'Great focus' });
    expect(agreed.status).toBe(200);
    expect(agreed.body).toMatchObject({ status: 'agreed', reviewerNote: 'Great focus', version: 2 });
    expect(agreed.body.history.map((h: { action: string }) => h.action)).toEqual(['created', 'proposed', 'agreed']);
    expect(agreed.body.history[2]).toMatchObject({ byName: 'Rita Reviewer', note: 'Great focus' });

    const criterionId = agreed.body.successCriteria[0].id;
    const ticked = await alice(`/api/v1/rocks/${id}/success-criteria/${criterionId}/done`, 'PUT', { version: 2, done: true });
    expect(ticked.body.successCriteria[0]).toMatchObject({ done: true, doneAt: '2026-02-27T12:00:00.000Z' });
    const completed = await alice(`/api/v1/rocks/${id}/complete`, 'POST', { version: 3 });
    expect(completed.body.status).toBe('completed');
    expect((await alice(`/api/v1/rocks/${id}`, 'PATCH', { version: 4, title: 'x' })).status).toBe(409);

    const audit = await api.repos.auditLog.list({ organisationId: api.world.org.id }, { subjectId: id });
    // The test clock stands still, so entries share a timestamp: compare what was recorded, not its order.
    expect(audit.items.map((e) => e.action).sort()).toEqual(['rock.agreed', 'rock.completed', 'rock.created', 'rock.criterion-done', 'rock.proposed']);
  });

  it('an amendment needs a comment; editing an agreed rock sends it back for agreement', async () => {
    // The 'others' rock above was completed early, which freed its slot for another (seed 001 FAQ); the new one takes it.
    const created = await alice('/api/v1/rocks', 'POST', { slotId: 'others', rockWindowId: 'spring', title: 'Run the reading club', successCriteria: criteria(1) });
    expect(created.status).toBe(201);
    const again = await alice('/api/v1/rocks', 'POST', { slotId: 'others', rockWindowId: 'spring', title: 'x', successCriteria: criteria(1) });
    expect(again.status).toBe(422);
    expect(again.body.errors[0]).toMatchObject({ path: 'slotId' });
    const list = await alice(`/api/v1/people/${api.world.alice.id}/rocks`);
    const trust = list.body.items.find((r: { slotId: string }) => r.slotId === 'trust');
    await alice(`/api/v1/rocks/${trust.id}/propose`, 'POST', { version: trust.version });
    const noComment = await rita(`/api/v1/rocks/${trust.id}/amend`, 'POST', { version: trust.version + 1 });
    expect(noComment.status).toBe(422);
    expect(noComment.body.errors[0].path).toBe('comment');
    const amended = await rita(`/api/v1/rocks/${trust.id}/amend`, 'POST', { version: trust.version + 1, comment: 'Narrowed to Year 7', title: 'Raise Year 7 reading ages' });
    expect(amended.body).toMatchObject({ status: 'amended', title: 'Raise Year 7 reading ages', reviewerNote: 'Narrowed to Year 7' });
    const edited = await alice(`/api/v1/rocks/${trust.id}`, 'PATCH', { version: amended.body.version, description: 'With the English team' });
    expect(edited.body.status).toBe('proposed');
  });

  it("counts each rock's feedback comments in the list, for the owner and their reviewer alike", async () => {
    const before = await alice(`/api/v1/people/${api.world.alice.id}/rocks?pageSize=200`);
    expect(before.body.items.length).toBeGreaterThan(1);
    const id = before.body.items[0].id;
    expect((await alice(`/api/v1/threads/rock/${id}/comments`, 'POST', { text: 'Is one criterion enough?' })).status).toBe(201);
    expect((await rita(`/api/v1/threads/rock/${id}/comments`, 'POST', { text: 'Add a second: how you will know.' })).status).toBe(201);
    for (const who of [alice, rita]) {
      const list = await who(`/api/v1/people/${api.world.alice.id}/rocks?pageSize=200`);
      const counts = new Map(list.body.items.map((r: { id: string; commentCount?: number }) => [r.id, r.commentCount]));
      expect(counts.get(id)).toBe(2);
      expect([...counts.values()].filter((n) => n !== 2).every((n) => n === 0)).toBe(true);
    }
  });

  it('pages the rocks list', async () => {
    const res = await alice(`/api/v1/people/${api.world.alice.id}/rocks?page=1&pageSize=2`);
    expect(res.body).toMatchObject({ page: 1, pageSize: 2, hasMore: true });
    expect(res.body.items).toHaveLength(2);
    expect((await alice(`/api/v1/people/${api.world.alice.id}/rocks?pageSize=abc`)).body.errors[0].path).toBe('pageSize');
  });
});
