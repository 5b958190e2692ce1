// npm run simulate -- --year --policy <pack id> [--staff 300] [--seed 7] [--teams-limits]
//
// Plays a whole cycle of a shipped policy pack through the real endpoints: the organisation from
// the pack, a directory of N staff with reviewers (and coaches where the pack's rule names them),
// a few the policy leaves out (e.g. ECTs) and a starter mid-year; everyone installs; then the
// moved clock visits every event of the cycle in date order while the real scheduler and outbox
// worker do their work: check-ins (see year/checkIns.ts), optional check-ins, rock-setting
// windows through /api/v1 (year/rocks.ts), and every other event kind (counted as reached; a
// pack can add behaviour to any of them: packs/index.ts). Progress goes to stderr; the last line
// on stdout is one JSON object that must reconcile (year/report.ts), else the exit code is 1.
//
// The Bot Connector stand-in's Teams limits (50 calls/s per tenant) are lifted by default so a
// year of 300 staff takes minutes, not most of an hour; --teams-limits keeps them.
// SIM_LOG_LEVEL=info DB_PROFILE_MS=60000 log the server's slowest database commands to stderr.
import { queueDuePrompts } from '../../bot/usecases/promptQueue';
import { getPolicyPack, windowInstants } from '../../shared/policy';
import { CHECK_IN_KINDS } from '../../bot/usecases/checkIns';
import { arg, log, mulberry32, Poster, startHarness, transport, type Harness } from './common';
import { loadPackHooks, type Moment, type YearSim } from './packs';
import { Api } from './year/api';
import { checkInMoments, planCheckIn, type CheckInPlan } from './year/checkIns';
import { yearReport } from './year/report';
import { checkTimelines } from './year/timelines';
import { planRocks } from './year/rocks';
import { planReviews, reviewMoments } from './year/reviews';
import { reviewReport } from './year/reviewReport';
import { setUpWorld, TENANT } from './year/world';
import { planTalent, talentMoments } from './year/talent';
import { talentReport } from './year/talentReport';

