// The fan-out worker: claims → dispatches to a handler per job kind (jobs/) → records.
//
// Each organisation has its own queue (tenantQueue.ts) and lanes, and its own sender (Teams
// limits per app per tenant), so ten trusts each get their own ~50/s and one trust's backlog or
// 429s do not hold up another's. Nothing is kept per process but the jobs in hand: every job
// reads what it needs with indexed, organisation-scoped queries, re-reading its own state after
// the claim (finished meanwhile by another worker, cancelled or moved by an admin). A job whose
// worker died is claimed by another when its lease epoch ends; a send already accepted by Teams
// when the worker died can repeat (at most the calls in flight at that instant).
import { randomUUID } from 'node:crypto';
import type { Organisation, OutboxJob, ScheduleEvent } from '../../shared/domain';
import type { ProactiveMessenger } from '../delivery/messenger';
import type { RateAwareSender } from '../delivery/sender';
import { singleSender, type TenantSenders } from '../delivery/tenantSenders';
import { createLinks, type Links } from '../links';
import { rateLimitedWarning } from '../logger';
import type { UseCaseContext } from '../usecases/context';
import {
  completeJob,
  DEFAULT_LEASE_MS,
  failJob,
  openJob,
  organisationIdsToServe,
  outboxClaims,
  retryJobLater,
  workerHeartbeat,
  workerLeaves,
} from '../usecases/outboxJobs';
import { organisationAndEvent } from '../usecases/prompts';
import { dispatch, type ActivityFeed, type JobOutcome, type JobServices } from './jobs';
import { errorText } from './jobs/deliver';
import { isDatabaseUnavailable } from '../usecases/availability';
import { retryWhileDatabaseDown } from './databaseWait';
import { leaseGuard } from './lease';
import { TenantQueue, type ClaimedJob } from './tenantQueue';

export type { ActivityFeed } from './jobs';

export interface OutboxWorkerOptions {
  ctx: UseCaseContext;
  messenger: ProactiveMessenger;
  /** Each organisation's sender; or `sender`, one for all (tests, single-tenant tools). */
  senders?: TenantSenders;
  sender?: RateAwareSender;
  workerId?: string;
  /** Jobs in flight at once per organisation; the tenant's sender, not this, sets the pace. */
  concurrency?: number;
  leaseMs?: number;
  /** How long an organisation with nothing due waits before its queue asks again. */
  idleMs?: number;
  /** Give up on a job after this many failed runs (each run already retries inside the sender). */
  maxClaims?: number;
  /** Deep links into the tab. */
  links?: Links;
  /** Microsoft Graph activity feed; when absent, feed notifications are skipped (and say why). */
  activityFeed?: ActivityFeed;
  /** Called after each send, for benchmarks. */
  onSent?: (job: OutboxJob, activityId: string | undefined) => void;
}

export interface OutboxWorker {
  start(): void;
  stop(): Promise<void>;
  /** Processes every job due now, in every organisation, until none is left; for tests and one-shot runs. */
  drain(): Promise<number>;
  readonly workerId: string;
}

const HEARTBEAT_MS = 2_000;
const ACTIVE_WINDOW_MS = 6_000;
const ORGANISATIONS_REFRESH_MS = 10_000;
const RETRY_BACKOFF_MS = 30_000;
const quietly = rateLimitedWarning(60_000);

export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { ctx } = options;
  const workerId = options.workerId ?? `worker-${randomUUID().slice(0, 8)}`;
  const senders = options.senders ?? singleSender(options.sender ?? missingSender());
  const concurrency = options.concurrency ?? 16;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const idleMs = options.idleMs ?? 1_000;
  const maxClaims = options.maxClaims ?? 5;
  const claims = outboxClaims(ctx);
  const services = jobServices(options);
  const inFlight = new Set<string>();
  let share = { index: 0, of: 1 };
  const queues = new Map<string, TenantQueue>();
  let stopping = false;

  function queueOf(organisationId: string): TenantQueue {
    let queue = queues.get(organisationId);
    if (!queue) {
      queue = new TenantQueue({
        organisationId,
        claims,
        workerId,
        leaseMs,
        now: () => ctx.now(),
        share: () => share,
        inFlight,
        // FerretDB 1.24 pushes {organisationId, state} down but filters notBefore itself, so one
        // query costs about the organisation's open jobs whatever the limit: take a few seconds' worth.
        batchSize: Math.max(200, concurrency * 25),
        claimChunk: Math.max(1, Math.ceil(concurrency / 2)),
        idleMs,
      });
      queues.set(organisationId, queue);
    }
    return queue;
  }

  const attempt = attemptOf({ ctx, services, senders, claims, workerId, leaseMs });

  /**
   * One claimed job: run it, record what happened. Through a database outage the job stays in
   * hand (no other lane of this worker takes it): a run that could not read is run again, and an
   * outcome that could not be written — a prompt Teams already accepted — is written, not re-sent.
   */
  async function runJob(organisationId: string, claimed: ClaimedJob): Promise<void> {
    inFlight.add(claimed.job.id);
    try {
      const waiting = { logger: ctx.logger, givingUp: () => stopping };
      const ran = await retryWhileDatabaseDown(() => attempt(organisationId, claimed), { ...waiting, what: 'run' });
      if (ran) await retryWhileDatabaseDown(() => recordOutcome({ ctx, workerId, maxClaims, onSent: options.onSent }, ran.job, ran.outcome), { ...waiting, what: 'record' });
    } finally {
      inFlight.delete(claimed.job.id);
    }
  }

  const lanes = createLanes({ ctx, concurrency, idleMs, queueOf, runJob });

  const beat = () =>
    heartbeat(ctx, workerId, share, (next) => {
      share = next;
      senders.setShare(1 / next.of);
    });

  let beating: ReturnType<typeof setInterval> | undefined;
  let joining: ReturnType<typeof setTimeout> | undefined;
  return {
    workerId,
    start() {
      if (beating) return;
      // Announce first, send a heartbeat and a half later: by then every worker already sending
      // has seen this one and halved its pace, so together they never run over a tenant's limit.
      void beat().then(() => {
        if (beating) joining = setTimeout(() => lanes.start(), HEARTBEAT_MS * 1.5);
      });
      beating = setInterval(() => void beat(), HEARTBEAT_MS);
      beating.unref();
    },
    async stop() {
      stopping = true;
      if (joining) clearTimeout(joining);
      if (beating) clearInterval(beating);
      beating = undefined;
      await lanes.stop();
      await workerLeaves(ctx, workerId).catch(() => undefined);
    },
    drain: () => lanes.drain(),
  };
}

