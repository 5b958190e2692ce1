// What to do after a failed call to the Bot Connector (or Graph). Pure: the caller supplies the
// status, headers and body, the attempt number and, for tests, the random source.
//
// Decisions, from the Teams docs on rate limiting and proactive messages:
// - 429, 412, 502, 504 are the documented "retry with backoff" codes; 408, 500 and 503 are
//   transient in the same way, so they are retried too. 501/505 are not.
// - 403 means the bot may not write to this conversation: MessageWritesBlocked (the user blocked
//   or uninstalled the app), BotNotInConversationRoster, BotDisabledByAdmin... Retrying cannot
//   help, so every 403 is reported as `blocked` with its code and the caller decides whom to mark.
// - 404 ConversationNotFound on a stored reference means the chat is gone (app removed and the
//   conversation purged): also `blocked`. Any other 404 is a bug on our side: `fatal`.
// - A call that never got a response (connection refused/reset, timeout) is retried. A reset
//   can hide a delivered message; the outbox makes that an at-least-once send, as Teams' own
//   502/504 already do.

export type FailureClass =
  | { kind: 'retry'; delayMs: number; throttled: boolean }
  | { kind: 'blocked'; status: number; code?: string }
  | { kind: 'fatal' };

export interface BackoffOptions {
  baseMs?: number;
  capMs?: number;
  /** A Retry-After longer than this is clamped: a broken header must not stall the outbox for a day. */
  maxRetryAfterMs?: number;
  /** Returns [0, 1); Math.random by default. */
  random?: () => number;
  /** For an HTTP-date Retry-After. */
  now?: number;
}

export type HeaderBag =
  | { get(name: string): string | null | undefined }
  | Record<string, string | string[] | number | undefined>
  | undefined;

const RETRYABLE = new Set([408, 412, 429, 500, 502, 503, 504]);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'REQUEST_SEND_ERROR', 'UND_ERR_SOCKET']);

export const DEFAULT_BASE_MS = 500;
export const DEFAULT_CAP_MS = 30_000;

/** Full jitter: uniform in [0, min(cap, base * 2^(attempt-1))] (attempt counts from 1). */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? DEFAULT_BASE_MS;
  const cap = options.capMs ?? DEFAULT_CAP_MS;
  const random = options.random ?? Math.random;
  const ceiling = Math.min(cap, base * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

export function readHeader(headers: HeaderBag, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as { get?: unknown }).get === 'function') {
    return (headers as { get(n: string): string | null | undefined }).get(name) ?? undefined;
  }
  const bag = headers as Record<string, string | string[] | number | undefined>;
  const lower = name.toLowerCase();
  const key = Object.keys(bag).find((k) => k.toLowerCase() === lower);
  const value = key === undefined ? undefined : bag[key];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value[0] : String(value);
}

/** Retry-After as delta-seconds (fractions allowed) or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/** The Connector's error code: `{error:{code}}` in the body (Teams), or a top-level `code`. */
export function errorCodeOf(body: unknown): string | undefined {
  let parsed = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  if (!parsed || typeof parsed !== 'object') return undefined;
  const record = parsed as { error?: { code?: unknown }; code?: unknown };
  const code = record.error?.code ?? record.code;
  return typeof code === 'string' ? code : undefined;
}

export function classifyFailure(
  status: number | undefined,
  headers: HeaderBag,
  body: unknown,
  attempt: number,
  options: BackoffOptions = {},
): FailureClass {
  if (status === undefined || status === 0) return { kind: 'fatal' };
  if (status === 403) return { kind: 'blocked', status, code: errorCodeOf(body) };
  if (status === 404) {
    const code = errorCodeOf(body);
    return code === 'ConversationNotFound' ? { kind: 'blocked', status, code } : { kind: 'fatal' };
  }
  if (!RETRYABLE.has(status)) return { kind: 'fatal' };
  const retryAfter = parseRetryAfter(readHeader(headers, 'retry-after'), options.now);
  const delayMs =
    retryAfter !== undefined
      ? Math.min(retryAfter, options.maxRetryAfterMs ?? 5 * 60_000)
      : backoffDelay(attempt, options);
  return { kind: 'retry', delayMs, throttled: status === 429 };
}

/** The parts of an error thrown by botbuilder / @azure/core-client that classification needs. */
export interface FailureDetails {
  status?: number;
  headers: HeaderBag;
  body: unknown;
  /** Set when the request never got an HTTP response. */
  networkCode?: string;
}

/**
 * botbuilder 4.23's ConnectorClient runs on @azure/core-client, which throws a RestError
 * (@typespec/ts-http-runtime): `statusCode`, `code` (the body's error.code), and a
 * non-enumerable `response` with `status`, `headers.get(name)`, `bodyAsText` and `parsedBody`.
 * Failures before any response carry only `code` (ECONNREFUSED, REQUEST_SEND_ERROR...).
 */
export function failureDetailsOf(error: unknown): FailureDetails {
  if (!error || typeof error !== 'object') return { headers: undefined, body: undefined };
  const e = error as {
    statusCode?: unknown;
    status?: unknown;
    code?: unknown;
    response?: { status?: unknown; headers?: HeaderBag; bodyAsText?: unknown; parsedBody?: unknown };
    cause?: { code?: unknown };
  };
  const response = e.response;
  const rawStatus = e.statusCode ?? response?.status ?? e.status;
  const status = typeof rawStatus === 'number' && rawStatus > 0 ? rawStatus : undefined;
  const text = typeof response?.bodyAsText === 'string' && response.bodyAsText !== '' ? response.bodyAsText : undefined;
  const body = text ?? response?.parsedBody ?? (typeof e.code === 'string' ? { code: e.code } : undefined);
  const code = typeof e.code === 'string' ? e.code : typeof e.cause?.code === 'string' ? e.cause.code : undefined;
  const networkCode = status === undefined && code !== undefined && NETWORK_CODES.has(code) ? code : undefined;
  return { status, headers: response?.headers, body, networkCode };
}

/** classifyFailure for a thrown error; network failures without a response are retried with backoff. */
export function classifyError(error: unknown, attempt: number, options: BackoffOptions = {}): FailureClass {
  const details = failureDetailsOf(error);
  if (details.networkCode) return { kind: 'retry', delayMs: backoffDelay(attempt, options), throttled: false };
  return classifyFailure(details.status, details.headers, details.body, attempt, options);
}
