// One organisation's due jobs as a worker takes them: read in batches with the indexed candidate
// query, ordered so that two workers rarely want the same job (each takes its own share first,
// by a hash of the job id, then the others' from the far end), and claimed a few at a time in
// one insert, just before they are sent.
import type { OutboxJob } from '../../shared/domain';
import { leaseEpochOf, type OutboxClaims } from '../usecases/outboxJobs';

export interface ClaimedJob {
  job: OutboxJob;
  /** The last lease epoch this worker holds the job for. */
  epoch: number;
}

export interface TenantQueueOptions {
  organisationId: string;
  claims: OutboxClaims;
  workerId: string;
  leaseMs: number;
  /** The app's clock (jobs are due by it); leases run on real time. */
  now: () => Date;
  /** This worker's place among the active workers. */
  share: () => { index: number; of: number };
  /** Jobs being processed by this worker: not offered again. */
  inFlight: ReadonlySet<string>;
  /** Candidates read per query. */
  batchSize: number;
  /** Jobs claimed per insert. */
  claimChunk: number;
  /** How long to wait before asking the database again after finding nothing to take. */
  idleMs: number;
}

export class TenantQueue {
  private candidates: OutboxJob[] = [];
  private claimed: ClaimedJob[] = [];
  private quietUntil = 0;
  private lock: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: TenantQueueOptions) {}

  /**
   * The next job this worker has claimed, or null when there is none to take now. `offered`
   * (for a drain) collects every job offered, and none is offered twice.
   */
  next(offered?: Set<string>): Promise<ClaimedJob | null> {
    const turn = this.lock.then(() => this.take(offered));
    this.lock = turn.catch(() => undefined);
    return turn;
  }

  private async take(offered?: Set<string>): Promise<ClaimedJob | null> {
    for (;;) {
      const claimed = this.claimed.shift();
      if (claimed) {
        if (claimed.epoch >= leaseEpochOf(Date.now(), this.options.leaseMs)) return claimed;
        continue;
      }
      if (this.candidates.length === 0) {
        if (!offered && Date.now() < this.quietUntil) return null;
        await this.refill(offered);
        if (this.candidates.length === 0) {
          this.quietUntil = Date.now() + this.options.idleMs;
          return null;
        }
      }
      await this.claimSome();
    }
  }

  private async refill(offered?: Set<string>): Promise<void> {
    const { claims, organisationId, batchSize, inFlight } = this.options;
    const due = await claims.dueJobs({ organisationId }, this.options.now(), batchSize);
    const fresh = due.filter((job) => !inFlight.has(job.id) && !offered?.has(job.id));
    for (const job of fresh) offered?.add(job.id);
    const { index, of } = this.options.share();
    const mine = fresh.filter((job) => of <= 1 || hashOf(job.id) % of === index);
    const others = of <= 1 ? [] : fresh.filter((job) => hashOf(job.id) % of !== index).reverse();
    this.candidates = [...mine, ...others];
  }

  private async claimSome(): Promise<void> {
    const { claims, organisationId, workerId, leaseMs, claimChunk } = this.options;
    const chunk = this.candidates.splice(0, claimChunk);
    const now = Date.now();
    const epoch = leaseEpochOf(now, leaseMs);
    // Near an epoch's end the next one is claimed too, so the send need not renew the lease.
    const epochs = (epoch + 1) * leaseMs - now < leaseMs / 3 ? [epoch, epoch + 1] : [epoch];
    const won = await claims.claimMany({ organisationId }, chunk.map((job) => job.id), workerId, epochs);
    for (const job of chunk) if (won.has(job.id)) this.claimed.push({ job, epoch: epochs[epochs.length - 1]! });
    // Everything was someone else's: let them work, and ask again a little later.
    if (this.claimed.length === 0 && this.candidates.length === 0) this.quietUntil = Date.now() + this.options.idleMs;
  }
}

/** A stable, cheap hash of a job id (FNV-1a), to split the jobs between workers. */
export function hashOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
