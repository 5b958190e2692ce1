// The cycle (an academic year) and its dated events (seed 000 Appendix 3; seed 001's windows).
import { z } from 'zod';
import { rockWindowSchema } from './policy';
import { idSchema, isoDateSchema, localDateTimeSchema, organisationIdSchema } from './primitives';

export const scheduleEventKinds = ['check-in', 'optional-check-in', 'rock-setting', 'aspiration-survey', 'career-conversation', 'review', 'group-sharing'] as const;
/** group-sharing: seed 004, each member shares their growth project with their coaching group at the end of the cycle. */
export const scheduleEventKindSchema = z.enum(scheduleEventKinds);
export type ScheduleEventKind = z.infer<typeof scheduleEventKindSchema>;

/** When the event accepts submissions, as wall-clock times in the policy's time zone. */
export const eventWindowSchema = z
  .object({ opens: localDateTimeSchema, closes: localDateTimeSchema })
  .refine((w) => w.opens < w.closes, { message: 'the window must open before it closes', path: ['closes'] });

/** An event as written in a policy pack, before it belongs to an organisation. */
export const scheduleEventDefinitionSchema = z.object({
  /** Stable within the cycle, e.g. "check-in-6". */
  key: z.string().regex(/^[a-z0-9-]+$/),
  kind: scheduleEventKindSchema,
  /** Check-in number (1..n) for numbered check-ins. */
  number: z.number().int().positive().optional(),
  title: z.string().min(1),
  date: isoDateSchema,
  window: eventWindowSchema,
  /** Directed time allowed for it, in hours (seed 000 Appendix 3). */
  directedHours: z.number().min(0).max(24),
  /** Other things the same date carries, e.g. "Staff agree key rocks for Terms 3 & 4". */
  alsoMarks: z.array(z.string()).default([]),
});

export const scheduleEventSchema = scheduleEventDefinitionSchema.extend({
  id: idSchema,
  organisationId: organisationIdSchema,
  cycleId: idSchema,
  status: z.enum(['scheduled', 'cancelled']).default('scheduled'),
  /** When the scheduler queued this event's prompts and reminders; cleared when the event moves. */
  promptsQueuedAt: z.date().optional(),
  /** When the reviewers' digest for this event was queued (after its window closed). */
  digestQueuedAt: z.date().optional(),
  /** Optimistic concurrency: two admins editing the same event, one wins. */
  version: z.number().int().min(0).default(0),
});

export const cycleDefinitionSchema = z.object({
  key: z.string().regex(/^[a-z0-9-]+$/),
  label: z.string().min(1),
  startsOn: isoDateSchema,
  endsOn: isoDateSchema,
  /**
   * This cycle's own rock windows (dated, so each year needs its own); when absent the policy's
   * `rocks.windows` apply (shared/policy rockWindowsOf).
   */
  rockWindows: z.array(rockWindowSchema).optional(),
  events: z.array(scheduleEventDefinitionSchema),
});

export const cycleSchema = cycleDefinitionSchema.omit({ events: true }).extend({
  id: idSchema,
  organisationId: organisationIdSchema,
  policyId: z.string(),
  current: z.boolean().default(true),
  /** How the cycle was started when a PG admin started it as the next one (rollover). */
  startedFrom: z
    .object({ kind: z.enum(['pack', 'table', 'roll-forward']), fromCycleId: idSchema.optional(), packId: z.string().optional() })
    .optional(),
});

export type EventWindow = z.infer<typeof eventWindowSchema>;
export type ScheduleEventDefinition = z.infer<typeof scheduleEventDefinitionSchema>;
export type ScheduleEvent = z.infer<typeof scheduleEventSchema>;
export type CycleDefinition = z.infer<typeof cycleDefinitionSchema>;
export type Cycle = z.infer<typeof cycleSchema>;
