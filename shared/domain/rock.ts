// A rock (seed 000) or objective (seed 001): one of a person's three priorities for a rock window.
import { z } from 'zod';
import { idSchema, isoDateSchema, organisationIdSchema, requiredText, userText } from './primitives';

/**
 * draft → proposed → agreed (the reviewer agrees) | amended (the reviewer changed it: the reviewee
 * accepts → agreed) | revise (not agreed: the reviewee revises and proposes again); from amended or
 * revise the reviewee may escalate (seed 001 FAQ: the reviewer's own manager agrees the final
 * version) → agreed | revise; agreed → completed (early completion frees the slot).
 */
export const rockStatuses = ['draft', 'proposed', 'agreed', 'amended', 'completed', 'revise', 'escalated'] as const;
export const rockStatusSchema = z.enum(rockStatuses);

export const successCriterionSchema = z.object({
  id: idSchema,
  text: requiredText(500),
  targetDate: isoDateSchema.optional(),
  done: z.boolean().default(false),
  doneAt: z.date().optional(),
});

export const rockChangeSchema = z.object({
  at: z.date(),
  byPersonId: idSchema,
  action: z.enum([
    'created',
    'edited',
    'proposed',
    'agreed',
    'amended',
    'completed',
    'criterion-done',
    'criterion-undone',
    'accepted',
    'revise-requested',
    'escalated',
    'decided',
    'prioritised',
    'unprioritised',
  ]),
  status: rockStatusSchema,
  note: userText(2000).optional(),
});

/** A disagreement taken to the reviewer's own manager (seed 001 FAQ). */
export const rockEscalationSchema = z.object({
  /** Who decides: the reviewer's reviewer, else their line manager. */
  toPersonId: idSchema,
  reviewerId: idSchema,
  reason: requiredText(2000),
  at: z.date(),
  /** amended or revise: what the reviewee disagreed with. */
  fromStatus: z.enum(['amended', 'revise']),
  decidedAt: z.date().optional(),
  outcome: z.enum(['agreed', 'revise']).optional(),
});

export const rockSchema = z.object({
  id: idSchema,
  organisationId: organisationIdSchema,
  personId: idSchema,
  cycleId: idSchema,
  /** Policy slot, e.g. "trust" for "Impact on Trust". */
  slotId: z.string().min(1),
  rockWindowId: z.string().min(1),
  title: requiredText(200),
  description: userText(2000).default(''),
  /** Codes from the policy's alignment taxonomy (e.g. TSAT pillars "2b"). */
  alignment: z.array(z.string().min(1)).default([]),
  successCriteria: z.array(successCriterionSchema).default([]),
  status: rockStatusSchema.default('draft'),
  /** The reviewer's comment when agreeing or amending. */
  reviewerNote: userText(2000).optional(),
  /** Where more rocks are held than the policy's priorities, the ones marked for review (seed 001 FAQ). */
  priority: z.boolean().optional(),
  escalation: rockEscalationSchema.optional(),
  history: z.array(rockChangeSchema).default([]),
  version: z.number().int().min(0).default(0),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export type RockStatus = z.infer<typeof rockStatusSchema>;
export type SuccessCriterion = z.infer<typeof successCriterionSchema>;
export type RockChange = z.infer<typeof rockChangeSchema>;
export type RockEscalation = z.infer<typeof rockEscalationSchema>;
export type Rock = z.infer<typeof rockSchema>;
