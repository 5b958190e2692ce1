// The one place /api/v1 turns failures into problem+json (STYLE.md §7): domain errors keep their
// code, status and text; bad input names its fields; anything unexpected is logged with an error id
// that is also returned, and nothing else about it leaves the server.
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'restify';
import { z } from 'zod';
import { PROBLEM_CONTENT_TYPE, type FieldError, type Problem } from '../../../shared/api';
import { AuthenticationError } from '../../auth/authenticationError';
import { rateLimitedWarning, type Logger } from '../../logger';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS, UNAVAILABLE_TEXT } from '../../usecases/availability';
import { DOMAIN_ERRORS, DomainError } from '../../usecases/errors';

const problemType = (code: string) => `urn:pgteams:problem:${code}`;

/** A request whose body or query did not match its shared/api schema. */
export class RequestValidationError extends Error {
  override readonly name = 'RequestValidationError';
  constructor(readonly errors: FieldError[]) {
    super('request did not match its schema');
  }
}

export function fieldErrorsOf(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

const warnOnce = rateLimitedWarning();

const TITLES: Record<number, string> = { 401: 'Sign-in needed', 403: 'Not allowed', 404: 'Not found', 409: 'Conflict', 422: 'Check your input', 500: 'Something went wrong', 503: 'Temporarily unavailable' };

export function toProblem(error: unknown, logger: Logger, req: Request): Problem {
  if (error instanceof RequestValidationError) {
    return { type: problemType('invalidInput'), title: TITLES[422]!, status: 422, detail: DOMAIN_ERRORS.invalidInput.text, code: 'invalidInput', errors: error.errors };
  }
  if (error instanceof AuthenticationError) {
    if (error.keysUnavailable) warnOnce(logger, 'tenant-signing-keys', { reason: error.reason }, 'API requests not authenticated: the signing keys could not be read');
    else logger.info({ reason: error.reason, url: req.url }, 'request not authenticated');
    return { type: problemType('unauthenticated'), title: TITLES[401]!, status: 401, detail: 'Sign in to Professional Growth again (reopen the tab in Teams).', code: 'unauthenticated', errors: [] };
  }
  if (error instanceof DomainError) {
    const errors = Array.isArray(error.details.errors) ? (error.details.errors as FieldError[]) : [];
    return {
      type: problemType(error.code),
      title: TITLES[error.status] ?? 'Request failed',
      status: error.status,
      detail: error.message,
      code: error.code,
      errors,
      ...('current' in error.details ? { current: error.details.current } : {}),
    };
  }
  if (isDatabaseUnavailable(error)) {
    // The database is stopped or restarting: nothing is wrong with the request, and the driver
    // reconnects by itself. Logged once every few minutes, not once a request.
    warnOnce(logger, 'database-unavailable', { err: error instanceof Error ? error.message : String(error) }, 'API requests refused: the database is out of reach');
    return { type: problemType('unavailable'), title: TITLES[503]!, status: 503, detail: UNAVAILABLE_TEXT, code: 'unavailable', errors: [] };
  }
  const errorId = randomUUID();
  logger.error({ err: error, errorId, method: req.method, url: req.url }, 'unexpected error in the API');
  return {
    type: problemType('unexpected'),
    title: TITLES[500]!,
    status: 500,
    detail: `Something went wrong on our side. If it keeps happening, quote error ${errorId}.`,
    code: 'unexpected',
    errors: [],
    errorId,
  };
}

/** Writes the problem itself: restify has no formatter for application/problem+json. */
export function sendProblem(res: Response, problem: Problem): void {
  const body = JSON.stringify(problem);
  const headers: Record<string, string | number> = { 'Content-Type': PROBLEM_CONTENT_TYPE, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' };
  if (problem.status === 401) headers['WWW-Authenticate'] = 'Bearer';
  if (problem.status === 503) headers['Retry-After'] = RETRY_AFTER_SECONDS;
  res.writeHead(problem.status, headers);
  res.end(body);
}
