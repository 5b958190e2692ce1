// Test data builders (STYLE.md §8): sensible defaults, a fresh id each time, overrides on top,
// and every result parsed through its shared schema so a builder cannot make an impossible entity.
import { randomUUID } from 'node:crypto';
import {
  checkInSchema,
  commentSchema,
  conversationReferenceRecordSchema,
  cycleSchema,
  organisationSchema,
  outboxJobSchema,
  personSchema,
  policySchema,
  praiseSchema,
  rockSchema,
  scheduleEventSchema,
  type CheckIn,
  type Comment,
  type ConversationReferenceRecord,
  type Cycle,
  type Organisation,
  type OutboxJob,
  type Person,
  type Policy,
  type PolicyInput,
  type Praise,
  type Rock,
  type ScheduleEvent,
  type AuditEntry,
  auditEntrySchema,
  checkInIdFor,
} from '../../shared/domain';

/** Overrides for a builder: any field, typed as the schema's input before defaults. */
type Overrides<T> = Partial<T>;

const FIXED_NOW = new Date('2026-02-27T09:00:00.000Z');

export function newId(prefix = ''): string {
  return `${prefix}${randomUUID()}`;
}

let sequence = 0;
/** A short number unique within the test run, for names and emails. */
function next(): number {
  sequence += 1;
  return sequence;
}

export function buildPolicy(overrides: Partial<PolicyInput> = {}): Policy {
  return policySchema.parse({
    id: 'test-policy',
    name: 'Test policy',
    trust: 'Test Trust',
    vocabulary: {},
    rocks: {
      slots: [
        { id: 'rock-1', theme: 'Rock 1' },
        { id: 'rock-2', theme: 'Rock 2' },
        { id: 'rock-3', theme: 'Rock 3' },
      ],
      windows: [{ id: 'autumn', label: 'Sep–Dec', startsOn: '2025-09-01', endsOn: '2025-12-19' }],
      maxSuccessCriteria: 7,
    },
    alignment: { label: 'Trust priority', options: [{ code: '1a', label: 'Curriculum' }] },
    reviewers: { reviewedBy: 'line-manager' },
    exclusions: {},
    retention: { years: 6 },
    ...overrides,
  });
}

export function buildOrganisation(overrides: Overrides<Organisation> = {}): Organisation {
  return organisationSchema.parse({
    id: newId('org-'),
    name: `Trust ${next()}`,
    policy: buildPolicy(),
    createdAt: FIXED_NOW,
    updatedAt: FIXED_NOW,
    ...overrides,
  });
}

export function buildPerson(overrides: Overrides<Person> = {}): Person {
  const n = next();
  return personSchema.parse({
    id: newId('person-'),
    organisationId: 'org-default',
    displayName: `Staff Member ${n}`,
    email: `staff.${n}.${randomUUID().slice(0, 6)}@school.example`,
    createdAt: FIXED_NOW,
    updatedAt: FIXED_NOW,
    ...overrides,
  });
}

export function buildCycle(overrides: Overrides<Cycle> = {}): Cycle {
  return cycleSchema.parse({
    id: newId('cycle-'),
    organisationId: 'org-default',
    key: `cycle-${next()}`,
    label: '2025-26',
    startsOn: '2025-09-01',
    endsOn: '2026-07-22',
    policyId: 'test-policy',
    ...overrides,
  });
}

export function buildScheduleEvent(overrides: Overrides<ScheduleEvent> = {}): ScheduleEvent {
  const n = next();
  return scheduleEventSchema.parse({
    id: newId('event-'),
    organisationId: 'org-default',
    cycleId: 'cycle-default',
    key: `check-in-${n}`,
    kind: 'check-in',
    number: n,
    title: `Check-in ${n}`,
    date: '2026-02-27',
    window: { opens: '2026-02-27T08:00', closes: '2026-03-06T17:00' },
    directedHours: 0.5,
    ...overrides,
  });
}

export function buildCheckIn(overrides: Overrides<CheckIn> = {}): CheckIn {
  return checkInSchema.parse({
    id: checkInIdFor(overrides.organisationId ?? 'org-default', overrides.eventId ?? 'event-default', overrides.personId ?? 'person-default'),
    organisationId: 'org-default',
    personId: 'person-default',
    cycleId: 'cycle-default',
    eventId: 'event-default',
    answers: { www: 'Year 9 loved the practical', ebi: 'More time for plenaries', whatsNext: 'Try exit tickets', score: 7 },
    submittedAt: FIXED_NOW,
    timeliness: 'on-time',
    createdAt: FIXED_NOW,
    updatedAt: FIXED_NOW,
    ...overrides,
  });
}

export function buildRock(overrides: Overrides<Rock> = {}): Rock {
  return rockSchema.parse({
    id: newId('rock-'),
    organisationId: 'org-default',
    personId: 'person-default',
    cycleId: 'cycle-default',
    slotId: 'rock-1',
    rockWindowId: 'autumn',
    title: 'Improve questioning in KS3 science',
    successCriteria: [{ id: newId('criterion-'), text: 'Observed cold-calling in two lessons' }],
    createdAt: FIXED_NOW,
    updatedAt: FIXED_NOW,
    ...overrides,
  });
}

export function buildPraise(overrides: Overrides<Praise> = {}): Praise {
  return praiseSchema.parse({
    id: newId('praise-'),
    organisationId: 'org-default',
    fromPersonId: 'person-from',
    toPersonId: 'person-to',
    message: 'Thanks for covering my duty',
    createdAt: FIXED_NOW,
    ...overrides,
  });
}

export function buildComment(overrides: Overrides<Comment> = {}): Comment {
  return commentSchema.parse({
    id: newId('comment-'),
    organisationId: 'org-default',
    subject: { kind: 'check-in', id: 'checkin-default' },
    ownerPersonId: 'person-default',
    authorPersonId: 'person-reviewer',
    text: 'Great reflection on the plenary',
    createdAt: FIXED_NOW,
    ...overrides,
  });
}

export function buildConversationReference(overrides: Overrides<ConversationReferenceRecord> = {}): ConversationReferenceRecord {
  const key = overrides.key ?? `29:${randomUUID()}`;
  return conversationReferenceRecordSchema.parse({
    id: newId('conversation-'),
    organisationId: 'org-default',
    key,
    scope: 'personal',
    conversationId: `a:${randomUUID()}`,
    serviceUrl: 'https://smba.trafficmanager.net/uk/',
    reference: { channelId: 'msteams', user: { id: key }, conversation: { id: 'a:1' } },
    installedAt: FIXED_NOW,
    updatedAt: FIXED_NOW,
    ...overrides,
  });
}

export function buildOutboxJob(overrides: Overrides<OutboxJob> = {}): OutboxJob {
  return outboxJobSchema.parse({
    id: newId('job-'),
    organisationId: 'org-default',
    idempotencyKey: `test:${randomUUID()}`,
    kind: 'check-in-prompt',
    status: 'pending',
    notBefore: FIXED_NOW,
    createdAt: FIXED_NOW,
    updatedAt: FIXED_NOW,
    ...overrides,
  });
}

export function buildAuditEntry(overrides: Overrides<AuditEntry> = {}): AuditEntry {
  return auditEntrySchema.parse({
    id: newId('audit-'),
    organisationId: 'org-default',
    at: FIXED_NOW,
    actor: { kind: 'system' },
    action: 'checkIn.submitted',
    subject: { kind: 'check-in', id: 'checkin-default' },
    ...overrides,
  });
}
