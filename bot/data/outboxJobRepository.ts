// The outbox: outgoing work as leased jobs (DESIGN.md). Enqueueing is per organisation; claiming
// is not — one worker serves every organisation, so the worker-side methods are keyed by the
// lease (job id + worker id) instead of a tenant.
import type { Collection, Db, Filter, IndexDescription } from 'mongodb';
import { outboxJobStatusSchema, type OutboxJob, type OutboxJobKind, type OutboxJobStatus } from '../../shared/domain';
import { assertSameOrganisation, inOrganisation, type OrganisationScope } from './organisationScope';
import { fromStored, fromStoredOrNull, insertedCountIgnoringDuplicates, isDuplicateKeyError, toStored, withoutUndefined, type Stored } from './storedDocument';
import { WriteTickets } from './writeTickets';

export const outboxJobsCollection = 'outboxJobs';
export const outboxJobIndexes: IndexDescription[] = [
  // One job per idempotency key, ever: re-running the scheduler cannot prompt anyone twice.
  { name: 'idempotency_key_unique', key: { idempotencyKey: 1 }, unique: true },
  // Claiming scans due pending jobs and expired leases across organisations.
  { name: 'status_not_before', key: { status: 1, notBefore: 1 } },
  { name: 'status_lease_expires', key: { status: 1, leaseExpiresAt: 1 } },
  { name: 'organisation_event_status', key: { organisationId: 1, eventId: 1, status: 1 } },
  { name: 'organisation_status', key: { organisationId: 1, status: 1 } },
];

const MAX_CLAIM_ROUNDS = 5;

/** Which pending jobs an admin operation applies to, within one organisation. */
export interface OutboxJobSelection {
  eventId?: string;
  personId?: string;
  kinds?: readonly OutboxJobKind[];
}

type StoredOutboxJob = Stored<OutboxJob>;

export class OutboxJobRepository {
  private readonly collection: Collection<StoredOutboxJob>;
  private readonly tickets: WriteTickets;

  constructor(db: Db) {
    this.collection = db.collection<StoredOutboxJob>(outboxJobsCollection);
    this.tickets = new WriteTickets(db);
  }

  /**
   * Adds a job unless one with its idempotency key exists; then that one is returned untouched
   * (whatever its status), so a re-run never resets a job that was sent or is being sent.
   */
  async enqueue(org: OrganisationScope, job: OutboxJob): Promise<{ job: OutboxJob; created: boolean }> {
    assertSameOrganisation(org, job);
    try {
      await this.collection.insertOne(toStored(job));
      return { job, created: true };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const existing = await this.collection.findOne({ ...inOrganisation(org), idempotencyKey: job.idempotencyKey });
      // Same key in another organisation, or the id reused with another key: a caller bug.
      if (!existing) throw error;
      return { job: fromStored(existing), created: false };
    }
  }

  /** Bulk enqueue (a fan-out to every member of staff). Returns how many were new; duplicates are skipped. */
  async enqueueMany(org: OrganisationScope, jobs: readonly OutboxJob[]): Promise<number> {
    if (jobs.length === 0) return 0;
    for (const job of jobs) assertSameOrganisation(org, job);
    try {
      const result = await this.collection.insertMany(jobs.map((job) => toStored(job)), { ordered: false });
      return result.insertedCount;
    } catch (error) {
      return insertedCountIgnoringDuplicates(error);
    }
  }

  async get(org: OrganisationScope, id: string): Promise<OutboxJob | null> {
    return fromStoredOrNull(await this.collection.findOne({ ...inOrganisation(org), _id: id }));
  }

  async findByIdempotencyKey(org: OrganisationScope, idempotencyKey: string): Promise<OutboxJob | null> {
    return fromStoredOrNull(await this.collection.findOne({ ...inOrganisation(org), idempotencyKey }));
  }

