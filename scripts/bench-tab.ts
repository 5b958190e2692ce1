// First-content benchmark for the tab (issue 15, "Fast": first content ≤ 800 ms on loopback).
//
//   npm run bench:tab                 15 runs
//   npm run bench:tab -- --runs 5     a smoke run
//
// The deployed server (`node dist/bot/main.js`, AUTH_MODE=teams, tokens from the identity stand-in
// test/standins/identity.ts) on FerretDB, with a small trust seeded by the server's own use cases:
// Alice (staff) reviewed by Rita, four of Alice's check-ins, praise. Each run launches Debian
// Chromium with a fresh profile (cold cache), opens /tab/ as Alice and reads the time of
// performance.mark('pg:first-content') — set by LoadState the first time a view shows loaded data —
// from the page's own clock (ms since navigation start), and the JavaScript it transferred (sum of
// encodedBodySize of .js resources: compressed bytes as sent). It then loads /tab/ again in the same
// profile (warm cache: hashed assets from the cache, index.html revalidated).
//
// Builds the tab and the server first when their sources are newer (--build forces, --no-build skips).
// Prints one line per run, the medians, then one JSON line last:
//   {"firstContentMsMedian", "firstContentMsWarmMedian", "jsTransferKb", "runs"}
// --target-ms N: exit 1 when the cold median is above N (not set by default).
// MONGODB_URI: use that server (a fresh database on it) instead of starting FerretDB.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { createLogger } from '../bot/logger';
import type { UseCaseContext } from '../bot/usecases/context';
import { importDirectory, parseDirectoryFile } from '../bot/usecases/directory';
import { cycleIdFor, ensureOrganisation, eventIdFor } from '../bot/usecases/organisations';
import { checkInSchema, praiseSchema, type Person } from '../shared/domain';
import { getPolicyPack } from '../shared/policy';
import { cleanups, databaseUri, openDatabase, repo, serverEnv, startIdentity, startServer } from '../test/e2e/harness';

