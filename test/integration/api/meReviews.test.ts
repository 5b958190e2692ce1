// /me tells the tab whether to show "Reviews": only where the policy has review stages (issue 12).
// (A policy with reviews, TSAT's, is covered end to end by test/e2e/tab.ts.)
import { startApiHarness, type ApiHarness } from './apiWorld';

describe('/api/v1/me and the year reviews', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness();
  });
  afterAll(async () => api.stop());

  it('says reviews: false, with no support routes, where the policy has no reviews', async () => {
    const me = await api.call('/api/v1/me', { token: await api.tokenFor(api.world.alice) });
    expect(me.status).toBe(200);
    expect(me.body.reviews).toBe(false);
    expect(me.body.supportRoutes).toBeUndefined();
  });
});