  /**
   * Worker side, any organisation: leases the next due job — a pending one whose notBefore has
   * come, or a leased one whose lease expired (its worker died) — earliest first, and counts the
   * attempt. Null when nothing is due. Two workers never lease the same job at the same attempt.
   */
  async claimNextAcrossOrganisations(workerId: string, now: Date, leaseMs: number, options: { kinds?: readonly OutboxJobKind[] } = {}): Promise<OutboxJob | null> {
    const [job] = await this.claimBatchAcrossOrganisations(workerId, now, leaseMs, { ...options, limit: 1 });
    return job ?? null;
  }

  /**
   * Worker side, any organisation: leases up to `limit` due jobs, earliest first (a fan-out worker
   * keeps a batch in flight). Fewer, or none, when less is due or other workers won them.
   *
   * Not a bare findOneAndUpdate: FerretDB 1.24 runs that as a read then a write, so concurrent
   * workers would lease the same job. Each lease is guarded by a write ticket named after the
   * job's attempt count (see writeTickets.ts); the lease increments it, so the next lease, after a
   * retry or an expired lease, needs a fresh ticket. On FerretDB every query scans, so a worker
   * that leases a batch per call goes several times faster than one that claims job by job.
   */
  async claimBatchAcrossOrganisations(
    workerId: string,
    now: Date,
    leaseMs: number,
    options: { kinds?: readonly OutboxJobKind[]; limit?: number } = {},
  ): Promise<OutboxJob[]> {
    const limit = Math.max(1, Math.floor(options.limit ?? 1));
    const due: Filter<StoredOutboxJob> = {
      ...(options.kinds && options.kinds.length > 0 ? { kind: { $in: [...options.kinds] } } : {}),
      $or: [
        { status: 'pending', notBefore: { $lte: now } },
        { status: 'leased', leaseExpiresAt: { $lt: now } },
      ],
    };
    const leased: OutboxJob[] = [];
    // More candidates than needed: concurrent workers race for the same head of the queue.
    const fetchSize = limit * 2 + 8;
    for (let round = 0; round < MAX_CLAIM_ROUNDS && leased.length < limit; round += 1) {
      const candidates = await this.collection
        .find(due, { projection: { _id: 1, status: 1, attempts: 1 } })
        .sort({ notBefore: 1, _id: 1 })
        .limit(fetchSize)
        .toArray();
      const leaseExpiresAt = new Date(now.getTime() + leaseMs);
      for (let start = 0; start < candidates.length && leased.length < limit; ) {
        const attempt = candidates.slice(start, start + (limit - leased.length));
        start += attempt.length;
        const keyOf = (c: (typeof attempt)[number]) => `outboxJob:${c._id}#${c.attempts}`;
        const byKey = new Map(attempt.map((c) => [keyOf(c), c]));
        const wonKeys = await this.tickets.takeMany([...byKey.keys()], workerId, now, leaseMs, async (key) => {
          const c = byKey.get(key);
          return c !== undefined && (await this.collection.countDocuments({ _id: c._id, attempts: c.attempts })) === 1;
        });
        const won = attempt.filter((c) => wonKeys.has(keyOf(c)));
        if (won.length === 0) continue;
        const lease = { $set: { status: 'leased' as const, leaseOwner: workerId, leaseExpiresAt, updatedAt: now }, $inc: { attempts: 1 } };
        const stillClaimable = (c: (typeof won)[number]) => ({ _id: c._id, attempts: c.attempts, status: { $in: ['pending' as const, 'leased' as const] } });
        try {
          if (won.length === 1) {
            const job = await this.collection.findOneAndUpdate(stillClaimable(won[0]!), lease, { returnDocument: 'after' });
            if (job) leased.push(fromStored(job));
          } else {
            await this.collection.updateMany({ $or: won.map(stillClaimable) }, lease);
            // A won job may have changed after we read it (cancelled, done): only the ones now leased to us count.
            const mine = await this.collection
              .find({ _id: { $in: won.map((c) => c._id) }, status: 'leased', leaseOwner: workerId, leaseExpiresAt })
              .sort({ notBefore: 1, _id: 1 })
              .toArray();
            leased.push(...mine.map((job) => fromStored(job)));
          }
        } finally {
          await this.tickets.releaseMany([...wonKeys]);
        }
      }
      if (candidates.length < fetchSize) break;
    }
    return leased;
  }

