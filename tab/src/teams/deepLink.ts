import { isViewId, type Route } from '../routing/routes';

/**
 * Reads `page.subPageId` from a Teams deep link. The bot and activity feed link to an item as
 * `checkin:<id>`, `rock:<id>` or `review:<id>`; a bare view id (`praise`, `schedule`, ...) opens that view.
 */
export function routeFromSubPageId(subPageId: string | undefined): Route | undefined {
  if (!subPageId) return undefined;
  const separator = subPageId.indexOf(':');
  if (separator > 0) {
    const kind = subPageId.slice(0, separator);
    const id = subPageId.slice(separator + 1).trim();
    if (!id) return undefined;
    if (kind === 'checkin') return { view: 'check-ins', itemId: id };
    if (kind === 'rock') return { view: 'rocks', itemId: id };
    if (kind === 'review') return { view: 'reviews', itemId: id };
    return undefined;
  }
  return isViewId(subPageId) ? { view: subPageId } : undefined;
}
