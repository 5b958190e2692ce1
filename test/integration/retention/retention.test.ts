// Issue 16, the six-year rule through the real /api/v1 and the real scheduled run: a PG admin sees
// the dry run (what goes, when, how many of each kind, who is held), holds a person, and the purge
// then destroys exactly what the report said — an old cycle's records, old records without a cycle,
// a leaver six years after they left — keeping the current cycle and everything about the held
// person. Each purge is audited with counts only; a re-run is a no-op; a run cut short finishes on
// the next. The database is checked after every refused request.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'restify';
import type { Db } from 'mongodb';
import { loadConfig } from '../../../bot/config';
import { createRepositories, ensureIndexes, pingDatabase, type Repositories } from '../../../bot/data/db';
import { PersonalDataRepository, personalCollections, RETENTION_PURGE_ACTION } from '../../../bot/data/personalData';
import { registerApiRoutes } from '../../../bot/http/api';
import { createHttpApp } from '../../../bot/http/app';
import { createLogger } from '../../../bot/logger';
import type { UseCaseContext } from '../../../bot/usecases/context';
import { retentionPlan, runRetention, scheduledRetention } from '../../../bot/usecases/retention';
import { isOnLegalHold } from '../../../bot/usecases/legalHold';
import { apiPaths as paths, retentionReportSchema } from '../../../shared/api';
import type { Cycle, Organisation, Person } from '../../../shared/domain';
import { buildAuditEntry, buildCheckIn, buildComment, buildConversationReference, buildCycle, buildOrganisation, buildPerson, buildPolicy, buildPraise, buildRock } from '../../support/builders';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { startIdentityStandIn, type IdentityStandIn } from '../../standins/identity';

const NOW = new Date('2026-02-27T12:00:00.000Z');
const OLD = new Date('2019-03-01T10:00:00.000Z');
const logger = createLogger('silent');

interface World {
  org: Organisation;
  other: Organisation;
  paula: Person;
  alice: Person;
  hana: Person;
  leo: Person;
  lara: Person;
  oscar: Person;
  oldCycle: Cycle;
  currentCycle: Cycle;
}

