// Rock windows and their setting deadlines, from the shipped packs (seed 000 Appendix 4; seed 001).
import type { Rock } from '../../../shared/domain';
import { bankFor, currentRockWindow, getPolicyPack, parsePolicyPack, rockDeadlines, rockDeadlineState } from '../../../shared/policy';
import tsatJson from '../../../shared/policy/packs/tsat-2023-24.json';

const tsfe = getPolicyPack('tsfe-2025-26');
const tsat = getPolicyPack('tsat-2023-24');
const at = (iso: string) => new Date(iso);

describe('currentRockWindow', () => {
  it('is the window today falls in, in the policy time zone, else the next to start', () => {
    expect(currentRockWindow(tsfe.policy, at('2026-02-27T12:00:00Z'))?.id).toBe('jan-mar');
    // 23:30 UTC on 31 March is already 1 April in London (BST).
    expect(currentRockWindow(tsfe.policy, at('2026-03-31T23:30:00Z'))?.id).toBe('apr-aug');
    expect(currentRockWindow(tsfe.policy, at('2025-08-01T12:00:00Z'))?.id).toBe('sep-dec');
    expect(currentRockWindow(tsfe.policy, at('2026-09-15T12:00:00Z'))).toBeUndefined();
  });

  it("keeps to the cycle's windows when given one", () => {
    const nextYear = { startsOn: '2026-09-01', endsOn: '2027-08-31' };
    expect(currentRockWindow(tsfe.policy, at('2026-02-27T12:00:00Z'), nextYear)).toBeUndefined();
    expect(currentRockWindow(tsfe.policy, at('2026-02-27T12:00:00Z'), tsfe.cycle)?.id).toBe('jan-mar');
  });
});

describe('rockDeadlines (TSFE 2025-26)', () => {
  const deadlines = rockDeadlines(tsfe.policy, tsfe.cycle.events, tsfe.cycle);
  const of = (id: string) => deadlines.find((d) => d.window.id === id)!;

  it("Rock 1's setting runs over the cycle's rock-setting event: 1 September to 31 October", () => {
    expect(of('sep-dec')).toMatchObject({ setBy: '2025-10-31', eventKey: 'rock-setting-terms-1-2' });
    expect(of('sep-dec').opensAt.toISOString()).toBe('2025-09-01T07:00:00.000Z');
    expect(of('sep-dec').dueAt.toISOString()).toBe('2025-10-31T23:59:59.999Z');
    expect(of('sep-dec').remindAt?.toISOString()).toBe('2025-10-24T08:00:00.000Z');
    expect(of('sep-dec').overdueAt.toISOString()).toBe('2025-11-01T09:00:00.000Z');
  });

  it('a window with no event opens 28 days before its deadline and reminds 7 days before, at 09:00 local', () => {
    expect(of('jan-mar').setBy).toBe('2026-01-10');
    expect(of('jan-mar').opensAt.toISOString()).toBe('2025-12-13T09:00:00.000Z');
    expect(of('jan-mar').remindAt?.toISOString()).toBe('2026-01-03T09:00:00.000Z');
    expect(of('apr-aug').remindAt?.toISOString()).toBe('2026-04-17T08:00:00.000Z'); // BST
  });

  it('has no reminder when it would come before setting opens', () => {
    const policy = { ...tsfe.policy, rocks: { ...tsfe.policy.rocks, deadlines: { opensDaysBefore: 3, reminderDaysBefore: 7, at: '09:00' } } };
    const d = rockDeadlines(policy, tsfe.cycle.events, tsfe.cycle).find((x) => x.window.id === 'jan-mar')!;
    expect(d.opensAt.toISOString()).toBe('2026-01-07T09:00:00.000Z');
    expect(d.remindAt).toBeUndefined();
  });

  it('tells open, set, overdue, set late and missed apart', () => {
    const d = of('jan-mar');
    const agreedOn = (iso: string): Pick<Rock, 'status' | 'history'> => ({ status: 'agreed', history: [{ at: at(iso), byPersonId: 'r', action: 'agreed', status: 'agreed' }] });
    const three = (iso: string) => [agreedOn(iso), agreedOn(iso), agreedOn(iso)];
    expect(rockDeadlineState(tsfe.policy, d, [], at('2025-12-01T12:00:00Z'))).toBe('not-open');
    expect(rockDeadlineState(tsfe.policy, d, [agreedOn('2026-01-05T12:00:00Z')], at('2026-01-06T12:00:00Z'))).toBe('open');
    expect(rockDeadlineState(tsfe.policy, d, three('2026-01-05T12:00:00Z'), at('2026-02-01T12:00:00Z'))).toBe('set');
    expect(rockDeadlineState(tsfe.policy, d, [agreedOn('2026-01-05T12:00:00Z')], at('2026-01-12T12:00:00Z'))).toBe('overdue');
    expect(rockDeadlineState(tsfe.policy, d, three('2026-01-20T12:00:00Z'), at('2026-02-01T12:00:00Z'))).toBe('set-late');
    expect(rockDeadlineState(tsfe.policy, d, [], at('2026-04-02T12:00:00Z'))).toBe('missed');
  });
});

describe('objectives bank', () => {
  it("gives TSAT's phrases per theme, and TSFE's to every slot", () => {
    expect(bankFor(tsat.policy, tsat.policy.rocks.slots[1]!)).toContain('Who would benefit most from you making a change to the way you work?');
    expect(bankFor(tsat.policy, tsat.policy.rocks.slots[0]!)).not.toContain('Who would benefit most from you making a change to the way you work?');
    expect(bankFor(tsfe.policy, tsfe.policy.rocks.slots[2]!)).toEqual(expect.arrayContaining([expect.stringMatching(/^Measurable/)]));
    expect(tsat.policy.rocks).toMatchObject({ maxRocks: 6, priorities: 3 });
  });
});

describe('rock rules in a pack', () => {
  it('names a bank key that is no slot, too few rocks and too many priorities', () => {
    const input = JSON.parse(JSON.stringify(tsatJson)) as { policy: { rocks: Record<string, unknown> } };
    input.policy.rocks.bank = { 'Impact on Trust': ['ok'], 'impact-on-tryst': ['typo'] };
    input.policy.rocks.maxRocks = 2;
    input.policy.rocks.priorities = 4;
    expect(() => parsePolicyPack(input, 'test pack')).toThrow(/policy\.rocks\.bank\.impact-on-tryst.*not a slot id or theme/s);
    expect(() => parsePolicyPack(input, 'test pack')).toThrow(/policy\.rocks\.maxRocks.*at least one per slot/s);
    expect(() => parsePolicyPack(input, 'test pack')).toThrow(/policy\.rocks\.priorities/);
  });
});
