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
