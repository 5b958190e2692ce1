// Refusing cleanly, through the real HTTP endpoints. With BOT_ID/BOT_PASSWORD set and the Bot
// Framework's OpenID metadata out of reach (a closed local port), every forged or unverifiable
// token on POST /api/messages is a 401 whose body says nothing about why; the same token variants
// on /api/v1/me, with the tenant's key set out of reach, are 401 problem documents. Malformed
// activities and invokes are 400 and store nothing. The database is counted after every request.
import { createServer, type AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import pino from 'pino';
import type { Runtime } from '../../../bot/runtime';
import { importDirectory, parseDirectoryFile } from '../../../bot/usecases/directory';
import { ensureOrganisation } from '../../../bot/usecases/organisations';
import { personalMessage, TEST_TENANT } from '../../support/activities';
import { startTestRuntime } from '../../support/runtime';

const BOT_ID = '6b1f0c7e-3c2a-4d5e-9f10-2a3b4c5d6e7f';
const BOT_PASSWORD = 'the-bot-password-of-this-test';
const CLIENT_ID = '00000000-0000-4000-8000-00000000c1d0';
const TENANT = '3f2c9a10-7b4d-4e21-9a55-0c6e8d1f2b34';
const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';
const EMULATOR_ISSUER = 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/';
const alex = { id: '29:alex', aadObjectId: 'oid-alex', name: 'Alex Wilber' };
const DIRECTORY = 'name,email,entraObjectId\nAlex Wilber,alexw@example.com,oid-alex\n';

/** A port nothing listens on: bound once to learn a free one, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

type LogLine = { level: number; msg: string };
type Forge = (claims: Record<string, unknown>) => Promise<string>;

async function forgers(password: string): Promise<Record<string, Forge>> {
  const unknownKey = await generateKeyPair('RS256');
  const rs256 = (claims: Record<string, unknown>, exp = seconds(new Date()) + 3600) =>
    new SignJWT({ ...claims, exp, iat: seconds(new Date()) - 60, nbf: seconds(new Date()) - 60 }).setProtectedHeader({ alg: 'RS256', kid: 'some-published-looking-kid', typ: 'JWT' }).sign(unknownKey.privateKey);
  return {
    'alg none': async (claims) => `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, exp: seconds(new Date()) + 3600 })}.`,
    'HS256 signed with the password': (claims) =>
      new SignJWT({ ...claims }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(password)),
    'RS256 with a key nobody published': (claims) => rs256(claims),
    'expired': (claims) => rs256(claims, seconds(new Date()) - 3600),
    'for another audience': (claims) => rs256({ ...claims, aud: '11111111-2222-4333-8444-555555555555' }),
  };
}

/** Every collection's document count: a refused request leaves all of them as they were. */
async function counts(runtime: Runtime): Promise<Record<string, number>> {
  const collections = await runtime.db.listCollections({}, { nameOnly: true }).toArray();
  const result: Record<string, number> = {};
  for (const { name } of collections) result[name] = await runtime.db.collection(name).countDocuments({});
  return result;
}

/** The body a refusal may carry: nothing that names a URL, a host lookup, an error or a stack. */
function expectNothingInternal(text: string): void {
  expect(text).not.toMatch(/http|ENOTFOUND|ECONNREFUSED|getaddrinfo|openid|127\.0\.0\.1|localhost|json|token|unexpected end|position \d/i);
  expect(text).not.toMatch(/Error|\bat .+:\d+:\d+|\.(ts|js):\d+/);
  expect(text.length).toBeLessThan(400);
}

async function post(url: string, body: string | Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, text: await res.text(), contentType: res.headers.get('content-type') ?? '' };
}

