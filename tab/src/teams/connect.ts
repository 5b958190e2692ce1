import type { app } from '@microsoft/teams-js';

/**
 * Outside a Teams host `app.initialize()` neither resolves nor rejects, so give up after this long
 * and treat the page as opened in a plain browser.
 */
export const teamsConnectTimeoutMs = 1500;

type TeamsSdk = typeof import('./sdk');
let sdk: Promise<TeamsSdk> | undefined;
let connected = false;

/**
 * The Teams SDK (~16 KB gzip) is loaded only where a Teams host can be talking to the page, so a
 * plain browser never downloads it and Teams fetches it beside the shell rather than before it.
 */
export function loadTeamsSdk(): Promise<TeamsSdk> {
  sdk ??= import('./sdk');
  return sdk;
}

/**
 * Whether a Teams host could be on the other end: the same test teams-js makes before it gives up
 * (a parent frame or opener on the web and desktop, `window.nativeInterface` in the mobile apps).
 */
export function teamsHostPlausible(win: Window = window): boolean {
  return win.parent !== win.self || Boolean(win.opener) || 'nativeInterface' in win;
}

/** Resolves with the Teams context, or undefined when the page is not running inside Teams. */
export async function connectToTeams(timeoutMs = teamsConnectTimeoutMs): Promise<app.Context | undefined> {
  if (!teamsHostPlausible()) return undefined;
  let timer: number | undefined;
  const timedOut = new Promise<'timed-out'>((resolve) => {
    timer = window.setTimeout(() => resolve('timed-out'), timeoutMs);
  });
  try {
    const { app } = await loadTeamsSdk();
    const outcome = await Promise.race([app.initialize().then(() => 'ready' as const), timedOut]);
    if (outcome === 'timed-out') return undefined;
    const context = await app.getContext();
    connected = true;
    return context;
  } catch {
    return undefined;
  } finally {
    window.clearTimeout(timer);
  }
}

/** Tells Teams the tab has rendered, so it hides its own loading indicator. */
export function notifyTeamsLoaded(): void {
  void loadTeamsSdk().then(({ app }) => {
    app.notifyAppLoaded();
    void app.notifySuccess().catch(() => undefined);
  });
}

/** Follows the user's Teams theme (default, dark, contrast) as they change it. */
export function onTeamsThemeChange(handler: (theme: string) => void): void {
  void loadTeamsSdk().then(({ app }) => app.registerOnThemeChangeHandler(handler));
}

/** A Teams SSO token for the API (only called once connectToTeams found a host). */
export async function teamsAuthToken(): Promise<string> {
  const { authentication } = await loadTeamsSdk();
  return authentication.getAuthToken();
}

/**
 * Opens a link through Teams (a tab cannot navigate Teams itself, e.g. to the bot's chat). Returns
 * false outside Teams, where the caller lets the link open as usual.
 */
export function openTeamsLink(url: string): boolean {
  if (!connected) return false;
  void loadTeamsSdk()
    .then(({ app }) => app.openLink(url))
    .catch(() => window.open(url, '_blank', 'noopener'));
  return true;
}
