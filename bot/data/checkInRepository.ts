import type { Collection, Db, IndexDescription } from 'mongodb';
import { checkInIdFor, type CheckIn } from '../../shared/domain';
import { insertOnce, type Decisions } from './atomic';
import { assertSameOrganisation, byIdInOrganisation, inOrganisation, organisationIdOf, type OrganisationScope } from './organisationScope';
import { fromStored, toStored, withoutUndefined, type Stored } from './storedDocument';

export const checkInsCollection = 'checkIns';
export const checkInIndexes: IndexDescription[] = [
  // One check-in per person per event: Teams retries Action.Execute, and people double-click.
  { name: 'organisation_person_event_unique', key: { organisationId: 1, personId: 1, eventId: 1 }, unique: true },
  { name: 'organisation_event', key: { organisationId: 1, eventId: 1 } },
  { name: 'organisation_person_cycle', key: { organisationId: 1, personId: 1, cycleId: 1, submittedAt: -1 } },
  { name: 'organisation_reviewer_submitted', key: { organisationId: 1, reviewerId: 1, submittedAt: -1 } },
  // The start-up sweep finds check-ins whose notification or audit entry a crash left undone.
  { name: 'organisation_side_effects', key: { organisationId: 1, sideEffects: 1 } },
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
  /** Whether the stored revision's side effects (notification, audit) may still be missing. */
  sideEffectsPending: boolean;
}

/**
 * Stored beside the check-in, never part of it: whether what must follow storing this revision
 * (the reviewer's notification, the audit entry, praise) has all been done. `sideEffectsFor` names
 * the revision (see revisionOf), so finishing an older one cannot mark a newer edit done.
 */
interface SideEffectsState {
  sideEffects?: 'pending' | 'done';
  sideEffectsFor?: string;
}

type StoredCheckIn = Stored<CheckIn> & SideEffectsState;

/** The revision of a check-in whose side effects are due: its first submission or one edit. */
function revisionOf(checkIn: Pick<CheckIn, 'editedAt'>): string {
  return checkIn.editedAt ? `edited@${checkIn.editedAt.getTime()}` : 'submitted';
}

export class CheckInRepository {
  private readonly collection: Collection<StoredCheckIn>;

  constructor(
    db: Db,
    private readonly decisions: Decisions,
  ) {
    this.collection = db.collection<StoredCheckIn>(checkInsCollection);
  }

  /**
   * Stores the person's check-in for the event, exactly once. The first submission is a unique
   * insert of the deterministic id (checkInIdFor): of concurrent submits exactly one is 'created'.
   * A later one (an edit, a retry, the loser of a double submit) is merged into the stored
   * document: its answers and praise replace the stored ones, while the id, submission time,
   * timeliness, reviewer, acknowledgement and card stay. A retry with the same answers changes
   * nothing. A stored revision is marked as having side effects pending until markSideEffectsDone.
   */
  async submit(org: OrganisationScope, checkIn: CheckIn): Promise<SubmitResult> {
    assertSameOrganisation(org, checkIn);
    const pending: SideEffectsState = { sideEffects: 'pending', sideEffectsFor: revisionOf({}) };
    if (await insertOnce(this.collection, { ...toStored(checkIn), ...pending })) return { checkIn, outcome: 'created', sideEffectsPending: true };
    const existing =
      (await this.collection.findOne(byIdInOrganisation(org, checkIn.id))) ??
      (await this.collection.findOne({ ...inOrganisation(org), personId: checkIn.personId, eventId: checkIn.eventId }));
    // The duplicate was the id, used by another organisation, person or event: a caller bug, not a retry.
    if (!existing || existing.personId !== checkIn.personId || existing.eventId !== checkIn.eventId) {
      throw new Error(`check-in id ${checkIn.id} is already used by another check-in`);
    }
    const previous = toCheckIn(existing);
    const answers = withoutUndefined({ answers: checkIn.answers, praise: checkIn.praise, praiseMessage: checkIn.praiseMessage });
    // A check-in stored before side effects were tracked has none pending.
    if (sameContent(answers, existing)) return { checkIn: previous, outcome: 'unchanged', previous, sideEffectsPending: existing.sideEffects === 'pending' };
    const editedAt = checkIn.updatedAt;
    const edited = await this.collection.findOneAndUpdate(
      byIdInOrganisation(org, existing._id),
      { $set: { ...answers, editedAt, updatedAt: editedAt, sideEffects: 'pending', sideEffectsFor: revisionOf({ editedAt }) } },
      { returnDocument: 'after' },
    );
    if (!edited) throw new Error(`check-in ${existing._id} disappeared while it was being edited`);
    return { checkIn: toCheckIn(edited), outcome: 'edited', previous, sideEffectsPending: true };
  }

