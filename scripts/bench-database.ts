// `npm run bench:database`: the local database's facts the server core is built on, measured on
// this machine (BENCHMARKS.md, "The local database"). Starts its own FerretDB on PostgreSQL.
//
//   --docs N         documents in the collection (default 20000)
//   --lookups N      sequential findOne calls per measurement (default 300)
//   --contenders N   concurrent writers in the atomicity checks (default 100)
//
// Prints figures as it goes; the last line is JSON.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient, type Collection } from 'mongodb';
import { Client } from 'pg';
import { insertOnce } from '../bot/data/atomic';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startFerretDb } = require('./ferretdb.js') as typeof import('./ferretdb.js');

interface Args {
  docs: number;
  lookups: number;
  contenders: number;
}

function parse(argv: string[]): Args {
  const args: Args = { docs: 20_000, lookups: 300, contenders: 100 };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i]?.replace(/^--/, '') as keyof Args;
    if (!(key in args)) throw new Error(`unknown option ${argv[i]} (known: --docs --lookups --contenders)`);
    args[key] = Number(argv[i + 1]);
  }
  return args;
}

interface Doc {
  _id: string;
  organisationId: string;
  email: string;
  status: string;
  count?: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Median milliseconds of one findOne on an indexed, organisation-scoped filter (not `_id`). */
async function lookupMs(collection: Collection<Doc>, args: Args): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < args.lookups; i++) {
    const n = (i * 7919) % args.docs;
    const started = process.hrtime.bigint();
    const found = await collection.findOne({ organisationId: `org-${n % 10}`, email: `person-${n}@school.example` });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (!found) throw new Error(`person-${n} not found`);
  }
  return median(times);
}

function say(message: string): void {
  process.stderr.write(`${message}\n`);
}

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgteams-bench-database-'));
  const database = await startFerretDb({ dataDir });
  const client = await MongoClient.connect(database.uri);
  const pg = new Client({ connectionString: database.postgresUrl });
  await pg.connect();
  try {
    const db = client.db('bench_database');
    const people = db.collection<Doc>('people');
    await people.createIndex({ organisationId: 1, email: 1 }, { name: 'organisation_email_unique', unique: true });
    const docs: Doc[] = Array.from({ length: args.docs }, (_, n) => ({ _id: `p${n}`, organisationId: `org-${n % 10}`, email: `person-${n}@school.example`, status: 'active' }));
    for (let i = 0; i < docs.length; i += 1000) await people.insertMany(docs.slice(i, i + 1000));
    await pg.query('ANALYZE');
    say(`${args.docs} documents in 10 organisations`);

    const withTwinsMs = await lookupMs(people, args);
    say(`findOne {organisationId, email}: ${withTwinsMs.toFixed(2)} ms median with the GIN twins`);
    // The same lookup as FerretDB alone would serve it: only its own btree indexes.
    const twins = await pg.query<{ name: string }>("SELECT indexname AS name FROM pg_indexes WHERE schemaname = 'bench_database' AND indexname LIKE 'gin\\_%'");
    for (const { name } of twins.rows) await pg.query(`DROP INDEX bench_database."${name}"`);
    const withoutTwinsMs = await lookupMs(people, { ...args, lookups: Math.min(args.lookups, 60) });
    say(`findOne {organisationId, email}: ${withoutTwinsMs.toFixed(2)} ms median with FerretDB's btree indexes only (${twins.rowCount} twins dropped)`);

    // Concurrent updates: finish (the pool is sized), but are not atomic on FerretDB 1.x.
    await people.updateOne({ _id: 'p0' }, { $set: { count: 0 } });
    const updatesStarted = Date.now();
    await Promise.all(Array.from({ length: args.contenders }, () => people.updateOne({ _id: 'p0' }, { $inc: { count: 1 } })));
    const concurrentUpdatesMs = Date.now() - updatesStarted;
    const incremented = (await people.findOne({ _id: 'p0' }))?.count ?? 0;
    say(`${args.contenders} concurrent $inc on one document: done in ${concurrentUpdatesMs} ms, count ${incremented} (atomic would be ${args.contenders})`);

    // A unique-index insert is atomic: exactly one of the contenders wins.
    const decisions = db.collection<{ _id: string; winner: number }>('decisions');
    const outcomes = await Promise.all(Array.from({ length: args.contenders }, (_, winner) => insertOnce(decisions, { _id: 'claim:job-1', winner })));
    const uniqueInsertWinners = outcomes.filter(Boolean).length;
    say(`${args.contenders} concurrent inserts of one unique key: ${uniqueInsertWinners} winner(s)`);

    const result = {
      docs: args.docs,
      findOneIndexedMs: Number(withTwinsMs.toFixed(2)),
      findOneFerretDbIndexesOnlyMs: Number(withoutTwinsMs.toFixed(2)),
      speedup: Number((withoutTwinsMs / withTwinsMs).toFixed(1)),
      concurrentUpdates: args.contenders,
      concurrentUpdatesMs,
      incrementsKept: incremented,
      uniqueInsertWinners,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await pg.end();
    await client.close();
    await database.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  say(`bench:database failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
