// Composition root: builds every part from config, starts them in order and stops them in reverse.
// main.ts runs it as a process; integration tests run it in-process on a test database.
import type { AddressInfo } from 'node:net';
import { MongoClient, type Db } from 'mongodb';
import type { Server } from 'restify';
import { createBotAdapter } from './adapter/botAdapter';
import type { Config } from './config';
import { createHttpApp } from './http/app';
import { createLogger, type Logger } from './logger';
import { ProfessionalGrowthBot } from './teamsBot';

export interface Runtime {
  config: Config;
  logger: Logger;
  db: Db;
  server?: Server;
  /** Base URL the HTTP server listens on, e.g. http://127.0.0.1:3978. */
  url?: string;
  stop(): Promise<void>;
}

export async function startRuntime(config: Config, options: { logger?: Logger; client?: MongoClient } = {}): Promise<Runtime> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const client = options.client ?? new MongoClient(config.MONGODB_URI, { serverSelectionTimeoutMS: 10_000 });
  await client.connect();
  const db = client.db(config.MONGODB_DB);
  await db.command({ ping: 1 });

  const stops: Array<() => Promise<void>> = [async () => (options.client ? undefined : client.close())];
  const runtime: Runtime = {
    config,
    logger,
    db,
    async stop() {
      for (const stop of stops.reverse()) await stop().catch((err) => logger.warn({ err }, 'error while stopping'));
    },
  };

  if (config.ROLE !== 'worker') {
    const adapter = createBotAdapter(config, logger);
    const bot = new ProfessionalGrowthBot({ logger });
    const server = createHttpApp({ config, logger, db, adapter, bot });
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
  return runtime;
}
