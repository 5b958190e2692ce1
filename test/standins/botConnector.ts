// A local stand-in for the Bot Framework Connector (the service at a conversation reference's
// serviceUrl). It speaks the REST calls botbuilder's ConnectorClient makes, records what it got,
// and enforces the Teams limits from DESIGN.md ("Platform facts to design for") in sliding
// windows: 50 requests in any 1 s for the app in each tenant (the tenant is the one the activity
// names in conversation.tenantId or channelData.tenant.id, or the conversation's earlier calls
// named; calls that name none share one window), and per conversation
// 7 in any 1 s and 60 in any 30 s; over a limit it answers 429 with Retry-After. It can also play
// a user who blocked the bot (403 MessageWritesBlocked) and a flaky service (5xx).
//
// Bearer tokens are accepted unchecked; a bot run with no app id sends none at all (see
// bot/teams/botFrameworkAuthentication.ts), and each call records the header it carried.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { answerJson, readText } from './http';

export interface StandInLimits {
  /** Calls of any kind in any 1 s, per tenant (Teams: ~50 per app per tenant). */
  tenantRps: number;
  /** Writes (send, reply, update, delete) to one conversation in any 1 s (Teams: 7). */
  perConversationPerSecond: number;
  /** Writes to one conversation in any 30 s (Teams: 60). */
  perConversation30s: number;
}

export const teamsLimits: StandInLimits = { tenantRps: 50, perConversationPerSecond: 7, perConversation30s: 60 };

export interface StandInAccount {
  id: string;
  name?: string;
  aadObjectId?: string;
  [key: string]: unknown;
}

export interface StandInTeam {
  name?: string;
  aadGroupId?: string;
  channels: Array<{ id: string; name?: string }>;
}

export interface BotConnectorStandInOptions {
  /** Defaults to teamsLimits; use Infinity to lift one. */
  limits?: Partial<StandInLimits>;
  /** Whether limits are enforced at all. Default true. */
  enforceLimits?: boolean;
  /** Retry-After on a 429, in whole seconds as Teams sends it; null leaves the header out. Default 1. */
  retryAfterSeconds?: number | null;
  /** Members of every conversation, or per conversation id (GET .../members and .../pagedmembers). */
  members?: StandInAccount[] | Record<string, StandInAccount[]>;
  /** Teams, by team id, for GET /v3/teams/:teamId and /v3/teams/:teamId/conversations. */
  teams?: Record<string, StandInTeam>;
  /** Delay before every answer, to imitate a network round trip. Default 0. */
  latencyMs?: number;
  /** A tenant limit of its own for some tenants (by tenant id); the others get limits.tenantRps. */
  tenantRps?: Record<string, number>;
}

export interface RecordedCall {
  seq: number;
  method: string;
  path: string;
  conversationId?: string;
  activityId?: string;
  status: number;
  /** Why a 429 was given. */
  throttledBy?: 'tenant' | 'conversation';
  /** Date.now() when the call arrived. */
  at: number;
  authorization?: string;
  body?: unknown;
}

export interface RecordedActivity {
  seq: number;
  kind: 'send' | 'reply' | 'update';
  conversationId: string;
  /** The id this stand-in gave the activity (for update, the id that was updated). */
  activityId: string;
  replyToId?: string;
  activity: Record<string, unknown>;
  /** The tenant the call was counted against. */
  tenantId: string;
  at: number;
}

export interface CreatedConversation {
  conversationId: string;
  userId?: string;
  tenantId?: string;
  at: number;
}

export interface StandInStats {
  calls: number;
  /** Answered 2xx. */
  accepted: number;
  throttled: number;
  throttledTenant: number;
  throttledConversation: number;
  /** Answered 403/404 because the user blocked the bot or a failure was injected as such. */
  blocked: number;
  /** Answered with an injected 5xx (or other failure status). */
  failed: number;
  activities: number;
  /** Most calls seen in any 1 s (throttled ones excluded): should never exceed tenantRps. */
  peakTenantPerSecond: number;
  peakConversationPerSecond: number;
  peakConversationPer30s: number;
  firstCallAt?: number;
  lastCallAt?: number;
  /** Per tenant: calls answered 2xx, throttled, and the most in any 1 s. */
  tenants: Record<string, { accepted: number; throttled: number; peakPerSecond: number }>;
}

