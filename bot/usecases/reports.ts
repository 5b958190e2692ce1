// Issue 13's anonymised reports (seed 000 §3): the Ofsted report (participation, on-time check-ins,
// reviews completed, outcomes, CPD and support in place) per school and trust-wide; the Equality
// Impact Assessment (the same figures by each protected characteristic the trust imports); and
// directed time (the hours the schedule allocates per school and role category, Appendix 3).
// Figures are only ever counts over groups of at least policy.reports.minGroupSize people
// (SUPPRESSION_RULE below); nothing here is about one person. Every read or download is audited.
import type { DirectedTimeReport, EqualityReport, OfstedReport, ReportCell, ReportGroup, ReportRate, StageFigures } from '../../shared/api';
import type { Cycle, Organisation, Person, ReviewStage, ReviewStageKind, YearReviewRecord } from '../../shared/domain';
import { isEligible } from '../../shared/policy';
import { audit, permittedRole, scopeOf, type Actor } from './access';
import { CHECK_IN_KINDS } from './checkIns';
import type { UseCaseContext } from './context';
import { currentCycle } from './currentCycle';
import { DomainError } from './errors';
import { reviewStanding } from './yearReviewStatus';

export type ReportKind = 'ofsted' | 'equality' | 'directed-time' | 'governor-sample';
export type ReportFormat = 'json' | 'csv' | 'text';

/** The rule, in words, for a minimum group size of `min` (seed 000 §3: anonymised information). */
export function suppressionRule(min: number, other: string): string {
  return [
    `Groups are counted by the staff taking part in them. A group with fewer than ${min} staff is not shown on its own: all such groups are combined into "${other}".`,
    `If "${other}" still has fewer than ${min} staff, the next smallest group is added to it, and so on until it has at least ${min}, so no group's figures can be worked out from the total.`,
    `If the whole organisation has fewer than ${min} staff taking part, no figures are shown at all.`,
    `In a group that is shown, any count from 1 to ${min - 1} is shown as "fewer than ${min}" (0 is shown as 0), and a rate whose count is hidden is hidden too.`,
    `So that a hidden count cannot be worked out by subtracting the others from a total (the organisation's, or a review's completed count), where only one count in a column (or in a review's outcomes) is hidden, the next smallest is shown as "hidden" too.`,
  ].join(' ');
}

// ── Reading the year ─────────────────────────────────────────────────────────────────────────

/** What the reports count about one person (never shown per person). */
interface PersonFacts {
  person: Person;
  participated: boolean;
  checkIns: number;
  onTime: number;
  stages: Map<ReviewStageKind, { completed: boolean; outcomeKey: string | null }>;
  supportOpen: boolean;
  supportSucceeded: boolean;
  feedbackAsked: number;
  feedbackAnswered: number;
  followUpsOpen: number;
  followUpsClosed: number;
}

export interface ReportData {
  cycle: Cycle;
  stages: ReviewStage[];
  facts: PersonFacts[];
}

/** Only PG admins and SMT read the reports (ACCESS_TABLE 'reports'); anyone else gets 403. */
export function requireReportReader(actor: Actor): void {
  if (!permittedRole(actor, 'reports', 'read')) throw new DomainError('forbidden', 'Only PG administrators and SMT can see these reports.');
}

export async function reportCycle(ctx: UseCaseContext, actor: Actor, cycleId?: string): Promise<Cycle> {
  const cycle = cycleId ? await ctx.repos.cycles.get(scopeOf(actor), cycleId) : await currentCycle(ctx, actor.organisation);
  if (!cycle) throw new DomainError('notFound', cycleId ? 'That cycle does not exist.' : 'No cycle covers today: choose a cycle.');
  return cycle;
}

/** The staff taking part this cycle: the policy's eligibility (ECTs, short contracts, paused and excluded people are not). */
async function takingPart(ctx: UseCaseContext, organisation: Organisation): Promise<Person[]> {
  const now = ctx.now();
  return (await ctx.repos.people.listActive({ organisationId: organisation.id })).filter((p) => isEligible(p, organisation.policy, now).eligible);
}

function byPerson<T extends { personId: string }>(items: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) map.set(item.personId, [...(map.get(item.personId) ?? []), item]);
  return map;
}

