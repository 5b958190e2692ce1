import { useCallback, useState } from 'react';
import { ApiError } from '../../api/client';
import { toApiError } from '../../api/useQuery';
import { unclaimedErrors } from '../common/fieldErrors';

// Servers may prefix the path with `body.`; `supportReceived` must not claim `rocks.0.supportReceived`.
const bare = (errorPath: string) => errorPath.replace(/^body\./, '');
const matches = (errorPath: string, path: string) => bare(errorPath) === path || bare(errorPath).startsWith(`${path}.`);

/**
 * A form's refused save: each 422 field error beside its field, cleared as soon as that field
 * changes; the rest (and a non-field problem) in one message. What was typed is never touched.
 */
export function useFieldErrors(fields: string[]) {
  const [error, setErrorState] = useState<ApiError>();
  const setError = useCallback((cause: unknown) => setErrorState(cause === undefined ? undefined : toApiError(cause)), []);
  const clear = useCallback(
    (path: string) =>
      setErrorState((e) => {
        if (!e || !e.errors.some((x) => matches(x.path, path))) return e;
        const errors = e.errors.filter((x) => !matches(x.path, path));
        if (errors.length === 0) return undefined;
        return new ApiError({ status: e.status, title: e.title, detail: e.detail, errors, code: e.code, errorId: e.errorId });
      }),
    [],
  );
  const errorFor = (path: string) => error?.errors.find((e) => matches(e.path, path))?.message;
  const other = error ? [...(error.errors.length === 0 ? [error.detail ?? error.title] : []), ...unclaimedErrors(error, (p) => fields.some((f) => matches(p, f)))] : [];
  return { error, setError, clear, errorFor, other };
}
