import type { Collection, Db, IndexDescription } from 'mongodb';
import type { Rock, RockChange } from '../../shared/domain';
import type { Decisions } from './atomic';
import { assertSameOrganisation, byIdInOrganisation, inOrganisation, type OrganisationScope } from './organisationScope';
import { fromStored, fromStoredOrNull, isDuplicateKeyError, toStored, withoutUndefined, type Stored } from './storedDocument';
import { updateAtVersion } from './versionedWrite';

export const rocksCollection = 'rocks';
export const rockIndexes: IndexDescription[] = [
  { name: 'organisation_person_cycle_window', key: { organisationId: 1, personId: 1, cycleId: 1, rockWindowId: 1 } },
  { name: 'organisation_status_person', key: { organisationId: 1, status: 1, personId: 1 } },
  /** Everyone's rocks for one window: rock-setting deadlines (who is set, who is overdue). */
  { name: 'organisation_cycle_window', key: { organisationId: 1, cycleId: 1, rockWindowId: 1 } },
  /** Rocks escalated to a manager to decide (seed 001 FAQ). */
  { name: 'organisation_escalation_status', key: { organisationId: 1, 'escalation.toPersonId': 1, status: 1 } },
];

/** What an edit may change; the owner, the version and the history (appended separately) are not changes. */
export type RockChanges = Partial<Omit<Rock, 'id' | 'organisationId' | 'personId' | 'version' | 'history' | 'createdAt'>>;

type StoredRock = Stored<Rock>;

export class RockRepository {
  private readonly collection: Collection<StoredRock>;

  constructor(
    db: Db,
    private readonly decisions: Decisions,
  ) {
    this.collection = db.collection<StoredRock>(rocksCollection);
  }

  /** Idempotent on the rock's id: creating it again (a retried card submit) returns the stored one. */
  async create(org: OrganisationScope, rock: Rock): Promise<{ rock: Rock; created: boolean }> {
    assertSameOrganisation(org, rock);
    try {
      await this.collection.insertOne(toStored(rock));
      return { rock, created: true };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const existing = await this.get(org, rock.id);
      if (!existing) throw error;
      return { rock: existing, created: false };
    }
  }

  async get(org: OrganisationScope, id: string): Promise<Rock | null> {
    return fromStoredOrNull(await this.collection.findOne(byIdInOrganisation(org, id)));
  }

  /** A person's rocks, oldest first; optionally for one cycle and rock window. */
  async listForPerson(org: OrganisationScope, personId: string, options: { cycleId?: string; rockWindowId?: string } = {}): Promise<Rock[]> {
    const filter = {
      ...inOrganisation(org),
      personId,
      ...(options.cycleId ? { cycleId: options.cycleId } : {}),
      ...(options.rockWindowId ? { rockWindowId: options.rockWindowId } : {}),
    };
    const rows = await this.collection.find(filter).sort({ createdAt: 1, _id: 1 }).toArray();
    return rows.map(toRock);
  }

  /** Everyone's rocks of one rock window of one cycle, oldest first (the next cycle's carry-over). */
  async listInWindow(org: OrganisationScope, cycleId: string, rockWindowId: string): Promise<Rock[]> {
    const rows = await this.collection.find({ ...inOrganisation(org), cycleId, rockWindowId }).sort({ createdAt: 1, _id: 1 }).toArray();
    return rows.map(toRock);
  }

  /** Proposed rocks waiting for a reviewer to agree or amend, for the reviewer's team. */
  async listAwaitingAgreement(org: OrganisationScope, personIds: readonly string[]): Promise<Rock[]> {
    if (personIds.length === 0) return [];
    const rows = await this.collection
      .find({ ...inOrganisation(org), status: 'proposed', personId: { $in: [...new Set(personIds)] } })
      .sort({ updatedAt: 1, _id: 1 })
      .toArray();
    return rows.map(toRock);
  }

  /** Every rock of one cycle's window, for the rock-setting deadline (who has them agreed). */
  async listForWindow(org: OrganisationScope, cycleId: string, rockWindowId: string): Promise<Rock[]> {
    const rows = await this.collection.find({ ...inOrganisation(org), cycleId, rockWindowId }).toArray();
    return rows.map(toRock);
  }

  /** Rocks escalated to this manager and still waiting for their decision, oldest first. */
  async listEscalatedTo(org: OrganisationScope, personId: string): Promise<Rock[]> {
    const rows = await this.collection
      .find({ ...inOrganisation(org), 'escalation.toPersonId': personId, status: 'escalated' })
      .sort({ updatedAt: 1, _id: 1 })
      .toArray();
    return rows.map(toRock);
  }

  /**
   * Optimistic concurrency: applies the changes (and appends the history entry, if any) only while
   * the rock is at `expectedVersion`. Null when it is gone or someone else changed it first.
   */
  async updateIfVersion(org: OrganisationScope, id: string, expectedVersion: number, changes: RockChanges, historyEntry?: RockChange): Promise<Rock | null> {
    const { id: _id, organisationId: _org, personId: _person, version: _version, history: _history, createdAt: _created, ...allowed } = changes as RockChanges & Partial<Rock>;
    const updated = await updateAtVersion(this.decisions, this.collection, org, 'rock-version', id, expectedVersion, {
      changes: allowed,
      ...(historyEntry ? { push: { field: 'history', value: withoutUndefined(historyEntry) } } : {}),
    });
    return fromStoredOrNull(updated);
  }

  /** The rocks of these people in one cycle (a policy edit's preview looks at everyone's). */
  async listForPeopleInCycle(org: OrganisationScope, personIds: readonly string[], cycleId: string): Promise<Rock[]> {
    if (personIds.length === 0) return [];
    const rows = await this.collection
      .find({ ...inOrganisation(org), personId: { $in: [...new Set(personIds)] }, cycleId })
      .sort({ personId: 1, createdAt: 1, _id: 1 })
      .toArray();
    return rows.map(toRock);
  }
}

function toRock(row: StoredRock): Rock {
  return fromStored(row);
}
