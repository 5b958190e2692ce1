// Activity-feed notifications through Microsoft Graph, with an app-only token (client credentials)
// for the tenant the recipient is in. Graph accepts them only from the Entra app named in the
// manifest's webApplicationInfo.id, so the credentials are the SSO app's (AAD_APP_CLIENT_ID/SECRET),
// not the bot's.
//
// Every call goes through the rate-aware sender, which reads status and Retry-After from what we
// throw: GraphRequestError has the shape of @azure/core-client's RestError that
// bot/delivery/retryPolicy.ts's failureDetailsOf understands (statusCode, response.headers,
// response.bodyAsText), so a 429 pauses the whole sender for Graph's Retry-After.
import type { ActivityType } from '../../manifest/activityTypes';
import type { SendResult, RateAwareSender } from '../delivery/sender';
import { errorCodeOf } from '../delivery/retryPolicy';
import { type ActivityNotification, InvalidActivityNotificationError, validateActivityNotification } from './activityNotification';

export const GRAPH_DEFAULT_SCOPE = 'https://graph.microsoft.com/.default';
/** Tokens are replaced this long before they expire, so none runs out between check and use. */
export const TOKEN_REFRESH_MARGIN_MS = 5 * 60_000;

export interface GraphClientOptions {
  /** AAD_AUTHORITY_HOST, e.g. https://login.microsoftonline.com. */
  authorityHost: string;
  /** GRAPH_BASE_URL, e.g. https://graph.microsoft.com/v1.0. */
  graphBaseUrl: string;
  /** The SSO app (manifest webApplicationInfo.id): AAD_APP_CLIENT_ID. */
  clientId: string;
  clientSecret: string;
  sender: RateAwareSender;
  fetchImpl?: typeof fetch;
  /** Default https://graph.microsoft.com/.default (national clouds have their own). */
  scope?: string;
  /**
   * The manifest's id (TEAMS_APP_ID). Graph uses it to pick the app when more than one installed
   * app shares the Entra app id (a dev and a production package, say); omitted when unset.
   */
  teamsAppId?: string;
  /** Per HTTP request. Default 30 s; a timeout is retried like a dropped connection. */
  requestTimeoutMs?: number;
  /** For tests of token expiry. */
  now?: () => number;
}

export interface GraphClient {
  /**
   * Sends one notification to one user's activity feed. Resolves with the sender's result: a
   * refused user (403, or 404 when Graph does not know them) is `blocked`; a notification the
   * manifest would not accept is a failure with an InvalidActivityNotificationError and
   * `attempts: 0`, made without any HTTP call. It never rejects.
   */
  sendActivityNotification<T extends ActivityType>(
    tenantId: string,
    /** The recipient's Entra object id (aadObjectId). */
    userId: string,
    notification: ActivityNotification<T>,
  ): Promise<SendResult<void>>;
  /** Forgets a tenant's cached token (all tenants when omitted). */
  clearTokens(tenantId?: string): void;
}

/** An HTTP answer from Graph or the token endpoint that was not a success. */
export class GraphRequestError extends Error {
  /** Graph's error.code (or the token endpoint's `error`), when the body had one. */
  readonly code?: string;
  declare readonly response: { status: number; headers: Headers; bodyAsText: string };

