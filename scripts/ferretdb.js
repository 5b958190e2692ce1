#!/usr/bin/env node
// Local MongoDB wire-protocol database for development and tests: FerretDB with its SQLite
// backend (DESIGN.md, "Real components"). No MongoDB server binary can be installed on the
// project's machines, so FerretDB is built from the Go module proxy and cached under .cache/.
//
//   node scripts/ferretdb.js install   build the binary if it is not cached yet
//   node scripts/ferretdb.js run       start it on a free port and print the URI (Ctrl-C stops it)
'use strict';

const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const CACHE_DIR = path.join(ROOT, '.cache', 'ferretdb');
const BINARY = path.join(CACHE_DIR, 'bin', 'ferretdb');
// v1.24.2 is the version the project is tested on; v1.24.1 is the fallback the proxy also serves.
const VERSIONS = ['v1.24.2', 'v1.24.1'];
const MODULE = 'github.com/FerretDB/FerretDB';

function log(message) {
  process.stderr.write(`[ferretdb] ${message}\n`);
}

/**
 * Builds FerretDB once into .cache/ferretdb/bin. A plain `go install ...@version` is refused by
 * this machine's module proxy (it cannot list versions for the deprecation check), and a binary
 * built outside FerretDB's own repository needs build/version/version.txt, which is generated
 * there. So: a throwaway module requires FerretDB at an exact version, vendors it, writes the
 * version file, and builds from the vendor tree.
 */
function ensureBinary() {
  if (fs.existsSync(BINARY)) return BINARY;
  const goVersion = (() => {
    try {
      return execFileSync('go', ['version'], { encoding: 'utf8' }).trim();
    } catch {
      throw new Error('FerretDB is not built yet and Go is not installed. Install Go 1.22+ or set MONGODB_URI to an existing MongoDB.');
    }
  })();
  log(`building FerretDB with ${goVersion} (first run only, about a minute)`);
  const errors = [];
  for (const version of VERSIONS) {
    const work = path.join(CACHE_DIR, `build-${version}`);
    fs.rmSync(work, { recursive: true, force: true });
    fs.mkdirSync(work, { recursive: true });
    const go = (args) => execFileSync('go', args, { cwd: work, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' } });
    try {
      go(['mod', 'init', 'pgteams.local/ferretdb']);
      fs.writeFileSync(path.join(work, 'tools.go'), `//go:build tools\n\npackage tools\n\nimport _ "${MODULE}/cmd/ferretdb"\n`);
      go(['get', `${MODULE}/cmd/ferretdb@${version}`]);
      go(['mod', 'vendor']);
      fs.writeFileSync(path.join(work, 'vendor', 'github.com', 'FerretDB', 'FerretDB', 'build', 'version', 'version.txt'), `${version}\n`);
      fs.mkdirSync(path.dirname(BINARY), { recursive: true });
      execFileSync('go', ['build', '-mod=vendor', '-o', BINARY, `${MODULE}/cmd/ferretdb`], { cwd: work, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, GOTOOLCHAIN: 'local' } });
      fs.rmSync(work, { recursive: true, force: true });
      log(`built ${version} at ${path.relative(ROOT, BINARY)}`);
      return BINARY;
    } catch (err) {
      errors.push(`${version}: ${String(err.stderr || err.message).trim().split('\n').slice(-3).join(' | ')}`);
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

/**
 * Starts FerretDB on 127.0.0.1 on a free port with its SQLite files in dataDir.
 * @param {{ dataDir?: string, quiet?: boolean }} [options]
 * @returns {Promise<{ uri: string, port: number, pid: number, stop: () => Promise<void> }>}
 */
async function startFerretDb(options = {}) {
  const binary = ensureBinary();
  const dataDir = path.resolve(options.dataDir || path.join(ROOT, '.data', 'ferretdb'));
  fs.mkdirSync(dataDir, { recursive: true });
  const port = await freePort();
  const args = [
    '--handler=sqlite',
    `--sqlite-url=file:${dataDir}/`,
    `--state-dir=${dataDir}`,
    `--listen-addr=127.0.0.1:${port}`,
    '--telemetry=disable',
    '--debug-addr=-',
    '--log-level=error',
  ];
  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', options.quiet === false ? 'inherit' : 'ignore'], detached: false });
  const uri = `mongodb://127.0.0.1:${port}/`;
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 3000).unref();
    });
  try {
    await waitForPing(uri, child, 20000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { uri, port, pid: child.pid, stop };
}

module.exports = { ensureBinary, startFerretDb, freePort, BINARY };

if (require.main === module) {
  const command = process.argv[2] || 'run';
  if (command === 'install') {
    try {
      ensureBinary();
      log(`ready: ${path.relative(ROOT, BINARY)}`);
    } catch (err) {
      log(err.message);
      process.exit(1);
    }
  } else if (command === 'run') {
    startFerretDb({ quiet: false })
      .then((db) => {
        process.stdout.write(`${db.uri}\n`);
        const shutdown = () => db.stop().then(() => process.exit(0));
        process.on('SIGINT', shutdown);
        process.on('SIGTERM', shutdown);
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
