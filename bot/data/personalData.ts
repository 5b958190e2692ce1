// Issue 16: where a person's records are, in one map, so that subject access (collect), erasure
// (erase), a leaver's retention (purgePerson) and the six-year rule (purge) all walk the same
// collections by the same fields. A collection that holds personal data and is missing here is
// neither exported nor destroyed: adding a collection means adding it here (a test checks every
// declared collection is either here or named as holding nothing personal).
import type { Collection, Db, Document, Filter } from 'mongodb';
import { auditLogCollection } from './auditLogRepository';
import { decisionsCollection } from './atomic';
import { checkInsCollection } from './checkInRepository';
import { coachingGroupsCollection } from './coachingGroupRepository';
import { commentsCollection } from './commentRepository';
import { conversationReferencesCollection } from './conversationReferenceRepository';
import { feedbackRequestsCollection } from './feedbackRequestRepository';
import { groupPostsCollection } from './groupPostRepository';
import { groupRepliesCollection } from './groupReplyRepository';
import { groupSessionsCollection } from './groupSessionRepository';
import { growthRecordsCollection } from './growthRepository';
import { legalHoldsCollection } from './legalHoldRepository';
import { inOrganisation, type OrganisationScope } from './organisationScope';
import { outboxJobsCollection } from './outboxJobRepository';
import { peopleCollection } from './personRepository';
import { policyVersionsCollection } from './policyVersionRepository';
import { pendingThanksCollection } from './pendingThanksRepository';
import { praiseCollection } from './praiseRepository';
import { recordViewsCollection } from './recordViewRepository';
import { rocksCollection } from './rockRepository';
import {
  careerCommentsCollection,
  careerConversationsCollection,
  followUpsCollection,
  governorSamplesCollection,
  moderationNotesCollection,
  sampleApprovalsCollection,
  surveyResponsesCollection,
} from './talentRepository';
import { yearReviewRecordsCollection, yearReviewsCollection } from './yearReviewRepository';
import { FORMER_COLLEAGUE } from '../../shared/domain';

/** What an erased person's id becomes where someone else's record names them (a giver, an author). */
export const ERASED_PERSON_ID = 'erased-person';
/** What the id of one of an erased person's records becomes inside someone else's (an audit entry's details). */
export const ERASED_RECORD_ID = 'erased-record';
/** What an erased person's name becomes beside such an id. */
export const ERASED_NAME = FORMER_COLLEAGUE;

/** The mark collect puts on a colleague's record found only because other text in it names the person (namedWithin). */
export const NAMED_WITHIN = 'namesYouWithin';

export interface PersonalCollection {
  collection: string;
  /** Paths naming the person the record is ABOUT (its owner): erasure and a leaver's purge delete the record. */
  subjectFields: string[];
  /**
   * Paths naming someone else involved (author, giver, reviewer, member): erasure replaces the id
   * with ERASED_PERSON_ID and a display name beside it with ERASED_NAME, or drops it from a list of ids.
   */
  mentionFields: string[];
  /** The field holding the cycle the record belongs to, when it has one. */
  cycleField?: string;
  /** The record's date: retention of records without a cycle goes by it. */
  dateField: string;
  /**
   * Kept while the person is here, whatever its date (the directory entry, how to reach them, their
   * coaching group, the policy's history): only erasure and a leaver's purge touch it.
   */
  whileActive?: boolean;
  /** Paths whose string value contains a person id among other text (a decision's subject). */
  containsFields?: string[];
  /** Fields dropped where the person is anonymised: they point at the person's own records (the check-in a praise came from). */
  mentionLinks?: string[];
  /**
   * Paths of anyone's record whose whole subtree may name the person inside other text: their id
   * within a longer id, their name or email, or the id of one of their records (a reviewer card's
   * check-in, a rock notice's `byName`, an audit entry's details). Collect finds such records by
   * reading the organisation's records of the collection; erasure and a leaver's purge delete them
   * ('delete': delivery bookkeeping about the person's records) or rewrite those values ('anonymise').
   */
  namedWithin?: { paths: string[]; erasure: 'delete' | 'anonymise' };
  /** A list whose items carry the person's id inside a field (a governor sample's item from their review): erasure drops those items. */
  itemsNaming?: { list: string; field: string };
  /**
   * Part of another record of a cycle (a thread comment of a check-in or rock, a moderation note of a
   * rock, a career comment of its conversation), with no cycle of its own: the six-year rule takes it
   * with that record, never before it; only once that record is gone does its own date count.
   */
  partOf?: { field: string; collections: string[] };
}

