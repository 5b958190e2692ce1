import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/** A lazily loaded component that can be loaded again after its chunk failed to download. */
export interface RetryableLazy<P extends object> {
  /**
   * The component to render now: the loaded one itself once its chunk is here (so a preloaded view
   * renders, and asks for its data, without suspending first), else a React.lazy (a fresh one after
   * each failed load).
   */
  readonly Component: ComponentType<P> | LazyExoticComponent<ComponentType<P>>;
  /** Starts downloading the chunk without rendering it (ignored if it fails: rendering reports it). */
  preload(): void;
}

/** Chromium, Firefox and Safari word a failed `import()` differently. */
export function isChunkLoadError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /dynamically imported module|Importing a module script failed|error loading dynamically imported module|Unable to preload/i.test(message);
}

const failedUrl = (error: unknown) => /https?:\/\/\S+?\.js\b/.exec(error instanceof Error ? error.message : '')?.[0];

/** Everything waiting to be loaded again after a failure: the error boundary's "Try again" calls `retryFailedChunks`. */
const failed = new Set<() => void>();

export function retryFailedChunks(): void {
  for (const reset of [...failed]) reset();
  failed.clear();
}

/**
 * React.lazy keeps the rejected promise of a failed download, so rendering it again only rethrows.
 * This one forgets a failure: the next render starts a new download. The first retry asks for the
 * same URL (Chromium does not keep a failed module fetch); if that fails too, later attempts ask for
 * `<chunk>.js?retry=n`, a URL no cache has seen.
 */
export function lazyWithRetry<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): RetryableLazy<P> {
  let pending: Promise<{ default: ComponentType<P> }> | undefined;
  let attempt = 0;
  let lastFailedUrl: string | undefined;

  const start = () => {
    if (!pending) {
      const url = attempt > 1 ? lastFailedUrl : undefined;
      const current = url
        ? (import(/* @vite-ignore */ `${url}?retry=${attempt}`) as Promise<{ default: ComponentType<P> }>)
        : load();
      pending = current.then(
        (module) => {
          entry.Component = module.default;
          return module;
        },
        (error: unknown) => {
          lastFailedUrl = failedUrl(error) ?? lastFailedUrl;
          failed.add(reset);
          throw error;
        },
      );
    }
    return pending;
  };
  const reset = () => {
    pending = undefined;
    attempt += 1;
    entry.Component = lazy(start);
  };
  const entry: { Component: RetryableLazy<P>['Component']; preload: () => void } = {
    Component: lazy(start),
    preload: () => void start().catch(() => undefined),
  };
  return entry;
}
