// The one HTTP process: bot endpoint, tab API, the tab's files, and health probes.
import fs from 'node:fs';
import path from 'node:path';
import restify, { type Server } from 'restify';
import type { CloudAdapter } from 'botbuilder';
import type { ActivityHandler } from 'botbuilder';
import type { Db } from 'mongodb';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { projectRoot } from '../projectRoot';

export interface AppDependencies {
  config: Config;
  logger: Logger;
  db: Db;
  adapter: CloudAdapter;
  bot: ActivityHandler;
  /** Extra routes (the /api/v1 REST API) registered by their own modules. */
  registerRoutes?: (server: Server) => void;
}

export function createHttpApp(deps: AppDependencies): Server {
  const { logger, db, adapter, bot } = deps;
  // Check-in ids name their organisation, event and person, so they are longer than restify's default 100.
  const server = restify.createServer({ name: 'pgteams', handleUncaughtExceptions: false, maxParamLength: 400 });
  server.use(restify.plugins.queryParser());
  server.use(restify.plugins.bodyParser({ maxBodySize: 2 * 1024 * 1024, mapParams: false }));

  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok' });
  });

  server.get('/readyz', async (_req, res) => {
    try {
      await db.command({ ping: 1 });
      res.send(200, { status: 'ready', database: 'ok' });
    } catch (err) {
      logger.warn({ err }, 'readiness check failed');
      res.send(503, { status: 'not ready', database: 'unreachable' });
    }
  });

  // The Agents Playground probes the endpoint with HEAD before connecting.
  server.head('/api/messages', async (_req, res) => {
    res.send(200);
  });

  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });

  deps.registerRoutes?.(server);

  const tabDir = path.join(projectRoot(), 'tab', 'dist');
  if (fs.existsSync(path.join(tabDir, 'index.html'))) {
    server.get('/tab', async (_req, res) => {
      res.header('Location', '/tab/');
      res.send(302);
    });
    server.get(
      '/tab/*',
      restify.plugins.serveStaticFiles(tabDir, {
        // index.html must not be cached so a new build is picked up; hashed assets may be.
        setHeaders: (res: { setHeader: (k: string, v: string) => void }, file: string) => {
          res.setHeader('Cache-Control', file.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
        },
      }),
    );
  } else {
    server.get('/tab/*', async (_req, res) => {
      res.send(503, { title: 'The tab has not been built', detail: 'Run npm run build:tab (npm start does it for you).' });
    });
  }

  server.on('restifyError', (req, res, err, callback) => {
    logger.warn({ err: err.message, url: req.url }, 'request failed');
    return callback();
  });
  return server;
}
