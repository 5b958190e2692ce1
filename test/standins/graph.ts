// A local stand-in for Microsoft Graph's activity-feed call and the identity platform's
// client-credentials token endpoint, on one server:
//   POST /:tenant/oauth2/v2.0/token                       → {access_token, expires_in, token_type}
//   POST /v1.0/users/:id/teamwork/sendActivityNotification → 204, or a Graph-style error
// Use `${url}` as AAD_AUTHORITY_HOST and `${url}/v1.0` as GRAPH_BASE_URL.
//
// It checks what real Graph would refuse: a token it did not issue (or that expired), an activity
// type manifest/manifest.json does not declare, templateParameters that do not fill the type's
// templateText, previewText over 150 characters. It reads the manifest itself rather than sharing
// the client's parsing, so a bug there cannot hide here. It can throttle (429 + Retry-After) and
// refuse chosen users (403 / 404).
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { answerJson, readText } from './http';

export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

export interface GraphStandInOptions {
  clientId?: string;
  clientSecret?: string;
  /** expires_in of issued tokens. Default 3599, as the identity platform gives. */
  tokenLifetimeSeconds?: number;
  /** Delay before every answer. Default 0. */
  latencyMs?: number;
}

export interface RecordedNotification {
  /** The tenant the bearer token was issued for. */
  tenantId: string;
  userId: string;
  body: Record<string, unknown>;
  /** Date.now() when it arrived. */
  at: number;
}

export interface RecordedGraphCall {
  method: string;
  path: string;
  status: number;
  at: number;
  tenantId?: string;
  userId?: string;
  /** Why a 4xx was given, as the error body says. */
  error?: string;
}

export interface RecordedTokenRequest {
  tenantId: string;
  status: number;
  at: number;
  clientId?: string;
  scope?: string;
}

export interface GraphStandIn {
  url: string;
  /** AAD_AUTHORITY_HOST. */
  authorityHost: string;
  /** GRAPH_BASE_URL. */
  graphBaseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Accepted notifications (answered 204), in arrival order. */
  notifications: RecordedNotification[];
  /** Every Graph call with its status, refused ones included. */
  calls: RecordedGraphCall[];
  tokenRequests: RecordedTokenRequest[];
  /** The next `n` notification calls (with a valid token) answer 429 with this Retry-After. */
  throttleNext(n: number, retryAfterSeconds?: number): void;
  /** Notification calls for this user answer `status` (403 Forbidden by default) until reset. */
  refuseUser(userId: string, status?: 403 | 404, code?: string): void;
  /** Every token issued so far stops working (Graph answers 401 InvalidAuthenticationToken). */
  revokeTokens(): void;
  setTokenLifetime(seconds: number): void;
  /** Forgets recordings, throttles, refusals and tokens; keeps credentials and lifetime. */
  reset(): void;
  close(): Promise<void>;
}

interface ActivityTypeDeclaration {
  type: string;
  templateText: string;
}

