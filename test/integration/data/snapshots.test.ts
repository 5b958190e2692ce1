// The in-memory copies of the directory, rocks and calendar (bot/data/snapshots.ts) on a real
// FerretDB: two repository sets over one database stand for two server processes.
import { MongoClient } from 'mongodb';
import { createRepositories } from '../../../bot/data/db';
import { GroupInserter } from '../../../bot/data/groupInsert';
import { PersonRepository } from '../../../bot/data/personRepository';
import { buildOrganisation, buildPerson, buildRock, buildScheduleEvent } from '../../support/builders';
import { useDataTestContext } from './dataTestContext';

const context = useDataTestContext('snapshots');
const org = { organisationId: 'org-snapshots' };

async function eventually(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('snapshots of slowly changing data', () => {
  test('a process reads its own writes at once, and sees another process’s on its next read', async () => {
    const { db } = context().database;
    // Process A never serves a stale copy; process B is the writer.
    const a = new PersonRepository(db, { staleMs: 0, stampFreshMs: 0 });
    const b = new PersonRepository(db);
    const jane = buildPerson({ ...org, id: 'p-jane', email: 'jane@snap.example', entraObjectId: 'oid-jane' });
    await b.upsertMany(org, [jane]);
    expect((await a.get(org, 'p-jane'))?.reachable).toBe(true);

    await b.setReachable(org, 'p-jane', false, 'MessageWritesBlocked');
    expect(await b.get(org, 'p-jane')).toMatchObject({ reachable: false, unreachableReason: 'MessageWritesBlocked' });
    expect(await a.get(org, 'p-jane')).toMatchObject({ reachable: false, unreachableReason: 'MessageWritesBlocked' });

    await a.setReachable(org, 'p-jane', true);
    expect((await a.get(org, 'p-jane'))?.reachable).toBe(true);
    expect((await a.get(org, 'p-jane'))?.unreachableReason).toBeUndefined();
    await a.linkEntraObjectId(org, 'p-jane', 'oid-jane-2');
    expect((await a.findByEntraObjectId(org, 'oid-jane-2'))?.id).toBe('p-jane');
    expect(await a.findByEntraObjectId(org, 'oid-jane')).toBeNull();
  });

  test('a copy whose stamp moved on is served for a moment while a fresh one loads, then replaced', async () => {
    const { db } = context().database;
    const scope = { organisationId: 'org-snapshots-stale' };
    let now = 1_000_000;
    const reader = new PersonRepository(db, { staleMs: 5_000, stampFreshMs: 0, nowMs: () => now });
    const writer = new PersonRepository(db);
    await writer.upsertMany(scope, [buildPerson({ ...scope, id: 'p-sam', email: 'sam@snap.example', displayName: 'Sam Old' })]);
    expect((await reader.get(scope, 'p-sam'))?.displayName).toBe('Sam Old');

    await writer.upsertMany(scope, [buildPerson({ ...scope, id: 'p-sam', email: 'sam@snap.example', displayName: 'Sam New' })]);
    now += 1_000;
    // Within staleMs of its load: the old copy now, the new one once the background load lands.
    expect((await reader.get(scope, 'p-sam'))?.displayName).toBe('Sam Old');
    await eventually(async () => (await reader.get(scope, 'p-sam'))?.displayName === 'Sam New');

    // Past staleMs, a reader waits for the fresh copy rather than serve an old one.
    await writer.upsertMany(scope, [buildPerson({ ...scope, id: 'p-sam', email: 'sam@snap.example', displayName: 'Sam Newer' })]);
    now += 60_000;
    expect((await reader.get(scope, 'p-sam'))?.displayName).toBe('Sam Newer');
  });

  test('someone added by another process is found by id before the copy reloads', async () => {
    const { db } = context().database;
    const scope = { organisationId: 'org-snapshots-new' };
    const reader = new PersonRepository(db, { staleMs: 60_000, stampFreshMs: 60_000 });
    const writer = new PersonRepository(db);
    await writer.upsertMany(scope, [buildPerson({ ...scope, id: 'p-first', email: 'first@snap.example' })]);
    await reader.get(scope, 'p-first');
    await writer.upsertMany(scope, [buildPerson({ ...scope, id: 'p-second', email: 'second@snap.example' })]);
    expect((await reader.get(scope, 'p-second'))?.id).toBe('p-second');
    expect((await reader.getMany(scope, ['p-first', 'p-second', 'p-nobody'])).map((p) => p.id).sort()).toEqual(['p-first', 'p-second']);
    // Another organisation's person is never served, copy or not.
    expect(await reader.get({ organisationId: 'org-other' }, 'p-second')).toBeNull();
  });

  test('rocks, events and organisations written in one process are read by another at once', async () => {
    const { db } = context().database;
    const scope = { organisationId: 'org-snapshots-rocks' };
    const a = createRepositories(db, { staleMs: 0, stampFreshMs: 0 });
    const b = createRepositories(db);
    const rock = buildRock({ ...scope, personId: 'p-rock', title: 'Reading age +1' });
    expect(await a.rocks.listForPerson(scope, 'p-rock')).toEqual([]);
    await b.rocks.create(scope, rock);
    expect((await a.rocks.listForPerson(scope, 'p-rock')).map((r) => r.title)).toEqual(['Reading age +1']);
    const amended = await b.rocks.updateIfVersion(scope, rock.id, rock.version, { title: 'Reading age +2' });
    expect(amended?.title).toBe('Reading age +2');
    expect((await a.rocks.get(scope, rock.id))?.title).toBe('Reading age +2');

    const organisation = buildOrganisation({ id: scope.organisationId, name: 'Stour Trust' });
    expect(await a.organisations.get(scope.organisationId)).toBeNull();
    await b.organisations.upsert(organisation);
    expect((await a.organisations.get(scope.organisationId))?.name).toBe('Stour Trust');

    const event = buildScheduleEvent({ ...scope, cycleId: 'cycle-snap', key: 'check-in-1' });
    expect(await a.scheduleEvents.list(scope, 'cycle-snap')).toEqual([]);
    await b.scheduleEvents.insertMany(scope, [event]);
    expect((await a.scheduleEvents.findByKey(scope, 'cycle-snap', 'check-in-1'))?.id).toBe(event.id);
    await b.scheduleEvents.updateIfVersion(scope, event.id, event.version, { status: 'cancelled' });
    expect((await a.scheduleEvents.get(scope, event.id))?.status).toBe('cancelled');
  });
});

describe('group-committed inserts', () => {
  test('concurrent inserts share writes, and each caller learns whether its own document was new', async () => {
    const { uri, name: dbName } = context().database;
    const client = await MongoClient.connect(uri, { monitorCommands: true });
    try {
      let insertCommands = 0;
      client.on('commandStarted', (e) => {
        if (e.commandName === 'insert') insertCommands += 1;
      });
      const inserter = new GroupInserter(client.db(dbName).collection<{ _id: string; n: number }>('groupInserts'));
      const answers = await Promise.all(Array.from({ length: 100 }, (_, n) => inserter.insert({ _id: `doc-${n % 90}`, n })));
      // Ten ids come twice: exactly one of each pair is stored.
      expect(answers.filter(Boolean)).toHaveLength(90);
      expect(answers.slice(90).every((inserted) => inserted === false)).toBe(true);
      expect(await client.db(dbName).collection('groupInserts').countDocuments()).toBe(90);
      expect(insertCommands).toBeLessThan(10);
    } finally {
      await client.close();
    }
  });
});
