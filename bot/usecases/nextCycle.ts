// Starting the next cycle (issue 14, "the next year"): from a shipped policy pack, from next year's
// table (the Appendix 3 import), or by rolling this cycle forward. Previewed (every new event and
// what differs from this year), confirmed once (two admins: one wins, by a unique-index decision),
// audited; the last window's agreed rocks carry over as drafts where the policy says.
import type { Cycle, CycleDefinition, Organisation, RockWindow, ScheduleEvent, ScheduleEventDefinition } from '../../shared/domain';
import { POLICY_PACKS, rockWindowsOf, rollCycleForward, windowInstants, type RolledCycle } from '../../shared/policy';
import { fetchPostedFile } from '../admin/fileDownload';
import { keyFor } from '../schedule/draft';
import { cycleOfPack, cycleProblems, differencesFrom, matchLastYear, type NextCyclePlan, type NextCycleProblem } from '../schedule/nextCycle';
import { checkDraftShape } from '../schedule/rules';
import { count } from '../schedule/words';
import { ScheduleImportError, digestOf, matchRows, parseScheduleTable } from '../schedule/tableImport';
import type { ScheduleImportSource } from './adminImports';
import { currentCycle } from './currentCycle';
import type { UseCaseContext } from './context';
import { DomainError } from './errors';
import { carryOverPlan } from './rockCarryOver';

export type NextCycleSource =
  | { kind: 'roll-forward' }
  | { kind: 'pack'; packId: string }
  /** `format` says how to read pasted content (the tab may send a CSV file's text). */
  | { kind: 'table'; table: ScheduleImportSource; format?: 'text' | 'csv' };

/** The cycle the next one follows: the current one, else (between years) the latest. */
export async function cycleToFollow(ctx: UseCaseContext, organisation: Organisation): Promise<{ cycle: Cycle; events: ScheduleEvent[] }> {
  const org = { organisationId: organisation.id };
  const cycle = (await currentCycle(ctx, organisation)) ?? (await ctx.repos.cycles.list(org))[0];
  if (!cycle) throw new DomainError('notFound', 'This organisation has no cycle yet to start the next one from.');
  return { cycle, events: await ctx.repos.scheduleEvents.list(org, cycle.id) };
}

/** The shipped packs an admin may start the next cycle from: those whose cycle starts after this one. */
export function packChoices(after: Pick<Cycle, 'endsOn' | 'startsOn'>): Array<{ id: string; name: string; label: string; startsOn: string; endsOn: string }> {
  return Object.values(POLICY_PACKS)
    .filter((p) => p.cycle.startsOn > after.startsOn)
    .map((p) => ({ id: p.policy.id, name: p.policy.name, label: p.cycle.label, startsOn: p.cycle.startsOn, endsOn: p.cycle.endsOn }))
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.id.localeCompare(b.id));
}

type Drafted = { definition: CycleDefinition & { rockWindows: RockWindow[] }; policyId: string; packId?: string; warnings: string[]; problems: NextCycleProblem[] };

function asStoredShape(organisationId: string, cycleId: string, events: readonly ScheduleEventDefinition[]): ScheduleEvent[] {
  return events.map((e) => ({ ...e, id: `${cycleId}:${e.key}`, organisationId, cycleId, status: 'scheduled', version: 0 }));
}

