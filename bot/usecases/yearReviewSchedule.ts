// The scheduler's review steps (issue 12): when a review stage's event opens (TSFE: the March
// career conversation, the June end-of-year reflections; TSAT: September's reflection on last
// year), every eligible person gets their review, opened once (a unique insert), with its reviewer,
// decider and deadlines fixed at opening; both parties get the stage's card and the reviewer an
// activity-feed item. Then, once a day, reminders to whoever's turn it is before their part is
// due (and a nudge the day after), and the support plans' review reminders.
//
// Paused people (on a support plan, status 'paused') are not listed as active, so they are not
// opened a review: their support plan's own review is what is chased for them.
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Cycle, Organisation, Person, Policy, ReviewStage, ScheduleEvent, YearReview, YearReviewRecord } from '../../shared/domain';
import { yearReviewId } from '../../shared/domain';
import { eligiblePeople, reviewerOf, windowInstants } from '../../shared/policy';
import { notifyReviewDue } from '../notifications/notify';
import type { UseCaseContext } from './context';
import { queueReviewMessage } from './yearReviewMessages';
import { reviewStanding, type ReviewTurn } from './yearReviewStatus';

const OPENED_TODAY = 'year-reviews-opened';
const REMINDED_TODAY = 'year-review-reminders';
/** An overdue nudge goes once, in the days just after the deadline (not for reviews long past). */
const OVERDUE_NUDGE_MS = 7 * 24 * 60 * 60 * 1000;

export interface YearReviewScheduleResult {
  reviewsOpened: number;
  reviewRemindersQueued: number;
  supportRemindersQueued: number;
}

function localDay(at: Date, tz: string): string {
  return DateTime.fromJSDate(at, { zone: tz }).toISODate()!;
}

function closeOf(events: readonly ScheduleEvent[], key: string | undefined, tz: string): Date | undefined {
  const event = key ? events.find((e) => e.key === key && e.status === 'scheduled') : undefined;
  return event ? windowInstants(event, tz).closesAt : undefined;
}

/**
 * Who confirms the reviewer's outcome: 'school-smt', an SMT member of the person's school who is
 * neither them nor their reviewer (else the reviewer's own reviewer); 'reviewers-manager', the
 * reviewer's reviewer; otherwise nobody, and the reviewer's outcome is final.
 */
export function deciderOf(person: Person, reviewerId: string | undefined, stage: ReviewStage, people: readonly Person[], policy: Policy): string | undefined {
  if (stage.finalDecisionBy === 'none') return undefined;
  const reviewer = reviewerId ? people.find((p) => p.id === reviewerId) : undefined;
  const managerOfReviewer = reviewer ? reviewerOf(reviewer, policy) : undefined;
  const fallback = managerOfReviewer && managerOfReviewer !== person.id ? managerOfReviewer : undefined;
  if (stage.finalDecisionBy === 'reviewers-manager') return fallback;
  const school = person.school.trim().toLowerCase();
  const smt = people.find((p) => p.roles.includes('smt') && p.school.trim().toLowerCase() === school && p.id !== person.id && p.id !== reviewerId);
  return smt?.id ?? fallback;
}

async function coveredCycleId(ctx: UseCaseContext, organisation: Organisation, cycle: Cycle, stage: ReviewStage): Promise<string> {
  if (stage.covers !== 'previous-cycle') return cycle.id;
  const before = (await ctx.repos.cycles.list({ organisationId: organisation.id })).filter((c) => c.endsOn < cycle.startsOn).sort((a, b) => b.endsOn.localeCompare(a.endsOn));
  return before[0]?.id ?? cycle.id;
}

/** A review of last year (TSAT's September reflection) is not opened for someone who joined this year. */
function hasYearToReview(person: Person, stage: ReviewStage, cycle: Cycle): boolean {
  return stage.covers !== 'previous-cycle' || person.startedOn === undefined || person.startedOn < cycle.startsOn;
}

interface Opening {
  stage: ReviewStage;
  event: ScheduleEvent;
  cycle: Cycle;
  coversCycleId: string;
  opensAt: Date;
  dueAt: Date;
  reviewerDueAt: Date;
  decisionDueAt?: Date;
}

