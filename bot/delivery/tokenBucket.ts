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
  if (!(options.ratePerSecond > 0)) throw new RangeError('ratePerSecond must be positive');
  const burst = Math.max(1, options.burst ?? 1);
  const rate = recoveringRate(options.ratePerSecond, options.minRateFraction ?? 0.1, Math.max(1, options.recoveryMs ?? 30_000));
  const queue = waiterQueue();

  let tokens = burst;
  let lastRefill = clock.now();
  let pausedUntil = 0;
  let granted = 0;
  let timer: TimerHandle | undefined;

  /** Adds the tokens earned since the last refill; none while paused. */
  function refill(now: number): void {
    const from = Math.max(lastRefill, pausedUntil);
    if (now >= pausedUntil && now > from) tokens = Math.min(burst, tokens + ((now - from) * rate.at(now)) / 1000);
    lastRefill = now;
  }

  function drain(): void {
    timer = undefined;
    const now = clock.now();
    refill(now);
    if (now >= pausedUntil) {
      while (queue.size() > 0 && tokens >= 1) {
        tokens -= 1;
        granted += 1;
        queue.release();
      }
    }
    schedule(now);
  }

  function schedule(now: number): void {
    if (timer !== undefined || queue.size() === 0) return;
    const wait = now < pausedUntil ? pausedUntil - now : Math.ceil(((1 - tokens) * 1000) / rate.at(now));
    timer = clock.setTimeout(drain, Math.max(1, wait));
  }

  function reschedule(): void {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
    schedule(clock.now());
  }

  return {
    acquire() {
      const now = clock.now();
      refill(now);
      if (queue.size() === 0 && now >= pausedUntil && tokens >= 1) {
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
      refill(clock.now());
      rate.set(ratePerSecond);
      reschedule();
    },
    slowDown(factor) {
      const now = clock.now();
      refill(now);
      rate.slowDown(now, factor);
      reschedule();
    },
    stats() {
      const now = clock.now();
      return { currentRatePerSecond: rate.at(now), waiting: queue.size(), pausedForMs: Math.max(0, pausedUntil - now), granted };
    },
  };
}

/** The rate tokens are added at: after slowDown it is slowedRate at slowedAt and rises linearly back to the base rate. */
function recoveringRate(initialRate: number, minRateFraction: number, recoveryMs: number) {
  let baseRate = initialRate;
  let minRate = baseRate * minRateFraction;
  let slowedRate = baseRate;
  let slowedAt = -Infinity;

  function at(now: number): number {
    if (slowedRate >= baseRate) return baseRate;
    const progress = (now - slowedAt) / recoveryMs;
    if (progress >= 1) {
      slowedRate = baseRate;
      return baseRate;
    }
    return slowedRate + (baseRate - slowedRate) * Math.max(0, progress);
  }

  return {
    at,
    set(ratePerSecond: number): void {
      baseRate = ratePerSecond;
      minRate = baseRate * minRateFraction;
      slowedRate = Math.min(slowedRate, baseRate);
    },
    slowDown(now: number, factor: number): void {
      slowedRate = Math.max(minRate, at(now) * Math.min(1, Math.max(0, factor)));
      slowedAt = now;
    },
  };
}

/** A FIFO of waiters; `head` avoids O(n) shifts with thousands queued. */
function waiterQueue() {
  let queue: Array<() => void> = [];
  let head = 0;
  return {
    size: () => queue.length - head,
    push(resolve: () => void): void {
      queue.push(resolve);
    },
    /** Lets the longest waiter go. */
    release(): void {
      const resolve = queue[head]!;
      head += 1;
      resolve();
      if (head > 1024 && head * 2 > queue.length) {
        queue = queue.slice(head);
        head = 0;
      }
    },
  };
}
