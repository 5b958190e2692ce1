// The year's reviews (issue 12) through /api/v1, as each person does them in the tab: for every
// stage of the policy's reviews (policy.reviews.stages; none for a pack without reviews) the
// scheduler opens a review for each eligible person on the stage's event, and then:
//
//   impact (TSFE's March 1:1): each reviewer finds their reviewees' reviews in GET /reviews
//     ("needs me") and records an outcome (PUT /reviews/:id/impact-outcome, with the meeting date):
//     about 15% exceeding, 75% expected, 10% support recommended; most on the first day, most of
//     the rest after the reminder, a few after the deadline. Support recommended pauses the person:
//     the reviewer records a plan (PUT .../support-plan, informal or formal, a review date) and at
//     that date whether it succeeded (PUT .../support-outcome): about 70% do and their professional
//     growth resumes (their check-in prompts restart, which the check-in rows reconcile because the
//     model's eligibility knows each pause); the rest get the route's next step. A few comment.
//   end of year: the reviewee reads their pre-filled reflection (GET /reviews/:id), some save a
//     draft, nearly all submit it (PUT .../reflection); the reviewer writes the statement with the
//     meeting date and an outcome (PUT .../statement); where the review names a decider (TSFE: the
//     school's SMT member, else the reviewer's reviewer) they confirm nine in ten and change the
//     rest with a reason (PUT .../final-decision); two in five comment on the outcome (PUT
//     .../comment) after reading the written summary. "Did not meet – commence support" is given
//     only after the last check-in of the year has closed, so its pause cannot change a check-in.
//
// Everything is planned before the year runs (its own seeded randomness, so the check-ins' draws
// are the same as without reviews), including when each support plan pauses and resumes someone.
// Counted from the answers of our endpoints as they come, then set against the database and the
// PG administrator's GET /review-progress at the end (reviewReport).
import { DateTime } from 'luxon';
import type { ReviewStage, ScheduleEvent } from '../../../shared/domain';
import { windowInstants } from '../../../shared/policy';
import { cycleIdFor } from '../../../bot/usecases/organisations';
import { REVIEW_VERBS } from '../../../shared/verbs';
import { arg, inBatches, log, mulberry32 } from '../common';
import type { Moment, YearSim } from '../packs';
import { modelEligible, modelReviewer, TENANT, type World, type YearPerson } from './world';

type Wave = 'first' | 'second' | 'late' | 'support' | 'never';

interface SupportPlanModel {
  route: string;
  reviewOn: string;
  succeeds: boolean;
  /** When the reviewer records the plan, and (impact) its outcome. */
  planAt: Date;
  outcomeAt?: Date;
}

export interface Subject {
  person: YearPerson;
  reviewer: YearPerson;
  /** The reviewer's outcome (impact outcome or statement). */
  outcome: string;
  /** Impact: when the reviewer records it. End of year: which wave the reflection, statement and decision come in. */
  wave: Wave;
  recordAt?: Date;
  /** End of year: saves a draft first; what the decider changes the outcome to (else confirms); comments. */
  drafts: boolean;
  changeTo?: string;
  comments: boolean;
  support?: SupportPlanModel;
  /** From the server: the review's id, and its decider (end of year). */
  reviewId?: string;
  deciderId?: string | null;
  done: { outcome?: boolean; reflection?: boolean; statement?: boolean; decision?: boolean; comment?: boolean; plan?: boolean; supportOutcome?: boolean };
}

export interface StagePlan {
  stage: ReviewStage;
  event: ScheduleEvent;
  opensAt: Date;
  /** The reviewee's part due (the event's close), the reviewer's, the decider's. */
  dueAt: Date;
  reviewerDueAt: Date;
  decisionDueAt: Date;
  /** Eligible when the stage opens (the model's), and those of them with a reviewer. */
  eligible: YearPerson[];
  subjects: Subject[];
  /** At the stage's reminder: the reviews (id|audience) still waiting for someone. */
  expectedReminders?: Set<string>;
}

export interface ReviewsPlan {
  cycleId: string;
  stages: StagePlan[];
  /** Counted from our endpoints' 2xx answers as they came. */
  answered: {
    impact: Record<string, number>;
    supportPlans: number;
    supportSucceeded: number;
    supportUnsuccessful: number;
    reflectionDrafts: number;
    reflections: number;
    statements: number;
    decisionsConfirmed: number;
    decisionsChanged: number;
    staffComments: Record<string, number>;
    summariesRead: number;
  };
  problems: string[];
}

const HOUR = 3_600_000;

function localAt(world: World, at: Date, days: number, time: string): Date {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return DateTime.fromJSDate(at, { zone: world.tz }).plus({ days }).set({ hour, minute, second: 0, millisecond: 0 }).toJSDate();
}

