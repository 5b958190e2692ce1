// Turns the policy's calendar into outbox jobs: at each check-in window's opening, one prompt per
// eligible person, and a reminder on the closing day for whoever has not answered by then. State
// lives in MongoDB (the jobs, and the event's promptsQueuedAt), so a restart neither loses nor
// repeats prompts: job idempotency keys are organisation + event + person.
import { DateTime } from 'luxon';
import type { Organisation, OutboxJob, ScheduleEvent } from '../../shared/domain';
import { eligiblePeople, reviewerOf, windowInstants } from '../../shared/policy';
import type { UseCaseContext } from './context';
import { CHECK_IN_KINDS } from './checkIns';
import { outboxJobIdFor } from '../data/outboxJobRepository';

/** Prompts are queued this long before a window opens (with notBefore = the opening). */
export const QUEUE_AHEAD_MS = 60 * 60 * 1000;
/** seed 001: windows close at the end of the day; a reminder that morning is a nudge, not a nag. */
export const REMINDER_LOCAL_TIME = { hour: 9, minute: 0 };

export function promptKey(organisationId: string, eventId: string, personId: string): string {
  return `prompt:${organisationId}:${eventId}:${personId}`;
}

export function reminderKey(organisationId: string, eventId: string, personId: string): string {
  return `reminder:${organisationId}:${eventId}:${personId}`;
}

/** When the reminder goes: 09:00 on the closing day, if that is inside the window. */
export function reminderAt(event: ScheduleEvent, timezone: string): Date | undefined {
  const { opensAt, closesAt } = windowInstants(event, timezone);
  const closing = DateTime.fromJSDate(closesAt, { zone: timezone }).set({ ...REMINDER_LOCAL_TIME, second: 0, millisecond: 0 });
  const at = closing.toJSDate();
  return at > opensAt && at < closesAt ? at : undefined;
}

export interface SchedulerTickResult {
  digestsQueued: number;
  eventsQueued: number;
  promptsQueued: number;
  remindersQueued: number;
}

/** Queues the prompts of every check-in whose window is about to open or open now. */
export async function queueDuePrompts(ctx: UseCaseContext): Promise<SchedulerTickResult> {
  const result: SchedulerTickResult = { digestsQueued: 0, eventsQueued: 0, promptsQueued: 0, remindersQueued: 0 };
  for (const organisation of await ctx.repos.organisations.list()) {
    const org = { organisationId: organisation.id };
    const cycle = await ctx.repos.cycles.getCurrent(org);
    if (!cycle) continue;
    const events = await ctx.repos.scheduleEvents.list(org, cycle.id);
    for (const event of events) {
      if (dueForDigest(event, organisation, ctx.now())) result.digestsQueued += await queueReviewerDigests(ctx, organisation, event);
      if (!dueForQueueing(event, organisation, ctx.now())) continue;
      const queued = await queueEventPrompts(ctx, organisation, event);
      result.eventsQueued += 1;
      result.promptsQueued += queued.prompts;
      result.remindersQueued += queued.reminders;
    }
  }
  return result;
}

function dueForQueueing(event: ScheduleEvent, organisation: Organisation, now: Date): boolean {
  if (event.status !== 'scheduled' || event.promptsQueuedAt) return false;
  if (!(CHECK_IN_KINDS as readonly string[]).includes(event.kind)) return false;
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
  const remindAt = reminderAt(event, tz);
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
