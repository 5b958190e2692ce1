// Members' posts to a group session: one per member per session (the id is session + person), the
// latest answers kept when a member edits theirs.
import type { Collection, Db, IndexDescription } from 'mongodb';
import type { GroupPost } from '../../shared/domain';
import { insertOnce } from './atomic';
import { assertSameOrganisation, byIdInOrganisation, inOrganisation, type OrganisationScope } from './organisationScope';
import { fromStored, fromStoredOrNull, toStored, type Stored } from './storedDocument';

export const groupPostsCollection = 'groupPosts';
export const groupPostIndexes: IndexDescription[] = [
  { name: 'organisation_session', key: { organisationId: 1, sessionId: 1 } },
  { name: 'organisation_group', key: { organisationId: 1, groupId: 1 } },
];

type StoredPost = Stored<GroupPost>;

export class GroupPostRepository {
  private readonly collection: Collection<StoredPost>;

  constructor(db: Db) {
    this.collection = db.collection<StoredPost>(groupPostsCollection);
  }

  async get(org: OrganisationScope, id: string): Promise<GroupPost | null> {
    return fromStoredOrNull(await this.collection.findOne(byIdInOrganisation(org, id)));
  }

  /** The first post wins the id (Teams retries, double-clicks); later ones update its answers. */
  async save(org: OrganisationScope, post: GroupPost): Promise<'created' | 'updated' | 'unchanged'> {
    assertSameOrganisation(org, post);
    if (await insertOnce(this.collection, toStored(post))) return 'created';
    // A retried or double-clicked submit changes nothing (and is not audited again).
    const stored = await this.get(org, post.id);
    if (stored && sameAnswers(stored.answers, post.answers)) return 'unchanged';
    await this.collection.updateOne(byIdInOrganisation(org, post.id), { $set: { answers: post.answers, updatedAt: post.updatedAt } });
    return 'updated';
  }

  async listForSession(org: OrganisationScope, sessionId: string): Promise<GroupPost[]> {
    const rows = await this.collection.find({ ...inOrganisation(org), sessionId }).limit(500).toArray();
    return rows.map((row) => fromStored(row));
  }

  async countForGroup(org: OrganisationScope, groupId: string): Promise<number> {
    return this.collection.countDocuments({ ...inOrganisation(org), groupId });
  }
}

function sameAnswers(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => (a[k] ?? '') === (b[k] ?? ''));
}
