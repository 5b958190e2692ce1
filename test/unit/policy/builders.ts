// Small builders for policy tests (STYLE.md §8): a valid person or policy with just the fields a test cares about.
import { personSchema, policySchema, type Person, type Policy } from '../../../shared/domain';
import { getPolicyPack } from '../../../shared/policy';

let next = 0;
export function buildPerson(overrides: Partial<Omit<Person, 'createdAt' | 'updatedAt'>> = {}): Person {
  next += 1;
  const input: Record<string, unknown> = {
    id: `person-${next}`,
    organisationId: 'org-tsat',
    displayName: `Person ${next}`,
    email: `person${next}@example.org`,
    createdAt: new Date('2025-09-01T00:00:00Z'),
    updatedAt: new Date('2025-09-01T00:00:00Z'),
    ...overrides,
  };
  return personSchema.parse(input);
}

/** The default pack's policy with some rules changed, e.g. a seed 002 coaching policy. */
export function buildPolicy(overrides: Partial<Policy> = {}): Policy {
  return policySchema.parse({ ...getPolicyPack('tsfe-2025-26').policy, ...overrides });
}
