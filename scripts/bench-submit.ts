// Submit benchmark (DESIGN.md, quality bars: Action.Execute answered well inside Teams' timeout
// under concurrent load). The real server process (ROLE=web) on its own database, `total` distinct
// people each posting one check-in submit (Action.Execute, verb checkIn.submit) to /api/messages,
// `concurrency` at a time over keep-alive connections. Prints one JSON line; exits 1 when p99 is
// 1 s or more, any request failed, or not every check-in was stored.
//
//   npm run bench:submit -- --concurrency 200 --total 5000
//
// MONGODB_URI: use that server (a fresh database on it) instead of starting FerretDB.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { startBotConnectorStandIn } from '../test/standins/botConnector';
import { VERBS } from '../shared/verbs';
import {
  BENCH_CLOCK,
  BENCH_TENANT,
  CHECK_IN_6,
  conversationIdOf,
  entraObjectId,
  freePort,
  log,
  parseArgs,
  percentile,
  round,
  seedOrganisation,
  sleep,
  startDatabase,
  startServerProcess,
  teamsUserId,
  type ServerProcess,
} from './bench/common';

const args = parseArgs({ concurrency: 200, total: 5_000, p99TargetMs: 1_000 });

function submitInvoke(i: number, serviceUrl: string) {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: teamsUserId(i), aadObjectId: entraObjectId(i), name: `Staff Member ${i}` },
    recipient: { id: '28:bench-bot', name: 'Professional Growth' },
    conversation: { id: conversationIdOf(i), conversationType: 'personal', tenantId: BENCH_TENANT },
    channelData: { tenant: { id: BENCH_TENANT } },
    value: {
      action: {
        type: 'Action.Execute',
        verb: VERBS.submitCheckIn,
        data: { eventId: CHECK_IN_6, www: `Benchmark check-in ${i}: the Year 9 trip went smoothly`, score: String(1 + (i % 10)) },
      },
      trigger: 'manual',
    },
  };
}

function post(agent: http.Agent, port: number, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: '/api/messages', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function waitForReady(port: number, server: ServerProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`server exited with code ${server.child.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false);
    if (ok) return;
    await sleep(200);
  }
  throw new Error('server did not become ready');
}

async function main(): Promise<void> {
  const { concurrency, total } = args;
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
    log(`server ready on ${port}; ${total} submits, ${concurrency} at a time`);

    const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
    const latencies: number[] = [];
    const failures = new Map<string, number>();
    const fail = (why: string) => failures.set(why, (failures.get(why) ?? 0) + 1);
    let next = 0;
    let done = 0;
    const started = performance.now();
    const progress = setInterval(() => {
      const sorted = [...latencies].sort((a, b) => a - b);
      console.log(`t=${Math.round((performance.now() - started) / 1000)}s done=${done}/${total} p50=${round(percentile(sorted, 50), 0)}ms p99=${round(percentile(sorted, 99), 0)}ms errors=${[...failures.values()].reduce((a, b) => a + b, 0)}`);
    }, 5_000);
    const lane = async () => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        const body = JSON.stringify(submitInvoke(i, standIn.url));
        const t0 = performance.now();
        try {
          const res = await post(agent, port, body);
          latencies.push(performance.now() - t0);
          if (res.status !== 200) fail(`HTTP ${res.status}`);
          else if (!/check-in is in/.test(res.text)) fail(`unexpected card: ${res.text.slice(0, 160)}`);
        } catch (err) {
          latencies.push(performance.now() - t0);
          fail(err instanceof Error ? err.message : String(err));
        }
        done += 1;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
    clearInterval(progress);
    const wallS = (performance.now() - started) / 1000;
    agent.destroy();
    for (const [why, n] of failures) log(`${n} × ${why}`);

    const sorted = latencies.sort((a, b) => a - b);
    const stored = await database.db.collection('checkIns').countDocuments({ organisationId: BENCH_TENANT });
    const errors = [...failures.values()].reduce((a, b) => a + b, 0);
    const result = {
      p50Ms: round(percentile(sorted, 50), 1),
      p99Ms: round(percentile(sorted, 99), 1),
      errors,
      stored,
      total,
      concurrency,
      rps: round(total / wallS, 1),
      p90Ms: round(percentile(sorted, 90), 1),
      maxMs: round(sorted[sorted.length - 1] ?? NaN, 1),
      wallS: round(wallS, 1),
      callsToTeams: standIn.stats().calls,
    };
    await server.stop();
    console.log(JSON.stringify(result));
    process.exitCode = result.p99Ms < args.p99TargetMs && errors === 0 && stored === total ? 0 : 1;
  } finally {
    await server?.stop().catch(() => undefined);
    await standIn.close().catch(() => undefined);
    await database.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:submit failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(2);
});