interface AttemptDeps {
  ctx: UseCaseContext;
  services: JobServices;
  senders: TenantSenders;
  claims: ReturnType<typeof outboxClaims>;
  workerId: string;
  leaseMs: number;
}

/** Re-reads a claimed job and runs its handler: null when there is nothing (more) to do. */
function attemptOf(deps: AttemptDeps) {
  const { ctx, services, senders, claims, workerId, leaseMs } = deps;
  return async (organisationId: string, claimed: ClaimedJob): Promise<{ job: OutboxJob; outcome: JobOutcome } | null> => {
    const org = { organisationId };
    // Finished by another worker since the candidates were read, or cancelled: nothing to do.
    const job = await openJob(ctx, org, claimed.job.id);
    // Moved later by an admin (the event moved): it waits for its new time.
    if (!job || job.notBefore.getTime() > ctx.now().getTime()) return null;
    try {
      const holdsLease = leaseGuard(claims, org, job.id, workerId, claimed.epoch, leaseMs);
      return { job, outcome: await dispatch(services, job, { sender: senders.of(organisationId), holdsLease }) };
    } catch (err) {
      // The database out of reach before anything was sent: run the job again once it answers.
      if (isDatabaseUnavailable(err)) throw err;
      ctx.logger.error({ err, jobId: job.id, kind: job.kind }, 'outbox job failed');
      return { job, outcome: { kind: 'retry', error: errorText(err) } };
    }
  };
}

/** What every job handler may use, built once per worker. */
function jobServices(options: OutboxWorkerOptions): JobServices {
  return {
    ctx: options.ctx,
    messenger: options.messenger,
    links: options.links ?? createLinks({ TEAMS_APP_ID: '', PUBLIC_URL: undefined }),
    activityFeed: options.activityFeed,
    organisationAndEvent: recentDocuments(options.ctx),
  };
}

/** Records what happened to a job: done (sent, skipped, blocked), failed, or due again later. */
async function recordOutcome(
  deps: { ctx: UseCaseContext; workerId: string; maxClaims: number; onSent?: OutboxWorkerOptions['onSent'] },
  job: OutboxJob,
  outcome: JobOutcome,
): Promise<void> {
  const { ctx, workerId } = deps;
  const org = { organisationId: job.organisationId };
  const at = ctx.now();
  switch (outcome.kind) {
    case 'wait':
      return;
    case 'failed':
      ctx.logger.warn({ jobId: job.id, kind: job.kind, reason: outcome.error }, 'outbox job failed for good');
      await failJob(ctx, org, job.id, workerId, outcome.error, at);
      return;
    case 'retry':
      if (job.attempts + 1 >= deps.maxClaims) await failJob(ctx, org, job.id, workerId, outcome.error, at);
      else await retryJobLater(ctx, org, job.id, new Date(at.getTime() + RETRY_BACKOFF_MS * (job.attempts + 1)), outcome.error, at);
      return;
    case 'sent':
      await completeJob(ctx, org, job.id, workerId, { sent: true, activityId: outcome.activityId }, at);
      deps.onSent?.(job, outcome.activityId);
      return;
    case 'blocked':
      await completeJob(ctx, org, job.id, workerId, { blocked: true }, at);
      return;
    case 'skipped':
      await completeJob(ctx, org, job.id, workerId, { skipped: outcome.reason }, at);
  }
}