export async function loadReportData(ctx: UseCaseContext, organisation: Organisation, cycle: Cycle): Promise<ReportData> {
  const org = { organisationId: organisation.id };
  const now = ctx.now();
  const people = await takingPart(ctx, organisation);
  const events = (await ctx.repos.scheduleEvents.list(org, cycle.id)).filter((e) => e.status === 'scheduled' && (CHECK_IN_KINDS as readonly string[]).includes(e.kind));
  const checkIns = byPerson((await Promise.all(events.map((e) => ctx.repos.checkIns.listForEvent(org, e.id)))).flat());
  const reviews = byPerson(await ctx.repos.yearReviews.listForCycle(org, cycle.id));
  const kinds = ['impact-outcome', 'reflection', 'statement', 'final-decision', 'support-plan', 'support-outcome'] as const;
  const records = new Map<string, YearReviewRecord[]>();
  for (const kind of kinds) for (const r of await ctx.repos.yearReviews.listRecordsForCycle(org, cycle.id, kind)) records.set(r.reviewId, [...(records.get(r.reviewId) ?? []), r]);
  const feedback = new Map<string, { asked: number; answered: number }>();
  for (const f of await ctx.repos.feedbackRequests.listForCycle(org, cycle.id)) {
    const entry = feedback.get(f.personId) ?? { asked: 0, answered: 0 };
    entry.asked += 1;
    if (f.answeredAt) entry.answered += 1;
    feedback.set(f.personId, entry);
  }
  const followUps = byPerson(await ctx.repos.talent.followUps.find(org, { cycleId: cycle.id }));
  const stages = reportStages(organisation);
  const facts = people.map((person): PersonFacts => {
    const mine = checkIns.get(person.id) ?? [];
    const stageFacts = new Map<ReviewStageKind, { completed: boolean; outcomeKey: string | null }>();
    let supportOpen = false;
    let supportSucceeded = false;
    for (const review of reviews.get(person.id) ?? []) {
      const recs = records.get(review.id) ?? [];
      const standing = reviewStanding(review, recs, stages.find((s) => s.kind === review.stage) ?? null, now);
      stageFacts.set(review.stage, { completed: standing.status === 'complete', outcomeKey: standing.status === 'complete' ? standing.outcomeKey : null });
      const plan = recs.find((r) => r.kind === 'support-plan' && r.submittedAt);
      const outcome = recs.find((r) => r.kind === 'support-outcome' && r.submittedAt);
      if (plan && !outcome) supportOpen = true;
      if (outcome?.kind === 'support-outcome' && outcome.succeeded) supportSucceeded = true;
    }
    const fb = feedback.get(person.id) ?? { asked: 0, answered: 0 };
    const fu = followUps.get(person.id) ?? [];
    return {
      person,
      participated: mine.length > 0,
      checkIns: mine.length,
      onTime: mine.filter((c) => c.timeliness === 'on-time').length,
      stages: stageFacts,
      supportOpen,
      supportSucceeded,
      feedbackAsked: fb.asked,
      feedbackAnswered: fb.answered,
      followUpsOpen: fu.filter((f) => f.status === 'open').length,
      followUpsClosed: fu.filter((f) => f.status === 'closed').length,
    };
  });
  return { cycle, stages, facts };
}

// ── Groups and suppression ───────────────────────────────────────────────────────────────────

export interface Grouped<T> {
  label: string;
  merged: boolean;
  suppressed: boolean;
  members: T[];
}

/**
 * The groups a report shows (SUPPRESSION_RULE): groups of at least `min` alone, in label order;
 * the smaller ones combined into `other` (grown by the next smallest until it reaches `min`); all
 * suppressed when the whole population is under `min`.
 */
export function groupForReport<T>(items: readonly T[], labelOf: (item: T) => string, min: number, other: string): Array<Grouped<T>> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(labelOf(item), [...(groups.get(labelOf(item)) ?? []), item]);
  if (items.length > 0 && items.length < min) return [{ label: other, merged: true, suppressed: true, members: [...items] }];
  const shown = [...groups].filter(([, m]) => m.length >= min).sort((a, b) => a[1].length - b[1].length || a[0].localeCompare(b[0]));
  const small = [...groups].filter(([, m]) => m.length < min).flatMap(([, m]) => m);
  while (small.length > 0 && small.length < min && shown.length > 0) small.push(...shown.shift()![1]);
  const result: Array<Grouped<T>> = shown.map(([label, members]) => ({ label, merged: false, suppressed: false, members })).sort((a, b) => a.label.localeCompare(b.label));
  if (small.length > 0) result.push({ label: other, merged: true, suppressed: small.length < min, members: small });
  return result;
}

