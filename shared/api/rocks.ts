// Rocks (seed 000) / objectives (seed 001): the payloads of /api/v1/rocks and /people/:id/rocks.
// Request limits here are absolute; the policy's own limits (max success criteria, slots,
// alignment codes) are checked by the server and reported on the same field paths.
import { z } from 'zod';
import { isoDateSchema, requiredText, rockChangeSchema, rockStatusSchema, userText } from '../domain';
import { instantSchema, pageSchema, personSummarySchema } from './common';

export const successCriterionDtoSchema = z.object({
  id: z.string(),
  text: z.string(),
  targetDate: z.string().optional(),
  done: z.boolean(),
  doneAt: instantSchema.optional(),
});

export const rockChangeDtoSchema = z.object({
  at: instantSchema,
  byPersonId: z.string(),
  byName: z.string().optional(),
  action: rockChangeSchema.shape.action,
  status: rockStatusSchema,
  note: z.string().optional(),
});

export const rockDtoSchema = z.object({
  id: z.string(),
  personId: z.string(),
  cycleId: z.string(),
  slotId: z.string(),
  rockWindowId: z.string(),
  title: z.string(),
  description: z.string(),
  alignment: z.array(z.string()),
  successCriteria: z.array(successCriterionDtoSchema),
  status: rockStatusSchema,
  reviewerNote: z.string().optional(),
  /** Marked as one of the priorities for review (only where more rocks are held than the policy's priorities). */
  priority: z.boolean().optional(),
  /** A disagreement taken to the reviewer's manager (seed 001 FAQ). */
  escalation: z
    .object({
      toPersonId: z.string(),
      toName: z.string().optional(),
      reviewerId: z.string(),
      reason: z.string(),
      at: instantSchema,
      fromStatus: z.enum(['amended', 'revise']),
      decidedAt: instantSchema.optional(),
      outcome: z.enum(['agreed', 'revise']).optional(),
    })
    .optional(),
  history: z.array(rockChangeDtoSchema),
  /** Send it back with every change: a stale version gets 409 and the current rock. */
  version: z.number().int(),
  createdAt: instantSchema,
  updatedAt: instantSchema,
  /** In a person's rocks list: how many comments its feedback thread holds (absent where the reader may not read threads). */
  commentCount: z.number().int().min(0).optional(),
});

export const rockListResponseSchema = pageSchema(rockDtoSchema).extend({
  person: personSummarySchema,
});

/** A criterion as the form sends it: new ones have no id; `done` is kept from the stored one when omitted. */
export const successCriterionInputSchema = z.object({
  id: z.string().min(1).max(100).optional(),
  text: requiredText(500),
  targetDate: isoDateSchema.optional(),
});

/** The absolute ceiling; the policy's maxSuccessCriteria (7 in every seed) is usually lower. */
export const SUCCESS_CRITERIA_CEILING = 20;

const rockContent = {
  title: requiredText(200),
  description: userText(2000).default(''),
  alignment: z.array(z.string().min(1).max(50)).max(20).default([]),
  successCriteria: z.array(successCriterionInputSchema).max(SUCCESS_CRITERIA_CEILING, `at most ${SUCCESS_CRITERIA_CEILING} success criteria`).default([]),
};

/** POST /rocks: a new draft for the signed-in person. rockWindowId defaults to the current window. */
export const createRockRequestSchema = z.object({
  /**
   * Optional idempotency key: a retried create with the same key (by the same person) returns the
   * same rock instead of making two. It is never the rock's id: the server makes that (read it from the reply).
   */
  id: z.string().min(1).max(100).optional(),
  slotId: z.string().min(1),
  rockWindowId: z.string().min(1).optional(),
  ...rockContent,
});

const version = z.number().int().min(0);

/** PATCH /rocks/:id: only the fields sent change. Editing an agreed rock sends it back for agreement. */
export const editRockRequestSchema = z.object({
  version,
  title: rockContent.title.optional(),
  description: userText(2000).optional(),
  alignment: z.array(z.string().min(1).max(50)).max(20).optional(),
  successCriteria: z.array(successCriterionInputSchema).max(SUCCESS_CRITERIA_CEILING, `at most ${SUCCESS_CRITERIA_CEILING} success criteria`).optional(),
});

/** POST /rocks/:id/propose and /complete. */
export const rockTransitionRequestSchema = z.object({
  version,
  note: userText(2000).optional(),
});

/** POST /rocks/:id/agree: the reviewer agrees, optionally with a comment. */
export const agreeRockRequestSchema = z.object({
  version,
  comment: userText(2000).optional(),
});

