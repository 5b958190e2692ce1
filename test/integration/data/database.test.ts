import { openDatabase } from '../../../bot/data/database';
import { collectionIndexes, createRepositories, ensureIndexes } from '../../../bot/data/db';
import { createLogger } from '../../../bot/logger';
import { buildPerson } from '../../support/builders';
import { useDataTestContext } from './dataTestContext';

const context = useDataTestContext('database');

describe('database start-up', () => {
  const open = () => openDatabase({ uri: context().database.uri, dbName: context().database.name, logger: createLogger('silent') });

  test('openDatabase connects and pings, as the server starts', async () => {
    const handle = await open();
    expect(await handle.ping()).toBe(true);
    await handle.close();
  });

  test('ensureIndexes is idempotent and creates every declared index, unique ones unique', async () => {
    const { db } = context().database;
    await ensureIndexes(db);
    await ensureIndexes(db);
    for (const { collection, indexes } of collectionIndexes.filter((c) => c.indexes.length > 0)) {
      const existing = await db.collection(collection).indexes();
      for (const declared of indexes) {
        const found = existing.find((index) => index.name === declared.name);
        expect({ collection, name: declared.name, key: found?.key, unique: Boolean(found?.unique) }).toEqual({
          collection,
          name: declared.name,
          key: declared.key,
          unique: Boolean(declared.unique),
        });
      }
    }
  });

  test('declares the unique keys the product relies on', () => {
    const unique = collectionIndexes.flatMap(({ collection, indexes }) => indexes.filter((i) => i.unique).map((i) => `${collection}:${Object.keys(i.key).join(',')}`));
    expect(unique).toEqual(
      expect.arrayContaining([
        'checkIns:organisationId,personId,eventId',
        'conversationReferences:organisationId,key',
        'outboxJobs:idempotencyKey',
        'people:organisationId,email',
        'scheduleEvents:organisationId,cycleId,key',
      ]),
    );
    // People without an Entra object id yet would collide: no partial or sparse indexes on FerretDB.
    expect(unique).not.toContain('people:organisationId,entraObjectId');
  });

  test('ping is false once the connection is closed', async () => {
    const handle = await open();
    await handle.close();
    expect(await handle.ping()).toBe(false);
  });

  test('forgetting the organisation does not compile', async () => {
    const people = createRepositories(context().database.db).people;
    const person = buildPerson({ organisationId: 'org-compile' });
    await people.upsertMany(person, [person]);
    // @ts-expect-error the organisation scope is a required first argument
    await expect(people.get(person.id)).rejects.toThrow(/organisation id/);
    // Any entity of the organisation is a scope.
    expect((await people.get(person, person.id))?.id).toBe(person.id);
  });
});
