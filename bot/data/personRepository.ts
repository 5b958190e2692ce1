import type { AnyBulkWriteOperation, Collection, Db, IndexDescription } from 'mongodb';
import type { Person } from '../../shared/domain';
import { assertSameOrganisation, byIdInOrganisation, inOrganisation, type OrganisationScope } from './organisationScope';
import { pageWindow, toPage, type Page, type PageRequest } from './paging';
import { fromStored, fromStoredOrNull, withoutUndefined, type Stored } from './storedDocument';

export const peopleCollection = 'people';
export const personIndexes: IndexDescription[] = [
  { name: 'organisation_email_unique', key: { organisationId: 1, email: 1 }, unique: true },
  // Not unique: people imported before they use Teams have no oid yet, and FerretDB has no
  // partial or sparse indexes to exempt them.
  { name: 'organisation_entra_object', key: { organisationId: 1, entraObjectId: 1 } },
  { name: 'organisation_reviewer', key: { organisationId: 1, reviewerId: 1 } },
  { name: 'organisation_coach', key: { organisationId: 1, coachId: 1 } },
  { name: 'organisation_status_name', key: { organisationId: 1, status: 1, displayName: 1 } },
  { name: 'organisation_name', key: { organisationId: 1, displayName: 1 } },
];

/** The people picker never needs more than a screenful. */
export const MAX_SEARCH_RESULTS = 50;

/**
 * Fields the staff directory owns: an upsert overwrites them, and clears the optional ones the
 * document leaves out. importDirectory merges a file's rows onto the stored person first, so a
 * column the file does not carry keeps its stored value (bot/usecases/directory.ts).
 */
const directoryFields = ['displayName', 'school', 'roleCategory', 'roles', 'status'] as const;
const optionalDirectoryFields = ['reviewerId', 'coachId', 'statusReason', 'contractMonths', 'startedOn', 'contractEndsOn', 'workingPattern', 'leftOn'] as const;
/**
 * Kept by the app, not the directory: written when the document carries them, never cleared by an
 * upsert. Issue 13: equality values (a file without those columns keeps them) and the person's
 * own reports opt-out.
 */
const appendOnlyFields = ['reviewerHistory', 'handovers', 'equality', 'reportsOptOut'] as const;

/** A change of reviewer, coach or post (redelegation): the fields set or cleared, and what is recorded. */
export interface ReviewerChange {
  set: Partial<Pick<Person, 'reviewerId' | 'coachId' | 'school'>>;
  unset: Array<'reviewerId' | 'coachId'>;
  history: Person['reviewerHistory'];
  handovers: Person['handovers'];
}

type StoredPerson = Stored<Person>;

export interface DirectoryImportResult {
  inserted: number;
  updated: number;
}

export class PersonRepository {
  private readonly collection: Collection<StoredPerson>;

  constructor(db: Db) {
    this.collection = db.collection<StoredPerson>(peopleCollection);
  }

  async get(org: OrganisationScope, id: string): Promise<Person | null> {
    return fromStoredOrNull(await this.collection.findOne(byIdInOrganisation(org, id)));
  }

  /** The people with these ids, in no particular order; unknown ids are skipped. */
  async getMany(org: OrganisationScope, ids: readonly string[]): Promise<Person[]> {
    if (ids.length === 0) return [];
    const unique = [...new Set(ids)];
    // A few ids (praise, a card's people) are looked up one by one: FerretDB pushes an `_id`
    // equality down to an index but not an `$in`, which would read the whole organisation.
    if (unique.length <= 50) return (await Promise.all(unique.map((id) => this.get(org, id)))).filter((person): person is Person => person !== null);
    const rows = await this.collection.find({ ...inOrganisation(org), _id: { $in: unique } }).toArray();
    return rows.map(toPerson);
  }

  async findByEmail(org: OrganisationScope, email: string): Promise<Person | null> {
    return fromStoredOrNull(await this.collection.findOne({ ...inOrganisation(org), email: email.trim().toLowerCase() }));
  }

  /** Every Teams turn and tab request starts here (index organisation_entra_object). */
  async findByEntraObjectId(org: OrganisationScope, entraObjectId: string): Promise<Person | null> {
    return fromStoredOrNull(await this.collection.findOne({ ...inOrganisation(org), entraObjectId }));
  }

