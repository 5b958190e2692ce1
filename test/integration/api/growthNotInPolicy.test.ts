// A trust whose policy keeps no growth plan or log (TSFE, TSAT) gets a clear answer, not a 500 or
// an empty plan, and nothing is stored.
import { startApiHarness, type ApiHarness } from './apiWorld';

describe('/api/v1/growth where the policy has none', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness();
  });
  afterAll(async () => api.stop());

  it('answers 409 naming the policy, and stores nothing', async () => {
    const token = await api.tokenFor(api.world.alice);
    const read = await api.call(`/api/v1/people/${api.world.alice.id}/growth`, { token });
    expect(read.status).toBe(409);
    expect(read.body.detail).toMatch(/has no professional growth plan or growth log/);
    const write = await api.call('/api/v1/growth/plan', { method: 'PUT', token, body: { howIWillLearn: 'Reading' } });
    expect(write.status).toBe(409);
    expect(JSON.stringify(write.body)).not.toMatch(/stack|Error:/);
    expect(await api.repos.growth.countForCycle({ organisationId: api.world.org.id }, api.world.cycleId, 'growth-plan')).toBe(0);
    const me = await api.call('/api/v1/me', { token });
    expect(me.body.growth).toBe(false);
  });
});
