import { z } from 'zod';
import { idSchema, organisationIdSchema } from './primitives';

export const auditEntrySchema = z.object({
  id: idSchema,
  organisationId: organisationIdSchema,
  at: z.date(),
  actor: z.object({ kind: z.enum(['person', 'system']), personId: idSchema.optional(), entraObjectId: z.string().optional() }),
  /** A use case name, e.g. "checkIn.submitted", "schedule.eventMoved". */
  action: z.string().min(1),
  subject: z.object({ kind: z.string().min(1), id: z.string().min(1) }),
  details: z.record(z.string(), z.unknown()).default({}),
});

export type AuditEntry = z.infer<typeof auditEntrySchema>;
