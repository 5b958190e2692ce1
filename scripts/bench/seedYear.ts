// A trust a year into its cycle, for the restart benchmark: N staff across several schools with
// line-manager reviewers, three agreed rocks each for the current rock window, a personal
// conversation reference each, and a check-in from most staff for every check-in event whose
// window has opened by `clock`. Written straight into the collections with unordered insertMany
// batches, several in flight (the documents are what the app writes; going through the app would
// take hours for half a million check-ins). The calendar's past events are marked as prompted and
// digested, as a server that ran all year leaves them, so a restart has nothing to catch up on.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Collection, Db, Document } from 'mongodb';
import { createRepositories, ensureIndexes } from '../../bot/data/db';
import { toStored } from '../../bot/data/storedDocument';
import { createLogger } from '../../bot/logger';
import type { UseCaseContext } from '../../bot/usecases/context';
import { CHECK_IN_KINDS } from '../../bot/usecases/checkIns';
import { cycleIdFor, ensureOrganisation } from '../../bot/usecases/organisations';
import {
  checkInIdFor,
  checkInSchema,
  conversationReferenceRecordSchema,
  personSchema,
  rockSchema,
  type CheckIn,
  type ConversationReferenceRecord,
  type Person,
  type Rock,
  type ScheduleEvent,
} from '../../shared/domain';
import { getPolicyPack, windowInstants } from '../../shared/policy';
import { BENCH_TENANT, conversationIdOf, entraObjectId, log, round, teamsUserId } from './common';

export interface YearOptions {
  staff: number;
  /** The instant the server will run at (PGTEAMS_CLOCK). */
  clock: Date;
  schools: number;
  /** Share of eligible staff who submitted each past numbered check-in (optional ones: a third of it). */
  submitted: number;
  /** Share who have already submitted the check-in open at `clock`, if one is. */
  submittedSoFar: number;
  batch: number;
  parallel: number;
  serviceUrl: string;
  /** How many people, each from a different team, to leave without an answer to the open check-in. */
  spare: number;
  /** before: indexes in place while inserting (as a running server has them); after: built once the data is in. */
  indexes: 'before' | 'after';
}

export interface SeededYear {
  /** The i-th member of staff's person id. */
  personIds: string[];
  people: number;
  rocks: number;
  checkIns: number;
  conversationReferences: number;
  /** The check-in events the check-ins belong to (their keys), and which of them is open at `clock`. */
  checkInEvents: string[];
  openEvent?: { key: string; id: string; notYetSubmitted: number[] };
  rockWindow: string;
  /** Seconds per collection, and in all. */
  seconds: Record<string, number>;
}

const POLICY_ID = 'tsfe-2025-26';
/** People per line manager; every line manager is staff too. */
const TEAM_SIZE = 20;

/** The index of person i's line manager (undefined for a line manager). */
export const reviewerIndexOf = (i: number): number | undefined => (i % TEAM_SIZE === 0 ? undefined : i - (i % TEAM_SIZE));

/** A stable pseudo-random fraction in [0, 1) for (a, b): who submitted, who was late, who was acknowledged. */
export function fraction(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 32;
}

/**
 * Inserts documents 0..count-1, made by `make`, in unordered batches of `batch`, `parallel` at a
 * time. Returns the seconds it took; throws unless the database acknowledged every document (a
 * count afterwards would read the whole collection on FerretDB: 7-20 s at 2,000 staff).
 */
export async function insertAll(collection: Collection, count: number, make: (i: number) => Document, options: { batch: number; parallel: number }): Promise<number> {
  const started = performance.now();
  let nextBatch = 0;
  let inserted = 0;
  let lastLog = started;
  const lane = async () => {
    for (let b = nextBatch++; b * options.batch < count; b = nextBatch++) {
      const docs: Document[] = [];
      for (let i = b * options.batch; i < Math.min(count, (b + 1) * options.batch); i++) docs.push(make(i));
      // Awaited before the +=: `inserted += await …` would add to the value read before the wait.
      const { insertedCount } = await collection.insertMany(docs, { ordered: false });
      inserted += insertedCount;
      if (performance.now() - lastLog > 10_000) {
        lastLog = performance.now();
        log(`  ${collection.collectionName}: ${inserted}/${count} (${Math.round(inserted / ((lastLog - started) / 1000))}/s)`);
      }
    }
  };
  await Promise.all(Array.from({ length: options.parallel }, lane));
  if (inserted !== count) throw new Error(`${collection.collectionName}: ${inserted} of ${count} documents acknowledged`);
  return (performance.now() - started) / 1000;
}

