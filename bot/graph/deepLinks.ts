// Deep links into the app's personal tabs, in Teams' documented format
// https://teams.microsoft.com/l/entity/<appId>/<entityId>?label=<label>&context={"subEntityId": ...}.
// Teams hands subEntityId to the tab as `page.subPageId`; tab/src/teams/deepLink.ts reads it.
import { staticTabs } from '../../manifest/appManifest';

/** The manifest's own static tabs (staticTabs[].entityId). */
export type TabEntity = 'rocks' | 'check-ins' | 'team' | 'schedule';

/** The views the tab opens from a bare subPageId (tab/src/routing/routes.ts). */
export type TabView = 'rocks' | 'check-ins' | 'praise' | 'team' | 'schedule' | 'policy' | 'group' | 'reviews' | 'survey' | 'career';

/** One item (`checkin:<id>`, `rock:<id>`, `review:<id>`) or a whole view of the tab. */
export type SubPageId = `checkin:${string}` | `rock:${string}` | `review:${string}` | TabView;

export interface TabDeepLinkInput {
  /** The manifest's `id` (TEAMS_APP_ID), not the Entra app id. */
  teamsAppId: string;
  entity: TabEntity;
  subPageId: SubPageId;
  /** Shown by Teams while the tab opens. */
  label: string;
}

const TAB_VIEWS: readonly string[] = ['rocks', 'check-ins', 'praise', 'team', 'schedule', 'policy', 'group', 'reviews', 'survey', 'career'] satisfies TabView[];

export function isSubPageId(value: string): value is SubPageId {
  const item = /^(checkin|rock|review):(.+)$/.exec(value);
  if (item) return item[2]!.trim() !== '';
  return TAB_VIEWS.includes(value);
}

export function tabDeepLink(input: TabDeepLinkInput): string {
  if (!input.teamsAppId.trim()) throw new Error('tabDeepLink: teamsAppId is empty (set TEAMS_APP_ID)');
  if (!staticTabs().some((tab) => tab.entityId === input.entity)) {
    throw new Error(`tabDeepLink: ${JSON.stringify(input.entity)} is not one of the manifest's static tabs`);
  }
  if (!isSubPageId(input.subPageId)) {
    throw new Error(`tabDeepLink: ${JSON.stringify(input.subPageId)} is not checkin:<id>, rock:<id>, review:<id> or a tab view`);
  }
  const context = encodeURIComponent(JSON.stringify({ subEntityId: input.subPageId }));
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(input.teamsAppId)}/${encodeURIComponent(input.entity)}?label=${encodeURIComponent(input.label)}&context=${context}`;
}
