// Issue 15: PG administrators' Trust progress — completion of a check-in window by school (the
// admin channel's `status` figures), the CSV exports, the schedule's edits and the admin channel.
import { z } from 'zod';
import { personSummarySchema } from './common';
import { scheduleEventDtoSchema } from './schedule';

/** `?eventId=`: a check-in window of the organisation that has opened; absent = the open one, else the last to close. */
export const progressQuerySchema = z.object({ eventId: z.string().min(1).max(300).optional() });

/** One school's (or the trust's) figures for a window. */
export const schoolProgressSchema = z.object({
  school: z.string(),
  /** Staff the policy asks to check in (its exclusions applied). */
  asked: z.number().int(),
  /** Of them, sent the prompt by the bot. */
  prompted: z.number().int(),
  submitted: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  /** Asked and not submitted: "missing" once a compulsory window has closed, "not yet" while it is open. */
  notSubmitted: z.number().int(),
  /** Submitted and acknowledged by the reviewer. */
  acknowledged: z.number().int(),
  awaitingAcknowledgement: z.number().int(),
});

/** A window one can pick: a check-in that has opened this cycle. */
export const progressWindowSchema = z.object({ id: z.string(), title: z.string(), date: z.string(), state: z.enum(['open', 'closed']) });

export const progressResponseSchema = z.object({
  cycle: z.object({ id: z.string(), label: z.string() }).optional(),
  /** The window the figures are for; absent when none has opened yet (or no cycle covers today). */
  event: scheduleEventDtoSchema.optional(),
  state: z.enum(['open', 'closed', 'none']),
  /** A non-compulsory check-in: nobody who leaves it is missing it. */
  optional: z.boolean(),
  windows: z.array(progressWindowSchema),
  schools: z.array(schoolProgressSchema),
  total: schoolProgressSchema,
  /** When no cycle covers today: what to do. */
  notice: z.string().optional(),
  /** Whether the policy lets PG administrators see each person's check-in status (the per-person export). */
  perPersonExport: z.boolean(),
  /** The PG admin channel, when one has been chosen ("admin channel here"): a Teams link to it. */
  adminChannel: z.object({ url: z.string() }).optional(),
});

/** An edit of the schedule made from the admin channel (or a schedule import), newest first. */
export const scheduleEditSchema = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.enum(['added', 'moved', 'changed', 'cancelled']),
  eventId: z.string(),
  /** In words: "Moved Check in 4 from Fri 10 Nov to Fri 17 Nov". */
  summary: z.string(),
  by: personSummarySchema.optional(),
});

export const scheduleEditsResponseSchema = z.object({ cycleId: z.string().optional(), items: z.array(scheduleEditSchema) });

export type ProgressQuery = z.infer<typeof progressQuerySchema>;
export type SchoolProgress = z.infer<typeof schoolProgressSchema>;
export type ProgressResponse = z.infer<typeof progressResponseSchema>;
export type ScheduleEdit = z.infer<typeof scheduleEditSchema>;
export type ScheduleEditsResponse = z.infer<typeof scheduleEditsResponseSchema>;
