// Read-only views of manifest.json for code that must agree with it: the bot's command router
// (every declared command needs a handler) and deep links into the personal tab.
import manifestTemplate from './manifest.json';

export type BotCommandScope = 'personal' | 'team';

export interface BotCommand {
  title: string;
  description: string;
  scope: BotCommandScope;
}

/** Every command shown in Teams' command menu, one entry per (scope, title). */
export function botCommands(scope?: BotCommandScope): BotCommand[] {
  const commands: BotCommand[] = [];
  for (const list of manifestTemplate.bots[0]?.commandLists ?? []) {
    for (const listScope of list.scopes as BotCommandScope[]) {
      if (scope && listScope !== scope) continue;
      for (const { title, description } of list.commands) commands.push({ title, description, scope: listScope });
    }
  }
  return commands;
}

export interface StaticTab {
  entityId: string;
  name: string;
  /** The tab route after `#`, e.g. `/rocks`. */
  route: string;
}

/** The app's own personal tabs (not Teams' reserved "conversations" and "about"). */
export function staticTabs(): StaticTab[] {
  return manifestTemplate.staticTabs.flatMap(({ entityId, name, contentUrl }: { entityId: string; name?: string; contentUrl?: string }) =>
    name && contentUrl ? [{ entityId, name, route: contentUrl.split('#')[1] ?? '/' }] : [],
  );
}

/**
 * The app's one personal tab. Teams shows the app's name above it, and the tab's own navigation
 * (role-aware) is the only one: a deep link picks the section with `subEntityId`.
 */
export function homeTab(): StaticTab {
  const tabs = staticTabs();
  if (tabs.length !== 1 || !tabs[0]) throw new Error(`manifest.json: expected one personal tab, found ${tabs.length}`);
  return tabs[0];
}
