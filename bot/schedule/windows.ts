// Windows: the policy's usual pattern per kind, read from the cycle's own events. Pure.
import { DateTime } from 'luxon';
import type { CheckInRules, Cycle, EventWindow, Organisation, ScheduleEvent, ScheduleEventKind } from '../../shared/domain';
import { isCheckInKind, type ScheduleState } from './draft';

interface WindowPattern {
  /** Deadline events (seed 000: rock setting, review of last year) open at the start of the cycle. */
  opensFrom: 'date' | 'cycleStart';
  opensDays: number;
  opensTime: string;
  closesDays: number;
  closesTime: string;
}

const DEADLINE_KINDS: readonly ScheduleEventKind[] = ['rock-setting', 'review'];

/** The policy's usual check-in window (policy.checkIns.window), for a cycle that has no check-ins yet to learn from. */
function policyPattern(window: CheckInRules['window']): WindowPattern {
  return { opensFrom: 'date', opensDays: window.opensDays, opensTime: window.opensAt, closesDays: window.closesDays, closesTime: window.closesAt };
}
const FALLBACK_DEADLINE: WindowPattern = { opensFrom: 'cycleStart', opensDays: 0, opensTime: '08:00', closesDays: 0, closesTime: '23:59' };

export function daysBetween(from: string, to: string): number {
  return Math.round(DateTime.fromISO(to, { zone: 'utc' }).diff(DateTime.fromISO(from, { zone: 'utc' }), 'days').days);
}

function addDays(isoDate: string, days: number): string {
  return DateTime.fromISO(isoDate, { zone: 'utc' }).plus({ days }).toISODate()!;
}

function patternOf(event: Pick<ScheduleEvent, 'date' | 'window'>, cycle: Pick<Cycle, 'startsOn'>): WindowPattern {
  const opensDate = event.window.opens.slice(0, 10);
  const closesDate = event.window.closes.slice(0, 10);
  const fromCycleStart = opensDate === cycle.startsOn && opensDate !== event.date;
  return {
    opensFrom: fromCycleStart ? 'cycleStart' : 'date',
    opensDays: fromCycleStart ? 0 : daysBetween(event.date, opensDate),
    opensTime: event.window.opens.slice(11, 16),
    closesDays: daysBetween(event.date, closesDate),
    closesTime: event.window.closes.slice(11, 16),
  };
}

function mostCommon(patterns: WindowPattern[]): WindowPattern | undefined {
  const counts = new Map<string, { pattern: WindowPattern; n: number }>();
  for (const pattern of patterns) {
    const key = JSON.stringify(pattern);
    const entry = counts.get(key) ?? { pattern, n: 0 };
    entry.n += 1;
    counts.set(key, entry);
  }
  let best: { pattern: WindowPattern; n: number } | undefined;
  for (const entry of counts.values()) if (!best || entry.n > best.n) best = entry;
  return best?.pattern;
}

/**
 * The window an event of this kind gets on this date when the admin does not say: the window of the
 * cycle's event of that kind with the same title, if there is one (next year's table names last
 * year's events), else the pattern most of the cycle's events of that kind follow (TSFE: the Friday
 * 08:00 to the next Thursday 23:59; a tie goes to the event nearest in date, so a June review is not
 * given September's "from the start of the year" deadline), else the policy's usual check-in window.
 */
export function usualWindow(kind: ScheduleEventKind, date: string, state: Pick<ScheduleState, 'cycle' | 'events'> & { organisation: Pick<Organisation, 'policy'> }, title?: string): EventWindow {
  const sameKind = state.events.filter((e) => e.kind === kind);
  const sameTitle = title === undefined ? [] : sameKind.filter((e) => e.title.trim().toLowerCase() === title.trim().toLowerCase());
  const nearest = [...sameKind].sort((a, b) => Math.abs(daysBetween(date, a.date)) - Math.abs(daysBetween(date, b.date)));
  const ofKind = (sameTitle.length > 0 ? sameTitle : nearest).map((e) => patternOf(e, state.cycle));
  const recurring = state.events.filter((e) => isCheckInKind(e.kind)).map((e) => patternOf(e, state.cycle));
  const fallback = policyPattern(state.organisation.policy.checkIns.window);
  const pattern = mostCommon(ofKind) ?? (DEADLINE_KINDS.includes(kind) ? FALLBACK_DEADLINE : (mostCommon(recurring) ?? fallback));
  const opensDate = pattern.opensFrom === 'cycleStart' ? state.cycle.startsOn : addDays(date, pattern.opensDays);
  return { opens: `${opensDate}T${pattern.opensTime}`, closes: `${addDays(date, pattern.closesDays)}T${pattern.closesTime}` };
}

/** The weekday (1 = Monday) most check-ins fall on; TSFE: Friday. */
export function usualCheckInWeekday(events: readonly ScheduleEvent[]): number {
  const counts = new Map<number, number>();
  for (const e of events) if (e.kind === 'check-in') {
    const day = DateTime.fromISO(e.date).weekday;
    counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  let best = 5;
  let n = 0;
  for (const [day, count] of counts) if (count > n) [best, n] = [day, count];
  return best;
}

/** A move keeps the event's own window shape: both ends shift, except an opening at the start of the cycle. */
export function movedWindow(event: Pick<ScheduleEvent, 'date' | 'window'>, newDate: string, cycle: Pick<Cycle, 'startsOn'>): EventWindow {
  const shift = daysBetween(event.date, newDate);
  const pattern = patternOf(event, cycle);
  const opens = pattern.opensFrom === 'cycleStart' ? event.window.opens : `${addDays(event.window.opens.slice(0, 10), shift)}${event.window.opens.slice(10)}`;
  return { opens, closes: `${addDays(event.window.closes.slice(0, 10), shift)}${event.window.closes.slice(10)}` };
}