function isoDay(world: World, at: Date): string {
  return DateTime.fromJSDate(at, { zone: world.tz }).toISODate()!;
}

/** A fraction of the way from `from` to `to`, at a local time of day. */
function partWay(world: World, from: Date, to: Date, fraction: number, time: string): Date {
  return localAt(world, new Date(from.getTime() + fraction * (to.getTime() - from.getTime())), 0, time);
}

function closeOf(world: World, key: string | undefined): Date | undefined {
  const event = key ? world.events.find((e) => e.key === key) : undefined;
  return event ? windowInstants(event, world.tz).closesAt : undefined;
}

/** A support plan's review date: weeks after the impact review, never inside a check-in window (the day after it instead). */
function reviewDate(world: World, after: Date, days: number): string {
  let day = DateTime.fromJSDate(after, { zone: world.tz }).plus({ days }).toISODate()!;
  for (const e of world.events.filter((x) => x.kind === 'check-in' || x.kind === 'optional-check-in')) {
    const { opensAt, closesAt } = windowInstants(e, world.tz);
    if (day >= isoDay(world, opensAt) && day <= isoDay(world, closesAt)) day = DateTime.fromJSDate(closesAt, { zone: world.tz }).plus({ days: 1 }).toISODate()!;
  }
  return day;
}

const keysWith = (stage: ReviewStage, effect: string) => stage.outcomes.filter((o) => o.effect === effect).map((o) => o.key);

/** Plans every stage; sets the people's pauses. Null when the policy has no reviews. */
export function planReviews(sim: YearSim): ReviewsPlan | null {
  const { world } = sim;
  const rules = world.policy.reviews;
  if (!rules || rules.stages.length === 0) return null;
  const random = mulberry32(Number(arg('seed', '7')) * 31 + 12);
  const plan: ReviewsPlan = {
    cycleId: cycleIdFor(TENANT, world.pack.cycle.key),
    stages: [],
    answered: { impact: {}, supportPlans: 0, supportSucceeded: 0, supportUnsuccessful: 0, reflectionDrafts: 0, reflections: 0, statements: 0, decisionsConfirmed: 0, decisionsChanged: 0, staffComments: {}, summariesRead: 0 },
    problems: [],
  };
  // Stages in date order: the impact review's pauses decide who is eligible at the end of the year.
  const stages = rules.stages
    .map((stage) => ({ stage, event: world.events.find((e) => e.key === stage.eventKey) }))
    .filter((s): s is { stage: ReviewStage; event: ScheduleEvent } => Boolean(s.event))
    .sort((a, b) => windowInstants(a.event, world.tz).opensAt.getTime() - windowInstants(b.event, world.tz).opensAt.getTime());
  for (const { stage, event } of stages) {
    const { opensAt, closesAt } = windowInstants(event, world.tz);
    const reviewerDueAt = closeOf(world, stage.reviewerDeadlineEventKey) ?? closesAt;
    const stagePlan: StagePlan = {
      stage,
      event,
      opensAt,
      dueAt: closesAt,
      reviewerDueAt,
      decisionDueAt: closeOf(world, stage.decisionDeadlineEventKey) ?? reviewerDueAt,
      eligible: world.people.filter((p) => expectedToOpen(world, p, opensAt)),
      subjects: [],
    };
    for (const person of stagePlan.eligible) {
      const reviewer = modelReviewer(world, person);
      if (!reviewer) continue;
      const subject: Subject = { person, reviewer, outcome: '', wave: 'first', drafts: false, comments: false, done: {} };
      if (stage.kind === 'impact') planImpact(sim, stagePlan, subject, random);
      else planEndOfYear(sim, stagePlan, subject, random);
      stagePlan.subjects.push(subject);
    }
    plan.stages.push(stagePlan);
  }
  return plan;
}

/**
 * Who the model expects a stage to open a review for: taking part when it opens (so not someone
 * paused by a support plan, not an ECT, not a starter who has not started).
 */
function expectedToOpen(world: World, p: YearPerson, at: Date): boolean {
  return modelEligible(world, p, at);
}

