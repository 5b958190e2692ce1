// Deep links into the app's personal tab, in Teams' documented format
// https://teams.microsoft.com/l/entity/<appId>/<entityId>?label=<label>&context={"subEntityId": ...}.
// Teams hands subEntityId to the tab as `page.subPageId`; tab/src/teams/deepLink.ts reads it.
import { homeTab } from '../../manifest/appManifest';

/**
 * The part of the tab a link is about (a card's "Open in the tab" opens this view when it names no
 * item). The manifest has one personal tab (issue 15), so every link uses its entityId and the
 * section travels in subEntityId.
 */
export type TabEntity = 'rocks' | 'check-ins' | 'team' | 'schedule';

const TAB_ENTITIES: readonly string[] = ['rocks', 'check-ins', 'team', 'schedule'] satisfies TabEntity[];

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
  if (!TAB_ENTITIES.includes(input.entity)) {
    throw new Error(`tabDeepLink: ${JSON.stringify(input.entity)} is not one of the tab's sections (${TAB_ENTITIES.join(', ')})`);
  }
  if (!isSubPageId(input.subPageId)) {
    throw new Error(`tabDeepLink: ${JSON.stringify(input.subPageId)} is not checkin:<id>, rock:<id>, review:<id> or a tab view`);
  }
  const context = encodeURIComponent(JSON.stringify({ subEntityId: input.subPageId }));
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(input.teamsAppId)}/${encodeURIComponent(homeTab().entityId)}?label=${encodeURIComponent(input.label)}&context=${context}`;
}
