// Group coaching sessions (seed 004 §8): one per coaching group and check-in event. The id follows
// from organisation + event + group, so creating it twice (a restart, two workers) stores one.
import type { Collection, Db, IndexDescription } from 'mongodb';
import type { GroupSession } from '../../shared/domain';
import { insertOnce } from './atomic';
import { assertSameOrganisation, byIdInOrganisation, inOrganisation, type OrganisationScope } from './organisationScope';
import { fromStored, fromStoredOrNull, setAndUnset, toStored, type Stored } from './storedDocument';

export const groupSessionsCollection = 'groupSessions';
export const groupSessionIndexes: IndexDescription[] = [
  { name: 'organisation_group_created', key: { organisationId: 1, groupId: 1, createdAt: -1 } },
  { name: 'organisation_event', key: { organisationId: 1, eventId: 1 } },
  // A reply in a channel thread names its root message.
  { name: 'organisation_activity', key: { organisationId: 1, activityId: 1 } },
];

type StoredSession = Stored<GroupSession>;

export class GroupSessionRepository {
  private readonly collection: Collection<StoredSession>;

  constructor(db: Db) {
    this.collection = db.collection<StoredSession>(groupSessionsCollection);
  }

  /** Stores the session if it is new; true if this call created it. */
  async createOnce(org: OrganisationScope, session: GroupSession): Promise<boolean> {
    assertSameOrganisation(org, session);
    return insertOnce(this.collection, toStored(session));
  }

  async get(org: OrganisationScope, id: string): Promise<GroupSession | null> {
    return fromStoredOrNull(await this.collection.findOne(byIdInOrganisation(org, id)));
  }

  async findByActivity(org: OrganisationScope, activityId: string): Promise<GroupSession | null> {
    return fromStoredOrNull(await this.collection.findOne({ ...inOrganisation(org), activityId }));
  }

  async listForGroup(org: OrganisationScope, groupId: string): Promise<GroupSession[]> {
    const rows = await this.collection.find({ ...inOrganisation(org), groupId }).sort({ createdAt: -1 }).limit(200).toArray();
    return rows.map((row) => fromStored(row));
  }

  async listForEvent(org: OrganisationScope, eventId: string): Promise<GroupSession[]> {
    const rows = await this.collection.find({ ...inOrganisation(org), eventId }).limit(5000).toArray();
    return rows.map((row) => fromStored(row));
  }

  /** The card is in the conversation: remember its message (the thread's root). */
  async markPosted(org: OrganisationScope, id: string, changes: { activityId?: string; postedAt: Date; refreshUserIds: string[] }): Promise<void> {
    await this.collection.updateOne(byIdInOrganisation(org, id), setAndUnset(changes));
  }
}
