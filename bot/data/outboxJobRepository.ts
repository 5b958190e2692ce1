// The outbox: outgoing work (DESIGN.md), as one document per job and one per claim.
//
// - outboxJobs: a job is inserted once (enqueue; its idempotency key is unique) and carries its
//   state: 'open' until it is done, failed or cancelled. Workers find due work with an indexed,
//   organisation-scoped filter ({organisationId, state: 'open'}, then notBefore).
// - outboxClaims: a worker leases a job for one lease epoch (floor(now / leaseMs)) by inserting
//   `${jobId}@${epoch}`. FerretDB 1.x runs updates (findOneAndUpdate included) as a read and a
//   write, so two workers could both "claim" a job by updating it; a unique `_id` insert is atomic
//   on every backend (atomic.ts), so exactly one worker wins a job per epoch, and a dead worker's
//   jobs come back when its epoch ends.
// - Finishing is an update of the job's state by the worker that holds the claim, conditional on
//   the job still being open (so a cancellation is not overwritten); it needs no atomicity of its
//   own because only the claim holder sends, and the next holder re-reads the state first.
import { createHash } from 'node:crypto';
import { MongoBulkWriteError, type Collection, type Db, type Filter, type IndexDescription } from 'mongodb';
import { outboxJobStatusSchema, type OutboxJob, type OutboxJobKind, type OutboxJobStatus } from '../../shared/domain';
import { insertOnce } from './atomic';
import { assertSameOrganisation, inOrganisation, type OrganisationScope } from './organisationScope';
import { insertedCountIgnoringDuplicates, withoutUndefined } from './storedDocument';

export const outboxJobsCollection = 'outboxJobs';
export const outboxClaimsCollection = 'outboxClaims';
export const outboxJobIndexes: IndexDescription[] = [
  // One job per idempotency key, ever: re-running the scheduler cannot prompt anyone twice.
  { name: 'idempotency_key_unique', key: { idempotencyKey: 1 }, unique: true },
  // The worker's candidate query: an organisation's open jobs, earliest first.
  { name: 'organisation_state_not_before', key: { organisationId: 1, state: 1, notBefore: 1 } },
  // Admin changes to an event's jobs (cancel, reschedule).
  { name: 'organisation_event', key: { organisationId: 1, eventId: 1 } },
];
export const outboxClaimIndexes: IndexDescription[] = [
  // Which of an organisation's jobs are leased now (status counts).
  { name: 'organisation_epoch', key: { organisationId: 1, epoch: 1 } },
];

export const DEFAULT_LEASE_MS = 30_000;

/** The job id the scheduler gives a job: derived from its idempotency key, so finding it by key is an `{_id}` read. */
export function outboxJobIdFor(idempotencyKey: string): string {
  return `job-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}`;
}

/** The lease epoch an instant falls in. */
export function leaseEpochOf(atMs: number, leaseMs: number): number {
  return Math.floor(atMs / leaseMs);
}

export function claimIdOf(jobId: string, epoch: number): string {
  return `${jobId}@${epoch}`;
}

/** Which unfinished jobs an admin operation applies to, within one organisation. */
export interface OutboxJobSelection {
  eventId?: string;
  personId?: string;
  kinds?: readonly OutboxJobKind[];
}

type JobState = 'open' | 'done' | 'failed' | 'cancelled';

/** The job as stored: its state instead of the derived status, no lease fields (those are claims). */
type StoredOutboxJob = Omit<OutboxJob, 'id' | 'status' | 'leaseOwner' | 'leaseExpiresAt'> & {
  _id: string;
  state: JobState;
  /** The worker that finished the job. */
  finishedBy?: string;
};

interface StoredClaim {
  _id: string;
  organisationId: string;
  jobId: string;
  epoch: number;
  workerId: string;
  expiresAt: Date;
}

export class OutboxJobRepository {
  private readonly jobs: Collection<StoredOutboxJob>;
  private readonly claims: Collection<StoredClaim>;
  readonly leaseMs: number;

