import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from './client';

export type QueryState<T> =
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'error'; data?: undefined; error: ApiError }
  | { status: 'ready'; data: T; error?: undefined };

export interface Query<T> {
  state: QueryState<T>;
  /** Loads again; the current data stays on screen until the new answer arrives. */
  reload: () => void;
  /** Replaces the data with what a successful write returned, without another round trip. */
  set: (update: (current: T) => T) => void;
}

export function toApiError(cause: unknown): ApiError {
  if (cause instanceof ApiError) return cause;
  return new ApiError({ status: 0, title: 'Something went wrong', detail: cause instanceof Error ? cause.message : String(cause) });
}

/** Loads `fetcher()` whenever `key` changes; a stale answer for an old key is dropped. */
export function useQuery<T>(key: string, fetcher: () => Promise<T>): Query<T> {
  const [state, setState] = useState<QueryState<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;

  useEffect(() => {
    let current = true;
    setState((s) => (s.status === 'ready' && generation > 0 ? s : { status: 'loading' }));
    fetcherRef.current().then(
      (data) => current && setState({ status: 'ready', data }),
      (cause: unknown) => current && setState({ status: 'error', error: toApiError(cause) }),
    );
    return () => {
      current = false;
    };
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const set = useCallback(
    (update: (current: T) => T) =>
      setState((s) => (s.status === 'ready' ? { status: 'ready', data: update(s.data) } : s)),
    [],
  );
  return { state, reload, set };
}
