import type { Collection, Db, IndexDescription } from 'mongodb';
import { policySchema, type Organisation } from '../../shared/domain';
import { fromStored, fromStoredOrNull, toStored, withoutUndefined, type Stored } from './storedDocument';

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

  /**
   * Puts a saved policy version in force, unless the organisation already carries that version or a
   * later one (so completing a save twice, or an older save arriving late, changes nothing). True
   * if this call moved the organisation on. Who may save version N is decided before, by inserting
   * the version document (PolicyVersionRepository.insertOnce); this write only follows it.
   */
  async setPolicy(organisationId: string, policy: Organisation['policy'], version: number, at: Date): Promise<boolean> {
    const older = { $or: [{ policyVersion: { $lt: version } }, { policyVersion: { $exists: false } }] };
    const result = await this.collection.updateOne({ _id: organisationId, ...older }, { $set: { policy: withoutUndefined(policy), policyVersion: version, updatedAt: at } });
    return result.modifiedCount > 0;
  }

  /** Sets only the admin channel, so a policy saved meanwhile is not overwritten with an older copy. */
  async setAdminChannel(organisationId: string, adminChannel: NonNullable<Organisation['adminChannel']>, at: Date): Promise<Organisation | null> {
    await this.collection.updateOne({ _id: organisationId }, { $set: { adminChannel, updatedAt: at } });
    return this.get(organisationId);
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
