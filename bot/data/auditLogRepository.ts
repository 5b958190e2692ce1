import type { Collection, Db, IndexDescription } from 'mongodb';
import type { AuditEntry } from '../../shared/domain';
import { insertOnce } from './atomic';
import { assertSameOrganisation, inOrganisation, type OrganisationScope } from './organisationScope';
import { pageWindow, toPage, type Page, type PageRequest } from './paging';
import { fromStored, toStored, type Stored } from './storedDocument';

export const auditLogCollection = 'auditLog';
export const auditLogIndexes: IndexDescription[] = [
  { name: 'organisation_at', key: { organisationId: 1, at: -1 } },
  { name: 'organisation_subject_at', key: { organisationId: 1, 'subject.id': 1, at: -1 } },
];

type StoredAuditEntry = Stored<AuditEntry>;

/** Append-only: there is no update or delete here (retention clean-up will be its own job). */
export class AuditLogRepository {
  private readonly collection: Collection<StoredAuditEntry>;

  constructor(db: Db) {
    this.collection = db.collection<StoredAuditEntry>(auditLogCollection);
  }

  /**
   * Appending the same entry id twice (a retried use case, a side effect completed after a crash)
   * records it once. True if this call stored it.
   */
  async append(org: OrganisationScope, entry: AuditEntry): Promise<boolean> {
    assertSameOrganisation(org, entry);
    return insertOnce(this.collection, toStored(entry));
  }

  /** Newest first; optionally only the entries about one subject (a check-in, a rock, an event). */
  async list(org: OrganisationScope, options: { subjectId?: string } & PageRequest = {}): Promise<Page<AuditEntry>> {
    const window = pageWindow(options);
    const filter = { ...inOrganisation(org), ...(options.subjectId ? { 'subject.id': options.subjectId } : {}) };
    const rows = await this.collection.find(filter).sort({ at: -1, _id: 1 }).skip(window.skip).limit(window.limit).toArray();
    return toPage(
      rows.map((row) => fromStored(row)),
      window,
    );
  }
}
