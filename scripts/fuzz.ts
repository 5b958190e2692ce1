// `npm run fuzz -- --cases 500 [--seed 16]`: the real server on a database of its own (FerretDB,
// or a fresh database on MONGODB_URI), two organisations, and N generated hostile requests to
// POST /api/messages and /api/v1 (test/support/fuzz: the same generator and classifier CI runs in
// test/integration/server/fuzz.test.ts). Progress and every failing case go to stderr; the last
// line of stdout is {cases, status5xx, wrongWrites, leaks, lostText}. Exit 1 unless all but cases are 0.
import { log, parseArgs, runBench, startDatabase } from './bench/common';
import { runFuzz } from '../test/support/fuzz/run';
import { startFuzzWorld } from '../test/support/fuzz/world';

runBench('fuzz', async () => {
  const args = parseArgs({ cases: 500, seed: 16 });
  const started = Date.now();
  const database = await startDatabase('fuzz');
  // The runtime opens a database of its own on this server (test/support/runtime.ts) and drops it at the end.
  process.env.MONGODB_URI = database.uri;
  const world = await startFuzzWorld();
  try {
    log(`world ready in ${((Date.now() - started) / 1000).toFixed(1)} s; ${args.cases} cases, seed ${args.seed}`);
    const { summary, failures } = await runFuzz(world, { cases: args.cases, seed: args.seed, progress: log });
    for (const f of failures) process.stderr.write(`FAIL #${f.n} ${f.counter} [${f.kind}] ${f.summary} → ${f.status}: ${f.detail.slice(0, 400)}\n`);
    log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return summary.status5xx + summary.wrongWrites + summary.leaks + summary.lostText === 0 ? 0 : 1;
  } finally {
    await world.stop();
    await database.stop();
  }
});
