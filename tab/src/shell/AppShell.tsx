import { makeStyles, Spinner, tokens, typographyStyles } from '@fluentui/react-components';
import { Suspense, useEffect, useState } from 'react';
import type { ApiError } from '../api/client';
import { useQuery } from '../api/useQuery';
import type { DevIdentity } from '../dev/devIdentity';
import { routeInHash, viewLabel, type Route, type ViewId } from '../routing/routes';
import { useHashRoute } from '../routing/useHashRoute';
import { CurrentView, preloadView } from '../views/CurrentView';
import { lazyWithRetry } from './lazyWithRetry';
import { ErrorBoundary, ShellNotice } from './ErrorBoundary';
import { capitalise, defaultVocabulary, MeContext } from './me';
import { homeView, navPlan } from './navItems';
import { panelId, SectionNav, tabId } from './SectionNav';
import { useShellButtonStyles } from './shellButton';
import { loadMe } from './startup';

// Issue 15: while a check-in window is open, a banner above every view (its own chunk).
const CheckInBanner = lazyWithRetry(() => import('../views/checkins/CheckInBanner'));

/** Downloads the banner beside /me and the view, so it does not wait for them. */
export const preloadCheckInBanner = () => CheckInBanner.preload();

/** Keeps the component it mounted with (see CurrentView's View). */
function Banner() {
  const [Component] = useState(() => CheckInBanner.Component);
  return <Component />;
}

const useStyles = makeStyles({
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  title: { ...typographyStyles.subtitle1, margin: 0 },
  // Inside Teams the app's name is already above the tab: the heading is for screen readers only.
  visuallyHidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
  testUser: { ...typographyStyles.caption1, display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS, minWidth: 0 },
  // Where the navigation appears once /me says which sections this person has: no jump when it does.
  navPlaceholder: { minHeight: '44px', borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  main: {
    flexGrow: 1,
    minWidth: 0,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL}`,
  },
});

function meErrorDetail(error: ApiError): string {
  if (error.status === 0) return 'Check your connection and try again.';
  if (error.status === 401) return 'Your sign-in has expired or was not accepted. Reopen the tab to sign in again.';
  return error.detail ?? 'The server had a problem. Try again in a moment.';
}

/**
 * The tab's frame: section navigation and the current view, with the title and the local test
 * user's bar outside Teams. `testUser` is set only when running outside Teams with the server's dev
 * sign-in (or the end-to-end test's token); `inTeams` hides the title Teams already shows.
 */
export function AppShell({ testUser, onSignOut, inTeams = false }: { testUser?: DevIdentity | string; onSignOut?: () => void; inTeams?: boolean }) {
  const styles = useStyles();
  const buttonStyles = useShellButtonStyles();
  const [hashRoute, navigate] = useHashRoute();
  const meQuery = useQuery('me', loadMe);
  const me = meQuery.state.data;
  const vocabulary = me?.vocabulary ?? defaultVocabulary;
  // A link that names no view opens the first section of that person's navigation.
  const route: Route = routeInHash(window.location.hash) ?? (me ? { view: homeView(me) } : hashRoute);
  const label = (view: ViewId) => {
    if (view === 'rocks') return `My ${vocabulary.rocks}`;
    if (view === 'check-ins') return capitalise(`${vocabulary.checkIn}s`);
    return viewLabel(view);
  };
  const plan = me ? navPlan(me, route.view) : undefined;
  useEffect(() => {
    if (me && route.view !== hashRoute.view) preloadView(route.view);
  }, [me, route.view, hashRoute.view]);

  return (
    <>
      {inTeams ? (
        <h1 className={styles.visuallyHidden}>Professional Growth</h1>
      ) : (
        <header className={styles.header}>
          <h1 className={styles.title}>Professional Growth</h1>
          {testUser && (
            <div className={styles.testUser}>
              <span>
                Local test user{' '}
                {me ? <strong>{me.person.displayName}</strong> : <code>{typeof testUser === 'string' ? 'token' : testUser.objectId}</code>}
              </span>
              {onSignOut && (
                <button type="button" className={buttonStyles.small} onClick={onSignOut}>
                  Sign out
                </button>
              )}
            </div>
          )}
        </header>
      )}
      {!plan && <div className={styles.navPlaceholder} />}
      {plan && (
        <SectionNav
          items={plan.main.map((id) => ({ id, label: label(id) }))}
          more={plan.more.map((id) => ({ id, label: label(id) }))}
          selected={route.view}
          onSelect={(view) => navigate({ view })}
        />
      )}
      <main className={styles.main}>
        <div role={plan ? 'tabpanel' : undefined} id={panelId} aria-labelledby={plan ? tabId(route.view) : undefined}>
          {meQuery.state.status === 'loading' && <Spinner size="small" label="Loading your details…" labelPosition="after" />}
          {meQuery.state.status === 'error' && (
            <ShellNotice title="Could not load your details" detail={meErrorDetail(meQuery.state.error)} onRetry={meQuery.reload} />
          )}
          {me && (
            <MeContext.Provider value={me}>
              <ErrorBoundary>
                <Suspense fallback={null}>
                  <Banner />
                </Suspense>
              </ErrorBoundary>
              <CurrentView route={route} />
            </MeContext.Provider>
          )}
        </div>
      </main>
    </>
  );
}