/** POST /rocks/:id/amend: the reviewer agrees it as amended; the comment says what changed and why. */
export const amendRockRequestSchema = z.object({
  version,
  comment: requiredText(2000),
  title: rockContent.title.optional(),
  description: userText(2000).optional(),
  alignment: z.array(z.string().min(1).max(50)).max(20).optional(),
  successCriteria: z.array(successCriterionInputSchema).max(SUCCESS_CRITERIA_CEILING).optional(),
});

/** POST /rocks/:id/accept: the reviewee accepts their reviewer's amendment (it becomes agreed). */
export const acceptRockRequestSchema = rockTransitionRequestSchema;

/** POST /rocks/:id/send-back ("not agreed — revise") and /escalate: the reason is required. */
export const rockReasonRequestSchema = z.object({
  version,
  reason: requiredText(2000),
});

/** POST /rocks/:id/decide: the reviewer's manager settles an escalated rock, in the words they agree (agreed) or back to revise. */
export const decideRockRequestSchema = z.object({
  version,
  outcome: z.enum(['agreed', 'revise']),
  comment: requiredText(2000),
  title: rockContent.title.optional(),
  description: userText(2000).optional(),
  alignment: z.array(z.string().min(1).max(50)).max(20).optional(),
  successCriteria: z.array(successCriterionInputSchema).max(SUCCESS_CRITERIA_CEILING).optional(),
});

/** PUT /rocks/:id/priority: mark or unmark one of the priorities for review. */
export const rockPriorityRequestSchema = z.object({
  version,
  priority: z.boolean(),
});

/** GET /rocks/escalated: rocks taken to the caller to decide, each with whose it is. */
export const escalatedRocksResponseSchema = z.object({
  items: z.array(rockDtoSchema.extend({ person: personSummarySchema, reviewer: personSummarySchema.optional() })),
});

/** One rock window's setting deadline for a person: where they stand. */
export const rockDeadlineDtoSchema = z.object({
  rockWindowId: z.string(),
  label: z.string(),
  setBy: z.string(),
  opensAt: instantSchema,
  dueAt: instantSchema,
  /** not-open, open (still time), set (agreed on time), overdue (deadline passed, not agreed), set-late, missed (window over). */
  state: z.enum(['not-open', 'open', 'set', 'overdue', 'set-late', 'missed']),
  agreed: z.number().int(),
  required: z.number().int(),
});

/** GET /rock-deadlines/me. */
export const myRockDeadlinesResponseSchema = z.object({ items: z.array(rockDeadlineDtoSchema) });

/** GET /rock-deadlines (PG admins): per window, eligible staff, set on time, missed, still overdue. */
export const rockDeadlineSummaryResponseSchema = z.object({
  windows: z.array(
    z.object({ rockWindowId: z.string(), label: z.string(), setBy: z.string(), passed: z.boolean(), staff: z.number().int(), set: z.number().int(), missed: z.number().int(), stillOverdue: z.number().int() }),
  ),
  rockDeadlinesMissed: z.number().int(),
});

/** PUT /rocks/:id/success-criteria/:criterionId/done: tick or untick one criterion. */
export const setCriterionDoneRequestSchema = z.object({
  version,
  done: z.boolean(),
});

/** Optional filters on GET /people/:id/rocks (besides paging). */
export const rockListQuerySchema = z.object({
  rockWindowId: z.string().min(1).optional(),
  cycleId: z.string().min(1).optional(),
});

export type SuccessCriterionDto = z.infer<typeof successCriterionDtoSchema>;
export type RockChangeDto = z.infer<typeof rockChangeDtoSchema>;
export type RockDto = z.infer<typeof rockDtoSchema>;
export type RockListResponse = z.infer<typeof rockListResponseSchema>;
export type SuccessCriterionInput = z.input<typeof successCriterionInputSchema>;
export type CreateRockRequest = z.input<typeof createRockRequestSchema>;
export type EditRockRequest = z.input<typeof editRockRequestSchema>;
export type RockTransitionRequest = z.input<typeof rockTransitionRequestSchema>;
export type AgreeRockRequest = z.input<typeof agreeRockRequestSchema>;
export type AmendRockRequest = z.input<typeof amendRockRequestSchema>;
export type SetCriterionDoneRequest = z.input<typeof setCriterionDoneRequestSchema>;
export type RockReasonRequest = z.input<typeof rockReasonRequestSchema>;
export type DecideRockRequest = z.input<typeof decideRockRequestSchema>;
export type RockPriorityRequest = z.input<typeof rockPriorityRequestSchema>;
export type EscalatedRocksResponse = z.infer<typeof escalatedRocksResponseSchema>;
export type RockDeadlineDto = z.infer<typeof rockDeadlineDtoSchema>;
export type MyRockDeadlinesResponse = z.infer<typeof myRockDeadlinesResponseSchema>;
export type RockDeadlineSummaryResponse = z.infer<typeof rockDeadlineSummaryResponseSchema>;
