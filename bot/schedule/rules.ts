// What makes a schedule change valid now: shape, the cycle's bounds, clashes, the past, and a
// window whose prompts are being queued. Pure: the schedule and the time are passed in.
import { DateTime } from 'luxon';
import type { EventWindow, ScheduleEvent } from '../../shared/domain';
import { scheduleEventKinds } from '../../shared/domain';
import { formatEventDate, localDateTime, windowInstants } from '../../shared/policy';
import { QUEUE_AHEAD_MS } from '../usecases/promptQueue';
import { isCheckInKind, type EventDraft, type ScheduleState } from './draft';
import { usualCheckInWeekday } from './windows';
import { WEEKDAY_NAMES, formatWindow } from './words';

/**
 * A scheduler tick that read an event before it reached its queueing time may still be inserting
 * its jobs with the old opening. Within this margin of the queueing time, and until the event is
 * marked queued, its window is not changed (see queueingInProgress).
 */
export const QUEUEING_MARGIN_MS = 5 * 60 * 1000;

const MAX_TITLE = 200;

export interface DraftCheck {
  errors: string[];
  warnings: string[];
}

/** Checks that need nothing but the draft and the cycle: shape, dates, the cycle's bounds. */
export function checkDraftShape(draft: EventDraft, state: Pick<ScheduleState, 'organisation' | 'cycle'>): string[] {
  const errors: string[] = [];
  const tz = state.organisation.policy.timezone;
  const title = draft.title.trim();
  if (!title) errors.push('The title cannot be empty.');
  if (title.length > MAX_TITLE) errors.push(`Keep the title under ${MAX_TITLE} characters.`);
  if (draft.title.includes('\u0000') || draft.alsoMarks.some((m) => m.includes('\u0000'))) errors.push('The title contains a character that cannot be stored.');
  if (!scheduleEventKinds.includes(draft.kind)) errors.push(`"${draft.kind}" is not a kind of event.`);
  if (draft.kind === 'check-in' && (draft.number === undefined || !Number.isInteger(draft.number) || draft.number < 1)) errors.push('A check-in needs its number (Check in 1, 2, …).');
  if (draft.kind !== 'check-in' && draft.number !== undefined) errors.push('Only check-ins are numbered.');
  if (!Number.isFinite(draft.directedHours) || draft.directedHours < 0 || draft.directedHours > 24) errors.push('Directed time must be between 0 and 24 hours.');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.date) || !DateTime.fromISO(draft.date).isValid) {
    errors.push(`"${draft.date}" is not a date.`);
    return errors;
  }
  if (draft.date < state.cycle.startsOn || draft.date > state.cycle.endsOn) {
    errors.push(`${formatEventDate(draft.date, tz)} ${draft.date.slice(0, 4)} is outside the cycle ${state.cycle.label} (${state.cycle.startsOn} to ${state.cycle.endsOn}).`);
  }
  let windowReadable = true;
  for (const end of ['opens', 'closes'] as const) {
    try {
      localDateTime(draft.window[end], tz);
    } catch {
      windowReadable = false;
      errors.push(`The window ${end === 'opens' ? 'opening' : 'closing'} "${draft.window[end]}" is not a date and time.`);
    }
  }
  if (windowReadable) {
    if (draft.window.opens >= draft.window.closes) errors.push('The window must open before it closes.');
    if (draft.date < draft.window.opens.slice(0, 10) || draft.date > draft.window.closes.slice(0, 10)) {
      errors.push(`${formatEventDate(draft.date, tz)} is outside its own window (${formatWindow(draft.window, tz)}).`);
    }
  }
  return errors;
}

function windowsOverlap(a: EventWindow, b: EventWindow): boolean {
  return a.opens <= b.closes && b.opens <= a.closes;
}

/** Clashes with the other scheduled events: same kind on the same date or overlapping window, a check-in number used twice. */
export function clashesOf(draft: EventDraft, others: readonly Pick<ScheduleEvent, 'kind' | 'number' | 'title' | 'date' | 'window'>[], timezone: string): string[] {
  const errors: string[] = [];
  for (const other of others) {
    const label = `${other.title} (${formatEventDate(other.date, timezone)})`;
    if (draft.kind === 'check-in' && other.kind === 'check-in' && draft.number !== undefined && other.number === draft.number) {
      errors.push(`Check in ${draft.number} already exists: ${label}.`);
    } else if (other.kind === draft.kind && other.date === draft.date) {
      errors.push(`It clashes with ${label}: same kind, same date.`);
    } else if (other.kind === draft.kind && windowsOverlap(other.window, draft.window)) {
      errors.push(`Its window overlaps ${label} (${formatWindow(other.window, timezone)}).`);
    }
  }
  return errors;
}

