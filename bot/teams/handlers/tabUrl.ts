import { homeTab } from '../../../manifest/appManifest';
import type { BotDependencies } from '../registry';

/** A Teams deep link opens the personal tab inside Teams (at the person's first section); without an app id, the tab's own URL. */
export function tabUrlOf(deps: BotDependencies): string {
  const { TEAMS_APP_ID, PUBLIC_URL } = deps.config;
  return TEAMS_APP_ID ? `https://teams.microsoft.com/l/entity/${TEAMS_APP_ID}/${homeTab().entityId}` : `${PUBLIC_URL ?? 'http://localhost:3978'}/tab/`;
}
