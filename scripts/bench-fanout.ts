// Fan-out benchmark (DESIGN.md, quality bars): the real worker process(es) prompt the staff of one
// or more organisations through a Bot Connector stand-in that enforces the Teams limits per
// tenant. Optionally kill -9 worker 1 mid-run and restart it. Prints progress lines, then one
// JSON line; exits 1 when a target is missed.
//
//   npm run bench:fanout -- --staff 10000
//   npm run bench:fanout -- --tenants 10 --staff 5000 --workers 2 --kill-after 20000
//
// Options: --staff N people per organisation (default 10000), each with --rocks agreed rocks (3);
// --tenants N organisations (1), each its own tenant with its own --limit RPS at the stand-in
// (50), which the workers are told too; --workers N processes (1); --kill-after K: SIGKILL
// worker 1 once the stand-in has accepted K prompts, then restart it (0: no kill); --timeout S
// (0: derived from the work and the limit); --stall S: give up after this long without a new
// prompt, once prompts began (120); --concurrency N SENDER_CONCURRENCY, jobs in flight per
// organisation (0: the product's default); --profile S: the workers log a database command
// profile every S seconds (DB_PROFILE_MS); --heap-mb N caps each worker's V8 old space
// (--max-old-space-size, as a container deployment would): V8 grows its heap lazily, so a busy
// worker's RSS says more about its allocation rate than about what it keeps (a 96 MB cap ran
// --staff 3000 at 184 MB RSS instead of 279 MB); --db-restart-after K: stop the local database
// (FerretDB killed, PostgreSQL stopped) once the stand-in has accepted K prompts, keep it down
// --db-down-ms (5000), then start it again on the same port and data (0: no outage; not with
// MONGODB_URI).
//
//   npm run bench:fanout -- --staff 2000 --db-restart-after 600
// MONGODB_URI: use that server (a fresh database on it) instead of starting the local database.
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Db } from 'mongodb';
import { startBotConnectorStandIn, type RecordedActivity } from '../test/standins/botConnector';
import { VERBS } from '../shared/verbs';
import { BENCH_CLOCK, type BenchDatabase, benchTenantId, conversationIdOf, log, parseArgs, round, seedOrganisation, sleep, startDatabase, startServerProcess, type ServerProcess } from './bench/common';

const args = parseArgs({ staff: 10_000, tenants: 1, rocks: 3, workers: 1, killAfter: 0, limit: 50, timeout: 0, stall: 120, concurrency: 0, profile: 0, heapMb: 0, dbRestartAfter: 0, dbDownMs: 5000 });

interface Prompt {
  tenantId: string;
  conversationId: string;
  at: number;
}

/** The worker registry's heartbeats: how a new worker process is recognised. */
async function knownWorkerIds(db: Db): Promise<Set<string>> {
  const registered = await db.collection<{ _id: string }>('workers').find({}, { projection: { _id: 1 } }).toArray().catch(() => []);
  return new Set(registered.map((w) => w._id));
}

async function discoverNewWorkerId(db: Db, known: Set<string>, timeoutMs = 60_000): Promise<string | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const id of await knownWorkerIds(db)) if (!known.has(id)) return id;
    await sleep(200);
  }
  return undefined;
}

/** Resident memory of a process now, from /proc (Linux); undefined elsewhere. */
function rssMbOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Follows the stand-in's accepted prompts, and each worker process's peak RSS. */
function createTally(standIn: Awaited<ReturnType<typeof startBotConnectorStandIn>>) {
  const prompts: Prompt[] = [];
  const perConversation = new Map<string, number>();
  const peakRss = new Map<string, number>();
  let seen = 0;
  // A prompt carries the check-in card (its Submit verb); a card update does not count.
  const isPrompt = (a: RecordedActivity) => a.kind !== 'update' && JSON.stringify(a.activity.attachments ?? '').includes(VERBS.submitCheckIn);
  return {
    prompts,
    perConversation,
    peakRss,
    collect() {
      const sent = standIn.sent;
      for (; seen < sent.length; seen++) {
        const a = sent[seen]!;
        if (!isPrompt(a)) continue;
        prompts.push({ tenantId: a.tenantId, conversationId: a.conversationId, at: a.at });
        perConversation.set(a.conversationId, (perConversation.get(a.conversationId) ?? 0) + 1);
      }
    },
    sampleRss(processes: ServerProcess[]) {
      for (const p of processes) {
        const mb = rssMbOf(p.child.pid);
        if (mb !== undefined) peakRss.set(p.name, Math.max(peakRss.get(p.name) ?? 0, mb));
      }
    },
  };
}

