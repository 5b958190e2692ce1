// Issue 16, erasure (UK GDPR art. 17) through the real /api/v1: a PG administrator previews the
// counts, types the person's name and erases; a legal hold refuses it with nothing changed; after
// it, nothing in any collection names Alice (id, name, email, Entra id) but the nameless placeholder
// of her directory entry and the erasure's own audit entry, which holds no name and no content.
// What colleagues are owed stays: Sam's thanks from her, the 360 answer she wrote for him, with
// "A former colleague" in her place.
import { ERASED_NAME, ERASED_PERSON_ID } from '../../../bot/data/personalData';
import { erasurePreviewSchema, erasureResponseSchema } from '../../../shared/api';
import { startApiHarness, type ApiHarness } from '../api/apiWorld';
import { seedEveryKind, type PrivacySeed } from './privacyWorld';

describe('erasure: GET and POST /people/:id/erasure', () => {
  let api: ApiHarness;
  let seed: PrivacySeed;
  const org = () => ({ organisationId: api.world.org.id });
  const path = () => `/api/v1/people/${encodeURIComponent(api.world.alice.id)}/erasure`;
  const erase = async (body: unknown, who = api.world.paula) => api.call(path(), { method: 'POST', token: await api.tokenFor(who), body });
  /** Every document of every collection, as text, by collection. */
  const everything = async () => {
    const all: Record<string, string[]> = {};
    for (const { name } of await api.db.listCollections().toArray()) all[name] = (await api.db.collection(name).find({}).toArray()).map((d) => JSON.stringify(d));
    return all;
  };
  const hitsFor = (all: Record<string, string[]>, needles: string[]) =>
    Object.entries(all).flatMap(([collection, docs]) => docs.filter((d) => needles.some((n) => d.includes(n))).map((d) => ({ collection, doc: JSON.parse(d) as Record<string, unknown> })));

  beforeAll(async () => {
    api = await startApiHarness();
    seed = await seedEveryKind(api);
  });
  afterAll(async () => api.stop());

  it('previews what would go, by kind, changing nothing; only for a PG administrator of the organisation', async () => {
    const before = await everything();
    const res = await api.call(path(), { token: await api.tokenFor(api.world.paula) });
    expect(res.status).toBe(200);
    const preview = erasurePreviewSchema.parse(res.body);
    expect(preview.person).toEqual({ id: api.world.alice.id, displayName: 'Alice Reviewee' });
    expect(preview.deleted).toMatchObject({ checkIns: 2, rocks: 1, praise: 1, surveyResponses: 1, careerConversations: 1, yearReviewRecords: 3, recordViews: 1 });
    expect(preview.anonymised).toMatchObject({ people: 1, praise: 1, feedbackRequests: 1, comments: 1 });
    expect(preview.heldMessage).toBeUndefined();
    expect((await api.call(path(), { token: await api.tokenFor(api.world.alice) })).status).toBe(403);
    expect((await api.call(path(), { token: await api.tokenFor(api.world.sam) })).status).toBe(403);
    expect(await everything()).toEqual(before);
  });

  it('refuses without the name typed, or without a reason, saying what to do, and changes nothing', async () => {
    const before = await everything();
    const wrong = await erase({ reason: 'Request by email of 1 March', confirm: 'Alice' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors).toEqual([expect.objectContaining({ path: 'confirm', message: expect.stringContaining('Alice Reviewee') })]);
    const noReason = await erase({ reason: '  ', confirm: 'Alice Reviewee' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors).toEqual([expect.objectContaining({ path: 'reason' })]);
    expect((await erase({ reason: 'x', confirm: 'Alice Reviewee' }, api.world.sam)).status).toBe(403);
    expect(await everything()).toEqual(before);
  });

  it('answers hostile requests with a clear 4xx and changes nothing: wrong types, huge or NUL text, their own record, another organisation', async () => {
    const before = await everything();
    const paula = await api.tokenFor(api.world.paula);
    const post = (body: unknown, target = path(), token = paula) => api.call(target, { method: 'POST', token, body });
    for (const body of [[], 'erase', { reason: 'ok', confirm: 42 }, { reason: 'x'.repeat(10_000), confirm: 'Alice Reviewee' }, { reason: 'a\u0000b', confirm: 'Alice Reviewee\u0000' }, { reason: { $ne: '' }, confirm: { $ne: '' } }]) {
      const res = await post(body);
      expect([body, res.status]).toEqual([body, 422]);
      expect(JSON.stringify(res.body)).not.toMatch(/stack|at \/|mongo|ferret/i);
    }
    expect((await post({ reason: 'testing', confirm: 'Paula Admin' }, `/api/v1/people/${encodeURIComponent(api.world.paula.id)}/erasure`)).status).toBe(403);
    const otherAdmin = { ...api.world.oscar, roles: ['pg-admin' as const] };
    await api.repos.people.upsertMany({ organisationId: api.world.otherOrg.id }, [otherAdmin]);
    const oscar = await api.tokenFor(otherAdmin);
    const real = await post({ reason: 'x', confirm: 'Alice Reviewee' }, path(), oscar);
    const invented = await post({ reason: 'x', confirm: 'Alice Reviewee' }, '/api/v1/people/no-such-person/erasure', oscar);
    expect([real.status, invented.status]).toEqual([404, 404]);
    expect(real.body).toEqual(invented.body);
    expect((await api.call(path(), { method: 'POST', body: { reason: 'x', confirm: 'Alice Reviewee' } })).status).toBe(401);
    const after = await everything();
    // Oscar's own directory entry changed above (made an admin); nothing else did.
    expect({ ...after, people: after.people!.filter((d) => !d.includes(api.world.oscar.id)) }).toEqual({ ...before, people: before.people!.filter((d) => !d.includes(api.world.oscar.id)) });
  });

  it('refuses while a legal hold applies (409, a clear message), with nothing changed; the preview says so too', async () => {
    await api.repos.legalHolds.put(org(), { id: '', organisationId: api.world.org.id, personId: api.world.alice.id, reason: 'Employment tribunal', heldAt: new Date(), heldByPersonId: api.world.paula.id });
    const before = await everything();
    const res = await erase({ reason: 'Request by email of 1 March', confirm: 'Alice Reviewee' });
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/legal hold, so they cannot be erased\. Nothing was changed/);
    expect(JSON.stringify(res.body)).not.toMatch(/tribunal/i);
    expect(await everything()).toEqual(before);
    const preview = await api.call(path(), { token: await api.tokenFor(api.world.paula) });
    expect(preview.body.heldMessage).toMatch(/legal hold/);
    expect(await api.repos.legalHolds.lift(org(), api.world.alice.id)).toBe(true);
  });

  it('erases: nothing names Alice anywhere but a nameless placeholder and the erasure’s audit entry; what colleagues are owed stays, anonymised', async () => {
    const { alice, sam, paula } = api.world;
    // Two administrators' clicks at once: one erases, the other is told it is being (or was) erased; never a 5xx.
    const both = await Promise.all([
      erase({ reason: 'Erasure request from Alice Reviewee by email, 1 March', confirm: ' alice  reviewee ' }),
      erase({ reason: 'Erasure request from Alice Reviewee by email, 1 March', confirm: 'Alice Reviewee' }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const [res, twin] = both[0]!.status === 200 ? [both[0]!, both[1]!] : [both[1]!, both[0]!];
    expect(twin.body.detail).toMatch(/being erased|were erased/);
    const done = erasureResponseSchema.parse(res.body);
    // Each record is deleted once, by whichever of the two got to it first.
    const succeeded = [res, twin].filter((r) => r.status === 200).map((r) => erasureResponseSchema.parse(r.body));
    const deletedOf = (collection: string) => succeeded.reduce((n, r) => n + (r.deleted[collection] ?? 0), 0);
    expect([deletedOf('checkIns'), deletedOf('rocks'), deletedOf('yearReviewRecords')]).toEqual([2, 1, 3]);

    const all = await everything();
    const hits = hitsFor(all, [alice.id, alice.displayName, alice.email, alice.entraObjectId!]);
    const lookalike = (collection: string, doc: Record<string, unknown>) => collection === 'outboxJobs' && doc.idempotencyKey === seed.lookalikeJobKey;
    const unexplained = hits.filter(({ collection, doc }) => !(collection === 'people' && doc._id === alice.id) && !(collection === 'auditLog' && doc.action === 'subjectAccess.erased') && !lookalike(collection, doc));
    expect(hits.filter(({ collection, doc }) => lookalike(collection, doc))).toHaveLength(1);
    expect(unexplained).toEqual([]);
    // The placeholder: her id (others' records may still point at it), nothing else of hers.
    const placeholder = hits.find((h) => h.collection === 'people')!.doc;
    expect(placeholder).toMatchObject({ displayName: ERASED_NAME, erased: true, status: 'excluded' });
    expect(JSON.stringify(placeholder)).not.toMatch(/Alice|Reviewee|school\.example/);
    for (const field of ['entraObjectId', 'reviewerId', 'coachId', 'reviewerHistory']) expect([field, placeholder[field]]).toEqual([field, undefined]);
    // The erasure's own entry: who, when, counts and the reason — with her name taken out.
    const entries = hits.filter((h) => h.collection === 'auditLog').map((h) => h.doc);
    expect(entries).toHaveLength(succeeded.length);
    expect(entries).toContainEqual(expect.objectContaining({ action: 'subjectAccess.erased', actor: expect.objectContaining({ personId: paula.id }), subject: { kind: 'erasure', id: expect.stringMatching(/^erasure-/) }, details: { personId: alice.id, reason: 'Erasure request from [the person] by email, 1 March', deleted: done.deleted, anonymised: done.anonymised } }));
    for (const entry of entries) expect(JSON.stringify(entry)).not.toMatch(/Alice|Reviewee|printer|plenaries/);

    // Sam keeps the thanks she gave and the 360 answer she wrote for him, from "a former colleague".
    const praise = await api.call(`/api/v1/people/${encodeURIComponent(sam.id)}/praise`, { token: await api.tokenFor(sam) });
    expect(praise.status).toBe(200);
    expect(JSON.stringify(praise.body)).toContain(seed.givenPraiseMessage);
    expect(JSON.stringify(praise.body)).toContain(ERASED_NAME);
    expect(await api.db.collection('praise').findOne({ message: seed.givenPraiseMessage })).toMatchObject({ fromPersonId: ERASED_PERSON_ID, toPersonId: sam.id });
    expect(await api.db.collection('feedbackRequests').findOne({ _id: seed.samRequestId as never })).toMatchObject({ askedPersonId: ERASED_PERSON_ID, answer: seed.answerForSam, personId: sam.id });
    const asked = await api.call('/api/v1/feedback-requests', { token: await api.tokenFor(sam) });
    expect(asked.status).toBe(200);
    expect(JSON.stringify(asked.body)).toContain(seed.answerForSam);
    expect(JSON.stringify(asked.body)).not.toContain(alice.displayName);
    // The governor sample keeps Sam's item and loses the one from her review; the jobs about her records are gone, Sam's stays;
    // colleagues' audit entries stay, with her id, name and email taken out of their details.
    const sample = await api.db.collection('governorSamples').findOne({ _id: seed.sampleId as never });
    expect(sample!.items).toEqual([expect.objectContaining({ index: 0, reviewId: expect.stringContaining(sam.id), reviewerId: ERASED_PERSON_ID })]);
    expect(await api.db.collection('outboxJobs').countDocuments({ organisationId: api.world.org.id, idempotencyKey: seed.samJobKey })).toBe(1);
    expect(await api.db.collection('auditLog').findOne({ action: 'people.reviewerChanged', 'subject.id': sam.id })).toMatchObject({ details: { field: 'reviewerId', from: ERASED_PERSON_ID, to: api.world.rita.id, reason: 'Cover' } });
    expect(await api.db.collection('auditLog').findOne({ action: 'governorSample.drawn' })).toMatchObject({ details: { items: 2 } });
    expect(await api.db.collection('auditLog').findOne({ action: 'directory.imported', 'details.source': 'file' })).toMatchObject({ details: { added: [{ name: ERASED_NAME }] } });
    // Sam's own records are untouched.
    expect(await api.db.collection('checkIns').countDocuments({ personId: sam.id })).toBe(1);
    expect(await api.db.collection('rocks').countDocuments({ _id: seed.samRockId as never })).toBe(1);

    // She can no longer reach her data: her token names no one in the directory.
    const token = await api.tokenFor(alice);
    const mine = await fetch(`${api.url}/api/v1/me/data-export?format=json`, { headers: { Authorization: `Bearer ${token}` } });
    expect(mine.status).toBe(403);
    expect(await mine.text()).not.toMatch(/printer|plenaries/);
  });
});
