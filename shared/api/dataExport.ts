// Issue 16, subject access and erasure (UK GDPR): everything held about a person, as JSON or a
// readable page (GET /me/data-export, GET /people/:id/data-export for PG admins), and the erasure
// of it on request (GET …/erasure previews the counts, POST erases, refused under a legal hold).
import { z } from 'zod';
import { instantSchema } from './common';

export const dataExportQuerySchema = z.object({
  format: z.enum(['json', 'html'], { message: 'format is json or html' }).default('json'),
});

/** One kind of record, under a heading in the person's own words. */
export const dataExportSectionSchema = z.object({
  key: z.string(),
  heading: z.string(),
  /** What the section holds and why, in a sentence. */
  about: z.string(),
  /** Each record: field → value (text, numbers, ISO instants, lists, nested records). */
  items: z.array(z.record(z.string(), z.unknown())),
});

export const dataExportSchema = z.object({
  generatedAt: instantSchema,
  organisation: z.object({ name: z.string(), timeZone: z.string() }),
  person: z.object({ id: z.string(), displayName: z.string(), email: z.string() }),
  /** Who downloaded it: the person themself, or the PG administrator who did it for them. */
  preparedFor: z.enum(['self', 'pg-admin']),
  sections: z.array(dataExportSectionSchema),
});

export const erasureRequestSchema = z.object({
  reason: z.string().trim().min(1, 'say why the records are erased (the request, its date)').max(500, 'keep the reason under 500 characters'),
  /** The person's display name, typed by the administrator: erasure cannot be undone. */
  confirm: z.string().max(200),
});

export const erasureCountsSchema = z.record(z.string(), z.number().int().min(0));

export const erasurePreviewSchema = z.object({
  person: z.object({ id: z.string(), displayName: z.string() }),
  /** Records that will be deleted, by kind. */
  deleted: erasureCountsSchema,
  /** Records that stay with the person's name and id replaced ("A former colleague"), by kind. */
  anonymised: erasureCountsSchema,
  /** A legal hold stops erasure: the refusal, in words. */
  heldMessage: z.string().optional(),
});

export const erasureResponseSchema = z.object({
  erased: z.literal(true),
  deleted: erasureCountsSchema,
  anonymised: erasureCountsSchema,
});

export type DataExportQuery = z.infer<typeof dataExportQuerySchema>;
export type DataExportSection = z.infer<typeof dataExportSectionSchema>;
export type DataExport = z.infer<typeof dataExportSchema>;
export type ErasureRequest = z.infer<typeof erasureRequestSchema>;
export type ErasurePreview = z.infer<typeof erasurePreviewSchema>;
export type ErasureResponse = z.infer<typeof erasureResponseSchema>;
