// Issue 16: GET /me/record-views — who has opened my records (check-ins, rocks, reviews, plans),
// newest first, once per viewer, record and day; only the person's own, never anyone else's.
import { z } from 'zod';
import { instantSchema, personSummarySchema } from './common';

/** Where the next page starts: the `next` of the page before (an instant and an entry id). */
export const recordViewCursorSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z_rv-[0-9a-f]{40}$/, 'use the "next" value of the previous page');

export const recordViewsQuerySchema = z.object({
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  before: recordViewCursorSchema.optional(),
});

export const recordViewDtoSchema = z.object({
  viewer: personSummarySchema,
  /** The part they play, in words: "your reviewer", "a PG administrator", … */
  role: z.string(),
  /** What they opened: "your check-ins of 2025-26", "your impact review", … */
  what: z.string(),
  /** The day, YYYY-MM-DD in the organisation's time zone. */
  day: z.string(),
  viewedAt: instantSchema,
});

export const recordViewsResponseSchema = z.object({
  items: z.array(recordViewDtoSchema),
  /** Present when there are older entries: pass it as `before`. */
  next: recordViewCursorSchema.optional(),
});

export type RecordViewsQuery = z.infer<typeof recordViewsQuerySchema>;
export type RecordViewDto = z.infer<typeof recordViewDtoSchema>;
export type RecordViewsResponse = z.infer<typeof recordViewsResponseSchema>;
