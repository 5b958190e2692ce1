// Which cycle is the organisation's now: decided by the calendar, not by a stored flag, so next
// year's cycle (created ahead by a PG admin) becomes current on its start date by itself.
import { DateTime } from 'luxon';
import type { Cycle } from '../../shared/domain';

export interface CyclesAround {
  /** The cycle whose startsOn..endsOn contains today (the latest-starting one if several do). */
  current?: Cycle;
  /** The next cycle to start after today. */
  next?: Cycle;
  /** The cycle that ended most recently before today. */
  last?: Cycle;
  /** Today's date in the policy's time zone (yyyy-mm-dd). */
  today: string;
}

/** Today's calendar date in the time zone (cycles are dated in the policy's local calendar). */
export function localDate(at: Date, timezone: string): string {
  return DateTime.fromJSDate(at, { zone: timezone }).toISODate() ?? at.toISOString().slice(0, 10);
}

/**
 * The current, next and last cycles at `at`. Ties (two cycles starting the same day both covering
 * today) go to the one that ends first, then to the greater key, so the answer never depends on
 * the order the database returned them in.
 */
export function cyclesAround(cycles: readonly Cycle[], at: Date, timezone: string): CyclesAround {
  const today = localDate(at, timezone);
  const covering = cycles.filter((c) => c.startsOn <= today && today <= c.endsOn);
  const current = [...covering].sort((a, b) => b.startsOn.localeCompare(a.startsOn) || a.endsOn.localeCompare(b.endsOn) || b.key.localeCompare(a.key))[0];
  const next = cycles.filter((c) => c.startsOn > today).sort((a, b) => a.startsOn.localeCompare(b.startsOn) || b.key.localeCompare(a.key))[0];
  const last = cycles.filter((c) => c.endsOn < today).sort((a, b) => b.endsOn.localeCompare(a.endsOn) || b.startsOn.localeCompare(a.startsOn))[0];
  return { current, next, last, today };
}

/** e.g. "31 August 2026": how the trust's own documents write a date in a sentence. */
export function formatLongDate(isoDate: string): string {
  const d = DateTime.fromISO(isoDate);
  return d.isValid ? `${d.day} ${MONTHS[d.month - 1]} ${d.year}` : isoDate;
}

// Fixed names, not Intl: the same sentence in every runtime (see shared/policy/windows.ts).
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;
