/**
 * The tab's views and their names. The id is also the hash path segment (`#/check-ins`). The order
 * each person sees them in is shell/navItems.ts (by role).
 */
export const views = [
  { id: 'rocks', label: 'My rocks' },
  { id: 'check-ins', label: 'Check-ins' },
  { id: 'praise', label: 'Praise' },
  { id: 'team', label: 'My team' },
  { id: 'schedule', label: 'Schedule' },
  { id: 'policy', label: 'Policy' },
  { id: 'growth', label: 'My growth plan' },
  { id: 'reviewers', label: 'Reviewers' },
  { id: 'group', label: 'My group' },
  { id: 'reviews', label: 'Reviews' },
  { id: 'talent', label: 'Talent' },
  { id: 'moderation', label: 'Moderation' },
  { id: 'survey', label: 'Survey' },
  { id: 'career', label: 'Career' },
  { id: 'reports', label: 'Reports' },
  // Issue 15: PG administrators' trust-wide progress (completion by school, exports, the schedule's edits).
  { id: 'admin', label: 'Trust progress' },
  // Issue 16: PG administrators' subject access and erasure (UK GDPR) for a person.
  { id: 'privacy', label: 'Subject access and erasure' },
  // Issue 16: PG administrators' records retention (the six-year rule's dry run, legal holds).
  { id: 'retention', label: 'Records retention' },
] as const;

export type ViewId = (typeof views)[number]['id'];

/** A view, and optionally one item in it (a rock or a check-in opened from a deep link). */
export interface Route {
  view: ViewId;
  itemId?: string;
}

export const defaultRoute: Route = { view: 'rocks' };

export function isViewId(value: string): value is ViewId {
  return views.some((v) => v.id === value);
}

export function viewLabel(view: ViewId): string {
  return views.find((v) => v.id === view)?.label ?? view;
}

/** `#/check-ins/abc` → `{view: 'check-ins', itemId: 'abc'}`; anything unknown → the default view. */
export function parseHash(hash: string): Route {
  return routeInHash(hash) ?? defaultRoute;
}

/** The route a hash names, or undefined when it names no view (the shell then opens the person's first section). */
export function routeInHash(hash: string): Route | undefined {
  const [view = '', item] = hash.replace(/^#\/?/, '').split('/');
  if (!isViewId(view)) return undefined;
  const itemId = item ? safeDecode(item) : undefined;
  return itemId ? { view, itemId } : { view };
}

export function formatHash(route: Route): string {
  return `#/${route.view}${route.itemId ? `/${encodeURIComponent(route.itemId)}` : ''}`;
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
