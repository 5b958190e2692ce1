// Rolling a cycle forward to next year: weekdays and fortnightly spacing kept, the September start,
// deadline events still opening at the start of the year, BST/GMT windows right, rock windows dated.
import { DateTime } from 'luxon';
import type { ScheduleEventDefinition } from '../../../shared/domain';
import { bankHolidayOn, bankHolidaysEnglandAndWales, getPolicyPack, nextYearText, rockWindowsOf, rollCycleForward, windowInstants } from '../../../shared/policy';

const LONDON = 'Europe/London';
const tsfe = getPolicyPack('tsfe-2025-26');
const rolled = rollCycleForward(tsfe.cycle, tsfe.cycle.events, rockWindowsOf(tsfe.policy, tsfe.cycle), LONDON);
const weekday = (iso: string) => DateTime.fromISO(iso, { zone: LONDON }).weekday;
const days = (a: string, b: string) => DateTime.fromISO(b, { zone: 'utc' }).diff(DateTime.fromISO(a, { zone: 'utc' }), 'days').days;
const byKey = (key: string) => rolled.cycle.events.find((e) => e.key === key)!;

describe('rolling TSFE 2025-26 forward', () => {
  it('starts in September of the next year and names it 2026-27', () => {
    expect(rolled.cycle).toMatchObject({ key: '2026-27', label: 'TSFE 2026-27', startsOn: '2026-09-01', endsOn: '2027-08-31' });
    expect(rolled.weeks).toBe(52);
  });

  it('keeps every event on its weekday (all Fridays) and every event inside the new year', () => {
    expect(rolled.cycle.events).toHaveLength(tsfe.cycle.events.length);
    for (const e of rolled.cycle.events) {
      expect(weekday(e.date)).toBe(5);
      expect(e.date >= '2026-09-01' && e.date <= '2027-08-31').toBe(true);
    }
  });

  it('keeps the fortnightly spacing between check-ins', () => {
    const before = tsfe.cycle.events.filter((e) => e.kind === 'check-in').map((e) => e.date);
    const after = rolled.cycle.events.filter((e) => e.kind === 'check-in').map((e) => e.date);
    const gaps = (dates: string[]) => dates.slice(1).map((d, i) => days(dates[i]!, d));
    expect(gaps(after)).toEqual(gaps(before));
    expect(gaps(after)[0]).toBe(14);
    expect(byKey('check-in-1').date).toBe('2026-11-13');
    expect(byKey('check-in-6').date).toBe('2027-02-26');
  });

  it('keeps each window the same shape: Friday 08:00 to the next Thursday 23:59', () => {
    expect(byKey('check-in-1').window).toEqual({ opens: '2026-11-13T08:00', closes: '2026-11-19T23:59' });
  });

  it('keeps deadline events opening at the start of the year and closing on their (moved) deadline', () => {
    expect(byKey('review-of-last-year').window).toEqual({ opens: '2026-09-01T08:00', closes: '2026-09-18T23:59' });
    expect(byKey('rock-setting-terms-1-2').window).toEqual({ opens: '2026-09-01T08:00', closes: '2026-10-30T23:59' });
  });

  it('gives BST and GMT windows the right instants (08:00 local either side of the clocks going back)', () => {
    // 25 Oct 2026: clocks go back. The optional check-in (2 Oct) is in BST, Check in 1 (13 Nov) in GMT.
    expect(windowInstants(byKey('optional-check-in'), LONDON).opensAt.toISOString()).toBe('2026-10-02T07:00:00.000Z');
    expect(windowInstants(byKey('check-in-1'), LONDON).opensAt.toISOString()).toBe('2026-11-13T08:00:00.000Z');
    // The rock-setting window spans the change: it opens 08:00 BST and closes 23:59 GMT.
    expect(windowInstants(byKey('rock-setting-terms-1-2'), LONDON).opensAt.toISOString()).toBe('2026-09-01T07:00:00.000Z');
    expect(windowInstants(byKey('rock-setting-terms-1-2'), LONDON).closesAt.toISOString()).toBe('2026-10-30T23:59:59.999Z');
    // Check in 8 (23 Apr 2027) is back in BST.
    expect(windowInstants(byKey('check-in-8'), LONDON).opensAt.toISOString()).toBe('2027-04-23T07:00:00.000Z');
  });

  it('dates the rock windows a year on; a deadline that was an event follows the event', () => {
    expect(rolled.cycle.rockWindows).toEqual([
      { id: 'sep-dec', label: 'Terms 1 & 2 (Sep–Dec 2026)', startsOn: '2026-09-01', endsOn: '2026-12-31', setBy: '2026-10-30' },
      { id: 'jan-mar', label: 'Terms 3 & 4 (Jan–Mar 2027)', startsOn: '2027-01-01', endsOn: '2027-03-31', setBy: '2027-01-10' },
      { id: 'apr-aug', label: 'Terms 5 & 6 (Apr–Aug 2027)', startsOn: '2027-04-01', endsOn: '2027-08-31', setBy: '2027-04-23' },
    ]);
  });

  it('flags the career conversation landing on Good Friday 2027 for the admin to check', () => {
    expect(bankHolidayOn('2027-03-26')).toBe('Good Friday');
    expect(rolled.warnings).toEqual([expect.stringMatching(/Career conversations.*Fri 26 Mar 2027.*Good Friday/)]);
  });
});

