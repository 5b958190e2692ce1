import { checkInIdFor } from '../../shared/domain';
import type { Collection, Db, IndexDescription } from 'mongodb';
import type { CheckIn } from '../../shared/domain';
import { assertSameOrganisation, inOrganisation, type OrganisationScope, findByIdInOrganisation, organisationIdOf } from './organisationScope';
import { GroupInserter } from './groupInsert';
import { fromStored, fromStoredOrNull, toStored, withoutUndefined, type Stored } from './storedDocument';
import { VERSION_TICKET_HOLD_MS, WriteTickets } from './writeTickets';

export const checkInsCollection = 'checkIns';
export const checkInIndexes: IndexDescription[] = [
  // One check-in per person per event: Teams retries Action.Execute, and people double-click.
  { name: 'organisation_person_event_unique', key: { organisationId: 1, personId: 1, eventId: 1 }, unique: true },
  { name: 'organisation_event', key: { organisationId: 1, eventId: 1 } },
  { name: 'organisation_person_cycle', key: { organisationId: 1, personId: 1, cycleId: 1, submittedAt: -1 } },
  { name: 'organisation_reviewer_submitted', key: { organisationId: 1, reviewerId: 1, submittedAt: -1 } },
];

export type CheckInAcknowledgement = NonNullable<CheckIn['acknowledgement']>;
export type CheckInReviewerResponse = NonNullable<CheckIn['reviewerResponse']>;
export type CheckInCard = NonNullable<CheckIn['card']>;

/** created: first submission; edited: the answers changed; unchanged: a retry of what is stored. */
export type SubmitOutcome = 'created' | 'edited' | 'unchanged';

export interface SubmitResult {
  checkIn: CheckIn;
  outcome: SubmitOutcome;
  /** What was stored before this submission (absent for a first one). */
  previous?: CheckIn;
}

type StoredCheckIn = Stored<CheckIn>;

export class CheckInRepository {
  private readonly collection: Collection<StoredCheckIn>;
  private readonly tickets: WriteTickets;
  private readonly inserts: GroupInserter<StoredCheckIn>;

  constructor(db: Db) {
    this.collection = db.collection<StoredCheckIn>(checkInsCollection);
    this.tickets = new WriteTickets(db);
    this.inserts = new GroupInserter(this.collection);
  }

  /**
   * Stores the person's check-in for the event, exactly once. The first submission is inserted as
   * given; a later one (an edit, a retry, a concurrent double submit) is merged into the stored
   * document: its answers and praise replace the stored ones, while the id, submission time,
   * timeliness, reviewer, acknowledgement and card stay. A retry with the same answers changes nothing.
   */
  async submit(org: OrganisationScope, checkIn: CheckIn): Promise<SubmitResult> {
    assertSameOrganisation(org, checkIn);
    // Insert first (group-committed): a first submission, the usual case, needs no read.
    if (await this.inserts.insert(toStored(checkIn))) return { checkIn, outcome: 'created' };
    const key = { ...inOrganisation(org), personId: checkIn.personId, eventId: checkIn.eventId };
    const byId = await this.collection.findOne({ _id: checkIn.id });
    const existing = byId && byId.organisationId === checkIn.organisationId && byId.personId === checkIn.personId && byId.eventId === checkIn.eventId ? byId : await this.collection.findOne(key);
    // The duplicate was the id, used by another person or event: a caller bug, not a retry.
    if (!existing) throw new Error(`check-in id ${checkIn.id} is already used by another check-in`);
    const previous = fromStored(existing);
    const answers = withoutUndefined({ answers: checkIn.answers, praise: checkIn.praise, praiseMessage: checkIn.praiseMessage });
    if (sameContent(answers, existing)) return { checkIn: previous, outcome: 'unchanged', previous };
    // `{_id}` alone: the one filter FerretDB 1.24 does not decode document by document.
    const edited = await this.collection.findOneAndUpdate(
      { _id: existing._id },
      { $set: { ...answers, editedAt: checkIn.updatedAt, updatedAt: checkIn.updatedAt } },
      { returnDocument: 'after' },
    );
    if (!edited) throw new Error(`check-in ${existing._id} disappeared while it was being edited`);
    return { checkIn: fromStored(edited), outcome: 'edited', previous };
  }

