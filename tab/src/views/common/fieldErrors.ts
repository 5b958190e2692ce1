import type { ApiError } from '../../api/client';

/**
 * The problem+json field error for one form field, e.g. `title` or `successCriteria.2.text`.
 * Servers may prefix the path with `body.`; either way the message goes next to the field.
 */
export function fieldError(error: ApiError | undefined, path: string): string | undefined {
  if (!error) return undefined;
  const found = error.errors.find((e) => e.path === path || e.path.endsWith(`.${path}`));
  return found?.message;
}

/** Field errors that no field on the form claims, so they are not silently dropped. */
export function unclaimedErrors(error: ApiError | undefined, claimed: (path: string) => boolean): string[] {
  if (!error) return [];
  return error.errors.filter((e) => !claimed(e.path)).map((e) => (e.path ? `${e.path}: ${e.message}` : e.message));
}
