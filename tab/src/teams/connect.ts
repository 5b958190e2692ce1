import { app } from '@microsoft/teams-js';

/**
 * Outside a Teams host `app.initialize()` neither resolves nor rejects, so give up after this long
 * and treat the page as opened in a plain browser.
 */
export const teamsConnectTimeoutMs = 1500;

/** Resolves with the Teams context, or undefined when the page is not running inside Teams. */
export async function connectToTeams(timeoutMs = teamsConnectTimeoutMs): Promise<app.Context | undefined> {
  let timer: number | undefined;
  const timedOut = new Promise<'timed-out'>((resolve) => {
    timer = window.setTimeout(() => resolve('timed-out'), timeoutMs);
  });
  try {
    const outcome = await Promise.race([app.initialize().then(() => 'ready' as const), timedOut]);
    if (outcome === 'timed-out') return undefined;
    return await app.getContext();
  } catch {
    return undefined;
  } finally {
    window.clearTimeout(timer);
  }
}

/** Tells Teams the tab has rendered, so it hides its own loading indicator. */
export function notifyTeamsLoaded(): void {
  app.notifyAppLoaded();
  void app.notifySuccess().catch(() => undefined);
}