function loadDeclaredActivityTypes(): Map<string, Set<string>> {
  const manifestPath = path.join(__dirname, '..', '..', 'manifest', 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as { activities?: { activityTypes?: ActivityTypeDeclaration[] } };
  return new Map(
    (manifest.activities?.activityTypes ?? []).map((d) => [d.type, new Set(Array.from(d.templateText.matchAll(/\{(\w+)\}/g), (m) => m[1]!))]),
  );
}

function graphError(status: number, code: string, message: string) {
  return {
    error: {
      code,
      message,
      innerError: { date: new Date().toISOString(), 'request-id': randomUUID(), 'client-request-id': randomUUID() },
    },
  };
}

function isHttpsUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

/** What Graph would object to in a sendActivityNotification body, or undefined when it is fine. */
function problemWith(body: unknown, declared: Map<string, Set<string>>): string | undefined {
  if (!body || typeof body !== 'object') return 'The request body must be a JSON object.';
  const b = body as Record<string, unknown>;
  const topic = b.topic as Record<string, unknown> | undefined;
  if (!topic || typeof topic !== 'object') return 'topic is required.';
  if (topic.source === 'text') {
    if (typeof topic.value !== 'string' || topic.value === '') return 'topic.value is required.';
    if (!isHttpsUrl(topic.webUrl)) return 'topic.webUrl is required when topic.source is text.';
  } else if (topic.source === 'entityUrl') {
    if (!isHttpsUrl(topic.value)) return 'topic.value must be a resource URL when topic.source is entityUrl.';
  } else {
    return `topic.source ${JSON.stringify(topic.source)} is not text or entityUrl.`;
  }
  if (typeof b.activityType !== 'string') return 'activityType is required.';
  const parameters = declared.get(b.activityType);
  if (!parameters) return `activityType '${b.activityType}' is not declared in the app manifest.`;
  const preview = (b.previewText as { content?: unknown } | undefined)?.content;
  if (typeof preview !== 'string') return 'previewText.content is required.';
  if (preview.length > 150) return `previewText.content is ${preview.length} characters; the maximum is 150.`;
  if (!Array.isArray(b.templateParameters)) return 'templateParameters must be an array.';
  const names = (b.templateParameters as Array<{ name?: unknown; value?: unknown }>).map((p) => p?.name);
  for (const p of b.templateParameters as Array<{ name?: unknown; value?: unknown }>) {
    if (typeof p?.name !== 'string' || typeof p.value !== 'string') return 'Each templateParameter needs a string name and value.';
    if (!parameters.has(p.name)) return `templateParameter '${p.name}' is not in the templateText of '${b.activityType}'.`;
  }
  if (new Set(names).size !== names.length) return 'templateParameters repeat a name.';
  for (const name of parameters) {
    if (!names.includes(name)) return `templateParameter '${name}' required by the templateText of '${b.activityType}' is missing.`;
  }
  if (b.chainId !== undefined && !Number.isSafeInteger(b.chainId)) return 'chainId must be an Int64.';
  return undefined;
}

export async function startGraphStandIn(options: GraphStandInOptions = {}): Promise<GraphStandIn> {
  const clientId = options.clientId ?? '00000000-0000-4000-8000-0000000091a0';
  const clientSecret = options.clientSecret ?? 'stand-in-secret';
  const latencyMs = options.latencyMs ?? 0;
  let tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? 3599;
  const declared = loadDeclaredActivityTypes();

  const notifications: RecordedNotification[] = [];
  const calls: RecordedGraphCall[] = [];
  const tokenRequests: RecordedTokenRequest[] = [];
  const issued = new Map<string, { tenantId: string; expiresAt: number }>();
  const refused = new Map<string, { status: number; code: string }>();
  let throttles: Array<{ remaining: number; retryAfterSeconds: number }> = [];

  const readBody = readText;

  function answer(res: http.ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
    answerJson(res, status, body, headers, latencyMs);
  }

  function token(req: http.IncomingMessage, res: http.ServerResponse, tenantId: string, text: string): void {
    const form = new URLSearchParams(text);
    const request: RecordedTokenRequest = { tenantId, status: 0, at: Date.now(), clientId: form.get('client_id') ?? undefined, scope: form.get('scope') ?? undefined };
    tokenRequests.push(request);
    const refuse = (status: number, error: string, description: string) => {
      request.status = status;
      answer(res, status, { error, error_description: description, error_codes: [], timestamp: new Date().toISOString(), trace_id: randomUUID() });
    };
    if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      return refuse(400, 'invalid_request', 'AADSTS900144: The request body must be application/x-www-form-urlencoded.');
    }
    if (form.get('grant_type') !== 'client_credentials') return refuse(400, 'unsupported_grant_type', 'AADSTS70003: The app requested an unsupported grant type.');
    if (form.get('client_id') !== clientId) return refuse(400, 'unauthorized_client', `AADSTS700016: Application with identifier '${form.get('client_id')}' was not found.`);
    if (form.get('client_secret') !== clientSecret) return refuse(401, 'invalid_client', 'AADSTS7000215: Invalid client secret provided.');
    if (form.get('scope') !== GRAPH_SCOPE) return refuse(400, 'invalid_scope', `AADSTS1002012: The provided value for scope ${form.get('scope')} is not valid.`);
    const accessToken = `standin.${randomBytes(18).toString('base64url')}`;
    issued.set(accessToken, { tenantId, expiresAt: Date.now() + tokenLifetimeSeconds * 1000 });
    request.status = 200;
    answer(res, 200, { token_type: 'Bearer', expires_in: tokenLifetimeSeconds, ext_expires_in: tokenLifetimeSeconds, access_token: accessToken });
  }

  function sendActivityNotification(req: http.IncomingMessage, res: http.ServerResponse, userId: string, text: string): void {
    const call: RecordedGraphCall = { method: 'POST', path: req.url ?? '', status: 0, at: Date.now(), userId };
    calls.push(call);
    const reply = (status: number, code?: string, message?: string, headers?: Record<string, string>) => {
      call.status = status;
      if (code) call.error = `${code}: ${message}`;
      answer(res, status, code ? graphError(status, code, message ?? code) : undefined, headers);
    };

    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const grant = bearer === undefined ? undefined : issued.get(bearer);
    if (!grant) return reply(401, 'InvalidAuthenticationToken', bearer === undefined ? 'Access token is empty.' : 'Access token validation failure. Invalid audience.');
    if (grant.expiresAt <= Date.now()) return reply(401, 'InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.');
    call.tenantId = grant.tenantId;

    const throttle = throttles[0];
    if (throttle) {
      throttle.remaining -= 1;
      if (throttle.remaining <= 0) throttles.shift();
      return reply(429, 'TooManyRequests', 'Too many requests.', { 'retry-after': String(throttle.retryAfterSeconds) });
    }
    const refusal = refused.get(userId);
    if (refusal) {
      return reply(
        refusal.status,
        refusal.code,
        refusal.status === 403 ? 'The app is not installed for the recipient, or TeamsActivity.Send.User was not granted.' : `User '${userId}' was not found.`,
      );
    }

    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return reply(415, 'UnsupportedMediaType', 'Content-Type must be application/json.');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return reply(400, 'BadRequest', 'The request body is not valid JSON.');
    }
    const problem = problemWith(body, declared);
    if (problem) return reply(400, 'BadRequest', problem);
    notifications.push({ tenantId: grant.tenantId, userId, body: body as Record<string, unknown>, at: call.at });
    reply(204);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const text = await readBody(req);
    const pathname = new URL(req.url ?? '/', 'http://stand-in').pathname;
    const segments = pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (req.method === 'POST' && segments.length === 4 && segments[1] === 'oauth2' && segments[2] === 'v2.0' && segments[3] === 'token') {
      return token(req, res, segments[0]!, text);
    }
    if (
      req.method === 'POST' &&
      segments.length === 5 &&
      segments[0] === 'v1.0' &&
      segments[1] === 'users' &&
      segments[3] === 'teamwork' &&
      segments[4] === 'sendActivityNotification'
    ) {
      return sendActivityNotification(req, res, segments[2]!, text);
    }
    calls.push({ method: req.method ?? 'GET', path: pathname, status: 404, at: Date.now(), error: 'no route' });
    answer(res, 404, graphError(404, 'BadRequest', `Resource not found for the segment '${segments.at(-1) ?? ''}'.`));
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) answer(res, 500, graphError(500, 'InternalServerError', String(error)));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    authorityHost: url,
    graphBaseUrl: `${url}/v1.0`,
    clientId,
    clientSecret,
    notifications,
    calls,
    tokenRequests,
    throttleNext(n, retryAfterSeconds = 1) {
      if (n > 0) throttles.push({ remaining: n, retryAfterSeconds });
    },
    refuseUser(userId, status = 403, code) {
      refused.set(userId, { status, code: code ?? (status === 403 ? 'Forbidden' : 'NotFound') });
    },
    revokeTokens() {
      issued.clear();
    },
    setTokenLifetime(seconds) {
      tokenLifetimeSeconds = seconds;
    },
    reset() {
      notifications.length = 0;
      calls.length = 0;
      tokenRequests.length = 0;
      issued.clear();
      refused.clear();
      throttles = [];
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
