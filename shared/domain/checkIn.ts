// A check-in (seed 001's form): WWW, EBI, what's next, progress per rock, a score out of ten, praise.
import { z } from 'zod';
import { idSchema, organisationIdSchema, userText } from './primitives';

export const CHECK_IN_LIMITS = { www: 1000, ebi: 1000, whatsNext: 1000, rockProgress: 1000, praiseMessage: 500, response: 2000 } as const;

export const rockProgressSchema = z.object({
  rockId: idSchema,
  /** The title when the check-in was written, so history reads right after a rock is edited. */
  rockTitle: z.string(),
  progress: userText(CHECK_IN_LIMITS.rockProgress),
});

export const checkInAnswersSchema = z.object({
  www: userText(CHECK_IN_LIMITS.www).default(''),
  ebi: userText(CHECK_IN_LIMITS.ebi).default(''),
  whatsNext: userText(CHECK_IN_LIMITS.whatsNext).default(''),
  rockProgress: z.array(rockProgressSchema).default([]),
  score: z.number().int().min(1, 'score from 1 to 10').max(10, 'score from 1 to 10').optional(),
});

/** Which answer a reviewer's response is about (seed 001: comment on at least one response). */
export const answerAnchorSchema = z.union([z.enum(['www', 'ebi', 'whatsNext', 'score', 'general']), z.string().regex(/^rock:.+$/)]);

export const timelinessSchema = z.enum(['on-time', 'late']);

export const checkInSchema = z.object({
  id: idSchema,
  organisationId: organisationIdSchema,
  personId: idSchema,
  cycleId: idSchema,
  eventId: idSchema,
  answers: checkInAnswersSchema,
  /** Colleagues praised in this check-in; each also becomes a Praise document. */
  praise: z.array(z.object({ personId: idSchema, displayName: z.string() })).default([]),
  praiseMessage: userText(CHECK_IN_LIMITS.praiseMessage).default(''),
  submittedAt: z.date(),
  editedAt: z.date().optional(),
  timeliness: timelinessSchema,
  /** Reviewer at the time of submission (line manager or coach, by policy). */
  reviewerId: idSchema.optional(),
  acknowledgement: z.object({ byPersonId: idSchema, at: z.date() }).optional(),
  reviewerResponse: z
    .object({ byPersonId: idSchema, at: z.date(), text: userText(CHECK_IN_LIMITS.response), anchor: answerAnchorSchema.default('general') })
    .optional(),
  /** The bot message holding this person's card, so it can be updated later. */
  card: z.object({ conversationId: z.string(), activityId: z.string() }).optional(),
  /** The message in the reviewer's bot chat with their copy of this check-in. */
  reviewerCard: z.object({ conversationId: z.string(), activityId: z.string() }).optional(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

/**
 * One check-in per person per event: its id says which, so finding it needs no search. The
 * organisation is part of it because ids are unique across organisations.
 */
export function checkInIdFor(organisationId: string, eventId: string, personId: string): string {
  return `${organisationId}:${eventId}:${personId}`;
}

export type RockProgress = z.infer<typeof rockProgressSchema>;
export type CheckInAnswers = z.infer<typeof checkInAnswersSchema>;
export type AnswerAnchor = z.infer<typeof answerAnchorSchema>;
export type Timeliness = z.infer<typeof timelinessSchema>;
export type CheckIn = z.infer<typeof checkInSchema>;

/**
 * A check-in's state for one person and event, including the ones never submitted. An optional
 * check-in that closed unanswered is 'not-taken', never 'missed'.
 */
export type CheckInState = 'upcoming' | 'open' | 'on-time' | 'late' | 'missed' | 'not-taken';
