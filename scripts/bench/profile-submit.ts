// Where a check-in submit's time goes: the real runtime in-process, every database command timed
// through the driver's command monitoring, grouped by command, collection and filter shape.
// Sequential submits, so each figure is service time, not time queued behind other requests.
//
//   npx tsx scripts/bench/profile-submit.ts [--people 5000] [--before 1000] [--measure 50]
//
// --before submits go first (unmeasured) so the checkIns collection has grown as in a real run.
import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { loadConfig } from '../../bot/config';
import { profileCommands } from '../../bot/data/commandProfile';
import { createLogger } from '../../bot/logger';
import { startRuntime } from '../../bot/runtime';
import { VERBS } from '../../shared/verbs';
import { BENCH_CLOCK, BENCH_TENANT, CHECK_IN_6, conversationIdOf, entraObjectId, log, parseArgs, round, seedOrganisation, startDatabase, teamsUserId } from './common';

const args = parseArgs({ people: 5_000, before: 1_000, measure: 50 });

async function main(): Promise<void> {
  const database = await startDatabase('profile_submit');
  try {
    await seedOrganisation(database.db, args.people, { serviceUrl: 'http://127.0.0.1:9/' });
    const client = new MongoClient(database.uri, { monitorCommands: true });
    const config = loadConfig({ MONGODB_URI: database.uri, MONGODB_DB: database.dbName, ROLE: 'web', SCHEDULER: 'off', PORT: '0', LOG_LEVEL: 'warn', PGTEAMS_CLOCK: BENCH_CLOCK });
    const runtime = await startRuntime(config, { logger: createLogger('warn'), client });
    const profile = profileCommands(client);
    const submit = async (i: number) => {
      const res = await fetch(`${runtime.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'invoke', name: 'adaptiveCard/action', id: randomUUID(), channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/',
          from: { id: teamsUserId(i), aadObjectId: entraObjectId(i), name: `Staff ${i}` }, recipient: { id: '28:bench-bot' },
          conversation: { id: conversationIdOf(i), conversationType: 'personal', tenantId: BENCH_TENANT }, channelData: { tenant: { id: BENCH_TENANT } },
          value: { action: { type: 'Action.Execute', verb: VERBS.submitCheckIn, data: { eventId: CHECK_IN_6, www: `profile ${i}`, score: '7' } }, trigger: 'manual' },
        }),
      });
      if (!/check-in is in/.test(await res.text())) throw new Error(`submit ${i} was not stored`);
    };
    let next = 0;
    await Promise.all(Array.from({ length: 10 }, async () => {
      for (let i = next++; i < args.before; i = next++) await submit(i);
    }));
    log(`${args.before} submits before measuring`);
    profile.take();
    const t0 = performance.now();
    for (let i = args.before; i < args.before + args.measure; i++) await submit(i);
    const perSubmit = (performance.now() - t0) / args.measure;
    const rows = profile.take();
    profile.stop();
    const dbMs = rows.reduce((sum, r) => sum + r.totalMs, 0) / args.measure;
    const calls = rows.reduce((sum, r) => sum + r.calls, 0) / args.measure;
    console.log(`people=${args.people} checkIns before=${args.before}: ${round(perSubmit, 1)} ms a submit, ${round(dbMs, 1)} ms of it in ${round(calls, 1)} database commands`);
    console.log('per submit  ms   calls  command {filter keys}');
    for (const r of rows) console.log(`${round(r.totalMs / args.measure, 1).toString().padStart(8)} ${round(r.calls / args.measure, 2).toString().padStart(6)}  ${r.command}`);
    await runtime.stop();
    await client.close();
  } finally {
    await database.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(2);
});
