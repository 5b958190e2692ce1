// Issue 16, the six-year rule (policy retention.years, counted as retention.from says): records
// of a cycle go `years` after the cycle ends (seed 000 §3), or stay on the person's file until they
// leave (seed 002 §14.3); a leaver's whole record goes `years` after their leaving date; records
// without a cycle go `years` after their date. A legal hold (legalHold.ts) keeps everything about
// its person. The walk over collections is the personal-data map's (bot/data/personalData.ts).
//
// Restart-safe: every purge is a set of idempotent deletes. Its audit entry (counts only, no name,
// no text; its id derived from what is purged) is written first, so a purge cut short by a crash is
// finished by the next run under the same entry; a leaver's person document goes last, so a
// leaver cut short is found again. The runtime runs it daily, one worker per organisation and day.
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Cycle, Organisation, Person, RetentionFrom } from '../../shared/domain';
import { RETENTION_PURGE_ACTION, type PersonalCounts } from '../data/personalData';
import { hasLeft, type Actor } from './access';
import type { UseCaseContext } from './context';
import { heldPersonIds, requireRetentionAdmin } from './legalHold';
import { everyoneIn } from './people';

export type RetentionPurgeKind = 'cycle' | 'leaver' | 'undated';

/** One purge: a cycle's records, a leaver's whole record, or the records without a cycle older than the cut-off. */
export interface RetentionPurge {
  kind: RetentionPurgeKind;
  /** The cycle id; for a leaver an opaque reference (never their id); for undated records the cut-off day. */
  ref: string;
  /** For the PG admin's report: the cycle's label, the leaver's name, "Records without a cycle". */
  label: string;
  /** The first day the records may go (the day after the cycle's end or the leaving date, plus the years). */
  dueOn: string;
  counts: PersonalCounts;
  total: number;
}

export interface RetentionPlan {
  asOf: Date;
  years: number;
  from: RetentionFrom;
  /** What a run now destroys (dry run: counted, nothing deleted). */
  due: RetentionPurge[];
  /** The next purges coming, soonest first, with what they would destroy today. */
  upcoming: RetentionPurge[];
  /** People on legal hold: nothing about them goes. */
  held: Array<{ personId: string; displayName: string; reason: string; heldAt: Date; heldBy: string }>;
  /** Records of due cycles and undated records past their date that a hold keeps, by collection (a held leaver's whole record is kept too). */
  keptByHold: PersonalCounts;
}

/** Upcoming leavers whose records are counted in the report (the rest are listed with their date only). */
const COUNTED_UPCOMING_LEAVERS = 20;

// An erased person's placeholder (the people document erasure leaves: statusReason 'erased') is
// never a leaver here and no purge takes it, on purpose. The policy limits how long personal records
// are kept, and the placeholder holds none: a random id, "A former colleague", an @erased.invalid
// address, no Entra id, roles, dates or history (its records went with the erasure). It is kept because
// it is still referred to: colleagues' directory entries (reviewerId, coachId, reviewer history) and
// the erasure's own audit entry keep its id and resolve it to "A former colleague"; and it is what
// makes a later legal hold or second erasure a clear 409 "were erased" (legalHold.ts) rather than a
// 404 for someone who visibly existed. A directory sync cannot bring the person back under it (the
// Entra id is gone, so they would be a new person with no records).

/** The day a leaver left: leftOn, else the date in their "left: … YYYY-MM-DD" reason, else the organisation's day of their last update. */
export function leavingDateOf(person: Person, zone: string): string | null {
  if (!hasLeft(person)) return null;
  if (person.leftOn) return person.leftOn;
  const inReason = /\b(\d{4}-\d{2}-\d{2})\b/.exec(person.statusReason ?? '');
  return inReason?.[1] ?? DateTime.fromJSDate(person.updatedAt, { zone }).toISODate()!;
}

/** The first day records dated `day` may go: the day after it, `years` later. */
function dueOnAfter(day: string, years: number, zone: string): DateTime {
  return DateTime.fromISO(day, { zone }).startOf('day').plus({ days: 1, years });
}

/** A leaver's reference in the audit trail: stable (so a retried purge is one entry), not their id. */
export function leaverRef(organisationId: string, personId: string): string {
  return `leaver-${createHash('sha256').update(`${organisationId}\u001fretention\u001f${personId}`).digest('hex').slice(0, 24)}`;
}

function total(counts: PersonalCounts): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

function addCounts(into: PersonalCounts, counts: PersonalCounts): void {
  for (const [collection, n] of Object.entries(counts)) into[collection] = (into[collection] ?? 0) + n;
}

