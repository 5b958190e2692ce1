// The outbox: outgoing work (DESIGN.md), shaped for a database where only `{_id}` reads are cheap
// and every update or delete scans its collection (FerretDB 1.24 on SQLite), and correct on
// MongoDB with plain semantics.
//
// Insert-only hot path:
// - outboxJobs: a job is inserted once (enqueue) and updated only by rare operations (retryLater,
//   reschedule). Its status is not stored there; it is derived from the two collections below.
// - outboxClaims: a worker leases a job for one lease epoch (floor(now / leaseMs)) by inserting
//   `${jobId}@${epoch}`. A unique `_id` insert is atomic, so exactly one worker wins a job per epoch;
//   the lease ends with the epoch, so a dead worker's jobs come back at the next epoch.
// - outboxResults: `_id` = jobId, inserted when the job finishes (done, failed, cancelled). A second
//   insert fails: the job is already finished, whoever finished it.
import { createHash } from 'node:crypto';
import type { Collection, Db, Filter, IndexDescription } from 'mongodb';
import { outboxJobStatusSchema, type OutboxJob, type OutboxJobKind, type OutboxJobStatus } from '../../shared/domain';
import { assertSameOrganisation, inOrganisation, type OrganisationScope } from './organisationScope';
import { GroupInserter } from './groupInsert';
import { OutboxBatchReads } from './outboxBatchReads';
import { isDuplicateKeyError, withoutUndefined } from './storedDocument';

export const outboxJobsCollection = 'outboxJobs';
export const outboxClaimsCollection = 'outboxClaims';
export const outboxResultsCollection = 'outboxResults';
export const outboxJobIndexes: IndexDescription[] = [
  // One job per idempotency key, ever: re-running the scheduler cannot prompt anyone twice.
  { name: 'idempotency_key_unique', key: { idempotencyKey: 1 }, unique: true },
  { name: 'organisation_event', key: { organisationId: 1, eventId: 1 } },
];

export const DEFAULT_LEASE_MS = 30_000;

/**
 * How long a worker may act on a candidate after the scan that found it unfinished began. A
 * finished job keeps its claims taken for that long (see finish), so a worker acting on an older
 * view of the outbox cannot claim, and send, a job someone finished since.
 */
export const CANDIDATE_MAX_AGE_MS = 150_000;

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

/** What a worker needs of a job to decide whether and when to take it. */
export interface OutboxCandidate {
  id: string;
  organisationId: string;
  kind: OutboxJobKind;
  notBefore: Date;
  personId?: string;
  eventId?: string;
  /** The whole job as read by the scan (a worker sends from it without reading it again). */
  job: OutboxJob;
}

export type OutboxResultStatus = 'done' | 'failed' | 'cancelled';

/** The job as stored: no status or lease (those live in outboxClaims and outboxResults). */
type StoredOutboxJob = Omit<OutboxJob, 'id' | 'status' | 'leaseOwner' | 'leaseExpiresAt' | 'result'> & { _id: string };

interface StoredClaim {
  _id: string;
  jobId: string;
  epoch: number;
  workerId: string;
  at: Date;
  expiresAt: Date;
}

interface StoredResult {
  _id: string;
  status: OutboxResultStatus;
  result?: Record<string, unknown>;
  lastError?: string;
  workerId?: string;
  at: Date;
}

export interface OutboxJobRepositoryOptions {
  leaseMs?: number;
}

export class OutboxJobRepository {
  private readonly jobs: Collection<StoredOutboxJob>;
  private readonly claims: Collection<StoredClaim>;
  private readonly results: Collection<StoredResult>;
  readonly leaseMs: number;
  /** Bulk reads for a worker's batch (people, references, rocks), one query per collection. */
  readonly batchReads: OutboxBatchReads;
  /** Claims and results are inserted by many workers' lanes at once: group commits. */
  private readonly claimInserts: GroupInserter<StoredClaim>;
  private readonly jobInserts: GroupInserter<StoredOutboxJob>;
  private readonly resultInserts: GroupInserter<StoredResult>;

