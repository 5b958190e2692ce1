// AUTH_MODE=dev: the tab outside Teams names a linked person with X-Dev-Identity: <oid>@<tid>.
import { startApiHarness, type ApiHarness } from './apiWorld';

describe('/api/v1 dev sign-in', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness({ authMode: 'dev' });
  });
  afterAll(async () => api.stop());

  it('lists people one can sign in as', async () => {
    const res = await api.call('/api/v1/dev/status');
    expect(res.status).toBe(200);
    expect(res.body.devSignIn).toBe(true);
    expect(res.body.people).toEqual(expect.arrayContaining([{ displayName: 'Alice Reviewee', entraObjectId: api.world.alice.entraObjectId, organisationId: api.world.org.id }]));
  });

  it('signs in with the header, and still applies the same access rules', async () => {
    const { alice, sam } = api.world;
    const header = (p: typeof alice) => ({ 'X-Dev-Identity': `${p.entraObjectId}@${p.organisationId}` });
    expect((await api.call('/api/v1/me', { headers: header(alice) })).body.person.id).toBe(alice.id);
    expect((await api.call(`/api/v1/people/${alice.id}/check-ins`, { headers: header(sam) })).status).toBe(403);
    expect((await api.call('/api/v1/me', { headers: { 'X-Dev-Identity': 'nobody@nowhere' } })).status).toBe(403);
    expect((await api.call('/api/v1/me', { headers: { 'X-Dev-Identity': 'garbage' } })).status).toBe(401);
  });

  it('still verifies a bearer token when one is sent', async () => {
    expect((await api.call('/api/v1/me', { token: await api.tokenFor(api.world.alice, {}, { key: 'foreign' }) })).status).toBe(401);
    expect((await api.call('/api/v1/me', { token: await api.tokenFor(api.world.alice) })).status).toBe(200);
  });
});
