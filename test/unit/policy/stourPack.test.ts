// The Stour Federation packs (seed 004): growth projects on the four 2030 Drivers, half-termly group
// coaching check-ins, sharing at the end of the cycle; 2026-27 is 2025-26 moved 52 weeks on.
import { DateTime } from 'luxon';
import { getPolicyPack } from '../../../shared/policy';

const weekday = (d: string) => DateTime.fromISO(d, { zone: 'Europe/London' }).weekdayLong;

describe.each(['stour-2025-26', 'stour-2026-27'])('%s', (id) => {
  const { policy, cycle } = getPolicyPack(id);

  it('calls the rock a growth project and aligns it to at least one of the four 2030 Drivers', () => {
    expect(policy.vocabulary).toMatchObject({ rock: 'growth project', rocks: 'growth projects' });
    expect(policy.alignment.minimum).toBe(1);
    expect(policy.alignment.options.map((o) => o.label)).toEqual(['Wellbeing & Learning', 'Social Intelligence & Artificial Intelligence', 'Equity-Equality Investments', 'Systemness']);
  });

  it('runs check-ins as group coaching sessions, one a half term, on Mondays, then the sharing', () => {
    expect(policy.checkIns.mode).toBe('group');
    const checkIns = cycle.events.filter((e) => e.kind === 'check-in');
    expect(checkIns.map((e) => e.number)).toEqual([1, 2, 3, 4, 5]);
    expect(cycle.events.every((e) => weekday(e.date) === 'Monday')).toBe(true);
    const sharing = cycle.events.filter((e) => e.kind === 'group-sharing');
    expect(sharing).toHaveLength(1);
    expect(sharing[0]!.date > checkIns[checkIns.length - 1]!.date).toBe(true);
  });

  it('excludes ECTs (section 6) and says why each date was chosen', () => {
    expect(policy.exclusions.roleCategories).toContain('ECT');
    expect(getPolicyPack(id).notes.join(' ')).toMatch(/half term/);
  });
});

it('rolls 2025-26 forward 364 days into 2026-27, so an event open on 1 Dec 2026 exists', () => {
  const a = getPolicyPack('stour-2025-26').cycle.events;
  const b = getPolicyPack('stour-2026-27').cycle.events;
  expect(b.map((e) => e.key)).toEqual(a.map((e) => e.key));
  for (const [i, e] of a.entries()) expect(DateTime.fromISO(b[i]!.date).diff(DateTime.fromISO(e.date), 'days').days).toBe(364);
  const first = b.find((e) => e.key === 'check-in-1')!;
  expect(first.window.opens <= '2026-12-01T10:00' && first.window.closes >= '2026-12-01T10:00').toBe(true);
});
