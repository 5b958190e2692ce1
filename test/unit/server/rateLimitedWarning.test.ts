// A warning a caller can retrigger at will (keys out of reach) is logged once per interval, saying how many were held back.
import pino from 'pino';
import { rateLimitedWarning } from '../../../bot/logger';

describe('rateLimitedWarning', () => {
  it('logs once per interval and key, then reports how many it held back', () => {
    const lines: Array<{ msg: string; suppressedSinceLast: number }> = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    let now = 0;
    const warn = rateLimitedWarning(60_000, () => now);
    for (let i = 0; i < 5; i += 1) warn(logger, 'keys', {}, 'keys unreadable');
    warn(logger, 'other', {}, 'other source');
    now = 60_000;
    warn(logger, 'keys', {}, 'keys unreadable');
    expect(lines.map((l) => [l.msg, l.suppressedSinceLast])).toEqual([
      ['keys unreadable', 0],
      ['other source', 0],
      ['keys unreadable', 4],
    ]);
  });
});
