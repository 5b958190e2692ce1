// The tab's navigation (issue 15): each person's sections in the order they use them, the rarely
// used ones behind "More", and as many tabs as fit a phone's width with room left for "More".
import type { Me } from '../../../tab/src/api/model';
import { fitCount, homeView, navPlan } from '../../../tab/src/shell/navItems';

const base = {
  person: { id: 'p1', displayName: 'Alice Adams', email: 'alice@example.org', school: 'Hilltop', roleCategory: 'teacher' },
  organisation: { id: 'o1', name: 'Test Trust' },
  roles: [],
  isReviewer: false,
} as unknown as Me;
const me = (extra: Partial<Me>): Me => ({ ...base, ...extra }) as Me;

describe('navPlan', () => {
  it('a member of staff: own work first, Schedule and Reports (the opt-out setting) under More, no team or admin sections', () => {
    const plan = navPlan(me({ reviews: true }), 'rocks');
    expect(plan.main).toEqual(['rocks', 'check-ins', 'praise', 'reviews']);
    expect(plan.more).toEqual(['schedule', 'reports']);
  });

  it('a reviewer starts from My team, and opens there', () => {
    const reviewer = me({ isReviewer: true, reviews: true });
    expect(navPlan(reviewer, 'rocks').main.slice(0, 3)).toEqual(['team', 'rocks', 'check-ins']);
    expect(homeView(reviewer)).toBe('team');
  });

  it('a PG admin leads with Trust progress, Schedule, Policy, Reviewers and has Reports among the tabs', () => {
    const admin = me({ roles: ['pg-admin'], canEditPolicy: true, moderation: true });
    const plan = navPlan(admin, 'admin');
    expect(plan.main.slice(0, 4)).toEqual(['admin', 'schedule', 'policy', 'reviewers']);
    expect(plan.main).toContain('reports');
    expect(plan.more).toEqual([]);
    expect(homeView(admin)).toBe('admin');
  });

  it('a view opened from a link is offered even when the role would not show it', () => {
    expect(navPlan(me({}), 'policy').main).toContain('policy');
    expect(navPlan(me({}), 'team').main).not.toContain('policy');
  });
});

describe('fitCount', () => {
  it('shows every tab when they fit, keeping room for a More that has rarely used sections in it', () => {
    expect(fitCount([100, 100, 100], 300, 60, false)).toBe(3);
    expect(fitCount([100, 100, 100], 300, 60, true)).toBe(2);
  });

  it('on a phone, as many as fit beside More', () => {
    expect(fitCount([120, 90, 70, 80, 90], 374, 76, true)).toBe(3);
    expect(fitCount([400], 374, 76, false)).toBe(0);
  });
});
