// Restart benchmark (issue 11, "must show"): a server holding a year of a large trust's data starts,
// is killed with SIGKILL (a crash), and starts again; each start is timed from spawn to the first
// 200 from /readyz, and the process's resident memory is read from /proc/<pid>/status when ready
// and after an idle spell with the scheduler and outbox worker running (ROLE=all, SCHEDULER=on).
//
//   npm run bench:restart -- --staff 50000
//   npm run bench:restart -- --staff 2000          a smoke run
//
// Seeded straight into the database (scripts/bench/seedYear.ts): N staff in several schools with a
// line manager per 20, 3 agreed rocks each, a personal conversation reference each, and a check-in
// from --submitted (0.8) of the staff for every numbered check-in whose window opened before
// --clock (2026-07-10T10:00Z: check-ins 1-12 past, check-in 13 open with --submitted-so-far 0.3 in;
// the optional check-in a third of --submitted). Seeding time is reported apart from the starts;
// --seed-only stops there. Batches of --batch (1000), --parallel (4) in flight, with the indexes in
// place (--indexes after builds them once the data is in: no faster, 18.4 s against 14.1 s at
// 5,000 staff; --parallel 2 and 8 gave 14.7 and 12.5 s: FerretDB's CPU is the limit).
//
// The first start is killed while --crash (40) submits, each from a different team, are in flight
// (once half have answered); after the restart the benchmark watches for --settle (60) seconds,
// past a dead worker's leases, that every one of them that was stored reached its reviewer's chat
// exactly once (`crash.missing` and `crash.duplicates` 0; --crash 0 kills an idle server instead).
//
// The server is the deployed one, `node dist/bot/main.js` after `npm run build:server`
// (--server tsx: `node --import tsx bot/main.ts`; --skip-build: use the dist/ already built).
// No DIRECTORY_FILE. Targets (every start): readyMs <= --ready-target-ms (10000), rssMb <=
// --rss-target-mb (300); and after the crash no reviewer missed or told twice. Prints figures,
// then one JSON line last; exits 1 when a target is missed, 2 when the benchmark itself failed.
//
// MONGODB_URI: use that server (a fresh database on it) instead of starting FerretDB.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Db } from 'mongodb';
import { startBotConnectorStandIn, type BotConnectorStandIn } from '../test/standins/botConnector';
import { checkInIdFor } from '../shared/domain';
import { BENCH_TENANT, conversationIdOf, freePort, log, parseArgs, ROOT, round, runBench, serverProcessOf, sleep, startDatabase, startServerProcess, type BenchDatabase, type ServerProcess } from './bench/common';
import { post, SUBMIT_STORED, submitInvoke, waitForReady } from './bench/http';
import { reviewerIndexOf, seedYear, type SeededYear } from './bench/seedYear';

const args = parseArgs({
  staff: 50_000,
  schools: 12,
  submitted: 0.8,
  submittedSoFar: 0.3,
  clock: '2026-07-10T10:00:00Z',
  idle: 5,
  batch: 1_000,
  parallel: 4,
  indexes: 'before',
  server: 'dist',
  skipBuild: false,
  seedOnly: false,
  readyTargetMs: 10_000,
  rssTargetMb: 300,
  readyTimeout: 120,
  crash: 40,
  settle: 60,
});
if (args.server !== 'dist' && args.server !== 'tsx') throw new Error('--server is dist or tsx');
if (args.indexes !== 'before' && args.indexes !== 'after') throw new Error('--indexes is before or after');

/** VmRSS (resident now) and VmHWM (the most it has been resident) of a process, in MiB. */
function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: round(kib('VmRSS') / 1024, 1), peakMb: round(kib('VmHWM') / 1024, 1) };
}

/** `node dist/bot/main.js`, as `npm start` runs the server, with its output relayed under a prefix. */
function startBuiltServer(name: string, env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'bot', 'main.js')], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return serverProcessOf(name, child);
}

/**
 * The server's own log lines (pino JSON on stdout) up to readiness, each as ms since spawn: where a
 * slow start spends its time (module loading before the first line, index checks, loading data).
 */
