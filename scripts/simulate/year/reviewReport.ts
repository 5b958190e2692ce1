// The reviews' part of the year's JSON line (issue 12): what our endpoints answered as the
// simulated staff worked through each review (plan.answered), set against the database (the
// reviews and their records, the people's status, the review messages queued and sent) and against
// what the PG administrator sees in GET /review-progress. Every mismatch is a problem.
import { windowInstants } from '../../../shared/policy';
import { REVIEW_VERBS, VERBS } from '../../../shared/verbs';
import type { YearSim } from '../packs';
import type { CheckInPlan } from './checkIns';
import type { ReviewsPlan, StagePlan } from './reviews';
import { log } from '../common';
import { TENANT } from './world';

type Doc = Record<string, unknown>;

interface ProgressRow {
  school: string;
  stage: string;
  opened: number;
  outcomeRecorded: number;
  reflectionsSubmitted: number;
  statements: number;
  finalDecisions: number;
  staffComments: number;
  complete: number;
  overdue: number;
  outcomes: Record<string, number>;
}

const add = (m: Record<string, number>, k: string, n = 1) => void (m[k] = (m[k] ?? 0) + n);
const sumOf = (rows: ProgressRow[], k: keyof ProgressRow) => rows.reduce((n, r) => n + Number(r[k]), 0);

/** The records of one stage's reviews, from the database. */
function stageFacts(s: StagePlan, reviews: Doc[], records: Doc[]) {
  const mine = reviews.filter((r) => r.stage === s.stage.kind);
  const ids = new Set(mine.map((r) => String(r._id ?? r.id)));
  const recs = records.filter((r) => ids.has(String(r.reviewId)));
  const submitted = (kind: string) => recs.filter((r) => r.kind === kind && r.submittedAt);
  const label = (key: unknown) => s.stage.outcomes.find((o) => o.key === key)?.label ?? String(key);
  // The outcome as it stands: the final decision where made, else the reviewer's.
  const outcomes: Record<string, number> = {};
  const byReview = new Map<string, Doc[]>();
  for (const r of recs) byReview.set(String(r.reviewId), [...(byReview.get(String(r.reviewId)) ?? []), r]);
  for (const [, rs] of byReview) {
    const decided = rs.find((r) => r.kind === 'final-decision' && r.submittedAt);
    const reviewer = rs.find((r) => (r.kind === 'statement' || r.kind === 'impact-outcome') && r.submittedAt);
    const key = decided?.outcome ?? reviewer?.outcome;
    if (key !== undefined) add(outcomes, label(key));
  }
  return {
    opened: mine,
    impactOutcomes: submitted('impact-outcome'),
    reflections: submitted('reflection'),
    drafts: recs.filter((r) => r.kind === 'reflection' && !r.submittedAt),
    statements: submitted('statement'),
    decisions: submitted('final-decision'),
    comments: submitted('staff-comment').length + recs.filter((r) => r.kind === 'staff-comment' && !r.submittedAt).length,
    supportPlans: recs.filter((r) => r.kind === 'support-plan'),
    supportOutcomes: recs.filter((r) => r.kind === 'support-outcome'),
    summaries: recs.filter((r) => r.kind === 'summary').length,
    outcomes,
  };
}

/** The review and support messages the outbox holds, by reason; and the reminders by review|audience. */
async function messages(sim: YearSim) {
  const jobs = (await sim.harness.runtime.db.collection('outboxJobs').find({ organisationId: TENANT, kind: 'bot-message' }).toArray()) as Doc[];
  const byReason: Record<string, number> = {};
  const reminders = new Map<string, Set<string>>(); // reviewId → audiences reminded
  let notSent = 0;
  for (const job of jobs) {
    const message = ((job.payload as Doc | undefined)?.message ?? {}) as Doc;
    if (message.kind !== 'year-review' && message.kind !== 'support-plan') continue;
    add(byReason, `${message.kind === 'support-plan' ? 'support-' : ''}${String(message.reason)}`);
    if (job.state !== 'done') notSent += 1;
    if (message.kind === 'year-review' && message.reason === 'reminder') {
      const set = reminders.get(String(message.reviewId)) ?? new Set<string>();
      set.add(String(message.audience));
      reminders.set(String(message.reviewId), set);
    }
  }
  return { byReason, reminders, notSent };
}

