// Applying a previewed schedule change at the version the admin saw (optimistic concurrency):
// add, cancel, or move/edit an event, with its queued prompts and reminders following it.
import type { Organisation, ScheduleEvent } from '../../shared/domain';
import { formatEventDate, windowInstants } from '../../shared/policy';
import type { ScheduleEventChanges } from '../data/scheduleEventRepository';
import { reminderAt } from './promptQueue';
import { draftOf, isCheckInKind, keyFor, type EventDraft, type ScheduleChange } from '../schedule/draft';
import { checkEventAddition, checkEventUpdate } from '../schedule/rules';
import { count, describeDifferences, formatWindow } from '../schedule/words';
import { audit, type Actor } from './access';
import type { UseCaseContext } from './context';
import { eventIdFor } from './organisations';
import { loadSchedule, loadScheduleFor } from './schedule';

export type ApplyOutcome =
  | { kind: 'applied'; event: ScheduleEvent; announcement: string; jobs: { rescheduled: number; cancelled: number } }
  /** Someone else changed (or removed) the event first; `current` is how it is now. */
  | { kind: 'conflict'; current: ScheduleEvent | null; message: string }
  | { kind: 'invalid'; errors: string[] };

function sameAs(event: ScheduleEvent, draft: EventDraft): boolean {
  return JSON.stringify(draftOf(event)) === JSON.stringify({ ...draft, alsoMarks: draft.alsoMarks ?? [] });
}

/**
 * Moves the event's pending prompts and reminders to its new window. Jobs already leased by a
 * worker are not touched: the worker re-reads the event before sending (a window that has opened
 * cannot be moved, see checkEventUpdate, so no leased prompt belongs to a moved window).
 */
async function followWindow(ctx: UseCaseContext, organisation: Organisation, event: ScheduleEvent): Promise<{ rescheduled: number; cancelled: number }> {
  const org = { organisationId: organisation.id };
  const tz = organisation.policy.timezone;
  const at = ctx.now();
  const { opensAt } = windowInstants(event, tz);
  const rescheduled = await ctx.repos.outboxJobs.reschedule(org, { eventId: event.id, kinds: ['check-in-prompt', 'group-session'] }, opensAt, at);
  const remindAt = event.kind === 'optional-check-in' ? undefined : reminderAt(event, organisation.policy);
  if (remindAt) {
    return { rescheduled: rescheduled + (await ctx.repos.outboxJobs.reschedule(org, { eventId: event.id, kinds: ['check-in-reminder'] }, remindAt, at)), cancelled: 0 };
  }
  return { rescheduled, cancelled: await ctx.repos.outboxJobs.cancel(org, { eventId: event.id, kinds: ['check-in-reminder'] }, at) };
}

async function conflict(ctx: UseCaseContext, organisation: Organisation, eventId: string, seenVersion?: number): Promise<ApplyOutcome> {
  const org = { organisationId: organisation.id };
  const tz = organisation.policy.timezone;
  let current = await ctx.repos.scheduleEvents.get(org, eventId);
  // The winner of a version race may still be writing (its ticket made ours fail first): wait for it.
  for (let i = 0; i < 20 && current && seenVersion !== undefined && current.version === seenVersion; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    current = await ctx.repos.scheduleEvents.get(org, eventId);
  }
  const [last] = current ? (await ctx.repos.auditLog.list(org, { subjectId: eventId, pageSize: 1 })).items : [];
  // Named only when the audit entry is for the version we see (the winner writes it just after).
  const byId = last && current && (last.details as { version?: unknown }).version === current.version ? last.actor.personId : undefined;
  const by = byId ? await ctx.repos.people.get(org, byId) : null;
  const what = current
    ? `${current.title} is now ${current.status === 'cancelled' ? 'cancelled' : `on ${formatEventDate(current.date, tz)}, window ${formatWindow(current.window, tz)}`}${by ? ` (last changed by ${by.displayName})` : ''}`
    : 'The event is no longer on the schedule';
  return { kind: 'conflict', current, message: `Someone else changed this event while you were looking, so your change was not applied. ${what}.` };
}

function actorName(actor: Actor): string {
  return actor.person.displayName;
}

/** Applies a previewed change at the version the admin saw; re-validates against the schedule as it is now. */
export async function applyScheduleChange(ctx: UseCaseContext, actor: Actor, change: ScheduleChange): Promise<ApplyOutcome> {
  if (change.type === 'add') return addScheduleEvent(ctx, actor, change.draft, change.cycleId);
  if (change.type === 'cancel') return cancelScheduleEvent(ctx, actor, change);
  return changeScheduleEvent(ctx, actor, change);
}

const NO_JOBS = { rescheduled: 0, cancelled: 0 };