export function cell(count: number, min: number): ReportCell {
  return count === 0 || count >= min ? { count, text: String(count) } : { count: null, text: `fewer than ${min}` };
}

export function rate(numerator: number, denominator: number, min: number): ReportRate {
  if (denominator === 0) return { percent: null, text: '—' };
  if (numerator !== 0 && numerator < min) return { percent: null, text: `fewer than ${min}` };
  const percent = Math.round((1000 * numerator) / denominator) / 10;
  return { percent, text: `${percent}%` };
}

const HIDDEN: ReportCell = { count: null, text: 'suppressed' };
const HIDDEN_RATE: ReportRate = { percent: null, text: 'suppressed' };

function stageFigures(stage: ReviewStage, facts: readonly PersonFacts[], min: number, hide: boolean): StageFigures {
  const mine = facts.map((f) => f.stages.get(stage.kind)).filter((s) => s !== undefined);
  const completed = mine.filter((s) => s.completed);
  const c = (n: number) => (hide ? HIDDEN : cell(n, min));
  return {
    stage: stage.kind,
    label: stage.label,
    opened: c(mine.length),
    completed: c(completed.length),
    completedRate: hide ? HIDDEN_RATE : rate(completed.length, mine.length, min),
    outcomes: stage.outcomes.map((o) => ({ key: o.key, label: o.label, count: c(completed.filter((s) => s.outcomeKey === o.key).length) })),
  };
}

/** One group's figures; a suppressed group shows none of them. */
export function groupFigures(group: Grouped<PersonFacts>, stages: readonly ReviewStage[], min: number): ReportGroup {
  const f = group.members;
  const hide = group.suppressed;
  const sum = (pick: (x: PersonFacts) => number) => f.reduce((n, x) => n + pick(x), 0);
  const c = (n: number) => (hide ? HIDDEN : cell(n, min));
  const participated = f.filter((x) => x.participated).length;
  const checkIns = sum((x) => x.checkIns);
  const onTime = sum((x) => x.onTime);
  return {
    label: group.label,
    merged: group.merged,
    suppressed: hide,
    staff: c(f.length),
    participated: c(participated),
    participationRate: hide ? HIDDEN_RATE : rate(participated, f.length, min),
    checkIns: c(checkIns),
    onTime: c(onTime),
    onTimeRate: hide ? HIDDEN_RATE : rate(onTime, checkIns, min),
    reviews: stages.map((s) => stageFigures(s, f, min, hide)),
    support: {
      supportPlansOpen: c(f.filter((x) => x.supportOpen).length),
      supportPlansSucceeded: c(f.filter((x) => x.supportSucceeded).length),
      feedbackAsked: c(sum((x) => x.feedbackAsked)),
      feedbackAnswered: c(sum((x) => x.feedbackAnswered)),
      followUpsOpen: c(sum((x) => x.followUpsOpen)),
      followUpsClosed: c(sum((x) => x.followUpsClosed)),
    },
  };
}

// ── Protecting a hidden count from subtraction ───────────────────────────────────────────────

type CellRef = { get(): ReportCell; hide(): void };

/** The text of a count hidden only so that another, small one cannot be worked out by subtraction. */
const PROTECTED = 'hidden';

/**
 * Cells whose sum is shown elsewhere (a column's total in the trust row, a stage's outcomes summing
 * to its completed count): if exactly one is hidden it could be worked out, so the smallest other
 * exact non-zero one is hidden too. False when there is none to hide (the caller hides the total).
 */
function protectSum(cells: readonly CellRef[]): boolean {
  const hidden = cells.filter((c) => c.get().count === null);
  if (hidden.length !== 1) return true;
  const others = cells.filter((c) => (c.get().count ?? 0) > 0).sort((a, b) => a.get().count! - b.get().count!);
  if (others.length === 0) return false;
  others[0]!.hide();
  return true;
}