function planImpact(sim: YearSim, s: StagePlan, subject: Subject, random: () => number): void {
  const { world } = sim;
  const support = keysWith(s.stage, 'support')[0];
  const talent = keysWith(s.stage, 'talent')[0];
  const none = keysWith(s.stage, 'none')[0] ?? s.stage.outcomes[0]!.key;
  const roll = random();
  subject.outcome = roll < 0.15 && talent ? talent : roll >= 0.9 && support ? support : none;
  const when = random();
  subject.wave = when < 0.55 ? 'first' : when < 0.95 ? 'second' : 'late';
  subject.recordAt = impactTimes(world, s)[subject.wave as 'first' | 'second' | 'late'];
  subject.comments = random() < 0.1;
  const rules = world.policy.reviews!.support;
  if (subject.outcome === support && rules && rules.routes.length > 0) {
    const route = rules.routes[random() < 0.7 ? 0 : Math.min(1, rules.routes.length - 1)]!.key;
    const reviewOn = reviewDate(world, s.dueAt, random() < 0.5 ? 29 : 43);
    const model: SupportPlanModel = { route, reviewOn, succeeds: random() < 0.7, planAt: localAt(world, s.dueAt, 4, '10:00') };
    model.outcomeAt = DateTime.fromISO(`${reviewOn}T14:00`, { zone: world.tz }).toJSDate();
    subject.support = model;
    // Paused from the moment the outcome is recorded; a plan that succeeds resumes them.
    subject.person.pauses.push({ from: subject.recordAt, to: model.succeeds ? model.outcomeAt : undefined });
  }
}

function impactTimes(world: World, s: StagePlan) {
  const reminder = reminderAt(world, s.reviewerDueAt, s.opensAt);
  return {
    first: localAt(world, s.opensAt, 0, '15:00'),
    second: reminder && reminder > s.opensAt ? new Date(reminder.getTime() + 2 * HOUR) : partWay(world, s.opensAt, s.reviewerDueAt, 0.6, '15:00'),
    late: localAt(world, s.reviewerDueAt, 1, '10:00'),
  };
}

/**
 * policy.reviews.reminder: days before a due date, at a local time; where that is not after the
 * opening (a window shorter than the notice), the day before the due date; never after it.
 */
function reminderAt(world: World, due: Date, opensAt: Date): Date | undefined {
  const r = world.policy.reviews?.reminder ?? { daysBefore: 7, at: '09:00' };
  let when = localAt(world, due, -r.daysBefore, r.at);
  if (when <= opensAt) when = localAt(world, due, -1, r.at);
  return when > opensAt && when < due ? when : undefined;
}

/** A reminder step before each of the stage's distinct due dates (the reviewee's, the reviewer's, the decider's). */
function reminderMoments(sim: YearSim, s: StagePlan, name: string): Moment[] {
  const dues = s.stage.kind === 'impact' ? [s.reviewerDueAt] : [s.dueAt, s.reviewerDueAt, s.decisionDueAt];
  const distinct = [...new Map(dues.map((d) => [d.getTime(), d])).values()];
  return distinct.flatMap((due) => {
    const at = reminderAt(sim.world, due, s.opensAt);
    return at ? [{ at: new Date(at.getTime() + 60_000), label: `${name}: reminders before ${isoDay(sim.world, due)}`, run: () => reminders(sim, s, due) }] : [];
  });
}

function planEndOfYear(sim: YearSim, s: StagePlan, subject: Subject, random: () => number): void {
  const { world } = sim;
  const onSupport = subject.person.pauses.some((p) => !p.to);
  const already = keysWith(s.stage, 'already-support')[0];
  const support = keysWith(s.stage, 'support')[0];
  const talent = keysWith(s.stage, 'talent')[0];
  const plain = keysWith(s.stage, 'none');
  const roll = random();
  if (onSupport && already) subject.outcome = already;
  else if (roll < 0.15 && talent) subject.outcome = talent;
  else if (roll >= 0.95 && support) subject.outcome = support;
  else if (plain.length > 1 && roll >= 0.85) subject.outcome = plain[1 + Math.floor(random() * (plain.length - 1))]!;
  else subject.outcome = plain[0] ?? s.stage.outcomes[0]!.key;
  const when = random();
  subject.wave = when < 0.03 ? 'never' : subject.outcome === support ? 'support' : when < 0.63 ? 'first' : 'second';
  subject.drafts = random() < 0.4;
  // The decider changes one in ten of the ordinary outcomes (talent ↔ the first plain one), with a reason.
  const changeable = [talent, plain[0]].filter(Boolean) as string[];
  if (random() < 0.1 && changeable.includes(subject.outcome) && changeable.length === 2) subject.changeTo = changeable.find((k) => k !== subject.outcome);
  subject.comments = random() < 0.4;
  const routes = world.policy.reviews!.support?.routes ?? [];
  if (subject.wave === 'support' && routes.length > 0) {
    const planAt = new Date(s.decisionDueAt.getTime() - 6 * HOUR);
    // Paused when the decision completes the review (after the year's last check-in).
    subject.person.pauses.push({ from: new Date(s.decisionDueAt.getTime() - 8 * HOUR) });
    subject.support = { route: routes[0]!.key, reviewOn: DateTime.fromJSDate(s.decisionDueAt, { zone: world.tz }).plus({ days: 60 }).toISODate()!, succeeds: false, planAt };
  }
}

// ── The steps ────────────────────────────────────────────────────────────────────────────────

