// 360-degree feedback requests (seed 000 §8, §11.2): who asked whom about what, and the answer.
// A request is created once (its id is the client's or the server's), answered by the colleague
// asked (only they write the answer), so no two people write one document.
import type { Collection, Db, IndexDescription } from 'mongodb';
import type { FeedbackRequest } from '../../shared/domain';
import { insertOnce } from './atomic';
import { assertSameOrganisation, byIdInOrganisation, inOrganisation, type OrganisationScope } from './organisationScope';
import { fromStored, fromStoredOrNull, setAndUnset, toStored, withoutUndefined, type Stored } from './storedDocument';

export const feedbackRequestsCollection = 'feedbackRequests';
export const feedbackRequestIndexes: IndexDescription[] = [
  { name: 'organisation_person_cycle', key: { organisationId: 1, personId: 1, cycleId: 1 } },
  { name: 'organisation_asked_created', key: { organisationId: 1, askedPersonId: 1, createdAt: 1 } },
  { name: 'organisation_cycle', key: { organisationId: 1, cycleId: 1 } },
];

type StoredRequest = Stored<FeedbackRequest>;

export class FeedbackRequestRepository {
  private readonly collection: Collection<StoredRequest>;

  constructor(db: Db) {
    this.collection = db.collection<StoredRequest>(feedbackRequestsCollection);
  }

  async addOnce(org: OrganisationScope, request: FeedbackRequest): Promise<boolean> {
    assertSameOrganisation(org, request);
    return insertOnce(this.collection, withoutUndefined(toStored(request)) as StoredRequest);
  }

  async get(org: OrganisationScope, id: string): Promise<FeedbackRequest | null> {
    return fromStoredOrNull(await this.collection.findOne(byIdInOrganisation(org, id))) as FeedbackRequest | null;
  }

  /** What a person asked for in a cycle (their supporting information), oldest first. */
  async listForPerson(org: OrganisationScope, personId: string, cycleId: string): Promise<FeedbackRequest[]> {
    const rows = await this.collection.find({ ...inOrganisation(org), personId, cycleId }).sort({ createdAt: 1, _id: 1 }).toArray();
    return rows.map((row) => fromStored(row) as FeedbackRequest);
  }

  /** What a person has been asked, oldest first. */
  async listAskedOf(org: OrganisationScope, askedPersonId: string): Promise<FeedbackRequest[]> {
    const rows = await this.collection.find({ ...inOrganisation(org), askedPersonId }).sort({ createdAt: 1, _id: 1 }).toArray();
    return rows.map((row) => fromStored(row) as FeedbackRequest);
  }

  async listForCycle(org: OrganisationScope, cycleId: string): Promise<FeedbackRequest[]> {
    const rows = await this.collection.find({ ...inOrganisation(org), cycleId }).toArray();
    return rows.map((row) => fromStored(row) as FeedbackRequest);
  }

  /** The asked colleague's answer (or decline); only they call this. */
  async setAnswer(org: OrganisationScope, id: string, change: Pick<FeedbackRequest, 'updatedAt'> & Partial<Pick<FeedbackRequest, 'answer' | 'answeredAt' | 'declinedAt'>>): Promise<boolean> {
    const result = await this.collection.updateOne(byIdInOrganisation(org, id), setAndUnset(change as Record<string, unknown>));
    return result.matchedCount === 1;
  }
}
