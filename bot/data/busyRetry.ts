// FerretDB's SQLite backend answers "database is locked (SQLITE_BUSY)" when two writers race for
// the same table (a read transaction that must upgrade to write cannot wait in WAL mode). The
// write was rolled back, so repeating it is safe. Every repository gets collections that retry
// such failures briefly, instead of each call site learning about SQLite. MongoDB never answers
// this, so production pays nothing.
import type { Collection, Db, Document } from 'mongodb';

const RETRIED_METHODS = new Set([
  'insertOne', 'insertMany', 'updateOne', 'updateMany', 'replaceOne', 'deleteOne', 'deleteMany',
  'findOneAndUpdate', 'findOneAndReplace', 'findOneAndDelete', 'bulkWrite', 'countDocuments', 'findOne',
  'createIndex', 'createIndexes', 'distinct',
]);
const MAX_ATTEMPTS = 10;

export function isBusyError(error: unknown): boolean {
  const message = String((error as { errmsg?: string; message?: string })?.errmsg ?? (error as Error)?.message ?? '');
  return /SQLITE_BUSY|database is locked/.test(message);
}

async function retrying<T>(operation: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!isBusyError(error) || attempt >= MAX_ATTEMPTS) throw error;
      const delay = Math.random() * Math.min(200, 5 * 2 ** attempt);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

function retryingCollection<T extends Document>(collection: Collection<T>): Collection<T> {
  return new Proxy(collection, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || !RETRIED_METHODS.has(String(property))) return value;
      return (...args: unknown[]) => retrying(() => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
    },
  });
}

/** The same database, whose collections retry SQLite lock conflicts. */
export function retryingOnBusy(db: Db): Db {
  return new Proxy(db, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property === 'collection') {
        return (name: string, options?: unknown) => retryingCollection((value as (n: string, o?: unknown) => Collection).call(target, name, options));
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
