import type { Collection, Db, IndexDescription } from 'mongodb';
import type { ScheduleEvent } from '../../shared/domain';
import type { Decisions } from './atomic';
import { assertSameOrganisation, byIdInOrganisation, inOrganisation, type OrganisationScope } from './organisationScope';
import { fromStored, fromStoredOrNull, insertedCountIgnoringDuplicates, toStored, type Stored } from './storedDocument';
import { updateAtVersion } from './versionedWrite';

export const scheduleEventsCollection = 'scheduleEvents';
export const scheduleEventIndexes: IndexDescription[] = [
  { name: 'organisation_cycle_key_unique', key: { organisationId: 1, cycleId: 1, key: 1 }, unique: true },
  { name: 'organisation_cycle_date', key: { organisationId: 1, cycleId: 1, date: 1 } },
];

/** What an admin may change on a published event; identity fields and the version are not changes. */
export type ScheduleEventChanges = Partial<Omit<ScheduleEvent, 'id' | 'organisationId' | 'cycleId' | 'key' | 'version'>>;

type StoredScheduleEvent = Stored<ScheduleEvent>;

export class ScheduleEventRepository {
  private readonly collection: Collection<StoredScheduleEvent>;

  constructor(
    db: Db,
    private readonly decisions: Decisions,
  ) {
    this.collection = db.collection<StoredScheduleEvent>(scheduleEventsCollection);
  }

  async get(org: OrganisationScope, id: string): Promise<ScheduleEvent | null> {
    return fromStoredOrNull(await this.collection.findOne(byIdInOrganisation(org, id)));
  }

  async findByKey(org: OrganisationScope, cycleId: string, key: string): Promise<ScheduleEvent | null> {
    return fromStoredOrNull(await this.collection.findOne({ ...inOrganisation(org), cycleId, key }));
  }

  /** The cycle's events in date order, cancelled ones included (the admin sees them struck out). */
  async list(org: OrganisationScope, cycleId: string): Promise<ScheduleEvent[]> {
    const rows = await this.collection.find({ ...inOrganisation(org), cycleId }).sort({ date: 1, key: 1 }).toArray();
    return rows.map((row) => fromStored(row));
  }

  /**
   * Publishes events. Re-publishing is harmless: an event whose (cycle, key) or id is already
   * stored is left as it is. Returns how many were new.
   */
  async insertMany(org: OrganisationScope, events: ScheduleEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    for (const event of events) assertSameOrganisation(org, event);
    try {
      return (await this.collection.insertMany(events.map((event) => toStored(event)), { ordered: false })).insertedCount;
    } catch (error) {
      return insertedCountIgnoringDuplicates(error);
    }
  }

  /**
   * An admin's change against the version they saw: applied (and the version bumped) only by the
   * one caller that moves the event from `expectedVersion` (see versionedWrite.ts). Null when the
   * event is gone or someone else changed it first.
   */
  async updateIfVersion(org: OrganisationScope, id: string, expectedVersion: number, changes: ScheduleEventChanges): Promise<ScheduleEvent | null> {
    const updated = await updateAtVersion(this.decisions, this.collection, org, 'event-version', id, expectedVersion, { changes: withoutIdentity(changes) });
    return fromStoredOrNull(updated);
  }
}

// A cast could smuggle identity fields in; never let a change move an event to another tenant.
function withoutIdentity(changes: ScheduleEventChanges): Record<string, unknown> {
  const { id: _id, organisationId: _org, cycleId: _cycle, key: _key, version: _version, ...rest } = changes as ScheduleEventChanges & Partial<ScheduleEvent>;
  return rest;
}