/** Review cards sent twice to the same chat (the same activity, new messages only). */
function duplicateCards(sim: YearSim): number {
  const verbs = Object.values(REVIEW_VERBS).filter((v) => !v.startsWith('feedback.'));
  const seen = new Set<string>();
  let duplicates = 0;
  for (const send of sim.harness.connector.sent) {
    if (send.kind === 'update') continue;
    const json = JSON.stringify(send.activity);
    if (!verbs.some((v) => json.includes(`"${v}"`))) continue;
    const key = `${send.conversationId}|${json}`;
    if (seen.has(key)) duplicates += 1;
    seen.add(key);
  }
  return duplicates;
}

/**
 * The support pause as the stand-in saw it: check-ins that opened while someone was paused (never
 * prompted: the check-in rows make any prompt a problem) and those after their plan succeeded.
 */
function pausesAndPrompts(sim: YearSim, checkIns: CheckInPlan[]) {
  let whilePaused = 0;
  let afterResume = 0;
  const prompted = new Map<string, Set<string>>(); // eventId → conversations
  for (const send of sim.harness.connector.sent) {
    if (send.kind === 'update') continue;
    const json = JSON.stringify(send.activity);
    if (!json.includes(VERBS.submitCheckIn) || /remind/i.test(String((send.activity as { text?: string }).text ?? ''))) continue;
    const eventId = /"eventId":"([^"]+)"/.exec(json)?.[1] ?? '?';
    prompted.set(eventId, (prompted.get(eventId) ?? new Set()).add(send.conversationId));
  }
  for (const p of sim.world.people.filter((x) => x.pauses.length > 0)) {
    for (const c of checkIns.filter((x) => !x.optional)) {
      const opensAt = windowInstants(c.event, sim.world.tz).opensAt;
      const got = prompted.get(c.event.id)?.has(`a:${p.teamsUserId}`) ?? false;
      if (p.pauses.some((x) => opensAt >= x.from && (!x.to || opensAt < x.to))) whilePaused += got ? 0 : 1;
      else if (p.pauses.some((x) => x.to && opensAt >= x.to) && got) afterResume += 1;
    }
  }
  return { checkInsNotPromptedWhilePaused: whilePaused, checkInsPromptedAfterResuming: afterResume };
}

