// Where a card button or an activity-feed notification takes a person: into the personal tab,
// at a given check-in or rock (the tab reads page.subPageId).
import type { Config } from './config';

export type TabEntity = 'rocks' | 'check-ins' | 'team' | 'schedule';

export interface Links {
  tab(entity: TabEntity, subPageId?: string): string;
}

export function createLinks(config: Pick<Config, 'TEAMS_APP_ID' | 'PUBLIC_URL'>): Links {
  return {
    tab(entity, subPageId) {
      if (config.TEAMS_APP_ID) {
        // Teams' deep link to a personal tab; `context.subEntityId` arrives as page.subPageId.
        const context = subPageId ? `?context=${encodeURIComponent(JSON.stringify({ subEntityId: subPageId }))}` : '';
        return `https://teams.microsoft.com/l/entity/${encodeURIComponent(config.TEAMS_APP_ID)}/${entity}${context}`;
      }
      // Outside Teams (local development) the tab routes by hash.
      const base = (config.PUBLIC_URL ?? 'http://localhost:3978').replace(/\/$/, '');
      return `${base}/tab/#/${entity}${subPageId ? `/${encodeURIComponent(subPageId)}` : ''}`;
    },
  };
}
