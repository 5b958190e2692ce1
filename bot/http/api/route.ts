// What every /api/v1 route file shares: authentication, parsing with the payload's shared schema,
// problem documents for failures, and the names of the people a record mentions.
import type { Request, Response, Server } from 'restify';
import type { z } from 'zod';
import { DEV_IDENTITY_HEADER, type PageOf } from '../../../shared/api';
import { wellFormed } from '../../../shared/domain';
import { authenticate } from '../../auth/authenticate';
import type { Config } from '../../config';
import type { Repositories } from '../../data/db';
import type { Logger } from '../../logger';
import { scopeOf, type Actor } from '../../usecases/access';
import type { UseCaseContext } from '../../usecases/context';
import { DomainError } from '../../usecases/errors';
import { peopleById } from '../../usecases/people';
import type { Names } from './present';
import { fieldErrorsOf, RequestValidationError, sendProblem, toProblem } from './problems';

export interface ApiDependencies {
  config: Config;
  logger: Logger;
  repos: Repositories;
  now: () => Date;
}

export interface Call {
  req: Request;
  actor: Actor;
}

export type Reply = { status?: number; body: unknown };

/** One resource's routes are registered with this. */
export interface ApiRouter {
  server: Server;
  ctx: UseCaseContext;
  config: Config;
  logger: Logger;
  /** An authenticated route: any failure becomes a problem document. */
  authed(handler: (call: Call) => Promise<Reply>): (req: Request, res: Response) => Promise<void>;
  send(res: Response, status: number, body: unknown): void;
}

export function createApiRouter(server: Server, deps: ApiDependencies): ApiRouter {
  const { config, logger } = deps;
  const ctx: UseCaseContext = { repos: deps.repos, now: deps.now, logger };
  const send = (res: Response, status: number, body: unknown) => {
    res.header('Cache-Control', 'no-store');
    res.send(status, body);
  };
  const authed = (handler: (call: Call) => Promise<Reply>) => async (req: Request, res: Response) => {
    try {
      const actor = await authenticate(ctx, config, { authorization: req.header('authorization'), devIdentity: req.header(DEV_IDENTITY_HEADER) });
      const reply = await handler({ req, actor });
      send(res, reply.status ?? 200, reply.body);
    } catch (error) {
      sendProblem(res, toProblem(error, logger, req));
    }
  };
  return { server, ctx, config, logger, authed, send };
}

export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (!result.success) throw new RequestValidationError(fieldErrorsOf(result.error));
  return result.data;
}

export function param(req: Request, name: string): string {
  const value: unknown = req.params?.[name];
  // An id with a NUL or half a surrogate pair names nothing we could have stored (and the database refuses to look for one).
  if (typeof value !== 'string' || value.length === 0 || value.includes('\u0000') || !wellFormed(value)) throw new DomainError('notFound');
  return value;
}

export function namesOf(ctx: UseCaseContext, actor: Actor, ids: Iterable<string>): Promise<Names> {
  return peopleById(ctx, scopeOf(actor), ids);
}

/** A page of an in-memory list (threads, rocks are short and already loaded). */
export function pageOf<T>(items: T[], query: { page: number; pageSize: number }): PageOf<T> {
  const start = (query.page - 1) * query.pageSize;
  return { items: items.slice(start, start + query.pageSize), page: query.page, pageSize: query.pageSize, hasMore: items.length > start + query.pageSize };
}

export function timezoneOf(actor: Actor): string {
  return actor.organisation.policy.timezone;
}