export async function reviewReport(sim: YearSim, plan: ReviewsPlan, checkIns: CheckInPlan[]) {
  const { world, harness } = sim;
  const db = harness.runtime.db;
  const problems = [...plan.problems];
  const reviews = (await db.collection('yearReviews').find({ organisationId: TENANT }).toArray()) as Doc[];
  const records = (await db.collection('yearReviewRecords').find({ organisationId: TENANT }).toArray()) as Doc[];
  const progress = await sim.api.call(world.admin, 'GET', `/review-progress?cycleId=${encodeURIComponent(plan.cycleId)}`);
  const rows = (progress.status === 200 ? progress.body.rows : []) as ProgressRow[];
  const a = plan.answered;
  const msgs = await messages(sim);
  const out: Record<string, unknown> = {};
  let supportPlans = 0;
  let resumed = 0;
  let nextSteps = 0;
  for (const s of plan.stages) {
    const f = stageFacts(s, reviews, records);
    const problem = (text: string) => problems.push(`${s.event.key}: ${text}`);
    const eligibleIds = new Set(s.eligible.map((p) => p.personId!));
    const openedIds = new Set(f.opened.map((r) => String(r.personId)));
    const notOpened = s.subjects.filter((x) => !openedIds.has(x.person.personId!));
    const notEligible = [...openedIds].filter((id) => !eligibleIds.has(id));
    if (notOpened.length) problem(`${notOpened.length} eligible people with a reviewer have no review (e.g. ${notOpened[0]!.person.name})`);
    if (notEligible.length) problem(`${notEligible.length} reviews opened for people the model has not taking part (e.g. ${world.byPersonId.get(notEligible[0]!)?.name ?? notEligible[0]})`);
    if (f.opened.length !== openedIds.size) problem(`${f.opened.length - openedIds.size} people have two reviews`);
    const mine = rows.filter((r) => r.stage === s.stage.kind);
    const check = (what: string, app: number, stored: number, answered?: number) => {
      if (app !== stored) problem(`the PG admin's progress shows ${app} ${what}, the database holds ${stored}`);
      if (answered !== undefined && answered !== stored) problem(`${answered} ${what} answered 2xx, the database holds ${stored}`);
    };
    check('opened', sumOf(mine, 'opened'), f.opened.length);
    const staffComments = f.comments;
    check('staff comments', sumOf(mine, 'staffComments'), staffComments, a.staffComments[s.stage.kind] ?? 0);
    const appOutcomes: Record<string, number> = {};
    for (const r of mine) for (const [k, n] of Object.entries(r.outcomes ?? {})) add(appOutcomes, k, n);
    if (JSON.stringify(Object.entries(appOutcomes).sort()) !== JSON.stringify(Object.entries(f.outcomes).sort())) problem(`the PG admin's outcomes ${JSON.stringify(appOutcomes)} ≠ the database's ${JSON.stringify(f.outcomes)}`);
    const plans = f.supportPlans.length;
    const succeeded = f.supportOutcomes.filter((r) => r.succeeded === true).length;
    const unsuccessful = f.supportOutcomes.filter((r) => r.succeeded === false).length;
    supportPlans += plans;
    resumed += succeeded;
    nextSteps += unsuccessful;
    const modelPlans = s.subjects.filter((x) => x.support && x.reviewId).length;
    if (plans !== modelPlans) problem(`${plans} support plans stored, ${modelPlans} recorded`);
    if (s.stage.kind === 'impact') {
      check('impact outcomes', sumOf(mine, 'outcomeRecorded'), f.impactOutcomes.length, Object.values(a.impact).reduce((x, y) => x + y, 0));
      const byKey: Record<string, number> = {};
      for (const r of f.impactOutcomes) add(byKey, s.stage.outcomes.find((o) => o.key === r.outcome)?.effect === 'support' ? 'support' : String(r.outcome));
      const modelByKey: Record<string, number> = {};
      for (const x of s.subjects.filter((y) => y.reviewId)) add(modelByKey, s.stage.outcomes.find((o) => o.key === x.outcome)?.effect === 'support' ? 'support' : x.outcome);
      if (JSON.stringify(Object.entries(byKey).sort()) !== JSON.stringify(Object.entries(modelByKey).sort())) problem(`impact outcomes stored ${JSON.stringify(byKey)}, recorded ${JSON.stringify(modelByKey)}`);
      const total = Object.values(byKey).reduce((x, y) => x + y, 0);
      if (total !== s.subjects.length) problem(`${total} impact outcomes for ${s.subjects.length} eligible people with a reviewer`);
      const modelResumed = s.subjects.filter((x) => x.support?.succeeds).length;
      if (succeeded !== modelResumed || succeeded !== a.supportSucceeded) problem(`${succeeded} support plans succeeded in the database, ${a.supportSucceeded} answered, ${modelResumed} recorded`);
      const statusOf = new Map(((await db.collection('people').find({ organisationId: TENANT }).toArray()) as Doc[]).map((p) => [String(p._id ?? p.id), String(p.status)]));
      // (Unless the end of the year's 'commence support' paused them again.)
      const stillPaused = s.subjects.filter((x) => x.support?.succeeds && !x.person.pauses.some((p) => !p.to) && statusOf.get(x.person.personId!) !== 'active').length;
      if (stillPaused) problem(`${stillPaused} people whose support plan succeeded are not active again`);
      // Each impact plan: a reminder policy.reviews.support.reminderDaysBefore before its review, and "review due" on the day.
      const reviewed = s.subjects.filter((x) => x.done.plan && x.done.supportOutcome).length;
      for (const reason of ['support-reminder', 'support-review-due']) {
        if ((msgs.byReason[reason] ?? 0) !== reviewed) problem(`${msgs.byReason[reason] ?? 0} support plan messages "${reason.slice(8)}", ${reviewed} plans reviewed`);
      }
      out.impactReviews = { eligible: s.eligible.length, withReviewer: s.subjects.length, opened: f.opened.length, ...byKey, reminded: countReminders(msgs.reminders, f.opened) };
      compareReminders(s, msgs.reminders, problem, records);
    } else {
      check('reflections submitted', sumOf(mine, 'reflectionsSubmitted'), f.reflections.length, a.reflections);
      check('statements', sumOf(mine, 'statements'), f.statements.length, a.statements);
      check('final decisions', sumOf(mine, 'finalDecisions'), f.decisions.length, a.decisionsConfirmed + a.decisionsChanged);
      const changed = f.decisions.filter((r) => r.confirmed === false).length;
      if (changed !== a.decisionsChanged) problem(`${changed} decisions changed the outcome in the database, ${a.decisionsChanged} changed it`);
      const modelReflections = s.subjects.filter((x) => x.wave !== 'never' && x.reviewId).length;
      if (f.reflections.length !== modelReflections) problem(`${f.reflections.length} reflections submitted, ${modelReflections} sent`);
      const modelDraftsOnly = s.subjects.filter((x) => x.wave === 'never' && x.drafts && x.reviewId).length;
      if (f.drafts.length !== modelDraftsOnly) problem(`${f.drafts.length} reflections saved as drafts and never sent, ${modelDraftsOnly} left so`);
      if (f.statements.length !== f.reflections.length) problem(`${f.statements.length} statements for ${f.reflections.length} reflections`);
      const deciders = s.subjects.filter((x) => x.done.statement && x.deciderId).length;
      if (f.decisions.length !== deciders) problem(`${f.decisions.length} final decisions for ${deciders} statements with a decider`);
      const complete = sumOf(mine, 'complete');
      const modelComplete = s.subjects.filter((x) => x.done.decision || (x.done.statement && !x.deciderId)).length;
      if (complete !== modelComplete) problem(`the PG admin's progress shows ${complete} complete, ${modelComplete} were`);
      if (s.stage.writtenSummary && f.summaries !== modelComplete) problem(`${f.summaries} written summaries for ${modelComplete} complete reviews`);
      Object.assign(out, {
        endOfYearReviews: { eligible: s.eligible.length, withReviewer: s.subjects.length, opened: f.opened.length, complete, reminded: countReminders(msgs.reminders, f.opened), withoutDecider: s.subjects.filter((x) => x.done.statement && !x.deciderId).length },
        reflectionDrafts: a.reflectionDrafts,
        reflectionsNeverSent: f.drafts.length,
        reflections: f.reflections.length,
        statements: f.statements.length,
        finalDecisions: f.decisions.length,
        decisionsChanged: changed,
        summaries: f.summaries,
        summariesRead: a.summariesRead,
        outcomes: f.outcomes,
      });
      compareReminders(s, msgs.reminders, problem, records);
    }
  }
  const comments = records.filter((r) => r.kind === 'staff-comment').length;
  const progressSupport = progress.status === 200 ? progress.body.supportPlans : null;
  if (progressSupport && (progressSupport.succeeded !== resumed || progressSupport.unsuccessful !== nextSteps || progressSupport.open + progressSupport.succeeded + progressSupport.unsuccessful !== supportPlans)) {
    problems.push(`the PG admin's support plans ${JSON.stringify(progressSupport)}: ${supportPlans} stored, ${resumed} succeeded, ${nextSteps} not`);
  }
  if (supportPlans !== a.supportPlans) problems.push(`${supportPlans} support plans stored, ${a.supportPlans} answered 2xx`);
  if (msgs.notSent) problems.push(`${msgs.notSent} review messages not sent`);
  return {
    problems,
    duplicates: duplicateCards(sim),
    counters: { ...out, supportPlans, resumed, supportNextSteps: nextSteps, ...pausesAndPrompts(sim, checkIns), staffComments: comments, reviewMessages: msgs.byReason },
  };
}

