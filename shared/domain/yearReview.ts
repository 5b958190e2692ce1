// The year's reviews (seed 000 §7, §10, §12, Appendix 4; seed 001 "Thinking Back"): the March
// impact review, the support pause and plan, and the end-of-year reflection, reviewer statement,
// final decision, written summary and staff comment; plus the 360-degree feedback a person asks
// colleagues for (seed 000 §8, §11.2).
//
// Storage shape: a review is opened once per person, stage and cycle (a unique insert, so the
// scheduler and a retry cannot open it twice), and never updated. What each person writes is a
// record of its own, written only by its one author (the reviewee's reflection, the reviewer's
// statement, the decider's final decision...), so two people working on the same review at once
// never overwrite each other: FerretDB 1.x does not update a document atomically.
import { z } from 'zod';
import { idSchema, isoDateSchema, organisationIdSchema, requiredText, userText } from './primitives';

export const reviewStageKinds = ['impact', 'end-of-year'] as const;
export const reviewStageKindSchema = z.enum(reviewStageKinds);
export type ReviewStageKind = (typeof reviewStageKinds)[number];

/** An opened review: one person, one stage of one cycle, their reviewer (and decider) at opening. */
export const yearReviewSchema = z.object({
  /** `<stage>:<cycleId>:<personId>` (yearReviewId), so opening is a unique insert. */
  id: idSchema,
  organisationId: organisationIdSchema,
  cycleId: idSchema,
  /** The cycle the review looks back on: this one, or the one before (TSAT reviews last year in September). */
  coversCycleId: idSchema,
  personId: idSchema,
  stage: reviewStageKindSchema,
  /** The policy's name for the stage, e.g. "March impact review". */
  label: z.string().min(1),
  /** The schedule event that opened it. */
  eventId: idSchema,
  reviewerId: idSchema.optional(),
  /** Who confirms or changes the reviewer's outcome, where the policy has a final decision. */
  deciderId: idSchema.optional(),
  /** The person's school and role category at opening: PG admins' progress is by school. */
  school: z.string().default(''),
  roleCategory: z.string().default('staff'),
  opensAt: z.date(),
  /** The reviewee's part (the reflection) is due; for an impact review, the meeting. */
  dueAt: z.date(),
  /** The reviewer's part (statement, impact outcome) is due. */
  reviewerDueAt: z.date(),
  /** The final decision is due, where there is one. */
  decisionDueAt: z.date().optional(),
  createdAt: z.date(),
});
export type YearReview = z.infer<typeof yearReviewSchema>;

export function yearReviewId(stage: ReviewStageKind, cycleId: string, personId: string): string {
  return `${stage}:${cycleId}:${personId}`;
}

// ── What each person writes ────────────────────────────────────────────────────────────────

/** Seed 000 Appendix 4: the reviewer records the March 1:1 and one of the policy's outcomes. */
export const impactOutcomeContentSchema = z.object({
  /** A key of the stage's outcomes (policy.reviews.stages[].outcomes). */
  outcome: z.string().min(1, 'choose an outcome').max(60),
  meetingOn: isoDateSchema.optional(),
  notes: userText(3000).default(''),
  /** Exceeding: the stretch agreed in the rock toward a final judgement of exceptional. */
  stretch: userText(2000).default(''),
});

export const onTimeAnswers = ['never', 'rarely', 'sometimes', 'often', 'always'] as const;
export const jobDescriptionAnswers = ['none', 'some', 'many', 'majority', 'all'] as const;

/** Seed 001's reflection on one rock: progress, Minus (challenges), Interesting (what I take forward). */
export const rockReflectionSchema = z.object({
  rockId: idSchema,
  progress: userText(3000).default(''),
  challenges: userText(3000).default(''),
  takeForward: userText(3000).default(''),
  completed: z.enum(['yes', 'no']).optional(),
  percentComplete: z.number().int().min(0).max(100).optional(),
  comments: userText(2000).default(''),
  supportReceived: userText(2000).default(''),
});

/** Seed 001 "Thinking Back": the end-of-year reflection, pre-filled from the year and editable. */
export const reflectionContentSchema = z.object({
  /** Recognition received (pre-filled from the praise of the year). */
  recognition: userText(4000).default(''),
  /** Biggest achievements: What Went Well. */
  www: userText(4000).default(''),
  /** What could have gone better, barriers: Even Better If. */
  ebi: userText(4000).default(''),
  /** What plans went ahead, what to continue into next year. */
  whatNext: userText(4000).default(''),
  rocks: z.array(rockReflectionSchema).max(12).default([]),
  anythingElse: userText(3000).default(''),
  supportReceived: userText(3000).default(''),
  score: z.number().int().min(1).max(10).optional(),
  onTime: z.enum(onTimeAnswers).optional(),
  jobDescription: z.enum(jobDescriptionAnswers).optional(),
  /** A key of the stage's selfAssessment options. */
  selfAssessment: z.string().max(60).optional(),
});

/** Seed 001 "Review Statement"; seed 000 §10's performance of the role and growth plan needs. */
export const statementContentSchema = z.object({
  /** The face-to-face meeting, where the policy requires one before the statement. */
  meetingOn: isoDateSchema.optional(),
  statement: requiredText(6000),
  /** Seed 000 §10: performance of the role against its standards/accountabilities. */
  rolePerformance: userText(4000).default(''),
  /** Seed 000 §10: learning and development needs or support for the coming year. */
  developmentNeeds: userText(3000).default(''),
  /** A key of the stage's outcomes. */
  outcome: z.string().min(1, 'choose an outcome').max(60),
});

