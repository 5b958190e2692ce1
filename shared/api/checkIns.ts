// Check-ins as the tab reads them: one check-in, a person's timeline for the cycle, and the
// reviewer's acknowledgement and response (seed 001: acknowledge every check-in, comment on one answer).
import { z } from 'zod';
import { answerAnchorSchema, checkInAnswersSchema, CHECK_IN_LIMITS, idSchema, requiredText, rockProgressSchema, timelinessSchema, userText } from '../domain';
import { instantSchema, personSummarySchema } from './common';
import { eventPhaseSchema, scheduleEventDtoSchema } from './schedule';
import { pendingThanksDtoSchema } from './praise';

export const checkInStateSchema = z.enum(['upcoming', 'open', 'on-time', 'late', 'missed', 'not-taken']);

/**
 * A timeline entry's state: a check-in's, or in group mode whether the person posted in their
 * group's session. 'not-asked': the policy leaves the person out (excluded, ECT, paused…), so a
 * check-in they did not give is not theirs to miss.
 */
export const timelineStateSchema = z.enum([...checkInStateSchema.options, 'posted', 'not-posted', 'not-asked']);

export const checkInDtoSchema = z.object({
  id: z.string(),
  personId: z.string(),
  eventId: z.string(),
  cycleId: z.string(),
  answers: z.object({
    www: z.string(),
    ebi: z.string(),
    whatsNext: z.string(),
    rockProgress: z.array(z.object({ rockId: z.string(), rockTitle: z.string(), progress: z.string() })),
    score: z.number().int().optional(),
  }),
  praise: z.array(personSummarySchema.pick({ displayName: true }).extend({ personId: z.string() })),
  praiseMessage: z.string(),
  submittedAt: instantSchema,
  editedAt: instantSchema.optional(),
  timeliness: timelinessSchema,
  reviewer: personSummarySchema.optional(),
  acknowledgement: z.object({ byPersonId: z.string(), byName: z.string().optional(), at: instantSchema }).optional(),
  reviewerResponse: z
    .object({ byPersonId: z.string(), byName: z.string().optional(), at: instantSchema, text: z.string(), anchor: z.string() })
    .optional(),
});

/** GET /check-ins/:id */
export const checkInDetailResponseSchema = z.object({
  checkIn: checkInDtoSchema,
  person: personSummarySchema,
  event: scheduleEventDtoSchema.optional(),
  /** What the caller may do with it. */
  canAcknowledge: z.boolean(),
  canRespond: z.boolean(),
});

export const timelineEntrySchema = z.object({
  eventId: z.string(),
  kind: z.enum(['check-in', 'optional-check-in']),
  title: z.string(),
  number: z.number().int().optional(),
  date: z.string(),
  window: z.object({ opens: z.string(), closes: z.string() }),
  opensAt: instantSchema,
  closesAt: instantSchema,
  state: timelineStateSchema,
  /** Where the window is by the server's clock (a submitted check-in's state no longer says it is open). */
  phase: eventPhaseSchema.optional(),
  checkIn: checkInDtoSchema.optional(),
  /** Group mode: the session of the person's coaching group for this check-in, and whether they posted in it. */
  group: z.object({ sessionId: z.string(), groupId: z.string(), groupName: z.string(), posted: z.boolean() }).optional(),
});

/** GET /people/:id/check-ins: every check-in event of the current cycle, oldest first. */
export const checkInTimelineResponseSchema = z.object({
  person: personSummarySchema,
  cycle: z.object({ id: z.string(), label: z.string() }).optional(),
  /** 'group' (seed 004): the entries are group coaching sessions, never missed, and nothing is rated. */
  mode: z.enum(['individual', 'group']).default('individual'),
  entries: z.array(timelineEntrySchema),
  /** Compulsory check-ins only: on time ÷ (closed or submitted); rate is null before any is due. */
  onTime: z.object({ onTime: z.number().int(), due: z.number().int(), rate: z.number().min(0).max(1).nullable() }),
  /** Whether the policy asks this person to check in now, and why not (absent from older servers). */
  participation: z.object({ asked: z.boolean(), reason: z.string().optional() }).optional(),
  /** The 1-10 confidence score, oldest first. */
  scores: z.array(z.object({ date: z.string(), score: z.number().int(), checkInId: z.string() })),
});

/** POST /check-ins/:id/acknowledge takes no body (an empty object is fine). */
export const acknowledgeCheckInRequestSchema = z.object({}).default({});