  constructor(db: Db, options: OutboxJobRepositoryOptions = {}) {
    this.jobs = db.collection<StoredOutboxJob>(outboxJobsCollection);
    this.claims = db.collection<StoredClaim>(outboxClaimsCollection);
    this.results = db.collection<StoredResult>(outboxResultsCollection);
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.batchReads = new OutboxBatchReads(db);
    this.claimInserts = new GroupInserter(this.claims);
    this.jobInserts = new GroupInserter(this.jobs);
    this.resultInserts = new GroupInserter(this.results);
  }

  /**
   * Adds a job unless one with its idempotency key exists; then that one is returned untouched
   * (whatever its status), so a re-run never resets a job that was sent or is being sent.
   */
  async enqueue(org: OrganisationScope, job: OutboxJob): Promise<{ job: OutboxJob; created: boolean }> {
    assertSameOrganisation(org, job);
    try {
      await this.jobs.insertOne(toStoredJob(job));
      return { job, created: true };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const existing = await this.findByIdempotencyKey(org, job.idempotencyKey);
      // Same key in another organisation, or the id reused with another key: a caller bug.
      if (!existing) throw error;
      return { job: existing, created: false };
    }
  }

  /** Bulk enqueue (a fan-out to every member of staff). Returns how many were new; duplicates are skipped. */
  async enqueueMany(org: OrganisationScope, jobs: readonly OutboxJob[]): Promise<number> {
    if (jobs.length === 0) return 0;
    for (const job of jobs) assertSameOrganisation(org, job);
    // Group-committed with other requests' jobs (a burst of check-ins queues two jobs each).
    const inserted = await this.jobInserts.insertAll(jobs.map((job) => toStoredJob(job)));
    return inserted.filter(Boolean).length;
  }

  async get(org: OrganisationScope, id: string, now = new Date()): Promise<OutboxJob | null> {
    const stored = await this.jobs.findOne({ _id: id });
    if (!stored || stored.organisationId !== org.organisationId) return null;
    return this.withState(stored, now);
  }

  async findByIdempotencyKey(org: OrganisationScope, idempotencyKey: string, now = new Date()): Promise<OutboxJob | null> {
    // Jobs the scheduler queues carry the id derived from the key: an `{_id}` read.
    let stored = await this.jobs.findOne({ _id: outboxJobIdFor(idempotencyKey) });
    if (!stored || stored.idempotencyKey !== idempotencyKey) stored = await this.jobs.findOne({ idempotencyKey });
    if (!stored || stored.organisationId !== org.organisationId) return null;
    return this.withState(stored, now);
  }

  /** The job document alone (no status), by id: what a worker re-reads after claiming. */
  async getStored(id: string): Promise<OutboxJob | null> {
    const stored = await this.jobs.findOne({ _id: id });
    return stored ? fromStoredJob(stored, 'pending') : null;
  }

  /** True when the job has a result (done, failed or cancelled). */
  async isFinished(jobId: string): Promise<boolean> {
    // No projection: FerretDB 1.24 pushes `{_id}` down only without one.
    return (await this.results.findOne({ _id: jobId })) !== null;
  }

