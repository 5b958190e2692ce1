import type { Collection, Db, IndexDescription } from 'mongodb';
import type { Organisation } from '../../shared/domain';
import { OrganisationSnapshots, type SnapshotOptions } from './snapshots';
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
  /** Every Teams turn and request reads its organisation (policy included); see snapshots.ts. */
  private readonly snapshots: OrganisationSnapshots<{ organisation: Organisation | null }>;

  constructor(db: Db, options: SnapshotOptions = {}) {
    this.collection = db.collection<StoredOrganisation>(organisationsCollection);
    this.snapshots = new OrganisationSnapshots(db, organisationsCollection, async (id) => ({ organisation: fromStoredOrNull(await this.collection.findOne({ _id: id })) }), options);
  }

  async get(organisationId: string): Promise<Organisation | null> {
    return (await this.snapshots.get(organisationId)).organisation;
  }

  async upsert(organisation: Organisation): Promise<Organisation> {
    const stored = toStored(organisation);
    await this.collection.replaceOne({ _id: stored._id }, stored, { upsert: true });
    const saved = fromStored(stored);
    await this.snapshots.changed(organisation.id, (snapshot) => void (snapshot.organisation = saved));
    return saved;
  }

  /** Every organisation, for jobs that serve all tenants. */
  async list(): Promise<Organisation[]> {
    const rows = await this.collection.find({}).sort({ _id: 1 }).toArray();
    return rows.map((row) => fromStored(row));
  }
}
