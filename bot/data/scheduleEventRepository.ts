import { randomUUID } from 'node:crypto';
import type { Collection, Db, IndexDescription } from 'mongodb';
import type { ScheduleEvent } from '../../shared/domain';
import { assertSameOrganisation, inOrganisation, organisationIdOf, type OrganisationScope, findByIdInOrganisation } from './organisationScope';
import { OrganisationSnapshots, type SnapshotOptions } from './snapshots';
import { fromStored, fromStoredOrNull, insertedCountIgnoringDuplicates, setAndUnset, toStored, type Stored } from './storedDocument';
import { VERSION_TICKET_HOLD_MS, WriteTickets } from './writeTickets';

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
  private readonly tickets: WriteTickets;
  /** The calendar is read on every turn and submit and changes a few times a term; see snapshots.ts. */
  private readonly calendar: OrganisationSnapshots<Map<string, ScheduleEvent>>;

  constructor(db: Db, options: SnapshotOptions = {}) {
    this.collection = db.collection<StoredScheduleEvent>(scheduleEventsCollection);
    this.tickets = new WriteTickets(db);
    this.calendar = new OrganisationSnapshots(db, scheduleEventsCollection, async (organisationId) => new Map((await this.collection.find({ organisationId }).toArray()).map((row) => [row._id, fromStored(row)])), options);
  }

  /** Loads the organisation's calendar into memory now (start-up), rather than on the first request. */
  async warm(org: OrganisationScope): Promise<void> {
    await this.calendar.get(organisationIdOf(org));
  }

  async get(org: OrganisationScope, id: string): Promise<ScheduleEvent | null> {
    const known = (await this.calendar.get(organisationIdOf(org))).get(id);
    return known ?? fromStoredOrNull(await findByIdInOrganisation(this.collection, org, id));
  }

  async findByKey(org: OrganisationScope, cycleId: string, key: string): Promise<ScheduleEvent | null> {
    return (await this.list(org, cycleId)).find((e) => e.key === key) ?? null;
  }

  /** The cycle's events in date order, cancelled ones included (the admin sees them struck out). */
  async list(org: OrganisationScope, cycleId: string): Promise<ScheduleEvent[]> {
    const calendar = await this.calendar.get(organisationIdOf(org));
    return [...calendar.values()].filter((e) => e.cycleId === cycleId).sort((a, b) => compare(a.date, b.date) || compare(a.key, b.key));
  }

  /**
   * Publishes events. Re-publishing is harmless: an event whose (cycle, key) or id is already
   * stored is left as it is. Returns how many were new.
   */
  async insertMany(org: OrganisationScope, events: ScheduleEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    for (const event of events) assertSameOrganisation(org, event);
    let inserted: number;
    try {
      inserted = (await this.collection.insertMany(events.map((event) => toStored(event)), { ordered: false })).insertedCount;
    } catch (error) {
      inserted = insertedCountIgnoringDuplicates(error);
    }
    await this.calendar.changed(organisationIdOf(org));
    return inserted;
  }

  /**
   * Optimistic concurrency: applies the changes only if the event is still at `expectedVersion`,
   * and bumps the version. Null when the event is gone or someone else changed it first.
   */
  async updateIfVersion(org: OrganisationScope, id: string, expectedVersion: number, changes: ScheduleEventChanges): Promise<ScheduleEvent | null> {
    const atVersion = { ...inOrganisation(org), _id: id, version: expectedVersion };
    const updated = await this.tickets.guard(
      `scheduleEvent:${id}#v${expectedVersion}`,
      randomUUID(),
      new Date(),
      VERSION_TICKET_HOLD_MS,
      async () => (await this.collection.countDocuments(atVersion)) === 1,
      () => this.collection.findOneAndUpdate(atVersion, { ...setAndUnset(withoutIdentity(changes)), $inc: { version: 1 } }, { returnDocument: 'after' }),
    );
    const event: ScheduleEvent | null = fromStoredOrNull(updated);
    if (event) await this.calendar.changed(event.organisationId, (calendar) => void calendar.set(event.id, event));
    return event;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// A cast could smuggle identity fields in; never let a change move an event to another tenant.
function withoutIdentity(changes: ScheduleEventChanges): Record<string, unknown> {
  const { id: _id, organisationId: _org, cycleId: _cycle, key: _key, version: _version, ...rest } = changes as ScheduleEventChanges & Partial<ScheduleEvent>;
  return rest;
}
