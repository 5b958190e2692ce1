// Sends that respect Teams' limits. Every try of every message waits for its conversation's
// window (7/s, 60/30 s) and then for a token from one tenant-wide bucket (~50/s), so retries
// are paced like first sends. A 429 pauses the whole bucket for Retry-After and lowers its rate
// for a while (the limit is shared with every other worker of this app in the tenant); other
// transient failures back off just that message. A blocked user is reported, never retried.
import { type Clock, sleep, systemClock } from './clock';
import { type ConversationLimiter, type WindowLimit, createConversationLimiter } from './conversationLimiter';
import { type BackoffOptions, type FailureClass, classifyError, failureDetailsOf } from './retryPolicy';
import { createTenantWindow } from './tenantWindow';
import { type TokenBucket, createTokenBucket } from './tokenBucket';

export type SendResult<T> =
  | { ok: true; value: T; attempts: number; throttled: number }
  | { ok: false; blocked: true; status: number; code?: string; attempts: number }
  | { ok: false; blocked: false; error: unknown; status?: number; attempts: number };

export interface SenderCounters {
  /** Messages delivered. */
  sent: number;
  /** 429 answers received (one message can collect several). */
  throttled: number;
  /** Tries repeated after a retryable failure. */
  retried: number;
  /** Messages refused because the bot may not write there (403 / ConversationNotFound). */
  blocked: number;
  /** Messages given up on: a fatal error or maxAttempts used. */
  failed: number;
  /** Calls made, first tries and retries. */
  attempts: number;
  inFlight: number;
}

export interface RateAwareSenderOptions {
  /** The platform limit for this app in this tenant. Default 50 (Teams). */
  tenantRps?: number;
  /**
   * Fraction of tenantRps the bucket runs at. Default 0.98. Teams counts in sliding 1 s windows,
   * and a 429 costs everyone a whole Retry-After, so the bucket alone had to run at 0.93 to stay
   * clear of them (its tokens saved during a late timer let calls bunch up). The tenant window
   * below now enforces the limit itself, so the bucket only sets the average pace.
   */
  utilisation?: number;
  /** Tokens saved up while idle or while a timer fired late. Default 3. */
  burst?: number;
  /**
   * At most tenantRps calls in any 1 s plus this margin, counted when each call starts, so
   * jitter on the wire cannot put one call more than the limit into Teams' window; it widens
   * after a 429 (tenantWindow.ts). Default 25 ms.
   */
  tenantWindowMarginMs?: number;
  /** Per-conversation windows; default Teams' 7/1 s and 60/30 s. */
  perConversation?: WindowLimit[];
  /** Tries per message, the first included. Default 6. */
  maxAttempts?: number;
  /** On a 429 the bucket rate is multiplied by this, recovering over the bucket's recovery time. Default 0.9. */
  throttleSlowDownFactor?: number;
  backoff?: Omit<BackoffOptions, 'now'>;
  clock?: Clock;
  /** Share one bucket between senders (e.g. the Graph client and the bot in one process). */
  bucket?: TokenBucket;
  conversationLimiter?: ConversationLimiter;
}

export interface RateAwareSender {
  /**
   * Runs `attempt` (one call to Teams) until it succeeds, is refused for good, or maxAttempts
   * is used. Messages with the same conversationKey go one at a time, in call order.
   */
  send<T>(conversationKey: string, attempt: () => Promise<T>): Promise<SendResult<T>>;
  counters(): SenderCounters;
  /**
   * This process's share (0..1] of the tenant limit, when several workers send for one tenant:
   * the bucket's pace and the tenant window both scale with it.
   */
  setShare(share: number): void;
  readonly bucket: TokenBucket;
}

