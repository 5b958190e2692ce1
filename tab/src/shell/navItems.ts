import type { Me } from '../api/model';
import type { ViewId } from '../routing/routes';

/** The sections a person's navigation offers: `main` in the order they use them, `more` behind "More". */
export interface NavPlan {
  main: ViewId[];
  more: ViewId[];
}

/** Who may see each view; the views also refuse and explain themselves if linked to directly. */
function offered(me: Me): Record<ViewId, boolean> {
  const pgAdmin = me.roles.includes('pg-admin');
  return {
    rocks: true,
    'check-ins': true,
    praise: true,
    // Only reviewers have a team.
    team: me.isReviewer,
    schedule: true,
    policy: me.canEditPolicy === true,
    growth: me.growth === true,
    // Redelegating reviewers is for PG admins and SMT leads (seed 000 §5).
    reviewers: pgAdmin || me.roles.includes('smt'),
    group: me.checkInMode === 'group',
    reviews: me.reviews === true,
    // Issue 13: the talent grid for the policy's talent viewers; moderation for SMT leads and PG admins.
    talent: me.talent === true,
    moderation: me.moderation === true,
    survey: me.survey === true,
    // Career conversations: everyone under a policy with them sees their own record; reviewers their reviewees'.
    career: me.career === true,
    // Issue 13: everyone: PG admins and SMT read the anonymised reports, reviewers approve governor-sample
    // items, and every member of staff has the opt-out setting there.
    reports: true,
    // Issue 15: trust-wide progress for PG administrators.
    admin: pgAdmin,
    // Issue 16: a person's data downloaded or erased on request, by PG administrators only.
    privacy: pgAdmin,
    // Issue 16: records retention and legal holds, PG administrators only.
    retention: pgAdmin,
  };
}

// What each kind of person opens most, first. A member of staff checks in (the banner above every
// view), writes rocks and praises; a reviewer starts from their team; a PG admin from the trust.
const ownWork: ViewId[] = ['rocks', 'check-ins', 'group', 'growth', 'praise', 'reviews', 'career', 'survey'];
const leadership: ViewId[] = ['talent', 'moderation', 'reviewers', 'policy'];
const orders = {
  pgAdmin: ['admin', 'schedule', 'policy', 'reviewers', 'team', ...ownWork, 'reports', 'moderation', 'talent', 'privacy', 'retention'],
  smt: ['team', ...ownWork, ...leadership, 'reports', 'schedule'],
  reviewer: ['team', ...ownWork, ...leadership],
  staff: [...ownWork, ...leadership],
} satisfies Record<string, ViewId[]>;

/** Rarely needed by staff and reviewers: the trust's calendar and the reports (with the opt-out setting). */
const rarely: ViewId[] = ['schedule', 'reports'];

export function navPlan(me: Me, current: ViewId): NavPlan {
  const can = offered(me);
  const order = me.roles.includes('pg-admin')
    ? orders.pgAdmin
    : me.roles.includes('smt')
      ? orders.smt
      : me.isReviewer
        ? orders.reviewer
        : orders.staff;
  const main = [...new Set(order)].filter((v) => can[v]);
  const more = rarely.filter((v) => can[v] && !main.includes(v));
  // A view opened from a link is shown even if this person's navigation would not offer it.
  if (!main.includes(current) && !more.includes(current)) main.push(current);
  return { main, more };
}

/** Where the tab opens when the link names no view: the first thing in that person's navigation. */
export function homeView(me: Me): ViewId {
  return navPlan(me, 'rocks').main[0] ?? 'rocks';
}

/** How many of `widths` fit in `available` px, leaving room for "More" when anything is left over. */
export function fitCount(widths: number[], available: number, moreWidth: number, alwaysMore: boolean): number {
  const total = widths.reduce((a, b) => a + b, 0);
  if (total <= available - (alwaysMore ? moreWidth : 0)) return widths.length;
  let used = moreWidth;
  let count = 0;
  for (const w of widths) {
    if (used + w > available) break;
    used += w;
    count += 1;
  }
  return count;
}