/** POST /check-ins/:id/respond: the reviewer's response; also acknowledges if not yet done. */
export const respondToCheckInRequestSchema = z.object({
  text: requiredText(CHECK_IN_LIMITS.response),
  anchor: answerAnchorSchema.default('general'),
});

/** seed 001 praises "people", not a whole staff room; a cap also bounds the Praise documents one submit writes. */
export const MAX_PRAISED_PER_CHECK_IN = 20;

/**
 * Progress fields one check-in may carry: a person reports on their agreed rocks of the window (one
 * per rock slot; TSFE has three), so anything past this is not a form anyone filled in.
 */
export const MAX_ROCK_PROGRESS_PER_CHECK_IN = 10;

/**
 * A check-in as a person submits it, from the bot's card or the tab: the use case's input. Rock
 * progress names the rock only; the title it was written for is taken from the person's rocks.
 */
export const submitCheckInRequestSchema = z.object({
  eventId: idSchema,
  answers: checkInAnswersSchema.extend({
    rockProgress: z
      .array(rockProgressSchema.omit({ rockTitle: true }))
      .max(MAX_ROCK_PROGRESS_PER_CHECK_IN, `progress on up to ${MAX_ROCK_PROGRESS_PER_CHECK_IN} rocks at a time`)
      .default([]),
  }),
  /** The colleagues praised, by person id. */
  praiseIds: z.array(idSchema).max(MAX_PRAISED_PER_CHECK_IN, `praise up to ${MAX_PRAISED_PER_CHECK_IN} colleagues at a time`).default([]),
  praiseMessage: userText(CHECK_IN_LIMITS.praiseMessage).default(''),
});

/** The words of the check-in form, shared by the bot's card and the tab (bot/cards/checkInForm.ts). */
export const checkInQuestionSchema = z.object({ label: z.string(), hint: z.string().optional(), max: z.number().int().optional() });

/**
 * GET /check-ins/current: the signed-in person's open check-in, to check in (or edit until it
 * closes) from the tab; otherwise why there is nothing to do now, and the next one.
 */
export const currentCheckInResponseSchema = z.object({
  state: z.enum(['open', 'none', 'no-cycle', 'not-asked', 'group']),
  /** The server's clock, so a countdown reads right on a device whose clock is off. */
  now: instantSchema,
  /** Why there is nothing to send now (not asked, between cycles, group mode), in words for the person. */
  message: z.string().optional(),
  /** The open check-in event; `next` is the one after (or the next to open when none is). */
  event: scheduleEventDtoSchema.optional(),
  next: scheduleEventDtoSchema.optional(),
  /** What the person already sent for the open one: editable until it closes. */
  checkIn: checkInDtoSchema.optional(),
  /** The rocks to report progress on: the agreed ones of the window, and any already written against. */
  rocks: z.array(z.object({ id: z.string(), title: z.string(), label: z.string() })),
  reviewer: personSummarySchema.optional(),
  /** The bot's one-to-one chat in Teams (absent when no bot is configured). */
  chatUrl: z.string().optional(),
  questions: z.object({
    www: checkInQuestionSchema,
    ebi: checkInQuestionSchema,
    whatsNext: checkInQuestionSchema,
    rockProgress: checkInQuestionSchema,
    score: checkInQuestionSchema,
    praise: checkInQuestionSchema,
    praiseMessage: checkInQuestionSchema,
  }),
  /** The form's introduction, as on the card. */
  intro: z.array(z.string()),
});

/**
 * POST /check-ins answers with the check-in and, when its thanks named nobody, the thanks waiting to
 * be sent (issue 15: never a refusal): the tab asks whom it is for (POST /praise/pending/:id).
 */
export const submitCheckInResponseSchema = checkInDtoSchema.extend({ pendingThanks: pendingThanksDtoSchema.optional() });

export type SubmitCheckInResponse = z.infer<typeof submitCheckInResponseSchema>;
export type CheckInStateDto = z.infer<typeof checkInStateSchema>;
export type TimelineStateDto = z.infer<typeof timelineStateSchema>;
export type CheckInDto = z.infer<typeof checkInDtoSchema>;
export type CheckInDetailResponse = z.infer<typeof checkInDetailResponseSchema>;
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;
export type CheckInTimelineResponse = z.infer<typeof checkInTimelineResponseSchema>;
export type SubmitCheckInRequest = z.input<typeof submitCheckInRequestSchema>;
export type CurrentCheckInResponse = z.infer<typeof currentCheckInResponseSchema>;
export type CheckInQuestion = z.infer<typeof checkInQuestionSchema>;
export type RespondToCheckInRequest = z.input<typeof respondToCheckInRequestSchema>;