export function createRateAwareSender(options: RateAwareSenderOptions = {}): RateAwareSender {
  const clock = options.clock ?? systemClock;
  const tenantRps = options.tenantRps ?? 50;
  const utilisation = options.utilisation ?? 0.98;
  const bucket =
    options.bucket ??
    createTokenBucket({ ratePerSecond: tenantRps * utilisation, burst: options.burst ?? 3, recoveryMs: 10_000, clock });
  const limiter = options.conversationLimiter ?? createConversationLimiter({ limits: options.perConversation });
  const tenantWindow = createTenantWindow({ max: tenantRps, marginMs: options.tenantWindowMarginMs, clock });
  const maxAttempts = Math.max(1, options.maxAttempts ?? 6);
  const slowDownFactor = options.throttleSlowDownFactor ?? 0.9;
  const counters: SenderCounters = { sent: 0, throttled: 0, retried: 0, blocked: 0, failed: 0, attempts: 0, inFlight: 0 };

  // One message per conversation at a time, retries included: the window is checked and the
  // call recorded only with the tenant token in hand, so two messages cannot take the last slot,
  // and a person gets their messages in the order they were queued even when one is throttled.
  const gates = new Map<string, Promise<void>>();

  async function waitForSlot(conversationKey: string): Promise<void> {
    for (;;) {
      const delay = limiter.delayFor(conversationKey, clock.now());
      if (delay > 0) await sleep(clock, delay);
      await bucket.acquire();
      // The token in hand, the call waits (if need be) for the tenant's window to have room.
      for (let wait = tenantWindow.delay(); wait > 0; wait = tenantWindow.delay()) await sleep(clock, wait);
      // Only a limiter shared with another sender can have filled the window meanwhile.
      if (limiter.delayFor(conversationKey, clock.now()) === 0) break;
    }
    tenantWindow.record();
    limiter.record(conversationKey, clock.now());
  }

  async function send<T>(conversationKey: string, attempt: () => Promise<T>): Promise<SendResult<T>> {
    counters.inFlight += 1;
    const release = await holdConversation(gates, conversationKey);
    let throttled = 0;
    try {
      for (let n = 1; ; n += 1) {
        await waitForSlot(conversationKey);
        counters.attempts += 1;
        let failure: FailureClass;
        let error: unknown;
        try {
          const value = await attempt();
          counters.sent += 1;
          return { ok: true, value, attempts: n, throttled };
        } catch (err) {
          error = err;
          failure = classifyError(err, n, { ...options.backoff, now: clock.now() });
        }
        if (failure.kind === 'blocked') {
          counters.blocked += 1;
          return { ok: false, blocked: true, status: failure.status, code: failure.code, attempts: n };
        }
        if (failure.kind === 'retry' && failure.throttled) {
          throttled += 1;
          counters.throttled += 1;
          // Teams' limit is per app per tenant: everyone waits, and comes back slower.
          bucket.pause(failure.delayMs);
          bucket.slowDown(slowDownFactor);
          tenantWindow.widen();
        }
        if (failure.kind === 'fatal' || n >= maxAttempts) {
          counters.failed += 1;
          return { ok: false, blocked: false, error, status: failureDetailsOf(error).status, attempts: n };
        }
        counters.retried += 1;
        // After a 429 the paused bucket already holds this message back; other failures wait alone.
        if (!failure.throttled) await sleep(clock, failure.delayMs);
      }
    } finally {
      release();
      counters.inFlight -= 1;
    }
  }

  return {
    send,
    counters: () => ({ ...counters }),
    setShare(share) {
      const fraction = Math.min(1, Math.max(0.01, share));
      bucket.setRate(tenantRps * utilisation * fraction);
      tenantWindow.setMax(tenantRps * fraction);
    },
    bucket,
  };
}

/** Waits for the conversation's earlier messages; resolves with the function that lets the next one go. */
async function holdConversation(gates: Map<string, Promise<void>>, conversationKey: string): Promise<() => void> {
  const previous = gates.get(conversationKey) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => {
    release = resolve;
  });
  const tail = previous.then(() => mine);
  gates.set(conversationKey, tail);
  await previous;
  return () => {
    release();
    if (gates.get(conversationKey) === tail) gates.delete(conversationKey);
  };
}
