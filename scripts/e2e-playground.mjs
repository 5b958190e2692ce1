#!/usr/bin/env node
// `npm run e2e:playground`: the bot end to end in the Microsoft 365 Agents Playground.
// Builds the server, then starts everything on its own free ports so it never clashes with a
// running `npm start`: FerretDB with its data in a temporary folder (or, when MONGODB_URI is set, a
// throwaway database there), the server (development mode, the demo organisation `npm start` loads,
// on the real clock: whatever today is, a check-in is open), and the Playground pointed at it.
// Headless Chromium then runs test/e2e/playground.mjs. Everything started here is stopped at the end.
//
// Prints `e2e: PASS`, or `e2e: FAIL <reason>` and exits 1. Logs and screenshots: test-results/.
//   --no-build   use the existing dist/ (after `npm run build:server`)
//   PGTEAMS_CLOCK=<ISO instant>   instead of the demo on the real clock: the dev directory and TSFE
//                                 2025-26 with the server's "now" fixed there (e.g. 2026-02-27T10:00:00Z: check-in 6 open)
/* global AbortSignal -- Node.js global, not in the shared eslint globals */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, 'test-results');
const CLOCK = process.env.PGTEAMS_CLOCK;
/** The whole run, build included, must finish within this. */
const DEADLINE_MS = Number(process.env.E2E_DEADLINE_MS || 150000);

const started = Date.now();
const children = [];
const cleanups = [];
let finished = false;

function say(message) {
  process.stdout.write(`${message}\n`);
}

function elapsed() {
  return `${((Date.now() - started) / 1000).toFixed(1)} s`;
}

async function finish(error) {
  if (finished) return;
  finished = true;
  await stopAll();
  if (error) {
    const logs = children.map((c) => path.relative(root, c.logPath)).join(', ');
    say(`e2e: FAIL ${String(error.message ?? error).replace(/\s+/g, ' ').trim()}${logs ? ` (logs: ${logs})` : ''}`);
    process.exit(1);
  }
  say(`e2e: PASS (${elapsed()})`);
  process.exit(0);
}

async function stopAll() {
  for (const child of children.reverse()) await stopChild(child);
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
}

function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}


/** Starts a child process with its output in test-results/<logName>; fails the run if it dies early. */
function startChild(label, command, args, env, logName) {
  const logPath = path.join(results, logName);
  const log = createWriteStream(logPath);
  const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  child.logPath = logPath;
  child.label = label;
  children.push(child);
  child.on('exit', (code, signal) => {
    log.end();
    if (!finished) finish(new Error(`${label} exited (${signal ?? code}) before the test finished; see ${path.relative(root, logPath)}`));
  });
  return child;
}

async function waitFor(url, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err.cause?.code ?? err.message;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} (${url}) was not ready within ${timeoutMs / 1000} s: ${last}`);
}

async function main() {
  await mkdir(results, { recursive: true });
  const deadline = setTimeout(() => finish(new Error(`the run took longer than ${DEADLINE_MS / 1000} s`)), DEADLINE_MS);
  deadline.unref();

  if (!process.argv.includes('--no-build')) {
    say('› building the server (tsc -p tsconfig.build.json)');
    const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: root, encoding: 'utf8' });
    if (tsc.status !== 0) throw new Error(`the server does not build:\n${(tsc.stdout + tsc.stderr).trim().split('\n').slice(0, 10).join('\n')}`);
  }
  if (!existsSync(path.join(root, 'dist', 'bot', 'main.js'))) throw new Error('dist/bot/main.js is missing: run without --no-build');

  // The database: our own FerretDB in a temporary folder, or a throwaway database on MONGODB_URI.
  let mongodbUri = process.env.MONGODB_URI;
  let dbName = process.env.MONGODB_DB || 'pgteams';
  if (mongodbUri) {
    dbName = `pgteams_e2e_${Date.now().toString(36)}`;
    say(`› using MONGODB_URI with a throwaway database ${dbName}`);
    cleanups.push(async () => {
      const { MongoClient } = require('mongodb');
      const client = new MongoClient(mongodbUri, { serverSelectionTimeoutMS: 3000 });
      try {
        await client.db(dbName).dropDatabase();
      } finally {
        await client.close();
      }
    });
  } else {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'pgteams-e2e-ferretdb-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    say('› starting FerretDB (data in a temporary folder)');
    const { startFerretDb } = require('./ferretdb.js');
    const database = await startFerretDb({ dataDir });
    cleanups.push(() => database.stop());
    mongodbUri = database.uri;
  }

  const { freePort } = require('./ferretdb.js');
  const [port, playgroundPort] = [await freePort(), await freePort()];
  const directory = path.join(root, 'test', 'fixtures', 'directory.sample.csv');
  say(`› starting the server on port ${port} (${CLOCK ? `PGTEAMS_CLOCK=${CLOCK}, dev directory` : 'demo organisation, real clock'})`);
  const serverEnv = {
    ...process.env,
    NODE_ENV: 'development',
    AUTH_MODE: 'dev',
    LOG_LEVEL: process.env.LOG_LEVEL || 'info',
    PORT: String(port),
    MONGODB_URI: mongodbUri,
    MONGODB_DB: dbName,
    PUBLIC_URL: `http://localhost:${port}`,
    ...(CLOCK ? { PGTEAMS_CLOCK: CLOCK } : { DEMO: 'on' }),
    // This run checks in by typing "check in". With the scheduler on, the worker (which now sends
    // as soon as prompts are queued) puts a second check-in form, the proactive prompt, in the same
    // chat, and the test could not tell which form was replaced.
    SCHEDULER: 'off',
    ...(CLOCK && existsSync(directory) ? { DIRECTORY_FILE: directory } : {}),
  };
  startChild('the server', process.execPath, [path.join(root, 'dist', 'bot', 'main.js')], serverEnv, 'playground-server.log');
  await waitFor(`http://127.0.0.1:${port}/readyz`, 30000, 'the server');

  say(`› starting the Agents Playground on port ${playgroundPort}`);
  startChild(
    'the Agents Playground',
    process.execPath,
    [
      path.join(root, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js'),
      '--app-endpoint', `http://127.0.0.1:${port}/api/messages`,
      '--channel-id', 'msteams',
      '--port', String(playgroundPort),
      '--disable-telemetry',
    ],
    { ...process.env, TEAMSAPPTESTER_BROWSER: 'none', BROWSER: 'none' },
    'playground-agents.log',
  );
  const playgroundUrl = `http://127.0.0.1:${playgroundPort}`;
  await waitFor(`${playgroundUrl}/`, 30000, 'the Agents Playground');

  say(`› driving the Playground in headless Chromium (${elapsed()} so far)`);
  const profileDir = await mkdtemp(path.join(tmpdir(), 'pgteams-e2e-chromium-'));
  cleanups.push(() => rm(profileDir, { recursive: true, force: true }));
  const { runPlaygroundScenario } = await import('../test/e2e/playground.mjs');
  await runPlaygroundScenario({ playgroundUrl, mongodbUri, dbName, resultsDir: results, profileDir, registerCleanup: (cleanup) => cleanups.push(cleanup), log: (line) => say(`  ${line}`) });
  say(`  screenshot: ${path.relative(root, path.join(results, 'playground-confirmation.png'))}`);
}

process.on('SIGINT', () => finish(new Error('interrupted')));
process.on('SIGTERM', () => finish(new Error('terminated')));
main().then(
  () => finish(),
  (err) => finish(err),
);
