import { eligiblePeople, getPolicyPack, isEligible } from '../../../shared/policy';
import { buildPerson, buildPolicy } from './builders';

const tsfe = getPolicyPack('tsfe-2025-26').policy;
const tsat = getPolicyPack('tsat-2023-24').policy;
const AUTUMN = new Date('2025-11-14T12:00:00Z');

describe('isEligible', () => {
  it('includes an active member of staff with no exclusion', () => {
    expect(isEligible(buildPerson({ roleCategory: 'support', contractMonths: 12 }), tsfe, AUTUMN)).toEqual({ eligible: true });
  });

  it('leaves out staff paused for support or capability, saying why', () => {
    const paused = buildPerson({ status: 'paused', statusReason: 'formal support plan' });
    expect(isEligible(paused, tsfe, AUTUMN)).toEqual({ eligible: false, reason: 'professional growth is paused (formal support plan)' });
  });

  it('keeps paused staff in when a policy does not exclude them', () => {
    const paused = buildPerson({ status: 'paused' });
    const policy = buildPolicy({ exclusions: { ...tsfe.exclusions, excludePaused: false } });
    expect(isEligible(paused, policy, AUTUMN).eligible).toBe(true);
  });

  it('leaves out excluded staff', () => {
    const result = isEligible(buildPerson({ status: 'excluded', statusReason: 'long-term absence' }), tsfe, AUTUMN);
    expect(result).toEqual({ eligible: false, reason: 'excluded from professional growth (long-term absence)' });
  });

  it('leaves out the role categories the policy names, whatever their case', () => {
    expect(isEligible(buildPerson({ roleCategory: 'ECT' }), tsfe, AUTUMN)).toEqual({ eligible: false, reason: 'ECT staff are outside this policy' });
    expect(isEligible(buildPerson({ roleCategory: 'nqt' }), tsfe, AUTUMN).eligible).toBe(false);
    expect(isEligible(buildPerson({ roleCategory: 'ect' }), tsat, AUTUMN).eligible).toBe(false);
    // seed 001 excludes ECTs only
    expect(isEligible(buildPerson({ roleCategory: 'NQT' }), tsat, AUTUMN).eligible).toBe(true);
  });

  it('leaves out a fixed-term contract ending within the policy minimum from today, or already ended', () => {
    // TSFE: three months. 14 Nov 2025 + 3 months = 14 Feb 2026.
    expect(isEligible(buildPerson({ contractEndsOn: '2026-02-13' }), tsfe, AUTUMN)).toEqual({
      eligible: false,
      reason: "contract ends on 2026-02-13, within the policy's minimum of 3 months",
    });
    expect(isEligible(buildPerson({ contractEndsOn: '2026-02-14' }), tsfe, AUTUMN).eligible).toBe(true);
    expect(isEligible(buildPerson({ contractEndsOn: '2025-10-31' }), tsfe, AUTUMN)).toEqual({ eligible: false, reason: 'contract ended on 2025-10-31' });
    // TSAT has no minimum: only an ended contract is left out.
    expect(isEligible(buildPerson({ contractEndsOn: '2025-11-20' }), tsat, AUTUMN).eligible).toBe(true);
  });

  it('leaves out contracts shorter than the minimum (seed 000: less than one term)', () => {
    expect(isEligible(buildPerson({ contractMonths: 2 }), tsfe, AUTUMN)).toEqual({
      eligible: false,
      reason: "contract of 2 months is shorter than the policy's minimum of 3",
    });
    expect(isEligible(buildPerson({ contractMonths: 3 }), tsfe, AUTUMN).eligible).toBe(true);
    expect(isEligible(buildPerson({}), tsfe, AUTUMN).eligible).toBe(true);
    expect(isEligible(buildPerson({ contractMonths: 2 }), tsat, AUTUMN).eligible).toBe(true);
  });

  it('includes someone from their start date, read in the policy time zone', () => {
    const starter = buildPerson({ startedOn: '2025-10-01' });
    expect(isEligible(starter, tsfe, new Date('2025-09-30T22:59:00Z'))).toEqual({ eligible: false, reason: 'starts on 2025-10-01' });
    // 23:30 UTC on 30 September is 00:30 BST on 1 October
    expect(isEligible(starter, tsfe, new Date('2025-09-30T23:30:00Z')).eligible).toBe(true);
  });
});

describe('eligiblePeople', () => {
  it('keeps only the eligible, in order', () => {
    const a = buildPerson({ displayName: 'A' });
    const b = buildPerson({ displayName: 'B', roleCategory: 'ECT' });
    const c = buildPerson({ displayName: 'C', status: 'paused' });
    const d = buildPerson({ displayName: 'D', roleCategory: 'teacher' });
    expect(eligiblePeople([a, b, c, d], tsfe, AUTUMN).map((p) => p.displayName)).toEqual(['A', 'D']);
  });
});
