// Thanks written in a check-in with nobody chosen (pendingThanks in shared/domain/praise.ts). One
// document per check-in, created by an insert that only the first caller wins (atomic.ts: FerretDB
// updates are not atomic, a unique `_id` is), and afterwards written only by its author.
import type { Collection, Db, IndexDescription } from 'mongodb';
import type { PendingThanks } from '../../shared/domain';
import { insertOnce } from './atomic';
import { assertSameOrganisation, byIdInOrganisation, inOrganisation, type OrganisationScope } from './organisationScope';
import { fromStored, fromStoredOrNull, setAndUnset, toStored, type Stored } from './storedDocument';

export const pendingThanksCollection = 'pendingThanks';
export const pendingThanksIndexes: IndexDescription[] = [{ name: 'organisation_person_status_created', key: { organisationId: 1, personId: 1, status: 1, createdAt: -1 } }];

type StoredPendingThanks = Stored<PendingThanks>;

/** A person has a handful at most; the list is bounded all the same. */
const MAX_PENDING_LISTED = 50;

export class PendingThanksRepository {
  private readonly collection: Collection<StoredPendingThanks>;

  constructor(db: Db) {
    this.collection = db.collection<StoredPendingThanks>(pendingThanksCollection);
  }

  /** Stores it unless one with its id (its check-in's) is there already; true if this call stored it. */
  async insertOnce(org: OrganisationScope, thanks: PendingThanks): Promise<boolean> {
    assertSameOrganisation(org, thanks);
    return insertOnce(this.collection, toStored(thanks));
  }

  async get(org: OrganisationScope, id: string): Promise<PendingThanks | null> {
    return fromStoredOrNull(await this.collection.findOne(byIdInOrganisation(org, id)));
  }

  /** The person's thanks still waiting for a colleague, newest first. */
  async listPending(org: OrganisationScope, personId: string): Promise<PendingThanks[]> {
    const rows = await this.collection.find({ ...inOrganisation(org), personId, status: 'pending' }).sort({ createdAt: -1, _id: 1 }).limit(MAX_PENDING_LISTED).toArray();
    return rows.map((row) => fromStored(row));
  }

  /** The author edited their check-in's thanks while it still waits: the new words. */
  async updateMessage(org: OrganisationScope, id: string, personId: string, message: string): Promise<void> {
    await this.collection.updateOne({ ...byIdInOrganisation(org, id), personId, status: 'pending' }, setAndUnset({ message }));
  }

  /**
   * Records how it was resolved. Called after the one-winner decision (Decisions.take) on the
   * thanks, so every caller that gets here writes the same outcome: repeating it is harmless.
   */
  async markResolved(org: OrganisationScope, id: string, personId: string, outcome: Pick<PendingThanks, 'status' | 'recipientIds' | 'resolvedAt'>): Promise<void> {
    await this.collection.updateOne({ ...byIdInOrganisation(org, id), personId }, setAndUnset({ status: outcome.status, recipientIds: outcome.recipientIds, resolvedAt: outcome.resolvedAt }));
  }
}
