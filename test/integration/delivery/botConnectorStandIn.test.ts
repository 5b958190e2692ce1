// The stand-in itself: it has to enforce Teams' limits the way the sender will meet them.
import { type BotConnectorStandIn, startBotConnectorStandIn } from '../../standins/botConnector';

describe('Bot Connector stand-in', () => {
  let standIn: BotConnectorStandIn;

  beforeAll(async () => {
    standIn = await startBotConnectorStandIn();
  });
  afterAll(async () => {
    await standIn.close();
  });
  beforeEach(() => {
    standIn.reset();
    standIn.setLimits({ tenantRps: 50, perConversationPerSecond: 7, perConversation30s: 60 });
  });

  function post(conversationId: string, text: string, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(new URL(`v3/conversations/${encodeURIComponent(conversationId)}/activities`, standIn.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer not-checked', ...headers },
      body: JSON.stringify({ type: 'message', text }),
    });
  }

  it('accepts a send with any token, records it and returns a new activity id', async () => {
    const response = await post('19:abc@thread.tacv2;messageid=1', 'hello');
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    expect(standIn.sent).toEqual([
      expect.objectContaining({ kind: 'send', conversationId: '19:abc@thread.tacv2;messageid=1', activityId: id, activity: { type: 'message', text: 'hello' } }),
    ]);
    expect(standIn.calls[0]).toMatchObject({ method: 'POST', status: 201, authorization: 'Bearer not-checked' });
  });

  it('answers the 8th write to one conversation within a second with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) statuses.push((await post('a:1', `m${i}`)).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 201, 201, 429]);
    const throttled = await post('a:1', 'again');
    expect(throttled.headers.get('retry-after')).toBe('1');
    expect(await throttled.json()).toEqual({ error: { code: 'Throttled', message: 'over the conversation limit' } });
    expect((await post('a:2', 'other chat')).status).toBe(201);
    expect(standIn.stats()).toMatchObject({ accepted: 8, throttled: 2, throttledConversation: 2, peakConversationPerSecond: 7 });
  });

  it('gives every tenant its own limit, as Teams does per app per tenant', async () => {
    standIn.setLimits({ tenantRps: 5 });
    const postFor = (tenantId: string, i: number) =>
      fetch(new URL(`v3/conversations/${tenantId}-${i}/activities`, standIn.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'x', conversation: { id: `${tenantId}-${i}`, tenantId } }),
      }).then((r) => r.status);
    const statuses = await Promise.all(['trust-a', 'trust-b'].flatMap((tenant) => Array.from({ length: 7 }, (_, i) => postFor(tenant, i).then((status) => ({ tenant, status })))));
    for (const tenant of ['trust-a', 'trust-b']) expect(statuses.filter((s) => s.tenant === tenant && s.status === 201)).toHaveLength(5);
    expect(standIn.stats().tenants).toMatchObject({ 'trust-a': { accepted: 5, throttled: 2, peakPerSecond: 5 }, 'trust-b': { accepted: 5, throttled: 2 } });
    expect(standIn.sent.filter((a) => a.tenantId === 'trust-b')).toHaveLength(5);
  });

  it('limits the whole tenant across conversations', async () => {
    standIn.setLimits({ tenantRps: 5 });
    const statuses = await Promise.all(Array.from({ length: 8 }, (_, i) => post(`a:${i}`, 'x').then((r) => r.status)));
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(standIn.stats()).toMatchObject({ throttledTenant: 3, peakTenantPerSecond: 5 });
  });

  it('limits one conversation to 60 writes in 30 seconds', async () => {
    // Only the 30 s window is under test here; the other limits are lifted so timing cannot matter.
    standIn.setLimits({ tenantRps: Infinity, perConversationPerSecond: Infinity });
    const statuses: number[] = [];
    for (let i = 0; i < 61; i += 1) statuses.push((await post('a:1', `m${i}`)).status);
    expect(statuses.slice(0, 60).every((s) => s === 201)).toBe(true);
    expect(statuses[60]).toBe(429);
    expect(standIn.stats()).toMatchObject({ peakConversationPer30s: 60, throttledConversation: 1 });
  });

  it('plays a user who blocked the bot, by user id or by conversation id', async () => {
    const created = await fetch(new URL('v3/conversations', standIn.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ isGroup: false, members: [{ id: '29:ada' }], tenantId: 't1' }),
    });
    const { id: conversationId } = (await created.json()) as { id: string };
    standIn.blockUser('29:ada');
    const refused = await post(conversationId, 'hi');
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: 'MessageWritesBlocked' } });
    standIn.unblockUser('29:ada');
    expect((await post(conversationId, 'hi')).status).toBe(201);
    standIn.blockUser('a:gone', 404, 'ConversationNotFound');
    expect((await post('a:gone', 'hi')).status).toBe(404);
    expect(standIn.stats()).toMatchObject({ blocked: 2 });
  });

  it('fails the next calls, or one conversation, on request', async () => {
    standIn.failNext(2, 502);
    standIn.failFor('a:sick', 504, 1);
    expect((await post('a:1', 'x')).status).toBe(502);
    expect((await post('a:2', 'x')).status).toBe(502);
    expect((await post('a:sick', 'x')).status).toBe(504);
    expect((await post('a:sick', 'x')).status).toBe(201);
    expect(standIn.stats()).toMatchObject({ failed: 3, accepted: 1 });
  });

  it('updates and deletes activities, and lists channels of a team', async () => {
    const { id } = (await (await post('a:1', 'card v1')).json()) as { id: string };
    const updated = await fetch(new URL(`v3/conversations/a%3A1/activities/${id}`, standIn.url), {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'card v2', id }),
    });
    expect(await updated.json()).toEqual({ id });
    const deleted = await fetch(new URL(`v3/conversations/a%3A1/activities/${id}`, standIn.url), { method: 'DELETE' });
    expect(deleted.status).toBe(200);
    expect(standIn.sent.map((a) => [a.kind, a.activity.text])).toEqual([
      ['send', 'card v1'],
      ['update', 'card v2'],
    ]);

    const withTeam = await startBotConnectorStandIn({ teams: { 'team-1': { name: 'Staff', channels: [{ id: '19:general', name: 'General' }] } } });
    try {
      const channels = await fetch(new URL('v3/teams/team-1/conversations', withTeam.url));
      expect(await channels.json()).toEqual({ conversations: [{ id: '19:general', name: 'General' }] });
    } finally {
      await withTeam.close();
    }
  });
});