/** Sample-checks generated documents against the domain schema (every one would cost seconds). */
function checked<T>(schema: { parse(value: unknown): T }, i: number, value: T): T {
  return i % 997 === 0 ? schema.parse(value) : value;
}

export async function seedYear(db: Db, options: YearOptions): Promise<SeededYear> {
  const started = performance.now();
  const seconds: Record<string, number> = {};
  const clock = options.clock;
  const ctx: UseCaseContext = { repos: createRepositories(db), now: () => clock, logger: createLogger('warn') };
  // Either way every index is in place before the first start, as on a server that has run.
  if (options.indexes === 'before') await ensureIndexes(db);
  await ensureOrganisation(ctx, { organisationId: BENCH_TENANT, policyId: POLICY_ID });
  const pack = getPolicyPack(POLICY_ID);
  const cycleId = cycleIdFor(BENCH_TENANT, pack.cycle.key);
  const timezone = pack.policy.timezone;
  const window = pack.policy.rocks.windows.find((w) => w.startsOn <= isoDate(clock) && isoDate(clock) <= w.endsOn) ?? pack.policy.rocks.windows.at(-1)!;

  const personIds = Array.from({ length: options.staff }, () => randomUUID());
  const person = (i: number): Person =>
    checked(personSchema, i, {
      id: personIds[i]!,
      organisationId: BENCH_TENANT,
      entraObjectId: entraObjectId(i),
      displayName: `Staff Member ${String(i).padStart(6, '0')}`,
      email: `staff${i}@bench.example`,
      school: `School ${Math.floor(i / TEAM_SIZE) % options.schools}`,
      roleCategory: i % TEAM_SIZE === 0 ? 'leader' : i % 5 === 0 ? 'support' : 'teacher',
      reviewerId: i % TEAM_SIZE === 0 ? undefined : personIds[i - (i % TEAM_SIZE)],
      roles: i === 0 ? ['pg-admin'] : i === TEAM_SIZE ? ['smt'] : [],
      status: 'active',
      reachable: true,
      createdAt: clock,
      updatedAt: clock,
    });
  seconds.people = await insertAll(db.collection('people'), options.staff, (i) => toStored(person(i)), options);
  log(`people: ${options.staff} in ${round(seconds.people, 1)} s`);

  const reference = (i: number): ConversationReferenceRecord =>
    checked(conversationReferenceRecordSchema, i, {
      id: `bench-ref-${i}`,
      organisationId: BENCH_TENANT,
      key: teamsUserId(i),
      scope: 'personal',
      personId: personIds[i]!,
      entraObjectId: entraObjectId(i),
      conversationId: conversationIdOf(i),
      serviceUrl: options.serviceUrl,
      reference: {
        activityId: `install-${i}`,
        user: { id: teamsUserId(i), aadObjectId: entraObjectId(i), name: `Staff Member ${i}` },
        bot: { id: '28:bench-bot', name: 'Professional Growth' },
        conversation: { id: conversationIdOf(i), conversationType: 'personal', tenantId: BENCH_TENANT, isGroup: false },
        channelId: 'msteams',
        locale: 'en-GB',
        serviceUrl: options.serviceUrl,
      },
      installedAt: clock,
      updatedAt: clock,
    });
  seconds.conversationReferences = await insertAll(db.collection('conversationReferences'), options.staff, (i) => toStored(reference(i)), options);
  log(`conversation references: ${options.staff} in ${round(seconds.conversationReferences, 1)} s`);

  const slots = pack.policy.rocks.slots;
  // A check-in names the rocks of the window it fell in; only the current window's are seeded.
  const rockId = (i: number, slot: number, windowId = window.id) => `${personIds[i]}:${windowId}:${slots[slot]!.id}`;
  const windowOf = (date: string) => pack.policy.rocks.windows.find((w) => w.startsOn <= date && date <= w.endsOn)?.id ?? window.id;
  const rockTitle = (i: number, slot: number) => `${slots[slot]!.theme}: raise Year ${7 + ((i + slot) % 6)} reading ages by a term`;
  const rock = (n: number): Rock => {
    const i = Math.floor(n / slots.length);
    const slot = n % slots.length;
    const agreedAt = new Date(`${window.setBy}T15:00:00Z`);
    return checked(rockSchema, n, {
      id: rockId(i, slot),
      organisationId: BENCH_TENANT,
      personId: personIds[i]!,
      cycleId,
      slotId: slots[slot]!.id,
      rockWindowId: window.id,
      title: rockTitle(i, slot),
      description: 'Weekly guided reading with the lowest-attaining third, tracked with the termly reading test.',
      alignment: ['2b'],
      successCriteria: [1, 2, 3].map((c) => ({ id: `${rockId(i, slot)}:sc${c}`, text: `Success criterion ${c}: a measurable step towards the rock`, done: c === 1 })),
      status: 'agreed',
      reviewerNote: 'Agreed: a good, narrow focus.',
      history: [
        { at: agreedAt, byPersonId: personIds[i]!, action: 'created', status: 'draft' },
        { at: agreedAt, byPersonId: personIds[i]!, action: 'proposed', status: 'proposed' },
        { at: agreedAt, byPersonId: personIds[i - (i % TEAM_SIZE)]!, action: 'agreed', status: 'agreed' },
      ],
      version: 3,
      createdAt: agreedAt,
      updatedAt: agreedAt,
    });
  };
  const rocks = options.staff * slots.length;
  seconds.rocks = await insertAll(db.collection('rocks'), rocks, (n) => toStored(rock(n)), options);
  log(`rocks: ${rocks} (${slots.length} each, window ${window.id}) in ${round(seconds.rocks, 1)} s`);

  const events = (await ctx.repos.scheduleEvents.list({ organisationId: BENCH_TENANT }, cycleId))
    .filter((e) => (CHECK_IN_KINDS as readonly string[]).includes(e.kind) && windowInstants(e, timezone).opensAt <= clock)
    .sort((a, b) => a.date.localeCompare(b.date));
  const openEvent = events.find((e) => windowInstants(e, timezone).closesAt > clock);
  await markProgressed(db, events, timezone, clock);

  // Which (event, person) pairs have a check-in: e * staff + i.
  const pairs: number[] = [];
  // Some who have not yet answered the open check-in, each with a reviewer of their own, to submit after a start.
  const notYetSubmitted: number[] = [];
  const spareTeams = new Set<number>();
  events.forEach((event, e) => {
    const share = event === openEvent ? options.submittedSoFar : event.kind === 'check-in' ? options.submitted : options.submitted / 3;
    for (let i = 0; i < options.staff; i++) {
      if (fraction(i, e) < share) pairs.push(e * options.staff + i);
      else if (event === openEvent && reviewerIndexOf(i) !== undefined && !spareTeams.has(reviewerIndexOf(i)!) && notYetSubmitted.length < options.spare) {
        spareTeams.add(reviewerIndexOf(i)!);
        notYetSubmitted.push(i);
      }
    }
  });
  const checkIn = (n: number): CheckIn => {
    const pair = pairs[n]!;
    const e = Math.floor(pair / options.staff);
    const i = pair % options.staff;
    const event = events[e]!;
    const rockOf = (slot: number) => ({ rockId: rockId(i, slot, windowOf(event.date)), rockTitle: rockTitle(i, slot) });
    return checked(checkInSchema, n, yearCheckIn({ event, i, personIds, cycleId, timezone, clock, rockOf, slotCount: slots.length }));
  };
  // Stored as CheckInRepository leaves a check-in whose reviewer notification and audit entry are done.
  const sideEffectsDone = { sideEffects: 'done', sideEffectsFor: 'submitted' };
  seconds.checkIns = await insertAll(db.collection('checkIns'), pairs.length, (n) => ({ ...toStored(checkIn(n)), ...sideEffectsDone }), options);
  log(`check-ins: ${pairs.length} over ${events.length} events in ${round(seconds.checkIns, 1)} s (${Math.round(pairs.length / seconds.checkIns)}/s)`);
  if (options.indexes === 'after') {
    const indexStarted = performance.now();
    await ensureIndexes(db);
    seconds.indexes = (performance.now() - indexStarted) / 1000;
    log(`indexes built in ${round(seconds.indexes, 1)} s`);
  }
  seconds.total = (performance.now() - started) / 1000;
  return {
    personIds,
    people: options.staff,
    rocks,
    checkIns: pairs.length,
    conversationReferences: options.staff,
    checkInEvents: events.map((e) => e.key),
    openEvent: openEvent && { key: openEvent.key, id: openEvent.id, notYetSubmitted },
    rockWindow: window.id,
    seconds,
  };
}