export function reviewMoments(sim: YearSim, plan: ReviewsPlan): Moment[] {
  const moments: Moment[] = [];
  for (const s of plan.stages) moments.push(...(s.stage.kind === 'impact' ? impactMoments(sim, plan, s) : endOfYearMoments(sim, plan, s)));
  return moments;
}

function impactMoments(sim: YearSim, plan: ReviewsPlan, s: StagePlan): Moment[] {
  const { world } = sim;
  const name = `${s.stage.label} (${s.event.key})`;
  const times = impactTimes(world, s);
  const moments: Moment[] = [
    { at: localAt(world, s.opensAt, 0, '08:05'), label: `${name}: reviewers find their reviews`, run: () => findReviews(sim, plan, s) },
    ...(['first', 'second', 'late'] as const).map((wave) => ({
      at: times[wave],
      label: `${name}: reviewers record outcomes (${wave})`,
      run: () => recordImpact(sim, plan, s, s.subjects.filter((x) => x.wave === wave)),
    })),
    { at: localAt(world, s.dueAt, 5, '18:00'), label: `${name}: comments`, run: () => comment(sim, plan, s, s.subjects.filter((x) => x.comments)) },
  ];
  moments.push(...reminderMoments(sim, s, name));
  const supported = s.subjects.filter((x) => x.support);
  if (supported.length > 0) {
    moments.push({ at: supported[0]!.support!.planAt, label: `${name}: support plans`, run: () => supportPlans(sim, plan, s, supported) });
    const reviewDays = [...new Set(supported.map((x) => x.support!.reviewOn))].sort();
    for (const day of reviewDays) {
      const due = supported.filter((x) => x.support!.reviewOn === day);
      const at = due[0]!.support!.outcomeAt!;
      // The day's reminders go at the policy's reminder time ("review due" to the reviewer).
      const dueAt = DateTime.fromISO(`${day}T${world.policy.reviews!.reminder.at}`, { zone: world.tz }).plus({ minutes: 1 }).toJSDate();
      moments.push({ at: dueAt, label: `${name}: support plans due for review ${day}`, run: () => sim.settle(`support reviews ${day}`) });
      moments.push({ at, label: `${name}: support outcomes (${due.length})`, run: () => supportOutcomes(sim, plan, s, due) });
    }
  }
  return moments;
}

function endOfYearMoments(sim: YearSim, plan: ReviewsPlan, s: StagePlan): Moment[] {
  const { world } = sim;
  const name = `${s.stage.label} (${s.event.key})`;
  const wave = (w: Wave) => s.subjects.filter((x) => x.wave === w);
  const decisionsA = partWay(world, s.opensAt, s.decisionDueAt, 0.61, '10:00');
  const decisionsB = partWay(world, s.opensAt, s.decisionDueAt, 0.89, '10:00');
  const moments: Moment[] = [
    { at: localAt(world, s.opensAt, 0, '08:05'), label: `${name}: opened`, run: () => findReviews(sim, plan, s) },
    { at: partWay(world, s.opensAt, s.dueAt, 0.07, '18:00'), label: `${name}: drafts`, run: () => reflect(sim, plan, s, s.subjects.filter((x) => x.drafts), false) },
    { at: partWay(world, s.opensAt, s.dueAt, 0.16, '19:00'), label: `${name}: reflections (first)`, run: () => reflect(sim, plan, s, [...wave('first'), ...wave('support')], true) },
    { at: partWay(world, s.opensAt, s.reviewerDueAt, 0.45, '16:00'), label: `${name}: statements (first)`, run: () => statements(sim, plan, s, wave('first')) },
    { at: decisionsA, label: `${name}: decisions (first)`, run: () => decisions(sim, plan, s, wave('first')) },
    { at: partWay(world, s.opensAt, s.dueAt, 0.62, '19:00'), label: `${name}: reflections (second)`, run: () => reflect(sim, plan, s, wave('second'), true) },
    { at: localAt(world, decisionsA, 2, '18:00'), label: `${name}: comments (first)`, run: () => comment(sim, plan, s, wave('first').filter((x) => x.comments)) },
    { at: partWay(world, s.opensAt, s.reviewerDueAt, 0.78, '16:00'), label: `${name}: statements (second)`, run: () => statements(sim, plan, s, wave('second')) },
    { at: decisionsB, label: `${name}: decisions (second)`, run: () => decisions(sim, plan, s, wave('second')) },
    { at: localAt(world, decisionsB, 2, '18:00'), label: `${name}: comments (second)`, run: () => comment(sim, plan, s, wave('second').filter((x) => x.comments)) },
  ];
  moments.push(...reminderMoments(sim, s, name));
  const support = wave('support');
  if (support.length > 0) {
    // After the year's last check-in has closed and been read: the pause cannot change one.
    moments.push(
      { at: new Date(s.reviewerDueAt.getTime() - 10 * HOUR), label: `${name}: statements (commence support)`, run: () => statements(sim, plan, s, support) },
      { at: new Date(s.decisionDueAt.getTime() - 8 * HOUR), label: `${name}: decisions (commence support)`, run: () => decisions(sim, plan, s, support) },
      { at: support[0]!.support?.planAt ?? new Date(s.decisionDueAt.getTime() - 6 * HOUR), label: `${name}: support plans`, run: () => supportPlans(sim, plan, s, support.filter((x) => x.support)) },
      { at: new Date(s.decisionDueAt.getTime() - 4 * HOUR), label: `${name}: comments (commence support)`, run: () => comment(sim, plan, s, support.filter((x) => x.comments)) },
    );
  }
  return moments;
}

