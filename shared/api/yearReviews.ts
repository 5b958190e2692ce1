// The year's reviews over /api/v1 (issue 12):
//   GET  /reviews?cycleId=             → my reviews and those that need me (reviewer, decider)
//   GET  /reviews/:id                  → one review as the caller may see it (404 otherwise)
//   PUT  /reviews/:id/impact-outcome   → the reviewer records the March impact review
//   PUT  /reviews/:id/reflection       → the reviewee saves the reflection (draft) or submits it
//   PUT  /reviews/:id/statement        → the reviewer's statement and outcome
//   PUT  /reviews/:id/final-decision   → the headteacher/manager confirms or changes the outcome
//   PUT  /reviews/:id/comment          → the reviewee comments on the outcome or the written summary
//   PUT  /reviews/:id/support-plan     → the reviewer records the support plan
//   PUT  /reviews/:id/support-outcome  → at its review: did it succeed?
//   GET  /review-progress?cycleId=&stage= → PG administrators: completion by school
//   GET/POST /feedback-requests, POST /feedback-requests/:id/answer|decline → 360 feedback
import { z } from 'zod';
import { idSchema } from '../domain/primitives';
import {
  feedbackAnswerContentSchema,
  finalDecisionContentSchema,
  impactOutcomeContentSchema,
  reflectionContentSchema,
  reviewStageKindSchema,
  staffCommentContentSchema,
  statementContentSchema,
  supportOutcomeContentSchema,
  supportPlanContentSchema,
  writtenSummarySchema,
} from '../domain/yearReview';
import { userText } from '../domain/primitives';
import { instantSchema, personSummarySchema } from './common';
import { careerFollowUpsForReviewSchema } from './career';

// ── Requests ───────────────────────────────────────────────────────────────────────────────
export const impactOutcomeRequestSchema = impactOutcomeContentSchema;
/** `submit: true` sends the reflection to the reviewer; without it the reflection is a draft (saved as they type). */
export const reflectionRequestSchema = reflectionContentSchema.extend({ submit: z.boolean().default(false) });
export const statementRequestSchema = statementContentSchema;
export const finalDecisionRequestSchema = finalDecisionContentSchema;
export const staffCommentRequestSchema = staffCommentContentSchema;
export const supportPlanRequestSchema = supportPlanContentSchema;
export const supportOutcomeRequestSchema = supportOutcomeContentSchema;
export const feedbackAskRequestSchema = z.object({
  /** Colleagues asked (directory ids), at least one. */
  askedPersonIds: z.array(idSchema).min(1, 'choose at least one colleague').max(10, 'up to 10 colleagues at a time'),
  rockId: idSchema.optional(),
  question: userText(1000).default(''),
});
export const feedbackAnswerRequestSchema = feedbackAnswerContentSchema;
export const yearReviewListQuerySchema = z.object({ cycleId: idSchema.optional() });
export const yearReviewProgressQuerySchema = z.object({ cycleId: idSchema.optional(), stage: reviewStageKindSchema.optional() });

// ── Responses ──────────────────────────────────────────────────────────────────────────────
export const reviewOptionDtoSchema = z.object({ key: z.string(), label: z.string(), guidance: z.string().optional(), effect: z.string() });

/** Whose turn it is; `complete` when every part the policy asks for is done. */
export const yearReviewStatusSchema = z.enum(['waiting-for-reviewee', 'waiting-for-reviewer', 'waiting-for-decider', 'complete']);

export const yearReviewSummaryDtoSchema = z.object({
  id: z.string(),
  stage: reviewStageKindSchema,
  label: z.string(),
  cycleId: z.string(),
  person: personSummarySchema,
  reviewer: personSummarySchema.nullable(),
  decider: personSummarySchema.nullable(),
  school: z.string(),
  opensAt: instantSchema,
  dueAt: instantSchema,
  reviewerDueAt: instantSchema,
  decisionDueAt: instantSchema.optional(),
  status: yearReviewStatusSchema,
  /** The caller's next action on it, in words ("Write your reflection"), or null when nothing is theirs to do. */
  myNextStep: z.string().nullable(),
  overdue: z.boolean(),
  /** The outcome so far (the final one where decided), for lists. */
  outcomeLabel: z.string().nullable(),
});