  /** Everyone with status active, by name: the population the scheduler prompts (before policy exclusions). */
  async listActive(org: OrganisationScope): Promise<Person[]> {
    const rows = await this.collection.find({ ...inOrganisation(org), status: 'active' }).sort({ displayName: 1, _id: 1 }).toArray();
    return rows.map(toPerson);
  }

  /** Everyone, any status, by name, a page at a time (admin lists). */
  async list(org: OrganisationScope, request?: PageRequest): Promise<Page<Person>> {
    const window = pageWindow(request);
    const rows = await this.collection.find(inOrganisation(org)).sort({ displayName: 1, _id: 1 }).skip(window.skip).limit(window.limit).toArray();
    return toPage(rows.map(toPerson), window);
  }

  /** People this person reviews, as line manager or as coach. */
  async listReviewees(org: OrganisationScope, reviewerId: string): Promise<Person[]> {
    const rows = await this.collection
      .find({ ...inOrganisation(org), $or: [{ reviewerId }, { coachId: reviewerId }] })
      .sort({ displayName: 1, _id: 1 })
      .toArray();
    return rows.map(toPerson);
  }

  /**
   * People-picker typeahead: case-insensitive prefix of any word of the display name, or of the
   * email address. Blank text finds nobody.
   */
  async search(org: OrganisationScope, text: string, limit = 20): Promise<Person[]> {
    const needle = text.trim();
    if (needle.length === 0 || needle.includes('\u0000')) return [];
    const escaped = escapeRegExp(needle);
    const rows = await this.collection
      .find({
        ...inOrganisation(org),
        $or: [{ displayName: { $regex: `(^|\\s)${escaped}`, $options: 'i' } }, { email: { $regex: `^${escaped}`, $options: 'i' } }],
      })
      .sort({ displayName: 1, _id: 1 })
      .limit(Math.min(Math.max(1, Math.floor(limit)), MAX_SEARCH_RESULTS))
      .toArray();
    return rows.map(toPerson);
  }

  /**
   * Directory import, matched by email. A new person is stored with the id given; a known one keeps
   * their id, link to Entra and reachability, and takes the directory's names, reviewers and status.
   */
  async upsertMany(org: OrganisationScope, people: readonly Person[]): Promise<DirectoryImportResult> {
    if (people.length === 0) return { inserted: 0, updated: 0 };
    for (const person of people) assertSameOrganisation(org, person);
    const operations: AnyBulkWriteOperation<StoredPerson>[] = people.map((person) => {
      const $set: Record<string, unknown> = { updatedAt: person.updatedAt };
      for (const field of directoryFields) $set[field] = withoutUndefined(person[field]);
      const $unset: Record<string, ''> = {};
      for (const field of optionalDirectoryFields) {
        if (person[field] === undefined) $unset[field] = '';
        else $set[field] = person[field];
      }
      for (const field of appendOnlyFields) if (person[field] !== undefined) $set[field] = person[field];
      // An oid from the directory is news; its absence is not a reason to forget the one we have.
      if (person.entraObjectId !== undefined) $set.entraObjectId = person.entraObjectId;
      const $setOnInsert: Record<string, unknown> = withoutUndefined({
        _id: person.id,
        createdAt: person.createdAt,
        reachable: person.reachable,
        unreachableReason: person.unreachableReason,
      });
      return {
        updateOne: {
          filter: { ...inOrganisation(org), email: person.email.toLowerCase() },
          update: { $set, $setOnInsert, ...(Object.keys($unset).length > 0 ? { $unset } : {}) },
          upsert: true,
        },
      };
    });
    const result = await this.collection.bulkWrite(operations, { ordered: false });
    return { inserted: result.upsertedCount, updated: result.matchedCount };
  }