interface Facts {
  organisation: Organisation;
  now: DateTime;
  years: number;
  from: RetentionFrom;
  cycles: Cycle[];
  people: Person[];
  heldIds: string[];
  /**
   * Whose records no cycle or date purge touches: the held, under 'leaving' everyone not yet due,
   * and the leavers due now (their own purge takes everything about them, so nothing is counted twice).
   */
  keepIds: string[];
  /** keepIds were nobody held. */
  keepIdsWithoutHolds: string[];
  /** Leavers past retention (not held), with their leaving date. */
  dueLeavers: Array<{ person: Person; leftOn: string; dueOn: DateTime }>;
  upcomingLeavers: Array<{ person: Person; leftOn: string; dueOn: DateTime }>;
}

async function factsOf(ctx: UseCaseContext, organisation: Organisation, now: Date): Promise<Facts> {
  const zone = organisation.policy.timezone;
  const { years, from } = organisation.policy.retention;
  const at = DateTime.fromJSDate(now, { zone });
  const [cycles, people, holds] = await Promise.all([ctx.repos.cycles.list({ organisationId: organisation.id }), everyoneIn(ctx, organisation.id), ctx.repos.legalHolds.list({ organisationId: organisation.id })]);
  const heldIds = holds.map((hold) => hold.personId);
  const held = new Set(heldIds);
  const leavers = people.flatMap((person) => {
    const leftOn = leavingDateOf(person, zone);
    return leftOn && !held.has(person.id) ? [{ person, leftOn, dueOn: dueOnAfter(leftOn, years, zone) }] : [];
  });
  const dueLeavers = leavers.filter((leaver) => leaver.dueOn <= at);
  const dueIds = new Set(dueLeavers.map((leaver) => leaver.person.id));
  // 'leaving': a record stays on the person's file while they are here, whatever its cycle.
  // Who would be on file were nobody held: everyone but the leavers past their date.
  const pastDate = new Set(people.filter((p) => { const left = leavingDateOf(p, zone); return left !== null && dueOnAfter(left, years, zone) <= at; }).map((p) => p.id));
  const onFile = from === 'leaving' ? people.filter((p) => !pastDate.has(p.id)).map((p) => p.id) : [];
  const upcomingLeavers = leavers.filter((leaver) => leaver.dueOn > at).sort((a, b) => a.dueOn.toMillis() - b.dueOn.toMillis());
  return { organisation, now: at, years, from, cycles, people, heldIds, keepIds: [...new Set([...onFile, ...heldIds, ...dueIds])], keepIdsWithoutHolds: [...new Set([...onFile, ...dueIds])], dueLeavers, upcomingLeavers };
}

function cyclePurge(cycle: Cycle, dueOn: DateTime, counts: PersonalCounts): RetentionPurge {
  return { kind: 'cycle', ref: cycle.id, label: cycle.label, dueOn: dueOn.toISODate()!, counts, total: total(counts) };
}

/** What retention destroys now and next, counted without deleting anything. */
export async function retentionPlan(ctx: UseCaseContext, organisation: Organisation, now: Date): Promise<RetentionPlan> {
  return planOf(ctx, await factsOf(ctx, organisation, now));
}

