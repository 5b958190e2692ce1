// Outgoing work (prompts, reminders, notifications) as leased jobs, so several workers share it
// without sending twice and a restart loses nothing.
import { z } from 'zod';
import { idSchema, organisationIdSchema } from './primitives';

export const outboxJobKinds = ['check-in-prompt', 'check-in-reminder', 'bot-message', 'card-update', 'activity-notification', 'reviewer-digest'] as const;
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