const stamps = { authorId: z.string(), updatedAt: instantSchema, submittedAt: instantSchema.optional() };

export const checkInForReviewDtoSchema = z.object({
  id: z.string(),
  eventTitle: z.string(),
  submittedAt: instantSchema,
  onTime: z.boolean(),
  score: z.number().nullable(),
  www: z.string(),
  ebi: z.string(),
  next: z.string(),
  /** The reviewer's own responses on it. */
  responses: z.array(z.string()),
});

export const supportingItemDtoSchema = z.object({
  kind: z.enum(['praise', 'feedback']),
  /** The giver, unless the policy makes 360 feedback anonymous. */
  from: z.string().nullable(),
  text: z.string(),
  rockId: z.string().optional(),
  at: instantSchema,
});

export const yearReviewDtoSchema = yearReviewSummaryDtoSchema.extend({
  outcomes: z.array(reviewOptionDtoSchema),
  selfAssessment: z.array(reviewOptionDtoSchema),
  requireMeetingDate: z.boolean(),
  writtenSummary: z.boolean(),
  /** The parts the caller plays. */
  as: z.object({ reviewee: z.boolean(), reviewer: z.boolean(), decider: z.boolean(), pgAdmin: z.boolean() }),
  /** What the caller may change now. */
  canEdit: z.object({
    impactOutcome: z.boolean(),
    reflection: z.boolean(),
    statement: z.boolean(),
    finalDecision: z.boolean(),
    comment: z.boolean(),
    supportPlan: z.boolean(),
    supportOutcome: z.boolean(),
  }),
  impactOutcome: impactOutcomeContentSchema.extend(stamps).nullable(),
  /** The reviewee's reflection as saved; for the reviewee before they save, the pre-filled draft. */
  reflection: reflectionContentSchema.extend({ ...stamps, prefilled: z.boolean() }).nullable(),
  statement: statementContentSchema.extend(stamps).nullable(),
  finalDecision: finalDecisionContentSchema.extend({ ...stamps, confirmed: z.boolean() }).nullable(),
  staffComment: staffCommentContentSchema.extend(stamps).nullable(),
  summary: writtenSummarySchema.extend({ releasedAt: instantSchema }).nullable(),
  /** Only for those the policy lets see it (absent otherwise, never an empty shell). */
  supportPlan: supportPlanContentSchema.extend(stamps).nullable().optional(),
  supportOutcome: supportOutcomeContentSchema.extend({ ...stamps, nextStep: z.string() }).nullable().optional(),
  /** Measured from the year: on-time rate (0..1, null with no check-ins due), check-ins, praise. */
  measured: z.object({ onTimeRate: z.number().nullable(), checkInsSubmitted: z.number().int(), checkInsDue: z.number().int(), praiseReceived: z.number().int() }),
  /** The year's check-ins beside the reflection (reviewer, decider and the reviewee themself). */
  checkIns: z.array(checkInForReviewDtoSchema),
  rocks: z.array(z.object({ id: z.string(), title: z.string(), status: z.string(), successCriteria: z.array(z.object({ text: z.string(), done: z.boolean() })) })),
  supportingInformation: z.array(supportingItemDtoSchema),
  /** Meeting date for the statement, when the policy requires one. */
  meetingRequiredBeforeStatement: z.boolean(),
  /** The cycle the review looks back on (this one, or the one before). */
  coversCycleId: z.string().optional(),
  /** Issue 13 (career helper): the career conversation's "review at end of annual cycle" follow-ups still open (end-of-year reviews only). */
  careerFollowUps: careerFollowUpsForReviewSchema.optional(),
});