function countReminders(reminders: Map<string, Set<string>>, opened: Doc[]): number {
  return opened.reduce((n, r) => n + (reminders.get(String(r._id ?? r.id))?.size ?? 0), 0);
}

/** A reminder to exactly those the stage was still waiting on at the reminder's tick. */
function compareReminders(s: StagePlan, reminders: Map<string, Set<string>>, problem: (t: string) => void, records: Doc[]): void {
  if (!s.expectedReminders) return;
  const got = new Set<string>();
  for (const x of s.subjects) for (const audience of reminders.get(x.reviewId ?? '') ?? []) got.add(`${x.reviewId}|${audience}`);
  const missing = [...s.expectedReminders].filter((k) => !got.has(k));
  const extra = [...got].filter((k) => !s.expectedReminders!.has(k));
  for (const key of [...missing, ...extra].slice(0, 10)) {
    const x = s.subjects.find((y) => key.startsWith(`${y.reviewId}|`));
    const recs = records.filter((r) => r.reviewId === x?.reviewId).map((r) => `${String(r.kind)} at ${(r.submittedAt as Date | undefined)?.toISOString() ?? 'draft'}`);
    log(`reminder ${missing.includes(key) ? 'missing' : 'not expected'}: ${x?.person.name ?? key} (wave ${x?.wave}, reviewer ${x?.reviewer.name}, index ${x?.person.index}): ${recs.join(', ') || 'no records'}`);
  }
  if (missing.length || extra.length) problem(`reminders: ${missing.length} of ${s.expectedReminders.size} expected not sent, ${extra.length} not expected (e.g. ${[...missing, ...extra][0]})`);
}
