import { apiPaths } from '../../../shared/api/paths';
import { apiFetch } from '../api/client';
import type { Me } from '../api/model';

// The response schema comes with the API module (zod), which is not in the first download, so
// /me is requested while that module is still downloading and checked when both have arrived.
async function fetchMe(): Promise<Me> {
  const [response, schemas] = await Promise.all([apiFetch(apiPaths.me()), import('../../../shared/api/me')]);
  return schemas.meResponseSchema.parse(await response.json());
}

let prefetched: Promise<Me> | undefined;

/** Asks for /me as soon as the session knows how to sign requests, before the shell renders. */
export function prefetchMe(): void {
  prefetched = fetchMe();
  // Whoever takes it reports a failure; an unobserved rejection here is not an error of its own.
  prefetched.catch(() => undefined);
}

/** The prefetched /me the first time, a new request after that (e.g. "Try again"). */
export function loadMe(): Promise<Me> {
  const ready = prefetched;
  prefetched = undefined;
  return ready ?? fetchMe();
}
