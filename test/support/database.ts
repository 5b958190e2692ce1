// A database of its own for each test file, on the server the global setup started.
import { randomUUID } from 'node:crypto';
import { MongoClient, type Db } from 'mongodb';

export interface TestDatabase {
  client: MongoClient;
  db: Db;
  uri: string;
  name: string;
  drop: () => Promise<void>;
}

export async function openTestDatabase(prefix = 'test'): Promise<TestDatabase> {
  const uri = process.env.MONGODB_URI;
  if (!uri) throw new Error('MONGODB_URI is not set: run the tests with jest so the global setup starts FerretDB');
  const name = `${prefix}_${randomUUID().slice(0, 8)}`;
  const client = await MongoClient.connect(uri);
  const db = client.db(name);
  return {
    client,
    db,
    uri,
    name,
    drop: async () => {
      await db.dropDatabase().catch(() => undefined);
      await client.close();
    },
  };
}
