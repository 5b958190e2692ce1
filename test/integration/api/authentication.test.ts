// Teams SSO tokens are verified for real (signature against the stand-in's JWKS, audience,
// issuer, lifetime, scope); anything short of a good token is a 401 problem.
import { SignJWT } from 'jose';
import { startApiHarness, type ApiHarness } from './apiWorld';

describe('/api/v1 authentication with Teams SSO tokens', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness();
  });
  afterAll(async () => api.stop());

  const me = (token?: string, headers?: Record<string, string>) => api.call('/api/v1/me', { token, headers });

  it('accepts a good token and says who is signed in', async () => {
    const res = await me(await api.tokenFor(api.world.alice));
    expect(res.status).toBe(200);
    expect(res.body.person).toMatchObject({ id: api.world.alice.id, displayName: 'Alice Reviewee' });
    expect(res.body.organisation.name).toBe('Test Academy Trust');
    expect(res.body.maxSuccessCriteria).toBe(7);
    expect(res.body.slots).toHaveLength(3);
    expect(res.body.reviewer).toEqual({ id: api.world.rita.id, displayName: 'Rita Reviewer' });
    expect(res.body.isReviewer).toBe(false);
    expect(res.body.currentRockWindowId).toBe('spring');
    expect(res.body.openCheckIn.key).toBe('check-in-2');
    expect(api.identity.requests).toContain(`/${api.world.org.id}/discovery/v2.0/keys`);
  });

  it('accepts the api://<host>/<clientId> audience form Teams issues', async () => {
    const res = await me(await api.tokenFor(api.world.rita, { aud: `api://pg.example.org/${api.identity.clientId}` }));
    expect(res.status).toBe(200);
    expect(res.body.isReviewer).toBe(true);
  });

  const rejected: Array<[string, (a: ApiHarness) => Promise<string | undefined>]> = [
    ['no token', async () => undefined],
    ['a token signed with an unpublished key', (a) => a.tokenFor(a.world.alice, {}, { key: 'foreign' })],
    ['an expired token', (a) => a.tokenFor(a.world.alice, {}, { now: new Date('2026-02-27T09:00:00Z') })],
    ['a token not valid yet', (a) => a.tokenFor(a.world.alice, { nbf: Math.floor(new Date('2026-02-27T13:00:00Z').getTime() / 1000) })],
    ['a token for another app', (a) => a.tokenFor(a.world.alice, { aud: 'api://pg.example.org/11111111-2222-4333-8444-555555555555' })],
    ['a token without the access_as_user scope', (a) => a.tokenFor(a.world.alice, { scp: null })],
    ['a token with another scope only', (a) => a.tokenFor(a.world.alice, { scp: 'User.Read' })],
    ['a token whose issuer is another tenant', (a) => a.tokenFor(a.world.alice, { iss: `${a.identity.url}/${a.world.otherOrg.id}/v2.0` })],
    ['a v1 token from sts.windows.net when the authority is not Microsoft', (a) => a.tokenFor(a.world.alice, { iss: `https://sts.windows.net/${a.world.org.id}/` })],
    ['something that is not a JWT', async () => 'not-a-token'],
    ['a token signed HS256 with the client id as the secret', async (a) => hs256(a.identity.clientId, { oid: a.world.alice.entraObjectId, tid: a.world.org.id, aud: a.identity.clientId, scp: 'access_as_user', iss: `${a.identity.url}/${a.world.org.id}/v2.0` })],
    ['an unsigned token', async (a) => unsigned({ oid: a.world.alice.entraObjectId, tid: a.world.org.id, aud: a.identity.clientId, scp: 'access_as_user', iss: `${a.identity.url}/${a.world.org.id}/v2.0`, exp: 9999999999, iat: 1 })],
  ];

  it.each(rejected)('rejects %s with 401 problem+json', async (_name, makeToken) => {
    const res = await me(await makeToken(api));
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(res.body).toMatchObject({ status: 401, code: 'unauthenticated' });
  });

  it('ignores X-Dev-Identity when dev sign-in is off', async () => {
    const { alice } = api.world;
    const res = await me(undefined, { 'X-Dev-Identity': `${alice.entraObjectId}@${alice.organisationId}` });
    expect(res.status).toBe(401);
    expect((await api.call('/api/v1/dev/status')).body).toEqual({ devSignIn: false });
  });

  it('links a person by email on first sign-in, then finds them by object id', async () => {
    const org = { organisationId: api.world.org.id };
    await api.repos.people.upsertMany(org, [
      { ...api.world.sam, id: 'person-newcomer', email: 'newcomer@school.example', displayName: 'New Comer', entraObjectId: undefined, reviewerId: undefined },
    ]);
    const newcomer = { ...api.world.sam, id: 'person-newcomer', email: 'newcomer@school.example', entraObjectId: 'a6f3c1e2-0000-4000-8000-000000000001' };
    const res = await me(await api.tokenFor(newcomer));
    expect(res.status).toBe(200);
    expect(res.body.person.id).toBe('person-newcomer');
    expect((await api.repos.people.get(org, 'person-newcomer'))?.entraObjectId).toBe(newcomer.entraObjectId);
  });

  it('does not move a linked record to another Entra user with the same email', async () => {
    const impostor = { ...api.world.alice, entraObjectId: 'b7f3c1e2-0000-4000-8000-000000000002' };
    const res = await me(await api.tokenFor(impostor));
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('notInDirectory');
  });

  it('refuses a tenant that has not been set up', async () => {
    const stranger = { ...api.world.alice, organisationId: 'c8f3c1e2-0000-4000-8000-000000000003' };
    const res = await me(await api.tokenFor(stranger));
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('organisationUnknown');
  });
});

function hs256(secret: string, claims: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid: 'standin-key-1' }).setIssuedAt().setExpirationTime('2h').sign(new TextEncoder().encode(secret));
}

function unsigned(claims: Record<string, unknown>): string {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
}
