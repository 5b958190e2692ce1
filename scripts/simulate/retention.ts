// npm run simulate -- --retention
//
// The six-year rule, end to end on the real runtime (scheduler on) and a moved clock: a trust on
// the TSFE 2025-26 policy (seed 000 §3: six years from the cycle's end) has a finished cycle
// (2019-20) and the current one, staff who check in now through the bot, a leaver whose HR file
// gives their leaving date (2020-12-31) and a person a PG admin puts on legal hold through
// /api/v1. The clock then moves past six years after the old cycle's end and the leaver's date;
// the runtime's own scheduled run purges. Then every personal record is counted straight from the
// database (the personal-data map's collections) against the policy. Last stdout line:
// {purged, kept, held, remainingPersonalRecordsPastRetention}; exit 1 unless remaining is 0 and
// the purge's audited counts reconcile with what left the database.
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { personalCollections, RETENTION_PURGE_ACTION } from '../../bot/data/personalData';
import type { Database } from '../../bot/data/database';
import type { Runtime } from '../../bot/runtime';
import { importDirectory, parseDirectoryFile } from '../../bot/usecases/directory';
import { ensureOrganisation, eventIdFor } from '../../bot/usecases/organisations';
import { apiPaths, DEV_IDENTITY_HEADER } from '../../shared/api';
import type { Cycle, Person } from '../../shared/domain';
import { VERBS } from '../../shared/verbs';
import { log, Poster, startHarness, type SimPerson } from './common';

const TENANT = 'sim-retention-0000-0000-000000000001';
/** Check in 6 of TSFE 2025-26 is open (27 Feb 2026 08:00 London to 5 Mar 23:59). */
const START = new Date('2026-02-27T12:00:00Z');
const OLD_AT = new Date('2020-02-14T10:00:00Z');
const LEFT_ON = '2020-12-31';
/** Past six years after 2019-20 ended (22 Jul 2020) and after the leaver left (31 Dec 2020). */
const LATER = new Date('2027-01-04T09:00:00Z');
const STAFF = 12;

