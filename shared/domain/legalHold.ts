// Issue 16, retention: a legal hold on a person keeps everything about them from the retention
// purge (and from erasure) while a claim, an investigation or a tribunal needs the record. Put and
// lifted by a PG admin with a reason; both audited.
import { z } from 'zod';
import { idSchema, organisationIdSchema } from './primitives';

export const legalHoldReasonSchema = z.string().trim().min(1).max(500);

export const legalHoldSchema = z.object({
  /** Derived from the organisation and the person: one hold per person. */
  id: idSchema,
  organisationId: organisationIdSchema,
  personId: idSchema,
  reason: legalHoldReasonSchema,
  heldAt: z.date(),
  heldByPersonId: idSchema,
});
export type LegalHold = z.infer<typeof legalHoldSchema>;
