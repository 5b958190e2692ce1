import {
  Button,
  makeStyles,
  Tab,
  TabList,
  Text,
  tokens,
  typographyStyles,
  type SelectTabData,
} from '@fluentui/react-components';
import type { DevIdentity } from '../dev/devIdentity';
import { isViewId, views, type ViewId } from '../routing/routes';
import { useHashRoute } from '../routing/useHashRoute';
import { CurrentView } from '../views/CurrentView';

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
export function AppShell({ testUser, onSignOut }: { testUser?: DevIdentity; onSignOut?: () => void }) {
  const styles = useStyles();
  const [route, navigate] = useHashRoute();

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
              Local test user <code>{testUser.objectId}</code>
            </Text>
            <Button size="small" onClick={onSignOut}>
              Sign out
            </Button>
          </div>
        )}
      </header>
      <nav className={styles.nav} aria-label="Sections">
        <TabList selectedValue={route.view} onTabSelect={onTabSelect}>
          {views.map((view) => (
            <Tab key={view.id} value={view.id} id={tabId(view.id)} aria-controls={panelId}>
              {view.label}
            </Tab>
          ))}
        </TabList>
      </nav>
      <main className={styles.main}>
        <div role="tabpanel" id={panelId} aria-labelledby={tabId(route.view)}>
          <CurrentView route={route} />
        </div>
      </main>
    </>
  );
}