describe('retention: the six-year rule, its report, legal holds and the purge', () => {
  let database: TestDatabase;
  let db: Db;
  let repos: Repositories;
  let identity: IdentityStandIn;
  let server: Server;
  let url: string;
  let now = NOW;
  let w: World;
  const ctx = (): UseCaseContext => ({ repos, now: () => now, logger });

  async function call(person: Person | null, path: string, init: { method?: string; body?: unknown } = {}) {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (person) headers.Authorization = `Bearer ${await identity.signToken({ oid: person.entraObjectId!, tid: person.organisationId, preferred_username: person.email, name: person.displayName }, { now })}`;
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(`${url}${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
    const text = await res.text();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as any, text };
  }

  /** Every personal record of the organisation, by collection, straight from the database (not the run's own daily claim). */
  async function countAll(organisationId = w.org.id): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const entry of personalCollections) {
      const notTheRunsClaim = entry.collection === 'decisions' ? { kind: { $ne: 'retention-run' } } : {};
      counts[entry.collection] = await db.collection(entry.collection).countDocuments({ organisationId, ...notTheRunsClaim });
    }
    return counts;
  }
  const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
  const about = (collection: string, filter: Record<string, unknown>) => db.collection(collection).countDocuments({ organisationId: w.org.id, ...filter });

  beforeAll(async () => {
    database = await openTestDatabase('retention');
    db = database.db;
    await ensureIndexes(db);
    repos = createRepositories(db);
    identity = await startIdentityStandIn();
    const config = loadConfig({ NODE_ENV: 'test', MONGODB_URI: database.uri, AUTH_MODE: 'teams', AAD_APP_CLIENT_ID: identity.clientId, AAD_AUTHORITY_HOST: identity.url, LOG_LEVEL: 'silent' });
    w = await seed(repos);
    server = createHttpApp({ config, logger, pingDatabase: () => pingDatabase(db), bot: { handle: async () => undefined }, registerRoutes: (s) => registerApiRoutes(s, { config, logger, repos, now: () => now }) });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.server.closeAllConnections();
    await closed;
    await identity.close();
    await database.drop();
  });

  it('refuses the report and holds to anyone but a PG admin of the organisation, and stores nothing', async () => {
    const before = await countAll();
    for (const res of [await call(w.alice, paths.retention()), await call(w.alice, paths.legalHold(w.hana.id), { method: 'PUT', body: { reason: 'I say so' } }), await call(w.alice, paths.legalHold(w.hana.id), { method: 'DELETE', body: { reason: 'x' } })]) {
      expect(res.status).toBe(403);
      expect(res.text).not.toMatch(/Hana|stack|at .*\.ts|mongodb|127\.0\.0\.1/i);
    }
    expect((await call(null, paths.retention())).status).toBe(401);
    // Another organisation's administrator sees their own (empty) organisation, never ours, and cannot hold our people.
    const theirs = await call(w.oscar, paths.retention());
    expect(theirs.status).toBe(200);
    expect(JSON.stringify(theirs.body)).not.toMatch(/Hana|Alice|Leo|2018-19/);
    expect((await call(w.oscar, paths.legalHold(w.hana.id), { method: 'PUT', body: { reason: 'Tribunal' } })).status).toBe(404);
    expect(await countAll()).toEqual(before);
    expect(await isOnLegalHold(ctx(), w.org.id, w.hana.id)).toBe(false);
  });

  it('answers precise 422s for a bad date or reason, and stores nothing', async () => {
    const before = await countAll();
    const cases: Array<[string, { method?: string; body?: unknown }, string]> = [
      [`${paths.retention()}?asOf=next-year`, {}, 'asOf'],
      [`${paths.retention()}?asOf=2020-01-01`, {}, 'asOf'],
      [paths.legalHold(w.hana.id), { method: 'PUT', body: {} }, 'reason'],
      [paths.legalHold(w.hana.id), { method: 'PUT', body: { reason: '   ' } }, 'reason'],
      [paths.legalHold(w.hana.id), { method: 'PUT', body: { reason: 'x'.repeat(501) } }, 'reason'],
      [paths.legalHold(w.hana.id), { method: 'PUT', body: { reason: { $ne: 1 } } }, 'reason'],
      [paths.legalHold(w.hana.id), { method: 'DELETE', body: {} }, 'reason'],
    ];
    for (const [path, init, field] of cases) {
      const res = await call(w.paula, path, init);
      expect(res.status).toBe(422);
      expect(JSON.stringify(res.body)).toContain(field);
      expect(res.text).not.toMatch(/stack|ZodError|at .*\.ts/);
    }
    expect((await call(w.paula, paths.legalHold('nobody-here'), { method: 'PUT', body: { reason: 'Tribunal' } })).status).toBe(404);
    expect(await countAll()).toEqual(before);
  });

  it('puts a hold with a reason (audited), and re-putting it rewords it without a second hold', async () => {
    const put = await call(w.paula, paths.legalHold(w.hana.id), { method: 'PUT', body: { reason: 'Employment tribunal claim ET/123' } });
    expect(put.status).toBe(201);
    expect(put.body.hold).toMatchObject({ personId: w.hana.id, displayName: 'Hana Held', reason: 'Employment tribunal claim ET/123', heldBy: 'Paula Admin' });
    const again = await call(w.paula, paths.legalHold(w.hana.id), { method: 'PUT', body: { reason: 'Employment tribunal claim ET/123 (appeal)' } });
    expect(again.status).toBe(200);
    expect(await db.collection('legalHolds').countDocuments({ organisationId: w.org.id })).toBe(1);
    expect(await isOnLegalHold(ctx(), w.org.id, w.hana.id)).toBe(true);
    expect(await isOnLegalHold(ctx(), w.other.id, w.hana.id)).toBe(false);
    const audit = await db.collection('auditLog').find({ organisationId: w.org.id, action: { $in: ['retention.holdPut', 'retention.holdReworded'] } }).toArray();
    expect(audit.map((a) => [a.action, a.subject.id, a.actor.personId])).toEqual(expect.arrayContaining([['retention.holdPut', w.hana.id, w.paula.id], ['retention.holdReworded', w.hana.id, w.paula.id]]));
  });

  it('holds concurrently put by two admins are one hold; an id of another organisation is not found', async () => {
    const puts = await Promise.all([1, 2, 3, 4].map((n) => call(w.paula, paths.legalHold(w.alice.id), { method: 'PUT', body: { reason: `Grievance ${n}` } })));
    expect(puts.map((r) => r.status).sort()).toEqual([200, 200, 200, 201]);
    expect(await db.collection('legalHolds').countDocuments({ organisationId: w.org.id, personId: w.alice.id })).toBe(1);
    expect(await about('auditLog', { action: 'retention.holdPut', 'subject.id': w.alice.id })).toBe(1);
    const lifted = await Promise.all([1, 2].map(() => call(w.paula, paths.legalHold(w.alice.id), { method: 'DELETE', body: { reason: 'Raised in error' } })));
    expect(lifted.map((r) => r.body.lifted).sort()).toEqual([false, true]);
    expect(await about('auditLog', { action: 'retention.holdLifted', 'subject.id': w.alice.id })).toBe(1);
    expect(await isOnLegalHold(ctx(), w.org.id, w.alice.id)).toBe(false);
    const before = await db.collection('legalHolds').countDocuments({});
    const foreign = await call(w.paula, paths.legalHold(w.oscar.id), { method: 'PUT', body: { reason: 'Tribunal' } });
    expect(foreign.status).toBe(404);
    expect(foreign.text).not.toContain('Oscar');
    expect(await db.collection('legalHolds').countDocuments({})).toBe(before);
  });

  it('reports what goes now and next; the scheduled purge then destroys exactly that, keeping the current cycle and the held person', async () => {
    const res = await call(w.paula, paths.retention());
    expect(res.status).toBe(200);
    const report = retentionReportSchema.parse(res.body);
    expect(report).toMatchObject({ years: 6, from: 'cycle-end' });
    const cycle = report.due.find((p) => p.kind === 'cycle')!;
    expect(cycle).toMatchObject({ label: '2018-19', dueOn: '2025-07-23' });
    // Alice's old check-in and rock go; Hana's are held.
    expect(cycle.counts).toEqual(expect.arrayContaining([{ kind: 'Check-ins', collection: 'checkIns', count: 1 }, { kind: 'Rocks', collection: 'rocks', count: 1 }]));
    const leaver = report.due.find((p) => p.kind === 'leaver')!;
    expect(leaver.label).toBe('Leo Leaver (left 2019-12-31)');
    expect(leaver.counts).toEqual(expect.arrayContaining([{ kind: 'Directory entries', collection: 'people', count: 1 }]));
    expect(report.upcoming.map((p) => [p.kind, p.label, p.dueOn])).toEqual([
      ['leaver', 'Lara Later (left 2024-03-01)', '2030-03-02'],
      ['cycle', '2025-26', '2032-07-23'],
    ]);
    expect(report.held).toEqual([expect.objectContaining({ personId: w.hana.id, displayName: 'Hana Held', reason: 'Employment tribunal claim ET/123 (appeal)' })]);
    expect(report.keptByHold.find((k) => k.collection === 'checkIns')?.count).toBe(1);
    const planned = report.due.reduce((n, p) => n + p.total, 0);
    expect(planned).toBeGreaterThan(0);

    const before = await countAll();
    const result = (await scheduledRetention(ctx(), 'worker-a')).find((r) => r.organisationId === w.org.id);
    expect(result!.purged).toBe(planned);
    const after = await countAll();
    // The purge's own audit entries are the only records added.
    const ownEntries = await about('auditLog', { action: RETENTION_PURGE_ACTION });
    expect(sum(before) - sum(after) + ownEntries).toBe(planned);

    // Gone: the old cycle's records of staff not held, old records without a cycle, the leaver entirely.
    expect(await about('checkIns', { cycleId: w.oldCycle.id, personId: w.alice.id })).toBe(0);
    expect(await about('rocks', { cycleId: w.oldCycle.id, personId: w.alice.id })).toBe(0);
    expect(await about('comments', { ownerPersonId: w.alice.id, createdAt: { $lt: new Date('2020-01-01') } })).toBe(0);
    expect(await about('praise', { toPersonId: w.alice.id })).toBe(0);
    expect(await about('people', { _id: w.leo.id })).toBe(0);
    expect(await about('conversationReferences', { personId: w.leo.id })).toBe(0);
    expect(await about('auditLog', { 'subject.id': w.leo.id })).toBe(0);
    // Kept: the current cycle, the held person's old records, Lara (not yet six years), Alice herself.
    expect(await about('checkIns', { cycleId: w.currentCycle.id })).toBe(2);
    expect(await about('checkIns', { cycleId: w.oldCycle.id, personId: w.hana.id })).toBe(1);
    expect(await about('rocks', { cycleId: w.oldCycle.id, personId: w.hana.id })).toBe(1);
    expect(await about('praise', { toPersonId: w.hana.id })).toBe(1);
    expect(await about('people', { _id: { $in: [w.lara.id, w.alice.id, w.hana.id] } })).toBe(3);
    // Another organisation is untouched (its own run found nothing due).
    expect(await db.collection('checkIns').countDocuments({ organisationId: w.other.id })).toBe(1);
  });

  it('audits each purge with counts only: no name, no text, no person id; its entry survives', async () => {
    const entries = await db.collection('auditLog').find({ organisationId: w.org.id, action: RETENTION_PURGE_ACTION }).toArray();
    expect(entries.map((e) => e.subject.kind).sort()).toEqual(['cycle', 'retention-leaver', 'retention-undated']);
    for (const entry of entries) {
      expect(entry.actor).toEqual({ kind: 'system' });
      expect(entry.details.total).toBeGreaterThan(0);
      const text = JSON.stringify(entry);
      for (const p of [w.alice, w.leo, w.hana, w.lara]) {
        expect(text).not.toContain(p.id);
        expect(text).not.toContain(p.displayName);
        expect(text).not.toContain(p.email);
      }
      expect(text).not.toMatch(/Year 9|plenar|Thanks|assembly/);
    }
    expect(entries.find((e) => e.subject.kind === 'cycle')!.subject.id).toBe(w.oldCycle.id);
  });

  it('a second run, the same day or the next, destroys nothing and writes nothing', async () => {
    const before = await countAll();
    // The same day: another worker finds the day claimed and does nothing.
    expect(await scheduledRetention(ctx(), 'worker-b')).toEqual([]);
    expect(await about('decisions', { kind: 'retention-run' })).toBe(1);
    now = new Date(NOW.getTime() + 24 * 3_600_000);
    const next = (await scheduledRetention(ctx(), 'worker-b')).find((r) => r.organisationId === w.org.id);
    expect(next).toMatchObject({ purged: 0, purges: [] });
    expect(await countAll()).toEqual(before);
    now = NOW;
  });

  it('lifting the hold (with a reason, audited) lets the next run take the held records', async () => {
    const lifted = await call(w.paula, paths.legalHold(w.hana.id), { method: 'DELETE', body: { reason: 'Claim settled' } });
    expect(lifted).toMatchObject({ status: 200, body: { lifted: true } });
    expect(await isOnLegalHold(ctx(), w.org.id, w.hana.id)).toBe(false);
    expect(await about('auditLog', { action: 'retention.holdLifted', 'subject.id': w.hana.id })).toBe(1);
    await runRetention(ctx(), (await repos.organisations.get(w.org.id))!, now);
    expect(await about('checkIns', { cycleId: w.oldCycle.id })).toBe(0);
    expect(await about('rocks', { cycleId: w.oldCycle.id })).toBe(0);
    // Her audit entries about the hold are older than nothing yet: they stay while she is here.
    expect(await about('people', { _id: w.hana.id })).toBe(1);
  });

  it('a run cut short after one collection finishes on the next, under the same audit entry', async () => {
    now = new Date('2030-03-05T12:00:00.000Z');
    const organisation = (await repos.organisations.get(w.org.id))!;
    const plan = (await call(w.paula, paths.retention())).body;
    const lara = plan.due.find((p: { kind: string }) => p.kind === 'leaver');
    expect(lara.label).toBe('Lara Later (left 2024-03-01)');
    // A database whose second delete of the run fails, as a crash between two collections would.
    let deletes = 0;
    const crashing = new Proxy(db, {
      get(target, key, receiver) {
        if (key !== 'collection') return Reflect.get(target, key, receiver) as unknown;
        return (name: string) => {
          const collection = target.collection(name);
          return new Proxy(collection, {
            get(c, k, r) {
              if (k === 'deleteMany') return async (...args: Parameters<typeof collection.deleteMany>) => {
                deletes += 1;
                if (deletes > 1) throw new Error('connection lost');
                return c.deleteMany(...args);
              };
              const value = Reflect.get(c, k, r) as unknown;
              return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(c) : value;
            },
          });
        };
      },
    });
    const cut = { ...ctx(), repos: { ...repos, personalData: new PersonalDataRepository(crashing) } };
    await expect(runRetention(cut, organisation, now)).rejects.toThrow('connection lost');
    expect(await about('people', { _id: w.lara.id })).toBe(1);
    const entriesAfterCrash = await about('auditLog', { action: RETENTION_PURGE_ACTION, 'subject.kind': 'retention-leaver' });

    await runRetention(ctx(), organisation, now);
    expect(await about('people', { _id: w.lara.id })).toBe(0);
    expect(await about('checkIns', { personId: w.lara.id })).toBe(0);
    expect(await about('conversationReferences', { personId: w.lara.id })).toBe(0);
    expect(await about('auditLog', { action: RETENTION_PURGE_ACTION, 'subject.kind': 'retention-leaver' })).toBe(entriesAfterCrash);
    const entry = (await db.collection('auditLog').find({ organisationId: w.org.id, action: RETENTION_PURGE_ACTION, 'subject.kind': 'retention-leaver' }).sort({ at: -1 }).limit(1).toArray())[0]!;
    expect(entry.details.total).toBe(lara.total);
    // And nothing left past retention: a further run finds nothing.
    expect((await runRetention(ctx(), organisation, now)).purged).toBe(0);
    now = NOW;
  });
});

describe("retention from the day a person leaves (seed 002 §14.3: kept on the personnel file, then 6 years)", () => {
  let database: TestDatabase;
  let repos: Repositories;
  let w: World;
  const ctx = (): UseCaseContext => ({ repos, now: () => NOW, logger });
  const count = (collection: string, filter: Record<string, unknown>) => database.db.collection(collection).countDocuments({ organisationId: w.org.id, ...filter });

  beforeAll(async () => {
    database = await openTestDatabase('retention_leaving');
    await ensureIndexes(database.db);
    repos = createRepositories(database.db);
    w = await seed(repos, { years: 6, from: 'leaving' });
  });
  afterAll(async () => database.drop());

  it("keeps a finished cycle's records of everyone still here, and takes a leaver's whole record six years after they left", async () => {
    const plan = await retentionPlan(ctx(), w.org, NOW);
    expect(plan.from).toBe('leaving');
    // No cycle purge: everyone still here keeps 2018-19, and the old audit entry about Alice's 2018-19 check-in stays with it.
    expect(plan.due.filter((p) => p.total > 0).map((p) => p.kind)).toEqual(['leaver']);
    expect(plan.upcoming.map((p) => p.label)).toEqual(expect.arrayContaining(['Lara Later (left 2024-03-01)']));
    const result = await runRetention(ctx(), w.org, NOW);
    expect(result.purged).toBe(plan.due.reduce((n, p) => n + p.total, 0));
    expect(await count('checkIns', { cycleId: w.oldCycle.id, personId: { $in: [w.alice.id, w.hana.id] } })).toBe(2);
    expect(await count('rocks', { cycleId: w.oldCycle.id, personId: { $in: [w.alice.id, w.hana.id] } })).toBe(2);
    expect(await count('praise', { toPersonId: w.alice.id })).toBe(1);
    expect(await count('auditLog', { 'subject.kind': 'check-in', at: OLD })).toBe(1);
    expect(await count('checkIns', { personId: w.leo.id })).toBe(0);
    expect(await count('people', { _id: w.leo.id })).toBe(0);
    expect(await count('people', { _id: w.lara.id })).toBe(1);
  });
});

async function seed(repos: Repositories, retention?: Organisation['policy']['retention']): Promise<World> {
  const guid = () => randomUUID();
  const policy = buildPolicy(retention ? { retention } : {});
  const org = buildOrganisation({ id: guid(), name: 'Retention Trust', policy });
  const other = buildOrganisation({ id: guid(), name: 'Another Trust', policy });
  await repos.organisations.upsert(org);
  await repos.organisations.upsert(other);
  const a = { organisationId: org.id };
  const person = (displayName: string, overrides: Partial<Person> = {}) => buildPerson({ organisationId: org.id, entraObjectId: guid(), displayName, email: `${displayName.split(' ')[0]!.toLowerCase()}@retention.example`, ...overrides });
  const paula = person('Paula Admin', { roles: ['pg-admin'] });
  const alice = person('Alice Current');
  const hana = person('Hana Held');
  const leo = person('Leo Leaver', { status: 'excluded', statusReason: 'left: not in the staff directory imported on 2019-12-31', leftOn: '2019-12-31' });
  const lara = person('Lara Later', { status: 'excluded', statusReason: 'left: on 2024-03-01 (leaving date in the HR file)', leftOn: '2024-03-01' });
  const oscar = buildPerson({ organisationId: other.id, entraObjectId: guid(), displayName: 'Oscar Outsider', roles: ['pg-admin'] });
  await repos.people.upsertMany(a, [paula, alice, hana, leo, lara]);
  await repos.people.upsertMany({ organisationId: other.id }, [oscar]);
  const oldCycle = buildCycle({ organisationId: org.id, key: '2018-19', label: '2018-19', startsOn: '2018-09-01', endsOn: '2019-07-22', current: false });
  const currentCycle = buildCycle({ organisationId: org.id, key: '2025-26', label: '2025-26', current: true });
  await repos.cycles.upsert(a, oldCycle);
  await repos.cycles.upsert(a, currentCycle);
  // Their cycle is current: its check-in (whatever its date) is theirs to keep, whatever our purge does.
  const otherCycle = buildCycle({ organisationId: other.id, key: '2025-26' });
  await repos.cycles.upsert({ organisationId: other.id }, otherCycle);
  const checkIn = (p: Person, cycle: Cycle, at: Date) => buildCheckIn({ organisationId: p.organisationId, personId: p.id, cycleId: cycle.id, eventId: `${cycle.key}-check-in-1`, submittedAt: at, createdAt: at, updatedAt: at });
  const old = [alice, hana, leo].map((p) => checkIn(p, oldCycle, OLD));
  for (const c of [...old, checkIn(alice, currentCycle, NOW), checkIn(lara, currentCycle, new Date('2024-02-01'))]) await repos.checkIns.submit(a, c);
  await repos.checkIns.submit({ organisationId: other.id }, checkIn(oscar, otherCycle, OLD));
  for (const p of [alice, hana, leo]) await repos.rocks.create(a, buildRock({ organisationId: org.id, personId: p.id, cycleId: oldCycle.id, createdAt: OLD, updatedAt: OLD }));
  await repos.praise.insert(a, [
    buildPraise({ organisationId: org.id, fromPersonId: hana.id, toPersonId: alice.id, message: 'Thanks for the brilliant assembly', createdAt: OLD }),
    buildPraise({ organisationId: org.id, fromPersonId: alice.id, toPersonId: hana.id, message: 'Thanks for covering', createdAt: OLD }),
  ]);
  await repos.comments.add(a, buildComment({ organisationId: org.id, subject: { kind: 'check-in', id: old[0]!.id }, ownerPersonId: alice.id, authorPersonId: paula.id, text: 'Year 9 plenary went well', createdAt: OLD }));
  await repos.auditLog.append(a, buildAuditEntry({ organisationId: org.id, at: OLD, subject: { kind: 'check-in', id: old[0]!.id } }));
  await repos.auditLog.append(a, buildAuditEntry({ organisationId: org.id, at: new Date('2019-12-31T10:00:00Z'), action: 'directory.left', subject: { kind: 'person', id: leo.id } }));
  await repos.conversationReferences.upsert(a, buildConversationReference({ organisationId: org.id, personId: leo.id, installedAt: OLD }));
  await repos.conversationReferences.upsert(a, buildConversationReference({ organisationId: org.id, personId: lara.id, installedAt: OLD }));
  return { org, other, paula, alice, hana, leo, lara, oscar, oldCycle, currentCycle };
}