  /**
   * Every side effect of this revision of the check-in is done; a later edit's are still due.
   * (On FerretDB an edit landing inside this update's read-then-write could be marked done with
   * it; the edit's own submit still completes its side effects, only the crash sweep would miss it.)
   */
  async markSideEffectsDone(org: OrganisationScope, checkIn: Pick<CheckIn, 'id' | 'editedAt'>): Promise<void> {
    await this.collection.updateOne({ ...byIdInOrganisation(org, checkIn.id), sideEffectsFor: revisionOf(checkIn) }, { $set: { sideEffects: 'done' } });
  }

  /** Check-ins whose side effects a crash may have left undone (start-up sweep), oldest first. */
  async listWithSideEffectsPending(org: OrganisationScope, limit = 500): Promise<CheckIn[]> {
    const rows = await this.collection.find({ ...inOrganisation(org), sideEffects: 'pending' }).sort({ updatedAt: 1, _id: 1 }).limit(limit).toArray();
    return rows.map(toCheckIn);
  }

  async get(org: OrganisationScope, id: string): Promise<CheckIn | null> {
    return toCheckInOrNull(await this.collection.findOne(byIdInOrganisation(org, id)));
  }

  /** Check-in ids are checkInIdFor(event, person), so this is a lookup by id, not a search. */
  async findForPersonAndEvent(org: OrganisationScope, personId: string, eventId: string): Promise<CheckIn | null> {
    const id = checkInIdFor(organisationIdOf(org), eventId, personId);
    return toCheckInOrNull(await this.collection.findOne({ ...byIdInOrganisation(org, id), personId, eventId }));
  }

  /** A person's history, newest first; optionally one cycle only. */
  async listForPerson(org: OrganisationScope, personId: string, options: { cycleId?: string } = {}): Promise<CheckIn[]> {
    const filter = { ...inOrganisation(org), personId, ...(options.cycleId ? { cycleId: options.cycleId } : {}) };
    const rows = await this.collection.find(filter).sort({ submittedAt: -1, _id: 1 }).toArray();
    return rows.map(toCheckIn);
  }

  /** Check-ins submitted to this reviewer, newest first (index organisation_reviewer_submitted). */
  async listForReviewer(org: OrganisationScope, reviewerId: string, limit = 200): Promise<CheckIn[]> {
    const rows = await this.collection.find({ ...inOrganisation(org), reviewerId }).sort({ submittedAt: -1 }).limit(limit).toArray();
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

  /**
   * seed 001: the reviewer acknowledges every check-in, once. True for the one caller whose
   * acknowledgement is stored; false if it was already acknowledged (or is not there). The decision
   * is a unique insert (atomic.ts); it carries the acknowledgement, so a loser finding it not yet
   * written (the winner died in between) writes the winner's.
   */
  async setAcknowledgement(org: OrganisationScope, id: string, acknowledgement: CheckInAcknowledgement): Promise<boolean> {
    const unacknowledged = { ...byIdInOrganisation(org, id), acknowledgement: { $exists: false } };
    if ((await this.collection.countDocuments(unacknowledged)) === 0) return false;
    const stored = withoutUndefined(acknowledgement);
    const won = await this.decisions.take(org, 'check-in-acknowledged', id, acknowledgement.byPersonId, acknowledgement.at, { acknowledgement: stored });
    const decided = won ? stored : ((await this.decisions.find(org, 'check-in-acknowledged', id))?.details?.acknowledgement as CheckInAcknowledgement | undefined);
    if (decided) await this.collection.updateOne(unacknowledged, { $set: { acknowledgement: decided, updatedAt: decided.at } });
    return won;
  }

  /** Sets (or replaces) the reviewer's response; null when there is no such check-in. */
  async setReviewerResponse(org: OrganisationScope, id: string, response: CheckInReviewerResponse): Promise<CheckIn | null> {
    const updated = await this.collection.findOneAndUpdate(
      { ...inOrganisation(org), _id: id },
      { $set: { reviewerResponse: withoutUndefined(response), updatedAt: response.at } },
      { returnDocument: 'after' },
    );
    return toCheckInOrNull(updated);
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
  const { sideEffects: _state, sideEffectsFor: _revision, ...checkIn } = fromStored(row);
  return checkIn;
}

function toCheckInOrNull(row: StoredCheckIn | null): CheckIn | null {
  return row ? toCheckIn(row) : null;
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
