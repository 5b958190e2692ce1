// Reads the outbox worker does per organisation (or event) and reload instead of per job: on
// FerretDB 1.24 every query scans its collection, so "this person's personal chat" or "has this
// person checked in" for each of 10,000 prompts would be 10,000 scans. One scan each per reload,
// grouped by person in memory, gives the same answers (as fresh as the reload).
import type { Db } from 'mongodb';
import type { ConversationReferenceRecord } from '../../shared/domain';
import { checkInsCollection } from './checkInRepository';
import { conversationReferencesCollection } from './conversationReferenceRepository';
import { workersCollection } from './workerRepository';
import { fromStored, type Stored } from './storedDocument';

export class OutboxBatchReads {
  constructor(private readonly db: Db) {}

  /** Each person's current personal conversation reference (what findPersonal returns for them). */
  async personalReferencesByPerson(organisationId: string): Promise<Map<string, ConversationReferenceRecord>> {
    const rows = await this.db
      .collection<Stored<ConversationReferenceRecord>>(conversationReferencesCollection)
      .find({ organisationId, scope: 'personal' })
      .toArray();
    const out = new Map<string, ConversationReferenceRecord>();
    for (const row of rows) {
      if (row.uninstalledAt || !row.personId) continue;
      const seen = out.get(row.personId);
      if (!seen || new Date(row.updatedAt).getTime() > new Date(seen.updatedAt).getTime()) out.set(row.personId, fromStored(row) as ConversationReferenceRecord);
    }
    return out;
  }

  /** Who has checked in for the event (person ids): whom a prompt or reminder would only disturb. */
  async checkedInPersonIds(organisationId: string, eventId: string): Promise<Set<string>> {
    const rows = await this.db.collection<{ personId: string }>(checkInsCollection).find({ organisationId, eventId }, { projection: { personId: 1 } }).toArray();
    return new Set(rows.map((r) => r.personId));
  }

  /** The workers seen since `since` (heartbeats), sorted: a worker's place in it picks its share of the jobs. */
  async activeWorkerIds(since: Date): Promise<string[]> {
    const rows = await this.db.collection<{ _id: string; seenAt: Date }>(workersCollection).find({ seenAt: { $gte: since } }, { projection: { _id: 1 } }).toArray();
    return rows.map((r) => r._id).sort();
  }
}