/** Every count column of a group, with the rate that depends on it (hidden with it). */
function columnsOf(g: ReportGroup): CellRef[] {
  const ref = (get: () => ReportCell, set: (c: ReportCell) => void, rate?: (r: ReportRate) => void): CellRef => ({
    get,
    hide: () => {
      set({ count: null, text: PROTECTED });
      rate?.({ percent: null, text: PROTECTED });
    },
  });
  const s = g.support;
  return [
    ref(() => g.participated, (c) => (g.participated = c), (r) => (g.participationRate = r)),
    ref(() => g.checkIns, (c) => (g.checkIns = c), (r) => (g.onTimeRate = r)),
    ref(() => g.onTime, (c) => (g.onTime = c), (r) => (g.onTimeRate = r)),
    ...g.reviews.flatMap((st) => [
      ref(() => st.opened, (c) => (st.opened = c), (r) => (st.completedRate = r)),
      ref(() => st.completed, (c) => (st.completed = c), (r) => (st.completedRate = r)),
      ...st.outcomes.map((o) => ref(() => o.count, (c) => (o.count = c))),
    ]),
    ...(['supportPlansOpen', 'supportPlansSucceeded', 'feedbackAsked', 'feedbackAnswered', 'followUpsOpen', 'followUpsClosed'] as const).map((k) => ref(() => s[k], (c) => (s[k] = c))),
  ];
}

/**
 * Secondary suppression: the groups together are the whole organisation (its totals are in the
 * trust row), and a stage's outcomes add up to its completed reviews, so a single hidden count in
 * a column or in a stage's outcomes is protected by hiding the next smallest one (or the total).
 */
export function protectHiddenCounts(groups: ReportGroup[], total: ReportGroup): void {
  const shown = groups.filter((g) => !g.suppressed);
  for (let pass = 0; pass < 5; pass += 1) {
    const before = JSON.stringify(shown);
    for (const g of [...shown, total]) {
      for (const [i, st] of g.reviews.entries()) {
        const outcomeRefs = columnsOf(g).filter((_, j) => isOutcomeColumn(g, i, j));
        if (st.completed.count !== null && !protectSum(outcomeRefs)) columnsOf(g).find((_, j) => isCompletedColumn(g, i, j))!.hide();
      }
    }
    const columns = shown.map(columnsOf);
    const totals = columnsOf(total);
    for (let j = 0; j < totals.length; j += 1) {
      if (totals[j]!.get().count !== null && !protectSum(columns.map((c) => c[j]!))) totals[j]!.hide();
    }
    if (JSON.stringify(shown) === before) return;
  }
}

/** Where stage i's columns are in columnsOf: 3 fixed, then per stage opened, completed, outcomes. */
function stageOffset(g: ReportGroup, i: number): number {
  return 3 + g.reviews.slice(0, i).reduce((n, st) => n + 2 + st.outcomes.length, 0);
}
const isCompletedColumn = (g: ReportGroup, i: number, j: number) => j === stageOffset(g, i) + 1;
const isOutcomeColumn = (g: ReportGroup, i: number, j: number) => j >= stageOffset(g, i) + 2 && j < stageOffset(g, i) + 2 + g.reviews[i]!.outcomes.length;

export const OTHER_SCHOOLS = 'Other schools';
export const OTHER_NOT_STATED = 'Other / not stated';
const NO_SCHOOL = '(no school)';

/** Audits a read (the tab's view) or a download (a file): who, which report, which format; never its content. */
export async function auditReport(ctx: UseCaseContext, actor: Actor, report: ReportKind, format: ReportFormat, subjectId: string, details: Record<string, unknown> = {}, downloaded = format !== 'json'): Promise<void> {
  await audit(ctx, actor, downloaded ? 'report.downloaded' : 'report.read', { kind: 'report', id: subjectId }, { report, format, ...details });
}

// ── The reports ──────────────────────────────────────────────────────────────────────────────

