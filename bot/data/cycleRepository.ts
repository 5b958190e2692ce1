import type { Collection, Db, IndexDescription } from 'mongodb';
import type { Cycle } from '../../shared/domain';
import { assertSameOrganisation, byIdInOrganisation, inOrganisation, type OrganisationScope } from './organisationScope';
import { fromStored, fromStoredOrNull, toStored, type Stored } from './storedDocument';

export const cyclesCollection = 'cycles';
export const cycleIndexes: IndexDescription[] = [
  { name: 'organisation_key_unique', key: { organisationId: 1, key: 1 }, unique: true },
  { name: 'organisation_current_starts', key: { organisationId: 1, current: 1, startsOn: -1 } },
];

type StoredCycle = Stored<Cycle>;

export class CycleRepository {
  private readonly collection: Collection<StoredCycle>;

  constructor(db: Db) {
    this.collection = db.collection<StoredCycle>(cyclesCollection);
  }

  async get(org: OrganisationScope, id: string): Promise<Cycle | null> {
    return fromStoredOrNull(await this.collection.findOne(byIdInOrganisation(org, id)));
  }

  /**
   * Every cycle of the organisation, latest-starting first (a handful: one a year). Which one is
   * current is decided by date in bot/usecases/currentCycle.ts, not by the stored `current` flag.
   */
  async list(org: OrganisationScope): Promise<Cycle[]> {
    const rows = await this.collection.find(inOrganisation(org)).sort({ startsOn: -1 }).toArray();
    return rows.map((row) => fromStored(row));
  }

  /** Inserts or replaces the cycle with this id in this organisation. */
  async upsert(org: OrganisationScope, cycle: Cycle): Promise<Cycle> {
    assertSameOrganisation(org, cycle);
    const stored = toStored(cycle);
    await this.collection.replaceOne({ ...inOrganisation(org), _id: stored._id }, stored, { upsert: true });
    return fromStored(stored);
  }
}
