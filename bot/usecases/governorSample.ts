// The governors' anonymised sample of reflections (seed 000 §3: "Governors may also request an
// anonymised sample of Professional Growth reflections"). A PG admin draws a sample of submitted
// end-of-year reflections, only from people who have not opted out; each text is anonymised
// (every directory name, email, @-mention, school and the organisation's name replaced); each item
// is released only when the person's reviewer AND a PG admin have approved it. The release holds
// only approved items; the rest are counted (waiting, withheld), never shown.
import { createHash, randomUUID } from 'node:crypto';
import type { GovernorSampleDto, GovernorSampleList, GovernorSampleRelease, SampleApprovalState } from '../../shared/api';
import type { GovernorSample, Organisation, Person, SampleApproval, YearReviewRecordOf } from '../../shared/domain';
import { audit, isPgAdmin, scopeOf, type Actor } from './access';
import type { UseCaseContext } from './context';
import { DomainError } from './errors';
import { auditReport, reportCycle, type ReportFormat } from './reports';
import { queueReviewMessage } from './yearReviewMessages';
import { everyoneIn } from './people';

type GovernorSampleItem = GovernorSample['items'][number];

export const COLLEAGUE = '[colleague]';
export const SCHOOL = '[school]';

// ── Anonymising ──────────────────────────────────────────────────────────────────────────────

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A whole word or phrase, case-insensitive: not part of a longer word (letters, digits). */
const wordPattern = (phrases: readonly string[]) =>
  phrases.length === 0 ? null : new RegExp(`(?<![\\p{L}\\p{N}])(?:${phrases.map((p) => escape(p).replace(/\s+/g, '\\s+')).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
const longestFirst = (items: Iterable<string>) => [...new Set([...items].map((s) => s.trim()).filter((s) => s.length >= 2))].sort((a, b) => b.length - a.length);

export interface Anonymiser {
  (text: string): string;
}

/**
 * Replaces, in this order: <at>…</at> mentions and emails; the organisation's and every school's
 * name (→ [school]); every directory display name, then each of its words (first names, surnames,
 * → [colleague]); any @word left (an @-mention of someone not in the directory) → [colleague].
 */
export function anonymiser(organisation: Pick<Organisation, 'name'>, people: ReadonlyArray<Pick<Person, 'displayName' | 'email' | 'school'>>): Anonymiser {
  const schools = wordPattern(longestFirst([organisation.name, ...people.map((p) => p.school)]));
  const fullNames = wordPattern(longestFirst(people.map((p) => p.displayName)));
  const nameWords = wordPattern(longestFirst(people.flatMap((p) => [...p.displayName.split(/[\s,]+/), p.email.split('@')[0]!, ...p.email.split('@')[0]!.split(/[._-]+/)])));
  return (text: string) => {
    let out = text.replace(/<at\b[^>]*>[\s\S]*?<\/at>/gi, COLLEAGUE);
    out = out.replace(/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu, COLLEAGUE);
    if (schools) out = out.replace(schools, SCHOOL);
    if (fullNames) out = out.replace(fullNames, COLLEAGUE);
    if (nameWords) out = out.replace(nameWords, COLLEAGUE);
    out = out.replace(/@[\p{L}\p{N}_'-]+(?:\.[\p{L}\p{N}_'-]+)*/gu, COLLEAGUE).replace(/@\s*\[colleague\]/g, COLLEAGUE);
    // "[colleague] [colleague]" (a first name and surname replaced one by one) reads as one.
    return out.replace(/\[colleague\](?:\s+\[colleague\])+/g, COLLEAGUE);
  };
}

/** The reflection's words: what went well, even better if, what next and each rock's progress. */
export function reflectionText(record: YearReviewRecordOf<'reflection'>): string {
  const parts = [
    ['What went well', record.www],
    ['Even better if', record.ebi],
    ['What next', record.whatNext],
    ...record.rocks.map((r, i) => [`Rock ${i + 1} progress`, r.progress] as const),
  ] as const;
  return parts.filter(([, text]) => text.trim() !== '').map(([label, text]) => `${label}: ${text.trim()}`).join('\n\n');
}

/** A deterministic shuffle: the order of sha256(sampleId + key). */
function shuffled<T>(items: readonly T[], sampleId: string, keyOf: (item: T) => string): T[] {
  const rank = (item: T) => createHash('sha256').update(`${sampleId}:${keyOf(item)}`).digest('hex');
  return [...items].map((item) => ({ item, r: rank(item) })).sort((a, b) => a.r.localeCompare(b.r)).map((x) => x.item);
}

function requirePgAdmin(actor: Actor, what: string): void {
  if (!isPgAdmin(actor.organisation, actor.person)) throw new DomainError('forbidden', `Only PG administrators can ${what}.`);
}

// ── Drawing a sample ─────────────────────────────────────────────────────────────────────────

export interface CreatedSample {
  sample: GovernorSample;
  eligible: number;
}

/**
 * Draws up to `size` (at most policy.reports.governorSampleSize) submitted end-of-year reflections
 * of the cycle, from people who have not opted out and whose review has a reviewer to approve it,
 * anonymises them and asks each reviewer to approve their items.
 */
export async function createGovernorSample(ctx: UseCaseContext, actor: Actor, request: { cycleId?: string; size?: number }): Promise<CreatedSample> {
  requirePgAdmin(actor, 'draw a sample for governors');
  const org = scopeOf(actor);
  const cycle = await reportCycle(ctx, actor, request.cycleId);
  const max = actor.organisation.policy.reports.governorSampleSize;
  const size = Math.min(request.size ?? max, max);
  const people = await everyoneIn(ctx, actor.organisation.id);
  const byId = new Map(people.map((p) => [p.id, p]));
  const reviews = new Map((await ctx.repos.yearReviews.listForCycle(org, cycle.id, 'end-of-year')).map((r) => [r.id, r]));
  const reflections = (await ctx.repos.yearReviews.listRecordsForCycle(org, cycle.id, 'reflection')).filter((r) => {
    const review = reviews.get(r.reviewId);
    const person = byId.get(r.personId);
    return r.submittedAt && review?.reviewerId && person && !person.reportsOptOut && reflectionText(r) !== '';
  });
  const id = randomUUID();
  const anonymise = anonymiser(actor.organisation, people);
  const items: GovernorSampleItem[] = shuffled(reflections, id, (r) => r.reviewId)
    .slice(0, size)
    .map((r, index) => ({ index, reviewId: r.reviewId, reviewerId: reviews.get(r.reviewId)!.reviewerId, text: anonymise(reflectionText(r)) }));
  const sample: GovernorSample = { id, organisationId: actor.organisation.id, cycleId: cycle.id, createdById: actor.person.id, createdAt: ctx.now(), items };
  await ctx.repos.talent.governorSamples.put(org, sample);
  for (const reviewerId of new Set(items.map((i) => i.reviewerId!))) {
    await queueReviewMessage(ctx, actor.organisation, reviewerId, { kind: 'governor-sample', sampleId: id, reason: 'approval-needed' });
  }
  await audit(ctx, actor, 'governor-sample.created', { kind: 'governor-sample', id }, { cycleId: cycle.id, items: items.length, eligible: reflections.length });
  return { sample, eligible: reflections.length };
}

// ── Approvals ────────────────────────────────────────────────────────────────────────────────

export interface ItemState {
  reviewer: SampleApprovalState;
  pgAdmin: SampleApprovalState;
  released: boolean;
  /** Who answered as the reviewer: the PG admin's approval must be someone else's. */
  reviewerBy?: string;
}

const stateOf = (approval: SampleApproval | undefined): SampleApprovalState => (!approval ? 'waiting' : approval.approved ? 'approved' : 'withheld');

export function itemStates(sample: GovernorSample, approvals: readonly SampleApproval[]): Map<number, ItemState> {
  const states = new Map<number, ItemState>();
  for (const item of sample.items) {
    const byReviewer = approvals.find((a) => a.index === item.index && a.role === 'reviewer');
    const reviewer = stateOf(byReviewer);
    const pgAdmin = stateOf(approvals.find((a) => a.index === item.index && a.role === 'pg-admin'));
    states.set(item.index, { reviewer, pgAdmin, released: reviewer === 'approved' && pgAdmin === 'approved', ...(byReviewer ? { reviewerBy: byReviewer.byPersonId } : {}) });
  }
  return states;
}

function progressOf(states: Map<number, ItemState>): GovernorSampleDto['progress'] {
  const all = [...states.values()];
  const withheld = all.filter((s) => s.reviewer === 'withheld' || s.pgAdmin === 'withheld').length;
  const released = all.filter((s) => s.released).length;
  return { total: all.length, released, withheld, waiting: all.length - released - withheld };
}

/**
 * As whom the actor may approve this item now: its reviewer first, then as a PG admin. Two people
 * decide: a PG admin who approved as the reviewer leaves the PG admin's approval to another.
 */
function approvalRole(actor: Actor, item: GovernorSampleItem, state: ItemState | undefined): 'reviewer' | 'pg-admin' | undefined {
  if (item.reviewerId === actor.person.id && state?.reviewer === 'waiting') return 'reviewer';
  if (isPgAdmin(actor.organisation, actor.person) && state?.pgAdmin === 'waiting' && state.reviewerBy !== actor.person.id) return 'pg-admin';
  return undefined;
}

interface LoadedSample {
  sample: GovernorSample;
  approvals: SampleApproval[];
  view: 'pg-admin' | 'reviewer';
}

/** PG admins see a sample; a reviewer with items in it sees those (asReviewer: a PG admin too); anyone else: 404. */
async function loadSample(ctx: UseCaseContext, actor: Actor, sampleId: string, asReviewer = false): Promise<LoadedSample> {
  const sample = await ctx.repos.talent.governorSamples.get(scopeOf(actor), sampleId);
  if (!sample) throw new DomainError('notFound');
  const reviews = sample.items.some((i) => i.reviewerId === actor.person.id);
  const view = asReviewer && reviews ? 'reviewer' : isPgAdmin(actor.organisation, actor.person) ? 'pg-admin' : reviews ? 'reviewer' : null;
  if (!view) throw new DomainError('notFound');
  const approvals = await ctx.repos.talent.sampleApprovals.find(scopeOf(actor), { sampleId });
  return { sample, approvals, view };
}

async function cycleLabel(ctx: UseCaseContext, actor: Actor, cycleId: string): Promise<{ id: string; label: string }> {
  const cycle = await ctx.repos.cycles.get(scopeOf(actor), cycleId);
  return { id: cycleId, label: cycle?.label ?? cycleId };
}

function sampleDto(actor: Actor, loaded: LoadedSample, cycle: { id: string; label: string }, eligible: number): GovernorSampleDto {
  const states = itemStates(loaded.sample, loaded.approvals);
  const visible = loaded.sample.items.filter((i) => loaded.view === 'pg-admin' || i.reviewerId === actor.person.id);
  return {
    id: loaded.sample.id,
    cycle,
    createdAt: loaded.sample.createdAt.toISOString(),
    eligible,
    view: loaded.view,
    progress: progressOf(states),
    items: visible.map((item) => {
      const state = states.get(item.index)!;
      const as = approvalRole(actor, item, state);
      return { index: item.index, text: item.text, reviewer: state.reviewer, pgAdmin: state.pgAdmin, released: state.released, ...(as ? { canApproveAs: as } : {}) };
    }),
  };
}

/** The sample as the actor may see it; `asReviewer`: only the actor's reviewees' items (their card). */
export async function governorSampleView(ctx: UseCaseContext, actor: Actor, sampleId: string, options: { eligible?: number; asReviewer?: boolean } = {}): Promise<GovernorSampleDto> {
  const loaded = await loadSample(ctx, actor, sampleId, options.asReviewer);
  return sampleDto(actor, loaded, await cycleLabel(ctx, actor, loaded.sample.cycleId), options.eligible ?? loaded.sample.items.length);
}

/** The samples a PG admin has drawn, newest first; a reviewer, those with their items. */
export async function listGovernorSamples(ctx: UseCaseContext, actor: Actor): Promise<GovernorSampleList> {
  const admin = isPgAdmin(actor.organisation, actor.person);
  const samples = (await ctx.repos.talent.governorSamples.find(scopeOf(actor))).filter((s) => admin || s.items.some((i) => i.reviewerId === actor.person.id)).reverse();
  const rows = [];
  for (const sample of samples) {
    const progress = progressOf(itemStates(sample, await ctx.repos.talent.sampleApprovals.find(scopeOf(actor), { sampleId: sample.id })));
    rows.push({ id: sample.id, cycle: await cycleLabel(ctx, actor, sample.cycleId), createdAt: sample.createdAt.toISOString(), total: progress.total, released: progress.released, waiting: progress.waiting });
  }
  return { samples: rows };
}

/**
 * The item's reviewer, or a PG admin, approves or withholds one item: once per role (a unique
 * insert; a second answer is a 409 saying what was decided).
 */
export async function decideSampleItem(ctx: UseCaseContext, actor: Actor, sampleId: string, index: number, approved: boolean, asReviewer = false): Promise<GovernorSampleDto> {
  const loaded = await loadSample(ctx, actor, sampleId, asReviewer);
  const item = loaded.sample.items.find((i) => i.index === index);
  if (!item || (loaded.view === 'reviewer' && item.reviewerId !== actor.person.id)) throw new DomainError('notFound');
  const states = itemStates(loaded.sample, loaded.approvals);
  const role = approvalRole(actor, item, states.get(index));
  if (!role) {
    const mine = loaded.approvals.find((a) => a.index === index && a.byPersonId === actor.person.id);
    throw new DomainError('conflict', mine ? `You already ${mine.approved ? 'approved' : 'withheld'} item ${index + 1}.` : `Item ${index + 1} has already been decided.`);
  }
  const approval: SampleApproval = { id: `${sampleId}:${index}:${role}`, organisationId: actor.organisation.id, sampleId, index, role, byPersonId: actor.person.id, approved, at: ctx.now() };
  if (!(await ctx.repos.talent.sampleApprovals.addOnce(scopeOf(actor), approval))) throw new DomainError('conflict', `Item ${index + 1} has already been decided.`);
  await audit(ctx, actor, approved ? 'governor-sample.approved' : 'governor-sample.withheld', { kind: 'governor-sample', id: sampleId }, { index, role });
  return governorSampleView(ctx, actor, sampleId, { asReviewer });
}

// ── The release ──────────────────────────────────────────────────────────────────────────────

/** Only the items approved by both, renumbered; what is still waiting is counted, not shown. PG admins only. */
export async function releaseGovernorSample(ctx: UseCaseContext, actor: Actor, sampleId: string, format: ReportFormat): Promise<GovernorSampleRelease> {
  requirePgAdmin(actor, 'download a sample for governors');
  const loaded = await loadSample(ctx, actor, sampleId);
  const states = itemStates(loaded.sample, loaded.approvals);
  const progress = progressOf(states);
  const items = loaded.sample.items.filter((i) => states.get(i.index)?.released).map((i, n) => ({ number: n + 1, text: i.text }));
  const note =
    progress.waiting > 0
      ? `${items.length} of ${progress.total} reflections are approved by their reviewer and a PG administrator; ${progress.waiting} ${progress.waiting === 1 ? 'is' : 'are'} still waiting for approval and not included.`
      : `${items.length} of ${progress.total} reflections are approved by their reviewer and a PG administrator.`;
  await auditReport(ctx, actor, 'governor-sample', format, sampleId, { released: items.length, waiting: progress.waiting }, true);
  return { sampleId, cycle: await cycleLabel(ctx, actor, loaded.sample.cycleId), items, released: items.length, withheld: progress.withheld, waiting: progress.waiting, note };
}

export function releaseText(release: GovernorSampleRelease): string {
  const header = `Anonymised sample of Professional Growth reflections, ${release.cycle.label}\n${release.note}\nNames, schools, emails and mentions have been replaced with ${COLLEAGUE} and ${SCHOOL}.\n`;
  return `${header}\n${release.items.map((i) => `── Reflection ${i.number} ──\n${i.text}\n`).join('\n')}`;
}

// ── Opting out ───────────────────────────────────────────────────────────────────────────────

/** The person's own choice: leave my reflections out of governor samples (future samples). */
export async function setReportsOptOut(ctx: UseCaseContext, actor: Actor, optOut: boolean): Promise<{ optOut: boolean }> {
  await ctx.repos.people.setReportsOptOut(scopeOf(actor), actor.person.id, optOut, ctx.now());
  await audit(ctx, actor, optOut ? 'reports.opted-out' : 'reports.opted-in', { kind: 'person', id: actor.person.id });
  return { optOut };
}
