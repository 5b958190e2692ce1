// The Graph client against the Graph stand-in over HTTP: what a reviewer would notice is that the
// notification arrives in their feed once, even when Graph throttles; what the outbox needs is a
// clear "blocked" for someone the app cannot reach, and no calls at all for a malformed job.
import { createRateAwareSender } from '../../../bot/delivery/sender';
import { type ActivityNotification, InvalidActivityNotificationError, feedNotification } from '../../../bot/graph/activityNotification';
import { type GraphClientOptions, createGraphClient } from '../../../bot/graph/graphClient';
import { type GraphStandIn, startGraphStandIn } from '../../standins/graph';

const TENANT = '11111111-2222-4333-8444-555555555555';
const OTHER_TENANT = '99999999-2222-4333-8444-555555555555';
const TEAMS_APP_ID = 'b5f1e3a0-1111-4222-8333-444455556666';
const REVIEWER = 'aad-reviewer-1';

function checkInSubmitted(overrides: { reviewee?: string; previewText?: string } = {}): ActivityNotification<'checkInSubmitted'> {
  const reviewee = overrides.reviewee ?? 'Jo Bloggs';
  return feedNotification({
    teamsAppId: TEAMS_APP_ID,
    activityType: 'checkInSubmitted',
    templateParameters: { reviewee, checkIn: 'Check-in 3' },
    previewText: overrides.previewText ?? `${reviewee} submitted Check-in 3`,
    entity: 'team',
    subPageId: 'checkin:c-1',
    topicTitle: `${reviewee} · Check-in 3`,
  });
}

describe('Graph client ↔ Graph stand-in', () => {
  let graph: GraphStandIn;
  let clock: number;

  function client(overrides: Partial<GraphClientOptions> = {}) {
    return createGraphClient({
      authorityHost: graph.authorityHost,
      graphBaseUrl: graph.graphBaseUrl,
      clientId: graph.clientId,
      clientSecret: graph.clientSecret,
      sender: createRateAwareSender(),
      teamsAppId: TEAMS_APP_ID,
      ...overrides,
    });
  }

  beforeAll(async () => {
    graph = await startGraphStandIn();
  });
  afterAll(async () => {
    await graph.close();
  });
  beforeEach(() => {
    graph.reset();
    graph.setTokenLifetime(3599);
    clock = Date.now();
  });

  it('delivers a notification to the user’s feed with an app-only token for their tenant', async () => {
    const result = await client().sendActivityNotification(TENANT, REVIEWER, checkInSubmitted());

    expect(result).toEqual({ ok: true, value: undefined, attempts: 1, throttled: 0 });
    expect(graph.tokenRequests).toEqual([expect.objectContaining({ tenantId: TENANT, status: 200, clientId: graph.clientId, scope: 'https://graph.microsoft.com/.default' })]);
    expect(graph.notifications).toHaveLength(1);
    const [delivered] = graph.notifications;
    expect(delivered).toMatchObject({ tenantId: TENANT, userId: REVIEWER });
    expect(delivered!.body).toEqual({
      topic: { source: 'text', value: 'Jo Bloggs · Check-in 3', webUrl: expect.stringMatching(`^https://teams.microsoft.com/l/entity/${TEAMS_APP_ID}/home\\?`) },
      activityType: 'checkInSubmitted',
      previewText: { content: 'Jo Bloggs submitted Check-in 3' },
      templateParameters: [
        { name: 'reviewee', value: 'Jo Bloggs' },
        { name: 'checkIn', value: 'Check-in 3' },
      ],
      teamsAppId: TEAMS_APP_ID,
    });
  });

  it('sends a long preview shortened to 150 characters, which Graph accepts', async () => {
    const result = await client().sendActivityNotification(TENANT, REVIEWER, checkInSubmitted({ previewText: 'Long answer. '.repeat(30) }));
    expect(result.ok).toBe(true);
    const content = (graph.notifications[0]!.body.previewText as { content: string }).content;
    expect(content.length).toBeLessThanOrEqual(150);
    expect(content.endsWith('…')).toBe(true);
  });

  it('asks for one token per tenant, shared by concurrent sends and reused until 5 minutes before it expires', async () => {
    const graphClient = client({ now: () => clock });

    const first = await Promise.all(
      Array.from({ length: 6 }, (_, i) => graphClient.sendActivityNotification(i < 4 ? TENANT : OTHER_TENANT, `aad-user-${i}`, checkInSubmitted())),
    );
    expect(first.every((r) => r.ok)).toBe(true);
    expect(graph.tokenRequests.map((t) => t.tenantId).sort()).toEqual([TENANT, OTHER_TENANT].sort());

    clock += 50 * 60_000; // 10 minutes left: still good
    expect((await graphClient.sendActivityNotification(TENANT, REVIEWER, checkInSubmitted())).ok).toBe(true);
    expect(graph.tokenRequests).toHaveLength(2);

    clock += 6 * 60_000; // 4 minutes left: replaced before use
    expect((await graphClient.sendActivityNotification(TENANT, REVIEWER, checkInSubmitted())).ok).toBe(true);
    expect(graph.tokenRequests.map((t) => t.tenantId)).toEqual([expect.any(String), expect.any(String), TENANT]);
    expect(graph.notifications).toHaveLength(8);
  });

  it('gets a new token when Graph no longer accepts the cached one', async () => {
    const graphClient = client();
    expect((await graphClient.sendActivityNotification(TENANT, REVIEWER, checkInSubmitted())).ok).toBe(true);
    graph.revokeTokens();

    const result = await graphClient.sendActivityNotification(TENANT, REVIEWER, checkInSubmitted());

    expect(result.ok).toBe(true);
    expect(graph.tokenRequests).toHaveLength(2);
    expect(graph.calls.map((c) => c.status)).toEqual([204, 401, 204]);
  });

  it('waits out a 429’s Retry-After and then delivers, once', async () => {
    graph.throttleNext(1, 1);
    const sender = createRateAwareSender();

    const result = await client({ sender }).sendActivityNotification(TENANT, REVIEWER, checkInSubmitted());

    expect(result).toEqual({ ok: true, value: undefined, attempts: 2, throttled: 1 });
    expect(graph.calls.map((c) => c.status)).toEqual([429, 204]);
    expect(graph.calls[1]!.at - graph.calls[0]!.at).toBeGreaterThanOrEqual(950);
    expect(graph.notifications).toHaveLength(1);
    expect(sender.counters()).toMatchObject({ sent: 1, throttled: 1, retried: 1 });
  });

  it('refuses an activity type the manifest does not declare without any HTTP call', async () => {
    const fetchImpl = jest.fn(fetch);
    const bad = { ...checkInSubmitted(), activityType: 'checkInShouted' } as unknown as ActivityNotification;

    const result = await client({ fetchImpl }).sendActivityNotification(TENANT, REVIEWER, bad);

    expect(result).toMatchObject({ ok: false, blocked: false, attempts: 0 });
    if (result.ok || result.blocked) throw new Error('unreachable');
    expect(result.error).toBeInstanceOf(InvalidActivityNotificationError);
    expect(String(result.error)).toMatch(/"checkInShouted" is not declared in the manifest/);
    expect(fetchImpl).not.toHaveBeenCalled();
    expect(graph.tokenRequests).toHaveLength(0);
    expect(graph.calls).toHaveLength(0);
  });

  it('reports a user Graph refuses (403) as blocked, after one call', async () => {
    graph.refuseUser('aad-left-the-app', 403);

    const result = await client().sendActivityNotification(TENANT, 'aad-left-the-app', checkInSubmitted());

    expect(result).toEqual({ ok: false, blocked: true, status: 403, code: 'Forbidden', attempts: 1 });
    expect(graph.calls).toHaveLength(1);
    expect(graph.notifications).toHaveLength(0);
  });

  it('reports a user Graph does not know (404) as blocked too, not as a failure to retry', async () => {
    graph.refuseUser('aad-gone', 404);

    const result = await client().sendActivityNotification(TENANT, 'aad-gone', checkInSubmitted());

    expect(result).toEqual({ ok: false, blocked: true, status: 404, code: 'NotFound', attempts: 1 });
  });

  it('gives up at once when the client secret is wrong, with the identity platform’s reason', async () => {
    const result = await client({ clientSecret: 'wrong' }).sendActivityNotification(TENANT, REVIEWER, checkInSubmitted());

    expect(result).toMatchObject({ ok: false, blocked: false, status: 401, attempts: 1 });
    if (result.ok || result.blocked) throw new Error('unreachable');
    expect(String(result.error)).toMatch(/invalid_client: AADSTS7000215/);
    expect(graph.calls).toHaveLength(0);
  });
});

