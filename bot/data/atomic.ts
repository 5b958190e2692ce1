// Exactly-one-winner decisions (DESIGN.md, "Atomicity").
//
// Why a module of its own: FerretDB 1.x, the local and test database, runs an update (and a
// findOneAndUpdate) as a read followed by a write, not atomically: 100 concurrent
// `findOneAndUpdate({status: 'pending'})` over 20 documents returned 43–62 "claims". What every
// backend (MongoDB, Atlas, Cosmos DB, FerretDB) does enforce atomically is a unique index: of
// several concurrent inserts of the same key exactly one succeeds. So where correctness needs
// one winner (claiming an outbox job, the first submission of a check-in, an admin's confirm
// against a version, one reviewer notification per check-in) the decision is an insert, and
// nothing here is an update.
import { randomUUID } from 'node:crypto';
import type { Collection, Db, IndexDescription, OptionalUnlessRequiredId } from 'mongodb';
import { organisationIdOf, type OrganisationScope } from './organisationScope';
import { isDuplicateKeyError } from './storedDocument';

/**
 * Inserts the document; true if this call stored it, false if a document with the same unique
 * key (its `_id`, or another unique index of the collection) was there first. Any other failure
 * is thrown.
 */
export async function insertOnce<T extends { _id: string }>(collection: Collection<T>, document: T): Promise<boolean> {
  try {
    await collection.insertOne(document as OptionalUnlessRequiredId<T>);
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}

export const decisionsCollection = 'decisions';
export const decisionIndexes: IndexDescription[] = [{ name: 'organisation_kind_subject', key: { organisationId: 1, kind: 1, subject: 1 } }];

/** A decision taken once: which caller won, when. Its `_id` names the decision itself. */
export interface Decision {
  _id: string;
  organisationId: string;
  /** What sort of decision: 'event-version', 'reviewer-notified', ... */
  kind: string;
  /** What it is about: an event and the version it moves from, a check-in id, ... */
  subject: string;
  /** Who won (a person id, a worker id, a request id). */
  winner: string;
  at: Date;
  /**
   * What the winner is about to write, when the write follows the decision: if the winner dies in
   * between, a later caller finds it here and completes the write (see versionedWrite.ts).
   */
  details?: Record<string, unknown>;
}

/** One-winner decisions of any kind that has no collection of its own to insert into. */
export class Decisions {
  private readonly collection: Collection<Decision>;

  constructor(db: Db) {
    this.collection = db.collection<Decision>(decisionsCollection);
  }

  /** True if this caller took the decision; false if someone (maybe this caller, earlier) had. */
  async take(scope: OrganisationScope, kind: string, subject: string, winner: string, at: Date, details?: Record<string, unknown>): Promise<boolean> {
    const organisationId = organisationIdOf(scope);
    return insertOnce(this.collection, { _id: decisionId(organisationId, kind, subject), organisationId, kind, subject, winner, at, ...(details ? { details } : {}) });
  }

  /**
   * The id of a new entity whose create carries a client's idempotency key (issue 16, "ids are
   * ours"): the first caller for (organisation, author, key) makes a fresh id and every later one,
   * a retry or a concurrent duplicate, gets that same id. The key never becomes the stored id, so
   * a key someone else (or another tenant) used is just a new entity: nothing collides, nothing
   * leaks. FerretDB has no partial indexes, so the key lives here rather than on the entity.
   */
  async claimId(scope: OrganisationScope, kind: string, authorId: string, key: string, at: Date, details?: Record<string, unknown>): Promise<ClaimedId> {
    const subject = keySubject(authorId, key);
    const id = randomUUID();
    if (await this.take(scope, `id:${kind}`, subject, id, at, details)) return { id, first: true, ...(details ? { details } : {}) };
    const decision = await this.find(scope, `id:${kind}`, subject);
    // The insert lost to a document with this exact _id, so it is there (decisions are never deleted while in use).
    if (!decision) throw new Error(`claimId: the ${kind} key's decision is missing`);
    return { id: decision.winner, first: false, ...(decision.details ? { details: decision.details } : {}) };
  }

  /** The id claimId gave (organisation, author, key) earlier, if any: a read, so a refused request can look first and claim nothing. */
  async peekId(scope: OrganisationScope, kind: string, authorId: string, key: string): Promise<string | null> {
    return (await this.find(scope, `id:${kind}`, keySubject(authorId, key)))?.winner ?? null;
  }

  /** The decision, if it has been taken. */
  async find(scope: OrganisationScope, kind: string, subject: string): Promise<Decision | null> {
    const organisationId = organisationIdOf(scope);
    return this.collection.findOne({ _id: decisionId(organisationId, kind, subject), organisationId });
  }
}

/** What claimId returns: the entity's id, whether this caller made it, and what the first caller recorded with it. */
export interface ClaimedId {
  id: string;
  first: boolean;
  details?: Record<string, unknown>;
}

/** Author and key, unambiguous whatever characters either holds. */
function keySubject(authorId: string, key: string): string {
  return `${encodeURIComponent(authorId)}/${encodeURIComponent(key)}`;
}

function decisionId(organisationId: string, kind: string, subject: string): string {
  return `${organisationId}:${kind}:${subject}`;
}