/** The plan; `dueOnly` (the nightly run) counts only what goes now, not what comes next or what the holds keep. */
async function planOf(ctx: UseCaseContext, facts: Facts, options: { dueOnly?: boolean } = {}): Promise<RetentionPlan> {
  const { organisation } = facts;
  const now = facts.now.toJSDate();
  const scope = { organisationId: organisation.id };
  const zone = organisation.policy.timezone;
  const due: RetentionPurge[] = [];
  const upcoming: RetentionPurge[] = [];
  // Leavers first: the run does them first, and the cycle and date purges leave their records to them.
  for (const leaver of facts.dueLeavers) {
    const counts = await ctx.repos.personalData.purgePerson(scope, leaver.person.id, { dryRun: true });
    due.push({ kind: 'leaver', ref: leaverRef(organisation.id, leaver.person.id), label: `${leaver.person.displayName} (left ${leaver.leftOn})`, dueOn: leaver.dueOn.toISODate()!, counts, total: total(counts) });
  }
  for (const cycle of [...facts.cycles].sort((a, b) => a.endsOn.localeCompare(b.endsOn))) {
    const dueOn = dueOnAfter(cycle.endsOn, facts.years, zone);
    if (options.dueOnly && dueOn > facts.now) continue;
    const counts = await ctx.repos.personalData.purge(scope, { cycleIds: [cycle.id], keepPersonIds: facts.keepIds, dryRun: true });
    (dueOn <= facts.now ? due : upcoming).push(cyclePurge(cycle, dueOn, counts));
  }
  const before = facts.now.minus({ years: facts.years }).startOf('day');
  const undated = await ctx.repos.personalData.purge(scope, { cycleIds: [], before: before.toJSDate(), keepPersonIds: facts.keepIds, dryRun: true });
  due.push({ kind: 'undated', ref: `before-${before.toISODate()}`, label: `Records without a cycle dated before ${before.toISODate()}`, dueOn: facts.now.toISODate()!, counts: undated, total: total(undated) });
  for (const [index, leaver] of (options.dueOnly ? [] : facts.upcomingLeavers).entries()) {
    const counts = index < COUNTED_UPCOMING_LEAVERS ? await ctx.repos.personalData.purgePerson(scope, leaver.person.id, { dryRun: true }) : {};
    upcoming.push({ kind: 'leaver', ref: leaverRef(organisation.id, leaver.person.id), label: `${leaver.person.displayName} (left ${leaver.leftOn})`, dueOn: leaver.dueOn.toISODate()!, counts, total: total(counts) });
  }
  upcoming.sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  return { asOf: now, years: facts.years, from: facts.from, due, upcoming, held: await heldOf(ctx, facts), keptByHold: options.dueOnly ? {} : await keptByHold(ctx, facts, due) };
}

async function heldOf(ctx: UseCaseContext, facts: Facts): Promise<RetentionPlan['held']> {
  const holds = await ctx.repos.legalHolds.list({ organisationId: facts.organisation.id });
  const names = new Map(facts.people.map((p) => [p.id, p.displayName]));
  return holds.map((hold) => ({ personId: hold.personId, displayName: names.get(hold.personId) ?? 'Someone no longer in the directory', reason: hold.reason, heldAt: hold.heldAt, heldBy: names.get(hold.heldByPersonId) ?? 'A former administrator' }));
}

/** What the due purges would also destroy were nobody held: the difference is what the holds keep. */
async function keptByHold(ctx: UseCaseContext, facts: Facts, due: RetentionPurge[]): Promise<PersonalCounts> {
  if (facts.heldIds.length === 0) return {};
  const scope = { organisationId: facts.organisation.id };
  const cycleIds = due.filter((purge) => purge.kind !== 'leaver' && purge.kind !== 'undated').map((purge) => purge.ref);
  const before = facts.now.minus({ years: facts.years }).startOf('day').toJSDate();
  const without = await ctx.repos.personalData.purge(scope, { cycleIds, before, keepPersonIds: facts.keepIdsWithoutHolds, dryRun: true });
  const withHolds: PersonalCounts = {};
  for (const purge of due.filter((p) => p.kind !== 'leaver')) addCounts(withHolds, purge.counts);
  const kept: PersonalCounts = {};
  for (const [collection, n] of Object.entries(without)) if (n - (withHolds[collection] ?? 0) > 0) kept[collection] = n - (withHolds[collection] ?? 0);
  return kept;
}

/** The PG admin's report: the plan as of `asOf`, and the people of the directory (for the hold control). */
export async function retentionReportFor(ctx: UseCaseContext, actor: Actor, asOf: Date): Promise<{ plan: RetentionPlan; people: Person[] }> {
  requireRetentionAdmin(actor);
  const [plan, people] = await Promise.all([retentionPlan(ctx, actor.organisation, asOf), everyoneIn(ctx, actor.organisation.id)]);
  return { plan, people: people.filter((p) => p.statusReason !== 'erased') };
}

export interface RetentionRunResult {
  organisationId: string;
  /** The purges that destroyed something, with their counts. */
  purges: RetentionPurge[];
  purged: number;
  held: number;
}

/** Set by a test to stop a run part-way, as a crash would (after this many purges). */
export interface RetentionRunOptions {
  onPurged?: (purge: RetentionPurge) => Promise<void> | void;
}

/**
 * Destroys what is due now. Each purge: its audit entry (counts only) first, then the deletes; a
 * run cut short leaves the rest for the next one, which finishes under the same entry.
 */
