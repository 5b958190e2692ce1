// Review of issue 16: a legal hold put while the nightly purge is running. The run reads the
// holds once at its start; a hold put after that (a PG admin told of a claim at 02:00) must still
// keep what the run has not yet deleted about the person — the purges still to come in that run.
import { randomUUID } from 'node:crypto';
import { createRepositories, ensureIndexes, type Repositories } from '../../../bot/data/db';
import { createLogger } from '../../../bot/logger';
import type { Actor } from '../../../bot/usecases/access';
import type { UseCaseContext } from '../../../bot/usecases/context';
import { putLegalHold } from '../../../bot/usecases/legalHold';
import { runRetention } from '../../../bot/usecases/retention';
import { buildCheckIn, buildCycle, buildOrganisation, buildPerson, buildPolicy, buildPraise } from '../../support/builders';
import { openTestDatabase, type TestDatabase } from '../../support/database';

const NOW = new Date('2026-02-27T12:00:00.000Z');
const OLD = new Date('2018-03-01T10:00:00.000Z');

describe('retention: a hold put while the purge runs', () => {
  let database: TestDatabase;
  let repos: Repositories;
  beforeAll(async () => {
    database = await openTestDatabase('holdduringpurge');
    await ensureIndexes(database.db);
    repos = createRepositories(database.db);
  });
  afterAll(async () => database.drop());

  it('keeps everything about the newly held person that the run had not yet deleted', async () => {
    const org = buildOrganisation({ id: randomUUID(), name: 'Hold Race Trust', policy: buildPolicy({}) });
    await repos.organisations.upsert(org);
    const a = { organisationId: org.id };
    const person = (displayName: string, overrides = {}) => buildPerson({ organisationId: org.id, entraObjectId: randomUUID(), displayName, ...overrides });
    const paula = person('Paula Admin', { roles: ['pg-admin'] });
    const hana = person('Hana Soon Held');
    const alice = person('Alice Other');
    await repos.people.upsertMany(a, [paula, hana, alice]);
    const first = buildCycle({ organisationId: org.id, key: '2016-17', label: '2016-17', startsOn: '2016-09-01', endsOn: '2017-07-22' });
    const second = buildCycle({ organisationId: org.id, key: '2017-18', label: '2017-18', startsOn: '2017-09-01', endsOn: '2018-07-22' });
    for (const c of [first, second]) await repos.cycles.upsert(a, c);
    for (const c of [first, second]) for (const p of [hana, alice]) await repos.checkIns.submit(a, buildCheckIn({ organisationId: org.id, personId: p.id, cycleId: c.id, eventId: `${c.key}-check-in-1`, submittedAt: OLD, createdAt: OLD, updatedAt: OLD }));
    await repos.praise.insert(a, [buildPraise({ organisationId: org.id, fromPersonId: alice.id, toPersonId: hana.id, message: 'Thanks, Hana', createdAt: OLD })]);
    const ctx: UseCaseContext = { repos, now: () => NOW, logger: createLogger('silent') };
    const actor = { organisation: org, person: paula } as Actor;
    let holdPut = false;
    const result = await runRetention(ctx, org, NOW, {
      onPurged: async () => {
        if (holdPut) return;
        holdPut = true;
        await putLegalHold(ctx, actor, hana.id, 'Claim received during the night');
      },
    });
    expect(holdPut).toBe(true);
    const left = async (collection: string, filter: Record<string, unknown>) => database.db.collection(collection).countDocuments({ organisationId: org.id, ...filter });
    // The first cycle went before the hold; the second cycle's and the undated records about Hana stay.
    expect(await left('checkIns', { personId: hana.id, cycleId: first.id })).toBe(0);
    expect(await left('checkIns', { personId: hana.id, cycleId: second.id })).toBe(1);
    expect(await left('praise', { toPersonId: hana.id })).toBe(1);
    // Everyone else's go as planned.
    expect(await left('checkIns', { personId: alice.id })).toBe(0);
    // The audit entries count what was destroyed, not what was planned before the hold.
    const entries = await database.db.collection('auditLog').find({ organisationId: org.id, action: 'retention.purged' }).toArray();
    const destroyed = entries.reduce((n, e) => n + (e.details as { total: number }).total, 0);
    expect(destroyed).toBe(result.purged);
    expect(result.purged).toBe(3);
  });
});
