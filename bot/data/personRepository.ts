import type { AnyBulkWriteOperation, Collection, Db, IndexDescription, UpdateFilter } from 'mongodb';
import type { Person } from '../../shared/domain';
import { assertSameOrganisation, inOrganisation, organisationIdOf, type OrganisationScope, findByIdInOrganisation } from './organisationScope';
import { pageWindow, toPage, type Page, type PageRequest } from './paging';
import { OrganisationSnapshots, type SnapshotOptions } from './snapshots';
import { fromStored, fromStoredOrNull, isDuplicateKeyError, withoutUndefined, type Stored } from './storedDocument';

export const peopleCollection = 'people';
export const personKeysCollection = 'personKeys';

export function entraKey(organisationId: string, entraObjectId: string): string {
  return `entra:${organisationId}:${entraObjectId}`;
}
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

/** Fields the staff directory owns: an import overwrites them, and clears the optional ones it leaves out. */
const directoryFields = ['displayName', 'school', 'roleCategory', 'roles', 'status'] as const;
const optionalDirectoryFields = ['reviewerId', 'coachId', 'statusReason', 'contractMonths', 'startedOn'] as const;

type StoredPerson = Stored<Person>;

export interface DirectoryImportResult {
  inserted: number;
  updated: number;
}

/** The organisation's directory in memory: by id and by Entra object id. */
interface Directory {
  byId: Map<string, Person>;
  byEntraObjectId: Map<string, Person>;
}

function directoryOf(people: Person[]): Directory {
  const directory: Directory = { byId: new Map(), byEntraObjectId: new Map() };
  for (const person of people) putPerson(directory, person);
  return directory;
}

function putPerson(directory: Directory, person: Person): void {
  const previous = directory.byId.get(person.id);
  if (previous?.entraObjectId && directory.byEntraObjectId.get(previous.entraObjectId)?.id === person.id) directory.byEntraObjectId.delete(previous.entraObjectId);
  directory.byId.set(person.id, person);
  if (person.entraObjectId) directory.byEntraObjectId.set(person.entraObjectId, person);
}

export class PersonRepository {
  private readonly collection: Collection<StoredPerson>;
  /** Lookups by id and by Entra object id come from here (see snapshots.ts); writes keep it current. */
  private readonly directory: OrganisationSnapshots<Directory>;

  /** Entra object id → person id. FerretDB reads only {_id} without a scan, and every Teams turn
   * and every tab request starts by finding the person behind an oid. */
  private readonly keys: Collection<{ _id: string; personId: string; organisationId: string }>;

  constructor(db: Db, options: SnapshotOptions = {}) {
    this.collection = db.collection<StoredPerson>(peopleCollection);
    this.keys = db.collection(personKeysCollection);
    this.directory = new OrganisationSnapshots(db, peopleCollection, async (organisationId) => directoryOf((await this.collection.find({ organisationId }).toArray()).map(toPerson)), options);
  }

  private async rememberEntraObjectIds(org: OrganisationScope, people: ReadonlyArray<{ id: string; entraObjectId?: string }>): Promise<void> {
    const organisationId = organisationIdOf(org);
    const keys = people
      .filter((p) => p.entraObjectId)
      .map((p) => ({ _id: entraKey(organisationId, p.entraObjectId!), personId: p.id, organisationId }));
    if (keys.length === 0) return;
    // Insert-only (fast on FerretDB); an existing key is left as it is and checked when read.
    await this.keys.insertMany(keys, { ordered: false }).catch((error: unknown) => {
      if (!isDuplicateKeyError(error)) throw error;
    });
  }

  /** Loads the organisation's directory into memory now (start-up), rather than on the first request. */
  async warm(org: OrganisationScope): Promise<void> {
    await this.directory.get(organisationIdOf(org));
  }

  async get(org: OrganisationScope, id: string): Promise<Person | null> {
    const known = (await this.directory.get(organisationIdOf(org))).byId.get(id);
    // Not in the snapshot: someone another process added a moment ago, or nobody.
    return known ?? fromStoredOrNull(await findByIdInOrganisation(this.collection, org, id));
  }

