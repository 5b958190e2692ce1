// Composition root: builds every part from config, starts them in order and stops them in reverse.
// main.ts runs it as a process; integration tests run it in-process on a test database.
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'restify';
import type { Config } from './config';
import { registerApiRoutes } from './http/api';
import { createHttpApp } from './http/app';
import { clockStartingAt, systemClock, type Clock } from './clock';
import { openDatabase, type Database, type DatabaseClient } from './data/database';
import type { Repositories } from './data/db';
import { createLogger, rateLimitedWarning, type Logger } from './logger';
import { isDatabaseUnavailable } from './usecases/availability';
import { createRateAwareSender } from './delivery/sender';
import { createTenantSenders } from './delivery/tenantSenders';
import { createOutboxWorker, type ActivityFeed, type OutboxWorker } from './outbox/worker';
import { createActivityFeed } from './graph/activityFeed';
import { createGraphClient } from './graph/graphClient';
import { createLinks } from './links';
import { createBotAdapter, type TeamsAdapter } from './teams/adapter';
import { createBotEndpoint, ProfessionalGrowthBot } from './teams/bot';
import type { ProactiveMessenger } from './delivery/messenger';
import { createProactiveMessenger } from './teams/proactive';
import type { UseCaseContext } from './usecases/context';
import { completePendingCheckIns } from './usecases/checkIns';
import { importDirectory, parseDirectoryFile } from './usecases/directory';
import { ensureDemoOrganisation } from './usecases/demo';
import { ensureOrganisation } from './usecases/organisations';
import { sweepOutbox } from './usecases/outboxSweep';
import { queueDuePrompts } from './usecases/promptQueue';
import { scheduledRetention } from './usecases/retention';
import { randomUUID } from 'node:crypto';

export interface Runtime {
  config: Config;
  logger: Logger;
  db: Database;
  repos: Repositories;
  ctx: UseCaseContext;
  adapter: TeamsAdapter;
  /** Proactive sends into stored conversations (the outbox worker's way out). */
  messenger: ProactiveMessenger;
  server?: Server;
  worker?: OutboxWorker;
  /** Base URL the HTTP server listens on, e.g. http://127.0.0.1:3978. */
  url?: string;
  stop(): Promise<void>;
}