describe('Graph stand-in', () => {
  let graph: GraphStandIn;

  beforeAll(async () => {
    graph = await startGraphStandIn({ clientId: 'app-1', clientSecret: 's3cret' });
  });
  afterAll(async () => {
    await graph.close();
  });

  async function token(): Promise<string> {
    const response = await fetch(`${graph.authorityHost}/${TENANT}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'app-1', client_secret: 's3cret', scope: 'https://graph.microsoft.com/.default' }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { access_token: string; token_type: string; expires_in: number };
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3599 });
    return body.access_token;
  }

  async function notify(body: unknown, bearer?: string) {
    const response = await fetch(`${graph.graphBaseUrl}/users/${REVIEWER}/teamwork/sendActivityNotification`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, error: text ? (JSON.parse(text) as { error: { code: string; message: string } }).error : undefined };
  }

  it('refuses a call without a token it issued', async () => {
    expect(await notify(checkInSubmitted())).toMatchObject({ status: 401, error: { code: 'InvalidAuthenticationToken' } });
    expect(await notify(checkInSubmitted(), 'made-up')).toMatchObject({ status: 401 });
  });

  it('refuses a token request with the wrong scope', async () => {
    const response = await fetch(`${graph.authorityHost}/${TENANT}/oauth2/v2.0/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'app-1', client_secret: 's3cret', scope: 'User.Read' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_scope' });
  });

  it('names what is wrong with a body real Graph would refuse', async () => {
    const bearer = await token();
    const valid = checkInSubmitted();
    expect((await notify(valid, bearer)).status).toBe(204);
    expect(await notify({ ...valid, activityType: 'nope' }, bearer)).toMatchObject({ status: 400, error: { message: expect.stringMatching(/'nope' is not declared/) } });
    expect(await notify({ ...valid, previewText: { content: 'x'.repeat(151) } }, bearer)).toMatchObject({ status: 400, error: { message: expect.stringMatching(/151 characters/) } });
    expect(await notify({ ...valid, templateParameters: [{ name: 'reviewee', value: 'Jo' }] }, bearer)).toMatchObject({
      status: 400,
      error: { code: 'BadRequest', message: expect.stringMatching(/'checkIn' required by the templateText/) },
    });
    expect(await notify({ ...valid, topic: { source: 'text', value: 'x' } }, bearer)).toMatchObject({ status: 400, error: { message: expect.stringMatching(/webUrl/) } });
    expect(graph.notifications).toHaveLength(1);
  });
});
