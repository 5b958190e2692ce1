// GET /api/v1/team: what a reviewer needs to act on for each person they review or coach.
import { z } from 'zod';
import { checkInDtoSchema } from './checkIns';
import { instantSchema, personSummarySchema } from './common';
import { rockDeadlineDtoSchema, rockDtoSchema } from './rocks';
import { scheduleEventDtoSchema } from './schedule';

export const teamMemberSchema = z.object({
  person: personSummarySchema.extend({ school: z.string() }),
  /**
   * reviewer: acknowledges their check-ins and agrees their rocks; coach: reads and comments;
   * previous-reviewer: no longer their reviewer, with check-ins sent to them still to finish.
   */
  relationship: z.enum(['reviewer', 'coach', 'previous-reviewer']),
  lastCheckIn: checkInDtoSchema.extend({ title: z.string().optional() }).optional(),
  /** Submitted check-ins this reviewer has not acknowledged yet, oldest first (reviewer only). */
  awaitingAcknowledgement: z.array(checkInDtoSchema.extend({ title: z.string().optional() })),
  /** Set when they have not submitted the open (or, if none is open, the last closed) check-in. */
  notCheckedIn: z.object({ eventId: z.string(), title: z.string(), closes: z.string(), state: z.enum(['open', 'missed']) }).optional(),
  /** The policy does not ask them to check in (paused, excluded, ECT): left out of "3 of 4 checked in". */
  notAsked: z.boolean().optional(),
  /** Proposed rocks waiting for this reviewer (reviewer only). */
  rocksAwaitingAgreement: z.array(rockDtoSchema),
  /** Rock windows whose setting deadline passed without their rocks agreed (reviewer only). */
  rocksOverdue: z.array(rockDeadlineDtoSchema).default([]),
  /** Their rocks this cycle, all states: how many, how many agreed or completed (reviewer only). */
  rockCounts: z.object({ total: z.number().int(), agreed: z.number().int() }).optional(),
  /** The gentle reminder already sent for the open check-in (once per person per window). */
  reminder: z.object({ at: instantSchema, byName: z.string() }).optional(),
});

export const teamResponseSchema = z.object({
  /** The check-in the "not checked in" flags are about. */
  checkIn: scheduleEventDtoSchema.optional(),
  members: z.array(teamMemberSchema),
});

export type TeamMember = z.infer<typeof teamMemberSchema>;
export type TeamResponse = z.infer<typeof teamResponseSchema>;

/** POST /check-ins/acknowledge: acknowledge several check-ins at once. */
export const acknowledgeCheckInsRequestSchema = z.object({
  checkInIds: z.array(z.string().min(1).max(200)).min(1, 'choose at least one check-in').max(50, 'at most 50 at a time'),
});

/** One result per check-in asked for, in the order asked (duplicates once). */
export const acknowledgeCheckInsResponseSchema = z.object({
  results: z.array(
    z.object({
      checkInId: z.string(),
      outcome: z.enum(['acknowledged', 'already-acknowledged', 'refused']),
      /** Why it was refused, in words. */
      message: z.string().optional(),
      checkIn: checkInDtoSchema.optional(),
    }),
  ),
});

/** POST /people/:personId/check-in-reminder: the gentle reminder, sent (or already sent) for the open window. */
export const checkInReminderResponseSchema = z.object({
  eventId: z.string(),
  title: z.string(),
  sentAt: instantSchema,
  byName: z.string(),
  /** False when a reminder for this window had been sent before (nothing sent again). */
  created: z.boolean(),
});

export type AcknowledgeCheckInsResponse = z.infer<typeof acknowledgeCheckInsResponseSchema>;
export type CheckInReminderResponse = z.infer<typeof checkInReminderResponseSchema>;
