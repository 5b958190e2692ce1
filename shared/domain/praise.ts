// seed 001: "@-praise a colleague for a great Friday feel-good factor". Public to the recipient;
// the check-in it came from is not.
import { z } from 'zod';
import { idSchema, organisationIdSchema, requiredText } from './primitives';

export const praiseSchema = z.object({
  id: idSchema,
  organisationId: organisationIdSchema,
  fromPersonId: idSchema,
  toPersonId: idSchema,
  message: requiredText(500),
  /** Set when the praise was given in a check-in; never shown to the recipient. */
  checkInId: idSchema.optional(),
  createdAt: z.date(),
});

export type Praise = z.infer<typeof praiseSchema>;

/**
 * Thanks written in a check-in without a colleague chosen: the check-in is stored all the same and
 * the thanks waits here until its author says whom it is for (or discards it). One per check-in
 * (its id is the check-in's), written by its author only.
 */
export const pendingThanksSchema = z.object({
  id: idSchema,
  organisationId: organisationIdSchema,
  personId: idSchema,
  checkInId: idSchema,
  eventId: idSchema,
  message: requiredText(500),
  status: z.enum(['pending', 'sent', 'discarded']),
  /** Who it was sent to, once sent. */
  recipientIds: z.array(idSchema).default([]),
  createdAt: z.date(),
  resolvedAt: z.date().optional(),
});

export type PendingThanks = z.infer<typeof pendingThanksSchema>;