export async function runRetention(ctx: UseCaseContext, organisation: Organisation, now: Date, options: RetentionRunOptions = {}): Promise<RetentionRunResult> {
  const facts = await factsOf(ctx, organisation, now);
  const plan = await planOf(ctx, facts, { dueOnly: true });
  const scope = { organisationId: organisation.id };
  const purges: RetentionPurge[] = [];
  for (const planned of plan.due.filter((p) => p.total > 0)) {
    const current = await purgeNow(ctx, facts, planned);
    if (!current || current.purge.total === 0) continue;
    const { purge, keepIds } = current;
    await ctx.repos.auditLog.append(scope, auditEntryOf(organisation, now, purge, keepIds));
    if (purge.kind === 'cycle') await ctx.repos.personalData.purge(scope, { cycleIds: [purge.ref], keepPersonIds: keepIds, dryRun: false });
    if (purge.kind === 'undated') await ctx.repos.personalData.purge(scope, { cycleIds: [], before: facts.now.minus({ years: facts.years }).startOf('day').toJSDate(), keepPersonIds: keepIds, dryRun: false });
    if (purge.kind === 'leaver') {
      const leaver = facts.dueLeavers.find((l) => leaverRef(organisation.id, l.person.id) === purge.ref);
      if (leaver) await ctx.repos.personalData.purgePerson(scope, leaver.person.id, { dryRun: false });
    }
    purges.push(purge);
    await options.onPurged?.(purge);
  }
  if (purges.length > 0) ctx.logger.info({ organisationId: organisation.id, purges: purges.length, records: purges.reduce((n, p) => n + p.total, 0) }, 'retention: records past the policy destroyed');
  return { organisationId: organisation.id, purges, purged: purges.reduce((n, p) => n + p.total, 0), held: plan.held.length };
}

/**
 * A planned purge as it stands now: a hold put since the run read the holds (the run takes a while)
 * keeps its person's records from this and every later purge of the run, re-counted so the audit
 * entry says what goes; a leaver held since is not purged at all.
 */
async function purgeNow(ctx: UseCaseContext, facts: Facts, planned: RetentionPurge): Promise<{ purge: RetentionPurge; keepIds: string[] } | null> {
  const added = (await heldPersonIds(ctx, facts.organisation.id)).filter((id) => !facts.heldIds.includes(id));
  if (added.length === 0) return { purge: planned, keepIds: facts.keepIds };
  const keepIds = [...new Set([...facts.keepIds, ...added])];
  if (planned.kind === 'leaver') return facts.dueLeavers.some((l) => added.includes(l.person.id) && leaverRef(facts.organisation.id, l.person.id) === planned.ref) ? null : { purge: planned, keepIds };
  const before = planned.kind === 'undated' ? { before: facts.now.minus({ years: facts.years }).startOf('day').toJSDate() } : {};
  const counts = await ctx.repos.personalData.purge({ organisationId: facts.organisation.id }, { cycleIds: planned.kind === 'cycle' ? [planned.ref] : [], ...before, keepPersonIds: keepIds, dryRun: true });
  return { purge: { ...planned, counts, total: total(counts) }, keepIds };
}

/** One entry per purge: what kind, how many records of each collection; no name, no text, no person id. */
function auditEntryOf(organisation: Organisation, now: Date, purge: RetentionPurge, keepIds: string[]) {
  const keep = createHash('sha256').update([...keepIds].sort().join(',')).digest('hex').slice(0, 16);
  const id = `audit:retention:${createHash('sha256').update([organisation.id, purge.kind, purge.ref, keep].join('\u001f')).digest('hex').slice(0, 40)}`;
  const subject = purge.kind === 'cycle' ? { kind: 'cycle', id: purge.ref } : { kind: purge.kind === 'leaver' ? 'retention-leaver' : 'retention-undated', id: purge.ref };
  return {
    id,
    organisationId: organisation.id,
    at: now,
    actor: { kind: 'system' as const },
    action: RETENTION_PURGE_ACTION,
    subject,
    details: { purge: purge.kind, dueOn: purge.dueOn, years: organisation.policy.retention.years, from: organisation.policy.retention.from, counts: purge.counts, total: purge.total },
  };
}

/** The runtime's daily run: in every organisation, the first worker to claim the day runs it. */
export async function scheduledRetention(ctx: UseCaseContext, workerId: string): Promise<RetentionRunResult[]> {
  const results: RetentionRunResult[] = [];
  const now = ctx.now();
  for (const organisation of await ctx.repos.organisations.list()) {
    const day = DateTime.fromJSDate(now, { zone: organisation.policy.timezone }).toISODate()!;
    if (!(await ctx.repos.decisions.take({ organisationId: organisation.id }, 'retention-run', day, workerId, now))) continue;
    try {
      results.push(await runRetention(ctx, organisation, now));
    } catch (err) {
      ctx.logger.error({ err, organisationId: organisation.id }, 'retention run failed; the next run finishes it');
    }
  }
  return results;
}
