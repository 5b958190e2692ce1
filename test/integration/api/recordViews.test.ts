// Issue 16, "who viewed my record", through the real /api/v1: reads of Alice's check-ins, one
// check-in and her review by anyone else are noted once per viewer, record and day (however often
// and however concurrently they reload), and Alice sees who looked, in what part and when. Her own
// reads note nothing, refused reads note nothing, another organisation never appears, and nobody
// can read anyone else's list. The database is checked after each request.
import { DateTime } from 'luxon';
import { startApiHarness, NOW, type ApiHarness } from './apiWorld';
import { recordViewsResponseSchema } from '../../../shared/api';
import { POLICY_PACKS } from '../../../shared/policy';
import { yearReviewId, type Person, type RecordView, type YearReview } from '../../../shared/domain';

const REVIEWS = POLICY_PACKS['tsfe-2025-26']!.policy.reviews!;

describe('GET /api/v1/me/record-views: who has opened my record', () => {
  let api: ApiHarness;
  let review: YearReview;
  const org = () => ({ organisationId: api.world.org.id });
  const viewsOf = async (person: Person, scope = org()) => api.repos.recordViews.listForSubject(scope, person.id, { since: new Date(0), limit: 1000 });
  const myViews = async (person: Person, query = '') => api.call(`/api/v1/me/record-views${query}`, { token: await api.tokenFor(person) });
  const readAll = async (reader: Person) => {
    const token = await api.tokenFor(reader);
    const { alice, aliceCheckIn } = api.world;
    return Promise.all([
      api.call(`/api/v1/people/${alice.id}/check-ins`, { token }),
      api.call(`/api/v1/check-ins/${aliceCheckIn.id}`, { token }),
      api.call(`/api/v1/reviews/${encodeURIComponent(review.id)}`, { token }),
    ]);
  };

  beforeAll(async () => {
    api = await startApiHarness();
    const { world } = api;
    await api.repos.organisations.upsert({ ...world.org, policy: { ...world.org.policy, reviews: REVIEWS } });
    review = {
      id: yearReviewId('end-of-year', world.cycleId, world.alice.id),
      organisationId: world.org.id,
      cycleId: world.cycleId,
      coversCycleId: world.cycleId,
      personId: world.alice.id,
      stage: 'end-of-year',
      label: 'End-of-year review',
      eventId: 'end-of-year-reflection',
      reviewerId: world.rita.id,
      school: '',
      roleCategory: 'Teacher',
      opensAt: new Date('2026-02-20T08:00:00Z'),
      dueAt: new Date('2026-07-17T23:59:00Z'),
      reviewerDueAt: new Date('2026-07-17T23:59:00Z'),
      createdAt: new Date('2026-02-20T08:00:00Z'),
    };
    expect(await api.repos.yearReviews.open(org(), review)).toBe(true);
  });
  afterAll(async () => api.stop());

  it('notes nothing when Alice reads her own record, and says nobody has looked', async () => {
    const reads = await readAll(api.world.alice);
    expect(reads.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await viewsOf(api.world.alice)).toEqual([]);
    const res = await myViews(api.world.alice);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [] });
  });

  it("shows Alice her reviewer's reads — check-ins, one check-in, her review — once each, however often and concurrently Rita reloads", async () => {
    for (let round = 0; round < 3; round++) {
      const reads = (await Promise.all([readAll(api.world.rita), readAll(api.world.rita)])).flat();
      expect(reads.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    }
    const stored = await viewsOf(api.world.alice);
    expect(stored).toHaveLength(3);
    expect(new Set(stored.map((v) => v.kind))).toEqual(new Set(['check-ins', 'check-in', 'year-review']));
    expect(stored.every((v) => v.viewerPersonId === api.world.rita.id && v.role === 'reviewer' && v.day === '2026-02-27')).toBe(true);

    const res = await myViews(api.world.alice);
    expect(res.status).toBe(200);
    expect(() => recordViewsResponseSchema.parse(res.body)).not.toThrow();
    expect(res.body.items).toHaveLength(3);
    for (const item of res.body.items) {
      expect(item).toMatchObject({ viewer: { id: api.world.rita.id, displayName: 'Rita Reviewer' }, role: 'your reviewer', day: '2026-02-27', viewedAt: NOW.toISOString() });
    }
    expect(res.body.items.map((i: { what: string }) => i.what).sort()).toEqual(['your check in 1 of 13 February 2026', `your check-ins of ${(await api.repos.cycles.get(org(), api.world.cycleId))!.label}`, 'your end-of-year review'].sort());
    // Rita's own list is untouched: reading someone's record is noted on theirs only.
    expect((await myViews(api.world.rita)).body).toEqual({ items: [] });
  });

  it('says in words which part the viewer plays: a PG administrator', async () => {
    const res = await api.call(`/api/v1/people/${api.world.alice.id}/check-ins`, { token: await api.tokenFor(api.world.paula) });
    expect(res.status).toBe(200);
    const items = (await myViews(api.world.alice)).body.items;
    expect(items.filter((i: { viewer: { id: string } }) => i.viewer.id === api.world.paula.id)).toEqual([expect.objectContaining({ role: 'a PG administrator', what: expect.stringMatching(/^your check-ins/) })]);
    expect(await viewsOf(api.world.alice)).toHaveLength(4);
  });

  it('notes nothing for a refused read: a colleague with no say (403), someone of another organisation (404)', async () => {
    const before = await viewsOf(api.world.alice);
    const sam = await api.tokenFor(api.world.sam);
    expect((await api.call(`/api/v1/people/${api.world.alice.id}/check-ins`, { token: sam })).status).toBe(403);
    expect((await api.call(`/api/v1/check-ins/${api.world.aliceCheckIn.id}`, { token: sam })).status).toBe(404);
    const oscar = await api.tokenFor(api.world.oscar);
    expect((await api.call(`/api/v1/people/${api.world.alice.id}/check-ins`, { token: oscar })).status).toBe(404);
    expect((await api.call(`/api/v1/check-ins/${api.world.aliceCheckIn.id}`, { token: oscar })).status).toBe(404);
    expect((await api.call(`/api/v1/reviews/${encodeURIComponent(review.id)}`, { token: oscar })).status).toBe(404);
    expect(await viewsOf(api.world.alice)).toEqual(before);
    expect(await viewsOf(api.world.alice, { organisationId: api.world.otherOrg.id })).toEqual([]);
  });

  it("never shows another organisation's entries, even one naming Alice's id", async () => {
    const stray: RecordView = {
      id: 'rv-' + 'f'.repeat(40),
      organisationId: api.world.otherOrg.id,
      subjectPersonId: api.world.alice.id,
      viewerPersonId: api.world.oscar.id,
      role: 'pg-admin',
      kind: 'check-ins',
      what: 'your check-ins',
      day: '2026-02-27',
      viewedAt: NOW,
    };
    expect(await api.repos.recordViews.record({ organisationId: api.world.otherOrg.id }, stray)).toBe(true);
    const res = await myViews(api.world.alice);
    expect(res.body.items.map((i: { viewer: { id: string } }) => i.viewer.id)).not.toContain(api.world.oscar.id);
    expect(JSON.stringify(res.body)).not.toMatch(/Oscar|Another Trust/);
    // Oscar, in his own organisation, sees the stray entry only if it is about him; it is not.
    expect((await myViews(api.world.oscar)).body).toEqual({ items: [] });
  });

  it("gives nobody another person's list: there is no person in the path, and a query naming one is ignored", async () => {
    const sam = await api.tokenFor(api.world.sam);
    const paula = await api.tokenFor(api.world.paula);
    for (const token of [sam, paula]) {
      for (const path of [`/api/v1/people/${api.world.alice.id}/record-views`, `/api/v1/me/record-views/${api.world.alice.id}`]) {
        const res = await api.call(path, { token });
        expect([403, 404]).toContain(res.status);
        expect(JSON.stringify(res.body ?? '')).not.toContain('Rita');
      }
      const res = await api.call(`/api/v1/me/record-views?personId=${api.world.alice.id}&subjectPersonId=${api.world.alice.id}`, { token });
      expect(res.status).toBe(200);
      expect(res.body.items.map((i: { viewer: { id: string } }) => i.viewer.id)).not.toContain(api.world.rita.id);
    }
    expect((await api.call('/api/v1/me/record-views')).status).toBe(401);
  });

  it('pages newest first without losing or repeating an entry, and refuses a bad cursor or page size clearly', async () => {
    const seen: string[] = [];
    let next: string | undefined;
    do {
      const res = await myViews(api.world.alice, `?pageSize=1${next ? `&before=${encodeURIComponent(next)}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(1);
      seen.push(`${res.body.items[0].viewer.id}/${res.body.items[0].what}`);
      next = res.body.next;
    } while (next);
    expect(seen).toHaveLength(4);
    expect(new Set(seen).size).toBe(4);
    for (const query of ['?pageSize=0', '?pageSize=abc', '?before=yesterday', `?before=${encodeURIComponent('2026-99-99T00:00:00.000Z_rv-' + '0'.repeat(40))}`, '?before[$gt]=', '?pageSize=9999']) {
      const res = await myViews(api.world.alice, query);
      expect(res.status).toBe(422);
      expect(JSON.stringify(res.body)).not.toMatch(/stack|Error:|at .*\.ts|mongo|127\.0\.0\.1/i);
    }
  });

  it("leaves out entries older than the policy keeps records (retention.years)", async () => {
    const { org: organisation, alice, colin } = api.world;
    const old = DateTime.fromJSDate(NOW).minus({ years: organisation.policy.retention.years, days: 1 }).toJSDate();
    await api.repos.recordViews.record(org(), { id: 'rv-' + 'a'.repeat(40), organisationId: organisation.id, subjectPersonId: alice.id, viewerPersonId: colin.id, role: 'coach', kind: 'rocks', what: 'your rocks', day: '2020-02-26', viewedAt: old });
    const items = (await myViews(alice)).body.items;
    expect(items).toHaveLength(4);
    expect(items.map((i: { viewer: { id: string } }) => i.viewer.id)).not.toContain(colin.id);
  });

  it("notes each person of a completion download, as read by a PG administrator; the download is not slowed by it", async () => {
    const res = await fetch(`${api.url}/api/v1/progress/people.csv`, { headers: { Authorization: `Bearer ${await api.tokenFor(api.world.paula)}` } });
    expect(res.status).toBe(200);
    await res.text();
    const deadline = Date.now() + 5000;
    let exported: RecordView[] = [];
    while (Date.now() < deadline) {
      exported = (await viewsOf(api.world.sam)).filter((v) => v.kind === 'progress-export');
      if (exported.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(exported).toEqual([expect.objectContaining({ viewerPersonId: api.world.paula.id, role: 'pg-admin', what: expect.stringContaining('completion download') })]);
    // Paula's own row is hers: not noted.
    expect((await viewsOf(api.world.paula)).filter((v) => v.kind === 'progress-export')).toEqual([]);
  });
});
