// Submit benchmark (DESIGN.md, quality bars: Action.Execute answered well inside Teams' timeout
// under load). The real server process (ROLE=web) on its own database; distinct people each post
// one check-in submit (Action.Execute, verb checkIn.submit) to /api/messages. Two modes:
//
//   npm run bench:submit -- --rate 100 --duration 60        open loop (6,000 submits)
//   npm run bench:submit -- --concurrency 200 --total 5000  closed loop
//
// Open loop: submit i is started at start + i / rate, whether or not earlier ones have answered,
// and its latency counts from that scheduled instant, so a server that falls behind shows its
// queueing in the figures instead of slowing the arrivals down (coordinated omission). Closed
// loop: `concurrency` lanes, each sending its next submit when the last one answered.
//
// Prints progress, then p50/p90/p99/max, errors and stored, then one JSON line last; exits 1 when
// p99 is over the target (--p99-target-ms; default 250 open, 1000 closed), any request failed,
// or not every check-in was stored.
//
// MONGODB_URI: use that server (a fresh database on it) instead of starting FerretDB.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { startBotConnectorStandIn } from '../test/standins/botConnector';
import {
  BENCH_CLOCK,
  BENCH_TENANT,
  CHECK_IN_6,
  freePort,
  log,
  parseArgs,
  percentile,
  round,
  runBench,
  seedOrganisation,
  sleep,
  startDatabase,
  startServerProcess,
  type ServerProcess,
} from './bench/common';
import { post, SUBMIT_STORED, submitInvoke, waitForReady } from './bench/http';

const args = parseArgs({ concurrency: 200, total: 5_000, rate: 0, duration: 0, p99TargetMs: 0 });
const openLoop = args.rate > 0;
if (openLoop && !(args.duration > 0)) throw new Error('--rate needs --duration (seconds)');
const total = openLoop ? Math.round(args.rate * args.duration) : args.total;
const p99TargetMs = args.p99TargetMs > 0 ? args.p99TargetMs : openLoop ? 250 : 1_000;

/** What one run measured; latencies in ms. */
interface Measured {
  latencies: number[];
  failures: Map<string, number>;
  /** From the first (scheduled) start to the last answer. */
  wallS: number;
  maxInFlight: number;
  /** Open loop: how late the client started a submit after its scheduled instant (its own lag). */
  maxStartLagMs?: number;
}

class Recorder {
  readonly latencies: number[] = [];
  readonly failures = new Map<string, number>();
  inFlight = 0;
  maxInFlight = 0;

  constructor(
    private readonly port: number,
    private readonly agent: http.Agent,
    private readonly serviceUrl: string,
  ) {}

  get errors(): number {
    return [...this.failures.values()].reduce((a, b) => a + b, 0);
  }

  /** Sends submit i; its latency counts from `since` (the scheduled start in the open loop). */
  async submit(i: number, since: number): Promise<void> {
    const body = JSON.stringify(submitInvoke(i, this.serviceUrl, CHECK_IN_6));
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      const res = await post(this.agent, this.port, '/api/messages', body);
      if (res.status !== 200) this.fail(`HTTP ${res.status}`);
      else if (!SUBMIT_STORED.test(res.text)) this.fail(`unexpected card: ${res.text.slice(0, 160)}`);
    } catch (err) {
      this.fail(err instanceof Error ? err.message : String(err));
    } finally {
      this.latencies.push(performance.now() - since);
      this.inFlight -= 1;
    }
  }

  progress(started: number): string {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return `t=${Math.round((performance.now() - started) / 1000)}s done=${this.latencies.length}/${total} inFlight=${this.inFlight} p50=${round(percentile(sorted, 50), 0)}ms p99=${round(percentile(sorted, 99), 0)}ms errors=${this.errors}`;
  }

  private fail(why: string): void {
    this.failures.set(why, (this.failures.get(why) ?? 0) + 1);
  }
}

/** `concurrency` lanes; each sends its next submit once the previous one answered. */
async function runClosedLoop(recorder: Recorder): Promise<Measured> {
  let next = 0;
  const started = performance.now();
  const progress = setInterval(() => console.log(recorder.progress(started)), 5_000);
  const lane = async () => {
    for (let i = next++; i < total; i = next++) await recorder.submit(i, performance.now());
  };
  await Promise.all(Array.from({ length: args.concurrency }, lane));
  clearInterval(progress);
  return { latencies: recorder.latencies, failures: recorder.failures, wallS: (performance.now() - started) / 1000, maxInFlight: recorder.maxInFlight };
}