function watchStartLog(server: ServerProcess, spawnedAtEpochMs: number): { lines: Array<{ ms: number; msg: string }>; stop(): void } {
  const lines: Array<{ ms: number; msg: string }> = [];
  let partial = '';
  const onData = (chunk: Buffer | string) => {
    const parts = (partial + chunk.toString()).split('\n');
    partial = parts.pop() ?? '';
    for (const part of parts) {
      try {
        const entry = JSON.parse(part) as { time?: number; msg?: string };
        if (typeof entry.time === 'number' && typeof entry.msg === 'string') lines.push({ ms: entry.time - spawnedAtEpochMs, msg: entry.msg });
      } catch {
        // not a log line
      }
    }
  };
  server.child.stdout?.on('data', onData);
  return { lines, stop: () => server.child.stdout?.off('data', onData) };
}

interface StartFigures {
  readyMs: number;
  /** Resident when /readyz first answered, and after `idle` seconds. */
  rssReadyMb: number;
  rssIdleMb: number;
  /** VmHWM: the most the process was resident up to the end of the idle spell. */
  peakRssMb: number;
  /** Outbox jobs in the database at the end of the idle spell (a start that re-queues past work shows here). */
  outboxJobs: number;
  /** The first check-in submit after ready (someone who had not yet answered the open check-in), answered in. */
  firstSubmitMs: number | null;
  /** Restart only: resident at the end of the crash-recovery watch. */
  rssSettledMb?: number;
}

/** One submit right after ready: a start that answers /readyz but defers its loading to the first request shows here. */
async function firstSubmit(port: number, submit: { person: number; eventId: string; serviceUrl: string } | undefined): Promise<number | null> {
  if (!submit) return null;
  const agent = new http.Agent({ keepAlive: false });
  const started = performance.now();
  const res = await post(agent, port, '/api/messages', JSON.stringify(submitInvoke(submit.person, submit.serviceUrl, submit.eventId)));
  const ms = Math.round(performance.now() - started);
  agent.destroy();
  if (res.status !== 200 || !SUBMIT_STORED.test(res.text)) throw new Error(`the first submit after ready was not stored: HTTP ${res.status} ${res.text.slice(0, 200)}`);
  return ms;
}

type FirstSubmit = { person: number; eventId: string; serviceUrl: string } | undefined;

/** Starts a server (added to `servers` at once, for the caller to stop) and measures it; throws when it is not ready in time. */
async function measureStart(name: string, db: Db, env: Record<string, string>, submit: FirstSubmit, servers: ServerProcess[]): Promise<{ server: ServerProcess; port: number; readyAt: number; figures: StartFigures }> {
  const port = await freePort();
  const spawnedAt = performance.now();
  const spawnedAtEpochMs = Date.now();
  const server = args.server === 'dist' ? startBuiltServer(name, { ...env, PORT: String(port) }) : startServerProcess(name, { ...env, PORT: String(port) });
  servers.push(server);
  const startLog = watchStartLog(server, spawnedAtEpochMs);
  const readyAt = await waitForReady(port, server, { timeoutMs: args.readyTimeout * 1000, pollMs: 25 });
  const readyMs = Math.round(readyAt - spawnedAt);
  startLog.stop();
  log(`${name}: ${[...startLog.lines.map((l) => `+${l.ms} ms ${l.msg}`), `+${readyMs} ms /readyz 200`].join('; ')}`);
  const pid = server.child.pid!;
  const atReady = memoryOf(pid);
  const firstSubmitMs = await firstSubmit(port, submit);
  log(`${name}: ready in ${readyMs} ms, ${atReady.rssMb} MiB resident; first submit answered in ${firstSubmitMs ?? '-'} ms; idle ${args.idle} s`);
  await sleep(args.idle * 1000);
  if (server.child.exitCode !== null || server.child.signalCode !== null) throw new Error(`${name} exited while idle (${server.child.exitCode ?? server.child.signalCode})`);
  const idle = memoryOf(pid);
  const outboxJobs = await db.collection('outboxJobs').countDocuments({ organisationId: BENCH_TENANT });
  log(`${name}: after ${args.idle} s idle ${idle.rssMb} MiB resident (peak ${idle.peakMb} MiB), ${outboxJobs} outbox jobs`);
  return { server, port, readyAt, figures: { readyMs, rssReadyMb: atReady.rssMb, rssIdleMb: idle.rssMb, peakRssMb: idle.peakMb, outboxJobs, firstSubmitMs } };
}