/** Seed 001: "Headteachers/Managers will make the final decision on all outcomes". */
export const finalDecisionContentSchema = z.object({
  outcome: z.string().min(1, 'choose an outcome').max(60),
  /** Required when the outcome differs from the reviewer's. */
  reason: userText(2000).default(''),
});

export const staffCommentContentSchema = z.object({ text: requiredText(3000) });

/** Seed 000 §12 / Appendix 4: the support plan, on the informal or formal route. */
export const supportPlanContentSchema = z.object({
  /** A key of policy.reviews.support.routes. */
  route: z.string().min(1, 'choose a route').max(60),
  whatWillHelp: requiredText(4000),
  reviewOn: isoDateSchema,
  notes: userText(2000).default(''),
});

/** At the plan's review: did it succeed? Yes resumes growth; no records the policy's next step. */
export const supportOutcomeContentSchema = z.object({
  succeeded: z.boolean(),
  note: userText(3000).default(''),
});

export const yearReviewRecordKinds = ['impact-outcome', 'reflection', 'statement', 'final-decision', 'staff-comment', 'summary', 'support-plan', 'support-outcome'] as const;
export type YearReviewRecordKind = (typeof yearReviewRecordKinds)[number];

const recordBase = {
  /** `<kind>:<reviewId>` (yearReviewRecordId): one of each per review, replaced when its author saves again. */
  id: idSchema,
  organisationId: organisationIdSchema,
  reviewId: idSchema,
  cycleId: idSchema,
  /** The reviewee. */
  personId: idSchema,
  /** Who wrote it (only they change it). */
  authorId: idSchema,
  createdAt: z.date(),
  updatedAt: z.date(),
  /** Set when the author sends it on (a reflection passed to the reviewer, a statement written); absent while a draft. */
  submittedAt: z.date().optional(),
};

/** The written summary (seed 000 §10), fixed when released so the employee comments on what they were given. */
export const writtenSummarySchema = z.object({
  rocks: z.array(z.object({ rockId: idSchema, title: z.string(), progress: z.string(), completed: z.string() })),
  rolePerformance: z.string(),
  supportingInformation: z.array(z.string()),
  statement: z.string(),
  outcomeLabel: z.string(),
  /** The new-year summary: next rocks (from the next cycle when it exists), supporting standards, growth plan. */
  nextYear: z.object({
    rocks: z.array(z.object({ title: z.string(), successCriteria: z.array(z.string()) })),
    standards: z.string(),
    growthPlan: z.string(),
  }),
});

export const yearReviewRecordSchema = z.discriminatedUnion('kind', [
  z.object({ ...recordBase, kind: z.literal('impact-outcome'), ...impactOutcomeContentSchema.shape }),
  z.object({ ...recordBase, kind: z.literal('reflection'), ...reflectionContentSchema.shape }),
  z.object({ ...recordBase, kind: z.literal('statement'), ...statementContentSchema.shape }),
  z.object({ ...recordBase, kind: z.literal('final-decision'), ...finalDecisionContentSchema.shape, confirmed: z.boolean() }),
  z.object({ ...recordBase, kind: z.literal('staff-comment'), ...staffCommentContentSchema.shape }),
  z.object({ ...recordBase, kind: z.literal('summary'), ...writtenSummarySchema.shape }),
  z.object({ ...recordBase, kind: z.literal('support-plan'), ...supportPlanContentSchema.shape }),
  z.object({ ...recordBase, kind: z.literal('support-outcome'), ...supportOutcomeContentSchema.shape, nextStep: z.string().default('') }),
]);
export type YearReviewRecord = z.infer<typeof yearReviewRecordSchema>;
export type YearReviewRecordOf<K extends YearReviewRecordKind> = Extract<YearReviewRecord, { kind: K }>;

export function yearReviewRecordId(kind: YearReviewRecordKind, reviewId: string): string {
  return `${kind}:${reviewId}`;
}

export type ImpactOutcomeContent = z.infer<typeof impactOutcomeContentSchema>;
export type RockReflection = z.infer<typeof rockReflectionSchema>;
export type ReflectionContent = z.infer<typeof reflectionContentSchema>;
export type StatementContent = z.infer<typeof statementContentSchema>;
export type FinalDecisionContent = z.infer<typeof finalDecisionContentSchema>;
export type StaffCommentContent = z.infer<typeof staffCommentContentSchema>;
export type SupportPlanContent = z.infer<typeof supportPlanContentSchema>;
export type SupportOutcomeContent = z.infer<typeof supportOutcomeContentSchema>;
export type WrittenSummary = z.infer<typeof writtenSummarySchema>;

// ── 360-degree feedback (seed 000 §8, §11.2) ───────────────────────────────────────────────

/** A person asks a named colleague for feedback on a rock; the colleague answers from a card. */
export const feedbackRequestSchema = z.object({
  id: idSchema,
  organisationId: organisationIdSchema,
  cycleId: idSchema,
  /** Who asked (whose supporting information it becomes). */
  personId: idSchema,
  /** The colleague asked. */
  askedPersonId: idSchema,
  /** The rock it is about; absent for feedback on the year as a whole. */
  rockId: idSchema.optional(),
  question: userText(1000).default(''),
  answer: userText(4000).optional(),
  answeredAt: z.date().optional(),
  /** The colleague said no (nothing is held about why). */
  declinedAt: z.date().optional(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type FeedbackRequest = z.infer<typeof feedbackRequestSchema>;
export const feedbackAnswerContentSchema = z.object({ answer: requiredText(4000) });
