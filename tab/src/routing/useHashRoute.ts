import { useCallback, useSyncExternalStore } from 'react';
import { formatHash, parseHash, type Route } from './routes';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const getHash = () => window.location.hash;

/**
 * A hash router: Teams loads the tab from a fixed content URL, so the route lives after `#`,
 * which also keeps the server's static handler for /tab simple.
 */
export function useHashRoute(): [Route, (route: Route) => void] {
  const hash = useSyncExternalStore(subscribe, getHash);
  const navigate = useCallback((route: Route) => {
    window.location.hash = formatHash(route);
  }, []);
  return [parseHash(hash), navigate];
}

/** Puts a route in place without adding a history entry (used for the deep link at start-up). */
export function replaceRoute(route: Route): void {
  const url = new URL(window.location.href);
  url.hash = formatHash(route);
  window.history.replaceState(window.history.state, '', url);
}