  constructor(db: Db, options: { leaseMs?: number } = {}) {
    this.jobs = db.collection<StoredOutboxJob>(outboxJobsCollection);
    this.claims = db.collection<StoredClaim>(outboxClaimsCollection);
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  }

  /**
   * Adds a job unless one with its idempotency key exists; then that one is returned untouched
   * (whatever its status), so a re-run never resets a job that was sent or is being sent.
   */
  async enqueue(org: OrganisationScope, job: OutboxJob): Promise<{ job: OutboxJob; created: boolean }> {
    assertSameOrganisation(org, job);
    if (await insertOnce(this.jobs, toStoredJob(job))) return { job, created: true };
    const existing = await this.findByIdempotencyKey(org, job.idempotencyKey);
    // Same key in another organisation, or the id reused with another key: a caller bug.
    if (!existing) throw new Error(`outbox job ${job.id} clashes with a job of another key or organisation`);
    return { job: existing, created: false };
  }

  /** Bulk enqueue (a fan-out to every member of staff). Returns how many were new; duplicates are skipped. */
  async enqueueMany(org: OrganisationScope, jobs: readonly OutboxJob[]): Promise<number> {
    if (jobs.length === 0) return 0;
    for (const job of jobs) assertSameOrganisation(org, job);
    let inserted = 0;
    for (let start = 0; start < jobs.length; start += 1_000) {
      const slice = jobs.slice(start, start + 1_000).map((job) => toStoredJob(job));
      try {
        inserted += (await this.jobs.insertMany(slice, { ordered: false })).insertedCount;
      } catch (error) {
        inserted += insertedCountIgnoringDuplicates(error);
      }
    }
    return inserted;
  }

  async get(org: OrganisationScope, id: string, now = new Date()): Promise<OutboxJob | null> {
    const stored = await this.jobs.findOne({ _id: id, ...inOrganisation(org) });
    return stored ? this.withStatus(stored, now) : null;
  }

  async findByIdempotencyKey(org: OrganisationScope, idempotencyKey: string, now = new Date()): Promise<OutboxJob | null> {
    // Jobs the scheduler queues carry the id derived from the key: an `{_id}` read.
    let stored = await this.jobs.findOne({ _id: outboxJobIdFor(idempotencyKey), ...inOrganisation(org) });
    if (!stored || stored.idempotencyKey !== idempotencyKey) stored = await this.jobs.findOne({ idempotencyKey, ...inOrganisation(org) });
    return stored ? this.withStatus(stored, now) : null;
  }

  /**
   * Worker side: up to `limit` of the organisation's open jobs that are due at `now`. Leased ones are included (a claim decides who sends; a lost claim costs one insert).
   */
  async dueJobs(org: OrganisationScope, now: Date, limit: number): Promise<OutboxJob[]> {
    const rows = await this.jobs
      // No sort: on MongoDB the index already yields notBefore order; FerretDB 1.24 cannot push a
      // sort down, so one would make it decode every open job of the organisation to return a few.
      .find({ ...inOrganisation(org), state: 'open', notBefore: { $lte: now } })
      .limit(Math.max(1, Math.floor(limit)))
      .toArray();
    return rows.map((row) => fromStoredJob(row, 'pending'));
  }

  /** Worker side: the job as it is now, if it is still open (not finished since the candidates were read). */
  async getOpen(org: OrganisationScope, id: string): Promise<OutboxJob | null> {
    const stored = await this.jobs.findOne({ _id: id, ...inOrganisation(org) });
    return stored?.state === 'open' ? fromStoredJob(stored, 'leased') : null;
  }

  /**
   * Worker side: leases the job for one epoch by inserting its claim. True for exactly one worker
   * per job and epoch; false when another (or this one) already holds that epoch.
   */
  async tryClaim(org: OrganisationScope, jobId: string, workerId: string, epoch: number): Promise<boolean> {
    return insertOnce(this.claims, this.claimOf(org, jobId, workerId, epoch));
  }

