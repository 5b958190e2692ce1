// The tenant-wide pace of outgoing calls. Teams allows ~50 requests/s per app per tenant
// (DESIGN.md, platform facts); every send, retry included, takes one token, and a 429 pauses
// every waiter, not just the message that was refused.
import { type Clock, type TimerHandle, systemClock } from './clock';

export interface TokenBucketOptions {
  /** Tokens added per second. */
  ratePerSecond: number;
  /** Most tokens held at once: the largest burst after an idle spell. Default 1. */
  burst?: number;
  /** After slowDown(), the rate climbs back to ratePerSecond linearly over this long. Default 30 s. */
  recoveryMs?: number;
  /** slowDown() never takes the rate below this fraction of ratePerSecond. Default 0.1. */
  minRateFraction?: number;
  clock?: Clock;
}

export interface TokenBucketStats {
  /** The rate tokens are being added at now (below ratePerSecond after a slowDown). */
  currentRatePerSecond: number;
  waiting: number;
  pausedForMs: number;
  granted: number;
}

export interface TokenBucket {
  /** Resolves when the caller may make one call; callers are served first come, first served. */
  acquire(): Promise<void>;
  /** Grants nothing for `ms` (a Retry-After), and drops saved-up tokens so the restart is paced. */
  pause(ms: number): void;
  /** Multiplies the current rate by `factor` (0..1); it recovers to the configured rate over recoveryMs. */
  slowDown(factor: number): void;
  /** Changes the configured rate, e.g. this worker's share of the tenant limit when workers come and go. */
  setRate(ratePerSecond: number): void;
  stats(): TokenBucketStats;
}

export function createTokenBucket(options: TokenBucketOptions): TokenBucket {
  const clock = options.clock ?? systemClock;
  let baseRate = options.ratePerSecond;
  if (!(baseRate > 0)) throw new RangeError('ratePerSecond must be positive');
  const burst = Math.max(1, options.burst ?? 1);
  const recoveryMs = Math.max(1, options.recoveryMs ?? 30_000);
  const minRateFraction = options.minRateFraction ?? 0.1;
  let minRate = baseRate * minRateFraction;

  let tokens = burst;
  let lastRefill = clock.now();
  let pausedUntil = 0;
  // After slowDown the rate is slowedRate at slowedAt and rises linearly back to baseRate.
  let slowedRate = baseRate;
  let slowedAt = -Infinity;
  let granted = 0;

  // FIFO of waiters; `head` avoids O(n) shifts with thousands queued.
  let queue: Array<() => void> = [];
  let head = 0;
  let timer: TimerHandle | undefined;

  function rateAt(now: number): number {
    if (slowedRate >= baseRate) return baseRate;
    const progress = (now - slowedAt) / recoveryMs;
    if (progress >= 1) {
      slowedRate = baseRate;
      return baseRate;
    }
    return slowedRate + (baseRate - slowedRate) * Math.max(0, progress);
  }

  function refill(now: number): void {
    if (now < pausedUntil) {
      lastRefill = now;
      return;
    }
    const from = Math.max(lastRefill, pausedUntil);
    if (now > from) tokens = Math.min(burst, tokens + ((now - from) * rateAt(now)) / 1000);
    lastRefill = now;
  }

  function waiting(): number {
    return queue.length - head;
  }

  function drain(): void {
    timer = undefined;
    const now = clock.now();
    refill(now);
    if (now >= pausedUntil) {
      while (waiting() > 0 && tokens >= 1) {
        tokens -= 1;
        granted += 1;
        const resolve = queue[head]!;
        head += 1;
        resolve();
      }
    }
    if (head > 1024 && head * 2 > queue.length) {
      queue = queue.slice(head);
      head = 0;
    }
    schedule(now);
  }

  function schedule(now: number): void {
    if (timer !== undefined || waiting() === 0) return;
    const wait = now < pausedUntil ? pausedUntil - now : Math.ceil(((1 - tokens) * 1000) / rateAt(now));
    timer = clock.setTimeout(drain, Math.max(1, wait));
  }

  function reschedule(): void {
    if (timer !== undefined) {
      clock.clearTimeout(timer);
      timer = undefined;
    }
    schedule(clock.now());
  }

  return {
    acquire() {
      const now = clock.now();
      refill(now);
      if (waiting() === 0 && now >= pausedUntil && tokens >= 1) {
        tokens -= 1;
        granted += 1;
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => {
        queue.push(resolve);
        schedule(now);
      });
    },
    pause(ms) {
      const now = clock.now();
      refill(now);
      pausedUntil = Math.max(pausedUntil, now + ms);
      tokens = 0;
      reschedule();
    },
    setRate(ratePerSecond) {
      if (!(ratePerSecond > 0)) throw new RangeError('ratePerSecond must be positive');
      const now = clock.now();
      refill(now);
      baseRate = ratePerSecond;
      minRate = baseRate * minRateFraction;
      slowedRate = Math.min(slowedRate, baseRate);
      reschedule();
    },
    slowDown(factor) {
      const now = clock.now();
      refill(now);
      slowedRate = Math.max(minRate, rateAt(now) * Math.min(1, Math.max(0, factor)));
      slowedAt = now;
      reschedule();
    },
    stats() {
      const now = clock.now();
      return {
        currentRatePerSecond: rateAt(now),
        waiting: waiting(),
        pausedForMs: Math.max(0, pausedUntil - now),
        granted,
      };
    },
  };
}
