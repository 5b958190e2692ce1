// The one HTTP process: bot endpoint, tab API, the tab's files, and health probes.
import path from 'node:path';
import restify, { type Request, type Response, type Server } from 'restify';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { projectRoot } from '../projectRoot';
import { registerTabRoutes } from './tabFiles';

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
  /** The built tab served under /tab/ (default tab/dist); tests point it at a fixture. */
  tabDir?: string;
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
      res.header('Retry-After', '5');
      res.header('Cache-Control', 'no-store');
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

  registerTabRoutes(server, deps.tabDir ?? path.join(projectRoot(), 'tab', 'dist'));

  server.on('restifyError', (req, res, err, callback) => {
    logger.warn({ err: err.message, url: req.url }, 'request failed');
    // restify's own refusals (unparsable JSON, a body over the limit, no such route) would carry
    // the parser's message or the path; the body says only what kind of refusal it is.
    const status = typeof err.statusCode === 'number' && err.statusCode >= 400 ? err.statusCode : 500;
    const body = transportProblem(status);
    (err as { toJSON?: () => unknown }).toJSON = () => body;
    return callback();
  });
  return server;
}

const TRANSPORT_PROBLEMS: Record<number, [code: string, title: string]> = {
  400: ['invalidRequest', 'The request could not be read.'],
  404: ['notFound', 'Not found'],
  405: ['methodNotAllowed', 'Not allowed on this address'],
  406: ['notAcceptable', 'No acceptable response format'],
  413: ['tooLarge', 'The request is too large.'],
  415: ['unsupportedMediaType', 'Send JSON.'],
};

/** A fixed problem document for a status: nothing from the request or the failure goes into it. */
export function transportProblem(status: number): { type: string; title: string; status: number; code: string } {
  const [code, title] = TRANSPORT_PROBLEMS[status] ?? (status >= 500 ? ['unexpected', 'Something went wrong'] : ['invalidRequest', 'The request was refused.']);
  return { type: `urn:pgteams:problem:${code}`, title, status, code };
}
