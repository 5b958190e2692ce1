// Turns the policy's calendar into outbox jobs: at each check-in window's opening, one prompt per
// eligible person, and a reminder on the closing day for whoever has not answered by then. State
// lives in MongoDB (the jobs, and the event's promptsQueuedAt), so a restart neither loses nor
// repeats prompts: job idempotency keys are organisation + event + person.
import type { Cycle, Organisation, OutboxJob, Policy, ScheduleEvent } from '../../shared/domain';
import { eligiblePeople, reminderInstant, reviewerOf, windowInstants } from '../../shared/policy';
import type { UseCaseContext } from './context';
import { CHECK_IN_KINDS } from './checkIns';
import { outboxJobIdFor } from '../data/outboxJobRepository';
import { currentCycle } from './currentCycle';
import { runGrowthSchedule } from './growthSchedule';
import { runYearReviewSchedule } from './yearReviewSchedule';
import { queueFeedbackReminders } from './feedbackRequests';
import { runSurveySchedule } from './aspirationSurvey';
import { runCareerSchedule } from './careerSchedule';
import { queueRockDeadlines } from './rockDeadlines';
import { groupSessionKindOf, isGroupMode, queueGroupSessions } from './groupSessions';

/** Prompts are queued this long before a window opens (with notBefore = the opening). */
export const QUEUE_AHEAD_MS = 60 * 60 * 1000;

export function promptKey(organisationId: string, eventId: string, personId: string): string {
  return `prompt:${organisationId}:${eventId}:${personId}`;
}

export function reminderKey(organisationId: string, eventId: string, personId: string): string {
  return `reminder:${organisationId}:${eventId}:${personId}`;
}

/** When the reminder goes: the policy's checkIns.reminder (e.g. 09:00 on the closing day), if that is inside the window. */
export function reminderAt(event: ScheduleEvent, policy: Pick<Policy, 'timezone' | 'checkIns'>): Date | undefined {
  return reminderInstant(event, policy);
}

export interface SchedulerTickResult {
  digestsQueued: number;
  eventsQueued: number;
  promptsQueued: number;
  remindersQueued: number;
  /** seed 002: stage cards (self-reflection, growth plan, end reflection) queued. */
  growthPromptsQueued: number;
  /** seed 002: coach messages about a term that ended without feedback. */
  feedbackFlagsQueued: number;
  /** seed 004: group-mode check-ins become one session card per coaching group, not individual prompts. */
  groupSessionsQueued: number;
  /** Issue 12: the year's reviews opened, reminders to whoever's turn it is, support plans' review reminders. */
  reviewsOpened: number;
  reviewRemindersQueued: number;
  supportRemindersQueued: number;
}

/** Queues the prompts of every check-in whose window is about to open or open now. */
export async function queueDuePrompts(ctx: UseCaseContext): Promise<SchedulerTickResult> {
  const result: SchedulerTickResult = { digestsQueued: 0, eventsQueued: 0, promptsQueued: 0, remindersQueued: 0, growthPromptsQueued: 0, feedbackFlagsQueued: 0, groupSessionsQueued: 0, reviewsOpened: 0, reviewRemindersQueued: 0, supportRemindersQueued: 0 };
  for (const organisation of await ctx.repos.organisations.list()) {
    const org = { organisationId: organisation.id };
    // By date: between cycles nothing is prompted; next year's cycle starts being prompted on its start date.
    const cycle = await currentCycle(ctx, organisation);
    if (!cycle) continue;
    const events = await ctx.repos.scheduleEvents.list(org, cycle.id);
    await queueRockDeadlines(ctx, organisation, cycle, events); // rock-setting prompts, reminders, overdue flags
    for (const event of events) {
      if (dueForDigest(event, organisation, ctx.now())) result.digestsQueued += await queueReviewerDigests(ctx, organisation, event);
      if (isGroupMode(organisation)) {
        // Every tick while the window is open: a group set up (or given its channel) late still gets
        // its session; groups already queued are not queued again (unique job keys).
        if (!dueForGroupSessions(event, organisation, ctx.now())) continue;
        const queued = await queueGroupSessions(ctx, organisation, event);
        if (queued > 0) result.eventsQueued += 1;
        result.groupSessionsQueued += queued;
        continue;
      }
      if (!dueForQueueing(event, organisation, ctx.now())) continue;
      const queued = await queueEventPrompts(ctx, organisation, event);
      result.eventsQueued += 1;
      result.promptsQueued += queued.prompts;
      result.remindersQueued += queued.reminders;
    }
    // A failing growth step is logged and retried next tick; it never holds up other trusts' prompts.
    try {
      const growth = await runGrowthSchedule(ctx, organisation, cycle, events);
      result.growthPromptsQueued += growth.growthPromptsQueued;
      result.feedbackFlagsQueued += growth.feedbackFlagsQueued;
    } catch (err) {
      ctx.logger.error({ err, organisationId: organisation.id }, 'growth schedule step failed');
    }
    await runReviewStep(ctx, organisation, cycle, events, result);
    await runSurveySchedule(ctx, organisation, cycle, events).catch((err: unknown) => ctx.logger.error({ err, organisationId: organisation.id }, 'survey schedule step failed'));
    await runCareerSchedule(ctx, organisation, cycle, events).catch((err: unknown) => ctx.logger.error({ err, organisationId: organisation.id }, 'career schedule step failed'));
  }
  return result;
}