describe('roll-forward edge cases', () => {
  const event = (key: string, date: string, opens: string, closes: string, extra: Partial<ScheduleEventDefinition> = {}): ScheduleEventDefinition => ({
    key, kind: 'check-in', number: Number(key.split('-').pop()), title: key, date, window: { opens, closes }, directedHours: 0.25, alsoMarks: [], ...extra,
  });

  it('moves an event that would fall before the new start a week later (same weekday) and says so', () => {
    // Mon 1 Sep 2025 + 52 weeks = Mon 31 Aug 2026, before the 2026-27 start.
    const out = rollCycleForward({ key: '2025-26', label: 'Y 2025-26', startsOn: '2025-09-01', endsOn: '2026-08-31' }, [event('check-in-1', '2025-09-01', '2025-09-01T08:00', '2025-09-05T17:00'), event('check-in-2', '2025-09-15', '2025-09-15T08:00', '2025-09-19T17:00')], [], LONDON);
    expect(out.events.map((e) => [e.event.date, e.weeks])).toEqual([['2026-09-07', 53], ['2026-09-14', 52]]);
    expect(weekday('2026-09-07')).toBe(1);
    expect(out.cycle.events[0]!.window).toEqual({ opens: '2026-09-07T08:00', closes: '2026-09-11T17:00' });
    expect(out.warnings.some((w) => /moved 53 weeks instead of 52/.test(w))).toBe(true);
  });

  it('reports a window time that does not exist next year (the hour the clocks go forward)', () => {
    // Clocks go forward at 01:00 on Sun 30 Mar 2025 and Sun 29 Mar 2026: 01:30 does not exist on those days.
    const out = rollCycleForward({ key: '2024-25', label: 'Y 2024-25', startsOn: '2024-09-01', endsOn: '2025-08-31' }, [event('check-in-1', '2025-03-31', '2025-03-31T01:30', '2025-04-03T17:00')], [], LONDON);
    expect(out.cycle.events[0]!.window.opens).toBe('2026-03-30T01:30');
    expect(out.warnings).toEqual([]);
    const gap = rollCycleForward({ key: '2024-25', label: 'Y 2024-25', startsOn: '2024-09-01', endsOn: '2025-08-31' }, [event('check-in-1', '2025-03-30', '2025-03-30T01:30', '2025-04-03T17:00', { kind: 'check-in' })], [], LONDON);
    expect(gap.cycle.events[0]!.window.opens).toBe('2026-03-29T01:30');
    expect(gap.warnings.join(' ')).toMatch(/does not exist in Europe\/London/);
  });

  it('moves the years named in labels and keys', () => {
    expect(nextYearText('TSFE 2025-26')).toBe('TSFE 2026-27');
    expect(nextYearText('2099/00 plan')).toBe('2100/01 plan');
    expect(nextYearText('Terms 1 & 2 (Sep–Dec 2025)')).toBe('Terms 1 & 2 (Sep–Dec 2026)');
  });
});

