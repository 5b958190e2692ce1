// The year's reviews (shared/domain/yearReview.ts): `yearReviews`, one per person, stage and cycle,
// opened by a unique insert and never updated; and `yearReviewRecords`, what each person writes on
// a review (reflection, statement, decision, comment, support plan...), one document per kind per
// review, replaced only by its author. Nothing here is a read-modify-write of a shared document.
import type { Collection, Db, IndexDescription } from 'mongodb';
import type { ReviewStageKind, YearReview, YearReviewRecord, YearReviewRecordKind, YearReviewRecordOf } from '../../shared/domain';
import { insertOnce } from './atomic';
import { assertSameOrganisation, byIdInOrganisation, inOrganisation, type OrganisationScope } from './organisationScope';
import { fromStored, fromStoredOrNull, toStored, withoutUndefined, type Stored } from './storedDocument';

export const yearReviewsCollection = 'yearReviews';
export const yearReviewIndexes: IndexDescription[] = [
  { name: 'organisation_cycle_stage_person', key: { organisationId: 1, cycleId: 1, stage: 1, personId: 1 } },
  { name: 'organisation_person_created', key: { organisationId: 1, personId: 1, createdAt: 1 } },
  { name: 'organisation_reviewer_created', key: { organisationId: 1, reviewerId: 1, createdAt: 1 } },
  { name: 'organisation_decider_created', key: { organisationId: 1, deciderId: 1, createdAt: 1 } },
];

export const yearReviewRecordsCollection = 'yearReviewRecords';
export const yearReviewRecordIndexes: IndexDescription[] = [
  { name: 'organisation_review_kind', key: { organisationId: 1, reviewId: 1, kind: 1 } },
  { name: 'organisation_cycle_kind', key: { organisationId: 1, cycleId: 1, kind: 1 } },
  { name: 'organisation_person_kind', key: { organisationId: 1, personId: 1, kind: 1 } },
];

type StoredReview = Stored<YearReview>;
type StoredRecord = Stored<YearReviewRecord>;

export class YearReviewRepository {
  private readonly reviews: Collection<StoredReview>;
  private readonly records: Collection<StoredRecord>;

  constructor(db: Db) {
    this.reviews = db.collection<StoredReview>(yearReviewsCollection);
    this.records = db.collection<StoredRecord>(yearReviewRecordsCollection);
  }

  /** Opens the review; false when it was already open (the scheduler's retry, a second worker). */
  async open(org: OrganisationScope, review: YearReview): Promise<boolean> {
    assertSameOrganisation(org, review);
    return insertOnce(this.reviews, withoutUndefined(toStored(review)) as StoredReview);
  }

  async get(org: OrganisationScope, id: string): Promise<YearReview | null> {
    return fromStoredOrNull(await this.reviews.findOne(byIdInOrganisation(org, id))) as YearReview | null;
  }

  /** One cycle's reviews of a stage (all of them, or one person's). */
  async listForCycle(org: OrganisationScope, cycleId: string, stage?: ReviewStageKind): Promise<YearReview[]> {
    const rows = await this.reviews.find({ ...inOrganisation(org), cycleId, ...(stage ? { stage } : {}) }).sort({ createdAt: 1, _id: 1 }).toArray();
    return rows.map((row) => fromStored(row) as YearReview);
  }

  /** Every review of a person, oldest first. */
  async listForPerson(org: OrganisationScope, personId: string): Promise<YearReview[]> {
    const rows = await this.reviews.find({ ...inOrganisation(org), personId }).sort({ createdAt: 1, _id: 1 }).toArray();
    return rows.map((row) => fromStored(row) as YearReview);
  }

  /** The reviews a person reviews or decides (their "needs me" list is built from these). */
  async listForReviewer(org: OrganisationScope, personId: string): Promise<YearReview[]> {
    const [asReviewer, asDecider] = await Promise.all([
      this.reviews.find({ ...inOrganisation(org), reviewerId: personId }).sort({ createdAt: 1, _id: 1 }).toArray(),
      this.reviews.find({ ...inOrganisation(org), deciderId: personId }).sort({ createdAt: 1, _id: 1 }).toArray(),
    ]);
    const seen = new Set<string>();
    return [...asReviewer, ...asDecider].filter((row) => !seen.has(row._id) && seen.add(row._id)).map((row) => fromStored(row) as YearReview);
  }

  async getRecord<K extends YearReviewRecordKind>(org: OrganisationScope, kind: K, id: string): Promise<YearReviewRecordOf<K> | null> {
    return fromStoredOrNull(await this.records.findOne({ ...byIdInOrganisation(org, id), kind })) as YearReviewRecordOf<K> | null;
  }

  /** Every record of one review. */
  async listRecords(org: OrganisationScope, reviewId: string): Promise<YearReviewRecord[]> {
    const rows = await this.records.find({ ...inOrganisation(org), reviewId }).toArray();
    return rows.map((row) => fromStored(row) as YearReviewRecord);
  }

  /** One cycle's records of a kind (progress and figures are counted from these). */
  async listRecordsForCycle<K extends YearReviewRecordKind>(org: OrganisationScope, cycleId: string, kind: K): Promise<Array<YearReviewRecordOf<K>>> {
    const rows = await this.records.find({ ...inOrganisation(org), cycleId, kind }).toArray();
    return rows.map((row) => fromStored(row) as unknown as YearReviewRecordOf<K>);
  }

  /** A person's records of a kind across cycles (their support plans, say). */
  async listRecordsForPerson<K extends YearReviewRecordKind>(org: OrganisationScope, personId: string, kind: K): Promise<Array<YearReviewRecordOf<K>>> {
    const rows = await this.records.find({ ...inOrganisation(org), personId, kind }).sort({ createdAt: 1, _id: 1 }).toArray();
    return rows.map((row) => fromStored(row) as unknown as YearReviewRecordOf<K>);
  }

  /** Stores the record, replacing its author's earlier save (a draft saved as they type). */
  async putRecord(org: OrganisationScope, record: YearReviewRecord): Promise<YearReviewRecord> {
    assertSameOrganisation(org, record);
    const { _id, ...rest } = withoutUndefined(toStored(record));
    await this.records.replaceOne(byIdInOrganisation(org, _id), rest, { upsert: true });
    return record;
  }

  /** Inserts once; false when one with the same id was there first (a decision taken once). */
  async addRecordOnce(org: OrganisationScope, record: YearReviewRecord): Promise<boolean> {
    assertSameOrganisation(org, record);
    return insertOnce(this.records, withoutUndefined(toStored(record)) as StoredRecord);
  }
}
