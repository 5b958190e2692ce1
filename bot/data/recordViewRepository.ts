// Issue 16: who opened a person's records. Insert-only: the entry's id is derived from viewer,
// subject, record and day, so a reviewer reloading a page fifty times in a day stores one entry —
// decided by the unique _id (atomic on FerretDB, where an update is not).
import type { Collection, Db, IndexDescription } from 'mongodb';
import type { RecordView } from '../../shared/domain';
import { insertOnce } from './atomic';
import { assertSameOrganisation, inOrganisation, type OrganisationScope } from './organisationScope';
import { fromStored, toStored, type Stored } from './storedDocument';

export const recordViewsCollection = 'recordViews';
export const recordViewIndexes: IndexDescription[] = [{ name: 'organisation_subject_viewedAt', key: { organisationId: 1, subjectPersonId: 1, viewedAt: -1 } }];

type StoredRecordView = Stored<RecordView>;

/** Where a page of views starts: strictly older than this entry (viewedAt, then id). */
export interface RecordViewCursor {
  viewedAt: Date;
  id: string;
}

export class RecordViewRepository {
  private readonly collection: Collection<StoredRecordView>;

  constructor(db: Db) {
    this.collection = db.collection<StoredRecordView>(recordViewsCollection);
  }

  /** True if this call stored the entry; false if that viewer's view of that record that day was already there. */
  async record(org: OrganisationScope, view: RecordView): Promise<boolean> {
    assertSameOrganisation(org, view);
    return insertOnce(this.collection, toStored(view));
  }

  /** A person's views, newest first, none older than `since`; `limit` rows after `before`. */
  async listForSubject(org: OrganisationScope, subjectPersonId: string, options: { since: Date; before?: RecordViewCursor; limit: number }): Promise<RecordView[]> {
    const { before } = options;
    const filter = {
      ...inOrganisation(org),
      subjectPersonId,
      viewedAt: { $gte: options.since },
      ...(before ? { $or: [{ viewedAt: { $lt: before.viewedAt } }, { viewedAt: before.viewedAt, _id: { $gt: before.id } }] } : {}),
    };
    const rows = await this.collection.find(filter).sort({ viewedAt: -1, _id: 1 }).limit(options.limit).toArray();
    return rows.map((row) => fromStored(row));
  }
}