function buildServer(): number {
  const started = performance.now();
  log('npm run build:server');
  const result = spawnSync('npm', ['run', '--silent', 'build:server'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm run build:server failed (exit ${result.status})`);
  return (performance.now() - started) / 1000;
}

interface Crash {
  /** Submits sent at once, each from a different team; the server was killed once half had answered. */
  submitted: number;
  answeredBeforeKill: number;
}

/** Sends `people`'s submits all at once and kills the server (SIGKILL) once half have answered: a crash mid-work. */
async function crashUnderLoad(server: ServerProcess, port: number, people: number[], eventId: string, serviceUrl: string): Promise<Crash> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  let answered = 0;
  const kill = () => server.child.signalCode === null && server.child.exitCode === null && server.child.kill('SIGKILL');
  const timer = setTimeout(kill, 5_000);
  const outcomes = await Promise.all(
    people.map(async (i) => {
      try {
        const res = await post(agent, port, '/api/messages', JSON.stringify(submitInvoke(i, serviceUrl, eventId)), 10_000);
        const stored = res.status === 200 && SUBMIT_STORED.test(res.text);
        if (stored && ++answered >= Math.ceil(people.length / 2)) kill();
        return stored;
      } catch {
        return false; // in flight when the server died
      }
    }),
  );
  clearTimeout(timer);
  kill();
  await server.exited;
  agent.destroy();
  return { submitted: people.length, answeredBeforeKill: outcomes.filter(Boolean).length };
}

interface Recovery {
  /** Of the crash's submits: stored check-ins, and how many of those reached their reviewer's chat. */
  stored: number;
  reviewerNotified: number;
  /** Stored, reviewer never told by the end of the settle time (told: a new message, sent or as a reply, in their chat). */
  missing: number;
  /** Reviewer copies sent beyond one per stored check-in. */
  duplicates: number;
  /** Reviewers told of a check-in that was not stored. */
  notifiedNotStored: number;
  /** From the restart's readiness to the moment every stored check-in's reviewer had been told. */
  completeAfterMs: number | null;
  settleS: number;
}

/**
 * After the restart, watches for `settle` seconds (past a dead worker's leases) whether each stored
 * check-in of the crash reached its reviewer exactly once (one reviewer per submitter, so a send
 * to that reviewer's chat is that check-in's).
 */
async function watchRecovery(db: Db, standIn: BotConnectorStandIn, seeded: SeededYear, people: number[], since: number): Promise<Recovery> {
  const eventId = seeded.openEvent!.id;
  const ids = people.map((i) => checkInIdFor(BENCH_TENANT, eventId, seeded.personIds[i]!));
  let completeAfterMs: number | null = null;
  for (;;) {
    const found = await db.collection<{ _id: string }>('checkIns').find({ organisationId: BENCH_TENANT, _id: { $in: ids } }, { projection: { _id: 1 } }).toArray();
    const stored = new Set(found.map((d) => d._id));
    const each = people.map((i, k) => ({ stored: stored.has(ids[k]!), sends: standIn.sentTo(conversationIdOf(reviewerIndexOf(i)!)).filter((a) => a.kind !== 'update').length }));
    const recovery: Recovery = {
      stored: stored.size,
      reviewerNotified: each.filter((e) => e.stored && e.sends > 0).length,
      missing: each.filter((e) => e.stored && e.sends === 0).length,
      duplicates: each.reduce((n, e) => n + Math.max(0, e.sends - 1), 0),
      notifiedNotStored: each.filter((e) => !e.stored && e.sends > 0).length,
      completeAfterMs,
      settleS: args.settle,
    };
    if (recovery.missing === 0 && completeAfterMs === null) recovery.completeAfterMs = completeAfterMs = Math.round(performance.now() - since);
    if (performance.now() - since >= args.settle * 1000) {
      if (recovery.missing > 0) {
        const expected = people.slice(0, 3).map((i) => conversationIdOf(reviewerIndexOf(i)!));
        const seen = standIn.sent.slice(-5).map((a) => `${a.kind} ${a.conversationId}`);
        log(`missing reviewer copies: expected sends to ${expected.join(', ')}…; the last sends seen: ${seen.join(', ') || 'none'}`);
      }
      return recovery;
    }
    await sleep(500);
  }
}

interface Starts {
  first?: StartFigures;
  restart?: StartFigures;
  crash?: Crash;
  recovery?: Recovery;
  stopMs?: number;
  stopExitCode?: number | null;
  /** Why the run stopped short (a start never became ready, a submit was refused…). */
  failure?: string;
}

/** Start, SIGKILL, start again, SIGTERM: the figures of each start, or how far it got. */
async function startTwice(database: BenchDatabase, seeded: SeededYear, standIn: BotConnectorStandIn, servers: ServerProcess[]): Promise<Starts> {
  const serviceUrl = standIn.url;
  const env = {
    MONGODB_URI: database.uri,
    MONGODB_DB: database.dbName,
    ROLE: 'all',
    SCHEDULER: 'on',
    PGTEAMS_CLOCK: args.clock,
    LOG_LEVEL: 'info',
    DIRECTORY_FILE: '',
  };
  const open = seeded.openEvent;
  const submitFor = (k: number): FirstSubmit => (open && open.notYetSubmitted[k] !== undefined ? { person: open.notYetSubmitted[k]!, eventId: open.id, serviceUrl } : undefined);
  const starts: Starts = {};
  try {
    const first = await measureStart('first start', database.db, env, submitFor(0), servers);
    starts.first = first.figures;
    const crashed = open ? open.notYetSubmitted.slice(2, 2 + args.crash) : [];
    if (open && crashed.length > 0) {
      starts.crash = await crashUnderLoad(first.server, first.port, crashed, open.id, serviceUrl);
      log(`first start: killed with SIGKILL under ${crashed.length} concurrent submits (${starts.crash.answeredBeforeKill} answered before the kill)`);
    } else {
      first.server.child.kill('SIGKILL');
      await first.server.exited;
      log('first start: killed with SIGKILL');
    }
    const restart = await measureStart('restart', database.db, env, submitFor(1), servers);
    starts.restart = restart.figures;
    if (starts.crash) {
      starts.recovery = await watchRecovery(database.db, standIn, seeded, crashed, restart.readyAt);
      const r = starts.recovery;
      log(`after the restart: ${r.stored} of the crash's check-ins stored, ${r.reviewerNotified} reviewers told, ${r.missing} missing, ${r.duplicates} duplicates (complete after ${r.completeAfterMs ?? '-'} ms)`);
      const settled = memoryOf(restart.server.child.pid!);
      restart.figures.rssSettledMb = settled.rssMb;
      restart.figures.peakRssMb = settled.peakMb;
    }
    const stopStarted = performance.now();
    await restart.server.stop();
    starts.stopMs = Math.round(performance.now() - stopStarted);
    starts.stopExitCode = restart.server.child.exitCode;
  } catch (err) {
    starts.failure = err instanceof Error ? err.message : String(err);
    log(`stopped short: ${starts.failure}`);
  }
  return starts;
}

