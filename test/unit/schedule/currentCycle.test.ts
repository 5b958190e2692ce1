// Which cycle is current is decided by the calendar in the policy's time zone; the demo year has a
// check-in open at every hour of every day.
import { cyclesAround, formatLongDate } from '../../../bot/schedule/cycles';
import { noCycleForAdmins, noCycleForStaff } from '../../../bot/schedule/cycleWords';
import { demoPolicy, demoYear } from '../../../bot/schedule/demoCycle';
import { getPolicyPack, openEventAt, parsePolicyPack } from '../../../shared/policy';
import { buildCycle } from '../../support/builders';

const LONDON = 'Europe/London';
const y2526 = buildCycle({ key: '2025-26', label: 'TSFE 2025-26', startsOn: '2025-09-01', endsOn: '2026-08-31', current: true });
const y2627 = buildCycle({ key: '2026-27', label: 'TSFE 2026-27', startsOn: '2026-09-01', endsOn: '2027-08-31', current: false });

describe('cyclesAround', () => {
  test('the stored flag does not decide; the dates do, in the policy time zone', () => {
    // 23:30 UTC on 31 August is 00:30 on 1 September in London (BST).
    expect(cyclesAround([y2526, y2627], new Date('2026-08-31T22:30:00Z'), LONDON).current?.key).toBe('2025-26');
    const september = cyclesAround([y2526, y2627], new Date('2026-08-31T23:30:00Z'), LONDON);
    expect(september).toMatchObject({ today: '2026-09-01', current: { key: '2026-27' }, last: { key: '2025-26' } });
    expect(september.next).toBeUndefined();
  });

  test('between cycles: no current one, the next to start and the last that ended', () => {
    const spring = buildCycle({ key: 'spring', label: 'Spring', startsOn: '2027-01-04', endsOn: '2027-08-31' });
    const around = cyclesAround([spring, y2526], new Date('2026-12-01T11:00:00Z'), LONDON);
    expect(around.current).toBeUndefined();
    expect(around.next?.key).toBe('spring');
    expect(around.last?.key).toBe('2025-26');
  });

  test('overlapping cycles: the latest-starting one is current', () => {
    const rerun = buildCycle({ key: 'spring-rerun', startsOn: '2026-01-05', endsOn: '2026-08-31' });
    expect(cyclesAround([y2526, rerun], new Date('2026-02-27T10:00:00Z'), LONDON).current?.key).toBe('spring-rerun');
    expect(cyclesAround([rerun, y2526], new Date('2025-12-01T10:00:00Z'), LONDON).current?.key).toBe('2025-26');
  });

  test('the words say the dates as the trust writes them', () => {
    expect(formatLongDate('2026-08-31')).toBe('31 August 2026');
    const admins = noCycleForAdmins({ last: y2526 }, { checkIn: 'check-in' });
    expect(admins).toBe(
      "No cycle covers today. The last one, TSFE 2025-26, ended on 31 August 2026. Start the next one: @mention me here with `cycle next` to preview next year's cycle (from a policy pack, next year's table, or the last one rolled forward to next year's weeks), check its dates and confirm. Until then no check-ins are prompted, and staff who type `check in` are told the next cycle is not scheduled yet.",
    );
    expect(noCycleForStaff({ next: y2627 }, { checkIn: 'objective check-in' })).toBe(
      "There is no professional growth cycle running today. The next one, TSFE 2026-27, starts on 1 September 2026; I'll send you each objective check-in here when its window opens.",
    );
  });
});

describe('the demo year', () => {
  const pack = getPolicyPack('tsfe-2025-26');

  test.each([2026, 2027, 2028, 2031])('a check-in is open at every hour of academic year %i, and the year is a valid cycle', (year) => {
    const { cycle, rockWindows } = demoYear(pack, new Date(Date.UTC(year, 9, 1)));
    expect(cycle).toMatchObject({ key: `demo-${year}-${String(year + 1).slice(2)}`, startsOn: `${year}-09-01`, endsOn: `${year + 1}-08-31` });
    // Every event is dated inside the cycle; check-ins fall on Fridays after the first.
    for (const e of cycle.events) expect(e.date >= cycle.startsOn && e.date <= cycle.endsOn).toBe(true);
    expect(cycle.events.filter((e) => e.kind === 'check-in').slice(1).every((e) => new Date(`${e.date}T12:00:00Z`).getUTCDay() === 5)).toBe(true);
    // From 00:00 on 1 September (BST) to 23:59 on 31 August, every 59 minutes (so every minute of
    // the hour comes round), and the first and last minute of the year.
    const start = Date.UTC(year, 7, 31, 23, 0);
    const end = Date.UTC(year + 1, 7, 31, 22, 59);
    const uncovered: string[] = [];
    for (let t = start; t <= end; t = t + 59 * 60_000 > end && t < end ? end : t + 59 * 60_000) {
      if (!openEventAt(cycle.events, new Date(t), LONDON, ['check-in'])) uncovered.push(new Date(t).toISOString());
    }
    expect(uncovered).toEqual([]);
    expect(demoYear(pack, new Date(end)).cycle.key).toBe(cycle.key);
    expect(demoYear(pack, new Date(end + 60_000)).cycle.key).not.toBe(cycle.key);
    const today = new Date(Date.UTC(year, 11, 1, 12));
    // As valid as a shipped pack (every event inside the cycle and its own window, times that exist).
    expect(() => parsePolicyPack({ policy: demoPolicy(pack, demoYear(pack, today)), cycle }, 'demo')).not.toThrow();
    expect(rockWindows.some((w) => w.startsOn <= `${year}-12-01` && `${year}-12-01` <= w.endsOn)).toBe(true);
    expect(demoPolicy(pack, demoYear(pack, today)).rocks.windows[0]?.label).toBe(`Terms 1 & 2 (Sep–Dec ${year})`);
  });
});