/** The events a server running all year would have prompted (and, once closed, digested). */
async function markProgressed(db: Db, events: ScheduleEvent[], timezone: string, clock: Date): Promise<void> {
  for (const event of events) {
    const { opensAt, closesAt } = windowInstants(event, timezone);
    const changes: Partial<ScheduleEvent> = { promptsQueuedAt: new Date(opensAt.getTime() - 3_600_000) };
    if (closesAt <= clock) changes.digestQueuedAt = new Date(closesAt.getTime() + 60_000);
    await db.collection('scheduleEvents').updateOne({ organisationId: BENCH_TENANT, _id: event.id as never }, { $set: changes, $inc: { version: 1 } });
  }
}

interface CheckInFacts {
  event: ScheduleEvent;
  i: number;
  personIds: string[];
  cycleId: string;
  timezone: string;
  clock: Date;
  rockOf: (slot: number) => { rockId: string; rockTitle: string };
  slotCount: number;
}

/** One person's check-in for one event: answered in the window (a few late), mostly acknowledged once closed. */
function yearCheckIn({ event, i, personIds, cycleId, timezone, clock, rockOf, slotCount }: CheckInFacts): CheckIn {
  const { opensAt, closesAt } = windowInstants(event, timezone);
  const n = event.number ?? 0;
  const late = fraction(i, 1_000 + n) < 0.08 && closesAt < clock;
  const span = closesAt.getTime() - opensAt.getTime();
  const submittedAt = new Date(late ? closesAt.getTime() + 3_600_000 * (1 + (i % 48)) : opensAt.getTime() + fraction(i, 2_000 + n) * span * 0.95);
  const closed = closesAt < clock;
  const reviewerId = i % TEAM_SIZE === 0 ? undefined : personIds[i - (i % TEAM_SIZE)];
  const acknowledged = closed && reviewerId !== undefined && fraction(i, 3_000 + n) < 0.85;
  const responded = acknowledged && fraction(i, 4_000 + n) < 0.3;
  const reviewedAt = new Date(closesAt.getTime() + 86_400_000);
  const personId = personIds[i]!;
  return {
    id: checkInIdFor(BENCH_TENANT, event.id, personId),
    organisationId: BENCH_TENANT,
    personId,
    cycleId,
    eventId: event.id,
    answers: {
      www: `Check-in ${n}: the Year 9 trip went smoothly and the new seating plan settled the class.`,
      ebi: 'Even better if the homework club had started a week earlier; two students fell behind.',
      whatsNext: 'Moderate the coursework samples with the department before half term.',
      rockProgress: Array.from({ length: slotCount }, (_, slot) => ({
        ...rockOf(slot),
        progress: `On track: ${slot + 2} of the group moved up a reading band since the last check-in.`,
      })),
      score: 1 + ((i + n) % 10),
    },
    praise: [],
    praiseMessage: '',
    submittedAt,
    timeliness: late ? 'late' : 'on-time',
    reviewerId,
    acknowledgement: acknowledged ? { byPersonId: reviewerId!, at: reviewedAt } : undefined,
    reviewerResponse: responded ? { byPersonId: reviewerId!, at: reviewedAt, text: 'Thank you: good to see the reading band moves.', anchor: 'general' } : undefined,
    card: { conversationId: conversationIdOf(i), activityId: `prompt-${n}-${i}` },
    reviewerCard: reviewerId ? { conversationId: conversationIdOf(i - (i % TEAM_SIZE)), activityId: `review-${n}-${i}` } : undefined,
    createdAt: submittedAt,
    updatedAt: acknowledged ? reviewedAt : submittedAt,
  };
}

function isoDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}
