// Small builders for card tests (STYLE.md §8): a valid entity with overrides.
import type { CheckIn, Person, Policy, Rock, ScheduleEvent } from '../../../shared/domain';

const at = new Date('2026-02-27T15:30:00Z');

export const vocabulary: Policy['vocabulary'] = { rock: 'rock', rocks: 'rocks', checkIn: 'check-in', reviewer: 'reviewer' };

export function buildPerson(overrides: Partial<Person> = {}): Person {
  return {
    id: 'person-amira',
    organisationId: 'org-1',
    displayName: 'Amira Khan',
    email: 'amira.khan@school.example',
    school: 'Stour Primary',
    roleCategory: 'teacher',
    roles: [],
    status: 'active',
    reachable: true,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

export function buildEvent(overrides: Partial<ScheduleEvent> = {}): ScheduleEvent {
  return {
    id: 'event-check-in-6',
    organisationId: 'org-1',
    cycleId: 'cycle-2025-26',
    key: 'check-in-6',
    kind: 'check-in',
    number: 6,
    title: 'Check in 6',
    date: '2026-02-27',
    window: { opens: '2026-02-27T08:00', closes: '2026-03-06T17:00' },
    directedHours: 0.5,
    alsoMarks: [],
    status: 'scheduled',
    version: 0,
    ...overrides,
  };
}

export function buildRock(overrides: Partial<Rock> = {}): Rock {
  return {
    id: 'rock-1',
    organisationId: 'org-1',
    personId: 'person-amira',
    cycleId: 'cycle-2025-26',
    slotId: 'trust',
    rockWindowId: 'terms-3-4',
    title: 'Improve written feedback in Year 9 maths',
    description: '',
    alignment: [],
    successCriteria: [
      { id: 'sc-1', text: 'Whole-class feedback sheet used weekly', done: true },
      { id: 'sc-2', text: 'Book look shows responses to feedback', done: false },
    ],
    status: 'agreed',
    history: [],
    version: 0,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

export function buildCheckIn(overrides: Partial<CheckIn> = {}): CheckIn {
  return {
    id: 'checkin-1',
    organisationId: 'org-1',
    personId: 'person-amira',
    cycleId: 'cycle-2025-26',
    eventId: 'event-check-in-6',
    answers: {
      www: 'Year 9 set 3 used the feedback sheet without prompting',
      ebi: '',
      whatsNext: 'Try the same sheet with Year 8',
      rockProgress: [{ rockId: 'rock-1', rockTitle: 'Improve written feedback in Year 9 maths', progress: 'sheet, routine, responses' }],
      score: 7,
    },
    praise: [{ personId: 'person-ben', displayName: 'Ben Osei' }],
    praiseMessage: 'Thanks for covering my duty on Tuesday',
    submittedAt: at,
    timeliness: 'on-time',
    reviewerId: 'person-carol',
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}
