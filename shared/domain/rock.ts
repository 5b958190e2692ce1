// A rock (seed 000) or objective (seed 001): one of a person's three priorities for a rock window.
import { z } from 'zod';
import { idSchema, isoDateSchema, organisationIdSchema, requiredText, userText } from './primitives';

export const rockStatuses = ['draft', 'proposed', 'agreed', 'amended', 'completed'] as const;
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
  action: z.enum(['created', 'edited', 'proposed', 'agreed', 'amended', 'completed', 'criterion-done', 'criterion-undone']),
  status: rockStatusSchema,
  note: userText(2000).optional(),
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
  history: z.array(rockChangeSchema).default([]),
  version: z.number().int().min(0).default(0),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export type RockStatus = z.infer<typeof rockStatusSchema>;
export type SuccessCriterion = z.infer<typeof successCriterionSchema>;
export type RockChange = z.infer<typeof rockChangeSchema>;
export type Rock = z.infer<typeof rockSchema>;