  /**
   * Worker side, any organisation: every due job that is neither finished nor leased now, earliest
   * first. Three scans, no sort in the database: the jobs (projected), the results' ids (or only
   * those not in `finished`, which the caller keeps between calls) and the current claims.
   */
  async scanCandidates(
    now: Date,
    options: { kinds?: readonly OutboxJobKind[]; leaseNow?: Date; finished?: Set<string>; includeLeased?: boolean } = {},
  ): Promise<OutboxCandidate[]> {
    const leaseNow = options.leaseNow ?? now;
    const [jobs, results, claims] = await Promise.all([
      this.jobs
        // Whole documents: FerretDB reads and decodes them all anyway, projection or not.
        .find({ notBefore: { $lte: now }, ...(options.kinds && options.kinds.length > 0 ? { kind: { $in: [...options.kinds] } } : {}) })
        .toArray(),
      this.results.find({}, { projection: { _id: 1 } }).toArray(),
      // A worker that claims each candidate anyway need not read the claims (the largest collection).
      options.includeLeased ? [] : this.claims.find({ expiresAt: { $gt: leaseNow } }, { projection: { jobId: 1 } }).toArray(),
    ]);
    const finished = options.finished ?? new Set<string>();
    for (const r of results) finished.add(r._id);
    const claimed = new Set(claims.map((c) => c.jobId));
    return jobs
      .filter((j) => !finished.has(j._id) && !claimed.has(j._id))
      .map((j) => withoutUndefined({ id: j._id, organisationId: j.organisationId, kind: j.kind, notBefore: j.notBefore, personId: j.personId, eventId: j.eventId, job: fromStoredJob(j, 'pending') }))
      .sort((a, b) => a.notBefore.getTime() - b.notBefore.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /**
   * Worker side: leases the job for one epoch by inserting its claim. True for exactly one worker
   * per job and epoch; false when another (or this one) already holds that epoch.
   */
  async tryClaim(jobId: string, workerId: string, epoch: number, leaseMs = this.leaseMs, at = new Date()): Promise<boolean> {
    return this.claimInserts.insert(claimOf(jobId, workerId, epoch, leaseMs, at));
  }

  /**
   * Worker side, any organisation: leases the next due job — earliest first — for the lease epoch
   * `now` falls in. Null when nothing is due. Two workers never lease the same job in one epoch.
   */
  async claimNextAcrossOrganisations(workerId: string, now: Date, leaseMs: number, options: { kinds?: readonly OutboxJobKind[] } = {}): Promise<OutboxJob | null> {
    const [job] = await this.claimBatchAcrossOrganisations(workerId, now, leaseMs, { ...options, limit: 1 });
    return job ?? null;
  }

  /**
   * Worker side, any organisation: leases up to `limit` due jobs, earliest first, for the epoch of
   * `now`. A simple, stateless claim (tests, one-shot tools); the worker keeps its candidates in
   * memory instead and claims each job just before sending it.
   */
  async claimBatchAcrossOrganisations(
    workerId: string,
    now: Date,
    leaseMs: number,
    options: { kinds?: readonly OutboxJobKind[]; limit?: number } = {},
  ): Promise<OutboxJob[]> {
    const limit = Math.max(1, Math.floor(options.limit ?? 1));
    const epoch = leaseEpochOf(now.getTime(), leaseMs);
    const candidates = await this.scanCandidates(now, { kinds: options.kinds, leaseNow: now });
    const leased: OutboxJob[] = [];
    for (const candidate of candidates) {
      if (leased.length >= limit) break;
      if (!(await this.tryClaim(candidate.id, workerId, epoch, leaseMs, now))) continue;
      const [stored, finished] = await Promise.all([this.jobs.findOne({ _id: candidate.id }), this.isFinished(candidate.id)]);
      if (!stored || finished || stored.notBefore.getTime() > now.getTime()) continue;
      leased.push({ ...fromStoredJob(stored, 'leased'), leaseOwner: workerId, leaseExpiresAt: new Date((epoch + 1) * leaseMs) });
    }
    return leased;
  }

  /** Worker side: keeps the lease for a slow send by claiming the epochs up to leaseExpiresAt. False if the lease was lost. */
  async extendLease(jobId: string, workerId: string, leaseExpiresAt: Date, now = new Date(), leaseMs = this.leaseMs): Promise<boolean> {
    const current = leaseEpochOf(now.getTime(), leaseMs);
    const holder = await this.claims.findOne({ _id: claimIdOf(jobId, current) });
    if (holder?.workerId !== workerId) return false;
    for (let epoch = current + 1; epoch * leaseMs < leaseExpiresAt.getTime(); epoch++) {
      if (await this.tryClaim(jobId, workerId, epoch, leaseMs, now)) continue;
      const other = await this.claims.findOne({ _id: claimIdOf(jobId, epoch) });
      if (other?.workerId !== workerId) return false;
    }
    return true;
  }

  /** Worker side: the job was done. True when this call finished it; false when it was already finished. */
  async complete(jobId: string, workerId: string, result?: Record<string, unknown>, at = new Date()): Promise<boolean> {
    return this.finish({ _id: jobId, status: 'done', workerId, at, ...(result ? { result: withoutUndefined(result) } : {}) });
  }

  /** Worker side: a permanent failure (403 MessageWritesBlocked, too many attempts). False if already finished. */
  async fail(jobId: string, workerId: string, error: string, at = new Date()): Promise<boolean> {
    return this.finish({ _id: jobId, status: 'failed', workerId, at, lastError: error });
  }

  /**
   * Worker side: a transient failure (429, 5xx); due again at notBefore, and the worker's claims on
   * it (for the lease epoch of `leaseNow`, real time like every lease) are released. False when the job is finished or gone. Rare, so an update is affordable.
   */
  async retryLater(jobId: string, workerId: string, notBefore: Date, error: string, at = new Date(), leaseNow = new Date()): Promise<boolean> {
    if (await this.isFinished(jobId)) return false;
    const result = await this.jobs.updateOne({ _id: jobId }, { $set: { notBefore, lastError: error, updatedAt: at }, $inc: { attempts: 1 } });
    if (result.matchedCount !== 1) return false;
    await this.releaseClaims(jobId, workerId, leaseNow);
    return true;
  }

  /** Worker side: gives back a claim taken but not used (the worker stops before sending). */
  async releaseClaims(jobId: string, workerId: string, now = new Date(), leaseMs = this.leaseMs): Promise<void> {
    const epoch = leaseEpochOf(now.getTime(), leaseMs);
    const ids = [claimIdOf(jobId, epoch), claimIdOf(jobId, epoch + 1)];
    for (const id of ids) {
      const claim = await this.claims.findOne({ _id: id });
      if (claim?.workerId === workerId) await this.claims.deleteOne({ _id: id, workerId });
    }
  }

  /** Admin: cancels the organisation's unfinished jobs that match (an event was cancelled). Returns how many. */
  async cancel(org: OrganisationScope, selection: OutboxJobSelection, at = new Date()): Promise<number> {
    const ids = await this.unfinishedIds(org, selection);
    if (ids.length === 0) return 0;
    const finished = await Promise.all(ids.map((id) => this.finish({ _id: id, status: 'cancelled', at })));
    return finished.filter(Boolean).length;
  }

  /** Admin: moves the organisation's unfinished jobs that match to a new time (an event was moved). Returns how many. */
  async reschedule(org: OrganisationScope, selection: OutboxJobSelection, notBefore: Date, at = new Date()): Promise<number> {
    const ids = await this.unfinishedIds(org, selection);
    if (ids.length === 0) return 0;
    const result = await this.jobs.updateMany({ ...inOrganisation(org), _id: { $in: ids } }, { $set: { notBefore, updatedAt: at } });
    return result.matchedCount;
  }

  /**
   * Retention, across organisations: deletes jobs that finished before `finishedBefore` (then their
   * results: a job must never outlive its result, or it would look unfinished), and claims whose
   * epoch ended before `claimsEndedBefore` (a past epoch can no longer be claimed, so they guard
   * nothing). Keeps the collections every reload reads proportional to the outstanding work.
   * A job's idempotency key is forgotten with it: callers that might enqueue the same thing again
   * after the retention period (the scheduler) keep their own marker.
   */
  async sweep(finishedBefore: Date, claimsEndedBefore: Date, batchSize = 10_000): Promise<{ jobs: number; results: number; claims: number }> {
    const old = (await this.results.find({ at: { $lt: finishedBefore } }, { projection: { _id: 1 } }).toArray()).map((r) => r._id);
    let jobs = 0;
    let results = 0;
    for (let start = 0; start < old.length; start += batchSize) {
      const ids = old.slice(start, start + batchSize);
      jobs += (await this.jobs.deleteMany({ _id: { $in: ids } })).deletedCount;
      results += (await this.results.deleteMany({ _id: { $in: ids } })).deletedCount;
    }
    const claims = (await this.claims.deleteMany({ expiresAt: { $lt: claimsEndedBefore } })).deletedCount;
    return { jobs, results, claims };
  }

  /** How many of the organisation's jobs are in each status (every status present, zero if none). */
  async countByStatus(org: OrganisationScope, now = new Date()): Promise<Record<OutboxJobStatus, number>> {
    const counts = Object.fromEntries(outboxJobStatusSchema.options.map((status) => [status, 0])) as Record<OutboxJobStatus, number>;
    const [jobs, results, claims] = await Promise.all([
      this.jobs.find(inOrganisation(org) as Filter<StoredOutboxJob>, { projection: { _id: 1 } }).toArray(),
      this.results.find({}, { projection: { _id: 1, status: 1 } }).toArray(),
      this.claims.find({ expiresAt: { $gt: now } }, { projection: { jobId: 1 } }).toArray(),
    ]);
    const statusOf = new Map(results.map((r) => [r._id, r.status]));
    const claimed = new Set(claims.map((c) => c.jobId));
    for (const job of jobs) counts[statusOf.get(job._id) ?? (claimed.has(job._id) ? 'leased' : 'pending')] += 1;
    return counts;
  }

  /**
   * Records the result. First the job's claims for every epoch up to CANDIDATE_MAX_AGE_MS from now
   * are taken (those already held stay as they are), so no worker acting on a view of the outbox
   * from before this moment can claim the job again; then the result, which ends it for good.
   */
  private async finish(result: StoredResult): Promise<boolean> {
    const at = Date.now();
    const epochs: number[] = [];
    for (let e = leaseEpochOf(at, this.leaseMs); e <= leaseEpochOf(at + CANDIDATE_MAX_AGE_MS, this.leaseMs); e++) epochs.push(e);
    await this.claimInserts.insertAll(epochs.map((e) => claimOf(result._id, result.workerId ?? 'finished', e, this.leaseMs, result.at)));
    return this.resultInserts.insert(result);
  }

  private async unfinishedIds(org: OrganisationScope, selection: OutboxJobSelection): Promise<string[]> {
    const filter = {
      ...inOrganisation(org),
      ...(selection.eventId ? { eventId: selection.eventId } : {}),
      ...(selection.personId ? { personId: selection.personId } : {}),
      ...(selection.kinds && selection.kinds.length > 0 ? { kind: { $in: [...selection.kinds] } } : {}),
    } as Filter<StoredOutboxJob>;
    const jobs = await this.jobs.find(filter, { projection: { _id: 1 } }).toArray();
    if (jobs.length === 0) return [];
    const finished = new Set((await this.results.find({}, { projection: { _id: 1 } }).toArray()).map((r) => r._id));
    return jobs.map((j) => j._id).filter((id) => !finished.has(id));
  }

  private async withState(stored: StoredOutboxJob, now: Date): Promise<OutboxJob> {
    const [result, claim] = await Promise.all([
      this.results.findOne({ _id: stored._id }),
      this.claims.findOne({ _id: claimIdOf(stored._id, leaseEpochOf(now.getTime(), this.leaseMs)) }),
    ]);
    if (result) {
      return withoutUndefined({
        ...fromStoredJob(stored, result.status),
        ...(result.result ? { result: result.result } : {}),
        ...(result.lastError ? { lastError: result.lastError } : {}),
        ...(result.workerId ? { leaseOwner: result.workerId } : {}),
        updatedAt: result.at,
      });
    }
    if (claim) return { ...fromStoredJob(stored, 'leased'), leaseOwner: claim.workerId, leaseExpiresAt: claim.expiresAt };
    return fromStoredJob(stored, 'pending');
  }
}

function claimOf(jobId: string, workerId: string, epoch: number, leaseMs: number, at: Date): StoredClaim {
  return { _id: claimIdOf(jobId, epoch), jobId, epoch, workerId, at, expiresAt: new Date((epoch + 1) * leaseMs) };
}

function toStoredJob(job: OutboxJob): StoredOutboxJob {
  const { id, status: _status, leaseOwner: _owner, leaseExpiresAt: _expires, result: _result, ...rest } = job;
  return withoutUndefined({ ...rest, _id: id });
}

function fromStoredJob(stored: StoredOutboxJob, status: OutboxJobStatus): OutboxJob {
  const { _id, ...rest } = stored;
  return { ...rest, id: _id, status, attempts: rest.attempts ?? 0, payload: rest.payload ?? {} };
}
