// Teams limits a bot per app per tenant (DESIGN.md), so every organisation gets a sender of its
// own: its token bucket, tenant window and per-conversation windows. Ten trusts each get their
// own ~50/s, and a 429 in one trust slows only that trust.
import { createRateAwareSender, type RateAwareSender, type RateAwareSenderOptions, type SenderCounters } from './sender';

export interface TenantSenders {
  /** The organisation's sender, created on first use. */
  of(organisationId: string): RateAwareSender;
  /** This process's share of every tenant's limit (1 / the number of workers sending). */
  setShare(share: number): void;
  /** Counters summed over every tenant. */
  counters(): SenderCounters;
}

export function createTenantSenders(options: RateAwareSenderOptions = {}): TenantSenders {
  const senders = new Map<string, RateAwareSender>();
  let share = 1;
  return {
    of(organisationId) {
      let sender = senders.get(organisationId);
      if (!sender) {
        sender = createRateAwareSender(options);
        if (share !== 1) sender.setShare(share);
        senders.set(organisationId, sender);
      }
      return sender;
    },
    setShare(next) {
      share = next;
      for (const sender of senders.values()) sender.setShare(next);
    },
    counters: () => sumCounters([...senders.values()].map((s) => s.counters())),
  };
}

/** One sender for every organisation (tests and tools that send for a single tenant). */
export function singleSender(sender: RateAwareSender): TenantSenders {
  return { of: () => sender, setShare: (share) => sender.setShare(share), counters: () => sender.counters() };
}

function sumCounters(all: SenderCounters[]): SenderCounters {
  const total: SenderCounters = { sent: 0, throttled: 0, retried: 0, blocked: 0, failed: 0, attempts: 0, inFlight: 0 };
  for (const c of all) for (const key of Object.keys(total) as Array<keyof SenderCounters>) total[key] += c[key];
  return total;
}
