// Issue 16: GET /retention — the PG admin's dry-run report of the six-year rule (what goes, when,
// how many records of each kind, who is held); PUT/DELETE /retention/holds/:personId — a legal hold.
import { z } from 'zod';
import { instantSchema } from './common';

export const retentionQuerySchema = z.object({
  /** See the report as of a later day (YYYY-MM-DD): what would have gone by then. Default: today. */
  asOf: z.iso.date('use a date like 2032-09-01').optional(),
});

export const legalHoldBodySchema = z.object({
  reason: z.string('say why, in 1 to 500 characters').trim().min(1, 'say why, in 1 to 500 characters').max(500, 'at most 500 characters'),
});

export const retentionPurgeDtoSchema = z.object({
  kind: z.enum(['cycle', 'leaver', 'undated']),
  label: z.string(),
  /** The first day these records go (YYYY-MM-DD). */
  dueOn: z.string(),
  /** Records by kind ("Check-ins": 12), as they stand now. */
  counts: z.array(z.object({ kind: z.string(), collection: z.string(), count: z.number().int() })),
  total: z.number().int(),
});

export const legalHoldDtoSchema = z.object({
  personId: z.string(),
  displayName: z.string(),
  reason: z.string(),
  heldAt: instantSchema,
  heldBy: z.string(),
});

export const retentionReportSchema = z.object({
  asOf: instantSchema,
  years: z.number().int(),
  from: z.enum(['cycle-end', 'leaving']),
  /** What the next run destroys. */
  due: z.array(retentionPurgeDtoSchema),
  /** The purges coming after, soonest first. */
  upcoming: z.array(retentionPurgeDtoSchema),
  held: z.array(legalHoldDtoSchema),
  /** Records past their date that the holds keep, by kind. */
  keptByHold: z.array(z.object({ kind: z.string(), collection: z.string(), count: z.number().int() })),
  /** Everyone who could be held (people in the directory), for the hold control. */
  people: z.array(z.object({ id: z.string(), displayName: z.string(), held: z.boolean(), left: z.string().optional() })),
});

export const legalHoldResponseSchema = z.object({ hold: legalHoldDtoSchema.nullable(), created: z.boolean().optional(), lifted: z.boolean().optional() });

export type RetentionQuery = z.infer<typeof retentionQuerySchema>;
export type LegalHoldBody = z.infer<typeof legalHoldBodySchema>;
export type RetentionPurgeDto = z.infer<typeof retentionPurgeDtoSchema>;
export type LegalHoldDto = z.infer<typeof legalHoldDtoSchema>;
export type RetentionReport = z.infer<typeof retentionReportSchema>;
export type LegalHoldResponse = z.infer<typeof legalHoldResponseSchema>;
