// The bot's and activity feed's deep links (page.subPageId) open the right tab view.
import { routeFromSubPageId } from '../../../tab/src/teams/deepLink';
import { formatHash, parseHash } from '../../../tab/src/routing/routes';

describe('deep links into the tab', () => {
  it('opens a review from review:<id>, ids with colons included', () => {
    const id = 'end-of-year:cycle-2023:person-1';
    expect(routeFromSubPageId(`review:${id}`)).toEqual({ view: 'reviews', itemId: id });
  });

  it('round-trips a review id through the hash', () => {
    const route = { view: 'reviews' as const, itemId: 'impact:c1:p 2' };
    expect(parseHash(formatHash(route))).toEqual(route);
  });

  it('still opens check-ins, rocks and bare views, and nothing for an empty id', () => {
    expect(routeFromSubPageId('checkin:abc')).toEqual({ view: 'check-ins', itemId: 'abc' });
    expect(routeFromSubPageId('rock:r1')).toEqual({ view: 'rocks', itemId: 'r1' });
    expect(routeFromSubPageId('reviews')).toEqual({ view: 'reviews' });
    expect(routeFromSubPageId('review:')).toBeUndefined();
  });
});