function reviewFor(organisation: Organisation, o: Opening, person: Person, people: readonly Person[], now: Date): YearReview {
  const reviewerId = reviewerOf(person, organisation.policy);
  return {
    id: yearReviewId(o.stage.kind, o.cycle.id, person.id),
    organisationId: organisation.id,
    cycleId: o.cycle.id,
    coversCycleId: o.coversCycleId,
    personId: person.id,
    stage: o.stage.kind,
    label: o.stage.label,
    eventId: o.event.id,
    reviewerId,
    deciderId: deciderOf(person, reviewerId, o.stage, people, organisation.policy),
    school: person.school,
    roleCategory: person.roleCategory,
    opensAt: o.opensAt,
    dueAt: o.dueAt,
    reviewerDueAt: o.reviewerDueAt,
    decisionDueAt: o.decisionDueAt,
    createdAt: now,
  };
}

/** The cards of an opened review (the stage's builders word them) and the reviewer's feed item. */
async function announce(ctx: UseCaseContext, organisation: Organisation, review: YearReview, person: Person): Promise<void> {
  const tz = organisation.policy.timezone;
  const audiences: Array<'reviewee' | 'reviewer'> = review.stage === 'impact' ? ['reviewer', 'reviewee'] : ['reviewee', 'reviewer'];
  for (const audience of audiences) {
    const recipient = audience === 'reviewee' ? review.personId : review.reviewerId;
    if (recipient) await queueReviewMessage(ctx, organisation, recipient, { kind: 'year-review', reviewId: review.id, audience, reason: 'opened' });
  }
  if (!review.reviewerId) return;
  const due = DateTime.fromJSDate(review.reviewerDueAt, { zone: tz }).toFormat('ccc d LLL');
  await notifyReviewDue(ctx, { organisationId: organisation.id, reviewId: review.id, reviewerId: review.reviewerId, revieweeName: person.displayName, label: review.label, due });
}

async function openingOf(ctx: UseCaseContext, organisation: Organisation, cycle: Cycle, events: readonly ScheduleEvent[], stage: ReviewStage): Promise<Opening | undefined> {
  const tz = organisation.policy.timezone;
  const event = events.find((e) => e.key === stage.eventKey && e.status === 'scheduled');
  if (!event) return undefined;
  const { opensAt, closesAt } = windowInstants(event, tz);
  const now = ctx.now();
  if (now < opensAt || now >= closesAt) return undefined;
  const reviewerDueAt = closeOf(events, stage.reviewerDeadlineEventKey, tz) ?? closesAt;
  const decisionDueAt = closeOf(events, stage.decisionDeadlineEventKey, tz);
  return { stage, event, cycle, coversCycleId: await coveredCycleId(ctx, organisation, cycle, stage), opensAt, dueAt: closesAt, reviewerDueAt, decisionDueAt };
}

/**
 * Opens each open stage's reviews for everyone eligible who has none yet. Once per stage event and
 * local day (a decision), so a tick is cheap and someone who becomes eligible mid-window gets
 * theirs the next day; the unique insert makes two schedulers at once open each review once.
 */
export async function openStageReviews(ctx: UseCaseContext, organisation: Organisation, cycle: Cycle, events: readonly ScheduleEvent[]): Promise<number> {
  const org = { organisationId: organisation.id };
  const now = ctx.now();
  const today = localDay(now, organisation.policy.timezone);
  let opened = 0;
  for (const stage of organisation.policy.reviews?.stages ?? []) {
    const opening = await openingOf(ctx, organisation, cycle, events, stage);
    if (!opening || (await ctx.repos.decisions.find(org, OPENED_TODAY, `${opening.event.id}:${stage.kind}:${today}`))) continue;
    const active = await ctx.repos.people.listActive(org);
    const already = new Set((await ctx.repos.yearReviews.listForCycle(org, cycle.id, stage.kind)).map((r) => r.personId));
    let openedNow = 0;
    for (const person of eligiblePeople(active, organisation.policy, now).filter((p) => !already.has(p.id) && hasYearToReview(p, stage, cycle))) {
      const review = reviewFor(organisation, opening, person, active, now);
      if (!(await ctx.repos.yearReviews.open(org, review))) continue;
      await announce(ctx, organisation, review, person);
      openedNow += 1;
    }
    if (openedNow > 0) {
      await ctx.repos.auditLog.append(org, {
        id: randomUUID(),
        organisationId: organisation.id,
        at: now,
        actor: { kind: 'system' },
        action: 'yearReview.opened',
        subject: { kind: 'event', id: opening.event.id },
        details: { stage: stage.kind, label: stage.label, cycleId: cycle.id, opened: openedNow },
      });
    }
    // Taken last: a crash before it just runs the opening again, idempotently.
    await ctx.repos.decisions.take(org, OPENED_TODAY, `${opening.event.id}:${stage.kind}:${today}`, 'scheduler', now, { opened: openedNow });
    opened += openedNow;
  }
  return opened;
}

