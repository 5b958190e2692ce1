import type { Collection, Db, IndexDescription } from 'mongodb';
import type { Organisation } from '../../shared/domain';
import { fromStored, fromStoredOrNull, toStored, type Stored } from './storedDocument';

export const organisationsCollection = 'organisations';
/** The organisation's `_id` is its tenant id, so it needs no further index. */
export const organisationIndexes: IndexDescription[] = [];

type StoredOrganisation = Stored<Organisation>;

/**
 * Organisations are the tenants themselves: `get` takes the organisation's own id, and `list` is
 * the one cross-tenant read (the scheduler walks every organisation).
 */
export class OrganisationRepository {
  private readonly collection: Collection<StoredOrganisation>;

  constructor(db: Db) {
    this.collection = db.collection<StoredOrganisation>(organisationsCollection);
  }

  async get(organisationId: string): Promise<Organisation | null> {
    return fromStoredOrNull(await this.collection.findOne({ _id: organisationId }));
  }

  async upsert(organisation: Organisation): Promise<Organisation> {
    const stored = toStored(organisation);
    await this.collection.replaceOne({ _id: stored._id }, stored, { upsert: true });
    return fromStored(stored);
  }

  /** Every organisation, for jobs that serve all tenants. */
  async list(): Promise<Organisation[]> {
    const rows = await this.collection.find({}).sort({ _id: 1 }).toArray();
    return rows.map((row) => fromStored(row));
  }
}