/** Waits until nothing in the outbox is due (sent, skipped or failed), after one scheduler tick. */
async function settle(harness: Harness, label: string, timeoutMs = 600_000): Promise<void> {
  const { runtime } = harness;
  const org = { organisationId: TENANT };
  const deadline = Date.now() + timeoutMs;
  await queueDuePrompts(runtime.ctx);
  // The worker's lanes would wake within a second; draining now as well is the same work, sooner.
  await runtime.worker?.drain();
  for (;;) {
    const due = await runtime.repos.outboxJobs.dueJobs(org, runtime.ctx.now(), 1);
    if (due.length === 0) return;
    if (Date.now() > deadline) throw new Error(`${label}: the outbox did not settle: ${JSON.stringify(await runtime.repos.outboxJobs.countByStatus(org))}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function main(): Promise<void> {
  const started = Date.now();
  const policyId = arg('policy', 'tsfe-2025-26');
  const staff = Number(arg('staff', '300'));
  const pack = getPolicyPack(policyId);
  const hooks = await loadPackHooks(policyId);
  const teamsLimits = process.argv.includes('--teams-limits');
  const cycleStart = new Date(`${pack.cycle.startsOn}T00:00:00Z`);
  const harness = await startHarness({
    start: new Date(cycleStart.getTime() - 7 * 86_400_000),
    // Only the simulation's own ticks (settle) and a slow background one: each step is deterministic.
    env: { SCHEDULER_INTERVAL_MS: '60000', AUTH_MODE: 'dev', ...(teamsLimits ? {} : { TENANT_RATE_LIMIT_RPS: '1000', SENDER_CONCURRENCY: '32' }) },
    connector: teamsLimits ? undefined : { limits: { tenantRps: 1000, perConversationPerSecond: 1000, perConversation30s: 100_000 } },
  });
  const { runtime } = harness;
  const poster = new Poster(runtime.url!, harness.connector, TENANT);
  const api = new Api(runtime.url!, TENANT);
  try {
    const world = await setUpWorld(harness, poster, pack, staff);
    await settle(harness, 'installs');
    harness.connector.reset();
    const sim: YearSim = { world, harness, poster, api, random: mulberry32(Number(arg('seed', '7'))), settle: (label) => settle(harness, label) };

    // The year's reviews are planned first: a support plan's pause decides who is prompted after it.
    const reviews = planReviews(sim);
    const reached: Record<string, number> = {};
    const plans: CheckInPlan[] = [];
    const moments: Moment[] = [];
    for (const event of world.events) {
      // In group mode (seed 004) nobody gets a card of their own: the pack's hooks play the group
      // sessions, and the event is only reached here.
      const individual = world.policy.checkIns.mode !== 'group';
      const isCheckIn = (CHECK_IN_KINDS as readonly string[]).includes(event.kind);
      if (isCheckIn && individual) {
        const plan = planCheckIn(sim, event);
        plans.push(plan);
        moments.push(...checkInMoments(sim, plan));
      } else {
        moments.push({
          at: new Date(windowInstants(event, world.tz).opensAt.getTime() + 60_000),
          label: `${event.key} (${event.kind}) opens`,
          run: () => sim.settle(event.key),
        });
      }
      // Counted when its first step has run.
      moments.push({ at: new Date(windowInstants(event, world.tz).opensAt.getTime() + 60_000), label: `${event.key} reached`, run: async () => void (reached[event.kind] = (reached[event.kind] ?? 0) + 1) });
      moments.push(...(hooks.momentsFor?.[event.kind]?.(sim, event) ?? []));
    }
    const rockPlans = planRocks(sim);
    for (const { moments: m } of rockPlans) moments.push(...m);
    if (reviews) moments.push(...reviewMoments(sim, reviews));
    // Issue 13: the aspiration survey, career conversations and their follow-ups (year/talent.ts).
    const talent = planTalent(sim);
    if (talent) moments.push(...talentMoments(sim, talent));
    moments.push(...(hooks.moments?.(sim) ?? []));
    // Date order; steps at the same instant keep the order they were added in (sort is stable).
    moments.sort((a, b) => a.at.getTime() - b.at.getTime());

    for (const [i, moment] of moments.entries()) {
      harness.clock.now = moment.at;
      const t = Date.now();
      const before = { n: poster.requests + api.requests, ms: poster.elapsedMs + api.elapsedMs };
      await moment.run();
      const n = poster.requests + api.requests - before.n;
      const answer = n > 0 ? `; ${n} requests, ${Math.round((poster.elapsedMs + api.elapsedMs - before.ms) / n)} ms each` : '';
      log(`${moment.at.toISOString().slice(0, 16)} ${moment.label} (${((Date.now() - t) / 1000).toFixed(1)} s${answer}; step ${i + 1}/${moments.length}; errors ${poster.errors + api.errors})`);
    }

    // A day after the last step: everyone looks at their year in the tab.
    harness.clock.now = new Date(moments[moments.length - 1]!.at.getTime() + 86_400_000);
    const timelineProblems = await checkTimelines(sim, plans);
    const core = await yearReport(sim, plans, rockPlans.map((r) => r.plan), reached);
    const extra = hooks.report ? await hooks.report(sim) : { counters: {}, problems: [] };
    const reviewed = reviews ? await reviewReport(sim, reviews, plans) : { counters: {}, problems: [], duplicates: 0 };
    core.result.duplicates += reviewed.duplicates;
    const talented = talent ? await talentReport(sim, talent) : { counters: {}, problems: [], duplicates: 0 };
    core.result.duplicates += talented.duplicates;
    core.result.errors = sim.poster.errors + sim.api.errors + (await harness.runtime.repos.outboxJobs.countByStatus({ organisationId: TENANT })).failed;
    const problems = [...core.problems, ...timelineProblems, ...reviewed.problems, ...talented.problems, ...extra.problems];
    const result = { mode: 'year', policy: policyId, staff, ...core.result, ...reviewed.counters, ...talented.counters, ...extra.counters, redeliveries: transport.redeliveries, problems, elapsedS: Number(((Date.now() - started) / 1000).toFixed(1)) };
    if (result.duplicates !== 0) problems.push(`${result.duplicates} duplicates`);
    if (result.errors !== 0) problems.push(`${result.errors} errors`);
    for (const p of problems) log(`does not reconcile: ${p}`);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exitCode = problems.length === 0 ? 0 : 1;
  } finally {
    await harness.stop();
  }
}