// ── What each person does, through /api/v1 ───────────────────────────────────────────────────

interface ReviewSummary {
  id: string;
  stage: string;
  person: { id: string };
  reviewer: { id: string } | null;
  decider: { id: string } | null;
  status: string;
}

async function listOf(sim: YearSim, plan: ReviewsPlan, who: YearPerson): Promise<{ mine: ReviewSummary[]; needsMe: ReviewSummary[]; myTeam: ReviewSummary[] } | null> {
  const res = await sim.api.call(who, 'GET', `/reviews?cycleId=${encodeURIComponent(plan.cycleId)}`);
  return res.status === 200 ? res.body : null;
}

/**
 * The stage has opened (the scheduler's tick): each reviewee finds their review in their list
 * (GET /reviews "mine"), and each reviewer theirs among "needs me" (impact) or "my team" (end of
 * year, waiting for the reflection). Anyone the model expects without a review is a problem.
 */
async function findReviews(sim: YearSim, plan: ReviewsPlan, s: StagePlan): Promise<void> {
  await sim.settle(`${s.event.key}: reviews open`);
  const problem = (text: string) => plan.problems.push(`${s.event.key}: ${text}`);
  let missing = 0;
  await inBatches(s.subjects, 20, async (x) => {
    const list = await listOf(sim, plan, x.person);
    const mine = list?.mine.find((r) => r.stage === s.stage.kind);
    if (!mine) {
      missing += 1;
      return;
    }
    x.reviewId = mine.id;
    if (mine.reviewer?.id !== x.reviewer.personId) problem(`${x.person.name}'s review names reviewer ${mine.reviewer?.id ?? 'none'}, not ${x.reviewer.name}`);
  });
  if (missing) problem(`${missing} of ${s.subjects.length} eligible people with a reviewer have no ${s.stage.kind} review in their list`);
  const reviewers = [...new Set(s.subjects.map((x) => x.reviewer))];
  await inBatches(reviewers, 10, async (r) => {
    const list = await listOf(sim, plan, r);
    if (!list) return;
    const theirs = new Set([...list.needsMe, ...list.myTeam].filter((v) => v.stage === s.stage.kind).map((v) => v.id));
    const absent = s.subjects.filter((x) => x.reviewer === r && x.reviewId && !theirs.has(x.reviewId));
    if (absent.length) problem(`${r.name}'s list lacks ${absent.length} of their reviewees' reviews`);
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function put(sim: YearSim, who: YearPerson, x: Subject, part: string, body: unknown): Promise<{ status: number; body: any }> {
  return sim.api.call(who, 'PUT', `/reviews/${encodeURIComponent(x.reviewId!)}/${part}`, body);
}

async function recordImpact(sim: YearSim, plan: ReviewsPlan, s: StagePlan, who: Subject[]): Promise<void> {
  // The scheduler's tick at this step's time first (reminders, nudges), so the step is the same run to run.
  await sim.settle(`${s.event.key}: tick`);
  const { world } = sim;
  const today = isoDay(world, sim.harness.clock.now);
  const byReviewer = groupBy(who.filter((x) => x.reviewId), (x) => x.reviewer);
  await inBatches([...byReviewer.entries()], 10, async ([reviewer, theirs]) => {
    // The reviewer opens their list: the reviews they still owe are under "needs me".
    const list = await listOf(sim, plan, reviewer);
    const needs = new Set((list?.needsMe ?? []).map((r) => r.id));
    for (const x of theirs) {
      if (!needs.has(x.reviewId!)) plan.problems.push(`${s.event.key}: ${reviewer.name}'s "needs me" lacks ${x.person.name}'s review`);
      const talent = s.stage.outcomes.find((o) => o.key === x.outcome)?.effect === 'talent';
      const content = {
        outcome: x.outcome,
        ...(s.stage.requireMeetingDate ? { meetingOn: today } : {}),
        notes: `Met ${x.person.name} on ${today}.`,
        stretch: talent ? 'A stretch in the second rock toward Exceptional.' : '',
      };
      // One in four from the card in the reviewer's chat (Action.Execute), the rest in the tab.
      const res = byCard(x) ? await viaCard(sim, reviewer, REVIEW_VERBS.recordImpact, { reviewId: x.reviewId!, ...content }, 'Recorded: ') : await put(sim, reviewer, x, 'impact-outcome', content);
      if (res.status === 200) {
        x.done.outcome = true;
        plan.answered.impact[x.outcome] = (plan.answered.impact[x.outcome] ?? 0) + 1;
      }
    }
  });
  await sim.settle(`${s.event.key}: ${who.length} outcomes`);
}

async function supportPlans(sim: YearSim, plan: ReviewsPlan, s: StagePlan, who: Subject[]): Promise<void> {
  await sim.settle(`${s.event.key}: tick`);
  const ready = who.filter((x) => x.reviewId && (s.stage.kind === 'impact' ? x.done.outcome : x.done.statement));
  await inBatches(ready, 10, async (x) => {
    const res = await put(sim, x.reviewer, x, 'support-plan', {
      route: x.support!.route,
      whatWillHelp: 'Weekly coaching with the phase lead and a lesson observation each fortnight.',
      reviewOn: x.support!.reviewOn,
      notes: 'Agreed together.',
    });
    if (res.status !== 200) return;
    x.done.plan = true;
    plan.answered.supportPlans += 1;
    // The reviewer's view of the plan says the person's professional growth is paused.
    const view = await sim.api.call(x.reviewer, 'GET', `/reviews/${encodeURIComponent(x.reviewId!)}/support-plan`);
    if (view.status === 200 && view.body.paused !== true) plan.problems.push(`${s.event.key}: ${x.person.name}'s support plan does not show them paused`);
  });
  await sim.settle(`${s.event.key}: ${ready.length} support plans`);
}

async function supportOutcomes(sim: YearSim, plan: ReviewsPlan, s: StagePlan, who: Subject[]): Promise<void> {
  await sim.settle(`${s.event.key}: tick`);
  const routes = sim.world.policy.reviews!.support?.routes ?? [];
  await inBatches(who.filter((x) => x.done.plan), 10, async (x) => {
    const succeeded = x.support!.succeeds;
    const note = succeeded ? 'Standards are being met again.' : 'Not yet; we talked about what comes next.';
    const res = byCard(x)
      ? await viaCard(sim, x.reviewer, REVIEW_VERBS.recordSupportOutcome, { reviewId: x.reviewId!, card: 'support', succeeded: succeeded ? 'yes' : 'no', note }, 'Recorded.')
      : await put(sim, x.reviewer, x, 'support-outcome', { succeeded, note });
    if (res.status !== 200) return;
    x.done.supportOutcome = true;
    if (succeeded) plan.answered.supportSucceeded += 1;
    else plan.answered.supportUnsuccessful += 1;
    const nextStep = res.body?.supportOutcome?.nextStep ?? res.body?.nextStep;
    const expected = routes.find((r) => r.key === x.support!.route)?.ifUnsuccessful;
    if (!succeeded && nextStep !== undefined && nextStep !== expected) plan.problems.push(`${s.event.key}: ${x.person.name}'s unsuccessful plan names the next step "${String(nextStep)}", not the route's "${expected}"`);
  });
  await sim.settle(`${s.event.key}: support outcomes`);
}

/** Some of the parts are done from the card in Teams rather than the tab: one person in four. */
const byCard = (x: Subject) => x.person.index % 4 === 1;

/**
 * A card action in the person's chat, as Teams sends it; the card that comes back must say it was
 * saved (`saved`), else it is counted as an error (it shows what to fix instead).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function viaCard(sim: YearSim, who: YearPerson, verb: string, data: Record<string, unknown>, saved: string): Promise<{ status: number; body: any }> {
  const res = await sim.poster.invoke(who, verb, data);
  const json = JSON.stringify(res.body ?? '');
  if (res.status === 200 && json.includes(saved) && !json.includes('Please check')) return { status: 200, body: {} };
  sim.poster.errors += 1;
  log(`error: card ${verb} for ${String(data.reviewId)} as ${who.name} → ${res.status} ${json.slice(0, 300)}`);
  return { status: res.status === 200 ? 422 : res.status, body: {} };
}

const CONTENT_FIELDS = ['recognition', 'www', 'ebi', 'whatNext', 'rocks', 'anythingElse', 'supportReceived', 'score', 'onTime', 'jobDescription', 'selfAssessment'] as const;

/** The reviewee opens their review (the pre-filled reflection), fills it in, and saves a draft or sends it. */
async function reflect(sim: YearSim, plan: ReviewsPlan, s: StagePlan, who: Subject[], submit: boolean): Promise<void> {
  await sim.settle(`${s.event.key}: tick`);
  await inBatches(who.filter((x) => x.reviewId), 20, async (x) => {
    const view = await sim.api.call(x.person, 'GET', `/reviews/${encodeURIComponent(x.reviewId!)}`);
    if (view.status !== 200) return;
    const dto = view.body;
    const prefilled = (dto.reflection ?? {}) as Record<string, unknown>;
    const content: Record<string, unknown> = {};
    for (const k of CONTENT_FIELDS) if (prefilled[k] !== undefined && prefilled[k] !== null) content[k] = prefilled[k];
    const rate = dto.measured?.onTimeRate as number | null | undefined;
    const self = s.stage.selfAssessment.find((o) => o.key === x.outcome) ?? s.stage.selfAssessment[1] ?? s.stage.selfAssessment[0];
    Object.assign(content, {
      www: `${String(content.www ?? '')}\nThe year's best: the Year 9 project.`.trim(),
      ebi: content.ebi || 'More time for planning together.',
      whatNext: 'Carry the reading work into next year.',
      rocks: ((content.rocks as Array<Record<string, unknown>> | undefined) ?? []).map((r) => ({ ...r, progress: r.progress || 'Most of it done.', completed: 'yes', percentComplete: 90 })),
      score: 7,
      onTime: rate === null || rate === undefined ? 'often' : rate > 0.9 ? 'always' : rate > 0.7 ? 'often' : 'sometimes',
      jobDescription: 'majority',
      ...(self ? { selfAssessment: self.key } : {}),
      submit,
    });
    const res = submit && byCard(x) ? await reflectFromCard(sim, x, content) : await put(sim, x.person, x, 'reflection', content);
    if (res.status !== 200) return;
    if (submit) {
      x.done.reflection = true;
      plan.answered.reflections += 1;
    } else plan.answered.reflectionDrafts += 1;
  });
  await sim.settle(`${s.event.key}: ${who.length} reflections${submit ? '' : ' (drafts)'}`);
}

/** The reflection card's Send: its inputs are strings (the rocks as rock_<i>, rock_<i>_<field>). */
function reflectFromCard(sim: YearSim, x: Subject, content: Record<string, unknown>) {
  const data: Record<string, unknown> = { reviewId: x.reviewId! };
  for (const [k, v] of Object.entries(content)) if (k !== 'rocks' && k !== 'submit' && v !== undefined) data[k] = String(v);
  ((content.rocks as Array<Record<string, unknown>> | undefined) ?? []).forEach((r, i) => {
    for (const [k, v] of Object.entries(r)) if (v !== undefined) data[k === 'rockId' ? `rock_${i}` : `rock_${i}_${k}`] = String(v);
  });
  return viaCard(sim, x.person, REVIEW_VERBS.submitReflection, data, 'Sent.');
}

/** The reviewer writes the statement (with the meeting date) and the outcome; then reads who decides. */
async function statements(sim: YearSim, plan: ReviewsPlan, s: StagePlan, who: Subject[]): Promise<void> {
  await sim.settle(`${s.event.key}: tick`);
  const today = isoDay(sim.world, sim.harness.clock.now);
  const byReviewer = groupBy(who.filter((x) => x.done.reflection), (x) => x.reviewer);
  await inBatches([...byReviewer.entries()], 10, async ([reviewer, theirs]) => {
    const list = await listOf(sim, plan, reviewer);
    const needs = new Set((list?.needsMe ?? []).map((r) => r.id));
    for (const x of theirs) {
      if (!needs.has(x.reviewId!)) plan.problems.push(`${s.event.key}: ${reviewer.name}'s "needs me" lacks ${x.person.name}'s submitted reflection`);
      const content = {
        ...(s.stage.requireMeetingDate ? { meetingOn: today } : {}),
        statement: `${x.person.name} has had a good year; we met on ${today}.`,
        rolePerformance: 'Meets the standards of the role.',
        developmentNeeds: 'Coaching on assessment.',
        outcome: x.outcome,
      };
      const res = byCard(x) ? await viaCard(sim, reviewer, REVIEW_VERBS.submitStatement, { reviewId: x.reviewId!, ...content }, 'Statement saved.') : await put(sim, reviewer, x, 'statement', content);
      if (res.status !== 200) continue;
      x.done.statement = true;
      plan.answered.statements += 1;
      const view = await sim.api.call(reviewer, 'GET', `/reviews/${encodeURIComponent(x.reviewId!)}`);
      if (view.status === 200) x.deciderId = view.body.decider?.id ?? null;
    }
  });
  await sim.settle(`${s.event.key}: statements`);
}

/** Each decider finds the reviews waiting for them ("needs me") and confirms or changes the outcome. */
async function decisions(sim: YearSim, plan: ReviewsPlan, s: StagePlan, who: Subject[]): Promise<void> {
  await sim.settle(`${s.event.key}: tick`);
  const { world } = sim;
  const byDecider = groupBy(who.filter((x) => x.done.statement && x.deciderId), (x) => x.deciderId!);
  await inBatches([...byDecider.entries()], 5, async ([deciderId, theirs]) => {
    const decider = world.byPersonId.get(deciderId);
    if (!decider) {
      plan.problems.push(`${s.event.key}: a decider ${deciderId} who is not in the directory`);
      return;
    }
    const list = await listOf(sim, plan, decider);
    const needs = new Set((list?.needsMe ?? []).map((r) => r.id));
    for (const x of theirs) {
      if (!needs.has(x.reviewId!)) plan.problems.push(`${s.event.key}: ${decider.name}'s "needs me" lacks ${x.person.name}'s review for decision`);
      const outcome = x.changeTo ?? x.outcome;
      const content = { outcome, reason: x.changeTo ? 'Moderated across the school: the evidence supports this outcome.' : '' };
      const res = byCard(x) ? await viaCard(sim, decider, REVIEW_VERBS.decide, { reviewId: x.reviewId!, ...content }, 'Final decision made.') : await put(sim, decider, x, 'final-decision', content);
      if (res.status !== 200) continue;
      x.done.decision = true;
      if (x.changeTo) plan.answered.decisionsChanged += 1;
      else plan.answered.decisionsConfirmed += 1;
    }
  });
  await sim.settle(`${s.event.key}: decisions`);
}

/** The reviewee reads the outcome (and the written summary where the policy writes one) and comments. */
async function comment(sim: YearSim, plan: ReviewsPlan, s: StagePlan, who: Subject[]): Promise<void> {
  await sim.settle(`${s.event.key}: tick`);
  const complete = who.filter((x) => x.reviewId && (s.stage.kind === 'impact' ? x.done.outcome : x.done.decision || (x.done.statement && !x.deciderId)));
  await inBatches(complete, 20, async (x) => {
    const view = await sim.api.call(x.person, 'GET', `/reviews/${encodeURIComponent(x.reviewId!)}`);
    if (view.status !== 200) return;
    if (view.body.status !== 'complete') plan.problems.push(`${s.event.key}: ${x.person.name}'s review is ${String(view.body.status)} after every part was done`);
    if (s.stage.writtenSummary && s.stage.kind === 'end-of-year') {
      if (view.body.summary) plan.answered.summariesRead += 1;
      else plan.problems.push(`${s.event.key}: ${x.person.name} has no written summary to comment on`);
    }
    const res = await put(sim, x.person, x, 'comment', { text: 'Thank you — a fair picture of my year.' });
    if (res.status !== 200) return;
    x.done.comment = true;
    plan.answered.staffComments[s.stage.kind] = (plan.answered.staffComments[s.stage.kind] ?? 0) + 1;
  });
  await sim.settle(`${s.event.key}: comments`);
}

/**
 * The reminder's tick; which reviews the model expects a reminder for: those whose part now due
 * by `due` is still not done (the reviewee's reflection, the reviewer's outcome or statement, the
 * decider's decision).
 */
async function reminders(sim: YearSim, s: StagePlan, due: Date): Promise<void> {
  const expected = s.expectedReminders ?? new Set<string>();
  const by = (d: Date) => d.getTime() === due.getTime();
  const now = sim.harness.clock.now;
  // The scheduler chases nobody who is paused (on a support plan), in any part they play.
  const paused = (p: YearPerson | undefined) => Boolean(p && p.pauses.some((x) => now >= x.from && (!x.to || now < x.to)));
  for (const x of s.subjects) {
    if (!x.reviewId) continue;
    if (paused(s.stage.kind === 'impact' || x.done.reflection ? (x.done.statement && x.deciderId ? sim.world.byPersonId.get(x.deciderId) : x.reviewer) : x.person)) continue;
    if (s.stage.kind === 'impact') {
      if (!x.done.outcome && by(s.reviewerDueAt)) expected.add(`${x.reviewId}|reviewer`);
    } else if (!x.done.reflection) {
      if (by(s.dueAt)) expected.add(`${x.reviewId}|reviewee`);
    } else if (!x.done.statement) {
      if (by(s.reviewerDueAt)) expected.add(`${x.reviewId}|reviewer`);
    } else if (x.deciderId && !x.done.decision && by(s.decisionDueAt)) expected.add(`${x.reviewId}|decider`);
  }
  s.expectedReminders = expected;
  await sim.settle(`${s.event.key}: reminders`);
}

function groupBy<T, K>(items: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}

