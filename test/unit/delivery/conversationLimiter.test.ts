import { createConversationLimiter } from '../../../bot/delivery/conversationLimiter';

/** Sends as fast as the limiter allows and returns the times the calls were made. */
function sendAsAllowed(limiter: ReturnType<typeof createConversationLimiter>, key: string, count: number, start: number): number[] {
  const times: number[] = [];
  let now = start;
  for (let i = 0; i < count; i += 1) {
    now += limiter.delayFor(key, now);
    limiter.record(key, now);
    times.push(now);
  }
  return times;
}

function maxInWindow(times: number[], windowMs: number): number {
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < times.length; hi += 1) {
    while (times[hi]! - times[lo]! >= windowMs) lo += 1;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

describe('conversation limiter', () => {
  it('allows 7 at once, then makes the 8th wait out the 1 s window (plus margin)', () => {
    const limiter = createConversationLimiter({ marginMs: 50 });
    const times = sendAsAllowed(limiter, 'a:1', 8, 0);
    expect(times.slice(0, 7)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(times[7]).toBe(1_050);
  });

  it('never exceeds 7 in any second or 60 in any 30 seconds', () => {
    const limiter = createConversationLimiter();
    const times = sendAsAllowed(limiter, 'a:1', 200, 0);
    expect(maxInWindow(times, 1_000)).toBeLessThanOrEqual(7);
    expect(maxInWindow(times, 30_000)).toBeLessThanOrEqual(60);
    // The 61st call waits for the 30 s window, not just the 1 s one.
    expect(times[60]! - times[0]!).toBeGreaterThanOrEqual(30_000);
  });

  it('keeps conversations apart', () => {
    const limiter = createConversationLimiter();
    sendAsAllowed(limiter, 'a:1', 7, 0);
    expect(limiter.delayFor('a:1', 0)).toBeGreaterThan(0);
    expect(limiter.delayFor('a:2', 0)).toBe(0);
  });

  it('forgets conversations idle longer than the longest window, so 10,000 chats stay cheap', () => {
    const limiter = createConversationLimiter();
    let now = 0;
    for (let i = 0; i < 10_000; i += 1) {
      limiter.record(`a:${i}`, now);
      now += 20; // 50 per second across the tenant
    }
    // Only the last ~30 s of conversations (30 s / 20 ms = 1,500) are remembered.
    expect(limiter.size).toBeLessThanOrEqual(1_600);
    expect(limiter.delayFor('a:0', now)).toBe(0);
  });

  it('accepts custom windows', () => {
    const limiter = createConversationLimiter({ limits: [{ max: 2, windowMs: 100 }], marginMs: 0 });
    expect(sendAsAllowed(limiter, 'x', 5, 0)).toEqual([0, 0, 100, 100, 200]);
  });
});