export async function ofstedReport(ctx: UseCaseContext, actor: Actor, query: { cycleId?: string }, format: ReportFormat = 'json'): Promise<OfstedReport> {
  requireReportReader(actor);
  const cycle = await reportCycle(ctx, actor, query.cycleId);
  const data = await loadReportData(ctx, actor.organisation, cycle);
  const min = actor.organisation.policy.reports.minGroupSize;
  const schools = groupForReport(data.facts, (f) => f.person.school.trim() || NO_SCHOOL, min, OTHER_SCHOOLS);
  const trust: Grouped<PersonFacts> = { label: actor.organisation.name, merged: false, suppressed: data.facts.length > 0 && data.facts.length < min, members: data.facts };
  const schoolFigures = schools.map((g) => groupFigures(g, data.stages, min));
  const trustFigures = groupFigures(trust, data.stages, min);
  protectHiddenCounts(schoolFigures, trustFigures);
  await auditReport(ctx, actor, 'ofsted', format, cycle.id, { cycleId: cycle.id });
  return {
    cycle: { id: cycle.id, label: cycle.label },
    generatedAt: ctx.now().toISOString(),
    minGroupSize: min,
    suppression: suppressionRule(min, OTHER_SCHOOLS),
    schools: schoolFigures,
    trust: trustFigures,
  };
}

export async function equalityReport(ctx: UseCaseContext, actor: Actor, query: { cycleId?: string }, format: ReportFormat = 'json'): Promise<EqualityReport> {
  requireReportReader(actor);
  const cycle = await reportCycle(ctx, actor, query.cycleId);
  const data = await loadReportData(ctx, actor.organisation, cycle);
  const { minGroupSize: min, characteristics } = actor.organisation.policy.reports;
  const trust = groupFigures({ label: '', merged: false, suppressed: data.facts.length > 0 && data.facts.length < min, members: data.facts }, data.stages, min);
  protectHiddenCounts([], trust);
  await auditReport(ctx, actor, 'equality', format, cycle.id, { cycleId: cycle.id });
  return {
    cycle: { id: cycle.id, label: cycle.label },
    generatedAt: ctx.now().toISOString(),
    minGroupSize: min,
    suppression: `${suppressionRule(min, OTHER_NOT_STATED)} Staff with no value imported for a characteristic are counted as "Not stated".`,
    characteristics: characteristics.map((c) => {
      const groups = groupForReport(data.facts, (f) => f.person.equality?.[c.key]?.trim() || 'Not stated', min, OTHER_NOT_STATED).map((g) => groupFigures(g, data.stages, min));
      // The groups add up to the whole organisation, whose totals the Ofsted report shows.
      protectHiddenCounts(groups, trust);
      return { key: c.key, label: c.label, groups };
    }),
    ...(characteristics.length === 0 ? { notice: 'The policy names no protected characteristics to report on (policy.reports.characteristics).' } : {}),
  };
}

/**
 * Directed time (seed 000 Appendix 3): each person taking part is allocated every scheduled event's
 * hours; a role category the policy leaves out (ECTs) is listed with 0 hours and why.
 */
export async function directedTimeReport(ctx: UseCaseContext, actor: Actor, query: { cycleId?: string }, format: ReportFormat = 'json'): Promise<DirectedTimeReport> {
  requireReportReader(actor);
  const cycle = await reportCycle(ctx, actor, query.cycleId);
  const { policy } = actor.organisation;
  const events = (await ctx.repos.scheduleEvents.list(scopeOf(actor), cycle.id)).filter((e) => e.status === 'scheduled').sort((a, b) => a.date.localeCompare(b.date) || a.key.localeCompare(b.key));
  const hoursPerPerson = Math.round(events.reduce((n, e) => n + e.directedHours, 0) * 100) / 100;
  const now = ctx.now();
  const rows = new Map<string, DirectedTimeReport['rows'][number]>();
  for (const person of await ctx.repos.people.listActive(scopeOf(actor))) {
    const eligibility = isEligible(person, policy, now);
    const outOfCategory = policy.exclusions.roleCategories.some((c) => c.trim().toLowerCase() === person.roleCategory.trim().toLowerCase());
    // Only the policy's category exclusions are named: a paused person's reason is their own.
    if (!eligibility.eligible && !outOfCategory) continue;
    const school = person.school.trim() || NO_SCHOOL;
    const key = `${school}\u0000${person.roleCategory}`;
    const row = rows.get(key) ?? { school, roleCategory: person.roleCategory, people: 0, takingPart: !outOfCategory, hoursPerPerson: outOfCategory ? 0 : hoursPerPerson, totalHours: 0, ...(outOfCategory ? { note: `${person.roleCategory} staff are outside this policy (not taking part)` } : {}) };
    row.people += 1;
    row.totalHours = Math.round(row.people * row.hoursPerPerson * 100) / 100;
    rows.set(key, row);
  }
  const sorted = [...rows.values()].sort((a, b) => a.school.localeCompare(b.school) || a.roleCategory.localeCompare(b.roleCategory));
  await auditReport(ctx, actor, 'directed-time', format, cycle.id, { cycleId: cycle.id });
  return {
    cycle: { id: cycle.id, label: cycle.label },
    generatedAt: now.toISOString(),
    events: events.map((e) => ({ key: e.key, title: e.title, date: e.date, hours: e.directedHours })),
    hoursPerPerson,
    rows: sorted,
    totalHours: Math.round(sorted.reduce((n, r) => n + r.totalHours, 0) * 100) / 100,
  };
}

