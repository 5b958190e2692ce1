// Sends the generated cases one at a time and classifies each by what came back and what the
// database holds afterwards:
//   status5xx   — any 5xx;
//   wrongWrites — a refused request that stored something, any write in another organisation than
//                 the sender's, a duplicate, a refused-by-design request (a forged token, an erasure of
//                 a held person) accepted, or an accepted one writing beyond what it may (an export
//                 anything but its audit entry and record view, a dry run anything at all, an
//                 erasure anything not about the person erased);
//   leaks       — a body with a stack, an error's text, a URL or host of ours, another tenant's
//                 existence (an id of theirs answered unlike an invented one) or someone else's data
//                 (an export may carry its subject's records: the case says which, and which not);
//   lostText    — a valid request whose text is not stored exactly as sent, a refusal card that does
//                 not carry back what was typed, or a card over Teams' size.
import { randomUUID } from 'node:crypto';
import { AMBIENT_WRITES, generateCases, type FuzzCase, type FuzzRequest, type FuzzResponse } from './cases';
import { diff, snapshot, type Change } from './snapshot';
import type { ActorName, FuzzWorld } from './world';

export interface FuzzSummary {
  cases: number;
  status5xx: number;
  wrongWrites: number;
  leaks: number;
  lostText: number;
}

export interface FuzzFailure {
  n: number;
  counter: Exclude<keyof FuzzSummary, 'cases'>;
  kind: string;
  summary: string;
  status: number;
  detail: string;
}

/** Teams refuses a card much over 28 KB. */
export const TEAMS_CARD_BYTES = 28_000;

export async function send(world: FuzzWorld, req: FuzzRequest): Promise<FuzzResponse> {
  const res = await fetch(`${world.url}${req.path}`, { method: req.method, headers: req.headers, body: req.body });
  return { status: res.status, text: await res.text() };
}

const escaped = (text: string) => JSON.stringify(text).slice(1, -1);

/** What the actor may not see: the other organisation's people and ids, and colleagues' private text. */
function hiddenFrom(world: FuzzWorld, actor: ActorName): string[] {
  const own = world.orgOf[actor];
  const hidden: string[] = [];
  for (const [name, person] of Object.entries(world.people) as Array<[ActorName, FuzzWorld['people'][ActorName]]>) {
    if (name === actor) continue;
    const sameOrg = world.orgOf[name] === own;
    const reviews = person.reviewerId === world.people[actor].id;
    if (!sameOrg) hidden.push(person.id, person.displayName, person.email, person.entraObjectId!);
    if (!sameOrg || !reviews) hidden.push(...world.privateText[name].filter((t) => sameOrg ? !/^[A-Z][a-z]+ [A-Z]/.test(t) && !t.includes('@') : true));
  }
  const otherOrg = Object.values(world.orgOf).find((o) => o !== own)!;
  hidden.push(otherOrg);
  return hidden;
}

