// Aspiration survey, career conversations, follow-ups, the talent grid, moderation notes and the
// anonymised reports (seed 000 Appendix 3/4, §3, §6, §11.4). As with the reviews, every document
// has one writer: a survey response is the person's, a career conversation the reviewer's, a
// follow-up is closed by its owner, an approval is a unique insert of its own, so no two people
// ever write one document (FerretDB 1.x does not update a document atomically).
import { z } from 'zod';
import { idSchema, isoDateSchema, organisationIdSchema, requiredText, userText } from './primitives';

// ── Aspiration survey ──────────────────────────────────────────────────────────────────────

/** One answer: a choice key, several choice keys, or free text. Every question is optional. */
export const surveyAnswerSchema = z.union([z.string().max(4000), z.array(z.string().max(60)).max(30)]);
export type SurveyAnswer = z.infer<typeof surveyAnswerSchema>;

/** A person's answers to one survey event; editable by them until the event's window closes. */
export const surveyResponseSchema = z.object({
  /** `<eventId>:<personId>` (surveyResponseId): one per person per survey. */
  id: idSchema,
  organisationId: organisationIdSchema,
  cycleId: idSchema,
  eventId: idSchema,
  personId: idSchema,
  /** Question key → answer; unanswered questions are absent. */
  answers: z.record(z.string(), surveyAnswerSchema),
  /** Snapshot at answering, for the analysis by school and role category. */
  school: z.string().default(''),
  roleCategory: z.string().default('staff'),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type SurveyResponse = z.infer<typeof surveyResponseSchema>;
export function surveyResponseId(eventId: string, personId: string): string {
  return `${eventId}:${personId}`;
}

// ── Career conversation (March) and its follow-ups ─────────────────────────────────────────

export const careerConversationContentSchema = z.object({
  /** A key of policy.career.routes. */
  route: z.string().min(1).max(60),
  meetingOn: isoDateSchema.optional(),
  notes: userText(3000).default(''),
});

/** Recorded by the reviewer; one per person per cycle. The reviewee's comment is a document of its own. */
export const careerConversationSchema = z.object({
  /** `<cycleId>:<personId>` (careerConversationId). */
  id: idSchema,
  organisationId: organisationIdSchema,
  cycleId: idSchema,
  personId: idSchema,
  reviewerId: idSchema,
  ...careerConversationContentSchema.shape,
  school: z.string().default(''),
  roleCategory: z.string().default('staff'),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type CareerConversation = z.infer<typeof careerConversationSchema>;
export function careerConversationId(cycleId: string, personId: string): string {
  return `${cycleId}:${personId}`;
}

export const careerCommentSchema = z.object({
  /** The conversation's id: one comment per conversation, replaced when the reviewee edits it. */
  id: idSchema,
  organisationId: organisationIdSchema,
  personId: idSchema,
  text: requiredText(3000),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type CareerComment = z.infer<typeof careerCommentSchema>;

export const followUpOwnerRoles = ['reviewer', 'reviewee', 'recruitment', 'pg-admin'] as const;

/** A task a career route sets going (seed 000 Appendix 4), with an owner and a due date. */
export const followUpSchema = z.object({
  /** `<conversationId>:<followUpKey>`: created once per conversation and route step. */
  id: idSchema,
  organisationId: organisationIdSchema,
  cycleId: idSchema,
  /** Whom it is about. */
  personId: idSchema,
  conversationId: idSchema,
  route: z.string(),
  /** The policy's step key and text ("Arrange stay interview…"). */
  key: z.string(),
  text: z.string(),
  ownerRole: z.enum(followUpOwnerRoles),
  /** The person who owns it, where one person does (the reviewer, the reviewee); role-owned tasks are anyone's of the role. */
  ownerId: idSchema.optional(),
  dueOn: isoDateSchema,
  /** "Review at end of annual cycle": reappears at the end-of-year review. */
  atEndOfCycle: z.boolean().default(false),
  /** A stay interview (route "unsure"), counted on its own. */
  stayInterview: z.boolean().default(false),
  status: z.enum(['open', 'closed']).default('open'),
  closedAt: z.date().optional(),
  closedById: idSchema.optional(),
  closedNote: userText(2000).optional(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type FollowUp = z.infer<typeof followUpSchema>;
export const closeFollowUpContentSchema = z.object({ note: requiredText(2000) });

// ── Moderation (seed 000 §3, §6: rocks quality assured by SMT/Directorate leads) ───────────

export const moderationNoteSchema = z.object({
  id: idSchema,
  organisationId: organisationIdSchema,
  rockId: idSchema,
  /** The rock's owner. */
  personId: idSchema,
  authorId: idSchema,
  text: requiredText(2000),
  createdAt: z.date(),
});
export type ModerationNote = z.infer<typeof moderationNoteSchema>;

// ── Governors' anonymised sample of reflections (seed 000 §3) ──────────────────────────────

/** One sampled reflection, already anonymised; released only when its reviewer and a PG admin approve. */
export const governorSampleItemSchema = z.object({
  /** Position in the sample: approvals name it. */
  index: z.number().int().min(0),
  /** The review it came from (never shown in the release). */
  reviewId: idSchema,
  /** Whose reviewer must approve (never shown in the release). */
  reviewerId: idSchema.optional(),
  /** The anonymised text: names, @-mentions, schools and directory names removed. */
  text: z.string(),
});

export const governorSampleSchema = z.object({
  id: idSchema,
  organisationId: organisationIdSchema,
  cycleId: idSchema,
  createdById: idSchema,
  createdAt: z.date(),
  items: z.array(governorSampleItemSchema),
});
export type GovernorSample = z.infer<typeof governorSampleSchema>;

/** An approval of one sample item by the reviewer or a PG admin: `<sampleId>:<index>:<role>`, a unique insert. */
export const sampleApprovalSchema = z.object({
  id: idSchema,
  organisationId: organisationIdSchema,
  sampleId: idSchema,
  index: z.number().int().min(0),
  role: z.enum(['reviewer', 'pg-admin']),
  byPersonId: idSchema,
  /** false: withheld from the release. */
  approved: z.boolean(),
  at: z.date(),
});
export type SampleApproval = z.infer<typeof sampleApprovalSchema>;
