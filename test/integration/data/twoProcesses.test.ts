// Two repository sets over one database stand for two server processes: neither keeps a copy of
// anything, so what one writes the other reads at once (permission checks read current data).
import { createRepositories } from '../../../bot/data/db';
import { buildOrganisation, buildPerson, buildRock, buildScheduleEvent } from '../../support/builders';
import { useDataTestContext } from './dataTestContext';

const context = useDataTestContext('processes');

describe('two server processes on one database', () => {
  test('a person added or changed by another process is found at once, by id and by Entra object id', async () => {
    const scope = { organisationId: 'org-processes-people' };
    const a = createRepositories(context().database.db);
    const b = createRepositories(context().database.db);
    await a.people.upsertMany(scope, [buildPerson({ ...scope, id: 'p-first', email: 'first@two.example' })]);
    expect((await b.people.get(scope, 'p-first'))?.id).toBe('p-first');

    await a.people.upsertMany(scope, [buildPerson({ ...scope, id: 'p-second', email: 'second@two.example', entraObjectId: 'oid-second' })]);
    expect((await b.people.get(scope, 'p-second'))?.id).toBe('p-second');
    expect((await b.people.findByEntraObjectId(scope, 'oid-second'))?.id).toBe('p-second');
    expect((await b.people.getMany(scope, ['p-first', 'p-second', 'p-nobody'])).map((p) => p.id).sort()).toEqual(['p-first', 'p-second']);

    await a.people.setReachable(scope, 'p-second', false, 'MessageWritesBlocked');
    expect(await b.people.get(scope, 'p-second')).toMatchObject({ reachable: false, unreachableReason: 'MessageWritesBlocked' });
    await b.people.setReachable(scope, 'p-second', true);
    expect((await a.people.get(scope, 'p-second'))?.unreachableReason).toBeUndefined();
    await b.people.linkEntraObjectId(scope, 'p-second', 'oid-second-2');
    expect((await a.people.findByEntraObjectId(scope, 'oid-second-2'))?.id).toBe('p-second');
    expect(await a.people.findByEntraObjectId(scope, 'oid-second')).toBeNull();

    // Another organisation's person is never served, by id, by oid or in a list.
    const other = { organisationId: 'org-processes-other' };
    expect(await b.people.get(other, 'p-second')).toBeNull();
    expect(await b.people.findByEntraObjectId(other, 'oid-second-2')).toBeNull();
    expect(await b.people.getMany(other, ['p-first', 'p-second'])).toEqual([]);
  });

  test('a person paused by another process is seen as paused at once', async () => {
    const scope = { organisationId: 'org-processes-paused' };
    const a = createRepositories(context().database.db);
    const b = createRepositories(context().database.db);
    const sam = buildPerson({ ...scope, id: 'p-sam', email: 'sam@two.example', status: 'active' });
    await a.people.upsertMany(scope, [sam]);
    expect((await b.people.get(scope, 'p-sam'))?.status).toBe('active');
    await a.people.upsertMany(scope, [{ ...sam, status: 'paused', statusReason: 'support plan' }]);
    expect((await b.people.get(scope, 'p-sam'))?.status).toBe('paused');
    expect((await b.people.listActive(scope)).map((p) => p.id)).not.toContain('p-sam');
  });

  test('rocks, events and organisations written in one process are read by another at once', async () => {
    const scope = { organisationId: 'org-processes-rocks' };
    const a = createRepositories(context().database.db);
    const b = createRepositories(context().database.db);
    const rock = buildRock({ ...scope, personId: 'p-rock', title: 'Reading age +1' });
    expect(await a.rocks.listForPerson(scope, 'p-rock')).toEqual([]);
    await b.rocks.create(scope, rock);
    expect((await a.rocks.listForPerson(scope, 'p-rock')).map((r) => r.title)).toEqual(['Reading age +1']);
    const amended = await b.rocks.updateIfVersion(scope, rock.id, rock.version, { title: 'Reading age +2' });
    expect(amended?.title).toBe('Reading age +2');
    expect((await a.rocks.get(scope, rock.id))?.title).toBe('Reading age +2');
    expect(await a.rocks.updateIfVersion(scope, rock.id, rock.version, { title: 'Stale edit' })).toBeNull();

    const organisation = buildOrganisation({ id: scope.organisationId, name: 'Stour Trust' });
    expect(await a.organisations.get(scope.organisationId)).toBeNull();
    await b.organisations.upsert(organisation);
    expect((await a.organisations.get(scope.organisationId))?.name).toBe('Stour Trust');

    const event = buildScheduleEvent({ ...scope, cycleId: 'cycle-two', key: 'check-in-1' });
    expect(await a.scheduleEvents.list(scope, 'cycle-two')).toEqual([]);
    await b.scheduleEvents.insertMany(scope, [event]);
    expect((await a.scheduleEvents.findByKey(scope, 'cycle-two', 'check-in-1'))?.id).toBe(event.id);
    await b.scheduleEvents.updateIfVersion(scope, event.id, event.version, { status: 'cancelled' });
    expect((await a.scheduleEvents.get(scope, event.id))?.status).toBe('cancelled');
  });
});
