// The fan-out worker: claims outbox jobs with a lease (several processes share the work without
// sending twice), sends each through the rate-aware sender, and records what happened. A job
// whose worker died is reclaimed when its lease epoch ends; at most the sends in flight at the
// moment of death can repeat.
//
// On FerretDB 1.24 every lookup scans its collection (even by `_id`) and only inserts are cheap,
// so the hot path is inserts: candidates come from a periodic reload kept in memory, a job is
// leased by inserting its claim just before it is sent and finished by inserting its result (its
// claims stay taken for a while, see OutboxJobRepository.finish), and what a prompt needs comes
// from memory: the repositories' snapshots (organisation, calendar, person, rocks) and maps
// reloaded in the background (personal chats, who has checked in).
import { randomUUID } from 'node:crypto';
import { CardFactory, type Activity, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { ConversationReferenceRecord, Organisation, OutboxJob, Person, ScheduleEvent } from '../../shared/domain';
import { CANDIDATE_MAX_AGE_MS, leaseEpochOf, type OutboxCandidate } from '../data/outboxJobRepository';
import { isEligible, reviewerOf, windowInstants } from '../../shared/policy';
import { checkInFormCard, eventTitle } from '../checkInViews';
import { sendProactive, updateProactive } from '../teams/proactive';
import type { RateAwareSender, SendResult } from '../delivery/sender';
import { createLinks, type Links } from '../links';
import { reviewerCard, revieweeCard } from '../notifications/checkInCards';
import type { ActivityNotificationPayload, BotMessagePayload, CardUpdatePayload } from '../notifications/notify';
import type { UseCaseContext } from '../usecases/context';
import { isWindowOpen } from '../usecases/checkIns';
import { markUnreachable } from '../usecases/installs';
import { buildReviewerDigestCard, rocksForCheckIn } from '../cards';

export interface OutboxWorkerOptions {
  ctx: UseCaseContext;
  adapter: CloudAdapter;
  botAppId: string;
  sender: RateAwareSender;
  workerId?: string;
  /** Jobs in flight at once; the sender's bucket, not this, sets the pace. */
  concurrency?: number;
  leaseMs?: number;
  /** How long an idle loop waits before looking for work again. */
  idleMs?: number;
  /** Give up on a job after this many claims (each claim already retries inside the sender). */
  maxClaims?: number;
  /** The tenant limit this worker shares with the other workers (heartbeats in the database). */
  tenantRps?: number;
  /** Fraction of the limit the workers aim for together (Teams counts in sliding windows). */
  utilisation?: number;
  /** Deep links into the tab. */
  links?: Links;
  /** Microsoft Graph activity feed; when absent, feed notifications are skipped (and say why). */
  activityFeed?: ActivityFeed;
  /** Called after each send, for benchmarks. */
  onSent?: (job: OutboxJob, activityId: string | undefined) => void;
}

/** The Teams activity feed (Microsoft Graph), behind its own rate-aware sender. */
export interface ActivityFeed {
  send(organisationId: string, recipientEntraObjectId: string, payload: ActivityNotificationPayload): Promise<SendResult<unknown>>;
}

export interface OutboxWorker {
  start(): void;
  stop(): Promise<void>;
  /** Processes jobs until none is due; for tests and one-shot runs. */
  drain(): Promise<number>;
  readonly workerId: string;
}

type JobOutcome =
  | { kind: 'sent'; activityId?: string }
  | { kind: 'skipped'; reason: string }
  | { kind: 'blocked' }
  | { kind: 'retry'; error: string }
  | { kind: 'failed'; error: string }
  /** The lease could not be kept until the send: another worker may have the job. Nothing recorded. */
  | { kind: 'lost' };

/** Holds a job's lease: true when a send may start now (the lease has at least a third of its time left). */
type LeaseGuard = () => Promise<boolean>;

export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { ctx, adapter, botAppId, sender } = options;
  const links = options.links ?? createLinks({ TEAMS_APP_ID: '', PUBLIC_URL: undefined });
  const workerId = options.workerId ?? `worker-${randomUUID().slice(0, 8)}`;
  const concurrency = options.concurrency ?? 32;
  const leaseMs = options.leaseMs ?? 30_000;
  const idleMs = options.idleMs ?? 1_000;
  const maxClaims = options.maxClaims ?? 5;
  let running = false;
  const loops: Promise<void>[] = [];
  const wakeups = new Set<() => void>();

  // Per organisation, reloaded in the background: what every prompt would otherwise scan for.
  const REFRESH_MS = 300_000;
  // Who checked in, per event: a reminder to someone who submitted in the last half minute is the
  // price of not reading the check-ins once per reminder.
  const CHECKED_IN_REFRESH_MS = 30_000;
  const refreshingCache = new Map<string, { at: number; value: unknown; loading?: Promise<unknown> }>();
  async function refreshing<T>(key: string, load: () => Promise<T>, refreshMs = REFRESH_MS): Promise<T> {
    const hit = refreshingCache.get(key);
    const start = () => {
      const entry = refreshingCache.get(key) ?? { at: 0, value: undefined };
      entry.loading ??= load()
        .then((value) => {
          refreshingCache.set(key, { at: Date.now(), value });
          return value;
        })
        .finally(() => {
          delete entry.loading;
        });
      refreshingCache.set(key, entry);
      return entry.loading as Promise<T>;
    };
    if (!hit || hit.at === 0) return start();
    if (Date.now() - hit.at >= refreshMs && !hit.loading) void start().catch((err: unknown) => ctx.logger.warn({ err }, 'outbox reload failed'));
    return hit.value as T;
  }
  const batchReads = ctx.repos.outboxJobs.batchReads;

  /** The person's personal chat: from the organisation's map, or (someone who installed since) a lookup. */
  async function personalReference(organisationId: string, personId: string): Promise<ConversationReferenceRecord | null> {
    const map = await refreshing(`refs:${organisationId}`, () => batchReads.personalReferencesByPerson(organisationId));
    return map.get(personId) ?? (await ctx.repos.conversationReferences.findPersonal({ organisationId }, { personId }));
  }

  async function process(job: OutboxJob, lease: LeaseGuard): Promise<JobOutcome> {
    switch (job.kind) {
      case 'check-in-prompt':
      case 'check-in-reminder':
        return sendCheckInPrompt(job, lease);
      case 'bot-message':
        return sendBotMessage(job, job.payload as unknown as BotMessagePayload, lease);
      case 'card-update':
        return updateCard(job, job.payload as unknown as CardUpdatePayload, lease);
      case 'reviewer-digest':
        return sendReviewerDigest(job, lease);
      case 'activity-notification':
        if (!options.activityFeed) return { kind: 'skipped', reason: 'activity feed not configured (AAD_APP_CLIENT_ID/SECRET)' };
        return sendActivityNotification(job, job.payload as unknown as ActivityNotificationPayload, lease);
      default:
        return { kind: 'skipped', reason: `no sender for ${job.kind} jobs` };
    }
  }

  /** The result of one send through the sender, turned into a job outcome; a 403 marks the person. */
  async function outcomeOf<T>(result: SendResult<T>, organisationId: string, person: Person, referenceKey?: string): Promise<JobOutcome> {
    if (result.ok) return { kind: 'sent', activityId: typeof result.value === 'string' ? result.value : undefined };
    if (result.blocked) {
      await markUnreachable(ctx, organisationId, person.id, result.code ?? `HTTP ${result.status}`);
      if (referenceKey) await ctx.repos.conversationReferences.markUninstalled({ organisationId }, referenceKey, ctx.now());
      return { kind: 'blocked' };
    }
    return { kind: 'retry', error: String((result.error as Error)?.message ?? result.error) };
  }

  async function sendBotMessage(job: OutboxJob, payload: BotMessagePayload, lease: LeaseGuard): Promise<JobOutcome> {
    const org = { organisationId: job.organisationId };
    const person = await ctx.repos.people.get(org, payload.recipientPersonId);
    if (!person) return { kind: 'skipped', reason: 'recipient left the directory' };
    if (!person.reachable) return { kind: 'skipped', reason: 'unreachable' };
    const reference = await personalReference(job.organisationId, person.id);
    if (!reference) return { kind: 'skipped', reason: 'app not installed' };
    let activity: Partial<Activity>;
    let checkInId: string | undefined;
    if (payload.message.kind === 'text') {
      activity = { type: 'message', text: payload.message.text };
    } else {
      checkInId = payload.message.checkInId;
      const checkIn = await ctx.repos.checkIns.get(org, checkInId);
      if (!checkIn) return { kind: 'skipped', reason: 'check-in gone' };
      const card = await reviewerCard(ctx, checkIn, { tabUrl: (sub) => links.tab('team', sub), reviewerTeamsUserId: reference.key });
      if (!card) return { kind: 'skipped', reason: 'check-in event or person gone' };
      activity = { type: 'message', attachments: [CardFactory.adaptiveCard(card)] };
    }
    if (!(await lease())) return { kind: 'lost' };
    const result = await sender.send(reference.conversationId, () => sendProactive(adapter, botAppId, reference.reference as Partial<ConversationReference>, activity));
    const outcome = await outcomeOf(result, job.organisationId, person, reference.key);
    if (outcome.kind === 'sent' && checkInId && outcome.activityId) {
      await ctx.repos.checkIns.setReviewerCard(org, checkInId, { conversationId: reference.conversationId, activityId: outcome.activityId });
    }
    return outcome;
  }

  /** Replaces a check-in card already in a chat with its current state (acknowledged, responded). */
  async function updateCard(job: OutboxJob, payload: CardUpdatePayload, lease: LeaseGuard): Promise<JobOutcome> {
    const org = { organisationId: job.organisationId };
    const checkIn = await ctx.repos.checkIns.get(org, payload.checkInId);
    if (!checkIn) return { kind: 'skipped', reason: 'check-in gone' };
    const target = payload.target === 'reviewer' ? checkIn.reviewerCard : checkIn.card;
    const ownerId = payload.target === 'reviewer' ? checkIn.reviewerId : checkIn.personId;
    if (!target || !ownerId) return { kind: 'skipped', reason: 'no card to update' };
    const [person, reference] = await Promise.all([ctx.repos.people.get(org, ownerId), personalReference(job.organisationId, ownerId)]);
    if (!person || !reference) return { kind: 'skipped', reason: 'app not installed' };
    const card =
      payload.target === 'reviewer'
        ? await reviewerCard(ctx, checkIn, { tabUrl: (sub) => links.tab('team', sub), reviewerTeamsUserId: reference.key })
        : await revieweeCard(ctx, checkIn);
    if (!card) return { kind: 'skipped', reason: 'check-in event or person gone' };
    const activity = { id: target.activityId, type: 'message', attachments: [CardFactory.adaptiveCard(card)] };
    if (!(await lease())) return { kind: 'lost' };
    const result = await sender.send(reference.conversationId, () => updateProactive(adapter, botAppId, reference.reference as Partial<ConversationReference>, activity));
    return outcomeOf(result, checkIn.organisationId, person, reference.key);
  }

  /** After a window closes: who on the reviewer's team checked in, who waits for them, who didn't. */
  async function sendReviewerDigest(job: OutboxJob, lease: LeaseGuard): Promise<JobOutcome> {
    const org = { organisationId: job.organisationId };
    const { reviewerPersonId, eventId } = job.payload as { reviewerPersonId: string; eventId: string };
    const [organisation, event, reviewer] = await Promise.all([
      ctx.repos.organisations.get(job.organisationId),
      ctx.repos.scheduleEvents.get(org, eventId),
      ctx.repos.people.get(org, reviewerPersonId),
    ]);
    if (!organisation || !event || !reviewer) return { kind: 'skipped', reason: 'reviewer, event or organisation gone' };
    if (!reviewer.reachable) return { kind: 'skipped', reason: 'unreachable' };
    const reference = await personalReference(job.organisationId, reviewer.id);
    if (!reference) return { kind: 'skipped', reason: 'app not installed' };
    const now = ctx.now();
    const team = (await ctx.repos.people.listReviewees(org, reviewer.id)).filter(
      (p) => reviewerOf(p, organisation.policy) === reviewer.id && isEligible(p, organisation.policy, now).eligible,
    );
    if (team.length === 0) return { kind: 'skipped', reason: 'no reviewees' };
    const checkIns = new Map((await ctx.repos.checkIns.listForEvent(org, event.id)).map((c) => [c.personId, c]));
    const submitted = team.filter((p) => checkIns.has(p.id)).map((p) => ({ name: p.displayName, awaitingAcknowledgement: !checkIns.get(p.id)!.acknowledgement }));
    const notCheckedIn = team.filter((p) => !checkIns.has(p.id)).map((p) => ({ name: p.displayName }));
    const card = buildReviewerDigestCard({
      reviewerName: reviewer.displayName,
      eventTitle: eventTitle(organisation, event),
      vocabulary: organisation.policy.vocabulary,
      submitted,
      notCheckedIn,
      tabUrl: links.tab('team'),
    });
    const activity = { type: 'message', attachments: [CardFactory.adaptiveCard(card)] };
    if (!(await lease())) return { kind: 'lost' };
    const result = await sender.send(reference.conversationId, () => sendProactive(adapter, botAppId, reference.reference as Partial<ConversationReference>, activity));
    return outcomeOf(result, job.organisationId, reviewer, reference.key);
  }

  async function sendActivityNotification(job: OutboxJob, payload: ActivityNotificationPayload, lease: LeaseGuard): Promise<JobOutcome> {
    const org = { organisationId: job.organisationId };
    const person = await ctx.repos.people.get(org, payload.recipientPersonId);
    if (!person) return { kind: 'skipped', reason: 'recipient left the directory' };
    if (!person.entraObjectId) return { kind: 'skipped', reason: 'recipient has no Entra object id yet' };
    if (!(await lease())) return { kind: 'lost' };
    const result = await options.activityFeed!.send(job.organisationId, person.entraObjectId, payload);
    if (result.ok) return { kind: 'sent' };
    // A 403/404 from Graph says nothing about the bot chat, so the person stays reachable there.
    if (result.blocked) return { kind: 'skipped', reason: `activity feed refused (${result.status}${result.code ? ` ${result.code}` : ''})` };
    // A notification Graph can never accept (undeclared type, bad parameters) is our bug: fail it now.
    if (result.attempts === 0) return { kind: 'failed', error: String((result.error as Error)?.message ?? result.error) };
    return { kind: 'retry', error: String((result.error as Error)?.message ?? result.error) };
  }

  async function sendCheckInPrompt(job: OutboxJob, lease: LeaseGuard): Promise<JobOutcome> {
    const org = { organisationId: job.organisationId };
    if (!job.personId || !job.eventId) return { kind: 'skipped', reason: 'job names no person or event' };
    // Both from the repositories' in-memory copies (snapshots.ts).
    const [organisation, event] = await Promise.all([ctx.repos.organisations.get(job.organisationId), ctx.repos.scheduleEvents.get(org, job.eventId)]);
    if (!organisation || !event) return { kind: 'skipped', reason: 'organisation or event gone' };
    const now = ctx.now();
    if (event.status === 'cancelled') return { kind: 'skipped', reason: 'event cancelled' };
    if (!isWindowOpen(event, organisation.policy.timezone, now)) {
      // Not open yet (the event moved later since the job was read): leave it for a later reload.
      if (now.getTime() < windowInstants(event, organisation.policy.timezone).opensAt.getTime()) return { kind: 'lost' };
      return { kind: 'skipped', reason: 'window not open' };
    }
    const person = await ctx.repos.people.get(org, job.personId);
    if (!person) return { kind: 'skipped', reason: 'person left the directory' };
    if (!person.reachable) return { kind: 'skipped', reason: 'unreachable' };
    const eligibility = isEligible(person, organisation.policy, now);
    if (!eligibility.eligible) return { kind: 'skipped', reason: `not eligible: ${eligibility.reason ?? ''}` };
    const [reference, checkedIn, personRocks] = await Promise.all([
      personalReference(job.organisationId, person.id),
      refreshing(`checkedIn:${job.organisationId}:${event.id}`, () => batchReads.checkedInPersonIds(job.organisationId, event.id), CHECKED_IN_REFRESH_MS),
      ctx.repos.rocks.listForPerson(org, person.id),
    ]);
    if (checkedIn.has(person.id)) return { kind: 'skipped', reason: 'already checked in' };
    if (!reference) return { kind: 'skipped', reason: 'app not installed' };
    const rocks = rocksForCheckIn(personRocks);
    const activity = promptActivity(job, organisation, event, person, rocks, now);
    if (!(await lease())) return { kind: 'lost' };
    const result = await sender.send(reference.conversationId, () =>
      sendProactive(adapter, botAppId, reference.reference as Partial<ConversationReference>, activity),
    );
    // 403 MessageWritesBlocked: they removed or blocked the app. Not retried until they reinstall.
    return outcomeOf(result, job.organisationId, person, reference.key);
  }

  // Candidates: every due, unfinished job, from one reload (two scans: jobs, results) kept in memory.
  // This worker's share (id hash % active workers = its place among them) first, earliest first;
  // then the others' from the far end, so two workers meet only at the end of the queue.
  type Candidate = OutboxCandidate & { loadedAt: number };
  let mine: Candidate[] = [];
  let others: Candidate[] = [];
  const finished = new Set<string>();
  const inFlight = new Set<string>();
  let share = { index: 0, of: 1 };
  let lastReload = 0;
  let reloading: Promise<void> | null = null;
  // While busy, a reload only brings in what became due since; on FerretDB it scans every job in
  // the outbox (a fortnight's, see the retention sweep; seconds at 20,000 under load), so a busy
  // worker reloads rarely — but within CANDIDATE_MAX_AGE_MS, or its candidates expire.
  const RELOAD_MS = 90_000;
  const idleReloadMs = Math.max(idleMs, 1_000);

  function reload(): Promise<void> {
    reloading ??= (async () => {
      const started = Date.now();
      try {
        // Leased jobs come too: claiming one another worker holds fails at no cost, and the claims
        // are the largest collection to read.
        const candidates = await ctx.repos.outboxJobs.scanCandidates(ctx.now(), { leaseNow: new Date(started), finished, includeLeased: true });
        const nextMine: Candidate[] = [];
        const nextOthers: Candidate[] = [];
        for (const scanned of candidates) {
          if (inFlight.has(scanned.id)) continue;
          const c = { ...scanned, loadedAt: started };
          (share.of <= 1 || hashOf(c.id) % share.of === share.index ? nextMine : nextOthers).push(c);
        }
        mine = nextMine;
        others = nextOthers;
      } finally {
        lastReload = started;
        reloading = null;
      }
    })();
    return reloading;
  }

  async function nextJob(force: boolean): Promise<Candidate | null> {
    const age = Date.now() - lastReload;
    if (mine.length === 0 && others.length === 0) {
      if (force || age >= idleReloadMs) await reload();
    } else if (age >= RELOAD_MS || (mine.length === 0 && age >= idleReloadMs)) {
      void reload().catch((err: unknown) => ctx.logger.error({ err }, 'outbox reload failed'));
    }
    for (;;) {
      const candidate = mine.shift() ?? others.pop();
      if (!candidate) return null;
      // Older than a finished job's claims last (CANDIDATE_MAX_AGE_MS): read the outbox again first.
      if (Date.now() - candidate.loadedAt > CANDIDATE_MAX_AGE_MS - leaseMs) {
        mine = [];
        others = [];
        await reload();
        continue;
      }
      if (!inFlight.has(candidate.id) && !finished.has(candidate.id)) return candidate;
    }
  }

  /** The lease guard of a job claimed for `epoch`: renews into the next epoch when a third or less is left. */
  function leaseGuard(jobId: string, claimedEpoch: number): LeaseGuard {
    let held = claimedEpoch;
    const outboxJobs = ctx.repos.outboxJobs;
    return async () => {
      const now = Date.now();
      const current = leaseEpochOf(now, leaseMs);
      const left = (e: number) => (e + 1) * leaseMs - now;
      if (held >= current && left(held) >= leaseMs / 3) return true;
      const lapsed = held < current;
      // Renew: the current epoch if ours lapsed, then the next if this one is nearly over.
      for (let e = Math.max(held + 1, current); left(held) < leaseMs / 3; e++) {
        if (!(await outboxJobs.tryClaim(jobId, workerId, e, leaseMs))) return false;
        held = e;
      }
      // Held throughout: nobody else can have claimed it, let alone finished it. After a lapse,
      // someone may have finished it (one `{_id}` read tells).
      return !lapsed || !(await outboxJobs.isFinished(jobId));
    };
  }

  async function runOne(force = false): Promise<boolean> {
    const candidate = await nextJob(force);
    if (!candidate) return false;
    inFlight.add(candidate.id);
    try {
      await runJob(candidate);
    } finally {
      inFlight.delete(candidate.id);
    }
    return true;
  }

  async function runJob(candidate: Candidate): Promise<void> {
    const outboxJobs = ctx.repos.outboxJobs;
    const epoch = leaseEpochOf(Date.now(), leaseMs);
    // One insert: exactly one worker wins the job for this epoch. The loser drops it. A job
    // finished since the candidates were read keeps its claims taken (finish), so it is lost too.
    if (!(await outboxJobs.tryClaim(candidate.id, workerId, epoch, leaseMs))) return;
    const job = candidate.job;
    let outcome: JobOutcome;
    try {
      outcome = await process(job, leaseGuard(job.id, epoch));
    } catch (err) {
      ctx.logger.error({ err, jobId: job.id }, 'outbox job failed');
      outcome = { kind: 'retry', error: err instanceof Error ? err.message : String(err) };
    }
    if (outcome.kind === 'lost') return;
    finished.add(job.id);
    const at = ctx.now();
    if (outcome.kind === 'failed') {
      await outboxJobs.fail(job.id, workerId, outcome.error, at);
      return;
    }
    if (outcome.kind === 'retry') {
      finished.delete(job.id);
      const attempt = job.attempts + 1;
      if (attempt >= maxClaims) {
        finished.add(job.id);
        await outboxJobs.fail(job.id, workerId, outcome.error, at);
      } else await outboxJobs.retryLater(job.id, workerId, new Date(at.getTime() + 30_000 * attempt), outcome.error, at);
      return;
    }
    const result = outcome.kind === 'sent' ? { sent: true, activityId: outcome.activityId } : outcome.kind === 'blocked' ? { blocked: true } : { skipped: outcome.reason };
    await outboxJobs.complete(job.id, workerId, result, at);
    if (outcome.kind === 'sent') options.onSent?.(job, outcome.activityId);
  }

  async function loop(): Promise<void> {
    while (running) {
      let worked = false;
      try {
        worked = await runOne();
      } catch (err) {
        ctx.logger.error({ err }, 'outbox loop error');
      }
      if (!worked && running) await new Promise<void>((resolve) => {
        const timer = setTimeout(done, idleMs);
        function done() {
          clearTimeout(timer);
          wakeups.delete(done);
          resolve();
        }
        wakeups.add(done);
      });
    }
  }

  // Each worker paces itself at limit / active workers, so two processes together stay inside the
  // one tenant limit. A killed worker stops beating and the others take its share within seconds.
  const HEARTBEAT_MS = 2_000;
  const ACTIVE_WINDOW_MS = 6_000;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let activeWorkers = 1;
  async function beat(): Promise<void> {
    try {
      const now = new Date();
      await ctx.repos.workers.heartbeat(workerId, now);
      const ids = await batchReads.activeWorkerIds(new Date(now.getTime() - ACTIVE_WINDOW_MS));
      const active = Math.max(1, ids.length);
      const index = ids.indexOf(workerId);
      if (index >= 0 && (index !== share.index || ids.length !== share.of)) share = { index, of: ids.length };
      if (active !== activeWorkers && options.tenantRps) {
        activeWorkers = active;
        sender.bucket.setRate((options.tenantRps * (options.utilisation ?? 0.93)) / active);
        ctx.logger.info({ workerId, activeWorkers: active }, 'sharing the tenant rate limit');
      }
    } catch (err) {
      ctx.logger.warn({ err }, 'worker heartbeat failed');
    }
  }

  return {
    workerId,
    start() {
      if (running) return;
      running = true;
      void beat();
      heartbeat = setInterval(() => void beat(), HEARTBEAT_MS);
      heartbeat.unref();
      for (let i = 0; i < concurrency; i++) loops.push(loop());
    },
    async stop() {
      running = false;
      if (heartbeat) clearInterval(heartbeat);
      await ctx.repos.workers.remove(workerId).catch(() => undefined);
      for (const wake of [...wakeups]) wake();
      await Promise.all(loops.splice(0));
    },
    async drain() {
      let processed = 0;
      const lanes = Array.from({ length: concurrency }, async () => {
        while (await runOne(true)) processed += 1;
      });
      await Promise.all(lanes);
      return processed;
    },
  };
}

function promptActivity(job: OutboxJob, organisation: Organisation, event: ScheduleEvent, person: Person, rocks: Parameters<typeof checkInFormCard>[0]['rocks'], now: Date) {
  const card = checkInFormCard({ organisation, event, person, rocks, now });
  const title = eventTitle(organisation, event);
  const text = job.kind === 'check-in-reminder'
    ? `A gentle reminder: ${title} closes tonight. Ten minutes is plenty — one answer is enough.`
    : `It's check-in time: ${title}.`;
  return { text, summary: text, attachments: [CardFactory.adaptiveCard(card)] };
}

/** A stable, cheap hash of a job id (FNV-1a), to split the jobs between workers. */
function hashOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