async function openPromptJobs(db: Db): Promise<number> {
  return db.collection('outboxJobs').countDocuments({ kind: 'check-in-prompt', state: 'open' });
}

async function main(): Promise<void> {
  const { staff, tenants, workers, killAfter, limit } = args;
  const total = staff * tenants;
  const timeoutS = args.timeout > 0 ? args.timeout : Math.ceil((staff / (limit * 0.8)) * 1.5) + 180;
  if (args.dbRestartAfter > 0 && process.env.MONGODB_URI) throw new Error('--db-restart-after stops the local database: unset MONGODB_URI');
  const database = await startDatabase('bench_fanout');
  const standIn = await startBotConnectorStandIn({ limits: { tenantRps: limit }, retryAfterSeconds: 1 });
  const processes: ServerProcess[] = [];
  try {
    const seedStart = performance.now();
    const conversationOfPerson = new Map<string, string>();
    for (let n = 0; n < tenants; n++) {
      const organisationId = benchTenantId(n);
      const { personIds } = await seedOrganisation(database.db, staff, { serviceUrl: standIn.url, organisationId, rocksPerPerson: args.rocks });
      personIds.forEach((id, i) => conversationOfPerson.set(id, conversationIdOf(i, organisationId)));
    }
    log(`seeded ${tenants} × ${staff} people, ${args.rocks} rocks each, and their chats in ${round((performance.now() - seedStart) / 1000, 1)} s`);

    const env = {
      MONGODB_URI: database.uri,
      MONGODB_DB: database.dbName,
      ROLE: 'worker',
      SCHEDULER: 'on',
      SCHEDULER_INTERVAL_MS: '1000',
      PGTEAMS_CLOCK: BENCH_CLOCK,
      TENANT_RATE_LIMIT_RPS: String(limit),
      PORT: '0',
      LOG_LEVEL: args.profile > 0 ? 'info' : 'warn',
      ...(args.profile > 0 ? { DB_PROFILE_MS: String(args.profile * 1000) } : {}),
      ...(args.concurrency > 0 ? { SENDER_CONCURRENCY: String(args.concurrency) } : {}),
      ...(args.heapMb > 0 ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=${args.heapMb}`.trim() } : {}),
    };

    // Worker 1 first, so its id is known (for the kill) before the others start.
    const known = await knownWorkerIds(database.db);
    processes.push(startServerProcess('worker-1', env));
    const worker1Id = killAfter > 0 || workers > 1 ? await discoverNewWorkerId(database.db, known) : undefined;
    if (worker1Id) log(`worker 1 is ${worker1Id}`);
    for (let n = 2; n <= workers; n++) processes.push(startServerProcess(`worker-${n}`, env));

    const tally = createTally(standIn);
    const run = await followRun(database.db, standIn, tally, processes, env, { total, timeoutS, conversationOfPerson, worker1Id, outage: database.outage });
    // Stop the workers before the last queries, so they do not queue behind the workers' own.
    for (const p of processes) await p.stop();
    tally.collect();
    console.log(`finished: ${run.outcome}`);
    report({ tally, standIn, run, total });
  } finally {
    for (const p of processes) await p.stop().catch(() => undefined);
    await standIn.close().catch(() => undefined);
    await database.stop();
  }
}

interface RunState {
  outcome: string;
  killedAfter: number | null;
  killedAt: number | null;
  /**
   * Prompts Teams had accepted whose jobs the killed worker had not yet recorded as done: the
   * sends a kill -9 can repeat (no one can tell whether a call in flight at the kill got through).
   */
  sentUnrecordedAtKill: number | null;
  /** Prompts accepted when the database was stopped, and how long it was down (ms, stop to answering again). */
  dbStoppedAfter: number | null;
  dbDownMs: number | null;
  dbStoppedAt: number | null;
}

/** After a kill: the killed worker's open prompt jobs whose person the stand-in has already prompted. */
async function sentButUnrecorded(db: Db, tally: ReturnType<typeof createTally>, conversationOfPerson: Map<string, string>, workerId: string | undefined): Promise<number> {
  const open = await db.collection<{ _id: string; personId?: string }>('outboxJobs').find({ kind: 'check-in-prompt', state: 'open' }, { projection: { _id: 1, personId: 1 } }).toArray();
  const held = workerId ? new Set((await db.collection<{ jobId: string }>('outboxClaims').find({ workerId }, { projection: { jobId: 1 } }).toArray()).map((c) => c.jobId)) : undefined;
  tally.collect();
  return open.filter((job) => (!held || held.has(job._id)) && job.personId && tally.perConversation.has(conversationOfPerson.get(job.personId) ?? '')).length;
}

/** Watches the stand-in until every person has a prompt and no prompt job is open (or a stall or timeout). */
async function followRun(
  db: Db,
  standIn: Awaited<ReturnType<typeof startBotConnectorStandIn>>,
  tally: ReturnType<typeof createTally>,
  processes: ServerProcess[],
  env: Record<string, string>,
  limits: { total: number; timeoutS: number; conversationOfPerson: Map<string, string>; worker1Id?: string; outage?: BenchDatabase['outage'] },
): Promise<RunState> {
  const state: RunState = { outcome: 'timeout', killedAfter: null, killedAt: null, sentUnrecordedAtKill: null, dbStoppedAfter: null, dbDownMs: null, dbStoppedAt: null };
  const started = Date.now();
  let lastProgress = Date.now();
  let lastCount = 0;
  let lastReport = { at: Date.now(), prompts: 0, throttled: 0 };
  for (;;) {
    await sleep(250);
    tally.collect();
    tally.sampleRss(processes);
    const now = Date.now();
    const count = tally.prompts.length;
    if (count > lastCount) [lastCount, lastProgress] = [count, now];
    if (args.killAfter > 0 && state.killedAfter === null && count >= args.killAfter) {
      state.killedAfter = count;
      const victim = processes[0]!;
      victim.child.kill('SIGKILL');
      state.killedAt = Date.now();
      await victim.exited;
      // A moment for the database to finish the commands the dead process had sent.
      await sleep(500);
      state.sentUnrecordedAtKill = await sentButUnrecorded(db, tally, limits.conversationOfPerson, limits.worker1Id);
      console.log(`killed worker 1 (kill -9) after ${count} prompts, ${state.sentUnrecordedAtKill} of them accepted by Teams but not yet recorded; restarting it`);
      processes[0] = startServerProcess('worker-1b', env);
    }
    if (args.dbRestartAfter > 0 && state.dbStoppedAfter === null && count >= args.dbRestartAfter) await databaseOutage(state, count, limits.outage);
    if (now - lastReport.at >= 10_000) {
      const stats = standIn.stats();
      const rate = (count - lastReport.prompts) / ((now - lastReport.at) / 1000);
      console.log(`t=${Math.round((now - started) / 1000)}s prompts=${count} people=${tally.perConversation.size}/${limits.total} rate=${round(rate, 1)}/s throttled=${stats.throttled} (+${stats.throttled - lastReport.throttled})`);
      lastReport = { at: now, prompts: count, throttled: stats.throttled };
    }
    if (tally.perConversation.size >= limits.total && now - lastProgress >= 1_000 && (await openPromptJobs(db)) === 0) {
      state.outcome = 'complete';
      return state;
    }
    if (count > 0 && now - lastProgress >= args.stall * 1000) {
      state.outcome = `stalled: no prompt for ${args.stall} s, ${await openPromptJobs(db)} prompt jobs open`;
      return state;
    }
    if (now - started >= limits.timeoutS * 1000) return state;
    for (const p of processes) if (p.child.exitCode !== null && p.child.exitCode !== 0) throw new Error(`${p.name} exited with code ${p.child.exitCode}`);
  }
}

/** Stops the database, keeps it down --db-down-ms, starts it again (same port, same data). */
async function databaseOutage(state: RunState, count: number, outage: BenchDatabase['outage']): Promise<void> {
  if (!outage) throw new Error('--db-restart-after needs the local database');
  state.dbStoppedAfter = count;
  state.dbStoppedAt = Date.now();
  await outage.down();
  console.log(`stopped the database after ${count} prompts; starting it again in ${args.dbDownMs} ms`);
  await sleep(args.dbDownMs);
  await outage.up();
  state.dbDownMs = Date.now() - state.dbStoppedAt;
  console.log(`the database is back after ${state.dbDownMs} ms`);
}

function duplicateSends(prompts: Prompt[], from: number): Array<[number, number]> {
  const first = new Map<string, number>();
  const out: Array<[number, number]> = [];
  for (const p of prompts) {
    const seen = first.get(p.conversationId);
    if (seen === undefined) first.set(p.conversationId, p.at);
    else out.push([round((seen - from) / 1000, 2), round((p.at - from) / 1000, 2)]);
  }
  return out;
}

/** The figures, as one JSON line, and the exit code: 0 when every target is met. */
function report(input: { tally: ReturnType<typeof createTally>; standIn: Awaited<ReturnType<typeof startBotConnectorStandIn>>; run: RunState; total: number }): void {
  const { tally, standIn, run, total } = input;
  const { prompts } = tally;
  const stats = standIn.stats();
  const spanS = (list: Prompt[]) => Math.max(0.001, ((list[list.length - 1]?.at ?? 0) - (list[0]?.at ?? 0)) / 1000);
  const perTenant = new Map<string, Prompt[]>();
  for (const p of prompts) perTenant.set(p.tenantId, [...(perTenant.get(p.tenantId) ?? []), p]);
  const tenantRatios = [...perTenant.values()].map((list) => list.length / spanS(list) / args.limit);
  const elapsedS = spanS(prompts);
  const people = tally.perConversation.size;
  const rss = [...tally.peakRss.values()];
  const result = {
    staff: args.staff,
    tenants: args.tenants,
    limitRps: args.limit,
    workers: args.workers,
    elapsedS: round(elapsedS, 1),
    achievedRps: round(prompts.length / elapsedS, 2),
    // Single tenant: sent per second over its limit; several: the slowest tenant's.
    ratio: round(tenantRatios.length > 0 ? Math.min(...tenantRatios) : 0, 3),
    aggregateRatio: round(prompts.length / elapsedS / (args.limit * args.tenants), 3),
    throttled: stats.throttled,
    // When the first 429s came, in seconds from the first call: at start-up, or all along.
    throttledAtS: standIn.calls.filter((c) => c.status === 429).slice(0, 10).map((c) => round((c.at - (standIn.calls[0]?.at ?? 0)) / 1000, 2)),
    duplicates: prompts.length - people,
    // Each repeated prompt's two sends, in seconds from the kill (or from the first prompt).
    duplicateSendsS: duplicateSends(prompts, run.killedAt ?? run.dbStoppedAt ?? prompts[0]?.at ?? 0).slice(0, 10),
    missing: total - people,
    killedAfter: run.killedAfter,
    sentUnrecordedAtKill: run.sentUnrecordedAtKill,
    dbStoppedAfter: run.dbStoppedAfter,
    dbDownMs: run.dbDownMs,
    peakRssMb: round(rss.length > 0 ? Math.max(...rss) : 0, 0),
    peakRssMbByProcess: Object.fromEntries([...tally.peakRss].map(([name, mb]) => [name, round(mb, 0)])),
    peakPerSecond: stats.peakTenantPerSecond,
    calls: stats.calls,
    outcome: run.outcome,
  };
  // A run with a database outage spends --db-down-ms sending nothing: its pace is not a target, what it lost or repeated is.
  const ratioMet = args.dbRestartAfter > 0 || (args.tenants > 1 ? result.aggregateRatio >= 0.9 : result.ratio >= 0.97);
  const met = ratioMet && result.missing === 0 && result.duplicates === 0 && (args.tenants === 1 || result.peakRssMb <= 300);
  console.log(JSON.stringify(result));
  process.exitCode = met ? 0 : 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:fanout failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(2);
});
