// Fan-out benchmark (DESIGN.md, quality bars): the real worker process(es) prompt N staff through
// a Bot Connector stand-in that enforces the Teams limits. Optionally kill -9 worker 1 mid-run and
// restart it. Prints progress lines, then one JSON line; exits 1 when a target is missed.
//
//   npm run bench:fanout -- --staff 10000 [--workers 2] [--kill-after 3000] [--limit 50]
//
// Options: --staff N people (default 10000); --workers N processes (1); --kill-after K: SIGKILL
// worker 1 once the stand-in has accepted K prompts, then restart it (0: no kill); --limit RPS the
// tenant limit the stand-in enforces and the workers are told (50); --timeout S (0: derived from
// N and the limit); --stall S: give up after this long without a new prompt, once prompts began (120);
// --concurrency N SENDER_CONCURRENCY (0: the product's default); --profile S: the workers log a
// database command profile every S seconds (DB_PROFILE_MS).
// MONGODB_URI: use that server (a fresh database on it) instead of starting FerretDB.
import { performance } from 'node:perf_hooks';
import type { Db } from 'mongodb';
import { startBotConnectorStandIn, type RecordedActivity } from '../test/standins/botConnector';
import { VERBS } from '../shared/verbs';
import {
  BENCH_CLOCK,
  conversationIdOf,
  log,
  parseArgs,
  round,
  seedOrganisation,
  sleep,
  startDatabase,
  startServerProcess,
  type ServerProcess,
} from './bench/common';

const args = parseArgs({ staff: 10_000, workers: 1, killAfter: 0, limit: 50, timeout: 0, stall: 120, concurrency: 0, profile: 0 });

interface Prompt {
  conversationId: string;
  at: number;
}

/** The lease holders the database knows of: the worker registry's heartbeats and the owners of leased jobs. */
async function knownWorkerIds(db: Db): Promise<Set<string>> {
  const ids = new Set<string>();
  const registered = await db.collection<{ _id: string }>('workers').find({}, { projection: { _id: 1 } }).toArray().catch(() => []);
  for (const w of registered) ids.add(w._id);
  const owners = await db.collection('outboxClaims').distinct('workerId', { expiresAt: { $gt: new Date() } }).catch(() => [] as unknown[]);
  for (const owner of owners) if (typeof owner === 'string') ids.add(owner);
  return ids;
}

/** Waits for a worker id the database did not know before (the process just started beats or leases). */
async function discoverNewWorkerId(db: Db, known: Set<string>, timeoutMs = 60_000): Promise<string | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const id of await knownWorkerIds(db)) if (!known.has(id)) return id;
    await sleep(200);
  }
  return undefined;
}

