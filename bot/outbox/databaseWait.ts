// The worker through a database outage (stopped, restarting, the network to it down): a step that
// fails only because the database is out of reach is tried again once it answers, instead of
// being counted as a failed attempt, retried half a minute later, or — worst — run again from the
// start after its send to Teams already went out (a duplicate prompt). The driver reconnects by
// itself; this only waits for it.
import { rateLimitedWarning, type Logger } from '../logger';
import { isDatabaseUnavailable } from '../usecases/availability';

const warnOnce = rateLimitedWarning(60_000);

export interface DatabaseWaitOptions {
  logger: Logger;
  /** Stop waiting (the worker is stopping): the step's error is thrown. */
  givingUp?: () => boolean;
  /** Stop waiting after this long (default: as long as it takes). */
  maxWaitMs?: number;
  /** Names the step in the log. */
  what: string;
}

/** Runs `step`; while it fails because the database is out of reach, waits (250 ms, doubling to 4 s) and runs it again. */
export async function retryWhileDatabaseDown<T>(step: () => Promise<T>, options: DatabaseWaitOptions): Promise<T> {
  const started = Date.now();
  for (let delay = 250; ; delay = Math.min(delay * 2, 4_000)) {
    try {
      return await step();
    } catch (err) {
      if (!isDatabaseUnavailable(err) || options.givingUp?.() || Date.now() - started + delay > (options.maxWaitMs ?? Infinity)) throw err;
      warnOnce(options.logger, `database-wait:${options.what}`, { err: err instanceof Error ? err.message : String(err), what: options.what }, 'outbox worker waiting for the database to answer');
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
