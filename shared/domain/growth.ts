// Coach-led growth records (seed 002, "Growing Great People"): the stage-one self-reflection, the
// professional growth plan, the growth log kept after each check-in, the end-of-cycle reflection,
// review and sharing, and the record that a term passed without feedback. One person, one cycle.
import { z } from 'zod';
import { idSchema, isoDateSchema, organisationIdSchema, requiredText, userText } from './primitives';

export const growthRecordKinds = ['self-reflection', 'growth-plan', 'growth-log', 'end-reflection', 'feedback-gap'] as const;
export type GrowthRecordKind = (typeof growthRecordKinds)[number];

const base = {
  id: idSchema,
  organisationId: organisationIdSchema,
  personId: idSchema,
  cycleId: idSchema,
  createdAt: z.date(),
  updatedAt: z.date(),
};

/** What the person writes at stage one (seed 002 §7.2.1): what they are best at, growth areas, needs. */
export const selfReflectionContentSchema = z.object({
  strengths: requiredText(3000),
  growthAreas: requiredText(3000),
  developmentNeeds: userText(3000).default(''),
});

/** seed 002 §8.9: how the person will learn, the dates of progress check-ins and of completion. */
export const growthPlanContentSchema = z.object({
  howIWillLearn: requiredText(3000),
  checkInDates: z.array(isoDateSchema).max(12, 'up to 12 check-in dates').default([]),
  completionOn: isoDateSchema.optional(),
  /** Anything else the person wants in the plan (professional support, §8.8). */
  notes: userText(2000).default(''),
});

/** seed 002 §11.3: following each check-in the person updates their growth log. */
export const growthLogContentSchema = z.object({
  whatIDid: requiredText(2000),
  whatILearned: requiredText(2000),
  next: requiredText(2000),
  /** Feedback received (from anyone with the expertise, §11.2) — this is what makes a term "with feedback". */
  feedback: userText(2000).default(''),
  feedbackFrom: userText(200).default(''),
});

/** seed 002 §7.2.4, §8.13: reflection on successes and growth, and how it was shared. */
export const endReflectionContentSchema = z.object({
  successes: requiredText(3000),
  growth: requiredText(3000),
  sharing: userText(2000).default(''),
});

export const selfReflectionSchema = z.object({
  ...base,
  kind: z.literal('self-reflection'),
  /** The standard reflected against, from the policy for the person's role category. */
  standard: z.string().min(1),
  ...selfReflectionContentSchema.shape,
  version: z.number().int().min(0).default(0),
});

export const growthPlanSchema = z.object({ ...base, kind: z.literal('growth-plan'), ...growthPlanContentSchema.shape, version: z.number().int().min(0).default(0) });

export const growthLogEntrySchema = z.object({ ...base, kind: z.literal('growth-log'), checkInId: idSchema.optional(), ...growthLogContentSchema.shape });

export const endReflectionSchema = z.object({ ...base, kind: z.literal('end-reflection'), ...endReflectionContentSchema.shape, version: z.number().int().min(0).default(0) });

/** A term of the cycle ended with no feedback for this person; recorded once, the coach told once. */
export const feedbackGapSchema = z.object({ ...base, kind: z.literal('feedback-gap'), termKey: z.string().min(1), coachId: idSchema.optional() });

export const growthRecordSchema = z.discriminatedUnion('kind', [selfReflectionSchema, growthPlanSchema, growthLogEntrySchema, endReflectionSchema, feedbackGapSchema]);

export type SelfReflectionContent = z.infer<typeof selfReflectionContentSchema>;
export type GrowthPlanContent = z.infer<typeof growthPlanContentSchema>;
export type GrowthLogContent = z.infer<typeof growthLogContentSchema>;
export type EndReflectionContent = z.infer<typeof endReflectionContentSchema>;
export type SelfReflection = z.infer<typeof selfReflectionSchema>;
export type GrowthPlan = z.infer<typeof growthPlanSchema>;
export type GrowthLogEntry = z.infer<typeof growthLogEntrySchema>;
export type EndReflection = z.infer<typeof endReflectionSchema>;
export type FeedbackGap = z.infer<typeof feedbackGapSchema>;
export type GrowthRecord = z.infer<typeof growthRecordSchema>;
