// Whether a failure is the database being out of reach (stopped, restarting, the network to it
// down) rather than anything about the request: the one place that knows the driver's error
// classes. Callers answer 503 with Retry-After, or wait and try again; nothing is wrong with the
// input, and the driver reconnects by itself once the database is back.
import { MongoBulkWriteError, MongoError, MongoNetworkError, MongoNotConnectedError, MongoServerClosedError, MongoServerSelectionError, MongoTopologyClosedError } from 'mongodb';

/**
 * Server codes a MongoDB deployment answers with while it shuts down, steps down or cannot reach
 * its own hosts (ShutdownInProgress, InterruptedAtShutdown, NotWritablePrimary, HostUnreachable…).
 */
const UNAVAILABLE_CODES = new Set([6, 7, 89, 91, 189, 9001, 10107, 11600, 11602, 13435, 13436]);

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let err: unknown = error, depth = 0; err instanceof Error && depth < 4; err = underlying(err), depth++) {
    if (
      err instanceof MongoNetworkError ||
      err instanceof MongoServerSelectionError ||
      err instanceof MongoNotConnectedError ||
      err instanceof MongoServerClosedError ||
      err instanceof MongoTopologyClosedError
    ) {
      return true;
    }
    if (err instanceof MongoError && typeof err.code === 'number' && UNAVAILABLE_CODES.has(err.code)) return true;
  }
  return false;
}

/** What an error wraps: its cause, or the driver error a bulk write failed with (insertMany mid-outage). */
function underlying(err: Error): unknown {
  if (err.cause instanceof Error) return err.cause;
  if (err instanceof MongoBulkWriteError && err.errorResponse instanceof Error) return err.errorResponse;
  return undefined;
}