// ── CSV ──────────────────────────────────────────────────────────────────────────────────────

function csvLine(values: ReadonlyArray<string | number>): string {
  return values
    .map((v) => {
      const s = String(v);
      // A leading =, +, - or @ would be a formula in a spreadsheet.
      const safe = /^[=+\-@]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
      return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
    })
    .join(',');
}

function groupColumns(stages: readonly ReviewStage[]): string[] {
  const reviews = stages.flatMap((s) => [`${s.label}: opened`, `${s.label}: completed`, `${s.label}: completed %`, ...s.outcomes.map((o) => `${s.label}: ${o.label}`)]);
  return ['Staff taking part', 'Took part in check-ins', 'Participation %', 'Check-ins', 'On time', 'On time %', ...reviews, 'Support plans open', 'Support plans succeeded', '360 feedback asked', '360 feedback answered', 'Follow-ups open', 'Follow-ups closed'];
}

function groupValues(g: ReportGroup): string[] {
  const reviews = g.reviews.flatMap((s) => [s.opened.text, s.completed.text, s.completedRate.text, ...s.outcomes.map((o) => o.count.text)]);
  const s = g.support;
  return [g.staff.text, g.participated.text, g.participationRate.text, g.checkIns.text, g.onTime.text, g.onTimeRate.text, ...reviews, s.supportPlansOpen.text, s.supportPlansSucceeded.text, s.feedbackAsked.text, s.feedbackAnswered.text, s.followUpsOpen.text, s.followUpsClosed.text];
}

export function ofstedCsv(report: OfstedReport, stages: readonly ReviewStage[]): string {
  const lines = [csvLine(['School', ...groupColumns(stages)]), ...[...report.schools, { ...report.trust, label: `All schools (${report.trust.label})` }].map((g) => csvLine([g.label, ...groupValues(g)]))];
  return `${lines.join('\r\n')}\r\n${csvLine([`Note: ${report.suppression}`])}\r\n`;
}

export function equalityCsv(report: EqualityReport, stages: readonly ReviewStage[]): string {
  const lines = [csvLine(['Characteristic', 'Group', ...groupColumns(stages)])];
  for (const c of report.characteristics) for (const g of c.groups) lines.push(csvLine([c.label, g.label, ...groupValues(g)]));
  return `${lines.join('\r\n')}\r\n${csvLine([`Note: ${report.suppression}`])}\r\n`;
}

export function directedTimeCsv(report: DirectedTimeReport): string {
  const lines = [csvLine(['School', 'Role category', 'People', 'Taking part', 'Hours per person', 'Total hours', 'Note'])];
  for (const r of report.rows) lines.push(csvLine([r.school, r.roleCategory, r.people, r.takingPart ? 'yes' : 'no', r.hoursPerPerson, r.totalHours, r.note ?? '']));
  lines.push('', csvLine(['Event', 'Date', 'Hours']));
  for (const e of report.events) lines.push(csvLine([e.title, e.date, e.hours]));
  lines.push(csvLine(['Total per person', '', report.hoursPerPerson]));
  return `${lines.join('\r\n')}\r\n`;
}

/** The stages the CSV columns follow (the policy's). */
export function reportStages(organisation: Organisation): ReviewStage[] {
  return organisation.policy.reviews?.stages ?? [];
}
