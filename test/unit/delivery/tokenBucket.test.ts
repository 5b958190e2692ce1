import { createTokenBucket } from '../../../bot/delivery/tokenBucket';
import { createManualClock } from './manualClock';

function track(promises: Array<Promise<void>>, clock: { now(): number }): number[] {
  const doneAt: number[] = [];
  promises.forEach((p, i) => void p.then(() => (doneAt[i] = clock.now())));
  return doneAt;
}

describe('token bucket', () => {
  it('paces at a new rate when its share of the tenant limit changes', async () => {
    const clock = createManualClock();
    const bucket = createTokenBucket({ ratePerSecond: 10, burst: 1, clock });
    bucket.setRate(5); // a second worker joined
    const start = clock.now();
    const doneAt = track(Array.from({ length: 4 }, () => bucket.acquire()), clock);
    await clock.advance(1_000);
    expect(doneAt.map((t) => t - start)).toEqual([0, 200, 400, 600]);
  });

  it('lets a burst through at once, then paces at the rate', async () => {
    const clock = createManualClock();
    const bucket = createTokenBucket({ ratePerSecond: 10, burst: 3, clock });
    const start = clock.now();
    const doneAt = track(Array.from({ length: 6 }, () => bucket.acquire()), clock);
    await clock.advance(0);
    expect(doneAt.filter((t) => t !== undefined)).toHaveLength(3);
    await clock.advance(1_000);
    expect(doneAt.map((t) => t - start)).toEqual([0, 0, 0, 100, 200, 300]);
  });

  it('serves waiters first come, first served', async () => {
    const clock = createManualClock();
    const bucket = createTokenBucket({ ratePerSecond: 5, burst: 1, clock });
    const order: number[] = [];
    for (let i = 0; i < 5; i += 1) void bucket.acquire().then(() => order.push(i));
    await clock.advance(2_000);
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it('does not let a newcomer jump the queue when a token appears', async () => {
    const clock = createManualClock();
    const bucket = createTokenBucket({ ratePerSecond: 10, burst: 1, clock });
    const order: string[] = [];
    void bucket.acquire().then(() => order.push('first'));
    void bucket.acquire().then(() => order.push('queued'));
    await clock.advance(100);
    void bucket.acquire().then(() => order.push('late'));
    await clock.advance(500);
    expect(order).toEqual(['first', 'queued', 'late']);
  });

  it('pause() holds every waiter for the whole pause and drops saved tokens', async () => {
    const clock = createManualClock();
    const bucket = createTokenBucket({ ratePerSecond: 10, burst: 5, clock });
    const start = clock.now();
    bucket.pause(2_000);
    const doneAt = track(Array.from({ length: 3 }, () => bucket.acquire()), clock);
    await clock.advance(1_999);
    expect(doneAt.filter((t) => t !== undefined)).toHaveLength(0);
    await clock.advance(1_000);
    // No burst after the pause: the saved-up tokens were dropped, so calls restart at the rate.
    expect(doneAt.map((t) => t - start)).toEqual([2_100, 2_200, 2_300]);
    expect(bucket.stats().pausedForMs).toBe(0);
  });

  it('a shorter pause does not cut a longer one short', async () => {
    const clock = createManualClock();
    const bucket = createTokenBucket({ ratePerSecond: 100, burst: 1, clock });
    bucket.pause(3_000);
    bucket.pause(1_000);
    let done = false;
    void bucket.acquire().then(() => (done = true));
    await clock.advance(2_500);
    expect(done).toBe(false);
    await clock.advance(600);
    expect(done).toBe(true);
  });

  it('slowDown() lowers the rate and it recovers over the recovery period', async () => {
    const clock = createManualClock();
    const bucket = createTokenBucket({ ratePerSecond: 10, burst: 1, recoveryMs: 10_000, clock });
    bucket.slowDown(0.5);
    expect(bucket.stats().currentRatePerSecond).toBeCloseTo(5);
    await clock.advance(5_000);
    expect(bucket.stats().currentRatePerSecond).toBeCloseTo(7.5);
    await clock.advance(5_000);
    expect(bucket.stats().currentRatePerSecond).toBe(10);
  });

  it('slowDown() never goes below the floor', () => {
    const clock = createManualClock();
    const bucket = createTokenBucket({ ratePerSecond: 50, clock, minRateFraction: 0.1 });
    for (let i = 0; i < 20; i += 1) bucket.slowDown(0.5);
    expect(bucket.stats().currentRatePerSecond).toBeCloseTo(5);
  });

  it('holds thousands of waiters in order without losing any', async () => {
    const clock = createManualClock();
    const bucket = createTokenBucket({ ratePerSecond: 1_000, burst: 1, clock });
    const order: number[] = [];
    for (let i = 0; i < 5_000; i += 1) void bucket.acquire().then(() => order.push(i));
    await clock.runAll();
    expect(order).toHaveLength(5_000);
    expect(order.every((v, i) => v === i)).toBe(true);
    expect(bucket.stats()).toMatchObject({ waiting: 0, granted: 5_000 });
  });

  it('rejects a non-positive rate', () => {
    expect(() => createTokenBucket({ ratePerSecond: 0 })).toThrow(RangeError);
  });
});
