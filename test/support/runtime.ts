// Runs the real server in-process on a database of its own, on a free port.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../bot/clock';
import { loadConfig, type Config } from '../../bot/config';
import { createLogger, type Logger } from '../../bot/logger';
import { startRuntime, type Runtime } from '../../bot/runtime';
import { createRateAwareSender } from '../../bot/delivery/sender';
import { createLinks } from '../../bot/links';
import { createOutboxWorker } from '../../bot/outbox/worker';
import { createProactiveMessenger } from '../../bot/teams/proactive';
import { createActivityFeed } from '../../bot/graph/activityFeed';
import { createGraphClient } from '../../bot/graph/graphClient';
import { API_PREFIX } from '../../shared/api/paths';
import type { BotConnectorStandIn } from '../standins/botConnector';
import type { GraphStandIn } from '../standins/graph';
import { TEST_TENANT, personalActivity, postActivity } from './activities';

export async function startTestRuntime(env: Record<string, string> = {}, options: { clock?: Clock; logger?: Logger } = {}): Promise<Runtime & { config: Config }> {
  const uri = process.env.MONGODB_URI;
  if (!uri) throw new Error('MONGODB_URI is not set: run the tests with jest so the global setup starts FerretDB');
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'silent',
    MONGODB_URI: uri,
    MONGODB_DB: `it_${randomUUID().slice(0, 8)}`,
    AUTH_MODE: 'dev',
    // Tests drive the scheduler and the sender themselves unless they ask for them.
    SCHEDULER: 'off',
    ...env,
  });
  const runtime = await startRuntime(config, { logger: options.logger ?? createLogger(config.LOG_LEVEL), clock: options.clock });
  const stop = runtime.stop.bind(runtime);
  return Object.assign(runtime, {
    async stop() {
      await runtime.db.dropDatabase().catch(() => undefined);
      await stop();
    },
  });
}

/** A request to /api/v1 as someone: a method, a JSON body, and the tenant a bare name belongs to. */
export interface ApiInit {
  method?: string;
  body?: unknown;
  tenant?: string;
}

