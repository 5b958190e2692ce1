// Bank holidays in England and Wales, computed (no list to keep up to date): a rolled-forward date
// that lands on one is flagged for the PG admin to check. Substitute days follow the usual rule
// (a holiday on a weekend moves to the next weekday). One-off holidays (a coronation) are not known.
import { DateTime } from 'luxon';

/** Easter Sunday (Gregorian, the anonymous algorithm). */
function easterSunday(year: number): DateTime {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return DateTime.fromObject({ year, month, day }, { zone: 'utc' });
}

function firstMonday(year: number, month: number): DateTime {
  const first = DateTime.fromObject({ year, month, day: 1 }, { zone: 'utc' });
  return first.plus({ days: (8 - first.weekday) % 7 });
}

function lastMonday(year: number, month: number): DateTime {
  const last = DateTime.fromObject({ year, month, day: 1 }, { zone: 'utc' }).endOf('month').startOf('day');
  return last.minus({ days: (last.weekday + 6) % 7 });
}

const cache = new Map<number, Map<string, string>>();

/** The year's bank holidays in England and Wales, date → name. */
export function bankHolidaysEnglandAndWales(year: number): Map<string, string> {
  const known = cache.get(year);
  if (known) return known;
  const out = new Map<string, string>();
  const add = (d: DateTime, name: string) => out.set(d.toISODate()!, name);
  const weekdayOnOrAfter = (d: DateTime, taken: Set<string>) => {
    let x = d;
    while (x.weekday > 5 || taken.has(x.toISODate()!)) x = x.plus({ days: 1 });
    taken.add(x.toISODate()!);
    return x;
  };
  const newYear = weekdayOnOrAfter(DateTime.fromObject({ year, month: 1, day: 1 }, { zone: 'utc' }), new Set());
  add(newYear, "New Year's Day");
  const easter = easterSunday(year);
  add(easter.minus({ days: 2 }), 'Good Friday');
  add(easter.plus({ days: 1 }), 'Easter Monday');
  add(firstMonday(year, 5), 'Early May bank holiday');
  add(lastMonday(year, 5), 'Spring bank holiday');
  add(lastMonday(year, 8), 'Summer bank holiday');
  const christmasTaken = new Set<string>();
  add(weekdayOnOrAfter(DateTime.fromObject({ year, month: 12, day: 25 }, { zone: 'utc' }), christmasTaken), 'Christmas Day');
  add(weekdayOnOrAfter(DateTime.fromObject({ year, month: 12, day: 26 }, { zone: 'utc' }), christmasTaken), 'Boxing Day');
  cache.set(year, out);
  return out;
}

/** The bank holiday on this date (YYYY-MM-DD), if any. */
export function bankHolidayOn(isoDate: string): string | undefined {
  return bankHolidaysEnglandAndWales(Number(isoDate.slice(0, 4))).get(isoDate);
}