/** At the policy's reminder time, `days` before the local date of `deadline`. */
function daysBefore(deadline: Date, days: number, at: string, tz: string): Date {
  const [hour, minute] = at.split(':').map(Number) as [number, number];
  return DateTime.fromJSDate(deadline, { zone: tz }).minus({ days }).set({ hour, minute, second: 0, millisecond: 0 }).toJSDate();
}

function deadlineOf(review: YearReview, turn: ReviewTurn): Date {
  if (turn === 'reviewee') return review.dueAt;
  if (turn === 'reviewer') return review.reviewerDueAt;
  return review.decisionDueAt ?? review.reviewerDueAt;
}

/** Whose part it is: after a redelegation, the person's reviewer now (who may act on it) is reminded. */
function recipientOf(review: YearReview, turn: ReviewTurn, reviewerNow: string | undefined): string | undefined {
  return turn === 'reviewee' ? review.personId : turn === 'reviewer' ? (reviewerNow ?? review.reviewerId) : review.deciderId;
}

/**
 * When the reminder before a part's deadline goes: policy.reviews.reminder.daysBefore before it; if
 * that is before the review opened (a window shorter than the notice, like TSFE's week of career
 * conversations), the day before the deadline instead; never after the deadline.
 */
export function reviewReminderAt(review: YearReview, deadline: Date, policy: Policy): Date | undefined {
  const { daysBefore: days, at } = policy.reviews?.reminder ?? { daysBefore: 7, at: '09:00' };
  const tz = policy.timezone;
  let when = daysBefore(deadline, days, at, tz);
  if (when <= review.opensAt) when = daysBefore(deadline, 1, at, tz);
  return when > review.opensAt && when < deadline ? when : undefined;
}

/** Reminders (and a day-after nudge) to whoever's turn it is on each of the cycle's open reviews. */
export async function queueReviewReminders(ctx: UseCaseContext, organisation: Organisation, cycle: Cycle): Promise<number> {
  const org = { organisationId: organisation.id };
  const now = ctx.now();
  const reviews = await ctx.repos.yearReviews.listForCycle(org, cycle.id);
  if (reviews.length === 0) return 0;
  const records = await recordsByReview(ctx, organisation, cycle.id);
  const active = new Map((await ctx.repos.people.listActive(org)).map((p) => [p.id, p]));
  const currentReviewer = (review: YearReview) => {
    const person = active.get(review.personId);
    const id = person ? reviewerOf(person, organisation.policy) : undefined;
    return id && active.has(id) ? id : undefined;
  };
  let queued = 0;
  for (const review of reviews) {
    const stage = organisation.policy.reviews?.stages.find((s) => s.kind === review.stage) ?? null;
    const standing = reviewStanding(review, records.get(review.id) ?? [], stage, now);
    if (!standing.turn) continue;
    const recipient = recipientOf(review, standing.turn, currentReviewer(review));
    if (!recipient || !active.has(recipient)) continue; // nobody chases someone who has left or is paused
    const deadline = deadlineOf(review, standing.turn);
    const remindAt = reviewReminderAt(review, deadline, organisation.policy);
    const message = { kind: 'year-review', reviewId: review.id, audience: standing.turn, reason: 'reminder' } as const;
    if (remindAt && now >= remindAt && now < deadline && (await queueReviewMessage(ctx, organisation, recipient, message, standing.turn))) queued += 1;
    if (now > deadline && now.getTime() - deadline.getTime() < OVERDUE_NUDGE_MS && (await queueReviewMessage(ctx, organisation, recipient, message, `${standing.turn}:overdue`))) queued += 1;
  }
  return queued;
}

