// Per-conversation pace. Teams allows 7 messages a second and 60 in 30 seconds to one
// conversation (DESIGN.md, platform facts). A proactive run touches up to 10,000 personal chats,
// so only conversations used inside the longest window are kept: at the tenant rate that is at
// most ~1,500 entries, each a few dozen timestamps.

export interface WindowLimit {
  /** At most `max` calls in any `windowMs`. */
  max: number;
  windowMs: number;
}

export interface ConversationLimiterOptions {
  /** Default: 7 per 1 s and 60 per 30 s. */
  limits?: WindowLimit[];
  /** Added to every window so network jitter cannot make two calls look closer together. Default 50 ms. */
  marginMs?: number;
}

export interface ConversationLimiter {
  /** How long from `now` until one more call to this conversation stays inside every window. */
  delayFor(conversationKey: string, now: number): number;
  /** Counts a call made at `now`. */
  record(conversationKey: string, now: number): void;
  /** Conversations currently remembered (bounded by activity in the longest window). */
  readonly size: number;
}

export const teamsConversationLimits: WindowLimit[] = [
  { max: 7, windowMs: 1_000 },
  { max: 60, windowMs: 30_000 },
];

export function createConversationLimiter(options: ConversationLimiterOptions = {}): ConversationLimiter {
  const margin = options.marginMs ?? 50;
  const limits = (options.limits ?? teamsConversationLimits).map((l) => ({ max: l.max, windowMs: l.windowMs + margin }));
  if (limits.some((l) => !(l.max >= 1))) throw new RangeError('every window must allow at least one call');
  const horizon = Math.max(...limits.map((l) => l.windowMs));
  const keep = Math.max(...limits.map((l) => l.max));

  // Map iteration order is least recently recorded first (entries are re-inserted on record),
  // so expired conversations are found at the front and swept without scanning the rest.
  const sent = new Map<string, number[]>();

  function sweep(now: number): void {
    for (const [key, times] of sent) {
      const newest = times[times.length - 1];
      if (newest !== undefined && now - newest < horizon) break;
      sent.delete(key);
    }
  }

  return {
    delayFor(conversationKey, now) {
      const times = sent.get(conversationKey);
      if (!times) return 0;
      let delay = 0;
      for (const { max, windowMs } of limits) {
        // The max-th most recent call must have left the window.
        const blocking = times[times.length - max];
        if (blocking !== undefined) delay = Math.max(delay, blocking + windowMs - now);
      }
      return Math.max(0, delay);
    },
    record(conversationKey, now) {
      const times = sent.get(conversationKey) ?? [];
      sent.delete(conversationKey);
      times.push(now);
      if (times.length > keep) times.splice(0, times.length - keep);
      sent.set(conversationKey, times);
      sweep(now);
    },
    get size() {
      return sent.size;
    },
  };
}