function staff(): SimPerson[] {
  return Array.from({ length: STAFF }, (_, i) => ({
    index: i,
    name: `Retention Staff ${String(i).padStart(2, '0')}`,
    email: `ret${i}@trust.example`,
    oid: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`,
    teamsUserId: `29:ret-${i}`,
    reviewerIndex: i === 0 ? undefined : 0,
  }));
}

/** Person 0 reviews and administers; the last one left on LEFT_ON (the HR file's leaving date). */
function csv(people: SimPerson[]): string {
  const rows = people.map((p) => [p.name, p.email, p.oid, 'School 1', p.index === 0 ? 'leader' : 'teacher', p.index === 0 ? '' : people[0]!.email, p.index === 0 ? 'pg-admin' : '', p.index === STAFF - 1 ? LEFT_ON : ''].join(','));
  return ['name,email,entraObjectId,school,role,reviewer,roles,leaving date', ...rows].join('\n');
}

/** The finished cycle's records, as the app stored them at the time (its calendar is long gone). */
type Doc = { _id: string } & Record<string, unknown>;

async function seedOldCycle(database: Database, people: Person[]): Promise<Cycle> {
  const db = { collection: (name: string) => database.collection<Doc>(name) };
  const cycle: Cycle = { id: randomUUID(), organisationId: TENANT, key: '2019-20', label: '2019-20', startsOn: '2019-09-01', endsOn: '2020-07-22', policyId: 'tsfe-2019-20', current: false };
  await db.collection('cycles').insertOne({ ...withoutId(cycle), _id: cycle.id });
  for (const [i, person] of people.entries()) {
    const eventId = eventIdFor(TENANT, '2019-20', 'check-in-6');
    const base = { organisationId: TENANT, personId: person.id, cycleId: cycle.id };
    await db.collection('checkIns').insertOne({ _id: randomUUID(), ...base, eventId, answers: { www: `Old reflection ${i}`, ebi: 'More marking time', score: 7 }, submittedAt: OLD_AT, timeliness: 'on-time', createdAt: OLD_AT, updatedAt: OLD_AT });
    await db.collection('rocks').insertOne({ _id: randomUUID(), ...base, slotId: 'trust', rockWindowId: 'spring', title: `Old rock ${i}`, successCriteria: [], status: 'agreed', version: 1, createdAt: OLD_AT, updatedAt: OLD_AT });
    const to = people[(i + 1) % people.length]!;
    await db.collection('praise').insertOne({ _id: randomUUID(), organisationId: TENANT, fromPersonId: person.id, toPersonId: to.id, message: `Thanks ${to.displayName}`, createdAt: OLD_AT });
    await db.collection('auditLog').insertOne({ _id: randomUUID(), organisationId: TENANT, at: OLD_AT, actor: { kind: 'person', personId: person.id }, action: 'checkIn.submitted', subject: { kind: 'check-in', id: randomUUID() }, details: {} });
  }
  return cycle;
}

function withoutId<T extends { id: string }>(value: T): Omit<T, 'id'> {
  const { id: _id, ...rest } = value;
  return rest;
}

interface Past {
  expired: Set<string>;
  cutOff: Date;
  leavers: Set<string>;
  held: Set<string>;
}

/** The policy's rule applied by hand: what of this organisation is older than it allows. */
async function pastRetention(runtime: Runtime): Promise<Past> {
  const organisation = (await runtime.repos.organisations.get(TENANT))!;
  const { years } = organisation.policy.retention;
  const zone = organisation.policy.timezone;
  const now = DateTime.fromJSDate(runtime.ctx.now(), { zone });
  const cycles = await runtime.db.collection('cycles').find({ organisationId: TENANT }).toArray();
  const expired = new Set(cycles.filter((c) => DateTime.fromISO(String(c.endsOn), { zone }).plus({ days: 1, years }) <= now).map((c) => String(c._id)));
  const people = await runtime.db.collection('people').find({ organisationId: TENANT }).toArray();
  const leavers = new Set(people.filter((p) => typeof p.leftOn === 'string' && DateTime.fromISO(p.leftOn, { zone }).plus({ days: 1, years }) <= now).map((p) => String(p._id)));
  const held = new Set((await runtime.db.collection('legalHolds').find({ organisationId: TENANT }).toArray()).map((h) => String(h.personId)));
  return { expired, cutOff: now.minus({ years }).startOf('day').toJSDate(), leavers, held };
}

/** Counts, straight from the database: records past retention (not held), records kept past it by a hold, and everything personal. */
async function census(runtime: Runtime): Promise<{ remaining: number; held: number; total: number }> {
  const past = await pastRetention(runtime);
  let remaining = 0;
  let held = 0;
  let total = 0;
  for (const entry of personalCollections) {
    const collection = runtime.db.collection(entry.collection);
    for (const doc of await collection.find({ organisationId: TENANT }).toArray()) {
      total += 1;
      const subjects = entry.subjectFields.flatMap((field) => valuesAt(doc, field.split('.'))).map(String);
      const aboutLeaver = subjects.some((id) => past.leavers.has(id));
      // The purge keeps, too, the audit entries of what a held person did (the map: actor.personId).
      const holders = entry.collection === 'auditLog' ? [...subjects, ...valuesAt(doc, ['actor', 'personId']).map(String)] : subjects;
      const isHeld = holders.some((id) => past.held.has(id));
      const inExpiredCycle = entry.cycleField !== undefined && past.expired.has(String(doc[entry.cycleField]));
      const ownPurgeEntry = entry.collection === 'auditLog' && doc.action === RETENTION_PURGE_ACTION;
      const tooOld = !entry.cycleField && !entry.whileActive && !ownPurgeEntry && doc[entry.dateField] instanceof Date && (doc[entry.dateField] as Date) < past.cutOff;
      if (!(aboutLeaver || inExpiredCycle || tooOld)) continue;
      if (isHeld) held += 1;
      else {
        remaining += 1;
        if (process.env.SIM_RETENTION_DEBUG) log(`past retention: ${entry.collection} ${JSON.stringify(doc).slice(0, 300)}`);
      }
    }
  }
  return { remaining, held, total };
}

function valuesAt(value: unknown, path: string[]): unknown[] {
  if (Array.isArray(value)) return value.flatMap((item) => valuesAt(item, path));
  if (path.length === 0) return value === undefined || value === null ? [] : [value];
  if (value === null || typeof value !== 'object') return [];
  const [key = '', ...rest] = path;
  return valuesAt((value as Record<string, unknown>)[key], rest);
}

async function checkInNow(runtime: Runtime, poster: Poster, people: SimPerson[]): Promise<number> {
  for (const p of people) await poster.post(p, { type: 'installationUpdate', action: 'add' });
  const eventId = eventIdFor(TENANT, '2025-26', 'check-in-6');
  for (const p of people) await poster.invoke(p, VERBS.submitCheckIn, { eventId, www: `This fortnight ${p.index}: a good lesson`, ebi: 'More time for marking', score: '8' });
  return runtime.db.collection('checkIns').countDocuments({ organisationId: TENANT, eventId });
}

async function putHold(runtime: Runtime, admin: SimPerson, person: Person): Promise<void> {
  const res = await fetch(`${runtime.url}${apiPaths.legalHold(person.id)}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', [DEV_IDENTITY_HEADER]: `${admin.oid}@${TENANT}` },
    body: JSON.stringify({ reason: 'Employment tribunal claim pending' }),
  });
  if (res.status !== 201) throw new Error(`the legal hold was not put: ${res.status} ${await res.text()}`);
}

/** The check-ins' notifications sent (their jobs and decisions written) before anything is counted. */
async function settleOutbox(runtime: Runtime): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && (await runtime.repos.outboxJobs.dueJobs({ organisationId: TENANT }, runtime.ctx.now(), 1)).length > 0) await new Promise((r) => setTimeout(r, 250));
  await new Promise((r) => setTimeout(r, 1500));
}

