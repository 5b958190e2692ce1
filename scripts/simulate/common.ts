// What both simulations (the fortnight in ../simulate.ts and the year in year.ts) share: the
// deterministic randomness, the poster that plays Teams against /api/messages, and the harness that
// starts the database, the Bot Connector and Graph stand-ins and the real runtime on a moved clock.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../bot/config';
import pino from 'pino';
import { startRuntime, type Runtime } from '../../bot/runtime';
import { startBotConnectorStandIn, type BotConnectorStandIn, type BotConnectorStandInOptions } from '../../test/standins/botConnector';
import { startGraphStandIn, type GraphStandIn } from '../../test/standins/graph';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startFerretDb } = require('../ferretdb.js') as typeof import('../ferretdb.js');

export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] && !process.argv[i + 1]!.startsWith('--') ? process.argv[i + 1]! : fallback;
}

/** Deterministic randomness so a run can be repeated. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function log(message: string): void {
  process.stderr.write(`[simulate] ${message}\n`);
}

export interface SimPerson {
  index: number;
  name: string;
  email: string;
  oid: string;
  teamsUserId: string;
  reviewerIndex?: number;
  personId?: string;
}

export async function inBatches<T>(items: readonly T[], size: number, work: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}

/** Requests sent again because the connection failed before any answer (counted in the JSON line). */
export const transport = { redeliveries: 0 };

/**
 * A request whose connection fails before any answer (a socket closed under load) is sent again,
 * up to twice, as Teams redelivers an activity and a browser's tab retries; each is logged and
 * counted. An answer of any status is never retried.
 */
export async function withRedelivery(send: () => Promise<Response>): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (err) {
      if (attempt >= 3) throw err;
      transport.redeliveries += 1;
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      log(`connection failed (${cause?.code ?? cause?.message ?? String(err)}); sending again`);
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
  }
}

/** Plays Teams: activities to /api/messages as a person's personal chat or the admin channel. */
export class Poster {
  errors = 0;
  requests = 0;
  /** Summed answer time of every request, for the progress log. */
  elapsedMs = 0;
  constructor(
    private readonly baseUrl: string,
    private readonly connector: BotConnectorStandIn,
    private readonly tenant: string,
  ) {}

  private activity(who: SimPerson, extra: Record<string, unknown>) {
    return {
      id: randomUUID(),
      channelId: 'msteams',
      serviceUrl: this.connector.url,
      from: { id: who.teamsUserId, aadObjectId: who.oid, name: who.name },
      recipient: { id: '28:pgteams', name: 'Professional Growth' },
      conversation: { id: `a:${who.teamsUserId}`, conversationType: 'personal', tenantId: this.tenant },
      channelData: { tenant: { id: this.tenant } },
      ...extra,
    };
  }

  async post(who: SimPerson, extra: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
    this.requests += 1;
    const t = Date.now();
    // Built once: a redelivery after a dropped connection carries the same activity, as Teams' does.
    const activity = JSON.stringify(this.activity(who, extra));
    const res = await withRedelivery(() => fetch(`${this.baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: activity }));
    const text = await res.text();
    this.elapsedMs += Date.now() - t;
    const body = text ? JSON.parse(text) : undefined;
    const cardError = JSON.stringify(body ?? '').includes('Something went wrong');
    if (res.status >= 400 || cardError) {
      this.errors += 1;
      log(`error: ${res.status} ${text.slice(0, 200)}`);
    }
    return { status: res.status, body };
  }

  /** "@Professional Growth <text>" or a card action in the trust's admin channel. */
  inChannel(who: SimPerson, extra: Record<string, unknown>) {
    const channel = '19:pg-admins@thread.tacv2';
    return this.post(who, {
      conversation: { id: channel, conversationType: 'channel', tenantId: this.tenant, isGroup: true },
      channelData: { team: { id: 'sim-team' }, channel: { id: channel }, tenant: { id: this.tenant } },
      ...extra,
    });
  }

  invoke(who: SimPerson, verb: string, data: Record<string, unknown>, replyToId?: string) {
    return this.post(who, { type: 'invoke', name: 'adaptiveCard/action', replyToId, value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } });
  }
}

/** The simulated clock is set at each step and runs on in real time between steps (leases expire). */
export interface SimClock {
  now: Date;
}

export function movableClock(start: Date): SimClock {
  let setAt = { simulated: start.getTime(), real: Date.now() };
  return {
    get now(): Date {
      return new Date(setAt.simulated + (Date.now() - setAt.real));
    },
    set now(value: Date) {
      setAt = { simulated: value.getTime(), real: Date.now() };
    },
  };
}

export interface Harness {
  runtime: Runtime;
  connector: BotConnectorStandIn;
  graph: GraphStandIn;
  clock: SimClock;
  stop(): Promise<void>;
}

/**
 * The database (MONGODB_URI, else a FerretDB of its own), the stand-ins and the real runtime with
 * its scheduler and outbox worker on, all on the moved clock.
 */
export async function startHarness(options: { start: Date; env?: Record<string, string>; connector?: BotConnectorStandInOptions }): Promise<Harness> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgteams-sim-'));
  const db = process.env.MONGODB_URI ? undefined : await startFerretDb({ dataDir });
  const connector = await startBotConnectorStandIn(options.connector);
  const graph = await startGraphStandIn();
  const clock = movableClock(options.start);
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'warn',
    MONGODB_URI: process.env.MONGODB_URI ?? db!.uri,
    MONGODB_DB: `sim_${Date.now()}`,
    SCHEDULER: 'on',
    SCHEDULER_INTERVAL_MS: '500',
    AAD_APP_CLIENT_ID: graph.clientId,
    AAD_APP_CLIENT_SECRET: graph.clientSecret,
    AAD_AUTHORITY_HOST: graph.authorityHost,
    GRAPH_BASE_URL: graph.graphBaseUrl,
    TEAMS_APP_ID: 'pgteams-simulation',
    ...(process.env.DB_PROFILE_MS ? { DB_PROFILE_MS: process.env.DB_PROFILE_MS } : {}),
    ...options.env,
  });
  // Warnings to stderr: stdout carries only the result line.
  const logger = pino({ level: process.env.SIM_LOG_LEVEL ?? 'warn', base: { service: 'pgteams' } }, pino.destination(2));
  const runtime = await startRuntime(config, { logger, clock: () => clock.now });
  return {
    runtime,
    connector,
    graph,
    clock,
    async stop() {
      await runtime.stop();
      await connector.close();
      await graph.close();
      if (db) await db.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The data of the first Action.Execute with this verb anywhere in a card. */
export function findAction(node: unknown, verb: string): Record<string, unknown> | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const o = node as Record<string, unknown>;
  if (o.type === 'Action.Execute' && o.verb === verb) return (o.data ?? {}) as Record<string, unknown>;
  for (const value of Object.values(o)) {
    const found = Array.isArray(value) ? value.map((v) => findAction(v, verb)).find(Boolean) : findAction(value, verb);
    if (found) return found;
  }
  return undefined;
}
