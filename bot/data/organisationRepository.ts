import type { Collection, Db, IndexDescription } from 'mongodb';
import { policySchema, type Organisation } from '../../shared/domain';
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
    const organisation = fromStoredOrNull(await this.collection.findOne({ _id: organisationId }));
    return organisation && withPolicyDefaults(organisation);
  }

  async upsert(organisation: Organisation): Promise<Organisation> {
    const stored = toStored(organisation);
    await this.collection.replaceOne({ _id: stored._id }, stored, { upsert: true });
    return fromStored(stored);
  }

  /** Every organisation, for jobs that serve all tenants. */
  async list(): Promise<Organisation[]> {
    const rows = await this.collection.find({}).sort({ _id: 1 }).toArray();
    return rows.map((row) => withPolicyDefaults(fromStored(row)));
  }
}

/**
 * A policy stored before a field existed reads with that field's default, so code can rely on the
 * whole policy shape (a stored policy that no longer parses is returned as stored, not hidden).
 */
function withPolicyDefaults(organisation: Organisation): Organisation {
  const parsed = policySchema.safeParse(organisation.policy);
  return parsed.success ? { ...organisation, policy: parsed.data } : organisation;
}