export const yearReviewListResponseSchema = z.object({
  mine: z.array(yearReviewSummaryDtoSchema),
  needsMe: z.array(yearReviewSummaryDtoSchema),
  /** Reviews of my reviewees that need nothing from me now (done, or waiting for them). */
  myTeam: z.array(yearReviewSummaryDtoSchema),
});

export const yearReviewProgressRowSchema = z.object({
  school: z.string(),
  stage: reviewStageKindSchema,
  opened: z.number().int(),
  /** Counts by part done: impact outcome recorded / reflection submitted / statement written / decided / commented. */
  outcomeRecorded: z.number().int(),
  reflectionsSubmitted: z.number().int(),
  statements: z.number().int(),
  finalDecisions: z.number().int(),
  staffComments: z.number().int(),
  complete: z.number().int(),
  overdue: z.number().int(),
  /** Outcome label → count (final decision where made, else the reviewer's). */
  outcomes: z.record(z.string(), z.number().int()),
});
export const yearReviewProgressResponseSchema = z.object({
  cycleId: z.string(),
  rows: z.array(yearReviewProgressRowSchema),
  supportPlans: z.object({ open: z.number().int(), succeeded: z.number().int(), unsuccessful: z.number().int() }),
});

export const feedbackRequestDtoSchema = z.object({
  id: z.string(),
  person: personSummarySchema,
  asked: personSummarySchema,
  rockId: z.string().optional(),
  rockTitle: z.string().optional(),
  question: z.string(),
  answer: z.string().optional(),
  answeredAt: instantSchema.optional(),
  declinedAt: instantSchema.optional(),
  createdAt: instantSchema,
});
export const feedbackRequestListResponseSchema = z.object({
  askedByMe: z.array(feedbackRequestDtoSchema),
  askedOfMe: z.array(feedbackRequestDtoSchema),
});

export type YearReviewSummaryDto = z.infer<typeof yearReviewSummaryDtoSchema>;
export type YearReviewDto = z.infer<typeof yearReviewDtoSchema>;
export type YearReviewListResponse = z.infer<typeof yearReviewListResponseSchema>;
export type YearReviewProgressResponse = z.infer<typeof yearReviewProgressResponseSchema>;
export type FeedbackRequestDto = z.infer<typeof feedbackRequestDtoSchema>;
export type ReflectionRequest = z.input<typeof reflectionRequestSchema>;

// ── The impact review's and support plan's answers (PUT …/impact-outcome, …/comment, …/support-plan,
//    …/support-outcome; GET …/support-plan, for those the policy lets see it) ─────────────────
export const impactOutcomeDtoSchema = impactOutcomeContentSchema.extend({ ...stamps, outcomeLabel: z.string(), effect: z.string() });
export const staffCommentDtoSchema = staffCommentContentSchema.extend(stamps);
export const supportPlanDtoSchema = supportPlanContentSchema.extend({ ...stamps, routeLabel: z.string() });
export const supportOutcomeDtoSchema = supportOutcomeContentSchema.extend({ ...stamps, nextStep: z.string() });
export const supportPlanResponseSchema = z.object({
  reviewId: z.string(),
  person: personSummarySchema,
  /** Whether the person's professional growth (their check-in prompts) is paused now. */
  paused: z.boolean(),
  routes: z.array(z.object({ key: z.string(), label: z.string(), ifUnsuccessful: z.string() })),
  plan: supportPlanDtoSchema.nullable(),
  outcome: supportOutcomeDtoSchema.nullable(),
  /** The caller is the reviewer and the outcome is not yet recorded. */
  canEdit: z.boolean(),
});
export type ImpactOutcomeDto = z.infer<typeof impactOutcomeDtoSchema>;
export type StaffCommentDto = z.infer<typeof staffCommentDtoSchema>;
export type SupportPlanDto = z.infer<typeof supportPlanDtoSchema>;
export type SupportOutcomeDto = z.infer<typeof supportOutcomeDtoSchema>;
export type SupportPlanResponse = z.infer<typeof supportPlanResponseSchema>;