  /**
   * Worker side: tryClaim for several jobs, each for every epoch in `epochs` (the current one and,
   * near its end, the next), in one insert. Returns the ids this worker won for every epoch.
   */
  async claimMany(org: OrganisationScope, jobIds: readonly string[], workerId: string, epochs: readonly number[]): Promise<Set<string>> {
    const won = new Set(jobIds);
    const claims = jobIds.flatMap((id) => epochs.map((epoch) => this.claimOf(org, id, workerId, epoch)));
    if (claims.length === 0) return won;
    try {
      await this.claims.insertMany(claims, { ordered: false });
    } catch (error) {
      if (!(error instanceof MongoBulkWriteError)) throw error;
      const failures = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
      for (const failure of failures) {
        if (failure.code !== 11000) throw error;
        won.delete(claims[failure.index]!.jobId);
      }
      // A job lost for one epoch but won for another is not this worker's: give those claims back,
      // or the next epoch's holder could not renew into them.
      const stray = claims.filter((claim, index) => !won.has(claim.jobId) && !failures.some((f) => f.index === index)).map((claim) => claim._id);
      if (stray.length > 0) await this.claims.deleteMany({ ...inOrganisation(org), _id: { $in: stray }, workerId });
    }
    return won;
  }

  /** Worker side: the job was done. True when this call finished it; false when it was no longer open. */
  async complete(org: OrganisationScope, jobId: string, workerId: string, result?: Record<string, unknown>, at = new Date()): Promise<boolean> {
    return this.finish(org, jobId, { state: 'done', finishedBy: workerId, updatedAt: at, ...(result ? { result: withoutUndefined(result) } : {}) });
  }

  /** Worker side: a permanent failure (a bad payload, too many attempts). False if no longer open. */
  async fail(org: OrganisationScope, jobId: string, workerId: string, error: string, at = new Date()): Promise<boolean> {
    return this.finish(org, jobId, { state: 'failed', finishedBy: workerId, updatedAt: at, lastError: error });
  }

  /** Worker side: a transient failure; due again at notBefore. False when the job is finished or gone. */
  async retryLater(org: OrganisationScope, jobId: string, notBefore: Date, error: string, at = new Date()): Promise<boolean> {
    const result = await this.jobs.updateOne(
      { _id: jobId, ...inOrganisation(org), state: 'open' },
      { $set: { notBefore, lastError: error, updatedAt: at }, $inc: { attempts: 1 } },
    );
    return result.matchedCount === 1;
  }

  /** Admin: cancels the organisation's unfinished jobs that match (an event was cancelled). Returns how many. */
  async cancel(org: OrganisationScope, selection: OutboxJobSelection, at = new Date()): Promise<number> {
    const result = await this.jobs.updateMany(openSelected(org, selection), { $set: { state: 'cancelled', updatedAt: at } });
    return result.modifiedCount;
  }

  /** Admin: moves the organisation's unfinished jobs that match to a new time (an event was moved). Returns how many. */
  async reschedule(org: OrganisationScope, selection: OutboxJobSelection, notBefore: Date, at = new Date()): Promise<number> {
    const result = await this.jobs.updateMany(openSelected(org, selection), { $set: { notBefore, updatedAt: at } });
    return result.matchedCount;
  }

