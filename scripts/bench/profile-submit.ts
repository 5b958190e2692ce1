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
import { createLogger } from '../../bot/logger';
import { startRuntime } from '../../bot/runtime';
import { VERBS } from '../../shared/verbs';
import { BENCH_CLOCK, BENCH_TENANT, CHECK_IN_6, conversationIdOf, entraObjectId, log, parseArgs, round, seedOrganisation, startDatabase, teamsUserId } from './common';

const args = parseArgs({ people: 5_000, before: 1_000, measure: 50 });

function shape(command: Record<string, unknown>, name: string): string {
  const collection = String(command[name] ?? '');
  const filterOf = (f: unknown) => (f && typeof f === 'object' ? Object.keys(f as object).sort().join(',') : '');
  let filter = '';
  if (name === 'find' || name === 'count' || name === 'delete') filter = filterOf(command.filter ?? command.query ?? (command.deletes as Array<{ q: unknown }> | undefined)?.[0]?.q);
  if (name === 'update') filter = filterOf((command.updates as Array<{ q: unknown }> | undefined)?.[0]?.q);
  if (name === 'findAndModify') filter = filterOf(command.query);
  if (name === 'aggregate') filter = filterOf(((command.pipeline as Array<Record<string, unknown>>)?.[0] ?? {}).$match);
  return `${name} ${collection} {${filter}}`;
}

async function main(): Promise<void> {
  const database = await startDatabase('profile_submit');
  try {
    await seedOrganisation(database.db, args.people, { serviceUrl: 'http://127.0.0.1:9/' });
    const client = new MongoClient(database.uri, { monitorCommands: true });
    const started = new Map<number, { key: string; at: number }>();
    const totals = new Map<string, { n: number; ms: number }>();
    let recording = false;
    client.on('commandStarted', (e) => {
      if (recording) started.set(e.requestId, { key: shape(e.command as Record<string, unknown>, e.commandName), at: performance.now() });
    });
    const finish = (e: { requestId: number }) => {
      const s = started.get(e.requestId);
      if (!s) return;
      started.delete(e.requestId);
      const t = totals.get(s.key) ?? { n: 0, ms: 0 };
      t.n += 1;
      t.ms += performance.now() - s.at;
      totals.set(s.key, t);
    };
    client.on('commandSucceeded', finish);
    client.on('commandFailed', finish);
    const config = loadConfig({ MONGODB_URI: database.uri, MONGODB_DB: database.dbName, ROLE: 'web', SCHEDULER: 'off', PORT: '0', LOG_LEVEL: 'warn', PGTEAMS_CLOCK: BENCH_CLOCK });
    const runtime = await startRuntime(config, { logger: createLogger('warn'), client });
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
    recording = true;
    const t0 = performance.now();
    for (let i = args.before; i < args.before + args.measure; i++) await submit(i);
    const perSubmit = (performance.now() - t0) / args.measure;
    recording = false;
    const rows = [...totals].sort((a, b) => b[1].ms - a[1].ms);
    const dbMs = rows.reduce((sum, [, t]) => sum + t.ms, 0) / args.measure;
    console.log(`people=${args.people} checkIns before=${args.before}: ${round(perSubmit, 1)} ms a submit, ${round(dbMs, 1)} ms of it in ${round(rows.reduce((s, [, t]) => s + t.n, 0) / args.measure, 1)} database commands`);
    console.log('per submit  ms   calls  command {filter keys}');
    for (const [key, t] of rows) console.log(`${round(t.ms / args.measure, 1).toString().padStart(8)} ${round(t.n / args.measure, 2).toString().padStart(6)}  ${key}`);
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
