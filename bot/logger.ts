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