  /**
   * Redelegation: sets the reviewer, coach or school and records the history and handovers, only if
   * the person is unchanged since `expectedUpdatedAt` (what the preview showed). False otherwise.
   */
  async applyReviewerChange(org: OrganisationScope, personId: string, expectedUpdatedAt: Date, change: ReviewerChange, at: Date): Promise<boolean> {
    const $set: Record<string, unknown> = { ...withoutUndefined(change.set), updatedAt: at };
    if (change.history !== undefined) $set.reviewerHistory = change.history;
    if (change.handovers !== undefined) $set.handovers = change.handovers;
    const $unset = Object.fromEntries(change.unset.map((field) => [field, ''] as const));
    const update = change.unset.length > 0 ? { $set, $unset } : { $set };
    const result = await this.collection.updateOne({ ...byIdInOrganisation(org, personId), updatedAt: expectedUpdatedAt }, update);
    return result.matchedCount === 1;
  }

  /** Replaces the person's handovers (marking one done), if unchanged since `expectedUpdatedAt`. */
  async setHandovers(org: OrganisationScope, personId: string, expectedUpdatedAt: Date, handovers: NonNullable<Person['handovers']>, at: Date): Promise<boolean> {
    const result = await this.collection.updateOne({ ...byIdInOrganisation(org, personId), updatedAt: expectedUpdatedAt }, { $set: { handovers, updatedAt: at } });
    return result.matchedCount === 1;
  }

  /** Teams reachability: false after an uninstall or 403 MessageWritesBlocked; true again on reinstall. */
  async setReachable(org: OrganisationScope, personId: string, reachable: boolean, reason?: string, at = new Date()): Promise<boolean> {
    const update =
      reachable || reason === undefined
        ? { $set: { reachable, updatedAt: at }, $unset: { unreachableReason: '' as const } }
        : { $set: { reachable, unreachableReason: reason, updatedAt: at } };
    const result = await this.collection.updateOne(byIdInOrganisation(org, personId), update);
    return result.matchedCount === 1;
  }

  /**
   * Pauses or resumes a person (seed 000 §12: professional growth is paused while a support plan
   * runs, so the scheduler's eligibility stops their check-in prompts). With `onlyIfReason`, changes
   * them only while their status reason is still that one (a support plan resumes only its own pause).
   */
  async setStatus(org: OrganisationScope, personId: string, status: Person['status'], reason: string | undefined, at: Date, onlyIfReason?: string): Promise<boolean> {
    const filter = { ...byIdInOrganisation(org, personId), ...(onlyIfReason !== undefined ? { statusReason: onlyIfReason } : {}) };
    const current = await this.collection.findOne(filter);
    if (!current) return false;
    const pauses = pausesAfter(current.pauses ?? [], current.status, status, reason, at);
    const update = reason === undefined ? { $set: { status, pauses, updatedAt: at }, $unset: { statusReason: '' as const } } : { $set: { status, statusReason: reason, pauses, updatedAt: at } };
    const result = await this.collection.updateOne(filter, update);
    return result.matchedCount === 1;
  }

  /** The person's own choice to leave their reflections out of governor samples (issue 13). */
  async setReportsOptOut(org: OrganisationScope, personId: string, optOut: boolean, at: Date): Promise<boolean> {
    const result = await this.collection.updateOne(byIdInOrganisation(org, personId), { $set: { reportsOptOut: optOut, updatedAt: at } });
    return result.matchedCount === 1;
  }

  /** Records the person's Entra object id once they are seen in Teams. */
  async linkEntraObjectId(org: OrganisationScope, personId: string, entraObjectId: string, at = new Date()): Promise<boolean> {
    const result = await this.collection.updateOne(byIdInOrganisation(org, personId), { $set: { entraObjectId, updatedAt: at } });
    return result.matchedCount === 1;
  }
}

function toPerson(row: StoredPerson): Person {
  return fromStored(row);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The pause history after a status change: a pause starts on going to paused, and ends on leaving it. */
function pausesAfter(pauses: NonNullable<Person['pauses']>, from: Person['status'], to: Person['status'], reason: string | undefined, at: Date): NonNullable<Person['pauses']> {
  const open = pauses.at(-1)?.until === undefined && pauses.length > 0;
  if (to === 'paused' && !(from === 'paused' && open)) return [...pauses, { from: at, reason: reason ?? 'paused' }];
  if (to !== 'paused' && open) return [...pauses.slice(0, -1), { ...pauses.at(-1)!, until: at }];
  return pauses;
}