/** Next year's table read against the rolled-forward cycle: its dates bound the table, its events give the usual windows. */
async function fromTable(organisation: Organisation, rolled: RolledCycle, table: ScheduleImportSource, format: 'text' | 'csv'): Promise<Drafted> {
  const definition = { ...rolled.cycle, events: [] as ScheduleEventDefinition[] };
  const shell: Cycle = { id: 'next', organisationId: organisation.id, policyId: organisation.policy.id, key: definition.key, label: definition.label, startsOn: definition.startsOn, endsOn: definition.endsOn, current: false };
  const state = { organisation, cycle: shell, events: asStoredShape(organisation.id, shell.id, rolled.cycle.events) };
  const content = table.kind === 'text' ? table.text : await fetchPostedFile(table);
  const problems: NextCycleProblem[] = [];
  const warnings: string[] = [];
  try {
    const rows = parseScheduleTable(content, format, state);
    // A row that is one of this year's events keeps its key, so the policy's references to it (the
    // reviews' stage events, growth stages) still find it next year.
    const matches = matchRows(rows, state.events);
    for (const row of rows) {
      for (const message of checkDraftShape(row.draft, state)) problems.push({ line: row.line, message });
      const taken = definition.events.map((e) => e.key);
      const was = matches.get(row)?.key;
      definition.events.push({ ...row.draft, key: was && !taken.includes(was) ? was : keyFor(row.draft, taken) });
    }
    warnings.push(...addReviewEventsTheTableLacks(organisation, rolled, definition.events));
  } catch (err) {
    if (!(err instanceof ScheduleImportError)) throw err;
    problems.push(...err.problems);
  }
  return { definition, policyId: organisation.policy.id, warnings, problems };
}

/**
 * The year's reviews open on events the policy names (TSFE: the end-of-year reflection sessions),
 * which Appendix 3's table does not list. A cycle started from the table still gets them, rolled
 * forward from this year, and the preview says so; "schedule next" moves or cancels them.
 */
function addReviewEventsTheTableLacks(organisation: Organisation, rolled: RolledCycle, events: ScheduleEventDefinition[]): string[] {
  const keys = new Set((organisation.policy.reviews?.stages ?? []).flatMap((s) => [s.eventKey, s.reviewerDeadlineEventKey, s.decisionDeadlineEventKey]).filter((k): k is string => Boolean(k)));
  const warnings: string[] = [];
  for (const key of keys) {
    const event = rolled.cycle.events.find((e) => e.key === key);
    if (!event || events.some((e) => e.key === key)) continue;
    events.push(event);
    warnings.push(`The table has no "${event.title}"; your policy's reviews need it, so it is added on ${event.date} as this year's was rolled forward. Move or cancel it with "schedule next".`);
  }
  return warnings;
}

function fromPack(organisation: Organisation, packId: string): Drafted | NextCycleProblem {
  const pack = Object.hasOwn(POLICY_PACKS, packId) ? POLICY_PACKS[packId] : undefined;
  if (!pack) return { field: 'packId', message: `there is no shipped pack "${packId}"; choose one of: ${Object.keys(POLICY_PACKS).join(', ')}` };
  const warnings = [`Only the pack's dates are taken: your organisation's policy (${organisation.policy.name}) stays as it is.`];
  if (pack.policy.trust !== organisation.policy.trust) warnings.push(`${pack.policy.id} is written for ${pack.policy.trust}, not ${organisation.policy.trust}.`);
  return { definition: cycleOfPack(pack), policyId: pack.policy.id, packId, warnings, problems: [] };
}

async function drafted(organisation: Organisation, source: NextCycleSource, rolled: RolledCycle, from: Cycle): Promise<Drafted> {
  if (source.kind === 'table') return fromTable(organisation, rolled, source.table, source.format ?? (source.table.kind === 'file' ? source.table.format : 'text'));
  if (source.kind === 'pack') {
    const out = fromPack(organisation, source.packId);
    if ('message' in out) return { definition: { ...rolled.cycle }, policyId: from.policyId, warnings: [], problems: [out] };
    return out;
  }
  return { definition: rolled.cycle, policyId: from.policyId, warnings: rolled.warnings, problems: [] };
}

async function clashesWithCycles(ctx: UseCaseContext, organisation: Organisation, next: Pick<CycleDefinition, 'key' | 'startsOn' | 'endsOn'>): Promise<NextCycleProblem[]> {
  const problems: NextCycleProblem[] = [];
  for (const c of await ctx.repos.cycles.list({ organisationId: organisation.id })) {
    if (c.key === next.key) problems.push({ field: 'cycle.key', message: `${c.label} (${c.key}) already exists` });
    else if (c.startsOn <= next.endsOn && next.startsOn <= c.endsOn) problems.push({ field: 'cycle.startsOn', message: `${next.startsOn} to ${next.endsOn} overlaps ${c.label} (${c.startsOn} to ${c.endsOn})` });
  }
  return problems;
}

