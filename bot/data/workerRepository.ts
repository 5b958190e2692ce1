// Fan-out workers announce themselves here, so each can take its share of the tenant's rate
// limit: Teams counts one limit per app per tenant, however many processes send.
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

  async heartbeat(workerId: string, at: Date): Promise<void> {
    await this.collection.updateOne({ _id: workerId }, { $set: { seenAt: at }, $setOnInsert: { startedAt: at } }, { upsert: true });
  }

  /** Workers that have been seen since `since` (this one included once it has beaten). */
  async countActive(since: Date): Promise<number> {
    return this.collection.countDocuments({ seenAt: { $gte: since } });
  }

  async remove(workerId: string): Promise<void> {
    await this.collection.deleteOne({ _id: workerId });
  }
}
