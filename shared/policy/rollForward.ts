// Rolling a cycle forward to the next academic year (issue 14, "the next year"): every event moves
// by the whole number of weeks closest to a year (52, occasionally 53), so each keeps its weekday
// and the fortnightly rhythm keeps its spacing; the cycle and its rock windows move by a calendar
// year. The PG admin then corrects what the trust's own calendar changes (term dates, holidays).
// Pure: used by the admin's "cycle next" and by scripts/pack-rollforward.ts.
import { DateTime } from 'luxon';
import type { CycleDefinition, RockWindow, ScheduleEventDefinition } from '../domain';
import { bankHolidayOn } from './bankHolidays';
import { formatEventDate, localDateTime } from './windows';

export interface RolledEvent {
  event: ScheduleEventDefinition;
  /** The date it had in the cycle rolled from. */
  fromDate: string;
  /** Weeks it moved by (the cycle's shift, or one week more or less when it had to be kept inside the year). */
  weeks: number;
}

export interface RolledCycle {
  cycle: CycleDefinition & { rockWindows: RockWindow[] };
  events: RolledEvent[];
  /** The shift every event got unless it had to be kept inside the new year. */
  weeks: number;
  /** Things the PG admin should look at (an event moved to stay in the year, a bank holiday, a window time that does not exist). */
  warnings: string[];
}

function day(iso: string): DateTime {
  return DateTime.fromISO(iso, { zone: 'utc' });
}

function addDays(iso: string, days: number): string {
  return day(iso).plus({ days }).toISODate()!;
}

function plusYear(iso: string): string {
  // luxon keeps 29 Feb → 28 Feb in a year without one.
  return day(iso).plus({ years: 1 }).toISODate()!;
}

/** "2025-26" → "2026-27", "2025/26" → "2026/27", "2025" → "2026": the year named in a label or key. */
export function nextYearText(text: string): string {
  return text.replace(/\b(\d{4})([-/])(\d{2})\b|\b(\d{4})\b/g, (match, y1: string | undefined, sep: string | undefined, y2: string | undefined, single: string | undefined) => {
    if (y1 && sep && y2) return `${Number(y1) + 1}${sep}${String((Number(y2) + 1) % 100).padStart(2, '0')}`;
    if (single) {
      const year = Number(single);
      return year >= 1900 && year < 2200 ? String(year + 1) : match;
    }
    return match;
  });
}

/** A deadline event (seed 000: rock setting, review of last year) opens at the start of the cycle, not near its own date. */
function opensAtCycleStart(event: ScheduleEventDefinition, cycle: Pick<CycleDefinition, 'startsOn'>): boolean {
  const opens = event.window.opens.slice(0, 10);
  return opens === cycle.startsOn && opens !== event.date;
}

/**
 * The cycle after `cycle`: same events (cancelled ones left out by the caller), each `weeks` weeks
 * later and clamped into the new year by whole weeks; deadline events still open at the new start.
 */
export function rollCycleForward(
  cycle: Pick<CycleDefinition, 'key' | 'label' | 'startsOn' | 'endsOn'>,
  events: readonly ScheduleEventDefinition[],
  rockWindows: readonly RockWindow[],
  timezone: string,
): RolledCycle {
  const startsOn = plusYear(cycle.startsOn);
  const endsOn = plusYear(cycle.endsOn);
  const weeks = Math.round(day(startsOn).diff(day(cycle.startsOn), 'days').days / 7);
  const warnings: string[] = [];
  const rolled: RolledEvent[] = [...events]
    .sort((a, b) => a.date.localeCompare(b.date) || a.key.localeCompare(b.key))
    .map((source) => {
      let shift = weeks * 7;
      let date = addDays(source.date, shift);
      while (date < startsOn) [date, shift] = [addDays(date, 7), shift + 7];
      while (date > endsOn) [date, shift] = [addDays(date, -7), shift - 7];
      const atStart = opensAtCycleStart(source, cycle);
      const opens = atStart ? `${startsOn}${source.window.opens.slice(10)}` : `${addDays(source.window.opens.slice(0, 10), shift)}${source.window.opens.slice(10)}`;
      const closes = `${addDays(source.window.closes.slice(0, 10), shift)}${source.window.closes.slice(10)}`;
      const key = source.key.includes(source.date) ? source.key.replace(source.date, date) : source.key;
      const event: ScheduleEventDefinition = { ...source, key, date, window: { opens, closes }, alsoMarks: [...(source.alsoMarks ?? [])] };
      const label = `${event.title} (${formatEventDate(date, timezone)} ${date.slice(0, 4)})`;
      if (shift !== weeks * 7) warnings.push(`${label} moved ${shift / 7} weeks instead of ${weeks} to stay inside ${startsOn} to ${endsOn}, so its spacing from its neighbours changed.`);
      const holiday = timezone === 'Europe/London' ? bankHolidayOn(date) : undefined;
      if (holiday) warnings.push(`${label} falls on ${holiday} (a bank holiday in England and Wales).`);
      for (const end of ['opens', 'closes'] as const) {
        try {
          localDateTime(event.window[end], timezone);
        } catch (err) {
          warnings.push(`${label}: its window ${end === 'opens' ? 'opening' : 'closing'} ${(err as Error).message}.`);
        }
      }
      return { event, fromDate: source.date, weeks: shift / 7 };
    });
  const movedTo = new Map(rolled.map((r) => [r.fromDate, r.event.date]));
  const windows: RockWindow[] = rockWindows.map((w) => ({
    ...w,
    // An id naming the year (TSAT's "2023-24") names the new one; "sep-dec" stays as it is.
    id: nextYearText(w.id),
    label: nextYearText(w.label),
    startsOn: plusYear(w.startsOn),
    endsOn: plusYear(w.endsOn),
    // A deadline that was an event's date (TSFE: rocks agreed at Check in 8) follows that event.
    ...(w.setBy !== undefined ? { setBy: movedTo.get(w.setBy) ?? plusYear(w.setBy) } : {}),
  }));
  // A key or label that names no year gets the new cycle's years ("2026-27").
  const years = `${startsOn.slice(0, 4)}-${endsOn.slice(2, 4)}`;
  const key = nextYearText(cycle.key) !== cycle.key ? nextYearText(cycle.key) : years;
  const label = nextYearText(cycle.label) !== cycle.label ? nextYearText(cycle.label) : `${cycle.label} ${years}`;
  return {
    cycle: { key, label, startsOn, endsOn, rockWindows: windows, events: rolled.map((r) => r.event) },
    events: rolled,
    weeks,
    warnings,
  };
}