describe('POST /api/messages and /api/v1 with the signing keys out of reach', () => {
  let runtime: Runtime;
  let forge: Record<string, Forge>;
  const log: LogLine[] = [];

  beforeAll(async () => {
    const port = await closedPort();
    runtime = await startTestRuntime({
      BOT_ID,
      BOT_PASSWORD,
      BOT_OPENID_METADATA_URL: `http://127.0.0.1:${port}/v1/.well-known/openidconfiguration`,
      AUTH_MODE: 'teams',
      AAD_APP_CLIENT_ID: CLIENT_ID,
      AAD_AUTHORITY_HOST: `http://127.0.0.1:${port}`,
    }, { logger: pino({ level: 'info' }, { write: (line: string) => void log.push(JSON.parse(line) as LogLine) }) });
    forge = await forgers(BOT_PASSWORD);
    for (const organisationId of [TEST_TENANT, TENANT]) {
      await ensureOrganisation(runtime.ctx, { organisationId, policyId: 'tsfe-2025-26' });
      await importDirectory(runtime.ctx, organisationId, parseDirectoryFile(DIRECTORY, 'csv'));
    }
  });
  afterAll(async () => runtime.stop());

  const activity = () => personalMessage(alex, 'check in', { serviceUrl: 'https://smba.trafficmanager.net/uk/' });
  const botClaims = (issuer: string) => ({ iss: issuer, aud: BOT_ID, serviceurl: 'https://smba.trafficmanager.net/uk/', appid: BOT_ID, ver: '1.0' });

  const variants = ['alg none', 'HS256 signed with the password', 'RS256 with a key nobody published', 'expired', 'for another audience'];
  const botCases = variants.flatMap((variant) => [
    [variant, 'the Bot Framework issuer', BOT_FRAMEWORK_ISSUER],
    [variant, 'the Emulator issuer', EMULATOR_ISSUER],
  ]);

  it.each(botCases)('answers a %s token with %s 401, saying nothing about why, and stores nothing', async (variant, _issuerName, issuer) => {
    const before = await counts(runtime);
    const token = await forge[variant]!(botClaims(issuer!));
    const res = await post(runtime.url!, activity(), { authorization: `Bearer ${token}` });
    expect(res.status).toBe(401);
    expect(res.contentType).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(res.text)).toEqual({ type: 'urn:pgteams:problem:unauthenticated', title: expect.any(String), status: 401, code: 'unauthenticated' });
    expectNothingInternal(res.text);
    expect(await counts(runtime)).toEqual(before);
  });

  it.each([
    ['no Authorization header', {}],
    ['a bearer that is not a JWT', { authorization: 'Bearer not-a-token' }],
    ['a Basic header', { authorization: `Basic ${Buffer.from(`${BOT_ID}:${BOT_PASSWORD}`).toString('base64')}` }],
  ])('answers %s with 401 and stores nothing', async (_name, headers) => {
    const before = await counts(runtime);
    const res = await post(runtime.url!, activity(), headers as Record<string, string>);
    expect(res.status).toBe(401);
    expectNothingInternal(res.text);
    expect(await counts(runtime)).toEqual(before);
  });

  it('checks the shape before the token: a malformed activity is 400 even with credentials set', async () => {
    const before = await counts(runtime);
    const { type: _type, ...untyped } = activity();
    const res = await post(runtime.url!, untyped, { authorization: `Bearer ${await forge['alg none']!(botClaims(BOT_FRAMEWORK_ISSUER))}` });
    expect(res.status).toBe(400);
    expectNothingInternal(res.text);
    expect(await counts(runtime)).toEqual(before);
  });

  const apiClaims = (claims: Record<string, unknown> = {}) => ({
    oid: 'oid-alex',
    tid: TENANT,
    aud: CLIENT_ID,
    iss: `${runtime.config.AAD_AUTHORITY_HOST}/${TENANT}/v2.0`,
    scp: 'access_as_user',
    preferred_username: 'alexw@example.com',
    ...claims,
  });

  it.each(variants)('answers a %s token on /api/v1/me with the fixed 401 problem', async (variant) => {
    const before = await counts(runtime);
    const token = await forge[variant]!(apiClaims());
    const res = await fetch(`${runtime.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
    const text = await res.text();
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(JSON.parse(text)).toMatchObject({ status: 401, code: 'unauthenticated', errors: [] });
    expectNothingInternal(text);
    expect(await counts(runtime)).toEqual(before);
  });

  it('answers an HS256 token signed with the client id on /api/v1/me with 401', async () => {
    const token = await new SignJWT(apiClaims()).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(CLIENT_ID));
    const res = await fetch(`${runtime.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(401);
    expectNothingInternal(await res.text());
  });

  it('logged that the keys could not be read once for the bot and once for the API, not once a request', () => {
    const warnings = log.filter((line) => line.level === 40).map((line) => line.msg);
    expect(warnings.filter((msg) => /Bot Framework signing keys could not be read/.test(msg))).toHaveLength(1);
    expect(warnings.filter((msg) => /API requests not authenticated: the signing keys could not be read/.test(msg))).toHaveLength(1);
  });
});

describe('malformed activities and invokes on POST /api/messages', () => {
  let runtime: Runtime;

  // No credentials (development): nothing but the activity's shape stands between it and the bot.
  beforeAll(async () => {
    runtime = await startTestRuntime();
    await ensureOrganisation(runtime.ctx, { organisationId: TEST_TENANT, policyId: 'tsfe-2025-26' });
    await importDirectory(runtime.ctx, TEST_TENANT, parseDirectoryFile(DIRECTORY, 'csv'));
  });
  afterAll(async () => runtime.stop());

  const invoke = (name: string, value: unknown) => personalMessage(alex, '', { type: 'invoke', name, value });
  const submit = (action: Record<string, unknown>) => invoke('adaptiveCard/action', { action, trigger: 'manual' });
  const { type: _type, ...untypedInstall } = { ...personalMessage(alex, ''), type: 'installationUpdate', action: 'add' };

  it('still answers a well-formed card action (so the refusals below are about their shape)', async () => {
    const res = await post(runtime.url!, submit({ type: 'Action.Execute', verb: 'checkIn.fromAnOldRelease', data: {} }));
    expect(res.status).toBe(200);
    expect(res.text).toContain('This card is out of date');
  });

  const malformed: Array<[string, string | Record<string, unknown>]> = [
    ['an install with no type', untypedInstall],
    ['an activity whose type is not a string', { ...personalMessage(alex, 'check in'), type: 42 }],
    ['a card action whose verb is not a string', submit({ type: 'Action.Execute', verb: { $gt: '' }, data: { eventId: 'x' } })],
    ['a card action whose verb is a number', submit({ type: 'Action.Execute', verb: 7, data: {} })],
    ['a card action whose verb is 10 000 characters', submit({ type: 'Action.Execute', verb: 'checkIn.submit'.padEnd(10_000, 'x'), data: {} })],
    ['a card action with no value.action', invoke('adaptiveCard/action', { trigger: 'manual' })],
    ['a card action with no value at all', invoke('adaptiveCard/action', undefined)],
    ['a card action whose data is not an object', submit({ type: 'Action.Execute', verb: 'checkIn.submit', data: 'answers' })],
    ['an Action.Submit sent as a Universal Action', submit({ type: 'Action.Submit', verb: 'checkIn.submit', data: {} })],
    ['an invoke name this bot does not answer', invoke('composeExtension/fetchTask', { commandId: 'x' })],
    ['an invoke with no name', invoke('', {})],
    ['a search invoke with no queryText', invoke('application/search', { kind: 'search', dataset: 'people' })],
    ['a message with no conversation', { ...personalMessage(alex, 'check in'), conversation: undefined }],
    ['a message whose sender is not an object', { ...personalMessage(alex, 'check in'), from: 'alex' }],
    ['a message with no serviceUrl', { ...personalMessage(alex, 'check in'), serviceUrl: undefined }],
    ['a message whose serviceUrl is not http(s)', { ...personalMessage(alex, 'check in'), serviceUrl: 'file:///etc/passwd' }],
    ['a message whose text is not a string', { ...personalMessage(alex, 'check in'), text: ['check in'] }],
    ['a JSON array', JSON.stringify([personalMessage(alex, 'check in')])],
    ['JSON null', 'null'],
    ['text that is not JSON', '{"type":"message", this is not json'],
  ];

  it.each(malformed)('refuses %s with 400, nothing internal, nothing stored', async (_name, body) => {
    const before = await counts(runtime);
    const res = await post(runtime.url!, body);
    expect(res.status).toBe(400);
    expectNothingInternal(res.text);
    expect(await counts(runtime)).toEqual(before);
  });

  it('refuses a body that is not JSON at all (text/plain) with 400 and stores nothing', async () => {
    const before = await counts(runtime);
    const res = await post(runtime.url!, 'check in', { 'content-type': 'text/plain' });
    expect(res.status).toBe(400);
    expectNothingInternal(res.text);
    expect(await counts(runtime)).toEqual(before);
  });

  it('refuses a body over the size limit with 413, nothing internal, nothing stored', async () => {
    const before = await counts(runtime);
    const res = await post(runtime.url!, personalMessage(alex, 'x'.repeat(3 * 1024 * 1024)));
    expect(res.status).toBe(413);
    expectNothingInternal(res.text);
    expect(await counts(runtime)).toEqual(before);
  });

  it('answers a non-JSON body on /api/v1 with a problem that does not echo the parser', async () => {
    const res = await fetch(`${runtime.url}/api/v1/check-ins/some-id/respond`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title": nope' });
    expect(res.status).toBe(400);
    expectNothingInternal(await res.text());
  });

  it('still processes a well-formed message after all that', async () => {
    const res = await post(runtime.url!, { ...personalMessage(alex, 'help', { deliveryMode: 'expectReplies' }), id: randomUUID() });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).activities.length).toBeGreaterThan(0);
  });
});

