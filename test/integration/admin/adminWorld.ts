// The admin channel through the real /api/messages: channel activities as Teams sends them (an
// @mention of the bot, channelData naming the team and channel), a mutable clock, the Bot
// Connector stand-in and the fan-out worker.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Runtime } from '../../../bot/runtime';
import { createRateAwareSender } from '../../../bot/delivery/sender';
import { createOutboxWorker } from '../../../bot/outbox/worker';
import { createProactiveMessenger } from '../../../bot/teams/proactive';
import { ensureOrganisation, eventIdFor } from '../../../bot/usecases/organisations';
import { importDirectory, parseDirectoryFile } from '../../../bot/usecases/directory';
import type { BotConnectorStandIn } from '../../standins/botConnector';
import { TEST_TENANT, postActivity } from '../../support/activities';
import { startTestRuntime } from '../../support/runtime';
import { findAll } from '../../unit/cards/validateCard';

export const TEAM_ID = '19:pg-admins-team@thread.tacv2';
export const CHANNEL_ID = '19:pg-admins-general@thread.tacv2';
export const OTHER_CHANNEL_ID = '19:staffroom@thread.tacv2';
export const THREAD = `${CHANNEL_ID};messageid=1700000000000`;
export const ORG = { organisationId: TEST_TENANT };
export const eventId = (key: string) => eventIdFor(TEST_TENANT, '2025-26', key);

export const DIRECTORY = `name,email,entraObjectId,school,role,reviewer,roles
Megan Bowen,meganb@example.com,oid-megan,Central Team,leader,,pg-admin
Patti Fernandez,pattif@example.com,oid-patti,North School,leader,,pg-admin;smt
Alex Wilber,alexw@example.com,oid-alex,Central Team,teacher,meganb@example.com,
Adele Vance,adelev@example.com,oid-adele,North School,support,pattif@example.com,
`;

export type Who = 'megan' | 'patti' | 'alex' | 'adele';
export const NAMES: Record<Who, string> = { megan: 'Megan Bowen', patti: 'Patti Fernandez', alex: 'Alex Wilber', adele: 'Adele Vance' };
export const user = (who: Who) => ({ id: `29:${who}`, aadObjectId: `oid-${who}`, name: NAMES[who] });

export interface World {
  runtime: Runtime;
  connector: BotConnectorStandIn;
  clock: { value: Date };
}

export async function startWorld(connector: BotConnectorStandIn, at: Date): Promise<World> {
  const clock = { value: at };
  const runtime = await startTestRuntime({}, { clock: () => clock.value });
  await ensureOrganisation(runtime.ctx, { organisationId: TEST_TENANT, policyId: 'tsfe-2025-26' });
  await importDirectory(runtime.ctx, TEST_TENANT, parseDirectoryFile(DIRECTORY, 'csv'));
  return { runtime, connector, clock };
}

const BOT = { id: '28:bot', name: 'Professional Growth' };

function channelBase(w: World, who: Who, channelId = CHANNEL_ID) {
  return {
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: w.connector.url,
    from: user(who),
    recipient: BOT,
    conversation: { id: `${channelId};messageid=1700000000000`, conversationType: 'channel', tenantId: TEST_TENANT, isGroup: true },
    channelData: { team: { id: TEAM_ID }, channel: { id: channelId }, tenant: { id: TEST_TENANT } },
  };
}

/** An activity the bot replied with. */
export interface Reply {
  text?: string;
  attachments?: Array<{ contentType: string; content: unknown }>;
}

/** "@Professional Growth <text>" in the channel; the bot's replies come back in the body. */
export async function say(w: World, who: Who, text: string, extra: Record<string, unknown> = {}, channelId = CHANNEL_ID): Promise<Reply[]> {
  const res = await postActivity(w.runtime.url!, {
    ...channelBase(w, who, channelId),
    type: 'message',
    text: `<at>Professional Growth</at> ${text}`,
    entities: [{ type: 'mention', text: '<at>Professional Growth</at>', mentioned: BOT }],
    deliveryMode: 'expectReplies',
    ...extra,
  });
  expect(res.status).toBe(200);
  return (res.body as { activities: Reply[] }).activities;
}

/** Action.Execute on an admin card in the channel; returns the card the bot answers with. */
export async function press(w: World, who: Who, verb: string, data: Record<string, unknown>): Promise<unknown> {
  const res = await postActivity(w.runtime.url!, {
    ...channelBase(w, who),
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  });
  expect(res.status).toBe(200);
  expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
  return res.body.value;
}

export function cardOf(activities: Reply[]): unknown {
  const card = activities.flatMap((a) => a.attachments ?? []).find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  if (!card) throw new Error(`no card in ${JSON.stringify(activities).slice(0, 500)}`);
  return card.content;
}

export function textOf(value: unknown): string {
  return JSON.stringify(value);
}

/** The data of the card's Action.Execute with this verb (and title, when several share the verb). */
export function actionData(card: unknown, verb: string, title?: string): Record<string, unknown> {
  const action = findAll(card, (o) => o.type === 'Action.Execute' && o.verb === verb && (title === undefined || o.title === title))[0];
  if (!action) throw new Error(`no ${verb} action in ${JSON.stringify(card).slice(0, 800)}`);
  return (action.data ?? {}) as Record<string, unknown>;
}

/** What the bot posted into the admin channel's thread (announcements sent during a card action). */
export function channelPosts(w: World): string[] {
  return w.connector.sent.filter((s) => s.conversationId.startsWith(CHANNEL_ID)).map((s) => String(s.activity.text ?? ''));
}

export async function installEveryone(w: World): Promise<void> {
  for (const who of Object.keys(NAMES) as Who[]) {
    const res = await postActivity(w.runtime.url!, {
      type: 'installationUpdate',
      action: 'add',
      id: randomUUID(),
      channelId: 'msteams',
      serviceUrl: w.connector.url,
      from: user(who),
      recipient: BOT,
      conversation: { id: `a:29:${who}`, conversationType: 'personal', tenantId: TEST_TENANT },
      channelData: { tenant: { id: TEST_TENANT } },
    });
    expect(res.status).toBe(200);
  }
}

export function fanOut(w: World) {
  const sender = createRateAwareSender({ tenantRps: 50 });
  return createOutboxWorker({ ctx: w.runtime.ctx, messenger: createProactiveMessenger(w.runtime.adapter, ''), sender, concurrency: 4 });
}

/** Check-in prompts each person received, as the titles their cards carry. */
export function promptsTo(w: World, who: Who): string[] {
  return w.connector
    .sentTo(`a:29:${who}`)
    .filter((a) => textOf(a.activity).includes('checkIn.submit'))
    .map((a) => /Check in \d+ · \w+ \d+ \w+/.exec(textOf(a.activity))?.[0] ?? '?');
}

/** A local file server standing in for Teams' pre-authorised download URLs. */
export async function serveFiles(files: Record<string, string>): Promise<{ url: (name: string) => string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const name = decodeURIComponent((req.url ?? '/').slice(1));
    const body = files[name];
    res.statusCode = body === undefined ? 404 : 200;
    res.setHeader('content-type', 'text/csv');
    res.end(body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: (name) => `http://127.0.0.1:${port}/${encodeURIComponent(name)}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export function fileAttachment(name: string, url: string) {
  return { contentType: 'application/vnd.microsoft.teams.file.download.info', name, content: { downloadUrl: url, uniqueId: randomUUID(), fileType: 'csv' } };
}
