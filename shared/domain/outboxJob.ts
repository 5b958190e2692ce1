// Outgoing work (prompts, reminders, notifications) as leased jobs, so several workers share it
// without sending twice and a restart loses nothing.
import { z } from 'zod';
import { idSchema, organisationIdSchema } from './primitives';

export const outboxJobKinds = ['check-in-prompt', 'check-in-reminder', 'bot-message', 'card-update', 'activity-notification', 'reviewer-digest', 'group-session'] as const;
export const outboxJobKindSchema = z.enum(outboxJobKinds);
export const outboxJobStatusSchema = z.enum(['pending', 'leased', 'done', 'failed', 'cancelled']);

export const outboxJobSchema = z.object({
  id: idSchema,
  organisationId: organisationIdSchema,
  /** e.g. "prompt:<org>:<event>:<person>": one job per key, ever. */
  idempotencyKey: z.string().min(1),
  kind: outboxJobKindSchema,
  personId: idSchema.optional(),
  eventId: idSchema.optional(),
  payload: z.record(z.string(), z.unknown()).default({}),
  status: outboxJobStatusSchema,
  /** Not sent before this instant (the window opening, or a retry's backoff). */
  notBefore: z.date(),
  leaseOwner: z.string().optional(),
  leaseExpiresAt: z.date().optional(),
  attempts: z.number().int().min(0).default(0),
  lastError: z.string().optional(),
  /** Recorded after sending, e.g. the activity id so the card can be updated later. */
  result: z.record(z.string(), z.unknown()).optional(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export type OutboxJobKind = z.infer<typeof outboxJobKindSchema>;
export type OutboxJobStatus = z.infer<typeof outboxJobStatusSchema>;
export type OutboxJob = z.infer<typeof outboxJobSchema>;

// What each kind of job carries, parsed when the worker picks the job up: a payload that does not
// match fails its job with the reason logged, instead of reaching a card builder half-formed.

export const rockNoticeKinds = ['proposed', 'agreed', 'amended', 'accepted', 'revise', 'escalated', 'decided', 'completed'] as const;
export type RockNoticeKind = (typeof rockNoticeKinds)[number];

/** Prompts and reminders name their person and event on the job itself (personId, eventId). */
export const checkInPromptPayloadSchema = z.object({}).passthrough();

/** A message to a person's bot chat: a line of text, or the reviewer's copy of a check-in. */
export const botMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string().min(1) }),
  z.object({ kind: z.literal('reviewer-card'), checkInId: idSchema }),
  /** seed 002: a growth card (self-reflection, plan, growth log, end reflection) with a place to write. */
  z.object({ kind: z.literal('growth-card'), card: z.enum(['self-reflection', 'growth-plan', 'growth-log', 'end-reflection']), checkInId: idSchema.optional() }),
  /** A rock moved (proposed, agreed, amended, sent back, escalated, decided...): a card showing it now. */
  z.object({ kind: z.literal('rock'), rockId: idSchema, change: z.enum(rockNoticeKinds), byName: z.string() }),
  /**
   * A rock window's setting deadline (seed 000 Appendix 4): the prompt when setting opens, the
   * reminder, and the overdue flag to the person and (about them) to their reviewer.
   */
  z.object({
    kind: z.literal('rock-deadline'),
    stage: z.enum(['open', 'reminder', 'overdue']),
    cycleId: idSchema,
    rockWindowId: z.string().min(1),
    /** Whose rocks: the recipient themself, or their reviewee for the reviewer's copy of the overdue flag. */
    subjectPersonId: idSchema,
  }),
  /** seed 002 §7.4: the original reviewer is asked for a final check-in before a move of post. */
  z.object({ kind: z.literal('handover-card'), personId: idSchema, handoverId: idSchema }),
  /** The year's reviews (impact, end of year): the card for one person's part, and why it is sent now. */
  z.object({
    kind: z.literal('year-review'),
    reviewId: idSchema,
    audience: z.enum(['reviewee', 'reviewer', 'decider']),
    reason: z.enum(['opened', 'reminder', 'submitted', 'outcome', 'comment', 'decided', 'summary']),
  }),
  /** seed 000 §12: the support pause, the plan's review reminders, resumption and the next step. */
  z.object({
    kind: z.literal('support-plan'),
    reviewId: idSchema,
    audience: z.enum(['reviewee', 'reviewer']),
    reason: z.enum(['paused', 'plan', 'reminder', 'review-due', 'resumed', 'next-step']),
  }),
  /** seed 000 §8: a colleague is asked for 360-degree feedback; the asker hears it arrived. */
  z.object({ kind: z.literal('feedback-request'), requestId: idSchema, audience: z.enum(['asked', 'requester']), reason: z.enum(['asked', 'reminder', 'answered', 'declined']) }),
  /** Issue 13: the aspiration survey card (on the survey date, and the reminder before it closes). */
  z.object({ kind: z.literal('aspiration-survey'), eventId: idSchema, reason: z.enum(['opened', 'reminder']) }),
  /** Issue 13: the career conversation (the reviewer's card to record it; the reviewee's record to comment on). */
  z.object({ kind: z.literal('career-conversation'), cycleId: idSchema, personId: idSchema, audience: z.enum(['reviewee', 'reviewer']), reason: z.enum(['opened', 'reminder', 'recorded', 'comment']) }),
  /** Issue 13: a follow-up task assigned, due soon, or closed. */
  z.object({ kind: z.literal('follow-up'), followUpId: idSchema, reason: z.enum(['assigned', 'reminder', 'closed']) }),
  /** Issue 13: an SMT lead's moderation note on a rock, to the reviewer. */
  z.object({ kind: z.literal('moderation-note'), noteId: idSchema }),
  /** Issue 13: a governor sample item waits for this person's approval. */
  z.object({ kind: z.literal('governor-sample'), sampleId: idSchema, reason: z.enum(['approval-needed', 'released']) }),
]);
export const botMessagePayloadSchema = z.object({ recipientPersonId: idSchema, message: botMessageSchema });

