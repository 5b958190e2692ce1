// Issue 16, "who viewed my record": one entry each time someone other than the person opens one of
// their records (check-ins, rocks, reviews, plans), at most once per viewer, record and day.
import { z } from 'zod';
import { idSchema, isoDateSchema, organisationIdSchema } from './primitives';

/** What was opened: the whole timeline or list, or one item of it (`itemId`). */
export const recordViewKindSchema = z.enum(['check-ins', 'check-in', 'rocks', 'year-review', 'support-plan', 'growth', 'career', 'progress-export', 'talent', 'data-export']);
export type RecordViewKind = z.infer<typeof recordViewKindSchema>;

/** The part the viewer played when they looked, as the access rules granted it. */
export const recordViewRoleSchema = z.enum(['reviewer', 'former-reviewer', 'coach', 'decider', 'pg-admin', 'smt', 'recruitment']);
export type RecordViewRole = z.infer<typeof recordViewRoleSchema>;

export const recordViewSchema = z.object({
  /** Derived from organisation, subject, viewer, kind, item and day: a second view that day is the same entry. */
  id: idSchema,
  organisationId: organisationIdSchema,
  subjectPersonId: idSchema,
  viewerPersonId: idSchema,
  role: recordViewRoleSchema,
  kind: recordViewKindSchema,
  itemId: idSchema.optional(),
  /** What was opened, in the person's words, as it was called then ("your check-in of 6 March 2026"). */
  what: z.string().min(1).max(300),
  /** The day in the organisation's time zone. */
  day: isoDateSchema,
  /** The first view of that day. */
  viewedAt: z.date(),
});
export type RecordView = z.infer<typeof recordViewSchema>;