  async get(org: OrganisationScope, id: string): Promise<CheckIn | null> {
    return fromStoredOrNull(await findByIdInOrganisation(this.collection, org, id));
  }

  /** Check-in ids are checkInIdFor(event, person), so this is a lookup by id, not a scan. */
  async findForPersonAndEvent(org: OrganisationScope, personId: string, eventId: string): Promise<CheckIn | null> {
    const found = await findByIdInOrganisation(this.collection, org, checkInIdFor(organisationIdOf(org), eventId, personId));
    return found && found.personId === personId && found.eventId === eventId ? fromStored(found) : null;
  }

  /** A person's history, newest first; optionally one cycle only. */
  async listForPerson(org: OrganisationScope, personId: string, options: { cycleId?: string } = {}): Promise<CheckIn[]> {
    const filter = { ...inOrganisation(org), personId, ...(options.cycleId ? { cycleId: options.cycleId } : {}) };
    const rows = await this.collection.find(filter).sort({ submittedAt: -1, _id: 1 }).toArray();
    return rows.map(toCheckIn);
  }

  /** Everyone's check-ins for one event, in submission order (completion reports, overdue lists). */
  async listForEvent(org: OrganisationScope, eventId: string): Promise<CheckIn[]> {
    const rows = await this.collection.find({ ...inOrganisation(org), eventId }).sort({ submittedAt: 1, _id: 1 }).toArray();
    return rows.map(toCheckIn);
  }

  async countForEvent(org: OrganisationScope, eventId: string): Promise<number> {
    return this.collection.countDocuments({ ...inOrganisation(org), eventId });
  }

  /** seed 001: the reviewer acknowledges every check-in, once. False if it was already acknowledged (or is not there). */
  async setAcknowledgement(org: OrganisationScope, id: string, acknowledgement: CheckInAcknowledgement): Promise<boolean> {
    const unacknowledged = { ...inOrganisation(org), _id: id, acknowledgement: { $exists: false } };
    const result = await this.tickets.guard(
      `checkIn:${id}#acknowledgement`,
      acknowledgement.byPersonId,
      new Date(),
      VERSION_TICKET_HOLD_MS,
      async () => (await this.collection.countDocuments(unacknowledged)) === 1,
      () => this.collection.updateOne(unacknowledged, { $set: { acknowledgement, updatedAt: acknowledgement.at } }),
    );
    return result?.modifiedCount === 1;
  }

  /** Sets (or replaces) the reviewer's response; null when there is no such check-in. */
  async setReviewerResponse(org: OrganisationScope, id: string, response: CheckInReviewerResponse): Promise<CheckIn | null> {
    const updated = await this.collection.findOneAndUpdate(
      { ...inOrganisation(org), _id: id },
      { $set: { reviewerResponse: withoutUndefined(response), updatedAt: response.at } },
      { returnDocument: 'after' },
    );
    return fromStoredOrNull(updated);
  }

  /** Remembers the bot message holding the card, so later changes can update it in place. */
  async setCard(org: OrganisationScope, id: string, card: CheckInCard, at = new Date()): Promise<boolean> {
    const result = await this.collection.updateOne({ ...inOrganisation(org), _id: id }, { $set: { card, updatedAt: at } });
    return result.matchedCount === 1;
  }

  /** Remembers the message with the reviewer's copy of the check-in. */
  async setReviewerCard(org: OrganisationScope, id: string, card: CheckInCard, at = new Date()): Promise<boolean> {
    const result = await this.collection.updateOne({ ...inOrganisation(org), _id: id }, { $set: { reviewerCard: card, updatedAt: at } });
    return result.matchedCount === 1;
  }
}

function toCheckIn(row: StoredCheckIn): CheckIn {
  return fromStored(row);
}

function sameContent(incoming: Pick<CheckIn, 'answers' | 'praise' | 'praiseMessage'>, stored: StoredCheckIn): boolean {
  return (
    canonicalJson(incoming.answers) === canonicalJson(stored.answers) &&
    canonicalJson(incoming.praise) === canonicalJson(stored.praise) &&
    incoming.praiseMessage === stored.praiseMessage
  );
}

/** JSON with object keys sorted, so a document read back from the database compares equal. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : item,
  );
}