function todayIn(now: Date, timezone: string): string {
  return DateTime.fromJSDate(now, { zone: timezone }).toISODate()!;
}

/** Not in the past: the date is today or later and the window has not closed. */
export function pastProblems(draft: EventDraft, timezone: string, now: Date, checkDate = true): string[] {
  const errors: string[] = [];
  if (checkDate && draft.date < todayIn(now, timezone)) errors.push(`${formatEventDate(draft.date, timezone)} ${draft.date.slice(0, 4)} is in the past.`);
  else if (windowInstants(draft, timezone).closesAt <= now) errors.push('The window would already be closed.');
  return errors;
}

export function weekdayWarning(draft: EventDraft, state: Pick<ScheduleState, 'events' | 'organisation'>): string[] {
  if (!isCheckInKind(draft.kind)) return [];
  const usual = usualCheckInWeekday(state.events);
  const day = DateTime.fromISO(draft.date).weekday;
  if (day === usual) return [];
  return [`${formatEventDate(draft.date, state.organisation.policy.timezone)} is a ${WEEKDAY_NAMES[day - 1]}; check-ins are usually on a ${WEEKDAY_NAMES[usual - 1]}.`];
}

/**
 * The scheduler queues an event's prompts from an hour before it opens and marks the event queued
 * only after the jobs are in. Until then a tick may be inserting jobs with the old opening, which a
 * reschedule made now would miss; so the window waits until the event is marked queued.
 */
function queueingInProgress(event: ScheduleEvent, timezone: string, now: Date): boolean {
  if (!isCheckInKind(event.kind) || event.status !== 'scheduled' || event.promptsQueuedAt) return false;
  const { opensAt, closesAt } = windowInstants(event, timezone);
  return now.getTime() >= opensAt.getTime() - QUEUE_AHEAD_MS - QUEUEING_MARGIN_MS && now <= closesAt;
}

/** Problems with changing a stored event to `draft` now. */
export function checkEventUpdate(event: ScheduleEvent, draft: EventDraft, state: ScheduleState, now: Date, options: { clashes?: boolean } = {}): DraftCheck {
  const tz = state.organisation.policy.timezone;
  const errors = checkDraftShape(draft, state);
  if (event.status === 'cancelled') errors.push(`${event.title} was cancelled; cancelled events cannot be changed. Add a new event instead.`);
  if (draft.kind !== event.kind || draft.number !== event.number) errors.push('The kind and number of an event cannot be changed; cancel it and add a new one.');
  if (errors.length > 0) return { errors, warnings: [] };
  const windowChanged = draft.window.opens !== event.window.opens || draft.window.closes !== event.window.closes;
  const dateChanged = draft.date !== event.date;
  const { opensAt } = windowInstants(event, tz);
  if ((dateChanged || draft.window.opens !== event.window.opens) && opensAt <= now) {
    errors.push(`${event.title} opened on ${formatEventDate(event.window.opens.slice(0, 10), tz)} at ${event.window.opens.slice(11)}, so it can no longer be moved. You can change when it closes, or cancel it.`);
  } else if (windowChanged && queueingInProgress(event, tz, now)) {
    errors.push(`${event.title}'s prompts are being queued right now (it opens ${formatEventDate(event.window.opens.slice(0, 10), tz)} at ${event.window.opens.slice(11)}). Try again in a few minutes.`);
  }
  if (dateChanged || windowChanged) errors.push(...pastProblems(draft, tz, now, dateChanged));
  if (options.clashes !== false) errors.push(...clashesOf(draft, state.events.filter((e) => e.id !== event.id && e.status === 'scheduled'), tz));
  return { errors, warnings: dateChanged ? weekdayWarning(draft, state) : [] };
}

export function checkEventAddition(draft: EventDraft, state: ScheduleState, now: Date): DraftCheck {
  const tz = state.organisation.policy.timezone;
  const errors = checkDraftShape(draft, state);
  if (errors.length > 0) return { errors, warnings: [] };
  errors.push(...pastProblems(draft, tz, now));
  errors.push(...clashesOf(draft, state.events.filter((e) => e.status === 'scheduled'), tz));
  return { errors, warnings: weekdayWarning(draft, state) };
}
