// Building blocks shared by every entity schema.
import { z } from 'zod';

/** Every stored document carries its organisation (an Entra tenant id for Teams organisations). */
export const organisationIdSchema = z.string().min(1).max(100);
export type OrganisationId = z.infer<typeof organisationIdSchema>;

// Ids are ours or Teams': never a NUL (the database refuses to look one up) or half a surrogate pair.
export const idSchema = z
  .string()
  .min(1)
  .max(200)
  .refine((s) => !s.includes('\u0000') && !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s), 'is not an id we know');

/** Calendar date in the organisation's time zone, e.g. 2026-02-27. */
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use a date like 2026-02-27');
/** Wall-clock date and time in the organisation's time zone, without offset, e.g. 2023-10-30T08:00. */
export const localDateTimeSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'use a local date and time like 2023-10-30T08:00');

// FerretDB (and MongoDB drivers in general) cannot store NUL in strings; say so instead of failing later.
const noNul = (s: string) => !s.includes('\u0000');
// Half of a surrogate pair on its own: a database (UTF-8) would store U+FFFD in its place, so
// the text would not be kept as typed. Refused instead of altered.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const wellFormed = (s: string) => !LONE_SURROGATE.test(s);
/** Said for a lone surrogate, wherever text is refused for it. */
export const LONE_SURROGATE_MESSAGE = "contains a character we can't store (half of an emoji or symbol): retype or remove it";

/** Free text a person typed: trimmed, bounded, no NUL character. */
export function userText(max: number) {
  return z
    .string()
    .trim()
    .max(max, `keep it under ${max} characters`)
    .refine(noNul, 'contains a character that cannot be stored (NUL)')
    .refine(wellFormed, LONE_SURROGATE_MESSAGE);
}

/** A required line of text, e.g. a rock title. */
export function requiredText(max: number) {
  return userText(max).pipe(z.string().min(1, 'cannot be empty'));
}
