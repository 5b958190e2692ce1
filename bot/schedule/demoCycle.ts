// The demo organisation's cycle (`npm start`, DEMO=on): TSFE's year (seed 000 Appendix 3) moved to
// the academic year containing the real date, with fortnightly Friday check-ins whose windows run
// back to back, so a check-in is open at every instant of the year and `check in` always gives the
// card. A pure function of the date: the same year gives the same cycle, so a restart the next day
// (or next month) finds everything already there and only the open window has moved on.
import { DateTime } from 'luxon';
import type { CheckInRules, CycleDefinition, Policy, RockWindow, ScheduleEventDefinition } from '../../shared/domain';
import type { PolicyPack } from '../../shared/policy';

/** The year the shipped pack's dates are written for (TSFE 2025-26 starts in September 2025). */
const PACK_YEAR = 2025;
const LOCAL = "yyyy-MM-dd'T'HH:mm";

/**
 * Demo windows: each check-in opens on its Friday at 08:00 (TSFE: "prompted on the Friday") and
 * stays open until the next one opens a fortnight later, so there is never a moment without one.
 */
export const DEMO_CHECK_INS: CheckInRules = {
  rhythm: 'every other Friday',
  mode: 'individual',
  window: { opensDays: 0, opensAt: '08:00', closesDays: 14, closesAt: '07:59' },
  reminder: { daysBeforeClose: 1, at: '09:00' },
};

export interface DemoYear {
  /** The academic year's first calendar year: 2026 for 2026-27. */
  year: number;
  cycle: CycleDefinition;
  /** The policy's rock windows for that year (Sep–Dec, Jan–Mar, Apr–Aug). */
  rockWindows: RockWindow[];
}

/** The academic year (1 September to 31 August) containing `at` in the time zone. */
export function academicYearOf(at: Date, timezone: string): number {
  const local = DateTime.fromJSDate(at, { zone: timezone });
  return local.month >= 9 ? local.year : local.year - 1;
}

function yearsIn(text: string, year: number): string {
  return text.replace(/\b2026\b/g, String(year + 1)).replace(/\b2025\b/g, String(year)).replace(/\b25-26\b/g, `${String(year).slice(2)}-${String(year + 1).slice(2)}`);
}

/** Moves a pack date by whole weeks (so a Friday stays a Friday), clipped into the cycle. */
function shifted(local: string, days: number, bounds: { first: string; last: string }, timezone: string): string {
  const moved = DateTime.fromISO(local, { zone: timezone }).plus({ days });
  const text = moved.toFormat(local.length > 10 ? LOCAL : 'yyyy-MM-dd');
  if (text.slice(0, 10) < bounds.first) return local.length > 10 ? `${bounds.first}T00:00` : bounds.first;
  if (text.slice(0, 10) > bounds.last) return local.length > 10 ? `${bounds.last}T23:59` : bounds.last;
  return text;
}

/** The fortnightly check-ins of the year: Check in 1 from 1 September, then every other Friday. */
function checkIns(year: number, timezone: string): ScheduleEventDefinition[] {
  const first = DateTime.fromObject({ year, month: 9, day: 1 }, { zone: timezone });
  const end = DateTime.fromObject({ year: year + 1, month: 8, day: 31, hour: 23, minute: 59 }, { zone: timezone });
  // luxon weekday: Monday 1 … Friday 5.
  const firstFriday = first.plus({ days: (5 - first.weekday + 7) % 7 });
  // The year's first window opens at midnight on 1 September (the moment the cycle starts), on
  // 1 September itself when that is not a Friday, else it is that Friday's.
  const opens: DateTime[] = firstFriday.day === 1 ? [] : [first];
  for (let friday = firstFriday; friday <= end; friday = friday.plus({ days: 14 })) opens.push(opens.length === 0 ? first : friday.set({ hour: 8, minute: 0 }));
  return opens.map((open, i) => {
    const next = opens[i + 1];
    const closes = next ? next.minus({ minutes: 1 }) : end;
    const number = i + 1;
    return {
      key: `check-in-${number}`,
      kind: 'check-in',
      number,
      title: `Check in ${number}`,
      date: open.toISODate()!,
      window: { opens: open.toFormat(LOCAL), closes: closes.toFormat(LOCAL) },
      directedHours: 0.25,
      alsoMarks: [],
    };
  });
}

/** The demo cycle and rock windows for the academic year containing `at`. */
export function demoYear(pack: PolicyPack, at: Date): DemoYear {
  const timezone = pack.policy.timezone;
  const year = academicYearOf(at, timezone);
  const startsOn = `${year}-09-01`;
  const endsOn = `${year + 1}-08-31`;
  const bounds = { first: startsOn, last: endsOn };
  const calendarDays = DateTime.fromISO(startsOn).diff(DateTime.fromISO(`${PACK_YEAR}-09-01`), 'days').days;
  const weeks = Math.round(calendarDays / 7) * 7;
  // The pack's other dated steps (review of last year, rock-setting deadlines, aspiration survey,
  // career conversations), moved by whole weeks; its own check-ins are replaced by the fortnightly ones.
  const others = pack.cycle.events
    .filter((e) => e.kind !== 'check-in' && e.kind !== 'optional-check-in')
    .map((e) => ({
      ...e,
      title: yearsIn(e.title, year),
      date: shifted(e.date, weeks, bounds, timezone),
      window: { opens: shifted(e.window.opens, weeks, bounds, timezone), closes: shifted(e.window.closes, weeks, bounds, timezone) },
    }));
  const rockWindows = pack.policy.rocks.windows.map((w) => ({
    ...w,
    label: yearsIn(w.label, year),
    startsOn: w.startsOn.replace(/^\d{4}/, (y) => String(Number(y) - PACK_YEAR + year)),
    endsOn: w.endsOn.replace(/^\d{4}/, (y) => String(Number(y) - PACK_YEAR + year)),
    ...(w.setBy ? { setBy: shifted(w.setBy, weeks, bounds, timezone) } : {}),
  }));
  const yy = `${year}-${String(year + 1).slice(2)}`;
  return {
    year,
    cycle: { key: `demo-${yy}`, label: `Demo ${yy}`, startsOn, endsOn, events: [...checkIns(year, timezone), ...others].sort((a, b) => a.date.localeCompare(b.date) || a.key.localeCompare(b.key)) },
    rockWindows,
  };
}

/** The demo organisation's policy: the pack's, named as a demo, with this year's rock windows and back-to-back windows. */
export function demoPolicy(pack: PolicyPack, year: DemoYear, existing?: Policy): Policy {
  const base = existing ?? { ...pack.policy, id: `${pack.policy.id}-demo`, name: `${pack.policy.name} (demo)` };
  return { ...base, rocks: { ...base.rocks, windows: year.rockWindows }, checkIns: DEMO_CHECK_INS };
}
