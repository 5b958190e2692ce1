// Colleagues' replies in a group session's thread, as Teams delivered them (seed 004 §8:
// "shared with colleagues"). The id is the Teams message id, so a redelivery is stored once.
import type { Collection, Db, IndexDescription } from 'mongodb';
import type { GroupReply } from '../../shared/domain';
import { insertOnce } from './atomic';
import { assertSameOrganisation, inOrganisation, type OrganisationScope } from './organisationScope';
import { fromStored, toStored, type Stored } from './storedDocument';

export const groupRepliesCollection = 'groupReplies';
export const groupReplyIndexes: IndexDescription[] = [{ name: 'organisation_session_at', key: { organisationId: 1, sessionId: 1, at: 1 } }];

type StoredReply = Stored<GroupReply>;

export class GroupReplyRepository {
  private readonly collection: Collection<StoredReply>;

  constructor(db: Db) {
    this.collection = db.collection<StoredReply>(groupRepliesCollection);
  }

  /** True if the reply was new. */
  async add(org: OrganisationScope, reply: GroupReply): Promise<boolean> {
    assertSameOrganisation(org, reply);
    return insertOnce(this.collection, toStored(reply));
  }

  /** Oldest first, as the thread reads. */
  async listForSession(org: OrganisationScope, sessionId: string): Promise<GroupReply[]> {
    const rows = await this.collection.find({ ...inOrganisation(org), sessionId }).sort({ at: 1, _id: 1 }).limit(1000).toArray();
    return rows.map((row) => fromStored(row));
  }
}
