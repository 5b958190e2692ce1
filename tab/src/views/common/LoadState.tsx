import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { ApiError } from '../../api/client';
import type { QueryState } from '../../api/useQuery';

/** What went wrong, in words, with the error id support can look up. */
export function ErrorMessage({ error, onRetry, title }: { error: ApiError; onRetry?: () => void; title?: string }) {
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{title ?? error.title}</MessageBarTitle>
        {describe(error)}
        {error.errorId && <> (error id {error.errorId})</>}
      </MessageBarBody>
      {onRetry && (
        <MessageBarActions>
          <Button onClick={onRetry}>Try again</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}

function describe(error: ApiError): string {
  if (error.status === 0) return 'Check your connection and try again.';
  if (error.status === 401) return 'Your sign-in has expired or was not accepted. Reopen the tab to sign in again.';
  if (error.status === 403) return error.detail ?? 'You do not have access to this.';
  if (error.status === 404) return error.detail ?? 'It may have been removed, or the link is out of date.';
  if (error.status === 409) return error.detail ?? 'Someone else changed this while you were editing.';
  return error.detail ?? (error.status >= 500 ? 'The server had a problem. Try again in a moment.' : '');
}

/**
 * The first time any view shows loaded data: `performance.mark('pg:first-content')`, which the
 * first-content benchmark reads (BENCHMARKS.md, issue 15).
 */
function markFirstContent(): void {
  if (typeof performance === 'undefined' || performance.getEntriesByName('pg:first-content').length > 0) return;
  performance.mark('pg:first-content');
}

/** Loading spinner, error with retry, or the content. */
export function LoadState<T>({
  state,
  onRetry,
  label,
  children,
}: {
  state: QueryState<T>;
  onRetry: () => void;
  label: string;
  children: (data: T) => ReactNode;
}) {
  if (state.status === 'loading') return <Spinner size="small" label={label} labelPosition="after" />;
  if (state.status === 'error') return <ErrorMessage error={state.error} onRetry={onRetry} />;
  markFirstContent();
  return <>{children(state.data)}</>;
}