/** Like the growth step: a failure is logged and retried next tick, never holding up other trusts. */
async function runReviewStep(ctx: UseCaseContext, organisation: Organisation, cycle: Cycle, events: ScheduleEvent[], result: SchedulerTickResult): Promise<void> {
  try {
    const reviews = await runYearReviewSchedule(ctx, organisation, cycle, events);
    result.reviewsOpened += reviews.reviewsOpened;
    result.reviewRemindersQueued += reviews.reviewRemindersQueued;
    result.supportRemindersQueued += reviews.supportRemindersQueued;
    // seed 000 §8: a colleague asked for 360 feedback a week ago and not yet answered is reminded once.
    if (organisation.policy.reviews) await queueFeedbackReminders(ctx, organisation);
  } catch (err) {
    ctx.logger.error({ err, organisationId: organisation.id }, 'year review schedule step failed');
  }
}

function dueForQueueing(event: ScheduleEvent, organisation: Organisation, now: Date): boolean {
  if (event.status !== 'scheduled' || event.promptsQueuedAt) return false;
  if (!(CHECK_IN_KINDS as readonly string[]).includes(event.kind)) return false;
  const { opensAt, closesAt } = windowInstants(event, organisation.policy.timezone);
  return now.getTime() >= opensAt.getTime() - QUEUE_AHEAD_MS && now.getTime() < closesAt.getTime();
}

function dueForGroupSessions(event: ScheduleEvent, organisation: Organisation, now: Date): boolean {
  if (event.status !== 'scheduled' || groupSessionKindOf(event) === undefined) return false;
  const { opensAt, closesAt } = windowInstants(event, organisation.policy.timezone);
  return now.getTime() >= opensAt.getTime() - QUEUE_AHEAD_MS && now.getTime() < closesAt.getTime();
}

/** One prompt (and reminder) job per eligible person; safe to repeat (keys are unique). */
export async function queueEventPrompts(ctx: UseCaseContext, organisation: Organisation, event: ScheduleEvent): Promise<{ prompts: number; reminders: number }> {
  const org = { organisationId: organisation.id };
  const now = ctx.now();
  const tz = organisation.policy.timezone;
  const people = eligiblePeople(await ctx.repos.people.listActive(org), organisation.policy, now);
  const { opensAt } = windowInstants(event, tz);
  // An optional check-in is offered, never chased: no "closing today" reminder (issue 14).
  const remindAt = event.kind === 'optional-check-in' ? undefined : reminderAt(event, organisation.policy);
  const job = (kind: OutboxJob['kind'], key: string, personId: string, notBefore: Date): OutboxJob => ({
    // The id follows from the key: finding a job by key (completion status) is an `{_id}` read.
    id: outboxJobIdFor(key),
    organisationId: organisation.id,
    idempotencyKey: key,
    kind,
    personId,
    eventId: event.id,
    payload: {},
    status: 'pending',
    notBefore,
    attempts: 0,
    createdAt: now,
    updatedAt: now,
  });
  const prompts = people.map((p) => job('check-in-prompt', promptKey(organisation.id, event.id, p.id), p.id, opensAt));
  const reminders = remindAt ? people.map((p) => job('check-in-reminder', reminderKey(organisation.id, event.id, p.id), p.id, remindAt)) : [];
  const promptsQueued = await ctx.repos.outboxJobs.enqueueMany(org, prompts);
  const remindersQueued = await ctx.repos.outboxJobs.enqueueMany(org, reminders);
  // Marked only after the jobs are in: a crash in between just queues again, idempotently.
  await ctx.repos.scheduleEvents.updateIfVersion(org, event.id, event.version, { promptsQueuedAt: now });
  ctx.logger.info({ organisationId: organisation.id, eventId: event.id, prompts: promptsQueued, reminders: remindersQueued }, 'check-in prompts queued');
  return { prompts: promptsQueued, reminders: remindersQueued };
}

/** Digests go once the window has closed, for events that were prompted, not too long ago. */
const DIGEST_GRACE_MS = 3 * 24 * 60 * 60 * 1000;

function dueForDigest(event: ScheduleEvent, organisation: Organisation, now: Date): boolean {
  if (event.status !== 'scheduled' || !event.promptsQueuedAt || event.digestQueuedAt) return false;
  // Group sessions are peer-to-peer (seed 004 §8): no reviewer digest of who answered.
  if (isGroupMode(organisation)) return false;
  const { closesAt } = windowInstants(event, organisation.policy.timezone);
  return now.getTime() > closesAt.getTime() && now.getTime() - closesAt.getTime() < DIGEST_GRACE_MS;
}

export function digestKey(organisationId: string, eventId: string, reviewerId: string): string {
  return `digest:${organisationId}:${eventId}:${reviewerId}`;
}

/** One digest per reviewer of anyone eligible for the event. */
export async function queueReviewerDigests(ctx: UseCaseContext, organisation: Organisation, event: ScheduleEvent): Promise<number> {
  const org = { organisationId: organisation.id };
  const now = ctx.now();
  const people = eligiblePeople(await ctx.repos.people.listActive(org), organisation.policy, now);
  const reviewerIds = [...new Set(people.map((p) => reviewerOf(p, organisation.policy)).filter((id): id is string => Boolean(id)))];
  const jobs: OutboxJob[] = reviewerIds.map((reviewerId) => ({
    id: outboxJobIdFor(digestKey(organisation.id, event.id, reviewerId)),
    organisationId: organisation.id,
    idempotencyKey: digestKey(organisation.id, event.id, reviewerId),
    kind: 'reviewer-digest',
    personId: reviewerId,
    eventId: event.id,
    payload: { reviewerPersonId: reviewerId, eventId: event.id },
    status: 'pending',
    notBefore: now,
    attempts: 0,
    createdAt: now,
    updatedAt: now,
  }));
  const queued = jobs.length > 0 ? await ctx.repos.outboxJobs.enqueueMany(org, jobs) : 0;
  await ctx.repos.scheduleEvents.updateIfVersion(org, event.id, event.version, { digestQueuedAt: now });
  return queued;
}