export const personalCollections: readonly PersonalCollection[] = [
  { collection: peopleCollection, subjectFields: ['_id'], mentionFields: [], dateField: 'createdAt', whileActive: true },
  { collection: rocksCollection, subjectFields: ['personId'], mentionFields: ['history.byPersonId', 'escalation.toPersonId', 'escalation.reviewerId'], cycleField: 'cycleId', dateField: 'createdAt' },
  {
    collection: checkInsCollection,
    subjectFields: ['personId'],
    mentionFields: ['reviewerId', 'acknowledgement.byPersonId', 'reviewerResponse.byPersonId', 'praise.personId'],
    cycleField: 'cycleId',
    dateField: 'submittedAt',
  },
  { collection: praiseCollection, subjectFields: ['toPersonId'], mentionFields: ['fromPersonId'], dateField: 'createdAt', mentionLinks: ['checkInId'] },
  { collection: pendingThanksCollection, subjectFields: ['personId'], mentionFields: ['recipientIds'], dateField: 'createdAt' },
  { collection: commentsCollection, subjectFields: ['ownerPersonId'], mentionFields: ['authorPersonId'], dateField: 'createdAt', partOf: { field: 'subject.id', collections: [checkInsCollection, rocksCollection] } },
  { collection: conversationReferencesCollection, subjectFields: ['personId'], mentionFields: [], dateField: 'installedAt', whileActive: true },
  {
    collection: outboxJobsCollection,
    subjectFields: ['personId', 'payload.recipientPersonId', 'payload.reviewerPersonId', 'payload.subjectPersonId'],
    mentionFields: [],
    dateField: 'createdAt',
    namedWithin: { paths: ['idempotencyKey', 'payload'], erasure: 'delete' },
  },
  { collection: decisionsCollection, subjectFields: ['winner'], mentionFields: [], dateField: 'at', containsFields: ['subject'] },
  {
    collection: auditLogCollection,
    subjectFields: ['subject.id'],
    mentionFields: ['actor.personId'],
    dateField: 'at',
    namedWithin: { paths: ['details'], erasure: 'anonymise' },
    // An entry about a record of a cycle (a check-in acknowledged, a rock agreed) goes with that record.
    partOf: { field: 'subject.id', collections: [rocksCollection, checkInsCollection, growthRecordsCollection, yearReviewsCollection, yearReviewRecordsCollection, feedbackRequestsCollection, surveyResponsesCollection, careerConversationsCollection, followUpsCollection] },
  },
  { collection: policyVersionsCollection, subjectFields: [], mentionFields: ['savedBy.personId'], dateField: 'savedAt', whileActive: true },
  { collection: growthRecordsCollection, subjectFields: ['personId'], mentionFields: ['coachId'], cycleField: 'cycleId', dateField: 'createdAt' },
  { collection: coachingGroupsCollection, subjectFields: [], mentionFields: ['memberIds', 'leaderId'], dateField: 'createdAt', whileActive: true },
  { collection: groupSessionsCollection, subjectFields: [], mentionFields: ['memberIds'], dateField: 'createdAt' },
  { collection: groupPostsCollection, subjectFields: ['personId'], mentionFields: [], dateField: 'createdAt' },
  { collection: groupRepliesCollection, subjectFields: ['personId'], mentionFields: [], dateField: 'at' },
  { collection: yearReviewsCollection, subjectFields: ['personId'], mentionFields: ['reviewerId', 'deciderId'], cycleField: 'cycleId', dateField: 'createdAt' },
  { collection: yearReviewRecordsCollection, subjectFields: ['personId'], mentionFields: ['authorId'], cycleField: 'cycleId', dateField: 'createdAt' },
  { collection: feedbackRequestsCollection, subjectFields: ['personId'], mentionFields: ['askedPersonId'], cycleField: 'cycleId', dateField: 'createdAt' },
  { collection: surveyResponsesCollection, subjectFields: ['personId'], mentionFields: [], cycleField: 'cycleId', dateField: 'createdAt' },
  { collection: careerConversationsCollection, subjectFields: ['personId'], mentionFields: ['reviewerId'], cycleField: 'cycleId', dateField: 'createdAt' },
  { collection: careerCommentsCollection, subjectFields: ['personId'], mentionFields: [], dateField: 'createdAt', partOf: { field: '_id', collections: [careerConversationsCollection] } },
  { collection: followUpsCollection, subjectFields: ['personId'], mentionFields: ['ownerId', 'closedById'], cycleField: 'cycleId', dateField: 'createdAt' },
  { collection: moderationNotesCollection, subjectFields: ['personId'], mentionFields: ['authorId'], dateField: 'createdAt', partOf: { field: 'rockId', collections: [rocksCollection] } },
  { collection: governorSamplesCollection, subjectFields: [], mentionFields: ['createdById', 'items.reviewerId'], cycleField: 'cycleId', dateField: 'createdAt', itemsNaming: { list: 'items', field: 'reviewId' } },
  { collection: sampleApprovalsCollection, subjectFields: [], mentionFields: ['byPersonId'], dateField: 'at' },
  { collection: recordViewsCollection, subjectFields: ['subjectPersonId'], mentionFields: ['viewerPersonId'], dateField: 'viewedAt' },
  // A legal hold lasts until a PG admin lifts it, whatever its date; the held person is never purged or erased.
  { collection: legalHoldsCollection, subjectFields: ['personId'], mentionFields: ['heldByPersonId'], dateField: 'heldAt', whileActive: true },
];

