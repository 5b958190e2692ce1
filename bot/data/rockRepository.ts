import { randomUUID } from 'node:crypto';
import type { Collection, Db, IndexDescription } from 'mongodb';
import type { Rock, RockChange } from '../../shared/domain';
import { assertSameOrganisation, inOrganisation, organisationIdOf, type OrganisationScope, findByIdInOrganisation } from './organisationScope';
import { OrganisationSnapshots, type SnapshotOptions } from './snapshots';
import { fromStored, fromStoredOrNull, isDuplicateKeyError, setAndUnset, toStored, withoutUndefined, type Stored } from './storedDocument';
import { VERSION_TICKET_HOLD_MS, WriteTickets } from './writeTickets';

export const rocksCollection = 'rocks';
export const rockIndexes: IndexDescription[] = [
  { name: 'organisation_person_cycle_window', key: { organisationId: 1, personId: 1, cycleId: 1, rockWindowId: 1 } },
  { name: 'organisation_status_person', key: { organisationId: 1, status: 1, personId: 1 } },
];

/** What an edit may change; the owner, the version and the history (appended separately) are not changes. */
export type RockChanges = Partial<Omit<Rock, 'id' | 'organisationId' | 'personId' | 'version' | 'history' | 'createdAt'>>;

type StoredRock = Stored<Rock>;

/** The organisation's rocks in memory, by id; every check-in card and submit lists a person's. */
type RockBook = Map<string, Rock>;

export class RockRepository {
  private readonly collection: Collection<StoredRock>;
  private readonly tickets: WriteTickets;
  /** Reads come from here (see snapshots.ts); writes keep it current. */
  private readonly book: OrganisationSnapshots<RockBook>;

  constructor(db: Db, options: SnapshotOptions = {}) {
    this.collection = db.collection<StoredRock>(rocksCollection);
    this.tickets = new WriteTickets(db);
    this.book = new OrganisationSnapshots(db, rocksCollection, async (organisationId) => new Map((await this.collection.find({ organisationId }).toArray()).map((row) => [row._id, toRock(row)])), options);
  }

  /** Idempotent on the rock's id: creating it again (a retried card submit) returns the stored one. */
  async create(org: OrganisationScope, rock: Rock): Promise<{ rock: Rock; created: boolean }> {
    assertSameOrganisation(org, rock);
    try {
      await this.collection.insertOne(toStored(rock));
      await this.book.changed(rock.organisationId, (book) => void book.set(rock.id, rock));
      return { rock, created: true };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const existing = await this.get(org, rock.id);
      if (!existing) throw error;
      return { rock: existing, created: false };
    }
  }

  /** Loads the organisation's rocks into memory now (start-up), rather than on the first request. */
  async warm(org: OrganisationScope): Promise<void> {
    await this.book.get(organisationIdOf(org));
  }

  async get(org: OrganisationScope, id: string): Promise<Rock | null> {
    const known = (await this.book.get(organisationIdOf(org))).get(id);
    return known ?? fromStoredOrNull(await findByIdInOrganisation(this.collection, org, id));
  }

  /** A person's rocks, oldest first; optionally for one cycle and rock window. */
  async listForPerson(org: OrganisationScope, personId: string, options: { cycleId?: string; rockWindowId?: string } = {}): Promise<Rock[]> {
    const book = await this.book.get(organisationIdOf(org));
    return [...book.values()]
      .filter((r) => r.personId === personId && (!options.cycleId || r.cycleId === options.cycleId) && (!options.rockWindowId || r.rockWindowId === options.rockWindowId))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || compareIds(a.id, b.id));
  }

  /** Proposed rocks waiting for a reviewer to agree or amend, for the reviewer's team. */
  async listAwaitingAgreement(org: OrganisationScope, personIds: readonly string[]): Promise<Rock[]> {
    if (personIds.length === 0) return [];
    const team = new Set(personIds);
    const book = await this.book.get(organisationIdOf(org));
    return [...book.values()]
      .filter((r) => r.status === 'proposed' && team.has(r.personId))
      .sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime() || compareIds(a.id, b.id));
  }

  /**
   * Optimistic concurrency: applies the changes (and appends the history entry, if any) only while
   * the rock is at `expectedVersion`. Null when it is gone or someone else changed it first.
   */
  async updateIfVersion(org: OrganisationScope, id: string, expectedVersion: number, changes: RockChanges, historyEntry?: RockChange): Promise<Rock | null> {
    const { id: _id, organisationId: _org, personId: _person, version: _version, history: _history, createdAt: _created, ...allowed } = changes as RockChanges & Partial<Rock>;
    const atVersion = { ...inOrganisation(org), _id: id, version: expectedVersion };
    const update = {
      ...setAndUnset(allowed),
      $inc: { version: 1 },
      ...(historyEntry ? { $push: { history: withoutUndefined(historyEntry) } } : {}),
    };
    const updated = await this.tickets.guard(
      `rock:${id}#v${expectedVersion}`,
      randomUUID(),
      new Date(),
      VERSION_TICKET_HOLD_MS,
      async () => (await this.collection.countDocuments(atVersion)) === 1,
      () => this.collection.findOneAndUpdate(atVersion, update, { returnDocument: 'after' }),
    );
    const rock: Rock | null = fromStoredOrNull(updated);
    if (rock) await this.book.changed(rock.organisationId, (book) => void book.set(rock.id, rock));
    return rock;
  }
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function toRock(row: StoredRock): Rock {
  return fromStored(row);
}