/** Submit i starts at `started + i / rate` seconds, however the earlier ones are doing. */
async function runOpenLoop(recorder: Recorder): Promise<Measured> {
  const intervalMs = 1000 / args.rate;
  const started = performance.now() + 100;
  const pending: Promise<void>[] = [];
  let maxStartLagMs = 0;
  const progress = setInterval(() => console.log(recorder.progress(started)), 5_000);
  let next = 0;
  while (next < total) {
    const now = performance.now();
    for (; next < total && started + next * intervalMs <= now; next++) {
      const scheduled = started + next * intervalMs;
      maxStartLagMs = Math.max(maxStartLagMs, now - scheduled);
      pending.push(recorder.submit(next, scheduled));
    }
    if (next < total) await sleep(Math.max(0, started + next * intervalMs - performance.now()));
  }
  await Promise.all(pending);
  clearInterval(progress);
  return { latencies: recorder.latencies, failures: recorder.failures, wallS: (performance.now() - started) / 1000, maxInFlight: recorder.maxInFlight, maxStartLagMs };
}

async function main(): Promise<number> {
  const database = await startDatabase('bench_submit');
  // Nothing should be sent to Teams while answering a submit; the stand-in is there to count it if it is.
  const standIn = await startBotConnectorStandIn({});
  let server: ServerProcess | undefined;
  try {
    const seedStart = performance.now();
    await seedOrganisation(database.db, total, { serviceUrl: standIn.url });
    log(`seeded ${total} people in ${round((performance.now() - seedStart) / 1000, 1)} s`);
    const port = await freePort();
    server = startServerProcess('server', {
      MONGODB_URI: database.uri,
      MONGODB_DB: database.dbName,
      ROLE: 'web',
      SCHEDULER: 'off',
      PGTEAMS_CLOCK: BENCH_CLOCK,
      PORT: String(port),
      LOG_LEVEL: 'warn',
    });
    await waitForReady(port, server);
    log(
      openLoop
        ? `server ready on ${port}; ${total} submits at ${args.rate}/s for ${args.duration} s (open loop)`
        : `server ready on ${port}; ${total} submits, ${args.concurrency} at a time (closed loop)`,
    );

    // Open loop: as many sockets as submits in flight, so the client never queues a scheduled one.
    const sockets = openLoop ? Infinity : args.concurrency;
    const agent = new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: openLoop ? 256 : args.concurrency });
    const recorder = new Recorder(port, agent, standIn.url);
    const measured = openLoop ? await runOpenLoop(recorder) : await runClosedLoop(recorder);
    agent.destroy();
    for (const [why, n] of measured.failures) log(`${n} × ${why}`);

    const sorted = [...measured.latencies].sort((a, b) => a - b);
    const stored = await database.db.collection('checkIns').countDocuments({ organisationId: BENCH_TENANT });
    const errors = recorder.errors;
    const perSecond = round((sorted.length - errors) / measured.wallS, 1);
    const result = {
      mode: openLoop ? 'open' : 'closed',
      p50Ms: round(percentile(sorted, 50), 1),
      p90Ms: round(percentile(sorted, 90), 1),
      p99Ms: round(percentile(sorted, 99), 1),
      maxMs: round(sorted[sorted.length - 1] ?? NaN, 1),
      errors,
      stored,
      total,
      perSecond,
      ...(openLoop ? { rate: args.rate, durationS: args.duration, maxStartLagMs: round(measured.maxStartLagMs ?? 0, 1) } : { concurrency: args.concurrency }),
      maxInFlight: measured.maxInFlight,
      wallS: round(measured.wallS, 1),
      p99TargetMs,
      callsToTeams: standIn.stats().calls,
    };
    await server.stop();
    console.log(
      `p50 ${result.p50Ms} ms, p90 ${result.p90Ms} ms, p99 ${result.p99Ms} ms, max ${result.maxMs} ms; ` +
        `errors ${errors}; stored ${stored}/${total}; ${perSecond} answered/s; at most ${result.maxInFlight} in flight`,
    );
    console.log(JSON.stringify(result));
    return result.p99Ms <= p99TargetMs && errors === 0 && stored === total ? 0 : 1;
  } finally {
    await server?.stop().catch(() => undefined);
    await standIn.close().catch(() => undefined);
    await database.stop();
  }
}

runBench('bench:submit', main);