/** A leaver's purge walks the map audit entries first and the person document last (purgePerson). */
const leaverPurgeOrder: readonly PersonalCollection[] = [
  ...personalCollections.filter((entry) => entry.collection === auditLogCollection),
  ...personalCollections.filter((entry) => entry.collection !== auditLogCollection && entry.collection !== peopleCollection),
  ...personalCollections.filter((entry) => entry.collection === peopleCollection),
];

/** The retention purge's own audit entries (counts only, no one named): the six-year rule never deletes them. */
export const RETENTION_PURGE_ACTION = 'retention.purged';

/** Declared collections that hold nothing about a person (the tenant, its calendar, delivery bookkeeping). */
export const impersonalCollections: readonly string[] = ['organisations', 'cycles', 'scheduleEvents', 'outboxClaims', 'workers'];

/** Records per collection. */
export type PersonalCounts = Record<string, number>;
type Stored = Document & { _id: string };

/** Sibling fields that carry a person's name beside their id. */
const NAME_FIELDS = ['displayName', 'authorName', 'name'];

export class PersonalDataRepository {
  constructor(private readonly db: Db) {}

  private collection(name: string): Collection<Stored> {
    return this.db.collection<Stored>(name);
  }

  /** Everything about or mentioning the person in the organisation, by collection (`_id` as `id`); the people document included. */
  async collect(scope: OrganisationScope, personId: string): Promise<Record<string, Array<Record<string, unknown>>>> {
    const result: Record<string, Array<Record<string, unknown>>> = {};
    const ownIds = new Set<string>([personId]);
    for (const entry of personalCollections) {
      const withItems = entry.itemsNaming ? { ...entry, containsFields: [...(entry.containsFields ?? []), `${entry.itemsNaming.list}.${entry.itemsNaming.field}`] } : entry;
      const found = await this.collection(entry.collection).find(anyOf(scope, withItems, personId, [...entry.subjectFields, ...entry.mentionFields])).toArray();
      if (entry.collection !== auditLogCollection) for (const document of found) if (isAbout(entry, document, personId)) ownIds.add(document._id);
      result[entry.collection] = found.map(({ _id, ...rest }) => ({ id: _id, ...rest }));
    }
    // Audit entries about the person's records (a check-in acknowledged, a rock agreed), not only about the person.
    const audit = await this.collection(auditLogCollection)
      .find({ ...inOrganisation(scope), $or: [{ 'subject.id': { $in: [...ownIds] } }, { 'actor.personId': personId }] })
      .toArray();
    result[auditLogCollection] = audit.map(({ _id, ...rest }) => ({ id: _id, ...rest }));
    // Colleagues' records that carry the person inside other text (a job about their check-in, an entry naming them).
    const needles = await this.needlesFor(scope, personId, [...ownIds]);
    for (const entry of personalCollections.filter((e) => e.namedWithin)) {
      const have = new Set((result[entry.collection] ?? []).map((document) => document.id));
      const more = (await this.namedWithinRecords(scope, entry, needles)).filter((document) => !have.has(document._id));
      // Marked, so the export shows that they mention the person and not what else they say (that is the colleague's).
      result[entry.collection] = [...(result[entry.collection] ?? []), ...more.map(({ _id, ...rest }) => ({ id: _id, ...rest, [NAMED_WITHIN]: true }))];
    }
    return result;
  }

