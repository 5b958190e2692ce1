import type { Collection, Db, IndexDescription } from 'mongodb';
import { policyVersionIdFor, type PolicyVersion } from '../../shared/domain';
import { insertOnce } from './atomic';
import { assertSameOrganisation, byIdInOrganisation, inOrganisation, type OrganisationScope } from './organisationScope';
import { fromStored, fromStoredOrNull, toStored, type Stored } from './storedDocument';

export const policyVersionsCollection = 'policyVersions';
export const policyVersionIndexes: IndexDescription[] = [{ name: 'organisation_version', key: { organisationId: 1, version: -1 } }];

type StoredPolicyVersion = Stored<PolicyVersion>;

/** Append-only history of an organisation's policy; the `_id` (organisation + version) makes each version exist once. */
export class PolicyVersionRepository {
  private readonly collection: Collection<StoredPolicyVersion>;

  constructor(db: Db) {
    this.collection = db.collection<StoredPolicyVersion>(policyVersionsCollection);
  }

  /** True if this call stored the version; false if that version of the organisation's policy already exists. */
  async insertOnce(org: OrganisationScope, version: PolicyVersion): Promise<boolean> {
    assertSameOrganisation(org, version);
    if (version.id !== policyVersionIdFor(version.organisationId, version.version)) throw new Error(`policy version id ${version.id} does not match its version ${version.version}`);
    return insertOnce(this.collection, toStored(version));
  }

  async get(org: OrganisationScope, version: number): Promise<PolicyVersion | null> {
    return fromStoredOrNull(await this.collection.findOne(byIdInOrganisation(org, policyVersionIdFor(org.organisationId, version))));
  }

  /** The highest saved version, if any. */
  async latest(org: OrganisationScope): Promise<PolicyVersion | null> {
    const [row] = await this.collection.find(inOrganisation(org)).sort({ version: -1 }).limit(1).toArray();
    return row ? fromStored(row) : null;
  }

  /** Newest first. */
  async list(org: OrganisationScope, limit = 50): Promise<PolicyVersion[]> {
    const rows = await this.collection.find(inOrganisation(org)).sort({ version: -1 }).limit(limit).toArray();
    return rows.map((row) => fromStored(row));
  }
}