  /**
   * Retention, per organisation: deletes jobs that finished before `finishedBefore`, and claims
   * whose epoch ended before `claimsEndedBefore` (a past epoch can no longer be claimed, so they
   * guard nothing). A job's idempotency key is forgotten with it: the scheduler keeps its own
   * marker (promptsQueuedAt) so it never queues an event twice.
   */
  async sweep(org: OrganisationScope, finishedBefore: Date, claimsEndedBefore: Date): Promise<{ jobs: number; claims: number }> {
    const finished: JobState[] = ['done', 'failed', 'cancelled'];
    const jobs = await this.jobs.deleteMany({ ...inOrganisation(org), state: { $in: finished }, updatedAt: { $lt: finishedBefore } } as Filter<StoredOutboxJob>);
    const lastEpoch = leaseEpochOf(claimsEndedBefore.getTime(), this.leaseMs);
    const claims = await this.claims.deleteMany({ ...inOrganisation(org), epoch: { $lt: lastEpoch } });
    return { jobs: jobs.deletedCount, claims: claims.deletedCount };
  }

  /** How many of the organisation's jobs are in each status (every status present, zero if none). */
  async countByStatus(org: OrganisationScope, now = new Date()): Promise<Record<OutboxJobStatus, number>> {
    const counts = Object.fromEntries(outboxJobStatusSchema.options.map((status) => [status, 0])) as Record<OutboxJobStatus, number>;
    const [jobs, claims] = await Promise.all([
      this.jobs.find(inOrganisation(org), { projection: { _id: 1, state: 1 } }).toArray(),
      this.claims.find({ ...inOrganisation(org), epoch: leaseEpochOf(now.getTime(), this.leaseMs) }, { projection: { jobId: 1 } }).toArray(),
    ]);
    const leased = new Set(claims.map((c) => c.jobId));
    for (const job of jobs) counts[job.state === 'open' ? (leased.has(job._id) ? 'leased' : 'pending') : job.state] += 1;
    return counts;
  }

  private async finish(org: OrganisationScope, jobId: string, changes: Partial<StoredOutboxJob>): Promise<boolean> {
    const result = await this.jobs.updateOne({ _id: jobId, ...inOrganisation(org), state: 'open' }, { $set: changes });
    return result.matchedCount === 1;
  }

  private claimOf(org: OrganisationScope, jobId: string, workerId: string, epoch: number): StoredClaim {
    return { _id: claimIdOf(jobId, epoch), ...inOrganisation(org), jobId, epoch, workerId, expiresAt: new Date((epoch + 1) * this.leaseMs) };
  }

  private async withStatus(stored: StoredOutboxJob, now: Date): Promise<OutboxJob> {
    if (stored.state !== 'open') {
      return withoutUndefined({ ...fromStoredJob(stored, stored.state), ...(stored.finishedBy ? { leaseOwner: stored.finishedBy } : {}) });
    }
    const claim = await this.claims.findOne({ _id: claimIdOf(stored._id, leaseEpochOf(now.getTime(), this.leaseMs)), organisationId: stored.organisationId });
    if (claim) return { ...fromStoredJob(stored, 'leased'), leaseOwner: claim.workerId, leaseExpiresAt: claim.expiresAt };
    return fromStoredJob(stored, 'pending');
  }
}

function openSelected(org: OrganisationScope, selection: OutboxJobSelection): Filter<StoredOutboxJob> {
  return {
    ...inOrganisation(org),
    state: 'open',
    ...(selection.eventId ? { eventId: selection.eventId } : {}),
    ...(selection.personId ? { personId: selection.personId } : {}),
    ...(selection.kinds && selection.kinds.length > 0 ? { kind: { $in: [...selection.kinds] } } : {}),
  } as Filter<StoredOutboxJob>;
}

function toStoredJob(job: OutboxJob): StoredOutboxJob {
  const { id, status, leaseOwner: _owner, leaseExpiresAt: _expires, ...rest } = job;
  const state: JobState = status === 'done' || status === 'failed' || status === 'cancelled' ? status : 'open';
  return withoutUndefined({ ...rest, _id: id, state });
}

function fromStoredJob(stored: StoredOutboxJob, status: OutboxJobStatus): OutboxJob {
  const { _id, state: _state, finishedBy: _by, ...rest } = stored;
  return { ...rest, id: _id, status, attempts: rest.attempts ?? 0, payload: rest.payload ?? {} };
}
