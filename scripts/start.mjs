#!/usr/bin/env node
// `npm start`: the whole app on one machine. Builds the server and the tab, starts the local
// database (FerretDB, unless MONGODB_URI is set), the server, and the Microsoft 365 Agents
// Playground pointed at the bot, then prints where to go. Ctrl-C stops everything.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { startFerretDb } = require('./ferretdb.js');

const PORT = Number(process.env.PORT || 3978);
const PLAYGROUND_PORT = Number(process.env.PLAYGROUND_PORT || 56150);
const children = [];
let database;

function say(message) {
  process.stdout.write(`${message}\n`);
}

function run(command, args, label) {
  say(`› ${label}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    say(`✗ ${label} failed (exit ${result.status})`);
    process.exit(result.status || 1);
  }
}

async function waitFor(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

async function shutdown(code = 0) {
  for (const child of children.reverse()) if (child.exitCode === null) child.kill('SIGTERM');
  if (database) await database.stop();
  process.exit(code);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

async function main() {
  if (!process.argv.includes('--no-build')) {
    run('npx', ['tsc', '-p', 'tsconfig.build.json'], 'building the server');
    run('npx', ['vite', 'build', '--config', 'tab/vite.config.ts', '--logLevel', 'warn'], 'building the tab');
  }

  let mongodbUri = process.env.MONGODB_URI;
  if (!mongodbUri) {
    say('› starting the local database (FerretDB on PostgreSQL, data in .data/localdb)');
    database = await startFerretDb({ dataDir: path.join(root, '.data', 'localdb') });
    mongodbUri = database.uri;
  }

  // The demo organisation (bot/usecases/demo.ts): the Playground's people, this academic year's
  // cycle with a check-in open now on any date, past check-ins and rocks. DEMO=off for an empty
  // organisation from the dev directory instead.
  const demo = process.env.DEMO !== 'off';
  const env = {
    NODE_ENV: 'development',
    AUTH_MODE: 'dev',
    LOG_LEVEL: 'info',
    DEMO: demo ? 'on' : 'off',
    ...(demo ? {} : { DIRECTORY_FILE: path.join(root, 'test', 'fixtures', 'directory.sample.csv') }),
    ...process.env,
    PORT: String(PORT),
    MONGODB_URI: mongodbUri,
    PUBLIC_URL: process.env.PUBLIC_URL || `http://localhost:${PORT}`,
  };
  say(`› starting the server on port ${PORT}`);
  // restify loads spdy (HTTP/2, unused here), whose http-deceiver reads process.binding('http_parser'):
  // Node's DEP0111 notice on every start says nothing about this app, so it is turned off by code.
  const server = spawn(process.execPath, ['--disable-warning=DEP0111', path.join(root, 'dist', 'bot', 'main.js')], { cwd: root, env, stdio: 'inherit' });
  children.push(server);
  server.on('exit', (code) => {
    say(`server exited (${code})`);
    shutdown(code || 1);
  });
  await waitFor(`http://127.0.0.1:${PORT}/readyz`, 30000);

  say('› starting the Microsoft 365 Agents Playground');
  const playground = spawn(
    process.execPath,
    [
      path.join(root, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js'),
      '--app-endpoint', `http://127.0.0.1:${PORT}/api/messages`,
      '--channel-id', 'msteams',
      '--port', String(PLAYGROUND_PORT),
      '--disable-telemetry',
    ],
    { cwd: root, env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none', BROWSER: 'none' }, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  children.push(playground);
  await waitFor(`http://127.0.0.1:${PLAYGROUND_PORT}/`, 60000);

  say('');
  say('Professional Growth for Teams is running:');
  say(`  Talk to the bot:  http://localhost:${PLAYGROUND_PORT}   (Agents Playground; type "help", or "check in")`);
  if (demo) say('  Demo organisation: you are Megan Bowen (PG admin, reviewer Patti Fernandez); a check-in is open now.');
  say(`  The tab:          http://localhost:${PORT}/tab/   (outside Teams it offers the local dev sign-in)`);
  say(`  Health:           http://localhost:${PORT}/healthz and /readyz`);
  say('Press Ctrl-C to stop.');
}

main().catch((err) => {
  say(`✗ ${err.message}`);
  shutdown(1);
});