/** Add: a new event in the current cycle (or the one named), under a key unique within it. */
export async function addScheduleEvent(ctx: UseCaseContext, actor: Actor, draft: EventDraft, cycleId?: string): Promise<ApplyOutcome> {
  const organisation = actor.organisation;
  const state = await loadSchedule(ctx, organisation, cycleId);
  const tz = organisation.policy.timezone;
  const check = checkEventAddition(draft, state, ctx.now());
  if (check.errors.length > 0) return { kind: 'invalid', errors: check.errors };
  const key = keyFor(draft, state.events.map((e) => e.key));
  const event: ScheduleEvent = { ...draft, title: draft.title.trim(), id: eventIdFor(organisation.id, state.cycle.key, key), key, organisationId: organisation.id, cycleId: state.cycle.id, status: 'scheduled', version: 0 };
  if ((await ctx.repos.scheduleEvents.insertMany({ organisationId: organisation.id }, [event])) === 0) return conflict(ctx, organisation, event.id);
  await audit(ctx, actor, 'schedule.eventAdded', { kind: 'scheduleEvent', id: event.id }, { event: draftOf(event), version: event.version });
  return { kind: 'applied', event, jobs: NO_JOBS, announcement: `${actorName(actor)} added ${event.title} on ${formatEventDate(event.date, tz)} (window ${formatWindow(event.window, tz)}).` };
}

/** Cancel: the event stays on record as cancelled; its pending prompts and reminders are withdrawn. */
export async function cancelScheduleEvent(ctx: UseCaseContext, actor: Actor, change: { eventId: string; version: number }): Promise<ApplyOutcome> {
  const organisation = actor.organisation;
  const org = { organisationId: organisation.id };
  const tz = organisation.policy.timezone;
  const event = (await loadScheduleFor(ctx, organisation, change)).events.find((e) => e.id === change.eventId);
  if (!event) return conflict(ctx, organisation, change.eventId);
  if (event.version !== change.version) return event.status === 'cancelled' ? { kind: 'applied', event, jobs: NO_JOBS, announcement: '' } : conflict(ctx, organisation, event.id);
  if (event.status === 'cancelled') return { kind: 'invalid', errors: [`${event.title} is already cancelled.`] };
  const updated = await ctx.repos.scheduleEvents.updateIfVersion(org, event.id, change.version, { status: 'cancelled' });
  if (!updated) return conflict(ctx, organisation, event.id, change.version);
  // Pending prompts and reminders are withdrawn; a worker holding one re-reads the event and skips it.
  const cancelled = await ctx.repos.outboxJobs.cancel(org, { eventId: event.id }, ctx.now());
  await audit(ctx, actor, 'schedule.eventCancelled', { kind: 'scheduleEvent', id: event.id }, { version: updated.version, jobsCancelled: cancelled });
  const withdrawn = isCheckInKind(event.kind) && event.promptsQueuedAt ? ` ${count(cancelled, 'pending prompt or reminder', 'pending prompts and reminders')} withdrawn.` : '';
  return { kind: 'applied', event: updated, jobs: { rescheduled: 0, cancelled }, announcement: `${actorName(actor)} cancelled ${event.title} (${formatEventDate(event.date, tz)}).${withdrawn}` };
}

/** Move (a new date) or edit (title, window, directed time): queued prompts and reminders follow the window. */
export async function changeScheduleEvent(ctx: UseCaseContext, actor: Actor, change: { type: 'move' | 'edit'; eventId: string; version: number; draft: EventDraft }): Promise<ApplyOutcome> {
  const organisation = actor.organisation;
  const state = await loadScheduleFor(ctx, organisation, change);
  const tz = organisation.policy.timezone;
  const event = state.events.find((e) => e.id === change.eventId);
  if (!event) return conflict(ctx, organisation, change.eventId);
  if (event.version !== change.version) {
    // Teams retries an Action.Execute it timed out on: the same change, already made, is not a conflict.
    return sameAs(event, change.draft) ? { kind: 'applied', event, jobs: NO_JOBS, announcement: '' } : conflict(ctx, organisation, event.id);
  }
  const check = checkEventUpdate(event, change.draft, state, ctx.now());
  if (check.errors.length > 0) return { kind: 'invalid', errors: check.errors };
  const draft = { ...change.draft, title: change.draft.title.trim() };
  const windowChanged = draft.window.opens !== event.window.opens || draft.window.closes !== event.window.closes;
  const changes: ScheduleEventChanges = { title: draft.title, date: draft.date, window: draft.window, directedHours: draft.directedHours, alsoMarks: draft.alsoMarks };
  // The scheduler queues the event again at its new time (idempotently: one job per person ever),
  // which also reaches staff who joined since it was first queued.
  if (windowChanged) changes.promptsQueuedAt = undefined;
  const updated = await ctx.repos.scheduleEvents.updateIfVersion({ organisationId: organisation.id }, event.id, change.version, changes);
  if (!updated) return conflict(ctx, organisation, event.id, change.version);
  const counts = windowChanged && event.promptsQueuedAt ? await followWindow(ctx, organisation, updated) : NO_JOBS;
  const differences = describeDifferences(draftOf(event), draftOf(updated), tz);
  await audit(ctx, actor, change.type === 'move' ? 'schedule.eventMoved' : 'schedule.eventChanged', { kind: 'scheduleEvent', id: event.id }, {
    before: draftOf(event),
    after: draftOf(updated),
    version: updated.version,
    jobsRescheduled: counts.rescheduled,
  });
  const announcement =
    event.date !== updated.date
      ? `${actorName(actor)} moved ${event.title} from ${formatEventDate(event.date, tz)} to ${formatEventDate(updated.date, tz)} (window ${formatWindow(updated.window, tz)}).`
      : `${actorName(actor)} changed ${event.title}: ${differences.join('; ')}.`;
  return { kind: 'applied', event: updated, jobs: counts, announcement };
}