const roundAll = (seconds: Record<string, number>) => Object.fromEntries(Object.entries(seconds).map(([k, v]) => [k, round(v, 1)]));

function describeSeed(seeded: SeededYear): string {
  const docs = seeded.people + seeded.rocks + seeded.checkIns + seeded.conversationReferences;
  const numbered = seeded.checkInEvents.filter((k) => k !== seeded.openEvent?.key && k.startsWith('check-in'));
  return (
    `seeded in ${round(seeded.seconds.total!, 1)} s (${Math.round(docs / seeded.seconds.total!)} documents/s): ${seeded.people} people in ${args.schools} schools, ` +
    `${seeded.rocks} rocks (window ${seeded.rockWindow}), ${seeded.conversationReferences} conversation references, ${seeded.checkIns} check-ins = ` +
    `${numbered.join(', ')} × ${args.submitted} of staff` +
    (seeded.checkInEvents.includes('optional-check-in') ? ` + optional-check-in × ${round(args.submitted / 3, 2)}` : '') +
    (seeded.openEvent ? ` + ${seeded.openEvent.key} (open at ${args.clock}) × ${args.submittedSoFar} so far` : '')
  );
}

/** The JSON line: the bars apply to every start, so readyMs and rssMb are the worse of the two. */
function resultOf(seeded: SeededYear, buildS: number, starts: Starts, callsToTeams: number) {
  const measured = [starts.first, starts.restart].filter((s): s is StartFigures => s !== undefined);
  const complete = measured.length === 2 && !starts.failure;
  const readyMs = complete ? Math.max(...measured.map((s) => s.readyMs)) : null;
  const rssMb = complete ? Math.max(...measured.flatMap((s) => [s.rssReadyMb, s.rssIdleMb, s.rssSettledMb ?? 0])) : null;
  const recovered = !starts.recovery || (starts.recovery.missing === 0 && starts.recovery.duplicates === 0 && starts.recovery.notifiedNotStored === 0);
  const met = readyMs !== null && rssMb !== null && readyMs <= args.readyTargetMs && rssMb <= args.rssTargetMb && recovered;
  const submits = measured.map((s) => s.firstSubmitMs);
  return {
    staff: args.staff,
    rocks: seeded.rocks,
    checkIns: seeded.checkIns,
    people: seeded.people,
    conversationReferences: seeded.conversationReferences,
    schools: args.schools,
    checkInEvents: seeded.checkInEvents.length,
    openEvent: seeded.openEvent?.key ?? null,
    submittedShare: args.submitted,
    clock: args.clock,
    seedS: round(seeded.seconds.total!, 1),
    seedSeconds: Object.fromEntries(Object.entries(seeded.seconds).map(([k, v]) => [k, round(v, 1)])),
    server: args.server,
    buildS: round(buildS, 1),
    readyMs,
    rssMb,
    peakRssMb: measured.length > 0 ? Math.max(...measured.map((s) => s.peakRssMb)) : null,
    firstSubmitMs: complete && submits.every((ms) => ms !== null) ? Math.max(...(submits as number[])) : null,
    first: starts.first ?? null,
    restart: starts.restart ?? null,
    crash: starts.crash && starts.recovery ? { ...starts.crash, ...starts.recovery } : null,
    stopMs: starts.stopMs ?? null,
    stopExitCode: starts.stopExitCode ?? null,
    callsToTeams,
    readyTargetMs: args.readyTargetMs,
    rssTargetMb: args.rssTargetMb,
    outcome: starts.failure ? 'failed' : met ? 'met' : 'missed',
    ...(starts.failure ? { failure: starts.failure } : {}),
  };
}