/**
 * Each worker sends at (limit / active workers) per tenant, so two processes together stay inside
 * each tenant's one limit, and takes its share of the jobs first. A killed worker stops beating,
 * and within seconds the others take its share.
 */
async function heartbeat(ctx: UseCaseContext, workerId: string, share: { index: number; of: number }, onChange: (share: { index: number; of: number }) => void): Promise<void> {
  try {
    const now = new Date();
    const ids = await workerHeartbeat(ctx, workerId, now, new Date(now.getTime() - ACTIVE_WINDOW_MS));
    const next = { index: Math.max(0, ids.indexOf(workerId)), of: Math.max(1, ids.length) };
    if (next.index === share.index && next.of === share.of) return;
    onChange(next);
    ctx.logger.info({ workerId, activeWorkers: next.of }, 'sharing each tenant rate limit');
  } catch (err) {
    ctx.logger.warn({ err }, 'worker heartbeat failed');
  }
}

interface LaneDeps {
  ctx: UseCaseContext;
  concurrency: number;
  idleMs: number;
  queueOf(organisationId: string): TenantQueue;
  runJob(organisationId: string, claimed: ClaimedJob): Promise<void>;
}

/** `concurrency` lanes per organisation, each taking that organisation's next claimed job in turn. */
function createLanes(deps: LaneDeps) {
  const { ctx, concurrency, idleMs } = deps;
  let running = false;
  const lanes = new Map<string, Promise<void>[]>();
  const wakeups = new Set<() => void>();
  let refresher: ReturnType<typeof setInterval> | undefined;

  async function lane(organisationId: string): Promise<void> {
    const queue = deps.queueOf(organisationId);
    while (running) {
      try {
        const claimed = await queue.next();
        if (claimed) {
          await deps.runJob(organisationId, claimed);
          continue;
        }
      } catch (err) {
        // The database out of reach: said once a minute, not by every lane every second.
        if (isDatabaseUnavailable(err)) quietly(ctx.logger, 'outbox-lane', { organisationId }, 'outbox lane waiting: the database is out of reach');
        else ctx.logger.error({ err, organisationId }, 'outbox lane error');
      }
      if (running) await pause(wakeups, idleMs);
    }
  }

  async function refreshOrganisations(): Promise<void> {
    try {
      for (const organisationId of await organisationIdsToServe(ctx)) {
        if (!running || lanes.has(organisationId)) continue;
        lanes.set(organisationId, Array.from({ length: concurrency }, () => lane(organisationId)));
      }
    } catch (err) {
      ctx.logger.warn({ err }, 'could not list the organisations to serve');
    }
  }

  return {
    running: () => running,
    start() {
      running = true;
      void refreshOrganisations();
      refresher = setInterval(() => void refreshOrganisations(), ORGANISATIONS_REFRESH_MS);
      refresher.unref();
    },
    async stop() {
      running = false;
      if (refresher) clearInterval(refresher);
      for (const wake of [...wakeups]) wake();
      await Promise.all([...lanes.values()].flat());
      lanes.clear();
    },
    /** Every organisation's due jobs, each offered once, until none is left. */
    async drain(): Promise<number> {
      let processed = 0;
      const organisationIds = await organisationIdsToServe(ctx);
      await Promise.all(
        organisationIds.map(async (organisationId) => {
          const queue = deps.queueOf(organisationId);
          const offered = new Set<string>();
          const drainLane = async () => {
            for (let claimed = await queue.next(offered); claimed; claimed = await queue.next(offered)) {
              await deps.runJob(organisationId, claimed);
              processed += 1;
            }
          };
          await Promise.all(Array.from({ length: concurrency }, drainLane));
        }),
      );
      return processed;
    },
  };
}

/** Sleeps `ms`, or until stop() wakes every sleeper. */
function pause(wakeups: Set<() => void>, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      wakeups.delete(done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    wakeups.add(done);
  });
}

/**
 * An organisation's document and an event's, read at most once a second per worker: a fan-out
 * sends ~50 prompts a second for one event, and each would read the same two documents. A second
 * is as fresh as the job re-read that guards every send (a cancelled event's jobs are cancelled).
 */
function recentDocuments(ctx: UseCaseContext): JobServices['organisationAndEvent'] {
  const TTL_MS = 1_000;
  const recent = new Map<string, { at: number; value: Promise<{ organisation: Organisation | null; event: ScheduleEvent | null }> }>();
  return (organisationId, eventId) => {
    const key = `${organisationId}\u0000${eventId}`;
    const now = Date.now();
    const hit = recent.get(key);
    if (hit && now - hit.at < TTL_MS) return hit.value;
    if (recent.size > 256) for (const [k, v] of recent) if (now - v.at >= TTL_MS) recent.delete(k);
    const value = organisationAndEvent(ctx, organisationId, eventId);
    recent.set(key, { at: now, value });
    value.catch(() => recent.delete(key));
    return value;
  };
}

function missingSender(): never {
  throw new Error('createOutboxWorker needs senders (one per organisation) or a sender');
}
