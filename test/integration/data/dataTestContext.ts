// Each data test file gets a database of its own on the test FerretDB, with every index ensured
// exactly as start-up does, and the repositories over it.
import { createRepositories, ensureIndexes, type Repositories } from '../../../bot/data/db';
import { openTestDatabase, type TestDatabase } from '../../support/database';

export interface DataTestContext {
  database: TestDatabase;
  repositories: Repositories;
}

export function useDataTestContext(prefix: string): () => DataTestContext {
  let context: DataTestContext | undefined;
  beforeAll(async () => {
    const database = await openTestDatabase(prefix);
    await ensureIndexes(database.db);
    context = { database, repositories: createRepositories(database.db) };
  });
  afterAll(async () => {
    await context?.database.drop();
  });
  return () => {
    if (!context) throw new Error('the data test context is only ready inside tests');
    return context;
  };
}