export interface BotConnectorStandIn {
  /** Base URL to use as a conversation reference's serviceUrl, ending in '/'. */
  url: string;
  port: number;
  /** Activities accepted by send, reply and update, in arrival order. */
  sent: RecordedActivity[];
  /** Every call with the status it got, throttled and failed ones included. */
  calls: RecordedCall[];
  conversations: CreatedConversation[];
  stats(): StandInStats;
  /** Forgets recorded calls, counters, windows, injected failures and blocks; keeps limits, members and teams. */
  reset(): void;
  close(): Promise<void>;
  /** Every call to this user's conversations (or this conversation) gets `status` with error `code`. */
  blockUser(userIdOrConversationId: string, status?: number, code?: string): void;
  unblockUser(userIdOrConversationId: string): void;
  /** The next `n` calls that pass the limits answer `status`. */
  failNext(n: number, status: number, code?: string): void;
  /** Calls to this conversation answer `status`, `times` times (default: until cleared with clearFailures). */
  failFor(conversationId: string, status: number, times?: number, code?: string): void;
  clearFailures(): void;
  setLimits(limits: Partial<StandInLimits>): void;
  setMembers(conversationId: string, members: StandInAccount[]): void;
  /** Accepted activities for one conversation. */
  sentTo(conversationId: string): RecordedActivity[];
}

const SECOND = 1_000;
const THIRTY_SECONDS = 30_000;

interface InjectedFailure {
  status: number;
  code?: string;
  remaining: number;
}

function defaultCode(status: number): string {
  if (status === 403) return 'MessageWritesBlocked';
  if (status === 404) return 'ConversationNotFound';
  if (status === 412) return 'PreconditionFailed';
  if (status === 429) return 'Throttled';
  if (status >= 500) return 'ServiceError';
  return 'BadRequest';
}

/** Timestamps inside a sliding window, oldest first, trimmed lazily. */
class Window {
  private times: number[] = [];
  private head = 0;

  countSince(since: number): number {
    // Binary search: the deque is sorted by time.
    let lo = this.head;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.times[mid]! > since) hi = mid;
      else lo = mid + 1;
    }
    return this.times.length - lo;
  }

  add(now: number, horizon: number): void {
    this.times.push(now);
    while (this.head < this.times.length && this.times[this.head]! <= now - horizon) this.head += 1;
    if (this.head > 256 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }

  newest(): number | undefined {
    return this.times[this.times.length - 1];
  }
}