/** What /api/v1 answered: the body parsed when it is JSON, the text as sent. */
export interface ApiResponse {
  status: number;
  headers: Headers;
  raw: string;
  // Tests assert on whatever the API answered (often through a shared schema), so the body stays untyped.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/**
 * The world most bot-and-API tests build by hand: people (named by a short word, e.g. 'alex')
 * who talk to the real bot in their personal chat, an outbox worker to run until no job is left,
 * and the real /api/v1 as each of them. The runtime and the Bot Connector stand-in are read
 * through the getters on each call, so a test can start them in beforeAll / beforeEach.
 */
export interface PersonalWorld<Who extends string> {
  /** The common part of an activity from `who` (see personalActivity). */
  base(who: Who): ReturnType<typeof personalActivity>;
  /**
   * Runs the outbox worker until no job is left; what it sent is in the stand-in (connector.sentTo),
   * and, when the world has a Graph stand-in, the activity-feed items in it (graph.notifications).
   */
  drain(): Promise<number>;
  /**
   * Calls /api/v1 as `who` (the dev identity `oid-<who>@<tenant>`, TEST_TENANT unless init.tenant),
   * or as a whole identity `<object id>@<tenant>`. The path may be given under /api/v1 ('/team')
   * or whole, as apiPaths spell it ('/api/v1/team').
   */
  api(who: Who | `${string}@${string}`, path: string, init?: ApiInit): Promise<ApiResponse>;
  /** Installs the bot for each person (their personal chat; the bot must answer 200) and returns their person ids in TEST_TENANT. */
  install<W extends Who>(people: readonly W[]): Promise<Record<W, string>>;
  /** Each person's id in TEST_TENANT (they are in the directory), without installing the bot. */
  personIds<W extends Who>(people: readonly W[]): Promise<Record<W, string>>;
  /** `who` types `words` in their personal chat; the bot's replies are in body.activities (deliveryMode expectReplies). */
  say(who: Who, words: string): ReturnType<typeof postActivity>;
  /** `who` presses a card's Action.Execute `verb` with `data` (replying to the card `replyToId`); what the bot answered. */
  invoke(who: Who, verb: string, data: Record<string, unknown>, replyToId?: string): ReturnType<typeof postActivity>;
  /** invoke, which must be answered 200: the card (or message) the bot answered with. */
  press(who: Who, verb: string, data: Record<string, unknown>, replyToId?: string): Promise<Record<string, unknown>>;
}

/**
 * What the world runs on, read on each call: the runtime, the Bot Connector stand-in (without one,
 * activities name a service URL nothing listens on, for a world that only reads the bot's inline
 * answers and calls the API) and, for a world whose worker delivers activity-feed items, the
 * Graph stand-in (and the Teams app id the feed items and tab links name; '' unless given).
 */
export interface PersonalWorldParts {
  runtime: () => Runtime;
  connector?: () => BotConnectorStandIn;
  graph?: () => GraphStandIn;
  teamsAppId?: string;
}

const NO_CONNECTOR = 'http://127.0.0.1:9/';

export function personalWorld<Who extends string = string>(parts: PersonalWorldParts): PersonalWorld<Who> {
  const url = () => parts.runtime().url!;
  const base = (who: Who) => personalActivity(who, parts.connector?.().url ?? NO_CONNECTOR);
  const teamsAppId = parts.teamsAppId ?? '';
  const activityFeed = () => {
    if (!parts.graph) return undefined;
    const graph = parts.graph();
    const client = createGraphClient({ authorityHost: graph.authorityHost, graphBaseUrl: graph.graphBaseUrl, clientId: graph.clientId, clientSecret: graph.clientSecret, teamsAppId, sender: createRateAwareSender() });
    return createActivityFeed(client, teamsAppId);
  };
  const personIds = async <W extends Who>(people: readonly W[]) => {
    const org = { organisationId: TEST_TENANT };
    const entries = await Promise.all(people.map(async (who) => [who, (await parts.runtime().repos.people.findByEntraObjectId(org, `oid-${who}`))!.id] as const));
    return Object.fromEntries(entries) as Record<W, string>;
  };
  const invoke = (who: Who, verb: string, data: Record<string, unknown>, replyToId?: string) =>
    postActivity(url(), { ...base(who), type: 'invoke', name: 'adaptiveCard/action', replyToId, value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } });
  return {
    base,
    drain() {
      const runtime = parts.runtime();
      const links = createLinks({ TEAMS_APP_ID: teamsAppId, PUBLIC_URL: undefined });
      return createOutboxWorker({ ctx: runtime.ctx, messenger: createProactiveMessenger(runtime.adapter, ''), sender: createRateAwareSender(), concurrency: 4, links, activityFeed: activityFeed() }).drain();
    },
    invoke,
    say: (who, words) => postActivity(url(), { ...base(who), type: 'message', text: words, deliveryMode: 'expectReplies' }),
    async press(who, verb, data, replyToId) {
      const res = await invoke(who, verb, data, replyToId);
      if (res.status !== 200) throw new Error(`${who} pressed ${verb}: the bot answered ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.value as Record<string, unknown>;
    },
    async api(who, path, init = {}) {
      const identity = who.includes('@') ? who : `oid-${who}@${init.tenant ?? TEST_TENANT}`;
      const whole = path === API_PREFIX || path.startsWith(`${API_PREFIX}/`) || path.startsWith(`${API_PREFIX}?`) ? path : `${API_PREFIX}${path}`;
      const res = await fetch(`${url()}${whole}`, {
        method: init.method ?? 'GET',
        headers: { Accept: 'application/json', 'X-Dev-Identity': identity, ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      const raw = await res.text();
      const json = (res.headers.get('content-type') ?? '').includes('json');
      return { status: res.status, headers: res.headers, raw, body: json && raw ? JSON.parse(raw) : undefined };
    },
    async install(people) {
      for (const who of people) {
        const res = await postActivity(url(), { ...base(who), type: 'installationUpdate', action: 'add' });
        if (res.status !== 200) throw new Error(`installing the bot for ${who}: the bot answered ${res.status}`);
      }
      return personIds(people);
    },
    personIds,
  };
}
