// Proactive prompts through botbuilder's real CloudAdapter, paced by the rate-aware sender,
// against the Bot Connector stand-in over HTTP. What a member of staff would notice: everyone
// gets their message exactly once, even when Teams throttles, and a person who blocked the bot
// is reported rather than retried.
import { type Activity, CloudAdapter, type ConversationReference } from 'botbuilder';
import { createDeliveryBotFrameworkAuthentication } from '../../../bot/teams/botFrameworkAuthentication';
import { sendProactive } from '../../../bot/teams/proactive';
import { createRateAwareSender } from '../../../bot/delivery/sender';
import { type BotConnectorStandIn, startBotConnectorStandIn } from '../../standins/botConnector';

const TENANT = 'tenant-1';

function referenceFor(standIn: BotConnectorStandIn, conversationId: string, userId = `29:${conversationId}`): Partial<ConversationReference> {
  return {
    channelId: 'msteams',
    serviceUrl: standIn.url,
    conversation: { id: conversationId, conversationType: 'personal', isGroup: false, name: '', tenantId: TENANT },
    bot: { id: '28:pg-bot', name: 'Professional Growth' },
    user: { id: userId, name: userId },
  };
}

function prompt(text: string): Partial<Activity> {
  return { type: 'message', text };
}

describe('proactive delivery through CloudAdapter and the rate-aware sender', () => {
  let standIn: BotConnectorStandIn;
  let adapter: CloudAdapter;
  let turnErrors: unknown[];

  beforeAll(async () => {
    standIn = await startBotConnectorStandIn();
  });
  afterAll(async () => {
    await standIn.close();
  });
  beforeEach(() => {
    standIn.reset();
    standIn.setLimits({ tenantRps: 50, perConversationPerSecond: 7, perConversation30s: 60 });
    // No app id: botbuilder sends no token (see bot/teams/botFrameworkAuthentication.ts).
    adapter = new CloudAdapter(createDeliveryBotFrameworkAuthentication({ appId: '' }));
    // The app's adapter has a turn error handler; it must not swallow delivery failures.
    turnErrors = [];
    adapter.onTurnError = async (_context, error) => {
      turnErrors.push(error);
    };
  });

  it('delivers every prompt exactly once while the Connector throttles, retrying the 429s', async () => {
    standIn.setLimits({ tenantRps: 10 });
    // Paced for twice what this stand-in allows, so 429s must happen and slow everyone down.
    const sender = createRateAwareSender({ tenantRps: 20, maxAttempts: 20 });

    const oneChat = Array.from({ length: 30 }, (_, i) => ({ conversationId: 'a:busy-chat', text: `busy ${i}` }));
    const manyChats = Array.from({ length: 30 }, (_, i) => ({ conversationId: `a:staff-${i}`, text: `prompt for staff ${i}` }));
    const messages = [...oneChat, ...manyChats];

    const results = await Promise.all(
      messages.map((m) =>
        sender.send(m.conversationId, () => sendProactive(adapter, '', referenceFor(standIn, m.conversationId), prompt(m.text))),
      ),
    );

    expect(results.every((r) => r.ok)).toBe(true);
    const delivered = standIn.sent.map((a) => `${a.conversationId}|${String(a.activity.text)}`);
    expect([...delivered].sort()).toEqual(messages.map((m) => `${m.conversationId}|${m.text}`).sort());
    expect(new Set(delivered).size).toBe(messages.length);
    // Messages to one chat keep their order.
    expect(standIn.sentTo('a:busy-chat').map((a) => a.activity.text)).toEqual(oneChat.map((m) => m.text));

    const stats = standIn.stats();
    expect(stats.throttled).toBeGreaterThan(0);
    expect(sender.counters()).toMatchObject({ sent: 60, throttled: stats.throttled, failed: 0, blocked: 0 });
    // Every call the stand-in saw was a try the sender made: botbuilder retried nothing behind its back.
    expect(stats.calls).toBe(sender.counters().attempts);
    expect(stats.peakConversationPerSecond).toBeLessThanOrEqual(7);
    expect(standIn.calls.every((c) => c.authorization === undefined)).toBe(true);
    expect(turnErrors).toEqual([]);
  }, 60_000);

  it('reports a person who blocked the bot as blocked, after one try', async () => {
    const sender = createRateAwareSender();
    standIn.blockUser('a:blocked-chat');

    const result = await sender.send('a:blocked-chat', () =>
      sendProactive(adapter, '', referenceFor(standIn, 'a:blocked-chat'), prompt('check-in is open')),
    );

    expect(result).toEqual({ ok: false, blocked: true, status: 403, code: 'MessageWritesBlocked', attempts: 1 });
    expect(standIn.sent).toHaveLength(0);
    expect(standIn.calls).toHaveLength(1);
    expect(turnErrors).toEqual([]);
  });

  it('retries a 502 and delivers the prompt once', async () => {
    const sender = createRateAwareSender({ backoff: { baseMs: 20 } });
    standIn.failFor('a:flaky-chat', 502, 1);

    const result = await sender.send('a:flaky-chat', () =>
      sendProactive(adapter, '', referenceFor(standIn, 'a:flaky-chat'), prompt('check-in is open')),
    );

    expect(result).toMatchObject({ ok: true, attempts: 2, throttled: 0 });
    expect(standIn.calls.map((c) => c.status)).toEqual([502, 201]);
    expect(standIn.sentTo('a:flaky-chat')).toHaveLength(1);
  });

  it('opens a 1:1 chat with createConversationAsync and sends into it; a blocked user is reported', async () => {
    const sender = createRateAwareSender();
    standIn.blockUser('29:left-the-app');

    async function createAndSend(userId: string): Promise<string | undefined> {
      let activityId: string | undefined;
      let failure: unknown;
      await adapter.createConversationAsync(
        '',
        'msteams',
        standIn.url,
        '',
        { isGroup: false, bot: { id: '28:pg-bot', name: 'Professional Growth' }, members: [{ id: userId, name: userId }], tenantId: TENANT, channelData: { tenant: { id: TENANT } } },
        async (context) => {
          try {
            activityId = (await context.sendActivity(prompt('welcome')))?.id;
          } catch (error) {
            failure = error;
          }
        },
      ).catch((error: unknown) => {
        failure = error;
      });
      if (failure) throw failure;
      return activityId;
    }

    const welcome = await sender.send('29:new-starter', () => createAndSend('29:new-starter'));
    const gone = await sender.send('29:left-the-app', () => createAndSend('29:left-the-app'));

    expect(welcome).toMatchObject({ ok: true, value: expect.stringMatching(/^standin-activity-/) });
    expect(gone).toMatchObject({ ok: false, blocked: true, code: 'MessageWritesBlocked' });
    expect(standIn.conversations).toEqual([expect.objectContaining({ userId: '29:new-starter', tenantId: TENANT })]);
    const created = standIn.conversations[0]!.conversationId;
    expect(standIn.sentTo(created).map((a) => a.activity.text)).toEqual(['welcome']);
  });

  it('answers member and team look-ups the bot makes', async () => {
    standIn.setMembers('a:chat', [{ id: '29:a', name: 'Ada', aadObjectId: 'aad-a' }]);
    const r1 = await fetch(new URL('v3/conversations/a%3Achat/pagedmembers?pageSize=10', standIn.url));
    expect(await r1.json()).toEqual({ members: [{ id: '29:a', name: 'Ada', aadObjectId: 'aad-a' }] });
    const r2 = await fetch(new URL('v3/conversations/a%3Achat/members/aad-a', standIn.url));
    expect(await r2.json()).toMatchObject({ id: '29:a' });
  });
});