/** The runtime's scheduler runs the purge once the clock reaches a new day; wait for its entries to settle. */
async function waitForPurge(runtime: Runtime): Promise<void> {
  const deadline = Date.now() + 120_000;
  const day = LATER.toISOString().slice(0, 10);
  let last = -1;
  while (Date.now() < deadline) {
    const claimed = await runtime.db.collection('decisions').countDocuments({ organisationId: TENANT, kind: 'retention-run', subject: day });
    const { remaining } = await census(runtime);
    if (claimed > 0 && remaining === 0) return;
    if (claimed > 0 && remaining === last) log(`waiting for the scheduled purge: ${remaining} records past retention`);
    last = remaining;
    await new Promise((r) => setTimeout(r, 1000));
  }
  log('the scheduled purge did not finish in two minutes');
}

export async function main(): Promise<void> {
  const harness = await startHarness({ start: START, env: { AUTH_MODE: 'dev' } });
  const { runtime, connector, clock } = harness;
  const poster = new Poster(runtime.url!, connector, TENANT);
  try {
    await ensureOrganisation(runtime.ctx, { organisationId: TENANT, policyId: 'tsfe-2025-26', adminObjectIds: [] });
    const people = staff();
    await importDirectory(runtime.ctx, TENANT, parseDirectoryFile(csv(people), 'csv'));
    const stored = await Promise.all(people.map(async (p) => (await runtime.repos.people.findByEntraObjectId({ organisationId: TENANT }, p.oid))!));
    const leaver = stored[STAFF - 1]!;
    if (leaver.leftOn !== LEFT_ON || leaver.status !== 'excluded') throw new Error(`the HR file's leaving date was not read: ${JSON.stringify({ leftOn: leaver.leftOn, status: leaver.status })}`);
    await seedOldCycle(runtime.db, stored);
    const current = await checkInNow(runtime, poster, people.slice(0, STAFF - 1));
    const held = stored[3]!;
    await putHold(runtime, people[0]!, held);
    log(`seeded: 2019-20 finished with ${STAFF} people's records, ${current} check-ins in 2025-26, ${leaver.displayName} left ${LEFT_ON}, ${held.displayName} on legal hold`);

    await settleOutbox(runtime);
    const before = await census(runtime);
    const personalBefore = before.total;
    clock.now = LATER;
    log(`clock moved to ${LATER.toISOString()}: the scheduler's next tick runs retention`);
    await waitForPurge(runtime);

    const after = await census(runtime);
    const entries = await runtime.db.collection('auditLog').find({ organisationId: TENANT, action: RETENTION_PURGE_ACTION }).toArray();
    const claims = await runtime.db.collection('decisions').countDocuments({ organisationId: TENANT, kind: 'retention-run', at: { $gte: LATER } });
    const purged = entries.reduce((n, e) => n + Number((e.details as { total?: number }).total ?? 0), 0);
    const measured = personalBefore - after.total + entries.length + claims;
    const stillThere = {
      currentCheckIns: await runtime.db.collection('checkIns').countDocuments({ organisationId: TENANT, eventId: eventIdFor(TENANT, '2025-26', 'check-in-6') }),
      heldOldCheckIns: await runtime.db.collection('checkIns').countDocuments({ organisationId: TENANT, personId: held.id, submittedAt: OLD_AT }),
      leaver: await runtime.db.collection<Doc>('people').countDocuments({ organisationId: TENANT, _id: leaver.id }),
    };
    log(`purges audited: ${entries.map((e) => `${String((e.subject as { kind: string }).kind)} ${String((e.details as { total: number }).total)}`).join(', ')}; left the database: ${measured}; kept ${JSON.stringify(stillThere)}`);
    const result = { purged, kept: after.total, held: after.held, remainingPersonalRecordsPastRetention: after.remaining };
    const reconciles = after.remaining === 0 && purged === measured && purged > 0 && stillThere.currentCheckIns === current && stillThere.heldOldCheckIns === 1 && stillThere.leaver === 0 && poster.errors === 0;
    if (!reconciles) log(`does not reconcile: ${JSON.stringify({ purged, measured, ...stillThere, errors: poster.errors })}`);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exitCode = reconciles ? 0 : 1;
  } finally {
    await harness.stop();
  }
}
