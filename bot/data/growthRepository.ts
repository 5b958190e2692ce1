// Coach-led growth records (seed 002): self-reflection, plan, growth log, end reflection and
// feedback gaps, one collection told apart by `kind`. A person's singletons (one self-reflection,
// plan and end reflection per cycle) have ids that follow from person and cycle, so a retried save
// replaces rather than duplicates; a feedback gap is a unique insert, so a term is flagged once.
import type { Collection, Db, IndexDescription } from 'mongodb';
import type { GrowthRecord, GrowthRecordKind } from '../../shared/domain';
import { insertOnce } from './atomic';
import { assertSameOrganisation, byIdInOrganisation, inOrganisation, type OrganisationScope } from './organisationScope';
import { fromStored, fromStoredOrNull, isDuplicateKeyError, toStored, type Stored } from './storedDocument';

export const growthRecordsCollection = 'growthRecords';
export const growthRecordIndexes: IndexDescription[] = [
  { name: 'organisation_person_cycle_kind_created', key: { organisationId: 1, personId: 1, cycleId: 1, kind: 1, createdAt: 1 } },
  { name: 'organisation_cycle_kind_created', key: { organisationId: 1, cycleId: 1, kind: 1, createdAt: 1 } },
];

type StoredGrowthRecord = Stored<GrowthRecord>;
type OfKind<K extends GrowthRecordKind> = Extract<GrowthRecord, { kind: K }>;

/** The id of a person's one record of a kind in a cycle (self-reflection, plan, end reflection, a log entry for a check-in). */
export function growthRecordId(kind: GrowthRecordKind, cycleId: string, personId: string, ...more: string[]): string {
  return [kind, cycleId, personId, ...more].join(':');
}

export class GrowthRepository {
  private readonly collection: Collection<StoredGrowthRecord>;

  constructor(db: Db) {
    this.collection = db.collection<StoredGrowthRecord>(growthRecordsCollection);
  }

  async get<K extends GrowthRecordKind>(org: OrganisationScope, kind: K, id: string): Promise<OfKind<K> | null> {
    const row = fromStoredOrNull(await this.collection.findOne({ ...byIdInOrganisation(org, id), kind }));
    return row as OfKind<K> | null;
  }

  /** Stores the record, replacing the one with the same id (the person saving their plan again). */
  async put(org: OrganisationScope, record: GrowthRecord): Promise<GrowthRecord> {
    assertSameOrganisation(org, record);
    const { _id, ...rest } = toStored(record);
    try {
      await this.collection.replaceOne(byIdInOrganisation(org, _id), rest, { upsert: true });
    } catch (error) {
      // Two concurrent saves of a new record (a double-sent retry) both tried to insert it: it is there now, so replace it.
      if (!isDuplicateKeyError(error)) throw error;
      await this.collection.replaceOne(byIdInOrganisation(org, _id), rest);
    }
    return record;
  }

  /** Inserts once; false when a record with the same id was there first (a retry, a second flag). */
  async addOnce(org: OrganisationScope, record: GrowthRecord): Promise<boolean> {
    assertSameOrganisation(org, record);
    return insertOnce(this.collection, toStored(record) as StoredGrowthRecord);
  }

  /** A person's records of one kind in a cycle, oldest first. */
  async listForPerson<K extends GrowthRecordKind>(org: OrganisationScope, personId: string, cycleId: string, kind: K): Promise<Array<OfKind<K>>> {
    const rows = await this.collection.find({ ...inOrganisation(org), personId, cycleId, kind }).sort({ createdAt: 1, _id: 1 }).toArray();
    return rows.map((row) => fromStored(row) as unknown as OfKind<K>);
  }

  /** Everyone's records of one kind in a cycle, optionally created in [from, to). */
  async listForCycle<K extends GrowthRecordKind>(org: OrganisationScope, cycleId: string, kind: K, created: { from?: Date; to?: Date } = {}): Promise<Array<OfKind<K>>> {
    const range = { ...(created.from ? { $gte: created.from } : {}), ...(created.to ? { $lt: created.to } : {}) };
    const filter = { ...inOrganisation(org), cycleId, kind, ...(Object.keys(range).length > 0 ? { createdAt: range } : {}) };
    const rows = await this.collection.find(filter).sort({ createdAt: 1, _id: 1 }).toArray();
    return rows.map((row) => fromStored(row) as unknown as OfKind<K>);
  }

  async countForCycle(org: OrganisationScope, cycleId: string, kind: GrowthRecordKind): Promise<number> {
    return this.collection.countDocuments({ ...inOrganisation(org), cycleId, kind });
  }
}