  /** Worker side: keeps the lease for a slow send. False if the lease was lost. */
  async extendLease(jobId: string, workerId: string, leaseExpiresAt: Date): Promise<boolean> {
    return this.updateLeased(jobId, workerId, { $set: { leaseExpiresAt, updatedAt: new Date() } });
  }

  /** Worker side: the job was done. Only while this worker still holds the lease; false otherwise. */
  async complete(jobId: string, workerId: string, result?: Record<string, unknown>, at = new Date()): Promise<boolean> {
    return this.updateLeased(jobId, workerId, {
      $set: { status: 'done', updatedAt: at, ...(result ? { result: withoutUndefined(result) } : {}) },
      $unset: { leaseExpiresAt: '' },
    });
  }

  /** Worker side: a transient failure (429, 5xx); back to pending, due again at notBefore. */
  async retryLater(jobId: string, workerId: string, notBefore: Date, error: string, at = new Date()): Promise<boolean> {
    return this.updateLeased(jobId, workerId, {
      $set: { status: 'pending', notBefore, lastError: error, updatedAt: at },
      $unset: { leaseOwner: '', leaseExpiresAt: '' },
    });
  }

  /** Worker side: a permanent failure (403 MessageWritesBlocked, too many attempts). */
  async fail(jobId: string, workerId: string, error: string, at = new Date()): Promise<boolean> {
    return this.updateLeased(jobId, workerId, {
      $set: { status: 'failed', lastError: error, updatedAt: at },
      $unset: { leaseExpiresAt: '' },
    });
  }

  /** Admin: cancels the organisation's pending jobs that match (an event was cancelled). Returns how many. */
  async cancel(org: OrganisationScope, selection: OutboxJobSelection, at = new Date()): Promise<number> {
    const result = await this.collection.updateMany(this.pendingFilter(org, selection), { $set: { status: 'cancelled', updatedAt: at } });
    return result.modifiedCount;
  }

  /** Admin: moves the organisation's pending jobs that match to a new time (an event was moved). Returns how many. */
  async reschedule(org: OrganisationScope, selection: OutboxJobSelection, notBefore: Date, at = new Date()): Promise<number> {
    const result = await this.collection.updateMany(this.pendingFilter(org, selection), { $set: { notBefore, updatedAt: at } });
    return result.modifiedCount;
  }

  /** How many of the organisation's jobs are in each status (every status present, zero if none). */
  async countByStatus(org: OrganisationScope): Promise<Record<OutboxJobStatus, number>> {
    const counts = Object.fromEntries(outboxJobStatusSchema.options.map((status) => [status, 0])) as Record<OutboxJobStatus, number>;
    const groups = await this.collection
      .aggregate<{ _id: OutboxJobStatus; count: number }>([{ $match: inOrganisation(org) }, { $group: { _id: '$status', count: { $sum: 1 } } }])
      .toArray();
    for (const group of groups) counts[group._id] = group.count;
    return counts;
  }

  private pendingFilter(org: OrganisationScope, selection: OutboxJobSelection): Filter<StoredOutboxJob> {
    return {
      ...inOrganisation(org),
      status: 'pending',
      ...(selection.eventId ? { eventId: selection.eventId } : {}),
      ...(selection.personId ? { personId: selection.personId } : {}),
      ...(selection.kinds && selection.kinds.length > 0 ? { kind: { $in: [...selection.kinds] } } : {}),
    };
  }

  private async updateLeased(jobId: string, workerId: string, update: { $set: Record<string, unknown>; $unset?: Record<string, ''> }): Promise<boolean> {
    const result = await this.collection.updateOne({ _id: jobId, status: 'leased', leaseOwner: workerId }, update);
    return result.modifiedCount === 1;
  }
}