describe('POST /api/messages with the Bot Framework keys reachable (a stand-in) or answering errors', () => {
  let runtime: Runtime;
  let metadata: Server;
  let forge: Record<string, Forge>;
  let sign: (claims: Record<string, unknown>) => Promise<string>;

  beforeAll(async () => {
    const channelKey = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(channelKey.publicKey)), kid: 'channel-key', use: 'sig', endorsements: ['msteams'] };
    metadata = createHttpServer((req, res) => {
      const base = `http://127.0.0.1:${(metadata.address() as AddressInfo).port}`;
      const answer = (status: number, body?: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(body === undefined ? undefined : JSON.stringify(body));
      };
      if (req.url?.startsWith('/down/')) return answer(503);
      if (req.url === '/v1/.well-known/openidconfiguration') return answer(200, { issuer: BOT_FRAMEWORK_ISSUER, jwks_uri: `${base}/keys` });
      if (req.url === '/keys') return answer(200, { keys: [jwk] });
      answer(404);
    });
    await new Promise<void>((resolve) => metadata.listen(0, '127.0.0.1', () => resolve()));
    const { port } = metadata.address() as AddressInfo;
    runtime = await startTestRuntime(
      { BOT_ID, BOT_PASSWORD, BOT_OPENID_METADATA_URL: `http://127.0.0.1:${port}/v1/.well-known/openidconfiguration` },
    );
    forge = await forgers(BOT_PASSWORD);
    sign = (claims) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'channel-key', typ: 'JWT' }).setIssuedAt().setNotBefore('-1m').setExpirationTime('1h').sign(channelKey.privateKey);
    await ensureOrganisation(runtime.ctx, { organisationId: TEST_TENANT, policyId: 'tsfe-2025-26' });
    await importDirectory(runtime.ctx, TEST_TENANT, parseDirectoryFile(DIRECTORY, 'csv'));
  });
  afterAll(async () => {
    await runtime.stop();
    await new Promise<void>((resolve) => metadata.close(() => resolve()));
  });

  const serviceUrl = 'https://smba.trafficmanager.net/uk/';
  const help = () => personalMessage(alex, 'help', { serviceUrl, deliveryMode: 'expectReplies' });
  const claims = { iss: BOT_FRAMEWORK_ISSUER, aud: BOT_ID, serviceurl: serviceUrl };

  it('answers a token signed with the published channel key (so the refusals are about the token)', async () => {
    const res = await post(runtime.url!, help(), { authorization: `Bearer ${await sign(claims)}` });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).activities[0].text).toMatch(/check in/);
  });

  it.each([
    ['signed with the published key for another bot', () => sign({ ...claims, aud: '11111111-2222-4333-8444-555555555555' })],
    ['signed with the published key for another serviceUrl', () => sign({ ...claims, serviceurl: 'https://evil.example/' })],
    ['signed with the published key by another issuer', () => sign({ ...claims, iss: 'https://evil.example' })],
    ['signed with a key nobody published', () => forge['RS256 with a key nobody published']!(claims)],
    ['alg none', () => forge['alg none']!(claims)],
    ['HS256 with the password', () => forge['HS256 signed with the password']!(claims)],
    ['expired', () => forge.expired!(claims)],
  ])('answers a token %s with 401, nothing internal, nothing stored', async (_name, token) => {
    const before = await counts(runtime);
    const res = await post(runtime.url!, help(), { authorization: `Bearer ${await token()}` });
    expect(res.status).toBe(401);
    expectNothingInternal(res.text);
    expect(await counts(runtime)).toEqual(before);
  });

  it('answers 401, not 500, when the metadata answers 503 (botbuilder calls that an AuthenticationError with status 500)', async () => {
    // botbuilder caches metadata per URL for the process, so an outage is shown at a URL it has not read.
    const { port } = metadata.address() as AddressInfo;
    const down = await startTestRuntime({ BOT_ID, BOT_PASSWORD, BOT_OPENID_METADATA_URL: `http://127.0.0.1:${port}/down/v1/.well-known/openidconfiguration` });
    try {
      const before = await counts(down);
      const res = await post(down.url!, help(), { authorization: `Bearer ${await sign(claims)}` });
      expect(res.status).toBe(401);
      expectNothingInternal(res.text);
      expect(await counts(down)).toEqual(before);
    } finally {
      await down.stop();
    }
  });
});
