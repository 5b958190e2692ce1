// The one HTTP process: bot endpoint, tab API, the tab's files, and health probes.
import fs from 'node:fs';
import path from 'node:path';
import restify, { type Request, type Response, type Server } from 'restify';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { projectRoot } from '../projectRoot';

/** POST /api/messages: the Teams edge (bot/teams/) answers the Bot Framework request itself. */
export interface BotEndpoint {
  handle(req: Request, res: Response): Promise<void>;
}

export interface AppDependencies {
  config: Config;
  logger: Logger;
  /** Readiness: true when the database answers. */
  pingDatabase: () => Promise<boolean>;
  bot: BotEndpoint;
  /** Extra routes (the /api/v1 REST API) registered by their own modules. */
  registerRoutes?: (server: Server) => void;
}

export function createHttpApp(deps: AppDependencies): Server {
  const { logger, bot } = deps;
  // Check-in ids name their organisation, event and person, so they are longer than restify's default 100.
  const server = restify.createServer({ name: 'pgteams', handleUncaughtExceptions: false, maxParamLength: 400 });
  server.use(restify.plugins.queryParser());
  server.use(restify.plugins.bodyParser({ maxBodySize: 2 * 1024 * 1024, mapParams: false }));

  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok' });
  });

  server.get('/readyz', async (_req, res) => {
    if (await deps.pingDatabase()) {
      res.send(200, { status: 'ready', database: 'ok' });
    } else {
      logger.warn('readiness check failed: the database did not answer');
      res.send(503, { status: 'not ready', database: 'unreachable' });
    }
  });

  // The Agents Playground probes the endpoint with HEAD before connecting.
  server.head('/api/messages', async (_req, res) => {
    res.send(200);
  });

  server.post('/api/messages', async (req, res) => {
    await bot.handle(req, res);
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
