// GET /api/v1/team: what a reviewer needs to act on for each person they review or coach.
import { z } from 'zod';
import { checkInDtoSchema } from './checkIns';
import { personSummarySchema } from './common';
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
  /** Proposed rocks waiting for this reviewer (reviewer only). */
  rocksAwaitingAgreement: z.array(rockDtoSchema),
  /** Rock windows whose setting deadline passed without their rocks agreed (reviewer only). */
  rocksOverdue: z.array(rockDeadlineDtoSchema).default([]),
});

export const teamResponseSchema = z.object({
  /** The check-in the "not checked in" flags are about. */
  checkIn: scheduleEventDtoSchema.optional(),
  members: z.array(teamMemberSchema),
});

export type TeamMember = z.infer<typeof teamMemberSchema>;
export type TeamResponse = z.infer<typeof teamResponseSchema>;
