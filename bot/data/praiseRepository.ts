import type { Collection, Db, IndexDescription } from 'mongodb';
import type { Praise } from '../../shared/domain';
import { assertSameOrganisation, inOrganisation, type OrganisationScope } from './organisationScope';
import { pageWindow, toPage, type Page, type PageRequest } from './paging';
import { fromStored, insertedCountIgnoringDuplicates, toStored, type Stored } from './storedDocument';

export const praiseCollection = 'praise';
export const praiseIndexes: IndexDescription[] = [
  { name: 'organisation_to_created', key: { organisationId: 1, toPersonId: 1, createdAt: -1 } },
  { name: 'organisation_from_created', key: { organisationId: 1, fromPersonId: 1, createdAt: -1 } },
];

type StoredPraise = Stored<Praise>;

export class PraiseRepository {
  private readonly collection: Collection<StoredPraise>;

  constructor(db: Db) {
    this.collection = db.collection<StoredPraise>(praiseCollection);
  }

  /**
   * Stores praise, skipping any whose id is already stored. Give praise from a check-in an id
   * derived from the check-in and the colleague, so a retried submit does not praise twice
   * (a unique index on the optional checkInId is impossible without partial indexes).
   * Returns how many were new.
   */
  async insert(org: OrganisationScope, praise: readonly Praise[]): Promise<number> {
    if (praise.length === 0) return 0;
    for (const item of praise) assertSameOrganisation(org, item);
    try {
      const result = await this.collection.insertMany(praise.map((item) => toStored(item)), { ordered: false });
      return result.insertedCount;
    } catch (error) {
      return insertedCountIgnoringDuplicates(error);
    }
  }

  /** The stored praise with these ids (a retried give reads back what it stored). Ids are few: looked up one by one. */
  async getMany(org: OrganisationScope, ids: readonly string[]): Promise<Praise[]> {
    const rows = await Promise.all([...new Set(ids)].slice(0, 50).map((id) => this.collection.findOne({ ...inOrganisation(org), _id: id })));
    return rows.filter((row): row is StoredPraise & { _id: string } => row !== null).map((row) => fromStored(row));
  }

  /** Praise the person received, newest first. It carries checkInId: the API must not show it to the recipient. */
  async listReceived(org: OrganisationScope, personId: string, request?: PageRequest): Promise<Page<Praise>> {
    return this.page({ ...inOrganisation(org), toPersonId: personId }, request);
  }

  /** Praise the person gave, newest first. */
  async listGiven(org: OrganisationScope, personId: string, request?: PageRequest): Promise<Page<Praise>> {
    return this.page({ ...inOrganisation(org), fromPersonId: personId }, request);
  }

  private async page(filter: Partial<StoredPraise>, request?: PageRequest): Promise<Page<Praise>> {
    const window = pageWindow(request);
    const rows = await this.collection.find(filter).sort({ createdAt: -1, _id: 1 }).skip(window.skip).limit(window.limit).toArray();
    return toPage(
      rows.map((row) => fromStored(row)),
      window,
    );
  }
}
