import { FluentProvider, makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { app } from '@microsoft/teams-js';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { configureApiAuth } from './api/client';
import { fetchDevStatus, type DevStatus } from './api/devStatus';
import { clearDevIdentity, readDevIdentity, saveDevIdentity, type DevIdentity } from './dev/devIdentity';
import { replaceRoute } from './routing/useHashRoute';
import { AppShell } from './shell/AppShell';
import { LocaleContext } from './shell/locale';
import { connectToTeams, notifyTeamsLoaded } from './teams/connect';
import { routeFromSubPageId } from './teams/deepLink';
import { defaultLocale, localeFromContext } from './teams/locale';
import { testToken } from './teams/testToken';
import { fluentTheme, parseThemeName, type TeamsThemeName } from './teams/theme';

// Only a plain browser needs this page, so Teams users never download it.
const OutsideTeams = lazy(() => import('./outside/OutsideTeams'));

/** Where the tab is running and who the user is. */
type Session =
  | { state: 'connecting' }
  | { state: 'teams'; context: app.Context }
  | { state: 'dev'; identity: DevIdentity }
  | { state: 'test-token' }
  | { state: 'outside'; status: DevStatus };

const useStyles = makeStyles({
  // The provider paints the theme's background, so it must cover the whole frame.
  root: { minHeight: '100vh', display: 'flex', flexDirection: 'column' },
  centred: { flexGrow: 1, display: 'grid', placeItems: 'center', padding: tokens.spacingHorizontalXXL },
});

/** Outside Teams, `?theme=dark|default|contrast` previews the Teams themes. */
function themeFromUrl(): TeamsThemeName {
  return parseThemeName(new URLSearchParams(window.location.search).get('theme'));
}

export function App() {
  const styles = useStyles();
  const [session, setSession] = useState<Session>({ state: 'connecting' });
  const [theme, setTheme] = useState<TeamsThemeName>(themeFromUrl);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const context = await connectToTeams();
      if (cancelled) return;
      if (context) {
        configureApiAuth({ kind: 'teams' });
        const deepLink = routeFromSubPageId(context.page.subPageId);
        if (deepLink) replaceRoute(deepLink);
        setTheme(parseThemeName(context.app.theme));
        app.registerOnThemeChangeHandler((name) => setTheme(parseThemeName(name)));
        setSession({ state: 'teams', context });
        return;
      }
      const token = testToken();
      if (token) {
        configureApiAuth({ kind: 'token', token });
        setSession({ state: 'test-token' });
        return;
      }
      const status = await fetchDevStatus();
      if (cancelled) return;
      const identity = status.devSignIn ? readDevIdentity() : undefined;
      if (identity) {
        configureApiAuth({ kind: 'dev', identity });
        setSession({ state: 'dev', identity });
      } else {
        setSession({ state: 'outside', status });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    // Scrollbars and form controls drawn by the browser follow the theme too.
    document.documentElement.style.colorScheme = theme === 'default' ? 'light' : 'dark';
  }, [theme]);

  useEffect(() => {
    if (session.state === 'teams') notifyTeamsLoaded();
  }, [session.state]);

  const signInAsTestUser = useCallback((identity: DevIdentity) => {
    saveDevIdentity(identity);
    configureApiAuth({ kind: 'dev', identity });
    setSession({ state: 'dev', identity });
  }, []);

  const signOutTestUser = useCallback(() => {
    clearDevIdentity();
    configureApiAuth({ kind: 'none' });
    setSession({ state: 'connecting' });
    void fetchDevStatus().then((status) => setSession({ state: 'outside', status }));
  }, []);

  const locale = session.state === 'teams' ? localeFromContext(session.context) : defaultLocale;
  const loading = <Spinner className={styles.centred} label="Loading Professional Growth…" />;

  return (
    <FluentProvider theme={fluentTheme(theme)} className={styles.root}>
      <LocaleContext.Provider value={locale}>
        {session.state === 'connecting' && loading}
        {session.state === 'teams' && <AppShell />}
        {session.state === 'dev' && <AppShell testUser={session.identity} onSignOut={signOutTestUser} />}
        {session.state === 'test-token' && <AppShell testUser="token" />}
        {session.state === 'outside' && (
          <Suspense fallback={loading}>
            <OutsideTeams status={session.status} onContinue={signInAsTestUser} />
          </Suspense>
        )}
      </LocaleContext.Provider>
    </FluentProvider>
  );
}
