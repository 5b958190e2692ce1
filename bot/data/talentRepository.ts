// Issue 13's collections (shared/domain/talent.ts): survey responses, career conversations and the
// reviewee's comments, follow-up tasks, moderation notes, governor samples and their approvals.
// Each document has one writer; "exactly once" (a follow-up per route step, an approval per item
// and role) is a unique insert.
import type { Collection, Db, Filter, IndexDescription } from 'mongodb';
import type { CareerComment, CareerConversation, FollowUp, GovernorSample, ModerationNote, SampleApproval, SurveyResponse } from '../../shared/domain';
import { insertOnce } from './atomic';
import { assertSameOrganisation, byIdInOrganisation, inOrganisation, type OrganisationScope } from './organisationScope';
import { fromStored, fromStoredOrNull, setAndUnset, toStored, withoutUndefined, type Stored } from './storedDocument';

export const surveyResponsesCollection = 'surveyResponses';
export const careerConversationsCollection = 'careerConversations';
export const careerCommentsCollection = 'careerComments';
export const followUpsCollection = 'followUps';
export const moderationNotesCollection = 'moderationNotes';
export const governorSamplesCollection = 'governorSamples';
export const sampleApprovalsCollection = 'sampleApprovals';

export const talentIndexes: ReadonlyArray<{ collection: string; indexes: IndexDescription[] }> = [
  { collection: surveyResponsesCollection, indexes: [{ name: 'organisation_event', key: { organisationId: 1, eventId: 1 } }, { name: 'organisation_person', key: { organisationId: 1, personId: 1 } }] },
  { collection: careerConversationsCollection, indexes: [{ name: 'organisation_cycle', key: { organisationId: 1, cycleId: 1 } }, { name: 'organisation_person', key: { organisationId: 1, personId: 1 } }] },
  { collection: careerCommentsCollection, indexes: [{ name: 'organisation_person', key: { organisationId: 1, personId: 1 } }] },
  {
    collection: followUpsCollection,
    indexes: [
      { name: 'organisation_cycle', key: { organisationId: 1, cycleId: 1 } },
      { name: 'organisation_owner_status', key: { organisationId: 1, ownerId: 1, status: 1 } },
      { name: 'organisation_role_status', key: { organisationId: 1, ownerRole: 1, status: 1 } },
      { name: 'organisation_person', key: { organisationId: 1, personId: 1 } },
    ],
  },
  { collection: moderationNotesCollection, indexes: [{ name: 'organisation_rock_created', key: { organisationId: 1, rockId: 1, createdAt: 1 } }, { name: 'organisation_person', key: { organisationId: 1, personId: 1 } }] },
  { collection: governorSamplesCollection, indexes: [{ name: 'organisation_cycle_created', key: { organisationId: 1, cycleId: 1, createdAt: 1 } }] },
  { collection: sampleApprovalsCollection, indexes: [{ name: 'organisation_sample', key: { organisationId: 1, sampleId: 1 } }] },
];

/** A plain collection of one entity type, scoped by organisation on every call. */
class ScopedCollection<T extends { id: string; organisationId: string }> {
  protected readonly collection: Collection<Stored<T>>;

  constructor(db: Db, name: string) {
    this.collection = db.collection<Stored<T>>(name);
  }

  async get(org: OrganisationScope, id: string): Promise<T | null> {
    const row = (await this.collection.findOne(byIdInOrganisation(org, id) as Filter<Stored<T>>)) as unknown as { _id: string } | null;
    return fromStoredOrNull(row) as unknown as T | null;
  }

  /** Stores it, replacing the one with the same id (its one author saving again). */
  async put(org: OrganisationScope, entity: T): Promise<T> {
    assertSameOrganisation(org, entity);
    const { _id, ...rest } = withoutUndefined(toStored(entity)) as Stored<T>;
    await this.collection.replaceOne(byIdInOrganisation(org, _id) as Filter<Stored<T>>, rest as never, { upsert: true });
    return entity;
  }

  /** Inserts once; false when one with the same id was there first. */
  async addOnce(org: OrganisationScope, entity: T): Promise<boolean> {
    assertSameOrganisation(org, entity);
    return insertOnce(this.collection as unknown as Collection<{ _id: string }>, withoutUndefined(toStored(entity)) as unknown as { _id: string });
  }

  /** Every one matching `filter` (fields of T) in the organisation, oldest first. */
  async find(org: OrganisationScope, filter: Partial<Record<keyof T, unknown>> = {}): Promise<T[]> {
    const rows = await this.collection
      .find({ ...filter, ...inOrganisation(org) } as Filter<Stored<T>>)
      .sort({ createdAt: 1, _id: 1 })
      .toArray();
    return rows.map((row) => fromStored(row as unknown as { _id: string }) as unknown as T);
  }

  async count(org: OrganisationScope, filter: Partial<Record<keyof T, unknown>> = {}): Promise<number> {
    return this.collection.countDocuments({ ...filter, ...inOrganisation(org) } as Filter<Stored<T>>);
  }

  /** Sets fields on one document (its one writer: a follow-up's owner closing it). */
  async update(org: OrganisationScope, id: string, changes: Partial<T>): Promise<boolean> {
    const result = await this.collection.updateOne(byIdInOrganisation(org, id) as Filter<Stored<T>>, setAndUnset(changes as Record<string, unknown>) as never);
    return result.matchedCount === 1;
  }
}

export class TalentRepositories {
  readonly surveyResponses: ScopedCollection<SurveyResponse>;
  readonly careerConversations: ScopedCollection<CareerConversation>;
  readonly careerComments: ScopedCollection<CareerComment>;
  readonly followUps: ScopedCollection<FollowUp>;
  readonly moderationNotes: ScopedCollection<ModerationNote>;
  readonly governorSamples: ScopedCollection<GovernorSample>;
  readonly sampleApprovals: ScopedCollection<SampleApproval>;

  constructor(db: Db) {
    this.surveyResponses = new ScopedCollection(db, surveyResponsesCollection);
    this.careerConversations = new ScopedCollection(db, careerConversationsCollection);
    this.careerComments = new ScopedCollection(db, careerCommentsCollection);
    this.followUps = new ScopedCollection(db, followUpsCollection);
    this.moderationNotes = new ScopedCollection(db, moderationNotesCollection);
    this.governorSamples = new ScopedCollection(db, governorSamplesCollection);
    this.sampleApprovals = new ScopedCollection(db, sampleApprovalsCollection);
  }
}