/** What Confirm would create, with every problem named by field or line. */
export async function planNextCycle(ctx: UseCaseContext, organisation: Organisation, source: NextCycleSource): Promise<NextCyclePlan> {
  const { cycle: from, events } = await cycleToFollow(ctx, organisation);
  const tz = organisation.policy.timezone;
  const scheduled = events.filter((e) => e.status === 'scheduled');
  const rolled = rollCycleForward(from, scheduled, rockWindowsOf(organisation.policy, from), tz);
  const draft = await drafted(organisation, source, rolled, from);
  const { definition } = draft;
  // Started late (after some of next year's windows have closed): those are left out rather than
  // created as check-ins everyone has already missed.
  const now = ctx.now();
  const isOver = (e: ScheduleEventDefinition) => {
    try {
      return windowInstants(e, tz).closesAt <= now;
    } catch {
      return false; // a time that does not exist: reported as a problem below
    }
  };
  const leftOut = definition.events.filter(isOver);
  const kept = definition.events.filter((e) => !leftOut.includes(e));
  const matches = matchLastYear(kept, scheduled);
  const planned = [...kept]
    .sort((a, b) => a.date.localeCompare(b.date) || a.key.localeCompare(b.key))
    .map((event) => ({ event, was: matches.get(event), differences: differencesFrom(event, matches.get(event), { last: from.startsOn, next: definition.startsOn }, tz) }));
  const matched = new Set(planned.flatMap((p) => (p.was ? [p.was.id] : [])));
  const problems = [...draft.problems];
  if (draft.problems.length === 0) problems.push(...cycleProblems(organisation.policy, definition), ...(await clashesWithCycles(ctx, organisation, definition)));
  const { events: _events, ...cycle } = definition;
  const carryOver = await carryOverPlan(ctx, organisation, from, cycle.rockWindows);
  return {
    source: source.kind,
    ...(draft.packId ? { packId: draft.packId } : {}),
    from: { id: from.id, key: from.key, label: from.label, startsOn: from.startsOn, endsOn: from.endsOn },
    cycle: { ...cycle, policyId: draft.policyId },
    events: planned,
    dropped: scheduled.filter((e) => !matched.has(e.id)),
    leftOut,
    warnings: [
      ...draft.warnings,
      ...(leftOut.length > 0 ? [`${count(leftOut.length, "of the new cycle's events is", "of the new cycle's events are")} already over, so left out rather than shown as missed.`] : []),
      ...growthTermWarnings(organisation, definition),
    ],
    problems,
    carryOver,
    digest: digestOf({ from: from.id, cycle, policyId: draft.policyId, events: kept, carryOver: carryOver.mode }),
  };
}

/**
 * seed 002: the policy's feedback terms are dates of the year the pack was written for; the new
 * cycle does not move them, so the admin is told to (Policy, growth.feedback.terms).
 */
function growthTermWarnings(organisation: Organisation, cycle: Pick<CycleDefinition, 'startsOn' | 'endsOn'>): string[] {
  const terms = organisation.policy.growth?.feedback.terms ?? [];
  const outside = terms.filter((t) => t.startsOn < cycle.startsOn || t.endsOn > cycle.endsOn);
  if (outside.length === 0) return [];
  return [`The policy's feedback terms (${outside.map((t) => t.label).join(', ')}) are last year's dates: set next year's in Policy (growth.feedback.terms), or no term will be checked for feedback.`];
}

/** The cycle started after the current one ("schedule next"), if there is one. */
export async function cycleAfterCurrent(ctx: UseCaseContext, organisation: Organisation): Promise<Cycle | undefined> {
  const { cycle } = await cycleToFollow(ctx, organisation);
  const later = (await ctx.repos.cycles.list({ organisationId: organisation.id })).filter((c) => c.id !== cycle.id && c.startsOn > cycle.startsOn);
  return later.find((c) => c.startedFrom?.fromCycleId === cycle.id) ?? later.sort((a, b) => a.startsOn.localeCompare(b.startsOn))[0];
}