async function main(): Promise<void> {
  const { staff, workers, killAfter, limit } = args;
  const timeoutS = args.timeout > 0 ? args.timeout : Math.ceil((staff / (limit * 0.8)) * 1.5) + 180;
  const database = await startDatabase('bench_fanout');
  const standIn = await startBotConnectorStandIn({ limits: { tenantRps: limit }, retryAfterSeconds: 1 });
  const processes: ServerProcess[] = [];
  try {
    const seedStart = performance.now();
    const { personIds } = await seedOrganisation(database.db, staff, { serviceUrl: standIn.url });
    log(`seeded ${staff} people and conversation references in ${round((performance.now() - seedStart) / 1000, 1)} s`);

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
    };
    const conversationOfPerson = new Map(personIds.map((id, i) => [id, conversationIdOf(i)]));

    // Worker 1 first, so its id is known (for the kill) before the others start.
    const known = await knownWorkerIds(database.db);
    processes.push(startServerProcess('worker-1', env));
    let worker1Id: string | undefined;
    if (killAfter > 0 || workers > 1) {
      worker1Id = await discoverNewWorkerId(database.db, known);
      log(`worker 1 is ${worker1Id ?? '(not found: inFlightAtKill will count every leased job)'}`);
    }
    for (let n = 2; n <= workers; n++) processes.push(startServerProcess(`worker-${n}`, env));

    // Follow the stand-in's accepted activities as they arrive.
    const prompts: Prompt[] = [];
    const promptsPerConversation = new Map<string, number>();
    let seen = 0;
    // Sent as a reply to the install activity (the stored reference carries its activityId), as in Teams.
    const isPrompt = (a: RecordedActivity) => a.kind !== 'update' && JSON.stringify(a.activity.attachments ?? '').includes(VERBS.submitCheckIn);
    const collect = () => {
      const sent = standIn.sent;
      for (; seen < sent.length; seen++) {
        const a = sent[seen]!;
        if (!isPrompt(a)) continue;
        prompts.push({ conversationId: a.conversationId, at: a.at });
        promptsPerConversation.set(a.conversationId, (promptsPerConversation.get(a.conversationId) ?? 0) + 1);
      }
    };

    const openPromptJobs = async () => {
      const jobs = await database.db.collection<{ _id: string }>('outboxJobs').find({ kind: 'check-in-prompt' }, { projection: { _id: 1 } }).toArray();
      const done = new Set((await database.db.collection<{ _id: string }>('outboxResults').find({}, { projection: { _id: 1 } }).toArray()).map((r) => r._id));
      return jobs.filter((j) => !done.has(j._id)).length;
    };

    let killed = false;
    let inFlightAtKill: number | null = null;
    let leasedAtKill: number | null = null;
    const started = Date.now();
    let lastProgress = Date.now();
    let lastPromptCount = 0;
    let lastReport = { at: Date.now(), prompts: 0, throttled: 0 };
    let outcome = 'timeout';
    for (;;) {
      await sleep(250);
      collect();
      const now = Date.now();
      if (prompts.length > lastPromptCount) {
        lastPromptCount = prompts.length;
        lastProgress = now;
      }

      if (killAfter > 0 && !killed && prompts.length >= killAfter) {
        killed = true;
        const victim = processes[0]!;
        victim.child.kill('SIGKILL');
        await victim.exited;
        // Jobs that worker 1 held at its death; the sends the stand-in accepted for them are the
        // ones a restart can repeat (the others were claimed but never sent). Read a moment later:
        // the database still runs the commands the dead process had sent (leases last 30 s).
        await sleep(1_000);
        const claims = await database.db
          .collection<{ jobId: string }>('outboxClaims')
          .find({ expiresAt: { $gt: new Date() }, ...(worker1Id ? { workerId: worker1Id } : {}) }, { projection: { jobId: 1 } })
          .toArray();
        const claimedIds = new Set(claims.map((c) => c.jobId));
        const done = new Set((await database.db.collection<{ _id: string }>('outboxResults').find({}, { projection: { _id: 1 } }).toArray()).map((r) => r._id));
        const leased = (
          await database.db.collection<{ _id: string; personId?: string }>('outboxJobs').find({ kind: 'check-in-prompt' }, { projection: { _id: 1, personId: 1 } }).toArray()
        ).filter((j) => claimedIds.has(j._id) && !done.has(j._id));
        collect();
        leasedAtKill = leased.length;
        inFlightAtKill = leased.filter((j) => j.personId && promptsPerConversation.has(conversationOfPerson.get(j.personId) ?? '')).length;
        console.log(`killed worker 1 (kill -9) after ${prompts.length} prompts: ${leasedAtKill} jobs leased to it, ${inFlightAtKill} of them already sent; restarting it`);
        processes[0] = startServerProcess('worker-1b', env);
      }

      if (now - lastReport.at >= 10_000) {
        const stats = standIn.stats();
        const rate = (prompts.length - lastReport.prompts) / ((now - lastReport.at) / 1000);
        console.log(
          `t=${Math.round((now - started) / 1000)}s prompts=${prompts.length} people=${promptsPerConversation.size}/${staff} rate=${round(rate, 1)}/s throttled=${stats.throttled} (+${stats.throttled - lastReport.throttled}) peak1s=${stats.peakTenantPerSecond}`,
        );
        lastReport = { at: now, prompts: prompts.length, throttled: stats.throttled };
      }

      // Done when everyone has a prompt and no prompt job is left to run (a stranded lease may still repeat one).
      if (promptsPerConversation.size >= staff && now - lastProgress >= 1_000) {
        const open = await openPromptJobs();
        if (open === 0) {
          outcome = 'complete';
          break;
        }
      }
      if (prompts.length > 0 && now - lastProgress >= args.stall * 1000) {
        const open = await openPromptJobs();
        outcome = `stalled: no prompt for ${args.stall} s, ${open} prompt jobs pending or leased`;
        break;
      }
      if (now - started >= timeoutS * 1000) break;
      for (const p of processes) {
        if (p.child.exitCode !== null && p.child.exitCode !== 0) throw new Error(`${p.name} exited with code ${p.child.exitCode}`);
      }
    }
    // Stop the workers before the last queries: on FerretDB they would queue behind the workers' own.
    for (const p of processes) await p.stop();
    collect();
    console.log(`finished: ${outcome}`);

    const stats = standIn.stats();
    const first = prompts[0]?.at ?? 0;
    const last = prompts[prompts.length - 1]?.at ?? 0;
    const elapsedS = Math.max(0.001, (last - first) / 1000);
    const achievedRps = prompts.length / elapsedS;
    const people = promptsPerConversation.size;
    const result = {
      staff,
      limitRps: limit,
      workers,
      elapsedS: round(elapsedS, 1),
      achievedRps: round(achievedRps, 2),
      ratio: round(achievedRps / limit, 3),
      throttled: stats.throttled,
      duplicates: prompts.length - people,
      missing: staff - people,
      inFlightAtKill,
      leasedAtKill,
      peakPerSecond: stats.peakTenantPerSecond,
      calls: stats.calls,
      // Prompt jobs leased more than once: after a kill, or a lease that ran out while the job waited.
      reclaimed: await (async () => {
        const claims = await database.db.collection<{ jobId: string; workerId: string }>('outboxClaims').find({}, { projection: { jobId: 1, workerId: 1 } }).toArray();
        const owners = new Map<string, Set<string>>();
        for (const c of claims) owners.set(c.jobId, (owners.get(c.jobId) ?? new Set()).add(c.workerId));
        return [...owners.values()].filter((o) => o.size > 1).length;
      })(),
      outcome,
    };
    const met = result.ratio >= 0.9 && result.missing === 0 && result.duplicates <= (inFlightAtKill ?? 0);
    console.log(JSON.stringify(result));
    process.exitCode = met ? 0 : 1;
  } finally {
    for (const p of processes) await p.stop().catch(() => undefined);
    await standIn.close().catch(() => undefined);
    await database.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:fanout failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(2);
});