  /** Erasure: deletes what is about the person, anonymises where they are named on someone else's record, and leaves a nameless person document. */
  async erase(scope: OrganisationScope, personId: string, options: { dryRun: boolean }): Promise<{ deleted: PersonalCounts; anonymised: PersonalCounts }> {
    const deleted: PersonalCounts = {};
    const anonymised: PersonalCounts = {};
    const ownIds = await this.ownRecordIds(scope, personId);
    const needles = await this.needlesFor(scope, personId, ownIds);
    for (const entry of personalCollections) {
      if (entry.collection === peopleCollection) continue;
      const removable = this.aboutFilter(scope, entry, personId, ownIds);
      if (removable) deleted[entry.collection] = await this.deleteOrCount(entry.collection, removable, options.dryRun);
      anonymised[entry.collection] = await this.anonymiseMentions(scope, entry, personId, options.dryRun);
      const within = await this.eraseWithin(scope, entry, needles, options.dryRun);
      deleted[entry.collection] = (deleted[entry.collection] ?? 0) + within.deleted;
      anonymised[entry.collection] = (anonymised[entry.collection] ?? 0) + within.anonymised;
    }
    anonymised[peopleCollection] = await this.anonymisePerson(scope, personId, options.dryRun);
    return { deleted: nonZero(deleted), anonymised: nonZero(anonymised) };
  }

  /** A leaver past retention: like erasure, and the person document goes too. */
  async purgePerson(scope: OrganisationScope, personId: string, options: { dryRun: boolean }): Promise<PersonalCounts> {
    const counts: PersonalCounts = {};
    const ownIds = await this.ownRecordIds(scope, personId);
    const needles = await this.needlesFor(scope, personId, ownIds);
    // Restart-safe order: the audit entries first, while the records they are about can still be
    // found, and the person document last, so a purge cut short still finds its leaver next run.
    for (const entry of leaverPurgeOrder) {
      // Past retention, what the leaver did goes with them too (the six-year purge leaves their entries to this one).
      const removable = this.aboutFilter(scope, entry, personId, ownIds, { theirOwnActions: true });
      if (removable) counts[entry.collection] = await this.deleteOrCount(entry.collection, removable, options.dryRun);
      if (!options.dryRun) await this.anonymiseMentions(scope, entry, personId, false);
      const within = await this.eraseWithin(scope, entry, needles, options.dryRun);
      counts[entry.collection] = (counts[entry.collection] ?? 0) + within.deleted;
    }
    return nonZero(counts);
  }

