// A clock that moves only when a test says so. advance() fires due timers in time order and lets
// the promises they resolve run before moving on, so async code sees a consistent "now".
import type { Clock, TimerHandle } from '../../../bot/delivery/clock';

interface Timer {
  id: number;
  at: number;
  callback: () => void;
}

export interface ManualClock extends Clock {
  advance(ms: number): Promise<void>;
  /** Advances to each next timer until none is left (or `limitMs` has passed). */
  runAll(limitMs?: number): Promise<void>;
  pendingTimers(): number;
}

async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await Promise.resolve();
}

export function createManualClock(start = 1_000_000): ManualClock {
  let now = start;
  let nextId = 1;
  const timers = new Map<number, Timer>();

  function nextDue(until: number): Timer | undefined {
    let best: Timer | undefined;
    for (const t of timers.values()) {
      if (t.at <= until && (!best || t.at < best.at || (t.at === best.at && t.id < best.id))) best = t;
    }
    return best;
  }

  const clock: ManualClock = {
    now: () => now,
    setTimeout(callback, ms) {
      const id = nextId++;
      timers.set(id, { id, at: now + Math.max(0, ms), callback });
      return id as TimerHandle;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    async advance(ms) {
      const until = now + ms;
      await flushMicrotasks();
      for (let t = nextDue(until); t; t = nextDue(until)) {
        timers.delete(t.id);
        now = Math.max(now, t.at);
        t.callback();
        await flushMicrotasks();
      }
      now = until;
      await flushMicrotasks();
    },
    async runAll(limitMs = 24 * 3600_000) {
      const until = now + limitMs;
      await flushMicrotasks();
      for (let t = nextDue(until); t; t = nextDue(until)) {
        timers.delete(t.id);
        now = Math.max(now, t.at);
        t.callback();
        await flushMicrotasks();
      }
    },
    pendingTimers: () => timers.size,
  };
  return clock;
}
