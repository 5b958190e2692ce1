// Compare-and-set that holds on FerretDB too. FerretDB 1.24 runs an update (and findOneAndUpdate)
// as a read followed by a write, not atomically, so "update where version = 3" can succeed for two
// concurrent writers. What it does enforce atomically, like MongoDB, is a unique key. So a guarded
// write first takes a ticket named after the state it moves from ("scheduleEvent:<id>#v3"); only
// the writer whose insert succeeds goes on to write, still filtering on that state, and then
// removes the ticket (a late writer that then takes it finds the state already moved on).
import { MongoBulkWriteError, type Collection, type Db, type IndexDescription } from 'mongodb';
import { DUPLICATE_KEY, isDuplicateKeyError } from './storedDocument';

export const writeTicketsCollection = 'writeTickets';
export const writeTicketIndexes: IndexDescription[] = [{ name: 'key_generation', key: { key: 1, generation: -1 } }];

interface WriteTicket {
  /** `<key>~<generation>` */
  _id: string;
  key: string;
  /** Bumped when a holder died between taking the ticket and writing (see take). */
  generation: number;
  holder: string;
  takenAt: Date;
  expiresAt: Date;
}

/** How long a guarded single-document write may take before another writer may assume its holder died. */
export const VERSION_TICKET_HOLD_MS = 30_000;

/** After this many tries (dead holders in a row), give up rather than loop. */
const MAX_GENERATIONS = 20;

export class WriteTickets {
  private readonly collection: Collection<WriteTicket>;

  constructor(db: Db) {
    this.collection = db.collection<WriteTicket>(writeTicketsCollection);
  }

  /**
   * Takes the ticket for `key`; true if this caller won it and may write. If the ticket is held by
   * someone whose hold expired and `stillUnwritten` confirms their write never happened (they
   * crashed in between), the ticket is taken over in a new generation, again by one caller only.
   */
  async take(key: string, holder: string, now: Date, holdMs: number, stillUnwritten: () => Promise<boolean>): Promise<boolean> {
    let generation = 0;
    for (let tries = 0; tries < MAX_GENERATIONS; tries += 1) {
      try {
        await this.collection.insertOne({ _id: `${key}~${generation}`, key, generation, holder, takenAt: now, expiresAt: new Date(now.getTime() + holdMs) });
        return true;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      const [latest] = await this.collection.find({ key }).sort({ generation: -1 }).limit(1).toArray();
      if (!latest) continue; // released meanwhile: try again
      if (latest.expiresAt.getTime() >= now.getTime()) return false;
      if (!(await stillUnwritten())) return false;
      generation = latest.generation + 1;
    }
    return false;
  }

  /**
   * `take` for many keys at once (one insert for the common case); returns the keys won. A key
   * whose ticket is held past its expiry goes through `take`'s take-over path one by one.
   */
  async takeMany(keys: readonly string[], holder: string, now: Date, holdMs: number, stillUnwritten: (key: string) => Promise<boolean>): Promise<Set<string>> {
    const won = new Set<string>();
    if (keys.length === 0) return won;
    const expiresAt = new Date(now.getTime() + holdMs);
    const tickets = keys.map((key): WriteTicket => ({ _id: `${key}~0`, key, generation: 0, holder, takenAt: now, expiresAt }));
    let lost: string[] = [];
    try {
      await this.collection.insertMany(tickets, { ordered: false });
    } catch (error) {
      if (!(error instanceof MongoBulkWriteError)) throw error;
      const writeErrors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
      if (writeErrors.some((e) => e.code !== DUPLICATE_KEY)) throw error;
      lost = writeErrors.map((e) => keys[e.index]).filter((key): key is string => key !== undefined);
    }
    const lostSet = new Set(lost);
    for (const key of keys) if (!lostSet.has(key)) won.add(key);
    if (lost.length > 0) {
      const expired = await this.collection.find({ key: { $in: lost }, expiresAt: { $lt: now } }, { projection: { key: 1 } }).toArray();
      for (const key of new Set(expired.map((ticket) => ticket.key))) {
        if (await this.take(key, holder, now, holdMs, () => stillUnwritten(key))) won.add(key);
      }
    }
    return won;
  }

  async releaseMany(keys: readonly string[]): Promise<void> {
    if (keys.length > 0) await this.collection.deleteMany({ key: { $in: [...keys] } });
  }

  /** Removes every generation of the ticket, once the guarded write is done (or found moot). */
  async release(key: string): Promise<void> {
    await this.collection.deleteMany({ key });
  }

  /** take, then the write, then release; the write's result, or null when the ticket was lost. */
  async guard<T>(key: string, holder: string, now: Date, holdMs: number, stillUnwritten: () => Promise<boolean>, write: () => Promise<T>): Promise<T | null> {
    if (!(await this.take(key, holder, now, holdMs, stillUnwritten))) return null;
    try {
      return await write();
    } finally {
      await this.release(key);
    }
  }
}
