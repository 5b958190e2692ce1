// Who takes part in the cycle (and so is prompted): seed 000 §2 leaves out contracts of less than a
// term, staff in induction (NQT/ECT) and staff under capability; seed 001 leaves out ECTs.
import { DateTime } from 'luxon';
import type { Person, Policy } from '../domain';

export interface Eligibility {
  eligible: boolean;
  /** Why not, in words an administrator can act on. */
  reason?: string;
}

type EligibilityFacts = Pick<Person, 'status' | 'roleCategory' | 'contractMonths' | 'startedOn'> & Partial<Pick<Person, 'statusReason' | 'contractEndsOn'>>;
type EligibilityRules = Pick<Policy, 'exclusions' | 'timezone'>;

const normalise = (s: string) => s.trim().toLowerCase();

/**
 * `at` matters only for people who have not started yet: someone whose `startedOn` is after `at`
 * (a calendar date in the policy's time zone) is not prompted until they join.
 */
export function isEligible(person: EligibilityFacts, policy: EligibilityRules, at: Date = new Date()): Eligibility {
  const because = person.statusReason ? ` (${person.statusReason})` : '';
  if (person.status === 'excluded') return { eligible: false, reason: `excluded from professional growth${because}` };
  if (person.status === 'paused' && policy.exclusions.excludePaused) {
    return { eligible: false, reason: `professional growth is paused${because}` };
  }
  const category = normalise(person.roleCategory);
  if (policy.exclusions.roleCategories.some((c) => normalise(c) === category)) {
    return { eligible: false, reason: `${person.roleCategory} staff are outside this policy` };
  }
  const min = policy.exclusions.minContractMonths;
  // An unknown contract length is not a short one: most staff records carry none.
  if (person.contractMonths !== undefined && person.contractMonths < min) {
    return { eligible: false, reason: `contract of ${person.contractMonths} months is shorter than the policy's minimum of ${min}` };
  }
  const today = DateTime.fromJSDate(at, { zone: policy.timezone });
  const todayIso = today.toISODate();
  if (person.startedOn && todayIso !== null && person.startedOn > todayIso) return { eligible: false, reason: `starts on ${person.startedOn}` };
  // seed 000 §2: a contract of less than a term is outside the policy; a fixed-term contract ending
  // sooner than the policy's minimum from today is treated the same (and an ended one, always).
  if (person.contractEndsOn && todayIso !== null) {
    if (person.contractEndsOn < todayIso) return { eligible: false, reason: `contract ended on ${person.contractEndsOn}` };
    const horizon = today.plus({ months: min }).toISODate();
    if (min > 0 && horizon !== null && person.contractEndsOn < horizon) {
      return { eligible: false, reason: `contract ends on ${person.contractEndsOn}, within the policy's minimum of ${min} months` };
    }
  }
  return { eligible: true };
}

export function eligiblePeople<P extends EligibilityFacts>(people: readonly P[], policy: EligibilityRules, at: Date = new Date()): P[] {
  return people.filter((p) => isEligible(p, policy, at).eligible);
}