function describeStart(name: string, s: StartFigures | undefined): string {
  if (!s) return `${name}: -`;
  return `${name}: ready ${s.readyMs} ms, ${s.rssReadyMb} MiB at ready, ${s.rssIdleMb} MiB after ${args.idle} s idle (peak ${s.peakRssMb}), first submit ${s.firstSubmitMs ?? '-'} ms`;
}

async function main(): Promise<number> {
  const clock = new Date(args.clock);
  if (Number.isNaN(clock.getTime())) throw new Error('--clock must be an ISO instant');
  const database = await startDatabase('bench_restart');
  // Nothing should go to Teams from a start with nothing due but the two submits' notifications; the stand-in counts them.
  const standIn = await startBotConnectorStandIn({});
  const servers: ServerProcess[] = [];
  try {
    log(`seeding ${args.staff} staff and a year of check-ins (batches of ${args.batch}, ${args.parallel} in flight)`);
    const seeded = await seedYear(database.db, { ...args, indexes: args.indexes as 'before' | 'after', clock, serviceUrl: standIn.url, spare: 2 + args.crash });
    log(describeSeed(seeded));
    if (args.seedOnly) {
      console.log(JSON.stringify({ staff: args.staff, people: seeded.people, rocks: seeded.rocks, checkIns: seeded.checkIns, indexes: args.indexes, parallel: args.parallel, batch: args.batch, seedS: round(seeded.seconds.total!, 1), seedSeconds: roundAll(seeded.seconds) }));
      return 0;
    }
    const buildS = args.server === 'dist' && !args.skipBuild ? buildServer() : 0;
    const starts = await startTwice(database, seeded, standIn, servers);
    const result = resultOf(seeded, buildS, starts, standIn.stats().calls);
    const crash = result.crash ? `; crash: ${result.crash.stored} of ${result.crash.submitted} submits stored, reviewers told ${result.crash.reviewerNotified}, missing ${result.crash.missing}, duplicates ${result.crash.duplicates}` : '';
    console.log(`${describeStart('first start', starts.first)}; ${describeStart('restart after SIGKILL', starts.restart)}${crash}; targets: ready <= ${args.readyTargetMs} ms, resident <= ${args.rssTargetMb} MiB`);
    console.log(JSON.stringify(result));
    return result.outcome === 'met' ? 0 : 1;
  } finally {
    for (const server of servers) await server.stop().catch(() => undefined);
    await standIn.close().catch(() => undefined);
    await database.stop();
  }
}

runBench('bench:restart', main);
