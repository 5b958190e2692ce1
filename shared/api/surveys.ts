// The aspiration survey (issue 13, seed 000 Appendix 3/4): GET /aspiration-survey (the open or most
// recent survey, its questions and my answers), PUT /aspiration-survey/:eventId/response (my own,
// until it closes), GET /people/:id/aspiration-survey (the person, their reviewer, PG admins) and the
// analysis for PG admins and leaders (aggregates only, groups below the minimum size merged or hidden).
import { z } from 'zod';
import { surveyAnswerSchema } from '../domain/talent';
import { instantSchema, personSummarySchema } from './common';

export const surveyAnswerRequestSchema = z.object({
  /** Question key → a choice key, several choice keys, or text. Leave a question out to skip it. */
  answers: z.record(z.string(), surveyAnswerSchema).default({}),
});
export type SurveyAnswerRequest = z.infer<typeof surveyAnswerRequestSchema>;

export const surveyQuestionDtoSchema = z.object({
  key: z.string(),
  text: z.string(),
  kind: z.enum(['choice', 'multi-choice', 'text']),
  options: z.array(z.object({ key: z.string(), label: z.string() })),
  topic: z.string().optional(),
  /** For text questions, the most characters accepted. */
  maxLength: z.number().int().optional(),
});
export type SurveyQuestionDto = z.infer<typeof surveyQuestionDtoSchema>;

export const surveyEventDtoSchema = z.object({
  eventId: z.string(),
  title: z.string(),
  opensAt: instantSchema,
  closesAt: instantSchema,
  /** The window contains now. */
  open: z.boolean(),
  /** The window has closed. */
  closed: z.boolean(),
});
export type SurveyEventDto = z.infer<typeof surveyEventDtoSchema>;

export const surveyAnswersDtoSchema = z.object({
  answers: z.record(z.string(), surveyAnswerSchema),
  answeredAt: instantSchema,
  updatedAt: instantSchema,
});

/** GET /aspiration-survey */
export const mySurveyResponseSchema = z.object({
  survey: surveyEventDtoSchema.nullable(),
  questions: z.array(surveyQuestionDtoSchema),
  mine: surveyAnswersDtoSchema.nullable(),
  /** I may answer or change my answers now (the window is open and the policy asks me). */
  canEdit: z.boolean(),
  /** Why not, when the survey is there but I can't answer it. */
  notice: z.string().optional(),
  /** I may read the analysis (PG admins and leaders). */
  canSeeAnalysis: z.boolean(),
});
export type MySurveyResponse = z.infer<typeof mySurveyResponseSchema>;

/** GET /people/:id/aspiration-survey */
export const personSurveyResponseSchema = z.object({
  person: personSummarySchema,
  survey: surveyEventDtoSchema.nullable(),
  questions: z.array(surveyQuestionDtoSchema),
  answers: surveyAnswersDtoSchema.nullable(),
});
export type PersonSurveyResponse = z.infer<typeof personSurveyResponseSchema>;

export const surveyAnalysisQuerySchema = z.object({
  eventId: z.string().min(1).max(300).optional(),
  by: z.enum(['school', 'roleCategory']).default('school'),
});
export type SurveyAnalysisQuery = z.infer<typeof surveyAnalysisQuerySchema>;

export const surveyGroupDtoSchema = z.object({
  name: z.string(),
  eligible: z.number().int(),
  responded: z.number().int(),
  /** Whole per cent. */
  responseRate: z.number().int(),
  /** "Other schools" / "Other roles": groups too small to show on their own, combined. */
  combined: z.boolean(),
});
export type SurveyGroupDto = z.infer<typeof surveyGroupDtoSchema>;

/** GET /aspiration-survey/analysis: aggregates only, never free text, never a group below the minimum. */
export const surveyAnalysisResponseSchema = z.object({
  survey: surveyEventDtoSchema,
  by: z.enum(['school', 'roleCategory']),
  minGroupSize: z.number().int(),
  trust: z.object({ eligible: z.number().int(), responded: z.number().int(), responseRate: z.number().int() }),
  /** The groups shown, in order; each has at least minGroupSize respondents. */
  groups: z.array(surveyGroupDtoSchema),
  /** How many groups were too small and are inside the combined group. */
  mergedGroups: z.number().int(),
  /** How many groups were too small even combined, so are not shown at all. */
  suppressedGroups: z.number().int(),
  /** Per choice question: per option, the count in each shown group (same order as `groups`) and their total. */
  questions: z.array(
    z.object({
      key: z.string(),
      text: z.string(),
      kind: z.enum(['choice', 'multi-choice']),
      options: z.array(z.object({ key: z.string(), label: z.string(), counts: z.array(z.number().int()), total: z.number().int() })),
    }),
  ),
});
export type SurveyAnalysisResponse = z.infer<typeof surveyAnalysisResponseSchema>;
