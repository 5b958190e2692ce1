import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, base: Record<string, unknown> = {}): Logger {
  return pino({
    level,
    base: { service: 'pgteams', ...base },
    // Tokens and staff answers never belong in logs.
    redact: { paths: ['req.headers.authorization', '*.authorization', '*.password', '*.secret'], censor: '[redacted]' },
  });
}

/**
 * A warning that repeats while its cause lasts (a key set or metadata endpoint that cannot be
 * reached) is logged once per interval, with how many were held back since; anyone can send
 * requests that retrigger it, so one log line each would let them flood the log.
 */
export function rateLimitedWarning(intervalMs = 5 * 60_000, now: () => number = Date.now) {
  const last = new Map<string, { at: number; suppressed: number }>();
  return (logger: Logger, key: string, fields: Record<string, unknown>, message: string): void => {
    const seen = last.get(key);
    const at = now();
    if (seen && at - seen.at < intervalMs) {
      seen.suppressed += 1;
      return;
    }
    logger.warn({ ...fields, suppressedSinceLast: seen?.suppressed ?? 0 }, message);
    last.set(key, { at, suppressed: 0 });
  };
}