  /**
   * The six-year rule: deletes the records of `cycleIds`, and the records without a cycle dated
   * before `before` (never those kept while a person is here), except records about anyone in
   * `keepPersonIds` (a legal hold). Idempotent, so a purge cut short finishes on its next run.
   */
  async purge(scope: OrganisationScope, options: { cycleIds: string[]; before?: Date; keepPersonIds: string[]; dryRun: boolean }): Promise<PersonalCounts> {
    const counts: PersonalCounts = {};
    // The cycles' records, read before any goes: what is part of them goes with them (partOf).
    const going = await this.cycleRecordIds(scope, options);
    for (const entry of personalCollections) {
      const filter = entry.partOf ? await this.partOfFilter(scope, entry, options, going) : purgeFilter(scope, entry, options);
      if (filter) counts[entry.collection] = await this.deleteOrCount(entry.collection, filter, options.dryRun);
    }
    return nonZero(counts);
  }

  /** Ids of the records of `cycleIds` the purge takes, in the collections others are part of. */
  private async cycleRecordIds(scope: OrganisationScope, options: { cycleIds: string[]; keepPersonIds: string[] }): Promise<Set<string>> {
    const ids = new Set<string>();
    const parents = new Set(personalCollections.flatMap((entry) => entry.partOf?.collections ?? []));
    for (const entry of personalCollections.filter((e) => parents.has(e.collection) && e.cycleField)) {
      const filter = purgeFilter(scope, entry, { cycleIds: options.cycleIds, keepPersonIds: options.keepPersonIds });
      if (filter) for (const document of await this.collection(entry.collection).find(filter, { projection: { _id: 1 } }).toArray()) ids.add(document._id);
    }
    return ids;
  }

  /** A partOf record goes with its record of a due cycle, or by its own date once its record is gone. */
  private async partOfFilter(scope: OrganisationScope, entry: PersonalCollection, options: { before?: Date; keepPersonIds: string[] }, going: Set<string>): Promise<Filter<Stored> | undefined> {
    const { field, collections } = entry.partOf!;
    // The purge's own entries (counts only, no one named) are never taken.
    const notHeld = { ...notHeldBy(entry, options.keepPersonIds), ...(entry.collection === auditLogCollection ? { action: { $ne: RETENTION_PURGE_ACTION } } : {}) };
    const clauses: Filter<Stored>[] = going.size > 0 ? [{ [field]: { $in: [...going] } }] : [];
    if (options.before) {
      const old = await this.collection(entry.collection).find({ ...inOrganisation(scope), [entry.dateField]: { $lt: options.before }, ...notHeld }, { projection: { _id: 1, [field]: 1 } }).toArray();
      const parentOf = (document: Stored) => String(valuesAt(document, field.split('.'))[0] ?? '');
      const parentIds = [...new Set(old.map(parentOf))];
      const present = new Set<string>();
      for (const collection of collections) for (const parent of await this.collection(collection).find({ ...inOrganisation(scope), _id: { $in: parentIds } }, { projection: { _id: 1 } }).toArray()) present.add(parent._id);
      const orphans = old.filter((document) => !present.has(parentOf(document))).map((document) => document._id);
      if (orphans.length > 0) clauses.push({ _id: { $in: orphans } });
    }
    return clauses.length > 0 ? { ...inOrganisation(scope), ...notHeld, $or: clauses } : undefined;
  }