  constructor(
    readonly statusCode: number,
    headers: Headers,
    bodyAsText: string,
    what: string,
  ) {
    const code = errorCodeOf(bodyAsText) ?? tokenErrorOf(bodyAsText);
    super(`${what} answered ${statusCode}${code ? ` ${code}` : ''}${messageOf(bodyAsText)}`);
    this.name = 'GraphRequestError';
    this.code = code;
    // Not enumerable, like RestError's: logging the error must not dump headers.
    Object.defineProperty(this, 'response', { value: { status: statusCode, headers, bodyAsText }, enumerable: false });
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The identity platform answers `{error: 'invalid_client', error_description}`. */
function tokenErrorOf(text: string): string | undefined {
  const body = parseJson(text) as { error?: unknown } | undefined;
  return typeof body?.error === 'string' ? body.error : undefined;
}

function messageOf(text: string): string {
  const body = parseJson(text) as { error?: { message?: unknown }; error_description?: unknown } | undefined;
  const message = body?.error && typeof body.error === 'object' ? body.error.message : body?.error_description;
  return typeof message === 'string' && message !== '' ? `: ${message.split('\n')[0]}` : '';
}

interface CachedToken {
  accessToken: string;
  expiresAt: number;
}

type Request = (url: string, init: RequestInit) => Promise<Response>;

/** fetch with a timeout; a timeout is named like a socket timeout so the sender retries it instead of giving up. */
function timedRequest(fetchImpl: typeof fetch, timeoutMs: number): Request {
  return async (url, init) => {
    try {
      return await fetchImpl(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      if (error instanceof Error && error.name === 'TimeoutError') {
        throw Object.assign(new Error(`no answer from ${new URL(url).host} in ${timeoutMs} ms`), { code: 'ETIMEDOUT', cause: error });
      }
      throw error;
    }
  };
}

interface TokenCache {
  /** The tenant's token, from the cache or from one request shared by every caller waiting for it. */
  tokenFor(tenantId: string): Promise<CachedToken>;
  /** Forgets a token (all of them without a tenant); only `token` if given and still cached. */
  forget(tenantId?: string, token?: CachedToken): void;
}

/** Client-credentials tokens per tenant, refreshed a margin before they expire. */
function createTokenCache(options: GraphClientOptions, request: Request, now: () => number): TokenCache {
  const authorityHost = options.authorityHost.replace(/\/+$/, '');
  const scope = options.scope ?? GRAPH_DEFAULT_SCOPE;
  const tokens = new Map<string, CachedToken>();
  const pending = new Map<string, Promise<CachedToken>>();

  async function requestToken(tenantId: string): Promise<CachedToken> {
    const requestedAt = now();
    const response = await request(`${authorityHost}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: options.clientId,
        client_secret: options.clientSecret,
        scope,
      }).toString(),
    });
    const text = await response.text();
    if (!response.ok) throw new GraphRequestError(response.status, response.headers, text, `token endpoint for tenant ${tenantId}`);
    const body = parseJson(text) as { access_token?: unknown; expires_in?: unknown } | undefined;
    const expiresIn = Number(body?.expires_in);
    if (typeof body?.access_token !== 'string' || !Number.isFinite(expiresIn)) {
      throw new GraphRequestError(502, response.headers, text, `token endpoint for tenant ${tenantId} (no access_token/expires_in)`);
    }
    // Counted from when we asked, not when the answer came: errs towards refreshing early.
    return { accessToken: body.access_token, expiresAt: requestedAt + expiresIn * 1000 };
  }

  return {
    tokenFor(tenantId) {
      const cached = tokens.get(tenantId);
      if (cached && now() < cached.expiresAt - TOKEN_REFRESH_MARGIN_MS) return Promise.resolve(cached);
      let inFlight = pending.get(tenantId);
      if (!inFlight) {
        inFlight = requestToken(tenantId)
          .then((token) => {
            tokens.set(tenantId, token);
            return token;
          })
          .finally(() => pending.delete(tenantId));
        pending.set(tenantId, inFlight);
      }
      return inFlight;
    },
    forget(tenantId, token) {
      if (tenantId === undefined) tokens.clear();
      else if (!token || tokens.get(tenantId) === token) tokens.delete(tenantId);
    },
  };
}

export function createGraphClient(options: GraphClientOptions): GraphClient {
  const request = timedRequest(options.fetchImpl ?? fetch, options.requestTimeoutMs ?? 30_000);
  const cache = createTokenCache(options, request, options.now ?? Date.now);
  const tokenFor = (tenantId: string) => cache.tokenFor(tenantId);
  const graphBaseUrl = options.graphBaseUrl.replace(/\/+$/, '');

  async function post(tenantId: string, userId: string, body: string): Promise<void> {
    const url = `${graphBaseUrl}/users/${encodeURIComponent(userId)}/teamwork/sendActivityNotification`;
    const call = async (token: CachedToken) =>
      request(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token.accessToken}`, 'content-type': 'application/json', accept: 'application/json' },
        body,
      });
    const token = await tokenFor(tenantId);
    let response = await call(token);
    if (response.status === 401) {
      // A token revoked or expired early (clock skew): one more try with a new one, then give up.
      await response.body?.cancel();
      cache.forget(tenantId, token);
      response = await call(await tokenFor(tenantId));
    }
    if (response.ok) {
      await response.body?.cancel();
      return;
    }
    throw new GraphRequestError(response.status, response.headers, await response.text(), `Graph sendActivityNotification for user ${userId}`);
  }

  async function sendActivityNotification<T extends ActivityType>(
    tenantId: string,
    userId: string,
    notification: ActivityNotification<T>,
  ): Promise<SendResult<void>> {
    const checked = validateActivityNotification(notification);
    const recipientProblems = [
      ...(typeof tenantId === 'string' && tenantId.trim() !== '' ? [] : ['tenantId is empty']),
      ...(typeof userId === 'string' && userId.trim() !== '' ? [] : ['userId (the Entra object id) is empty']),
    ];
    if (!checked.ok || recipientProblems.length) {
      const problems = [...recipientProblems, ...(checked.ok ? [] : checked.error.problems)];
      return { ok: false, blocked: false, error: new InvalidActivityNotificationError(problems), attempts: 0 };
    }
    const body = JSON.stringify({
      ...checked.notification,
      ...(options.teamsAppId ? { teamsAppId: options.teamsAppId } : {}),
    });
    const result = await options.sender.send(`graph:${tenantId}:${userId}`, () => post(tenantId, userId, body));
    // retryPolicy treats a 404 as our bug unless the Connector says ConversationNotFound; from
    // Graph, a 404 on /users/{id} means the person is not (or no longer) in the tenant's directory.
    if (!result.ok && !result.blocked && result.status === 404) {
      const code = result.error instanceof GraphRequestError ? result.error.code : undefined;
      return { ok: false, blocked: true, status: 404, code, attempts: result.attempts };
    }
    return result;
  }

  return {
    sendActivityNotification,
    clearTokens(tenantId) {
      cache.forget(tenantId);
    },
  };
}
