import type { Collection, Db, IndexDescription } from 'mongodb';
import type { Comment, CommentSubject } from '../../shared/domain';
import { assertSameOrganisation, byIdInOrganisation, inOrganisation, type OrganisationScope } from './organisationScope';
import { fromStored, fromStoredOrNull, isDuplicateKeyError, toStored, type Stored } from './storedDocument';

export const commentsCollection = 'comments';
export const commentIndexes: IndexDescription[] = [
  { name: 'organisation_subject_created', key: { organisationId: 1, 'subject.kind': 1, 'subject.id': 1, createdAt: 1 } },
];

type StoredComment = Stored<Comment>;

export class CommentRepository {
  private readonly collection: Collection<StoredComment>;

  constructor(db: Db) {
    this.collection = db.collection<StoredComment>(commentsCollection);
  }

  /** Adds a comment to its thread; adding the same id again (a retry) is a no-op. Returns whether it was new. */
  async add(org: OrganisationScope, comment: Comment): Promise<boolean> {
    assertSameOrganisation(org, comment);
    try {
      await this.collection.insertOne(toStored(comment));
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  async get(org: OrganisationScope, id: string): Promise<Comment | null> {
    return fromStoredOrNull(await this.collection.findOne(byIdInOrganisation(org, id)));
  }

  /** The thread on a check-in or rock, oldest first. */
  async listForSubject(org: OrganisationScope, subject: CommentSubject): Promise<Comment[]> {
    const rows = await this.collection
      .find({ ...inOrganisation(org), 'subject.kind': subject.kind, 'subject.id': subject.id })
      .sort({ createdAt: 1, _id: 1 })
      .toArray();
    return rows.map((row) => fromStored(row));
  }

  /** How many comments each of these subjects' threads holds (subjects with none are absent). */
  async countBySubjects(org: OrganisationScope, kind: CommentSubject['kind'], ids: string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const rows = await this.collection
      .aggregate<{ _id: string; n: number }>([
        { $match: { ...inOrganisation(org), 'subject.kind': kind, 'subject.id': { $in: ids } } },
        { $group: { _id: '$subject.id', n: { $sum: 1 } } },
      ])
      .toArray();
    return new Map(rows.map((row) => [row._id, row.n]));
  }
}