export async function startBotConnectorStandIn(options: BotConnectorStandInOptions = {}): Promise<BotConnectorStandIn> {
  let limits: StandInLimits = { ...teamsLimits, ...options.limits };
  const enforce = options.enforceLimits ?? true;
  const retryAfterSeconds = options.retryAfterSeconds === undefined ? 1 : options.retryAfterSeconds;
  const latencyMs = options.latencyMs ?? 0;
  const teams = options.teams ?? {};
  const defaultMembers = Array.isArray(options.members) ? options.members : [];
  const membersByConversation = new Map<string, StandInAccount[]>(
    Array.isArray(options.members) || !options.members ? [] : Object.entries(options.members),
  );

  const sent: RecordedActivity[] = [];
  const calls: RecordedCall[] = [];
  const conversations: CreatedConversation[] = [];
  const conversationByUser = new Map<string, string>();
  const userByConversation = new Map<string, string>();
  const blocked = new Map<string, { status: number; code: string }>();
  const failForConversation = new Map<string, InjectedFailure>();
  let failNextQueue: InjectedFailure[] = [];

  // Per tenant: its window and counters. A conversation remembers its tenant for calls without a body.
  let tenantWindows = new Map<string, { window: Window; accepted: number; throttled: number; peak: number }>();
  const tenantOfConversation = new Map<string, string>();
  const tenantRpsOverrides = options.tenantRps ?? {};
  const tenantState = (tenantId: string) => {
    let state = tenantWindows.get(tenantId);
    if (!state) tenantWindows.set(tenantId, (state = { window: new Window(), accepted: 0, throttled: 0, peak: 0 }));
    return state;
  };
  // Least recently written first, so idle conversations are swept from the front.
  let conversationWindows = new Map<string, Window>();
  let seq = 0;
  let activitySeq = 0;
  let conversationSeq = 0;
  let counters = { accepted: 0, throttled: 0, throttledTenant: 0, throttledConversation: 0, blocked: 0, failed: 0 };
  let peaks = { tenant: 0, conversation1s: 0, conversation30s: 0 };
  let firstCallAt: number | undefined;
  let lastCallAt: number | undefined;

  function conversationWindow(conversationId: string): Window {
    let w = conversationWindows.get(conversationId);
    if (w) conversationWindows.delete(conversationId);
    else w = new Window();
    conversationWindows.set(conversationId, w);
    return w;
  }

  function sweepConversationWindows(now: number): void {
    for (const [id, w] of conversationWindows) {
      const newest = w.newest();
      if (newest !== undefined && newest > now - THIRTY_SECONDS) break;
      conversationWindows.delete(id);
    }
  }

  function tenantOf(conversationId: string | undefined, body: unknown): string {
    const activity = (body && typeof body === 'object' ? body : {}) as { conversation?: { tenantId?: unknown }; channelData?: { tenant?: { id?: unknown } }; tenantId?: unknown };
    const named = activity.conversation?.tenantId ?? activity.channelData?.tenant?.id ?? activity.tenantId;
    if (typeof named === 'string' && named !== '') {
      if (conversationId !== undefined) tenantOfConversation.set(conversationId, named);
      return named;
    }
    return (conversationId !== undefined ? tenantOfConversation.get(conversationId) : undefined) ?? 'default';
  }

  /** Returns who throttles this call, or records it in the windows and returns undefined. */
  function admit(now: number, tenantId: string, conversationId: string | undefined, isWrite: boolean): 'tenant' | 'conversation' | undefined {
    const tenant = tenantState(tenantId);
    const tenantWindow = tenant.window;
    if (enforce && tenantWindow.countSince(now - SECOND) >= (tenantRpsOverrides[tenantId] ?? limits.tenantRps)) {
      tenant.throttled += 1;
      return 'tenant';
    }
    const w = isWrite && conversationId !== undefined ? conversationWindows.get(conversationId) : undefined;
    if (enforce && w) {
      if (w.countSince(now - SECOND) >= limits.perConversationPerSecond) return 'conversation';
      if (w.countSince(now - THIRTY_SECONDS) >= limits.perConversation30s) return 'conversation';
    }
    tenantWindow.add(now, SECOND);
    tenant.peak = Math.max(tenant.peak, tenantWindow.countSince(now - SECOND));
    peaks.tenant = Math.max(peaks.tenant, tenant.peak);
    if (isWrite && conversationId !== undefined) {
      const cw = conversationWindow(conversationId);
      cw.add(now, THIRTY_SECONDS);
      peaks.conversation1s = Math.max(peaks.conversation1s, cw.countSince(now - SECOND));
      peaks.conversation30s = Math.max(peaks.conversation30s, cw.countSince(now - THIRTY_SECONDS));
      sweepConversationWindows(now);
    }
    return undefined;
  }

  function blockFor(conversationId: string | undefined, userId?: string): { status: number; code: string } | undefined {
    if (conversationId !== undefined) {
      const direct = blocked.get(conversationId);
      if (direct) return direct;
      const user = userByConversation.get(conversationId);
      if (user !== undefined && blocked.has(user)) return blocked.get(user);
      const members = membersByConversation.get(conversationId);
      if (members?.length === 1 && blocked.has(members[0]!.id)) return blocked.get(members[0]!.id);
    }
    return userId !== undefined ? blocked.get(userId) : undefined;
  }

  function injectedFailure(conversationId: string | undefined): { status: number; code?: string } | undefined {
    const next = failNextQueue[0];
    if (next) {
      next.remaining -= 1;
      if (next.remaining <= 0) failNextQueue.shift();
      return next;
    }
    if (conversationId !== undefined) {
      const f = failForConversation.get(conversationId);
      if (f) {
        f.remaining -= 1;
        if (f.remaining <= 0) failForConversation.delete(conversationId);
        return f;
      }
    }
    return undefined;
  }

  function membersOf(conversationId: string): StandInAccount[] {
    const configured = membersByConversation.get(conversationId);
    if (configured) return configured;
    const user = userByConversation.get(conversationId);
    if (user !== undefined && defaultMembers.length === 0) return [{ id: user }];
    return defaultMembers;
  }

  async function readBody(req: http.IncomingMessage): Promise<unknown> {
    const text = await readText(req);
    if (text === '') return undefined;
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }

  function answer(res: http.ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
    answerJson(res, status, body, headers, latencyMs);
  }

  function errorBody(status: number, code?: string, message?: string) {
    const c = code ?? defaultCode(status);
    return { error: { code: c, message: message ?? `stand-in answered ${status} ${c}` } };
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const at = Date.now();
    const now = performance.now();
    firstCallAt ??= at;
    lastCallAt = at;
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const body = await readBody(req);
    const call: RecordedCall = {
      seq: ++seq,
      method,
      path: url.pathname,
      status: 0,
      at,
      authorization: req.headers.authorization,
      body,
    };
    calls.push(call);

    let tenantId = 'default';
    const reply = (status: number, payload?: unknown, headers?: Record<string, string>) => {
      call.status = status;
      if (status >= 200 && status < 300) {
        counters.accepted += 1;
        tenantState(tenantId).accepted += 1;
      }
      answer(res, status, payload, headers);
    };

    // Route: /v3/conversations[/:cid[/activities[/:aid]|/members[/:mid]|/pagedmembers]]
    //        /v3/teams/:teamId[/conversations]
    const [v3, collection, id, sub, subId] = segments;
    if (v3 !== 'v3' || (collection !== 'conversations' && collection !== 'teams')) {
      reply(404, errorBody(404, 'NotFound', `no route ${method} ${url.pathname}`));
      return;
    }
    const conversationId = collection === 'conversations' ? id : undefined;
    call.conversationId = conversationId;
    call.activityId = sub === 'activities' ? subId : undefined;
    const isWrite = conversationId !== undefined && sub === 'activities' && method !== 'GET';

    tenantId = tenantOf(conversationId, body);
    const throttledBy = admit(now, tenantId, conversationId, isWrite);
    if (throttledBy) {
      call.throttledBy = throttledBy;
      counters.throttled += 1;
      if (throttledBy === 'tenant') counters.throttledTenant += 1;
      else counters.throttledConversation += 1;
      const headers: Record<string, string> = retryAfterSeconds === null ? {} : { 'retry-after': String(retryAfterSeconds) };
      reply(429, errorBody(429, 'Throttled', `over the ${throttledBy} limit`), headers);
      return;
    }

    // Creating a 1:1 chat with a user who blocked the bot fails like a send does.
    const activity = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const createdFor =
      collection === 'conversations' && id === undefined && method === 'POST'
        ? ((activity.members as StandInAccount[] | undefined)?.[0]?.id ?? undefined)
        : undefined;
    const refusal = blockFor(conversationId, createdFor);
    const failure = refusal ?? injectedFailure(conversationId);
    if (failure) {
      if (failure.status === 403 || failure.status === 404) counters.blocked += 1;
      else counters.failed += 1;
      reply(failure.status, errorBody(failure.status, failure.code));
      return;
    }

    if (collection === 'teams') {
      const team = id === undefined ? undefined : teams[id];
      if (!team || id === undefined) return reply(404, errorBody(404, 'TeamNotFound'));
      if (method === 'GET' && sub === undefined) return reply(200, { id, name: team.name, aadGroupId: team.aadGroupId });
      if (method === 'GET' && sub === 'conversations') return reply(200, { conversations: team.channels });
      return reply(404, errorBody(404, 'NotFound'));
    }

    if (id === undefined) {
      if (method !== 'POST') return reply(405, errorBody(405, 'MethodNotAllowed'));
      const tenantId =
        (activity.tenantId as string | undefined) ??
        ((activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? undefined);
      let cid = createdFor === undefined ? undefined : conversationByUser.get(createdFor);
      if (cid === undefined) {
        cid = `a:standin-${++conversationSeq}`;
        if (createdFor !== undefined) {
          conversationByUser.set(createdFor, cid);
          userByConversation.set(cid, createdFor);
        }
        conversations.push({ conversationId: cid, userId: createdFor, tenantId, at });
      }
      call.conversationId = cid;
      const first = activity.activity as Record<string, unknown> | undefined;
      if (first) {
        const activityId = `standin-activity-${++activitySeq}`;
        sent.push({ seq: call.seq, kind: 'send', conversationId: cid, activityId, activity: first, tenantId: tenantId ?? 'default', at });
        return reply(201, { id: cid, activityId });
      }
      return reply(201, { id: cid });
    }

    if (sub === 'activities') {
      if (method === 'POST') {
        const activityId = `standin-activity-${++activitySeq}`;
        call.activityId = activityId;
        sent.push({
          seq: call.seq,
          kind: subId === undefined ? 'send' : 'reply',
          conversationId: id,
          activityId,
          replyToId: subId,
          activity,
          tenantId,
          at,
        });
        return reply(201, { id: activityId });
      }
      if (method === 'PUT' && subId !== undefined) {
        sent.push({ seq: call.seq, kind: 'update', conversationId: id, activityId: subId, activity, tenantId, at });
        return reply(200, { id: subId });
      }
      if (method === 'DELETE' && subId !== undefined) return reply(200);
      return reply(405, errorBody(405, 'MethodNotAllowed'));
    }

    if (sub === 'members' && method === 'GET') {
      const members = membersOf(id);
      if (subId === undefined) return reply(200, members);
      const member = members.find((m) => m.id === subId || m.aadObjectId === subId);
      return member ? reply(200, member) : reply(404, errorBody(404, 'MemberNotFoundInConversation'));
    }

    if (sub === 'pagedmembers' && method === 'GET') {
      const members = membersOf(id);
      const pageSize = Math.max(1, Number(url.searchParams.get('pageSize') ?? '200') || 200);
      const start = Number(url.searchParams.get('continuationToken') ?? '0') || 0;
      const page = members.slice(start, start + pageSize);
      const next = start + pageSize < members.length ? String(start + pageSize) : undefined;
      return reply(200, { members: page, continuationToken: next });
    }

    reply(404, errorBody(404, 'NotFound', `no route ${method} ${url.pathname}`));
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) answer(res, 500, errorBody(500, 'StandInError', String(error)));
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    sent,
    calls,
    conversations,
    stats: () => ({
      calls: calls.length,
      ...counters,
      activities: sent.length,
      peakTenantPerSecond: peaks.tenant,
      peakConversationPerSecond: peaks.conversation1s,
      peakConversationPer30s: peaks.conversation30s,
      firstCallAt,
      lastCallAt,
      tenants: Object.fromEntries([...tenantWindows].map(([id, t]) => [id, { accepted: t.accepted, throttled: t.throttled, peakPerSecond: t.peak }])),
    }),
    reset() {
      sent.length = 0;
      calls.length = 0;
      conversations.length = 0;
      conversationByUser.clear();
      userByConversation.clear();
      blocked.clear();
      failForConversation.clear();
      failNextQueue = [];
      tenantWindows = new Map();
      tenantOfConversation.clear();
      conversationWindows = new Map();
      counters = { accepted: 0, throttled: 0, throttledTenant: 0, throttledConversation: 0, blocked: 0, failed: 0 };
      peaks = { tenant: 0, conversation1s: 0, conversation30s: 0 };
      firstCallAt = undefined;
      lastCallAt = undefined;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    blockUser(userIdOrConversationId, status = 403, code = 'MessageWritesBlocked') {
      blocked.set(userIdOrConversationId, { status, code });
    },
    unblockUser(userIdOrConversationId) {
      blocked.delete(userIdOrConversationId);
    },
    failNext(n, status, code) {
      if (n > 0) failNextQueue.push({ status, code, remaining: n });
    },
    failFor(conversationId, status, times = Infinity, code) {
      failForConversation.set(conversationId, { status, code, remaining: times });
    },
    clearFailures() {
      failNextQueue = [];
      failForConversation.clear();
    },
    setLimits(next) {
      limits = { ...limits, ...next };
    },
    setMembers(conversationId, members) {
      membersByConversation.set(conversationId, members);
    },
    sentTo(conversationId) {
      return sent.filter((a) => a.conversationId === conversationId);
    },
  };
}