describe('bank holidays in England and Wales', () => {
  it('knows 2026 and 2027, substitute days included', () => {
    const names = (year: number) => [...bankHolidaysEnglandAndWales(year)].sort(([a], [b]) => a.localeCompare(b));
    expect(names(2026)).toEqual([
      ['2026-01-01', "New Year's Day"], ['2026-04-03', 'Good Friday'], ['2026-04-06', 'Easter Monday'], ['2026-05-04', 'Early May bank holiday'],
      ['2026-05-25', 'Spring bank holiday'], ['2026-08-31', 'Summer bank holiday'], ['2026-12-25', 'Christmas Day'], ['2026-12-28', 'Boxing Day'],
    ]);
    // 2027: Christmas on a Saturday, Boxing Day on a Sunday → Monday 27 and Tuesday 28 December.
    expect(names(2027).slice(-2)).toEqual([['2027-12-27', 'Christmas Day'], ['2027-12-28', 'Boxing Day']]);
    expect(bankHolidayOn('2027-03-29')).toBe('Easter Monday');
    expect(bankHolidayOn('2027-03-25')).toBeUndefined();
  });
});

describe('rolling TSAT 2023-24 forward', () => {
  it('names the new year in a rock window whose id and label are the year', () => {
    const tsat = getPolicyPack('tsat-2023-24');
    const out = rollCycleForward(tsat.cycle, tsat.cycle.events, rockWindowsOf(tsat.policy, tsat.cycle), tsat.policy.timezone);
    expect(out.cycle.rockWindows).toEqual([{ id: '2024-25', label: '2024-25', startsOn: '2024-09-01', endsOn: '2025-08-31', setBy: expect.any(String) }]);
    expect(out.cycle).toMatchObject({ key: nextYearText(tsat.cycle.key), startsOn: '2024-09-01', endsOn: '2025-08-31' });
    // seed 001's windows open Monday and close Friday: still so.
    const checkIns = out.cycle.events.filter((e) => e.kind === 'check-in');
    expect(checkIns.length).toBeGreaterThan(0);
    for (const e of checkIns) expect(DateTime.fromISO(e.window.opens.slice(0, 10)).weekday).toBe(DateTime.fromISO(tsat.cycle.events.find((t) => t.key === e.key)!.window.opens.slice(0, 10)).weekday);
  });
});

describe('rockWindowsOf', () => {
  it("is the cycle's own rock windows when it has them, else the policy's", () => {
    expect(rockWindowsOf(tsfe.policy, { rockWindows: rolled.cycle.rockWindows })[0]!.startsOn).toBe('2026-09-01');
    expect(rockWindowsOf(tsfe.policy, {})).toBe(tsfe.policy.rocks.windows);
    expect(rockWindowsOf(tsfe.policy, null)).toBe(tsfe.policy.rocks.windows);
  });
});

describe('the shipped TSFE 2026-27 pack', () => {
  const next = getPolicyPack('tsfe-2026-27');
  it('is the roll-forward of 2025-26, says so, and tells the admin what to check', () => {
    expect(next.cycle.events).toEqual(rolled.cycle.events);
    expect(next.cycle.rockWindows).toEqual(rolled.cycle.rockWindows);
    expect(next.policy.rocks.windows).toEqual(rolled.cycle.rockWindows);
    expect(next.policy.rocks.carryOver).toBe('drafts');
    expect(next.notes[0]).toMatch(/Rolled forward from tsfe-2025-26/);
    expect(next.notes.join(' ')).toMatch(/term dates.*bank holidays/);
    expect(next.notes.join(' ')).toMatch(/Good Friday/);
  });
});
