// Building blocks of every /api/v1 payload. Payloads are JSON, so instants are ISO 8601 strings
// (the domain's Date fields become `...At` strings here) and calendar dates stay YYYY-MM-DD.
import { z } from 'zod';

/** An instant as JSON carries it, e.g. 2026-02-27T09:00:00.000Z. */
export const instantSchema = z.iso.datetime({ offset: true });

export const personSummarySchema = z.object({
  id: z.string(),
  displayName: z.string(),
});

/** `?page=&pageSize=` on every list; 1-based pages, at most 200 a page. */
export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/** A page of a list: `hasMore` says whether asking for `page + 1` finds anything. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    page: z.number().int().min(1),
    pageSize: z.number().int().min(1),
    hasMore: z.boolean(),
  });
}

export type PersonSummary = z.infer<typeof personSummarySchema>;
export type PageQuery = z.infer<typeof pageQuerySchema>;
export interface PageOf<T> {
  items: T[];
  page: number;
  pageSize: number;
  hasMore: boolean;
}
