import type { Collection, Db, Filter, IndexDescription } from 'mongodb';
import type { ConversationReferenceRecord } from '../../shared/domain';
import { assertSameOrganisation, inOrganisation, type OrganisationScope } from './organisationScope';
import { fromStored, fromStoredOrNull, isDuplicateKeyError, withoutUndefined, type Stored } from './storedDocument';

export const conversationReferencesCollection = 'conversationReferences';
export const conversationReferenceIndexes: IndexDescription[] = [
  // One reference per Teams user (or team) and organisation: installs and conversationUpdates repeat.
  { name: 'organisation_key_unique', key: { organisationId: 1, key: 1 }, unique: true },
  { name: 'organisation_person', key: { organisationId: 1, personId: 1 } },
  { name: 'organisation_entra_object', key: { organisationId: 1, entraObjectId: 1 } },
];

export type ConversationScope = ConversationReferenceRecord['scope'];

export interface ConversationReferenceListRequest {
  /** personal, team or groupChat; all when left out. */
  scope?: ConversationScope;
  pageSize?: number;
  /** From the previous page; pages follow the key order, so inserts do not shift them. */
  continuationToken?: string;
  /** Uninstalled ones are left out unless asked for. */
  includeUninstalled?: boolean;
}

export interface ConversationReferencePage {
  items: ConversationReferenceRecord[];
  /** Absent on the last page. */
  continuationToken?: string;
}

type StoredReference = Stored<ConversationReferenceRecord>;

export class ConversationReferenceRepository {
  private readonly collection: Collection<StoredReference>;

  constructor(db: Db) {
    this.collection = db.collection<StoredReference>(conversationReferencesCollection);
  }

  async get(org: OrganisationScope, key: string): Promise<ConversationReferenceRecord | null> {
    return fromStoredOrNull(await this.collection.findOne({ ...inOrganisation(org), key }));
  }

  /** The installed personal conversation with this person, for proactive prompts. */
  async findPersonal(org: OrganisationScope, who: { personId: string } | { entraObjectId: string }): Promise<ConversationReferenceRecord | null> {
    const rows = await this.collection
      .find({ ...inOrganisation(org), ...who, scope: 'personal', uninstalledAt: { $exists: false } })
      .sort({ updatedAt: -1 })
      .limit(1)
      .toArray();
    return fromStoredOrNull(rows[0] ?? null);
  }

  /**
   * Records the latest reference for (organisation, key). A known key keeps its id; a reinstall
   * clears uninstalledAt. Safe to repeat for every install or conversationUpdate.
   */
  async upsert(org: OrganisationScope, record: ConversationReferenceRecord): Promise<ConversationReferenceRecord> {
    assertSameOrganisation(org, record);
    const { id, organisationId: _org, key, uninstalledAt: _uninstalled, ...fields } = withoutUndefined(record);
    const filter = { ...inOrganisation(org), key };
    const update = { $set: fields, $setOnInsert: { _id: id }, $unset: { uninstalledAt: '' as const } };
    let stored: StoredReference | null;
    try {
      stored = await this.collection.findOneAndUpdate(filter, update, { upsert: true, returnDocument: 'after' });
    } catch (error) {
      // Two installs racing: both tried to insert; the loser's update now finds the winner's document.
      if (!isDuplicateKeyError(error)) throw error;
      stored = await this.collection.findOneAndUpdate(filter, update, { returnDocument: 'after' });
    }
    if (!stored) throw new Error(`conversation reference ${key} was not stored`);
    return fromStored(stored);
  }

  /** The app was removed: keep the record (for audit) but stop sending to it. */
  async markUninstalled(org: OrganisationScope, key: string, at = new Date()): Promise<boolean> {
    const result = await this.collection.updateOne({ ...inOrganisation(org), key }, { $set: { uninstalledAt: at, updatedAt: at } });
    return result.matchedCount === 1;
  }

  /** Keyset-paged list of an organisation's conversation references. */
  async list(org: OrganisationScope, request: ConversationReferenceListRequest = {}): Promise<ConversationReferencePage> {
    const pageSize = Math.min(Math.max(1, Math.floor(request.pageSize ?? 100)), 1000);
    const filter: Filter<StoredReference> = {
      ...inOrganisation(org),
      ...(request.scope ? { scope: request.scope } : {}),
      ...(request.includeUninstalled ? {} : { uninstalledAt: { $exists: false } }),
      ...(request.continuationToken ? { key: { $gt: request.continuationToken } } : {}),
    };
    const rows = await this.collection.find(filter).sort({ key: 1 }).limit(pageSize + 1).toArray();
    const items = rows.slice(0, pageSize).map((row) => fromStored(row));
    const last = items[items.length - 1];
    return rows.length > pageSize && last ? { items, continuationToken: last.key } : { items };
  }

  async delete(org: OrganisationScope, key: string): Promise<boolean> {
    const result = await this.collection.deleteOne({ ...inOrganisation(org), key });
    return result.deletedCount === 1;
  }
}
