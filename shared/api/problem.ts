// Errors from /api/v1 are RFC 9457 problem documents (Content-Type: application/problem+json).
import { z } from 'zod';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** One field that needs another look; `path` is dotted, e.g. `successCriteria.2.text`. */
export const fieldErrorSchema = z.object({
  path: z.string(),
  message: z.string(),
});

export const problemSchema = z.object({
  /** `urn:pgteams:problem:<code>`; stable, so clients may switch on it (or on `code`). */
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  /** The domain error code (e.g. invalidInput, conflict, notFound) or `unauthenticated`/`unexpected`. */
  code: z.string(),
  errors: z.array(fieldErrorSchema).default([]),
  /** Only on unexpected failures: the id the server logged, to quote to support. */
  errorId: z.string().optional(),
  /** On a 409 from an optimistic-concurrency write: the item as it is now stored. */
  current: z.unknown().optional(),
});

export type FieldError = z.infer<typeof fieldErrorSchema>;
export type Problem = z.infer<typeof problemSchema>;
