// STYLE.md §7: the one place the Teams edge turns a failure into what the user sees. A domain error
// (or a posted file that could not be fetched) says what to do; anything else is logged with an
// error id, and the card or message shows the same id so support can find the log line.
import { randomUUID } from 'node:crypto';
import { FileFetchError } from '../admin/fileDownload';
import { buildErrorCard, buildNotInDirectoryCard, type AdaptiveCard } from '../cards';
import type { Logger } from '../logger';
import { DomainError } from '../usecases/errors';

export interface Failure {
  errorId: string;
  /** User-facing text for an expected failure; undefined for an unexpected one (logged). */
  message?: string;
  code?: string;
}

export function newErrorId(): string {
  return randomUUID().slice(0, 8);
}

export function describeFailure(err: unknown, logger: Logger, what: Record<string, unknown>): Failure {
  const errorId = newErrorId();
  if (err instanceof DomainError) return { errorId, message: err.message, code: err.code };
  if (err instanceof FileFetchError) return { errorId, message: err.message };
  logger.error({ err, errorId, ...what }, 'Teams action failed');
  return { errorId };
}

/** The card for a failed card action or command. */
export function errorCard(err: unknown, logger: Logger, what: Record<string, unknown>, personName?: string): AdaptiveCard {
  const failure = describeFailure(err, logger, what);
  if (failure.code === 'notInDirectory') return buildNotInDirectoryCard({ personName, contact: 'your PG administrator' });
  return buildErrorCard({ errorId: failure.errorId, message: failure.message });
}

/** The same as text, for the admin channel's messages and notices. */
export function errorText(err: unknown, logger: Logger, what: Record<string, unknown>): string {
  const failure = describeFailure(err, logger, what);
  return failure.message ?? `That didn't work on our side. Please try again in a minute; if it keeps happening, quote error id ${failure.errorId}.`;
}
