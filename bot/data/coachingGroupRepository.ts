// Coaching groups (seed 004 §8): a team's members, its leader and the conversation its group
// check-ins are posted to.
import type { Collection, Db, IndexDescription } from 'mongodb';
import type { CoachingGroup } from '../../shared/domain';
import { assertSameOrganisation, byIdInOrganisation, inOrganisation, type OrganisationScope } from './organisationScope';
import { fromStored, fromStoredOrNull, isDuplicateKeyError, toStored, type Stored } from './storedDocument';

export const coachingGroupsCollection = 'coachingGroups';
export const coachingGroupIndexes: IndexDescription[] = [
  // Admin commands name a group; two admins creating "EYFS team" at once make one group.
  { name: 'organisation_name_unique', key: { organisationId: 1, nameKey: 1 }, unique: true },
  // "Which group am I in?" (memberIds is an array of person ids: a multikey index).
  { name: 'organisation_member', key: { organisationId: 1, memberIds: 1 } },
  { name: 'organisation_leader', key: { organisationId: 1, leaderId: 1 } },
  // A thread reply or an install names the conversation, not the group.
  { name: 'organisation_conversation', key: { organisationId: 1, 'conversation.conversationId': 1 } },
];

type StoredGroup = Stored<CoachingGroup>;

export class CoachingGroupRepository {
  private readonly collection: Collection<StoredGroup>;

  constructor(db: Db) {
    this.collection = db.collection<StoredGroup>(coachingGroupsCollection);
  }

  async get(org: OrganisationScope, id: string): Promise<CoachingGroup | null> {
    return fromStoredOrNull(await this.collection.findOne(byIdInOrganisation(org, id)));
  }

  async findByName(org: OrganisationScope, nameKey: string): Promise<CoachingGroup | null> {
    return fromStoredOrNull(await this.collection.findOne({ ...inOrganisation(org), nameKey }));
  }

  async findByConversation(org: OrganisationScope, conversationId: string): Promise<CoachingGroup[]> {
    const rows = await this.collection.find({ ...inOrganisation(org), 'conversation.conversationId': conversationId }).toArray();
    return rows.map((row) => fromStored(row));
  }

  /** The groups a person belongs to or leads. */
  async listForPerson(org: OrganisationScope, personId: string): Promise<CoachingGroup[]> {
    const [member, leader] = await Promise.all([
      this.collection.find({ ...inOrganisation(org), memberIds: personId }).toArray(),
      this.collection.find({ ...inOrganisation(org), leaderId: personId }).toArray(),
    ]);
    const byId = new Map([...member, ...leader].map((row) => [row._id, fromStored(row)]));
    return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  async list(org: OrganisationScope): Promise<CoachingGroup[]> {
    const rows = await this.collection.find(inOrganisation(org)).sort({ nameKey: 1 }).limit(2000).toArray();
    return rows.map((row) => fromStored(row));
  }

  /** Inserts a new group; false when one of that name exists already. */
  async create(org: OrganisationScope, group: CoachingGroup): Promise<boolean> {
    assertSameOrganisation(org, group);
    try {
      await this.collection.insertOne(toStored(group));
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  /** Replaces the group's members, leader or conversation (an admin's change; last write wins). */
  async save(org: OrganisationScope, group: CoachingGroup): Promise<void> {
    assertSameOrganisation(org, group);
    const { _id, ...fields } = toStored(group);
    await this.collection.replaceOne(byIdInOrganisation(org, _id), fields);
  }
}
