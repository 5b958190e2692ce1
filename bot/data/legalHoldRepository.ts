// Issue 16: legal holds, one document per held person (its id derived from the organisation and
// the person), deleted when the hold is lifted. Putting a hold is an insert (one winner on
// FerretDB); putting it again replaces the reason.
import { createHash } from 'node:crypto';
import type { Collection, Db, IndexDescription } from 'mongodb';
import type { LegalHold } from '../../shared/domain';
import { insertOnce } from './atomic';
import { assertSameOrganisation, byIdInOrganisation, inOrganisation, organisationIdOf, type OrganisationScope } from './organisationScope';
import { fromStored, fromStoredOrNull, toStored, type Stored } from './storedDocument';

export const legalHoldsCollection = 'legalHolds';
export const legalHoldIndexes: IndexDescription[] = [{ name: 'organisation_person', key: { organisationId: 1, personId: 1 } }];

type StoredLegalHold = Stored<LegalHold>;

/** The hold's id: one per person in the organisation, never the person id itself (ids are tenant-wide). */
export function legalHoldIdFor(organisationId: string, personId: string): string {
  return `hold-${createHash('sha256').update(`${organisationId}\u001f${personId}`).digest('hex').slice(0, 40)}`;
}

export class LegalHoldRepository {
  private readonly collection: Collection<StoredLegalHold>;

  constructor(db: Db) {
    this.collection = db.collection<StoredLegalHold>(legalHoldsCollection);
  }

  async find(org: OrganisationScope, personId: string): Promise<LegalHold | null> {
    return fromStoredOrNull(await this.collection.findOne({ ...byIdInOrganisation(org, legalHoldIdFor(organisationIdOf(org), personId)), personId }));
  }

  async list(org: OrganisationScope): Promise<LegalHold[]> {
    const rows = await this.collection.find(inOrganisation(org)).sort({ heldAt: 1, _id: 1 }).toArray();
    return rows.map((row) => fromStored(row));
  }

  /** Stores the hold; true if the person was not held before (a second put replaces the reason). */
  async put(org: OrganisationScope, hold: LegalHold): Promise<boolean> {
    assertSameOrganisation(org, hold);
    const stored = toStored({ ...hold, id: legalHoldIdFor(hold.organisationId, hold.personId) });
    if (await insertOnce(this.collection, stored)) return true;
    await this.collection.replaceOne(byIdInOrganisation(org, stored._id), stored);
    return false;
  }

  /** Lifts the hold; true if there was one. */
  async lift(org: OrganisationScope, personId: string): Promise<boolean> {
    const result = await this.collection.deleteOne({ ...byIdInOrganisation(org, legalHoldIdFor(organisationIdOf(org), personId)), personId });
    return result.deletedCount > 0;
  }
}
