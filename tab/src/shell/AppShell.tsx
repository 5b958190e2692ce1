import {
  Button,
  makeStyles,
  Spinner,
  Tab,
  TabList,
  Text,
  tokens,
  typographyStyles,
  type SelectTabData,
} from '@fluentui/react-components';
import { useQuery } from '../api/useQuery';
import type { DevIdentity } from '../dev/devIdentity';
import { isViewId, views, type ViewId } from '../routing/routes';
import { useHashRoute } from '../routing/useHashRoute';
import { ErrorMessage } from '../views/common/LoadState';
import { CurrentView } from '../views/CurrentView';
import { lazy, Suspense } from 'react';

// Issue 15: while a check-in window is open, a banner above every view (its own chunk).
const CheckInBanner = lazy(() => import('../views/checkins/CheckInBanner'));
import { capitalise, defaultVocabulary, MeContext } from './me';

// The API module carries the schemas (zod); loading it on demand keeps it out of the first paint.
const loadMe = () => import('../api/endpoints').then((m) => m.getMe());

const useStyles = makeStyles({
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXL}`,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  title: { ...typographyStyles.subtitle1, margin: 0 },
  testUser: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  nav: {
    // Narrow Teams mobile frames: scroll the tabs sideways rather than wrap them.
    overflowX: 'auto',
    padding: `0 ${tokens.spacingHorizontalM}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  main: {
    flexGrow: 1,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`,
  },
});

export const tabId = (view: ViewId) => `pg-tab-${view}`;
export const panelId = 'pg-view';

/**
 * The tab's frame: title, section navigation and the current view. `testUser` is set only when
 * running outside Teams with the server's dev sign-in.
 */
export function AppShell({ testUser, onSignOut }: { testUser?: DevIdentity | string; onSignOut?: () => void }) {
  const styles = useStyles();
  const [route, navigate] = useHashRoute();
  const meQuery = useQuery('me', loadMe);
  const me = meQuery.state.data;
  const vocabulary = me?.vocabulary ?? defaultVocabulary;
  const label = (view: ViewId, fallback: string) => {
    if (view === 'rocks') return `My ${vocabulary.rocks}`;
    if (view === 'check-ins') return capitalise(`${vocabulary.checkIn}s`);
    return fallback;
  };
  // Only reviewers have a team; the view itself still explains itself if linked to directly.
  const shown = views.filter(
    (v) =>
      (v.id !== 'team' || me?.isReviewer || route.view === 'team') &&
      (v.id !== 'policy' || me?.canEditPolicy || route.view === 'policy') &&
      (v.id !== 'growth' || me?.growth || route.view === 'growth') &&
      // Redelegating reviewers is for PG admins and SMT leads (seed 000 §5).
      (v.id !== 'reviewers' || me?.roles.some((r) => r === 'pg-admin' || r === 'smt') || route.view === 'reviewers') &&
      (v.id !== 'group' || me?.checkInMode === 'group' || route.view === 'group') &&
      (v.id !== 'reviews' || me?.reviews || route.view === 'reviews') &&
      // Issue 13: the talent grid for the policy's talent viewers; moderation for SMT leads and PG admins.
      (v.id !== 'talent' || me?.talent || route.view === 'talent') &&
      (v.id !== 'moderation' || me?.moderation || route.view === 'moderation') &&
      (v.id !== 'survey' || me?.survey || route.view === 'survey') &&
      // Career conversations: everyone under a policy with them sees their own record; reviewers their reviewees'.
      (v.id !== 'career' || me?.career || route.view === 'career') &&
      // Issue 15: trust-wide progress for PG administrators.
      (v.id !== 'admin' || me?.roles.includes('pg-admin') || route.view === 'admin'),
  );
  // Issue 13: 'reports' is shown to everyone: PG admins and SMT see the anonymised reports, reviewers
  // approve governor-sample items, and every member of staff has the opt-out setting there.

  const onTabSelect = (_: unknown, data: SelectTabData) => {
    const view = String(data.value);
    if (isViewId(view)) navigate({ view });
  };

  return (
    <>
      <header className={styles.header}>
        <h1 className={styles.title}>Professional Growth</h1>
        {testUser && (
          <div className={styles.testUser}>
            <Text size={200}>
              Local test user{' '}
              {me ? <strong>{me.person.displayName}</strong> : <code>{typeof testUser === 'string' ? 'token' : testUser.objectId}</code>}
            </Text>
            {onSignOut && (
              <Button size="small" onClick={onSignOut}>
                Sign out
              </Button>
            )}
          </div>
        )}
      </header>
      <nav className={styles.nav} aria-label="Sections">
        <TabList selectedValue={route.view} onTabSelect={onTabSelect}>
          {shown.map((view) => (
            <Tab key={view.id} value={view.id} id={tabId(view.id)} aria-controls={panelId}>
              {label(view.id, view.label)}
            </Tab>
          ))}
        </TabList>
      </nav>
      <main className={styles.main}>
        <div role="tabpanel" id={panelId} aria-labelledby={tabId(route.view)}>
          {meQuery.state.status === 'loading' && <Spinner size="small" label="Loading your details…" labelPosition="after" />}
          {meQuery.state.status === 'error' && (
            <ErrorMessage error={meQuery.state.error} onRetry={meQuery.reload} title="Could not load your details" />
          )}
          {me && (
            <MeContext.Provider value={me}>
              <Suspense fallback={null}>
                <CheckInBanner />
              </Suspense>
              <CurrentView route={route} />
            </MeContext.Provider>
          )}
        </div>
      </main>
    </>
  );
}