const POLICY = 'tsat-2023-24';
// As test/e2e/tab.ts: Wednesday of check-in 6's window, so the tab has history and an open window.
const NOW = new Date('2024-01-24T12:00:00.000Z');

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number`);
  return value;
}
const args = { runs: Math.max(1, Math.floor(option('runs', 15))), targetMs: option('target-ms', 0) };

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const round = (n: number, digits = 0) => Math.round(n * 10 ** digits) / 10 ** digits;

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(join(repo, dir), { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}
const built = (file: string) => (existsSync(join(repo, file)) ? statSync(join(repo, file)).mtimeMs : 0);

function buildIfStale(): void {
  if (process.argv.includes('--no-build')) return;
  const force = process.argv.includes('--build');
  const steps: Array<[string, string, string[]]> = [];
  if (force || built('tab/dist/index.html') < Math.max(newest('tab/src'), newest('shared'), built('tab/index.html'), built('tab/vite.config.ts'))) {
    steps.push(['the tab', join(repo, 'node_modules/.bin/vite'), ['build', '--config', 'tab/vite.config.ts', '--logLevel', 'warn']]);
  }
  if (force || built('dist/bot/main.js') < Math.max(newest('bot'), newest('shared'))) {
    steps.push(['the server', join(repo, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json']]);
  }
  for (const [label, command, commandArgs] of steps) {
    console.log(`building ${label}`);
    const result = spawnSync(command, commandArgs, { cwd: repo, stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`building ${label} failed (exit ${result.status})`);
  }
}

/** A small trust: Rita reviews Alice; Alice has four check-ins and two thank-yous. Returns Alice. */
async function seed(uri: string, dbName: string): Promise<Person> {
  const { repos } = await openDatabase(uri, dbName);
  const ctx: UseCaseContext = { repos, now: () => NOW, logger: createLogger('silent') };
  const tenantId = randomUUID();
  const org = { organisationId: tenantId };
  await ensureOrganisation(ctx, { organisationId: tenantId, policyId: POLICY });
  const ids = { rita: randomUUID(), alice: randomUUID() };
  const csv = [
    'name,email,objectId,school,role,reviewer,roles',
    `Rita Reviewer,rita@example.org,${ids.rita},Hilltop Primary,leader,,`,
    `Alice Adams,alice@example.org,${ids.alice},Hilltop Primary,teacher,rita@example.org,`,
  ].join('\n');
  await importDirectory(ctx, tenantId, parseDirectoryFile(csv, 'csv'));
  const rita = (await repos.people.findByEntraObjectId(org, ids.rita))!;
  const alice = (await repos.people.findByEntraObjectId(org, ids.alice))!;
  const cycleKey = getPolicyPack(POLICY).cycle.key;
  const cycleId = cycleIdFor(tenantId, cycleKey);
  for (const [eventKey, submitted, score] of [['check-in-1', '2023-11-01T15:00:00Z', 6], ['check-in-2', '2023-11-20T10:00:00Z', 7], ['check-in-4', '2023-12-14T16:00:00Z', 7], ['check-in-5', '2024-01-11T16:00:00Z', 8]] as const) {
    const at = new Date(submitted);
    await repos.checkIns.submit(
      org,
      checkInSchema.parse({
        id: randomUUID(), organisationId: tenantId, personId: alice.id, cycleId, eventId: eventIdFor(tenantId, cycleKey, eventKey),
        answers: { www: `Year 5 reading groups went well (${eventKey}).`, ebi: 'Even better if I had planned the plenary.', whatsNext: 'Try exit tickets with Year 6.', score },
        submittedAt: at, timeliness: 'on-time', reviewerId: rita.id, createdAt: at, updatedAt: at,
      }),
    );
  }
  await repos.praise.insert(org, [
    praiseSchema.parse({ id: randomUUID(), organisationId: tenantId, fromPersonId: rita.id, toPersonId: alice.id, message: 'Brilliant phonics training for the new TAs.', createdAt: new Date('2023-12-14T16:00:00Z') }),
    praiseSchema.parse({ id: randomUUID(), organisationId: tenantId, fromPersonId: alice.id, toPersonId: rita.id, message: 'Thank you for the cover.', createdAt: new Date('2024-01-11T16:00:00Z') }),
  ]);
  return alice;
}

interface Load {
  firstContentMs: number;
  /** Compressed bytes of the .js files the page used (from the cache too). */
  jsBytes: number;
  /** Bytes of .js that came over the network (0 for a cache hit). */
  jsNetworkBytes: number;
  jsFiles: number;
  /** When the last .js file and the last API response before first content had arrived. */
  jsDoneMs: number;
  apiDoneMs: number;
  apiCalls: number;
}

/** Opens the tab and waits for the first-content mark; the figures come from the page's own clock. */
async function load(page: Page, url: string): Promise<Load> {
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('pg:first-content').length > 0, undefined, { timeout: 30_000 });
  return page.evaluate(() => {
    const mark = performance.getEntriesByName('pg:first-content')[0]!;
    type Resource = { name: string; encodedBodySize: number; transferSize: number; startTime: number; responseEnd: number };
    const resources = (performance.getEntriesByType('resource') as unknown as Resource[]).filter((r) => r.startTime <= mark.startTime);
    const scripts = resources.filter((r) => /\.js(\?|$)/.test(r.name));
    const api = resources.filter((r) => r.name.includes('/api/'));
    // No helper functions in here: tsx names them with a __name() the page does not have.
    return {
      firstContentMs: mark.startTime,
      jsBytes: scripts.reduce((total, r) => total + r.encodedBodySize, 0),
      jsNetworkBytes: scripts.reduce((total, r) => total + r.transferSize, 0),
      jsFiles: scripts.length,
      jsDoneMs: scripts.reduce((latest, r) => Math.max(latest, r.responseEnd), 0),
      apiDoneMs: api.reduce((latest, r) => Math.max(latest, r.responseEnd), 0),
      apiCalls: api.length,
    };
  });
}

async function run(url: string, token: string): Promise<{ cold: Load; warm: Load }> {
  const profile = await mkdtemp(join(tmpdir(), 'pgteams-bench-tab-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    await context.addInitScript((t) => {
      (globalThis as Record<string, unknown>).__PGTEAMS_TEST_TOKEN__ = t;
    }, token);
    const page = context.pages()[0] ?? (await context.newPage());
    const cold = await load(page, url);
    const warm = await load(await context.newPage(), url);
    return { cold, warm };
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  buildIfStale();
  const uri = await databaseUri('bench-tab');
  const dbName = `bench_tab_${Date.now().toString(36)}`;
  const alice = await seed(uri, dbName);
  const identity = await startIdentity();
  const origin = (await startServer({ ...serverEnv(uri, dbName, identity), LOG_LEVEL: 'error', PGTEAMS_CLOCK: NOW.toISOString() }))!;
  // Tokens last an hour from the server's (fixed) clock, so one serves every run.
  const token = await identity.signToken({ oid: alice.entraObjectId!, tid: alice.organisationId, name: alice.displayName, preferred_username: alice.email }, { now: NOW });
  const url = `${origin}/tab/`;
  console.log(`server: node dist/bot/main.js at ${origin}; ${args.runs} runs as ${alice.displayName} (staff), Chromium ${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'}, fresh profile each`);

  await run(url, token); // one unrecorded run: the server's and the database's first queries
  const results: Array<{ cold: Load; warm: Load }> = [];
  for (let i = 1; i <= args.runs; i++) {
    const r = await run(url, token);
    results.push(r);
    const kb = (bytes: number) => `${round(bytes / 1024, 1)} KB`;
    console.log(
      `run ${String(i).padStart(2)}: first content ${round(r.cold.firstContentMs)} ms cold (JS in by ${round(r.cold.jsDoneMs)} ms, ${r.cold.apiCalls} API calls by ${round(r.cold.apiDoneMs)} ms), ` +
        `${round(r.warm.firstContentMs)} ms warm (API by ${round(r.warm.apiDoneMs)} ms); JS ${kb(r.cold.jsBytes)} compressed in ${r.cold.jsFiles} files, ${kb(r.warm.jsNetworkBytes)} over the network warm`,
    );
  }
  const result = {
    firstContentMsMedian: round(median(results.map((r) => r.cold.firstContentMs))),
    firstContentMsWarmMedian: round(median(results.map((r) => r.warm.firstContentMs))),
    jsTransferKb: round(median(results.map((r) => r.cold.jsBytes)) / 1024, 1),
    runs: args.runs,
  };
  console.log(`median first content: ${result.firstContentMsMedian} ms cold, ${result.firstContentMsWarmMedian} ms warm; ${result.jsTransferKb} KB of JS transferred cold`);
  console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')} (the machine's CPUs are shared with whatever else runs)`);
  console.log(JSON.stringify(result));
  if (args.targetMs > 0 && result.firstContentMsMedian > args.targetMs) process.exitCode = 1;
}

main()
  .catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 2;
  })
  .finally(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  });