async function recordsByReview(ctx: UseCaseContext, organisation: Organisation, cycleId: string): Promise<Map<string, YearReviewRecord[]>> {
  const org = { organisationId: organisation.id };
  const kinds = ['impact-outcome', 'reflection', 'statement', 'final-decision'] as const;
  const all = (await Promise.all(kinds.map((k) => ctx.repos.yearReviews.listRecordsForCycle(org, cycleId, k)))).flat() as YearReviewRecord[];
  const out = new Map<string, YearReviewRecord[]>();
  for (const record of all) out.set(record.reviewId, [...(out.get(record.reviewId) ?? []), record]);
  return out;
}

/**
 * seed 000 §12: each support plan with no outcome yet is reviewed on its date. The reviewer gets a
 * reminder policy.reviews.support.reminderDaysBefore before, and "review due" on the day. Plans set
 * last year (a June review) are reviewed this year too, so both cycles' plans are read.
 */
export async function queueSupportPlanReminders(ctx: UseCaseContext, organisation: Organisation, cycleIds: readonly string[]): Promise<number> {
  const support = organisation.policy.reviews?.support;
  if (!support) return 0;
  const org = { organisationId: organisation.id };
  const now = ctx.now();
  const tz = organisation.policy.timezone;
  const at = organisation.policy.reviews?.reminder.at ?? '09:00';
  let queued = 0;
  for (const cycleId of cycleIds) {
    const plans = await ctx.repos.yearReviews.listRecordsForCycle(org, cycleId, 'support-plan');
    if (plans.length === 0) continue;
    const decided = new Set((await ctx.repos.yearReviews.listRecordsForCycle(org, cycleId, 'support-outcome')).map((o) => o.reviewId));
    for (const plan of plans.filter((p) => !decided.has(p.reviewId))) {
      const review = await ctx.repos.yearReviews.get(org, plan.reviewId);
      const reviewer = review?.reviewerId ?? plan.authorId;
      const dueOn = DateTime.fromISO(plan.reviewOn, { zone: tz }).endOf('day').toJSDate();
      const remindAt = daysBefore(dueOn, support.reminderDaysBefore, at, tz);
      const dueAt = daysBefore(dueOn, 0, at, tz);
      const reason = now >= dueAt ? 'review-due' : now >= remindAt ? 'reminder' : undefined;
      if (!reason || now.getTime() - dueAt.getTime() > OVERDUE_NUDGE_MS) continue;
      if (await queueReviewMessage(ctx, organisation, reviewer, { kind: 'support-plan', reviewId: plan.reviewId, audience: 'reviewer', reason }, plan.reviewOn)) queued += 1;
    }
  }
  return queued;
}

/** The reminder steps run once a local day, from the policy's reminder time. */
async function dailyReminders(ctx: UseCaseContext, organisation: Organisation, cycle: Cycle): Promise<{ reviewRemindersQueued: number; supportRemindersQueued: number }> {
  const none = { reviewRemindersQueued: 0, supportRemindersQueued: 0 };
  const org = { organisationId: organisation.id };
  const tz = organisation.policy.timezone;
  const now = ctx.now();
  const at = organisation.policy.reviews?.reminder.at ?? '09:00';
  if (DateTime.fromJSDate(now, { zone: tz }).toFormat('HH:mm') < at) return none;
  const subject = `${cycle.id}:${localDay(now, tz)}`;
  if (await ctx.repos.decisions.find(org, REMINDED_TODAY, subject)) return none;
  const previous = (await ctx.repos.cycles.list(org)).filter((c) => c.endsOn < cycle.startsOn).sort((a, b) => b.endsOn.localeCompare(a.endsOn))[0];
  const result = {
    reviewRemindersQueued: await queueReviewReminders(ctx, organisation, cycle),
    supportRemindersQueued: await queueSupportPlanReminders(ctx, organisation, previous ? [cycle.id, previous.id] : [cycle.id]),
  };
  await ctx.repos.decisions.take(org, REMINDED_TODAY, subject, 'scheduler', now, result);
  return result;
}

/** The review steps for one organisation's current cycle. */
export async function runYearReviewSchedule(ctx: UseCaseContext, organisation: Organisation, cycle: Cycle, events: readonly ScheduleEvent[]): Promise<YearReviewScheduleResult> {
  if (!organisation.policy.reviews) return { reviewsOpened: 0, reviewRemindersQueued: 0, supportRemindersQueued: 0 };
  const reviewsOpened = await openStageReviews(ctx, organisation, cycle, events);
  return { reviewsOpened, ...(await dailyReminders(ctx, organisation, cycle)) };
}
