// Policy editing through /api/v1 (issue 14): a PG administrator reads the policy with its version,
// previews an edit (what changes for whom), saves it against the version it was based on; the
// save is versioned, audited and in force at once (a new reminder time moves the queued reminders,
// a withdrawn grant closes access). Bad input names the field, a stale version is 409, a colleague
// is 403, another organisation's policy does not exist (404).
import { apiPaths } from '../../../shared/api';
import { policyVersionIdFor, type Person } from '../../../shared/domain';
import { createLogger } from '../../../bot/logger';
import { adoptPolicy } from '../../../bot/usecases/policy';
import { queueDuePrompts, reminderAt, reminderKey } from '../../../bot/usecases/promptQueue';
import { randomUUID } from 'node:crypto';
import { buildPerson } from '../../support/builders';
import { NOW, startApiHarness, type ApiHarness } from './apiWorld';

describe('/api/v1/organisations/:id/policy', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness();
  });
  afterAll(async () => api.stop());

  const as = async (person: Person, path: string, init: { method?: string; body?: unknown } = {}) => api.call(path, { ...init, token: await api.tokenFor(person) });
  const path = () => apiPaths.policy(api.world.org.id);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- loose JSON, as the tab would send it
  type Loose = Record<string, any>;
  const current = async () => (await as(api.world.paula, path())).body as { version: number; policy: Loose };
  const edited = (policy: Loose, change: (p: Loose) => void) => {
    const copy = structuredClone(policy);
    change(copy);
    return copy;
  };

  it('gives a PG administrator the policy with its version', async () => {
    const res = await as(api.world.paula, path());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ organisationId: api.world.org.id, version: 1, policy: { id: 'test-policy', rocks: { maxSuccessCriteria: 7 }, access: { coachesSeeCheckIns: true } } });
  });

  it('refuses a colleague who is not a PG administrator (403), reading or writing', async () => {
    expect((await as(api.world.sam, path())).status).toBe(403);
    const { policy } = await current();
    const put = await as(api.world.rita, path(), { method: 'PUT', body: { version: 1, policy } });
    expect(put.status).toBe(403);
    expect((await current()).version).toBe(1);
  });

  it("does not find another organisation's policy (404), whoever asks", async () => {
    expect((await as(api.world.paula, apiPaths.policy(api.world.otherOrg.id))).status).toBe(404);
    expect((await as(api.world.oscar, path())).status).toBe(404);
  });

  it('names the field of an invalid edit and saves nothing', async () => {
    const { version, policy } = await current();
    const tooMany = edited(policy, (p) => (p.rocks.maxSuccessCriteria = 25));
    const res = await as(api.world.paula, path(), { method: 'PUT', body: { version, policy: tooMany } });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: 'rocks.maxSuccessCriteria', message: 'must be between 1 and 20' }]);
    expect(res.body.detail).toBe('rocks.maxSuccessCriteria: must be between 1 and 20');

    const twice = edited(policy, (p) => (p.rocks.slots[1].id = p.rocks.slots[0].id));
    const dup = await as(api.world.paula, path(), { method: 'PUT', body: { version, policy: twice } });
    expect(dup.status).toBe(422);
    expect(dup.body.errors).toEqual([{ path: 'rocks.slots.1.id', message: 'slot id "trust" is used twice' }]);

    const late = edited(policy, (p) => (p.checkIns.reminder = { daysBeforeClose: 9, at: '09:00' }));
    const outside = await as(api.world.paula, path(), { method: 'PUT', body: { version, policy: late } });
    expect(outside.body.errors.map((e: { path: string }) => e.path)).toEqual(['checkIns.reminder.daysBeforeClose']);
    expect((await current()).version).toBe(version);
  });

  it('previews who becomes ineligible, by name, without saving', async () => {
    const { version, policy } = await current();
    const res = await as(api.world.paula, apiPaths.policyPreview(api.world.org.id), {
      method: 'POST',
      body: { version, policy: edited(policy, (p) => (p.exclusions.roleCategories = ['staff'])) },
    });
    expect(res.status).toBe(200);
    expect(res.body.changes).toEqual([{ field: 'exclusions.roleCategories', before: [], after: ['staff'] }]);
    const eligibility = res.body.effects.find((e: { field: string }) => e.field === 'exclusions');
    expect(eligibility.items.map((i: { text: string }) => i.text)).toContain('Alice Reviewee is no longer prompted: staff staff are outside this policy');
    expect((await current()).version).toBe(version);
  });

  it('saves a valid edit as the next version, audited, and a new reminder time moves the queued reminders', async () => {
    const ctx = { repos: api.repos, now: () => NOW, logger: createLogger('silent') };
    const org = { organisationId: api.world.org.id };
    await queueDuePrompts(ctx);
    const key = reminderKey(api.world.org.id, api.world.events.open.id, api.world.alice.id);
    // check-in 2 closes Thursday 5 March 23:59 (GMT); the reminder goes that morning at 09:00
    expect((await api.repos.outboxJobs.findByIdempotencyKey(org, key, NOW))?.notBefore).toEqual(new Date('2026-03-05T09:00:00.000Z'));

    const { version, policy } = await current();
    const next = edited(policy, (p) => {
      p.checkIns.reminder = { daysBeforeClose: 1, at: '15:30' };
      p.rocks.maxSuccessCriteria = 5;
    });
    const res = await as(api.world.paula, path(), { method: 'PUT', body: { version, policy: next } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: version + 1, savedBy: 'Paula Admin', remindersMoved: 5 });
    expect(res.body.changes).toEqual([
      { field: 'rocks.maxSuccessCriteria', before: 7, after: 5 },
      { field: 'checkIns.reminder.daysBeforeClose', before: 0, after: 1 },
      { field: 'checkIns.reminder.at', before: '09:00', after: '15:30' },
    ]);
    expect((await api.repos.outboxJobs.findByIdempotencyKey(org, key, NOW))?.notBefore).toEqual(new Date('2026-03-04T15:30:00.000Z'));
    // and the next check-in's reminder will be queued at the new time
    const stored = await api.repos.organisations.get(api.world.org.id);
    expect(reminderAt(api.world.events.upcoming, stored!.policy)).toEqual(new Date('2026-03-18T15:30:00.000Z'));

    expect(await current()).toMatchObject({ version: version + 1, policy: { rocks: { maxSuccessCriteria: 5 } } });
    const versions = await as(api.world.paula, apiPaths.policyVersions(api.world.org.id));
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([version + 1, version]);
    const [entry] = (await api.repos.auditLog.list(org)).items.filter((e) => e.action === 'policy.changed');
    expect(entry).toMatchObject({ actor: { personId: api.world.paula.id }, details: { version: version + 1, basedOn: version, fields: ['rocks.maxSuccessCriteria', 'checkIns.reminder.daysBeforeClose', 'checkIns.reminder.at'] } });
  });

  it('refuses an edit based on a version that is no longer current (409) and says which is', async () => {
    const { version, policy } = await current();
    const res = await as(api.world.paula, path(), { method: 'PUT', body: { version: version - 1, policy: edited(policy, (p) => (p.retention.years = 7)) } });
    expect(res.status).toBe(409);
    expect(res.body.current).toMatchObject({ version });
    expect((await current()).policy.retention.years).toBe(6);
  });

  it('lets exactly one of two simultaneous saves from the same version win', async () => {
    const { version, policy } = await current();
    const [a, b] = await Promise.all([
      as(api.world.paula, path(), { method: 'PUT', body: { version, policy: edited(policy, (p) => (p.retention.years = 7)) } }),
      as(api.world.paula, path(), { method: 'PUT', body: { version, policy: edited(policy, (p) => (p.retention.years = 8)) } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? 7 : 8;
    expect(await current()).toMatchObject({ version: version + 1, policy: { retention: { years: winner } } });
  });

  it('completes a save whose winner stopped between storing the version and putting it in force', async () => {
    const { version, policy } = await current();
    const org = { organisationId: api.world.org.id };
    const stored = await api.repos.organisations.get(api.world.org.id);
    const next = { ...stored!.policy, retention: { ...stored!.policy.retention, years: 9 } };
    // What the winner had done before it died: the version document only.
    expect(await api.repos.policyVersions.insertOnce(org, { id: policyVersionIdFor(org.organisationId, version + 1), organisationId: org.organisationId, version: version + 1, basedOn: version, policy: next, savedAt: NOW, savedBy: { personId: api.world.paula.id, displayName: 'Paula Admin' }, changes: [{ field: 'retention.years', before: policy.retention.years, after: 9 }] })).toBe(true);
    expect(await current()).toMatchObject({ version: version + 1, policy: { retention: { years: 9 } } });
    expect((await api.repos.organisations.get(api.world.org.id))?.policyVersion).toBe(version + 1);
    const audited = (await api.repos.auditLog.list(org)).items.filter((e) => e.action === 'policy.changed' && (e.details as { version: number }).version === version + 1);
    expect(audited).toHaveLength(1);
  });

  it('PATCH changes only the fields sent: new words show on /me at once', async () => {
    const { version } = await current();
    const res = await as(api.world.paula, path(), { method: 'PATCH', body: { version, changes: { vocabulary: { rock: 'objective', rocks: 'objectives' } } } });
    expect(res.status).toBe(200);
    expect(res.body.changes.map((c: { field: string }) => c.field)).toEqual(['vocabulary.rock', 'vocabulary.rocks']);
    expect((await as(api.world.alice, apiPaths.me())).body.vocabulary).toMatchObject({ rock: 'objective', rocks: 'objectives' });
  });

  it('a minimum of alignments is enforced when a rock is proposed', async () => {
    const { version } = await current();
    expect((await as(api.world.paula, path(), { method: 'PATCH', body: { version, changes: { alignment: { minimum: 1 } } } })).status).toBe(200);
    const created = await as(api.world.alice, apiPaths.rocks(), { method: 'POST', body: { slotId: 'others', title: 'Mentor two ECTs', successCriteria: [{ text: 'Both pass' }] } });
    expect(created.status).toBe(201);
    const refused = await as(api.world.alice, apiPaths.rockAction(created.body.id, 'propose'), { method: 'POST', body: { version: created.body.version } });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ path: 'alignment', message: 'choose at least 1 Trust pillar before proposing' }]);
    const aligned = await as(api.world.alice, apiPaths.rock(created.body.id), { method: 'PATCH', body: { version: created.body.version, alignment: ['2b'] } });
    expect((await as(api.world.alice, apiPaths.rockAction(created.body.id, 'propose'), { method: 'POST', body: { version: aligned.body.version } })).status).toBe(200);
  });

  it("SMT limited to their own school's rocks no longer read another school's", async () => {
    const sue = buildPerson({ organisationId: api.world.org.id, entraObjectId: randomUUID(), displayName: 'Sue Senior', roles: ['smt'], school: 'North School' });
    await api.repos.people.upsertMany({ organisationId: api.world.org.id }, [sue, { ...api.world.sam, school: 'North School' }]);
    const rocksOf = (p: Person) => apiPaths.personRocks(p.id);
    expect((await as(sue, rocksOf(api.world.alice))).status).toBe(200);
    const { version } = await current();
    const saved = await as(api.world.paula, path(), { method: 'PATCH', body: { version, changes: { access: { smtSeeRocks: 'school' } } } });
    expect(saved.status).toBe(200);
    expect((await as(sue, rocksOf(api.world.alice))).status).toBe(403);
    expect((await as(sue, rocksOf(api.world.sam))).status).toBe(200);
    expect((await as(sue, apiPaths.personCheckIns(api.world.sam.id))).status).toBe(403);
  });

  it("withdrawing the coaches' grant to check-ins closes the coach's access, and the preview names the coach", async () => {
    const timeline = apiPaths.personCheckIns(api.world.alice.id);
    const thread = apiPaths.thread('check-in', api.world.aliceCheckIn.id);
    expect((await as(api.world.colin, timeline)).status).toBe(200);
    expect((await as(api.world.colin, thread)).status).toBe(200);
    const lastOf = async () => (await as(api.world.colin, apiPaths.team())).body.members.find((m: { person: { id: string } }) => m.person.id === api.world.alice.id).lastCheckIn;
    expect(await lastOf()).toMatchObject({ id: api.world.aliceCheckIn.id });
    const { version, policy } = await current();
    const next = edited(policy, (p) => (p.access.coachesSeeCheckIns = false));
    const preview = await as(api.world.paula, apiPaths.policyPreview(api.world.org.id), { method: 'POST', body: { version, policy: next } });
    expect(preview.body.effects).toContainEqual({ field: 'access.coachesSeeCheckIns', summary: "1 will no longer see their coachees' check-ins.", items: [{ id: api.world.colin.id, text: 'Colin Coach (1 coachees)' }] });
    expect((await as(api.world.paula, path(), { method: 'PUT', body: { version, policy: next } })).status).toBe(200);
    expect((await as(api.world.colin, timeline)).status).toBe(403);
    // nor the conversation about it
    expect((await as(api.world.colin, thread)).status).toBe(404);
    expect((await as(api.world.rita, thread)).status).toBe(200);
    expect(await lastOf()).toBeUndefined();
    expect((await as(api.world.rita, timeline)).status).toBe(200);
    expect((await as(api.world.colin, apiPaths.personRocks(api.world.alice.id))).status).toBe(200);
  });
  it('a lowered success-criteria maximum keeps the rocks over it (previewed by name): they may lose criteria, not gain', async () => {
    let { version } = await current();
    expect((await as(api.world.paula, path(), { method: 'PATCH', body: { version, changes: { rocks: { maxSuccessCriteria: 7 } } } })).status).toBe(200);
    const seven = Array.from({ length: 7 }, (_, i) => ({ text: `Criterion ${i + 1}` }));
    const rock = await as(api.world.alice, apiPaths.rocks(), { method: 'POST', body: { slotId: 'self', title: 'Lead the reading audit', alignment: ['1a'], successCriteria: seven } });
    expect(rock.status).toBe(201);
    ({ version } = await current());
    const lower = (await current()).policy;
    lower.rocks.maxSuccessCriteria = 4;
    const preview = await as(api.world.paula, apiPaths.policyPreview(api.world.org.id), { method: 'POST', body: { version, policy: lower } });
    expect(preview.body.effects.find((e: { field: string }) => e.field === 'rocks.maxSuccessCriteria').items).toEqual([{ id: rock.body.id, text: 'Alice Reviewee — "Lead the reading audit" (7 success criteria)' }]);
    expect((await as(api.world.paula, path(), { method: 'PUT', body: { version, policy: lower } })).status).toBe(200);

    const criteria = rock.body.successCriteria.map((c: { id: string; text: string }) => ({ id: c.id, text: c.text }));
    const kept = await as(api.world.alice, apiPaths.rock(rock.body.id), { method: 'PATCH', body: { version: rock.body.version, title: 'Lead the reading audit (Y7)', successCriteria: criteria } });
    expect(kept.status).toBe(200);
    expect(kept.body.successCriteria).toHaveLength(7);
    const more = await as(api.world.alice, apiPaths.rock(rock.body.id), { method: 'PATCH', body: { version: kept.body.version, successCriteria: [...criteria, { text: 'One more' }] } });
    expect(more.status).toBe(422);
    expect(more.body.errors[0].message).toBe('up to 4 success criteria (this one has 7 from before the limit was lowered: keep or remove them, but add none)');
  });
  it("a policy adopted at rollover (a new pack, a new id) is the next version: a tab open on the old one gets 409", async () => {
    const ctx = { repos: api.repos, now: () => NOW, logger: createLogger('silent') };
    const { version, policy } = await current();
    const organisation = (await api.repos.organisations.get(api.world.org.id))!;
    const nextYear = { ...organisation.policy, id: 'test-policy-2026-27', name: 'Test policy 2026-27' };
    const adopted = await adoptPolicy(ctx, organisation, nextYear);
    expect(adopted).toMatchObject({ version: version + 1, changes: [{ field: 'id', before: 'test-policy', after: 'test-policy-2026-27' }, { field: 'name', before: 'Test policy', after: 'Test policy 2026-27' }] });
    expect(await current()).toMatchObject({ version: version + 1, policy: { id: 'test-policy-2026-27' } });
    expect((await as(api.world.paula, path(), { method: 'PUT', body: { version, policy } })).status).toBe(409);
  });
});