export async function startRuntime(config: Config, options: { logger?: Logger; client?: DatabaseClient; clock?: Clock } = {}): Promise<Runtime> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const database = await openDatabase({ uri: config.MONGODB_URI, dbName: config.MONGODB_DB, logger, profileMs: config.DB_PROFILE_MS, client: options.client, serverSelectionTimeoutMs: config.MONGODB_SERVER_SELECTION_TIMEOUT_MS });
  const { db, repos } = database;
  const now = options.clock ?? (config.PGTEAMS_CLOCK ? clockStartingAt(new Date(config.PGTEAMS_CLOCK)) : systemClock);
  const ctx: UseCaseContext = { repos, now, logger };
  const adapter = createBotAdapter(config, logger);
  const messenger = createProactiveMessenger(adapter, config.BOT_ID);
  // The demo first: the organisation it sets up is the one a directory file then adds people to.
  if (config.DEMO === 'on') await ensureDemoOrganisation(ctx, { organisationId: config.DIRECTORY_ORGANISATION_ID, policyId: config.DEFAULT_POLICY });
  if (config.DIRECTORY_FILE) await loadDirectoryFile(ctx, config);
  // A process killed between storing a check-in and telling the reviewer left it pending.
  const completed = await completePendingCheckIns(ctx);
  if (completed > 0) logger.info({ completed }, 'completed the notification and audit entry of check-ins a crash left pending');

  const stops: Array<() => Promise<void>> = [() => database.close()];
  const runtime: Runtime = {
    config,
    logger,
    db,
    repos,
    ctx,
    adapter,
    messenger,
    async stop() {
      for (const stop of stops.reverse()) await stop().catch((err) => logger.warn({ err }, 'error while stopping'));
    },
  };

  if (config.ROLE !== 'worker') {
    const bot = new ProfessionalGrowthBot({ logger, ctx, config });
    const server = createHttpApp({
      config,
      logger,
      pingDatabase: database.ping,
      bot: createBotEndpoint(adapter, bot),
      registerRoutes: (s) => registerApiRoutes(s, { config, logger, repos, now }),
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.PORT, '0.0.0.0', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    runtime.server = server;
    runtime.url = `http://127.0.0.1:${port}`;
    stops.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    logger.info({ port }, 'listening');
  }
  if (config.ROLE !== 'web' && config.SCHEDULER === 'on') {
    const worker = createOutboxWorker({
      ctx,
      messenger,
      senders: createTenantSenders({ tenantRps: config.TENANT_RATE_LIMIT_RPS }),
      concurrency: config.SENDER_CONCURRENCY,
      links: createLinks(config),
      activityFeed: createActivityFeedFromConfig(config, logger),
    });
    worker.start();
    const scheduler = startScheduler(ctx, config.SCHEDULER_INTERVAL_MS);
    stops.push(async () => {
      scheduler.stop();
      await worker.stop();
    });
    runtime.worker = worker;
  }
  return runtime;
}

/** The activity feed needs the SSO app's secret and the Teams app id (Graph checks both). */
export function createActivityFeedFromConfig(config: Config, logger: Logger): ActivityFeed | undefined {
  if (!config.AAD_APP_CLIENT_ID || !config.AAD_APP_CLIENT_SECRET || !config.TEAMS_APP_ID) {
    logger.warn('activity feed notifications are off: set AAD_APP_CLIENT_ID, AAD_APP_CLIENT_SECRET and TEAMS_APP_ID');
    return undefined;
  }
  const graph = createGraphClient({
    authorityHost: config.AAD_AUTHORITY_HOST,
    graphBaseUrl: config.GRAPH_BASE_URL,
    clientId: config.AAD_APP_CLIENT_ID,
    clientSecret: config.AAD_APP_CLIENT_SECRET,
    teamsAppId: config.TEAMS_APP_ID,
    // Graph's throttling is its own; it must not slow the bot's Teams sends, nor they it.
    sender: createRateAwareSender({ tenantRps: config.TENANT_RATE_LIMIT_RPS }),
  });
  return createActivityFeed(graph, config.TEAMS_APP_ID);
}

/** Finished outbox jobs are kept a fortnight (one check-in cycle) for `status` and support, then deleted. */
export const OUTBOX_RETENTION_MS = 14 * 24 * 3_600_000;
const OUTBOX_SWEEP_EVERY_MS = 6 * 3_600_000;
/**
 * The six-year rule (issue 16) runs once a day per organisation: each worker looks every hour and
 * the first to claim the organisation's day (a decision, one winner) runs it.
 */
export const RETENTION_LOOK_EVERY_MS = 3_600_000;

/** Looks at the calendar now and then every intervalMs; one tick at a time. */
export function startScheduler(ctx: UseCaseContext, intervalMs: number): { stop(): void } {
  const quietly = rateLimitedWarning(60_000);
  let busy = false;
  // The first tick sweeps: a worker restarted after a long stop catches up at once.
  let lastSweep = 0;
  let lastRetention = 0;
  let lastRetentionDay = '';
  const workerId = `scheduler-${randomUUID()}`;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      await queueDuePrompts(ctx);
      if (Date.now() - lastSweep >= OUTBOX_SWEEP_EVERY_MS) {
        lastSweep = Date.now();
        await sweepOutbox(ctx, OUTBOX_RETENTION_MS, 3_600_000);
      }
      // Also as soon as the app's clock reaches another day (a clock moved forward in a simulation).
      const today = ctx.now().toISOString().slice(0, 10);
      if (Date.now() - lastRetention >= RETENTION_LOOK_EVERY_MS || today !== lastRetentionDay) {
        lastRetention = Date.now();
        lastRetentionDay = today;
        await scheduledRetention(ctx, workerId);
      }
    } catch (err) {
      // The database out of reach: the next tick catches up (queueing is idempotent); said once a minute.
      if (isDatabaseUnavailable(err)) quietly(ctx.logger, 'scheduler', {}, 'scheduler waiting: the database is out of reach');
      else ctx.logger.error({ err }, 'scheduler tick failed');
    } finally {
      busy = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/** Local development: set up the directory file's organisation and load its people. */
async function loadDirectoryFile(ctx: UseCaseContext, config: Config): Promise<void> {
  const file = config.DIRECTORY_FILE!;
  const content = await fs.promises.readFile(file, 'utf8');
  const organisation = await ensureOrganisation(ctx, { organisationId: config.DIRECTORY_ORGANISATION_ID, policyId: config.DEFAULT_POLICY });
  // Issue 13: the policy's equality columns (Sex, Age band…) are read when the file has them.
  const rows = parseDirectoryFile(content, file.endsWith('.json') ? 'json' : 'csv', organisation.policy.reports.characteristics);
  await importDirectory(ctx, config.DIRECTORY_ORGANISATION_ID, rows);
}
