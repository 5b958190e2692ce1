import { Spinner } from '@fluentui/react-components';
import { Suspense, useState, type ComponentType } from 'react';
import type { Route, ViewId } from '../routing/routes';
import { ErrorBoundary } from '../shell/ErrorBoundary';
import { lazyWithRetry, type RetryableLazy } from '../shell/lazyWithRetry';

interface ViewProps {
  itemId?: string;
  personId?: string;
}
const view = (load: () => Promise<{ default: ComponentType<never> }>) =>
  lazyWithRetry(load as () => Promise<{ default: ComponentType<ViewProps> }>);

// Each view is its own chunk, so the first paint carries only the shell; a chunk that fails to
// download can be fetched again (lazyWithRetry) from the error boundary's "Try again".
const views: Record<ViewId, RetryableLazy<ViewProps>> = {
  rocks: view(() => import('./rocks/MyRocksView')),
  'check-ins': view(() => import('./checkins/CheckInsView')),
  praise: view(() => import('./praise/PraiseView')),
  team: view(() => import('./team/MyTeamView')),
  schedule: view(() => import('./schedule/ScheduleView')),
  policy: view(() => import('./policy/PolicyView')),
  growth: view(() => import('./growth/GrowthView')),
  reviewers: view(() => import('./reviewers/ReviewersView')),
  group: view(() => import('./group/GroupSessionsView')),
  reviews: view(() => import('./reviews/ReviewsView')),
  talent: view(() => import('./talent/TalentView')),
  moderation: view(() => import('./talent/ModerationView')),
  survey: view(() => import('./survey/SurveyView')),
  career: view(() => import('./career/CareerView')),
  reports: view(() => import('./reports/ReportsView')),
  admin: view(() => import('./admin/AdminView')),
  privacy: view(() => import('./admin/SubjectAccessView')),
  retention: view(() => import('./admin/RetentionView')),
};

/** Views that take the route's item as `personId` rather than `itemId`. */
const personViews: ReadonlySet<ViewId> = new Set(['growth', 'career']);

/**
 * Starts downloading a view's chunk (and the API module it uses) before it is shown: the shell
 * calls it while /me is still on its way, so the view can render and ask for its data at once.
 */
export function preloadView(id: ViewId): void {
  views[id].preload();
}

/**
 * Takes the view's component when it mounts (the boundary above remounts it per view and after
 * "Try again", which then gets the freshly loading one) and keeps it, so a re-render never swaps
 * the lazy wrapper for the loaded component and loses the view's state.
 */
function View({ route }: { route: Route }) {
  const [Component] = useState(() => views[route.view].Component);
  return <Component {...(personViews.has(route.view) ? { personId: route.itemId } : { itemId: route.itemId })} />;
}

export function CurrentView({ route }: { route: Route }) {
  return (
    <ErrorBoundary key={route.view}>
      <Suspense fallback={<Spinner size="small" label="Loading…" labelPosition="after" />}>
        <View route={route} />
      </Suspense>
    </ErrorBoundary>
  );
}
