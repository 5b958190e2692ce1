// In-memory copies of one organisation's slowly changing data (the staff directory), kept honest
// by a stamp in the database.
//
// Why: on FerretDB 1.24 (SQLite) every lookup scans its collection (even by `_id`, whose query
// does not match the `_id` index), about 25 ms at 10,000 people and far more for any other
// filter, while every Teams turn, tab request and prompt starts by finding a person. A snapshot
// turns those lookups into map reads; its cost is one full read when the data changes.
//
// Consistency: every write to the data replaces the organisation's stamp (a random token in
// `datasetStamps`), after the write. A read compares the stamp with the one the snapshot was
// loaded under (one tiny `{_id}` read, shared by the callers of the next 200 ms); on a mismatch the snapshot
// is loaded again. The process that wrote patches its own snapshot at once, so it reads its writes;
// other processes may serve a snapshot up to `staleMs` old while a fresh one loads in the
// background (a burst of writes then costs one load, not one per write).
import { randomUUID } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import { isDuplicateKeyError } from './storedDocument';

export const datasetStampsCollection = 'datasetStamps';

interface Entry<T> {
  value: T;
  stamp: string;
  loadedAt: number;
}

export interface SnapshotOptions {
  /** How long a snapshot whose stamp moved on may still be served while a fresh one loads. */
  staleMs?: number;
  /** How long a stamp just read is taken as current without reading it again. */
  stampFreshMs?: number;
  /** Clock for the staleness arithmetic (tests). */
  nowMs?: () => number;
}

const NO_STAMP = 'none';

export class OrganisationSnapshots<T> {
  private readonly stamps: Collection<{ _id: string; stamp: string; at: Date }>;
  private readonly entries = new Map<string, Entry<T>>();
  private readonly stampReads = new Map<string, Promise<string>>();
  private readonly recentStamps = new Map<string, { stamp: string; at: number }>();
  private readonly loads = new Map<string, Promise<Entry<T>>>();
  private readonly staleMs: number;
  private readonly stampFreshMs: number;
  private readonly nowMs: () => number;

  constructor(
    db: Db,
    private readonly dataset: string,
    private readonly load: (organisationId: string) => Promise<T>,
    options: SnapshotOptions = {},
  ) {
    this.stamps = db.collection(datasetStampsCollection);
    this.staleMs = options.staleMs ?? 5_000;
    this.stampFreshMs = options.stampFreshMs ?? 200;
    this.nowMs = options.nowMs ?? Date.now;
  }

  /** The organisation's snapshot: current as of this call, or (another process wrote) at most staleMs old. */
  async get(organisationId: string): Promise<T> {
    const stamp = await this.readStamp(organisationId);
    const entry = this.entries.get(organisationId);
    if (entry && entry.stamp === stamp) return entry.value;
    if (entry && this.nowMs() - entry.loadedAt < this.staleMs) {
      void this.reload(organisationId).catch(() => undefined);
      return entry.value;
    }
    return (await this.reload(organisationId)).value;
  }

  /**
   * After a write: patches this process's snapshot (when there is one and `patch` is given; else
   * drops it, so the next read loads) and moves the stamp on, so other processes reload.
   */
  async changed(organisationId: string, patch?: (value: T) => void): Promise<void> {
    const entry = this.entries.get(organisationId);
    if (entry && patch) patch(entry.value);
    else this.entries.delete(organisationId);
    // A load in flight may have read the data before this write: it must not be kept.
    this.loads.delete(organisationId);
    this.recentStamps.delete(organisationId);
    const replaceStamp = () => this.stamps.updateOne({ _id: this.stampId(organisationId) }, { $set: { stamp: randomUUID(), at: new Date() } }, { upsert: true });
    await replaceStamp().catch(async (error: unknown) => {
      // Two first writers raced to create the stamp: the loser's second try finds it and updates it.
      if (!isDuplicateKeyError(error)) throw error;
      await replaceStamp();
    });
  }

  /** Forgets every snapshot (tests, shutdown). */
  clear(): void {
    this.entries.clear();
    this.loads.clear();
    this.recentStamps.clear();
  }

  private stampId(organisationId: string): string {
    return `${this.dataset}:${organisationId}`;
  }

  /**
   * One read of the stamp at a time per organisation; callers meanwhile share its answer, and for
   * `stampFreshMs` after it (a burst of requests costs a few reads, not one each).
   */
  private readStamp(organisationId: string): Promise<string> {
    const recent = this.recentStamps.get(organisationId);
    if (recent && this.nowMs() - recent.at < this.stampFreshMs) return Promise.resolve(recent.stamp);
    let read = this.stampReads.get(organisationId);
    if (!read) {
      read = this.stamps
        .findOne({ _id: this.stampId(organisationId) })
        .then((doc) => {
          const stamp = doc?.stamp ?? NO_STAMP;
          this.recentStamps.set(organisationId, { stamp, at: this.nowMs() });
          return stamp;
        })
        .finally(() => this.stampReads.delete(organisationId));
      this.stampReads.set(organisationId, read);
    }
    return read;
  }

  /** One load at a time per organisation. The stamp is read before the data, so a write during the load is noticed next time. */
  private reload(organisationId: string): Promise<Entry<T>> {
    const inFlight = this.loads.get(organisationId);
    if (inFlight) return inFlight;
    const attempt: { promise?: Promise<Entry<T>> } = {};
    attempt.promise = (async () => {
      const stamp = (await this.stamps.findOne({ _id: this.stampId(organisationId) }))?.stamp ?? NO_STAMP;
      const entry = { value: await this.load(organisationId), stamp, loadedAt: this.nowMs() };
      // Kept only if no write dropped this load meanwhile.
      if (this.loads.get(organisationId) === attempt.promise) this.entries.set(organisationId, entry);
      return entry;
    })().finally(() => {
      if (this.loads.get(organisationId) === attempt.promise) this.loads.delete(organisationId);
    });
    this.loads.set(organisationId, attempt.promise);
    return attempt.promise;
  }
}