const INTERNAL: Array<[string, RegExp]> = [
  ['a stack', /\bat [\w.<>]+ \(|\bat .+:\d+:\d+|\.(ts|js):\d+/],
  ['an error', /\b\w*Error:|E11000|duplicate key|MongoServerError|ENOTFOUND|ECONNREFUSED|getaddrinfo|ferretdb|postgres|Unexpected token|in JSON at position/i],
  ['a host of ours', /127\.0\.0\.1|localhost|\[::1\]/i],
];

function leaksIn(world: FuzzWorld, c: FuzzCase, req: FuzzRequest, res: FuzzResponse): string | undefined {
  for (const [what, pattern] of INTERNAL) {
    const match = res.text.match(pattern);
    if (match) return `${what}: …${res.text.slice(Math.max(0, (match.index ?? 0) - 60), (match.index ?? 0) + 80)}…`;
  }
  const sent = `${req.path} ${typeof req.body === 'string' ? req.body : req.body?.toString('utf8') ?? ''} ${Object.values(req.headers).join(' ')}`;
  const allowed = new Set(c.allowed?.(world) ?? []);
  for (const secret of [...hiddenFrom(world, c.actor).filter((t) => !allowed.has(t)), ...(c.canaries?.(world) ?? [])]) {
    // Echoing back what the sender sent tells them nothing.
    if (sent.includes(secret) || sent.includes(escaped(secret))) continue;
    if (res.text.includes(secret) || res.text.includes(escaped(secret))) return `someone else's data: ${JSON.stringify(secret)}`;
  }
  return undefined;
}

/** A refusal card's text: the card the invoke answered (or the replies), as JSON. */
function cardOf(res: FuzzResponse): { card?: unknown; bytes: number } {
  try {
    const body = JSON.parse(res.text) as { type?: string; value?: unknown };
    if (body?.type === 'application/vnd.microsoft.card.adaptive') return { card: body.value, bytes: Buffer.byteLength(res.text) };
  } catch {
    // not JSON: no card
  }
  return { bytes: Buffer.byteLength(res.text) };
}

async function wrongWrites(world: FuzzWorld, c: FuzzCase, target: FuzzRequest['target'], res: FuzzResponse, changes: Change[]): Promise<string | undefined> {
  const own = world.orgOf[c.actor];
  const foreign = changes.find((ch) => ch.organisationId !== own && !(ch.collection === 'decisions' && ch.organisationId === '(none)'));
  if (foreign) return `wrote ${foreign.change} ${foreign.collection} ${foreign.id} in ${foreign.organisationId}`;
  if (c.status && res.status < 300) return `a request that must be refused was answered ${res.status}`;
  const refused = c.expect === 'refuse' || (target === 'api' && res.status >= 400);
  if (refused) {
    const stored = changes.find((ch) => !AMBIENT_WRITES.has(ch.collection));
    if (stored) return `a refused request wrote ${stored.change} ${stored.collection} ${stored.id}`;
  }
  return c.writes?.(world, changes, res);
}

async function lostText(world: FuzzWorld, c: FuzzCase, res: FuzzResponse, changes: Change[]): Promise<string | undefined> {
  if (c.expect === 'store' && (res.status < 200 || res.status >= 300)) return `a valid request was answered ${res.status}`;
  const { card, bytes } = cardOf(res);
  if (card !== undefined && bytes > TEAMS_CARD_BYTES) return `a card of ${bytes} bytes (Teams refuses over ${TEAMS_CARD_BYTES})`;
  if (c.carryBack && res.status === 200) {
    const text = JSON.stringify(card ?? res.text);
    for (const typed of c.carryBack) {
      const part = typed.trim().slice(0, 1000);
      if (part && !text.includes(escaped(part)) && !text.includes(escaped(part.slice(0, 100)))) return `the card does not carry back ${JSON.stringify(part.slice(0, 60))}`;
    }
  }
  if (c.stored && (c.expect === 'store' || res.status < 300)) return c.stored(world, res, changes);
  return undefined;
}

/** The id of another tenant's record answered differently from an invented one reveals it exists. */
async function probeLeak(world: FuzzWorld, c: FuzzCase, req: FuzzRequest, res: FuzzResponse): Promise<string | undefined> {
  const invented = randomUUID();
  const other = await send(world, await c.build(world, invented));
  if (other.status !== res.status) return `another tenant's id answered ${res.status}, an invented one ${other.status}`;
  const normal = (text: string) => text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<id>').replace(/"id":"[^"]*"|"(requestId|activityId|replyToId|timestamp|localTimestamp)":"[^"]*"/g, '');
  if (normal(other.text) !== normal(res.text) && res.status !== 200) return `another tenant's id answered unlike an invented one: ${res.text.slice(0, 200)} vs ${other.text.slice(0, 200)}`;
  void req;
  return undefined;
}

/** A failure behind a 200: the server logged an unexpected error, or a card says something went wrong on our side. */
function hiddenFailure(world: FuzzWorld, errorsBefore: number, res: FuzzResponse): string | undefined {
  const logged = world.errors.slice(errorsBefore);
  if (logged.length > 0) return `answered ${res.status} after logging an unexpected error: ${logged[0]}`;
  if (/on our side/i.test(res.text)) return `answered ${res.status} saying it failed on our side: ${res.text.slice(0, 300)}`;
  return undefined;
}

export interface RunOptions {
  cases: number;
  seed: number;
  /** Cases of the caller's own instead of the generated ones (to show the classifier can fail). */
  given?: FuzzCase[];
  progress?: (message: string) => void;
  /** Told each case's response (FUZZ_DEBUG, to see what the server answered). */
  observe?: (c: FuzzCase, res: FuzzResponse) => void;
}

export async function runFuzz(world: FuzzWorld, options: RunOptions): Promise<{ summary: FuzzSummary; failures: FuzzFailure[] }> {
  const cases = options.given ?? generateCases(options.cases, options.seed);
  const summary: FuzzSummary = { cases: 0, status5xx: 0, wrongWrites: 0, leaks: 0, lostText: 0 };
  const failures: FuzzFailure[] = [];
  let before = await snapshot(world.runtime.db);
  for (const c of cases) {
    if (c.prepare) {
      await c.prepare(world);
      before = await snapshot(world.runtime.db);
    }
    const errorsBefore = world.errors.length;
    const req = await c.build(world);
    const responses = await Promise.all(Array.from({ length: c.repeat ?? 1 }, () => send(world, req)));
    // Judged by a 5xx if any, else by one that was accepted (of racing requests, the one that wrote), else the first.
    const res = responses.find((r) => r.status >= 500) ?? responses.find((r) => r.status < 300) ?? responses[0]!;
    options.observe?.(c, res);
    let after = await snapshot(world.runtime.db);
    const changes = diff(before, after);
    const found: Array<[FuzzFailure['counter'], string | undefined]> = [
      ['status5xx', res.status >= 500 ? `answered ${res.status}: ${res.text.slice(0, 200)}` : hiddenFailure(world, errorsBefore, res)],
      ['wrongWrites', await wrongWrites(world, c, req.target, res, changes)],
      ['leaks', leaksIn(world, c, req, res)],
      ['lostText', await lostText(world, c, res, changes)],
    ];
    if (c.probe && res.status < 500) {
      found.push(['leaks', await probeLeak(world, c, req, res)]);
      const afterProbe = await snapshot(world.runtime.db);
      const probeWrites = diff(after, afterProbe).filter((ch) => !AMBIENT_WRITES.has(ch.collection));
      if (probeWrites.length) found.push(['wrongWrites', `the invented-id probe wrote ${probeWrites[0]!.collection}`]);
      after = afterProbe;
    }
    summary.cases += 1;
    const counted = new Set<string>();
    for (const [counter, detail] of found) {
      if (!detail || counted.has(counter)) continue;
      counted.add(counter);
      summary[counter] += 1;
      failures.push({ n: c.n, counter, kind: c.kind, summary: c.summary, status: res.status, detail });
    }
    before = after;
    if (options.progress && (c.n + 1) % 50 === 0) options.progress(`${c.n + 1}/${cases.length} cases; so far ${JSON.stringify(summary)}`);
  }
  return { summary, failures };
}