  /** What names the person inside other text: their id and their records' ids, and (unless already erased) their name, email and Entra id. */
  private async needlesFor(scope: OrganisationScope, personId: string, ownIds: string[]): Promise<Needles> {
    const person = await this.collection(peopleCollection).findOne({ ...inOrganisation(scope), _id: personId });
    const known = person && person.erased !== true;
    const texts = known ? [person.email, person.entraObjectId] : [];
    const name = known && typeof person.displayName === 'string' ? person.displayName.trim().replace(/\s+/g, ' ') : '';
    return {
      personId,
      // Longest first, so a record id that holds the person's id is replaced whole.
      ids: [...new Set([personId, ...ownIds])].filter((id) => id.length >= 8).sort((a, b) => b.length - a.length),
      texts: texts.filter((t): t is string => typeof t === 'string' && t.trim().length >= 3).map((t) => t.toLowerCase()),
      // The full name as whole words; a one-word name is too likely someone else's (or part of a word) to delete a record by.
      names: name.includes(' ') ? [new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegex(name).replace(/ /g, '\\s+')}(?![\\p{L}\\p{N}])`, 'giu')] : [],
    };
  }

  /** The organisation's records of the collection not about the person whose `namedWithin` paths name them (read through, kept only when they match). */
  private async namedWithinRecords(scope: OrganisationScope, entry: PersonalCollection, needles: Needles): Promise<Stored[]> {
    const found: Stored[] = [];
    for await (const document of this.collection(entry.collection).find(inOrganisation(scope))) {
      if (isAbout(entry, document, needles.personId)) continue;
      if ((entry.namedWithin?.paths ?? []).some((path) => valuesAt(document, path.split('.')).some((value) => names(value, needles)))) found.push(document);
    }
    return found;
  }

  /** Erasure of what `namedWithin` and `itemsNaming` find on others' records: delete the record, rewrite the values, or drop the items. */
  private async eraseWithin(scope: OrganisationScope, entry: PersonalCollection, needles: Needles, dryRun: boolean): Promise<{ deleted: number; anonymised: number }> {
    let deleted = 0;
    let anonymised = 0;
    if (entry.namedWithin) {
      const found = await this.namedWithinRecords(scope, entry, needles);
      const ids = found.map((document) => document._id);
      if (entry.namedWithin.erasure === 'delete') deleted += dryRun ? ids.length : ids.length > 0 ? (await this.collection(entry.collection).deleteMany({ ...inOrganisation(scope), _id: { $in: ids } })).deletedCount : 0;
      else {
        anonymised += found.length;
        for (const document of dryRun ? [] : found) {
          const changed = Object.fromEntries(entry.namedWithin.paths.filter((path) => document[path] !== undefined).map((path) => [path, withoutPerson(document[path], needles)]));
          await this.collection(entry.collection).updateOne({ ...inOrganisation(scope), _id: document._id }, { $set: changed });
        }
      }
    }
    if (entry.itemsNaming) {
      const { list, field } = entry.itemsNaming;
      const found = await this.collection(entry.collection).find({ ...inOrganisation(scope), [`${list}.${field}`]: { $regex: escapeRegex(needles.personId) } }).toArray();
      anonymised += found.length;
      for (const document of dryRun ? [] : found) {
        const items = (document[list] as unknown[]).filter((item) => !String((item as Record<string, unknown> | null)?.[field] ?? '').includes(needles.personId));
        await this.collection(entry.collection).updateOne({ ...inOrganisation(scope), _id: document._id }, { $set: { [list]: items } });
      }
    }
    return { deleted, anonymised };
  }

  /** Gives back a decision this caller took (an erasure refused or failed): only the caller's own, by its winner. */
  async releaseDecision(scope: OrganisationScope, kind: string, subject: string, winner: string): Promise<void> {
    await this.collection(decisionsCollection).deleteOne({ ...inOrganisation(scope), kind, subject, winner });
  }

  /** Ids of every record about the person (their check-ins, rocks, reviews…): audit entries about those are about them. */
  private async ownRecordIds(scope: OrganisationScope, personId: string): Promise<string[]> {
    const ids = [personId];
    for (const entry of personalCollections) {
      if (entry.subjectFields.length === 0 || entry.collection === auditLogCollection || entry.collection === decisionsCollection) continue;
      const found = await this.collection(entry.collection).find(anyOf(scope, entry, personId, entry.subjectFields), { projection: { _id: 1 } }).toArray();
      ids.push(...found.map((document) => document._id));
    }
    return ids;
  }

  /** The filter for what is about the person in one collection; undefined when nothing there can be. */
  private aboutFilter(scope: OrganisationScope, entry: PersonalCollection, personId: string, ownIds: string[], options: { theirOwnActions?: boolean } = {}): Filter<Stored> | undefined {
    if (entry.collection === auditLogCollection) {
      const about = { 'subject.id': { $in: ownIds } };
      return { ...inOrganisation(scope), ...(options.theirOwnActions ? { $or: [about, { 'actor.personId': personId }] } : about) };
    }
    if (entry.subjectFields.length === 0 && !entry.containsFields) return undefined;
    return anyOf(scope, entry, personId, entry.subjectFields);
  }

  private async deleteOrCount(collection: string, filter: Filter<Stored>, dryRun: boolean): Promise<number> {
    if (dryRun) return this.collection(collection).countDocuments(filter);
    return (await this.collection(collection).deleteMany(filter)).deletedCount;
  }

  /** Replaces the person's id (and name beside it) on others' records; one update per document, field by field. */
  private async anonymiseMentions(scope: OrganisationScope, entry: PersonalCollection, personId: string, dryRun: boolean): Promise<number> {
    if (entry.mentionFields.length === 0) return 0;
    const found = await this.collection(entry.collection).find(anyOf(scope, { ...entry, containsFields: [] }, personId, entry.mentionFields)).toArray();
    if (dryRun) return found.length;
    for (const document of found) {
      const changed: Record<string, unknown> = {};
      for (const path of entry.mentionFields) {
        const [top = path, ...rest] = path.split('.');
        if (replacePerson(document, [top, ...rest], personId)) changed[top] = document[top];
      }
      const unlinked = (entry.mentionLinks ?? []).filter((field) => document[field] !== undefined);
      if (Object.keys(changed).length > 0) {
        await this.collection(entry.collection).updateOne({ ...inOrganisation(scope), _id: document._id }, { $set: changed, ...(unlinked.length > 0 ? { $unset: Object.fromEntries(unlinked.map((field) => [field, ''])) } : {}) });
      }
    }
    return found.length;
  }

  /** The person document stays as a nameless placeholder, so others' records that point at it still resolve. */
  private async anonymisePerson(scope: OrganisationScope, personId: string, dryRun: boolean): Promise<number> {
    const filter = { ...inOrganisation(scope), _id: personId };
    if (dryRun) return this.collection(peopleCollection).countDocuments(filter);
    const result = await this.collection(peopleCollection).updateOne(filter, {
      $set: { displayName: ERASED_NAME, email: `${personId.replace(/[^a-z0-9-]/gi, '')}@erased.invalid`, school: '', roleCategory: 'staff', status: 'excluded', statusReason: 'erased', reachable: false, roles: [], erased: true },
      // Who reviewed and coached them, and why that changed, is theirs too (subject access shows it).
      $unset: { entraObjectId: '', equality: '', workingPattern: '', contractMonths: '', startedOn: '', contractEndsOn: '', pauses: '', handovers: '', unreachableReason: '', leftOn: '', reviewerId: '', coachId: '', reviewerHistory: '', reportsOptOut: '' },
    });
    return result.matchedCount;
  }
}

/** The organisation's records where any of `fields` names the person (or a containing field mentions them). */
function anyOf(scope: OrganisationScope, entry: PersonalCollection, personId: string, fields: string[]): Filter<Stored> {
  const clauses: Filter<Stored>[] = fields.map((field) => ({ [field]: personId }));
  for (const field of entry.containsFields ?? []) clauses.push({ [field]: { $regex: escapeRegex(personId) } });
  if (clauses.length === 0) return { ...inOrganisation(scope), _id: { $in: [] } };
  return { ...inOrganisation(scope), $or: clauses };
}

/** Records about none of `keepPersonIds` (the held, and under 'leaving' everyone still here). */
function notHeldBy(entry: PersonalCollection, keepPersonIds: string[]): Filter<Stored> {
  const kept = [...entry.subjectFields, ...(entry.collection === auditLogCollection ? ['actor.personId'] : [])].map((field) => ({ [field]: { $nin: keepPersonIds } }));
  return keepPersonIds.length > 0 && kept.length > 0 ? { $and: kept } : {};
}

function purgeFilter(scope: OrganisationScope, entry: PersonalCollection, options: { cycleIds: string[]; before?: Date; keepPersonIds: string[] }): Filter<Stored> | undefined {
  const notHeld = notHeldBy(entry, options.keepPersonIds);
  if (entry.cycleField) return options.cycleIds.length > 0 ? { ...inOrganisation(scope), [entry.cycleField]: { $in: options.cycleIds }, ...notHeld } : undefined;
  if (entry.whileActive || !options.before) return undefined;
  const ownEntries = entry.collection === auditLogCollection ? { action: { $ne: RETENTION_PURGE_ACTION } } : {};
  return { ...inOrganisation(scope), [entry.dateField]: { $lt: options.before }, ...notHeld, ...ownEntries };
}

function isAbout(entry: PersonalCollection, document: Document, personId: string): boolean {
  return entry.subjectFields.some((path) => valuesAt(document, path.split('.')).includes(personId));
}

function valuesAt(value: unknown, path: string[]): unknown[] {
  if (Array.isArray(value)) return value.flatMap((item) => valuesAt(item, path));
  if (path.length === 0) return [value];
  if (value === null || typeof value !== 'object') return [];
  const [key = '', ...rest] = path;
  return valuesAt((value as Record<string, unknown>)[key], rest);
}

/** In place: the person's id at `path` becomes ERASED_PERSON_ID (a name beside it ERASED_NAME); in a list of ids it is dropped. */
function replacePerson(holder: unknown, path: string[], personId: string): boolean {
  if (Array.isArray(holder)) return holder.map((item) => replacePerson(item, path, personId)).some(Boolean);
  if (holder === null || typeof holder !== 'object') return false;
  const object = holder as Record<string, unknown>;
  const [key = '', ...rest] = path;
  if (rest.length > 0) return replacePerson(object[key], rest, personId);
  const value = object[key];
  if (Array.isArray(value) && value.includes(personId)) {
    object[key] = value.filter((item) => item !== personId);
    return true;
  }
  if (value !== personId) return false;
  object[key] = ERASED_PERSON_ID;
  for (const name of NAME_FIELDS) if (typeof object[name] === 'string') object[name] = ERASED_NAME;
  // An Entra object id beside it (an audit entry's actor, a policy version's savedBy) identifies them as surely.
  delete object.entraObjectId;
  return true;
}

/** What names a person inside other text (needlesFor). */
interface Needles {
  personId: string;
  ids: string[];
  /** Lower-cased; found anywhere in a string (an email, an Entra id). */
  texts: string[];
  /** Global patterns: reset lastIndex (or use split/replace) when testing. */
  names: RegExp[];
}

/** Whether any string in the value holds one of the ids or (any case) one of the texts. */
function names(value: unknown, needles: Needles): boolean {
  if (typeof value === 'string') {
    const lower = value.toLowerCase();
    return needles.ids.some((id) => value.includes(id)) || needles.texts.some((text) => lower.includes(text)) || needles.names.some((name) => value.split(name).length > 1);
  }
  if (Array.isArray(value)) return value.some((item) => names(item, needles));
  if (value && typeof value === 'object' && !(value instanceof Date)) return Object.values(value).some((item) => names(item, needles));
  return false;
}

/** The value with the person taken out of every string: their records' ids, their id, their name, email and Entra id. */
function withoutPerson(value: unknown, needles: Needles): unknown {
  if (typeof value === 'string') {
    let text = value;
    for (const id of needles.ids) text = text.split(id).join(id === needles.personId ? ERASED_PERSON_ID : ERASED_RECORD_ID);
    for (const needle of needles.texts) text = text.split(new RegExp(escapeRegex(needle), 'gi')).join(ERASED_NAME);
    for (const name of needles.names) text = text.replace(name, ERASED_NAME);
    return text;
  }
  if (Array.isArray(value)) return value.map((item) => withoutPerson(item, needles));
  if (value && typeof value === 'object' && !(value instanceof Date)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withoutPerson(item, needles)]));
  return value;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function nonZero(counts: PersonalCounts): PersonalCounts {
  return Object.fromEntries(Object.entries(counts).filter(([, count]) => count > 0));
}
