// Coach-led growth (seed 002): GET /people/:id/growth (the person and their coach only),
// PUT /growth/self-reflection, PUT /growth/plan, POST /growth/log, PUT /growth/end-reflection
// (the person's own), GET /growth/summary (PG administrators: counts, never content).
import { z } from 'zod';
import { endReflectionContentSchema, growthLogContentSchema, growthPlanContentSchema, selfReflectionContentSchema } from '../domain/growth';
import { idSchema } from '../domain/primitives';
import { instantSchema, personSummarySchema } from './common';
import { rockDtoSchema } from './rocks';
import { cycleDtoSchema } from './schedule';

export const selfReflectionRequestSchema = selfReflectionContentSchema;
export const growthPlanRequestSchema = growthPlanContentSchema;
export const growthLogRequestSchema = growthLogContentSchema.extend({
  /** The check-in this entry follows (one entry per check-in; saving again edits it). */
  checkInId: idSchema.optional(),
  /** An idempotency key for a new entry: a retried POST with it adds the entry once (saving again edits it). Never the entry's id. */
  entryId: z.string().regex(/^[A-Za-z0-9-]{8,100}$/, 'an id of 8 to 100 letters, digits or dashes').optional(),
});
export const endReflectionRequestSchema = endReflectionContentSchema;

const stamps = { createdAt: instantSchema, updatedAt: instantSchema };

export const selfReflectionDtoSchema = selfReflectionContentSchema.extend({ id: z.string(), standard: z.string(), ...stamps });
export const growthPlanDtoSchema = z.object({
  id: z.string(),
  howIWillLearn: z.string(),
  checkInDates: z.array(z.string()),
  completionOn: z.string().optional(),
  notes: z.string(),
  ...stamps,
});
export const growthLogEntryDtoSchema = growthLogContentSchema.extend({ id: z.string(), checkInId: z.string().optional(), ...stamps });
export const endReflectionDtoSchema = endReflectionContentSchema.extend({ id: z.string(), ...stamps });

export const termFeedbackDtoSchema = z.object({
  key: z.string(),
  label: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  feedbackCount: z.number().int().min(0),
  ended: z.boolean(),
  flagged: z.boolean(),
});

export const growthResponseSchema = z.object({
  person: personSummarySchema,
  coach: personSummarySchema.nullable(),
  cycle: cycleDtoSchema,
  /** What stage one reflects against, for this person's role (seed 002 §5.1). */
  standard: z.string(),
  selfReflection: selfReflectionDtoSchema.nullable(),
  plan: growthPlanDtoSchema.nullable(),
  /** The plan's commitment(s) with what success looks like and by when (the rocks of the cycle). */
  commitments: z.array(rockDtoSchema),
  log: z.array(growthLogEntryDtoSchema),
  endReflection: endReflectionDtoSchema.nullable(),
  feedback: z.array(termFeedbackDtoSchema),
  canEdit: z.boolean(),
});

export const growthSummaryResponseSchema = z.object({
  cycle: cycleDtoSchema,
  people: z.number().int().min(0),
  selfReflections: z.number().int().min(0),
  plans: z.number().int().min(0),
  growthLogEntries: z.number().int().min(0),
  endReflections: z.number().int().min(0),
  termsWithoutFeedback: z.number().int().min(0),
  byTerm: z.array(z.object({ key: z.string(), label: z.string(), withoutFeedback: z.number().int().min(0) })),
});

export type SelfReflectionRequest = z.input<typeof selfReflectionRequestSchema>;
export type GrowthPlanRequest = z.input<typeof growthPlanRequestSchema>;
export type GrowthLogRequest = z.input<typeof growthLogRequestSchema>;
export type EndReflectionRequest = z.input<typeof endReflectionRequestSchema>;
export type SelfReflectionDto = z.infer<typeof selfReflectionDtoSchema>;
export type GrowthPlanDto = z.infer<typeof growthPlanDtoSchema>;
export type GrowthLogEntryDto = z.infer<typeof growthLogEntryDtoSchema>;
export type EndReflectionDto = z.infer<typeof endReflectionDtoSchema>;
export type GrowthResponse = z.infer<typeof growthResponseSchema>;
export type GrowthSummaryResponse = z.infer<typeof growthSummaryResponseSchema>;