  /** The people with these ids, in no particular order; unknown ids are skipped. */
  async getMany(org: OrganisationScope, ids: readonly string[]): Promise<Person[]> {
    if (ids.length === 0) return [];
    const { byId } = await this.directory.get(organisationIdOf(org));
    const unique = [...new Set(ids)];
    const found = unique.flatMap((id) => byId.get(id) ?? []);
    const missing = unique.filter((id) => !byId.has(id));
    if (missing.length === 0) return found;
    const rows = await this.collection.find({ ...inOrganisation(org), _id: { $in: missing } }).toArray();
    return [...found, ...rows.map(toPerson)];
  }

  async findByEmail(org: OrganisationScope, email: string): Promise<Person | null> {
    return fromStoredOrNull(await this.collection.findOne({ ...inOrganisation(org), email: email.trim().toLowerCase() }));
  }

  async findByEntraObjectId(org: OrganisationScope, entraObjectId: string): Promise<Person | null> {
    const known = (await this.directory.get(organisationIdOf(org))).byEntraObjectId.get(entraObjectId);
    if (known) return known;
    const key = await this.keys.findOne({ _id: entraKey(organisationIdOf(org), entraObjectId) });
    if (key) {
      const person = await this.get(org, key.personId);
      if (person?.entraObjectId === entraObjectId) return person;
    }
    // No key yet (or a stale one): search, and remember the answer for next time.
    const found = fromStoredOrNull(await this.collection.findOne({ ...inOrganisation(org), entraObjectId }));
    if (found) {
      if (key) await this.keys.deleteOne({ _id: key._id });
      await this.rememberEntraObjectIds(org, [found]);
    }
    return found;
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
    await this.rememberEntraObjectIds(org, people);
    await this.directory.changed(organisationIdOf(org));
    return { inserted: result.upsertedCount, updated: result.matchedCount };
  }

  /**
   * Updates one of the organisation's people. The filter is `{_id}` alone, the one FerretDB 1.24
   * hands to SQLite (any other filter is decoded document by document); the organisation is
   * checked first, from the snapshot (a person never changes organisation).
   */
  private async updateById(org: OrganisationScope, personId: string, update: UpdateFilter<StoredPerson>): Promise<{ matchedCount: number }> {
    if (!(await this.get(org, personId))) return { matchedCount: 0 };
    return this.collection.updateOne({ _id: personId }, update);
  }

  /** Teams reachability: false after an uninstall or 403 MessageWritesBlocked; true again on reinstall. */
  async setReachable(org: OrganisationScope, personId: string, reachable: boolean, reason?: string, at = new Date()): Promise<boolean> {
    const update =
      reachable || reason === undefined
        ? { $set: { reachable, updatedAt: at }, $unset: { unreachableReason: '' as const } }
        : { $set: { reachable, unreachableReason: reason, updatedAt: at } };
    const result = await this.updateById(org, personId, update);
    if (result.matchedCount === 1) {
      await this.directory.changed(organisationIdOf(org), (directory) => {
        const person = directory.byId.get(personId);
        if (!person) return;
        const { unreachableReason: _dropped, ...rest } = person;
        putPerson(directory, reachable || reason === undefined ? { ...rest, reachable, updatedAt: at } : { ...rest, reachable, unreachableReason: reason, updatedAt: at });
      });
    }
    return result.matchedCount === 1;
  }

  /** Records the person's Entra object id once they are seen in Teams. */
  async linkEntraObjectId(org: OrganisationScope, personId: string, entraObjectId: string, at = new Date()): Promise<boolean> {
    const result = await this.updateById(org, personId, { $set: { entraObjectId, updatedAt: at } });
    if (result.matchedCount === 1) {
      await this.rememberEntraObjectIds(org, [{ id: personId, entraObjectId }]);
      await this.directory.changed(organisationIdOf(org), (directory) => {
        const person = directory.byId.get(personId);
        if (person) putPerson(directory, { ...person, entraObjectId, updatedAt: at });
      });
    }
    return result.matchedCount === 1;
  }
}

function toPerson(row: StoredPerson): Person {
  return fromStored(row);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