/** Re-render a check-in card that is already in a chat, so it shows the current state. */
export const cardUpdatePayloadSchema = z.object({ checkInId: idSchema, target: z.enum(['reviewee', 'reviewer']) });

/** After a window closes: the reviewer's summary of their team for the event. */
export const reviewerDigestPayloadSchema = z.object({ reviewerPersonId: idSchema, eventId: idSchema });

/** A Teams activity feed notification (Graph); the activity type is one the manifest declares. */
export const activityNotificationPayloadSchema = z.object({
  recipientPersonId: idSchema,
  activityType: z.string().min(1),
  templateParameters: z.record(z.string(), z.string()),
  previewText: z.string(),
  subPageId: z.string().min(1),
  entity: z.enum(['rocks', 'check-ins', 'team', 'schedule']),
  topicTitle: z.string(),
});

/** seed 004: a group check-in (or the end-of-cycle sharing) card, posted to one coaching group's conversation. */
export const groupSessionPayloadSchema = z.object({
  groupId: idSchema,
  eventId: idSchema,
  /** Re-render the card already posted (after a member posts), so it shows who has posted. */
  refresh: z.boolean().optional(),
});

export const outboxPayloadSchemas = {
  'check-in-prompt': checkInPromptPayloadSchema,
  'check-in-reminder': checkInPromptPayloadSchema,
  'bot-message': botMessagePayloadSchema,
  'card-update': cardUpdatePayloadSchema,
  'reviewer-digest': reviewerDigestPayloadSchema,
  'activity-notification': activityNotificationPayloadSchema,
  'group-session': groupSessionPayloadSchema,
} as const satisfies Record<OutboxJobKind, z.ZodTypeAny>;

export type OutboxPayload<K extends OutboxJobKind> = z.infer<(typeof outboxPayloadSchemas)[K]>;
export type BotMessage = z.infer<typeof botMessageSchema>;
export type BotMessagePayload = z.infer<typeof botMessagePayloadSchema>;
export type CardUpdatePayload = z.infer<typeof cardUpdatePayloadSchema>;
export type ReviewerDigestPayload = z.infer<typeof reviewerDigestPayloadSchema>;
