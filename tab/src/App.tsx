import { FluentProvider, makeStyles, Spinner, teamsLightTheme, tokens, type Theme } from '@fluentui/react-components';
import type { app } from '@microsoft/teams-js';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { configureApiAuth, type ApiAuth } from './api/client';
import { fetchDevStatus, type DevStatus } from './api/devStatus';
import { clearDevIdentity, readDevIdentity, saveDevIdentity, type DevIdentity } from './dev/devIdentity';
import { parseHash } from './routing/routes';
import { replaceRoute } from './routing/useHashRoute';
import { AppShell, preloadCheckInBanner } from './shell/AppShell';
import { LocaleContext } from './shell/locale';
import { prefetchMe } from './shell/startup';
import { connectToTeams, notifyTeamsLoaded, onTeamsThemeChange } from './teams/connect';
import { routeFromSubPageId } from './teams/deepLink';
import { defaultLocale, localeFromContext } from './teams/locale';
import { testToken } from './teams/testToken';
import { fluentTheme, loadFluentTheme, parseThemeName, type TeamsThemeName } from './teams/theme';
import { preloadView } from './views/CurrentView';

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
  // The theme's background must cover the whole frame. On a div inside the provider, not on the
  // provider: Fluent copies the provider's classes onto every popup's mount node, and a
  // full-height painted layer there would cover the page whenever a menu or dropdown opens.
  root: { minHeight: '100vh', display: 'flex', flexDirection: 'column', minWidth: 0, backgroundColor: tokens.colorNeutralBackground1 },
  centred: { flexGrow: 1, display: 'grid', placeItems: 'center', padding: tokens.spacingHorizontalXXL },
});

/** Outside Teams, `?theme=dark|default|contrast` previews the Teams themes. */
function themeFromUrl(): TeamsThemeName {
  return parseThemeName(new URLSearchParams(window.location.search).get('theme'));
}

/**
 * Signs requests the session's way and asks for /me straight away; then the current view's chunk
 * and the check-in banner download beside it (after it, so /me is not queued behind ~25 chunk
 * requests on an HTTP/1.1 connection pool). In Teams main.tsx started the view while Teams connected.
 */
function startSession(auth: ApiAuth): void {
  configureApiAuth(auth);
  prefetchMe();
  preloadView(parseHash(window.location.hash).view);
  preloadCheckInBanner();
}

/**
 * The Fluent theme for `name`; the dark and contrast ones load on first use, and meanwhile the
 * previous theme stays (undefined at start-up, when the page waits for it behind the spinner; the
 * light one if it cannot be downloaded).
 */
function useFluentTheme(name: TeamsThemeName): Theme | undefined {
  const [last, setLast] = useState(() => fluentTheme(name));
  useEffect(() => {
    let live = true;
    loadFluentTheme(name).then(
      (theme) => live && setLast(theme),
      // Offline: the light theme rather than a spinner for ever.
      () => live && setLast((current) => current ?? fluentTheme('default')),
    );
    return () => {
      live = false;
    };
  }, [name]);
  return fluentTheme(name) ?? last;
}

export function App() {
  const styles = useStyles();
  const [session, setSession] = useState<Session>({ state: 'connecting' });
  const [themeName, setThemeName] = useState<TeamsThemeName>(themeFromUrl);
  const theme = useFluentTheme(themeName);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const context = await connectToTeams();
      if (cancelled) return;
      if (context) {
        const deepLink = routeFromSubPageId(context.page.subPageId);
        if (deepLink) replaceRoute(deepLink);
        startSession({ kind: 'teams' });
        // The first render is already in the user's theme: wait for the dark or contrast one here.
        const name = parseThemeName(context.app.theme);
        await loadFluentTheme(name).catch(() => undefined);
        if (cancelled) return;
        setThemeName(name);
        onTeamsThemeChange((name) => setThemeName(parseThemeName(name)));
        setSession({ state: 'teams', context });
        return;
      }
      const token = testToken();
      if (token) {
        startSession({ kind: 'token', token });
        setSession({ state: 'test-token' });
        return;
      }
      const status = await fetchDevStatus();
      if (cancelled) return;
      const identity = status.devSignIn ? readDevIdentity() : undefined;
      if (identity) {
        startSession({ kind: 'dev', identity });
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
    document.documentElement.style.colorScheme = themeName === 'default' ? 'light' : 'dark';
  }, [themeName]);

  useEffect(() => {
    if (session.state === 'teams') notifyTeamsLoaded();
  }, [session.state]);

  const signInAsTestUser = useCallback((identity: DevIdentity) => {
    saveDevIdentity(identity);
    startSession({ kind: 'dev', identity });
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
  // Until a dark or contrast theme asked for at start-up has arrived, the spinner shows (in the light theme).
  const ready = theme !== undefined;

  return (
    <FluentProvider theme={theme ?? teamsLightTheme}>
      <div className={styles.root}>
        <LocaleContext.Provider value={locale}>
          {(session.state === 'connecting' || !ready) && loading}
          {ready && session.state === 'teams' && <AppShell inTeams />}
          {ready && session.state === 'dev' && <AppShell testUser={session.identity} onSignOut={signOutTestUser} />}
          {ready && session.state === 'test-token' && <AppShell testUser="token" />}
          {ready && session.state === 'outside' && (
            <Suspense fallback={loading}>
              <OutsideTeams status={session.status} onContinue={signInAsTestUser} />
            </Suspense>
          )}
        </LocaleContext.Provider>
      </div>
    </FluentProvider>
  );
}
