// Teams counts a tenant's calls in any sliding second (DESIGN.md: ~50 per app per tenant). The
// token bucket sets the average pace; this window makes sure no run of `max + 1` calls starts
// within one second plus a margin, so jitter between here and Teams cannot put one call over.
// The margin widens after a 429 (jitter was larger than it) and narrows again while none comes;
// it is also wide for the first seconds of a run after an idle spell, while the first calls wait
// for new connections and arrive late, bunched with the calls after them.
import type { Clock } from './clock';

export interface TenantWindowOptions {
  max: number;
  /** The margin to start from and return to. Default 25 ms. */
  marginMs?: number;
  /** Added to the margin on each 429, up to maxMarginMs. Default 25 ms. */
  widenByMs?: number;
  maxMarginMs?: number;
  /** The margin narrows back by widenByMs after this long without a 429. Default 20 s. */
  narrowAfterMs?: number;
  /** After an idle spell of this long (or at first), the next warmUpMs use warmUpMarginMs. Defaults 5 s, 3 s, 100 ms. */
  idleMs?: number;
  warmUpMs?: number;
  warmUpMarginMs?: number;
  clock: Clock;
}

export interface TenantWindow {
  /** How long from now until one more call fits in the window. */
  delay(): number;
  record(): void;
  /** A 429 came back: leave more room. */
  widen(): void;
  setMax(max: number): void;
  readonly marginMs: number;
}

export function createTenantWindow(options: TenantWindowOptions): TenantWindow {
  const { clock } = options;
  const base = options.marginMs ?? 25;
  const step = options.widenByMs ?? 25;
  const ceiling = options.maxMarginMs ?? 150;
  const narrowAfter = options.narrowAfterMs ?? 20_000;
  let max = Math.max(1, Math.floor(options.max));
  let margin = base;
  let changedAt = clock.now();
  let times: number[] = [];
  const idle = options.idleMs ?? 5_000;
  const warmUp = options.warmUpMs ?? 3_000;
  const warmUpMargin = options.warmUpMarginMs ?? 100;
  let runStartedAt = -Infinity;

  function narrowed(now: number): number {
    while (margin > base && now - changedAt >= narrowAfter) {
      margin = Math.max(base, margin - step);
      changedAt += narrowAfter;
    }
    return margin;
  }

  function currentMargin(now: number): number {
    narrowed(now);
    const last = times[times.length - 1];
    const warming = last === undefined || now - last >= idle || now - runStartedAt < warmUp;
    return warming ? Math.max(margin, warmUpMargin) : margin;
  }

  return {
    delay() {
      const now = clock.now();
      const blocking = times.length >= max ? times[times.length - max]! : undefined;
      return blocking === undefined ? 0 : Math.max(0, blocking + 1_000 + currentMargin(now) - now);
    },
    record() {
      const now = clock.now();
      const last = times[times.length - 1];
      if (last === undefined || now - last >= idle) runStartedAt = now;
      times.push(now);
      if (times.length > max * 4) times = times.slice(-max);
    },
    widen() {
      const now = clock.now();
      margin = Math.min(ceiling, narrowed(now) + step);
      changedAt = now;
    },
    setMax(next) {
      max = Math.max(1, Math.floor(next));
    },
    get marginMs() {
      return currentMargin(clock.now());
    },
  };
}
