// The next cycle as a PG admin previews it (issue 14): every new event with its date and window,
// and what differs from this year's event it corresponds to. Pure.
import { DateTime } from 'luxon';
import type { CycleDefinition, RockWindow, ScheduleEvent, ScheduleEventDefinition } from '../../shared/domain';
import { formatEventDate, policyPackSchema, describePath, type PolicyPack } from '../../shared/policy';
import type { Policy } from '../../shared/domain';
import { daysBetween } from './windows';
import { WEEKDAY_NAMES, formatWindow, hours } from './words';

export type NextCycleSourceKind = 'roll-forward' | 'pack' | 'table';

export interface PlannedEvent {
  event: ScheduleEventDefinition;
  /** This year's event it corresponds to (same key, same check-in number, or the same kind in date order). */
  was?: ScheduleEvent;
  /** What differs from `was`, in words ("new this year" when nothing corresponds). */
  differences: string[];
}

export interface NextCycleProblem {
  /** The pasted table's line, when the problem is in one. */
  line?: number;
  /** The field, when the problem is in one ("cycle.events[3] (check-in-6).date", "packId"). */
  field?: string;
  message: string;
}

export interface CarryOverPlan {
  mode: Policy['rocks']['carryOver'];
  /** Agreed (or amended) rocks of this year's last window that become drafts. */
  rocks: number;
  people: number;
  fromWindow?: RockWindow;
  toWindow?: RockWindow;
}

export interface NextCyclePlan {
  source: NextCycleSourceKind;
  packId?: string;
  from: { id: string; key: string; label: string; startsOn: string; endsOn: string };
  cycle: Omit<CycleDefinition, 'events'> & { rockWindows: RockWindow[]; policyId: string };
  events: PlannedEvent[];
  /** This year's scheduled events nothing in the new cycle corresponds to. */
  dropped: ScheduleEvent[];
  /** The source's events whose window has already closed (a cycle started late): left out, not created as missed. */
  leftOut: ScheduleEventDefinition[];
  warnings: string[];
  problems: NextCycleProblem[];
  carryOver: CarryOverPlan;
  /** Fingerprint of what Confirm will create: it applies only what the preview showed. */
  digest: string;
}

/** Pairs each new event with this year's: same key, else same check-in number, else the same kind in date order. */
export function matchLastYear(next: readonly ScheduleEventDefinition[], last: readonly ScheduleEvent[]): Map<ScheduleEventDefinition, ScheduleEvent | undefined> {
  const scheduled = last.filter((e) => e.status === 'scheduled');
  const used = new Set<string>();
  const out = new Map<ScheduleEventDefinition, ScheduleEvent | undefined>();
  const claim = (event: ScheduleEventDefinition, found: ScheduleEvent | undefined) => {
    if (found) used.add(found.id);
    out.set(event, found);
  };
  for (const e of next) claim(e, scheduled.find((l) => l.key === e.key && l.kind === e.kind));
  for (const e of next) {
    if (out.get(e)) continue;
    const free = scheduled.filter((l) => !used.has(l.id) && l.kind === e.kind).sort((a, b) => a.date.localeCompare(b.date));
    claim(e, e.kind === 'check-in' ? free.find((l) => l.number === e.number) : free[0]);
  }
  return out;
}

function weekday(iso: string): string {
  return WEEKDAY_NAMES[DateTime.fromISO(iso, { zone: 'utc' }).weekday - 1]!;
}

/** "opens on the day 08:00, closes 6 days later 23:59": a window's shape relative to its event. */
function windowShape(e: Pick<ScheduleEventDefinition, 'date' | 'window'>, startsOn: string): string {
  const opensDate = e.window.opens.slice(0, 10);
  const opens = opensDate === startsOn && opensDate !== e.date ? 'the start of the cycle' : `${daysBetween(e.date, opensDate)} days`;
  return `${opens} ${e.window.opens.slice(11)} → ${daysBetween(e.date, e.window.closes.slice(0, 10))} days ${e.window.closes.slice(11)}`;
}

export function differencesFrom(next: ScheduleEventDefinition, was: ScheduleEvent | undefined, cycles: { last: string; next: string }, timezone: string): string[] {
  if (!was) return ['new this year'];
  const out = [`was ${formatEventDate(was.date, timezone)} ${was.date.slice(0, 4)} (${Math.round(daysBetween(was.date, next.date) / 7)} weeks on)`];
  if (weekday(was.date) !== weekday(next.date)) out.push(`now a ${weekday(next.date)}, was a ${weekday(was.date)}`);
  if (windowShape(was, cycles.last) !== windowShape(next, cycles.next)) out.push(`window was ${formatWindow(was.window, timezone)}`);
  if (was.title !== next.title) out.push(`title was "${was.title}"`);
  if (was.directedHours !== next.directedHours) out.push(`directed time was ${hours(was.directedHours)}`);
  if (JSON.stringify(was.alsoMarks ?? []) !== JSON.stringify(next.alsoMarks ?? [])) out.push(`also marks was "${(was.alsoMarks ?? []).join('; ') || 'nothing'}"`);
  return out;
}

/** The pack rules (numbers, dates inside the cycle and their windows, times that exist, rock windows) applied to the new cycle. */
export function cycleProblems(policy: Policy, cycle: CycleDefinition): NextCycleProblem[] {
  const input = { notes: [], policy, cycle };
  const result = policyPackSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.filter((i) => i.path[0] === 'cycle').map((i) => ({ field: describePath(i.path, input), message: i.message }));
}

/** The pack's cycle with its rock windows (the pack's policy's when its cycle names none). */
export function cycleOfPack(pack: PolicyPack): CycleDefinition & { rockWindows: RockWindow[] } {
  return { ...pack.cycle, rockWindows: pack.cycle.rockWindows ?? pack.policy.rocks.windows };
}
