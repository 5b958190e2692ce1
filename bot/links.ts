// Where a card button or an activity-feed notification takes a person: into the personal tab,
// at a given check-in or rock (the tab reads page.subPageId).
import type { Config } from './config';
import { tabDeepLink, type SubPageId, type TabEntity } from './graph/deepLinks';

export type { TabEntity };

export interface Links {
  tab(entity: TabEntity, subPageId?: SubPageId): string;
}

export function createLinks(config: Pick<Config, 'TEAMS_APP_ID' | 'PUBLIC_URL'>): Links {
  return {
    tab(entity, subPageId) {
      if (config.TEAMS_APP_ID) {
        // Teams' deep link to a personal tab; `context.subEntityId` arrives as page.subPageId.
        return tabDeepLink({ teamsAppId: config.TEAMS_APP_ID, entity, subPageId: subPageId ?? entity, label: 'Professional Growth' });
      }
      // Outside Teams (local development) the tab routes by hash.
      const base = (config.PUBLIC_URL ?? 'http://localhost:3978').replace(/\/$/, '');
      // A review opens in the Reviews view, whichever static tab the card names.
      if (subPageId?.startsWith('review:')) return `${base}/tab/#/reviews/${encodeURIComponent(subPageId.slice('review:'.length))}`;
      // A bare view (`group`) is a hash route of its own; an item stays under its entity.
      if (subPageId && !subPageId.includes(':')) return `${base}/tab/#/${subPageId}`;
      return `${base}/tab/#/${entity}${subPageId ? `/${encodeURIComponent(subPageId)}` : ''}`;
    },
  };
}
