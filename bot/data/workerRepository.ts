// Fan-out workers announce themselves here, so each can take its share of every tenant's rate
// limit (Teams counts one limit per app per tenant, however many processes send) and its share
// of the jobs. A tiny collection: one document per running worker.
import type { Collection, Db, IndexDescription } from 'mongodb';

export const workersCollection = 'workers';
export const workerIndexes: IndexDescription[] = [{ name: 'seen_at', key: { seenAt: 1 } }];

interface StoredWorker {
  _id: string;
  seenAt: Date;
  startedAt: Date;
}

/** Not organisation-scoped: a worker serves every organisation. */
export class WorkerRepository {
  private readonly collection: Collection<StoredWorker>;

  constructor(db: Db) {
    this.collection = db.collection<StoredWorker>(workersCollection);
  }

  /** Only this worker writes its own document, so a non-atomic upsert is enough. */
  async heartbeat(workerId: string, at: Date): Promise<void> {
    await this.collection.updateOne({ _id: workerId }, { $set: { seenAt: at }, $setOnInsert: { startedAt: at } }, { upsert: true });
  }

  /** The workers seen since `since`, sorted: a worker's place in the list picks its share of the jobs. */
  async activeIds(since: Date): Promise<string[]> {
    const rows = await this.collection.find({ seenAt: { $gte: since } }, { projection: { _id: 1 } }).toArray();
    return rows.map((r) => r._id).sort();
  }

  async remove(workerId: string): Promise<void> {
    await this.collection.deleteOne({ _id: workerId });
  }
}
