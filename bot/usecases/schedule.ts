// The cycle's schedule as PG administrators change it (issue 7): move, edit, add and cancel an
// event, and import a whole table (seed 000 Appendix 3). Every change is validated, previewed with
// what it does to prompts, and applied only at the version the admin saw (optimistic concurrency).
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { DateTime } from 'luxon';
import type { Cycle, EventWindow, Organisation, OutboxJob, Person, ScheduleEvent, ScheduleEventKind } from '../../shared/domain';
import { scheduleEventKinds } from '../../shared/domain';
import { eligiblePeople, formatEventDate, localDateTime, windowInstants } from '../../shared/policy';
import type { ScheduleEventChanges } from '../data/scheduleEventRepository';
import { QUEUE_AHEAD_MS, promptKey, reminderAt } from '../outbox/scheduler';
import { audit, type Actor } from './access';
import { CHECK_IN_KINDS } from './checkIns';
import type { UseCaseContext } from './context';
import { DomainError } from './errors';
import { eventIdFor } from './organisations';

/**
 * A scheduler tick that read an event before it reached its queueing time may still be inserting
 * its jobs with the old opening. Within this margin of the queueing time, and until the event is
 * marked queued, its window is not changed (see guardAgainstQueueing).
 */
export const QUEUEING_MARGIN_MS = 5 * 60 * 1000;

export const KIND_LABELS: Record<ScheduleEventKind, string> = {
  'check-in': 'Check-in',
  'optional-check-in': 'Non-compulsory check-in',
  'rock-setting': 'Rock setting',
  'aspiration-survey': 'Aspiration survey',
  'career-conversation': 'Career conversation',
  review: 'Review',
};

const MAX_TITLE = 200;

/** An event as an admin writes it: everything but its identity. */
export interface EventDraft {
  kind: ScheduleEventKind;
  number?: number;
  title: string;
  date: string;
  window: EventWindow;
  directedHours: number;
  alsoMarks: string[];
}

export type ScheduleChange =
  | { type: 'move' | 'edit'; eventId: string; version: number; draft: EventDraft }
  | { type: 'add'; draft: EventDraft }
  | { type: 'cancel'; eventId: string; version: number };

export interface ScheduleState {
  organisation: Organisation;
  cycle: Cycle;
  events: ScheduleEvent[];
}

export async function loadSchedule(ctx: UseCaseContext, organisation: Organisation): Promise<ScheduleState> {
  const org = { organisationId: organisation.id };
  const cycle = await ctx.repos.cycles.getCurrent(org);
  if (!cycle) throw new DomainError('notFound', 'This organisation has no current cycle to schedule.');
  return { organisation, cycle, events: await ctx.repos.scheduleEvents.list(org, cycle.id) };
}

export function isCheckInKind(kind: ScheduleEventKind): boolean {
  return (CHECK_IN_KINDS as readonly string[]).includes(kind);
}

export function draftOf(event: ScheduleEvent): EventDraft {
  return { kind: event.kind, number: event.number, title: event.title, date: event.date, window: { ...event.window }, directedHours: event.directedHours, alsoMarks: [...(event.alsoMarks ?? [])] };
}

// ---------------------------------------------------------------------------------------------
// Windows: the policy's usual pattern per kind, read from the cycle's own events.

interface WindowPattern {
  /** Deadline events (seed 000: rock setting, review of last year) open at the start of the cycle. */
  opensFrom: 'date' | 'cycleStart';
  opensDays: number;
  opensTime: string;
  closesDays: number;
  closesTime: string;
}

const DEADLINE_KINDS: readonly ScheduleEventKind[] = ['rock-setting', 'review'];
const FALLBACK_RECURRING: WindowPattern = { opensFrom: 'date', opensDays: 0, opensTime: '08:00', closesDays: 6, closesTime: '23:59' };
const FALLBACK_DEADLINE: WindowPattern = { opensFrom: 'cycleStart', opensDays: 0, opensTime: '08:00', closesDays: 0, closesTime: '23:59' };

function daysBetween(from: string, to: string): number {
  return Math.round(DateTime.fromISO(to, { zone: 'utc' }).diff(DateTime.fromISO(from, { zone: 'utc' }), 'days').days);
}

function addDays(isoDate: string, days: number): string {
  return DateTime.fromISO(isoDate, { zone: 'utc' }).plus({ days }).toISODate()!;
}

function patternOf(event: Pick<ScheduleEvent, 'date' | 'window'>, cycle: Pick<Cycle, 'startsOn'>): WindowPattern {
  const opensDate = event.window.opens.slice(0, 10);
  const closesDate = event.window.closes.slice(0, 10);
  const fromCycleStart = opensDate === cycle.startsOn && opensDate !== event.date;
  return {
    opensFrom: fromCycleStart ? 'cycleStart' : 'date',
    opensDays: fromCycleStart ? 0 : daysBetween(event.date, opensDate),
    opensTime: event.window.opens.slice(11, 16),
    closesDays: daysBetween(event.date, closesDate),
    closesTime: event.window.closes.slice(11, 16),
  };
}

function mostCommon(patterns: WindowPattern[]): WindowPattern | undefined {
  const counts = new Map<string, { pattern: WindowPattern; n: number }>();
  for (const pattern of patterns) {
    const key = JSON.stringify(pattern);
    const entry = counts.get(key) ?? { pattern, n: 0 };
    entry.n += 1;
    counts.set(key, entry);
  }
  let best: { pattern: WindowPattern; n: number } | undefined;
  for (const entry of counts.values()) if (!best || entry.n > best.n) best = entry;
  return best?.pattern;
}

/**
 * The window an event of this kind gets on this date when the admin does not say: the pattern most
 * of the cycle's events of that kind follow (TSFE: the Friday 08:00 to the next Thursday 23:59).
 */
export function usualWindow(kind: ScheduleEventKind, date: string, state: Pick<ScheduleState, 'cycle' | 'events'>): EventWindow {
  const ofKind = state.events.filter((e) => e.kind === kind).map((e) => patternOf(e, state.cycle));
  const recurring = state.events.filter((e) => isCheckInKind(e.kind)).map((e) => patternOf(e, state.cycle));
  const pattern = mostCommon(ofKind) ?? (DEADLINE_KINDS.includes(kind) ? FALLBACK_DEADLINE : (mostCommon(recurring) ?? FALLBACK_RECURRING));
  const opensDate = pattern.opensFrom === 'cycleStart' ? state.cycle.startsOn : addDays(date, pattern.opensDays);
  return { opens: `${opensDate}T${pattern.opensTime}`, closes: `${addDays(date, pattern.closesDays)}T${pattern.closesTime}` };
}

/** The weekday (1 = Monday) most check-ins fall on; TSFE: Friday. */
export function usualCheckInWeekday(events: readonly ScheduleEvent[]): number {
  const counts = new Map<number, number>();
  for (const e of events) if (e.kind === 'check-in') {
    const day = DateTime.fromISO(e.date).weekday;
    counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  let best = 5;
  let n = 0;
  for (const [day, count] of counts) if (count > n) [best, n] = [day, count];
  return best;
}

/** A move keeps the event's own window shape: both ends shift, except an opening at the start of the cycle. */
export function movedWindow(event: Pick<ScheduleEvent, 'date' | 'window'>, newDate: string, cycle: Pick<Cycle, 'startsOn'>): EventWindow {
  const shift = daysBetween(event.date, newDate);
  const pattern = patternOf(event, cycle);
  const opens = pattern.opensFrom === 'cycleStart' ? event.window.opens : `${addDays(event.window.opens.slice(0, 10), shift)}${event.window.opens.slice(10)}`;
  return { opens, closes: `${addDays(event.window.closes.slice(0, 10), shift)}${event.window.closes.slice(10)}` };
}

// ---------------------------------------------------------------------------------------------
// Words

const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function formatWindow(window: EventWindow, timezone: string): string {
  const end = (local: string) => `${formatEventDate(local.slice(0, 10), timezone)} ${local.slice(11, 16)}`;
  return `${end(window.opens)} – ${end(window.closes)}`;
}

function hours(h: number): string {
  return `${h} h`;
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/** What differs between two drafts, as short phrases ("date Fri 27 Feb → Fri 6 Mar"). */
export function describeDifferences(before: EventDraft, after: EventDraft, timezone: string): string[] {
  const out: string[] = [];
  if (before.title !== after.title) out.push(`title "${before.title}" → "${after.title}"`);
  if (before.date !== after.date) out.push(`date ${formatEventDate(before.date, timezone)} → ${formatEventDate(after.date, timezone)}`);
  if (before.window.opens !== after.window.opens || before.window.closes !== after.window.closes) {
    out.push(`window ${formatWindow(before.window, timezone)} → ${formatWindow(after.window, timezone)}`);
  }
  if (before.directedHours !== after.directedHours) out.push(`directed time ${hours(before.directedHours)} → ${hours(after.directedHours)}`);
  if (JSON.stringify(before.alsoMarks) !== JSON.stringify(after.alsoMarks)) out.push(`also marks "${after.alsoMarks.join('; ') || 'nothing'}"`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Validation

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
function pastProblems(draft: EventDraft, timezone: string, now: Date, checkDate = true): string[] {
  const errors: string[] = [];
  if (checkDate && draft.date < todayIn(now, timezone)) errors.push(`${formatEventDate(draft.date, timezone)} ${draft.date.slice(0, 4)} is in the past.`);
  else if (windowInstants(draft, timezone).closesAt <= now) errors.push('The window would already be closed.');
  return errors;
}

function weekdayWarning(draft: EventDraft, state: Pick<ScheduleState, 'events' | 'organisation'>): string[] {
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

// ---------------------------------------------------------------------------------------------
// Who has been prompted

export interface PromptCounts {
  /** Eligible staff now. */
  eligible: number;
  /** Prompt jobs sent. */
  prompted: number;
  /** Prompt jobs still waiting to go. */
  pending: number;
}

/** The prompt job of each person for the event (undefined when none was queued for them). */
export async function promptJobs(ctx: UseCaseContext, organisationId: string, eventId: string, personIds: readonly string[]): Promise<Map<string, OutboxJob | undefined>> {
  const org = { organisationId };
  const out = new Map<string, OutboxJob | undefined>();
  // One indexed lookup per person (idempotency keys are unique); in slices so a big trust does not
  // open thousands of requests at once.
  for (let i = 0; i < personIds.length; i += 50) {
    const slice = personIds.slice(i, i + 50);
    const jobs = await Promise.all(slice.map((id) => ctx.repos.outboxJobs.findByIdempotencyKey(org, promptKey(organisationId, eventId, id))));
    slice.forEach((id, j) => out.set(id, jobs[j] ?? undefined));
  }
  return out;
}

export function wasPrompted(job: OutboxJob | undefined): boolean {
  return job?.status === 'done' && (job.result as { sent?: unknown } | undefined)?.sent === true;
}

export async function promptCounts(ctx: UseCaseContext, organisation: Organisation, event: ScheduleEvent, people?: Person[]): Promise<PromptCounts> {
  const eligible = people ?? eligiblePeople(await ctx.repos.people.listActive({ organisationId: organisation.id }), organisation.policy, ctx.now());
  if (!event.promptsQueuedAt || !isCheckInKind(event.kind)) return { eligible: eligible.length, prompted: 0, pending: 0 };
  const jobs = await promptJobs(ctx, organisation.id, event.id, eligible.map((p) => p.id));
  let prompted = 0;
  let pending = 0;
  for (const job of jobs.values()) {
    if (wasPrompted(job)) prompted += 1;
    else if (job?.status === 'pending' || job?.status === 'leased') pending += 1;
  }
  return { eligible: eligible.length, prompted, pending };
}

// ---------------------------------------------------------------------------------------------
// Preview

export interface ChangePreview {
  change: ScheduleChange;
  /** The event as stored now (move, edit, cancel). */
  event?: ScheduleEvent;
  /** One sentence: "Moves Check in 6 from Fri 27 Feb to Fri 6 Mar." */
  summary: string;
  /** What it does to prompts and check-ins. */
  impact: string[];
  warnings: string[];
  errors: string[];
}

async function findEvent(ctx: UseCaseContext, state: ScheduleState, eventId: string): Promise<ScheduleEvent> {
  const event = state.events.find((e) => e.id === eventId) ?? (await ctx.repos.scheduleEvents.get({ organisationId: state.organisation.id }, eventId));
  if (!event) throw new DomainError('notFound', 'That event is no longer on the schedule.');
  return event;
}

export async function previewScheduleChange(ctx: UseCaseContext, organisation: Organisation, change: ScheduleChange): Promise<ChangePreview> {
  const state = await loadSchedule(ctx, organisation);
  const tz = organisation.policy.timezone;
  const now = ctx.now();
  const org = { organisationId: organisation.id };
  if (change.type === 'add') {
    const check = checkEventAddition(change.draft, state, now);
    const impact: string[] = [];
    if (check.errors.length === 0 && isCheckInKind(change.draft.kind)) {
      const { eligible } = await promptCounts(ctx, organisation, { ...change.draft, id: '', organisationId: organisation.id, cycleId: state.cycle.id, key: '', status: 'scheduled', version: 0 });
      impact.push(`${count(eligible, 'member of staff', 'staff')} will be prompted on ${formatEventDate(change.draft.window.opens.slice(0, 10), tz)} at ${change.draft.window.opens.slice(11)}.`);
    }
    return {
      change,
      summary: `Adds ${change.draft.title} on ${formatEventDate(change.draft.date, tz)} (${KIND_LABELS[change.draft.kind].toLowerCase()}, window ${formatWindow(change.draft.window, tz)}, ${hours(change.draft.directedHours)} directed time).`,
      impact,
      ...check,
    };
  }
  const event = await findEvent(ctx, state, change.eventId);
  const stale = event.version !== change.version ? [`${event.title} changed while you were looking; this preview uses the current version.`] : [];
  if (change.type === 'cancel') {
    const errors = event.status === 'cancelled' ? [`${event.title} is already cancelled.`] : [];
    const [counts, submitted] = await Promise.all([promptCounts(ctx, organisation, event), ctx.repos.checkIns.countForEvent(org, event.id)]);
    const impact: string[] = [];
    if (isCheckInKind(event.kind)) {
      impact.push(event.promptsQueuedAt ? `${count(counts.pending, 'prompt')} not yet sent will be withdrawn; ${count(counts.prompted, 'member of staff', 'staff')} already prompted.` : `No one will be prompted for it (${count(counts.eligible, 'member of staff', 'staff')} would have been).`);
    }
    if (submitted > 0) impact.push(`${count(submitted, 'check-in')} already submitted for it will be kept.`);
    return { change: { ...change, version: event.version }, event, summary: `Cancels ${event.title} (${formatEventDate(event.date, tz)}).`, impact, warnings: stale, errors };
  }
  const check = checkEventUpdate(event, change.draft, state, now);
  const differences = describeDifferences(draftOf(event), change.draft, tz);
  if (differences.length === 0 && check.errors.length === 0) check.errors.push('Nothing would change.');
  const impact: string[] = [];
  const windowChanged = change.draft.window.opens !== event.window.opens || change.draft.window.closes !== event.window.closes;
  if (check.errors.length === 0 && isCheckInKind(event.kind) && windowChanged) {
    const counts = await promptCounts(ctx, organisation, event);
    const opening = `${formatEventDate(change.draft.window.opens.slice(0, 10), tz)} at ${change.draft.window.opens.slice(11)}`;
    if (change.draft.window.opens !== event.window.opens) {
      const waiting = event.promptsQueuedAt ? counts.pending : counts.eligible;
      impact.push(`${count(waiting, 'member of staff', 'staff')} not yet prompted will be prompted on ${opening}.`);
    } else {
      impact.push(`It will close on ${formatEventDate(change.draft.window.closes.slice(0, 10), tz)} at ${change.draft.window.closes.slice(11)}; reminders follow the new closing day.`);
    }
  }
  const summary =
    change.type === 'move' && change.draft.date !== event.date
      ? `Moves ${event.title} from ${formatEventDate(event.date, tz)} to ${formatEventDate(change.draft.date, tz)} (window ${formatWindow(change.draft.window, tz)}).`
      : `Changes ${event.title}: ${differences.join('; ') || 'nothing'}.`;
  return { change: { ...change, version: event.version }, event, summary, impact, warnings: [...stale, ...check.warnings], errors: check.errors };
}

// ---------------------------------------------------------------------------------------------
// Apply

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
  const rescheduled = await ctx.repos.outboxJobs.reschedule(org, { eventId: event.id, kinds: ['check-in-prompt'] }, opensAt, at);
  const remindAt = reminderAt(event, tz);
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
  const organisation = actor.organisation;
  const state = await loadSchedule(ctx, organisation);
  const org = { organisationId: organisation.id };
  const tz = organisation.policy.timezone;
  const now = ctx.now();

  if (change.type === 'add') {
    const check = checkEventAddition(change.draft, state, now);
    if (check.errors.length > 0) return { kind: 'invalid', errors: check.errors };
    const key = keyFor(change.draft, state.events.map((e) => e.key));
    const event: ScheduleEvent = { ...change.draft, title: change.draft.title.trim(), id: eventIdFor(organisation.id, state.cycle.key, key), key, organisationId: organisation.id, cycleId: state.cycle.id, status: 'scheduled', version: 0 };
    if ((await ctx.repos.scheduleEvents.insertMany(org, [event])) === 0) return conflict(ctx, organisation, event.id);
    await audit(ctx, actor, 'schedule.eventAdded', { kind: 'scheduleEvent', id: event.id }, { event: draftOf(event), version: event.version });
    return { kind: 'applied', event, jobs: { rescheduled: 0, cancelled: 0 }, announcement: `${actorName(actor)} added ${event.title} on ${formatEventDate(event.date, tz)} (window ${formatWindow(event.window, tz)}).` };
  }

  const event = state.events.find((e) => e.id === change.eventId);
  if (!event) return conflict(ctx, organisation, change.eventId);

  if (change.type === 'cancel') {
    if (event.version !== change.version) return event.status === 'cancelled' ? { kind: 'applied', event, jobs: { rescheduled: 0, cancelled: 0 }, announcement: '' } : conflict(ctx, organisation, event.id);
    if (event.status === 'cancelled') return { kind: 'invalid', errors: [`${event.title} is already cancelled.`] };
    const updated = await ctx.repos.scheduleEvents.updateIfVersion(org, event.id, change.version, { status: 'cancelled' });
    if (!updated) return conflict(ctx, organisation, event.id, change.version);
    // Pending prompts and reminders are withdrawn; a worker holding one re-reads the event and skips it.
    const cancelled = await ctx.repos.outboxJobs.cancel(org, { eventId: event.id }, now);
    await audit(ctx, actor, 'schedule.eventCancelled', { kind: 'scheduleEvent', id: event.id }, { version: updated.version, jobsCancelled: cancelled });
    const withdrawn = isCheckInKind(event.kind) && event.promptsQueuedAt ? ` ${count(cancelled, 'pending prompt or reminder', 'pending prompts and reminders')} withdrawn.` : '';
    return { kind: 'applied', event: updated, jobs: { rescheduled: 0, cancelled }, announcement: `${actorName(actor)} cancelled ${event.title} (${formatEventDate(event.date, tz)}).${withdrawn}` };
  }

  if (event.version !== change.version) {
    // Teams retries an Action.Execute it timed out on: the same change, already made, is not a conflict.
    return sameAs(event, change.draft) ? { kind: 'applied', event, jobs: { rescheduled: 0, cancelled: 0 }, announcement: '' } : conflict(ctx, organisation, event.id);
  }
  const check = checkEventUpdate(event, change.draft, state, now);
  if (check.errors.length > 0) return { kind: 'invalid', errors: check.errors };
  const draft = { ...change.draft, title: change.draft.title.trim() };
  const windowChanged = draft.window.opens !== event.window.opens || draft.window.closes !== event.window.closes;
  const changes: ScheduleEventChanges = { title: draft.title, date: draft.date, window: draft.window, directedHours: draft.directedHours, alsoMarks: draft.alsoMarks };
  // The scheduler queues the event again at its new time (idempotently: one job per person ever),
  // which also reaches staff who joined since it was first queued.
  if (windowChanged) changes.promptsQueuedAt = undefined;
  const updated = await ctx.repos.scheduleEvents.updateIfVersion(org, event.id, change.version, changes);
  if (!updated) return conflict(ctx, organisation, event.id, change.version);
  const counts = windowChanged && event.promptsQueuedAt ? await followWindow(ctx, organisation, updated) : { rescheduled: 0, cancelled: 0 };
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

/** A key unique within the cycle: "check-in-14", or the kind and date ("aspiration-survey-2026-03-06"). */
export function keyFor(draft: Pick<EventDraft, 'kind' | 'number' | 'date'>, taken: readonly string[]): string {
  const base = draft.kind === 'check-in' && draft.number !== undefined ? `check-in-${draft.number}` : `${draft.kind}-${draft.date}`;
  let key = base;
  for (let i = 2; taken.includes(key); i += 1) key = `${base}-${i}`;
  return key;
}

// ---------------------------------------------------------------------------------------------
// Import a table (seed 000 Appendix 3: "Date  Day  Think Ahead (TSFE)  Duration (hrs)")

export interface ScheduleProblem {
  line: number;
  message: string;
}

export class ScheduleImportError extends Error {
  constructor(readonly problems: ScheduleProblem[]) {
    super(problems.map((p) => `line ${p.line}: ${p.message}`).join('\n'));
    this.name = 'ScheduleImportError';
  }
}

export interface ImportedEvent {
  line: number;
  draft: EventDraft;
}

const DAY_NAMES = new Map<string, number>([
  ['monday', 1], ['mon', 1], ['tuesday', 2], ['tue', 2], ['tues', 2], ['wednesday', 3], ['wed', 3],
  ['thursday', 4], ['thu', 4], ['thur', 4], ['thurs', 4], ['friday', 5], ['fri', 5], ['saturday', 6], ['sat', 6], ['sunday', 7], ['sun', 7],
]);

/** The kind of an event from its title, in the shipped pack's words. */
export function inferKind(title: string): { kind: ScheduleEventKind; number?: number; title: string; alsoMarks: string[] } | { error: string } {
  const [head = '', ...rest] = title.split(/\s+\/\s+/);
  const alsoMarks = rest.map((r) => r.trim()).filter(Boolean);
  const numbered = /^check[\s-]?in\s+(\d+)$/i.exec(head.trim());
  if (numbered) return { kind: 'check-in', number: Number(numbered[1]), title: `Check in ${Number(numbered[1])}`, alsoMarks };
  const whole = title.trim();
  if (/non[\s-]?compulsory\s+check[\s-]?in|optional\s+check[\s-]?in/i.test(whole)) return { kind: 'optional-check-in', title: whole, alsoMarks: [] };
  if (/^check[\s-]?in\b/i.test(head.trim())) return { error: `"${head.trim()}" needs its number, e.g. "Check in 6".` };
  if (/aspiration/i.test(whole)) return { kind: 'aspiration-survey', title: whole, alsoMarks: [] };
  if (/career\s+conversation/i.test(whole)) return { kind: 'career-conversation', title: whole, alsoMarks: [] };
  if (/\brocks?\b|success\s+criteria|objective\s+setting/i.test(whole)) return { kind: 'rock-setting', title: whole, alsoMarks: [] };
  if (/review|reflection/i.test(whole)) return { kind: 'review', title: whole, alsoMarks: [] };
  return { error: `I can't tell what kind of event "${whole}" is. Start check-ins with "Check in N"; other events need "review", "rocks/success criteria", "Aspiration Survey", "Career conversations" or "Non-compulsory check in" in their title.` };
}

/** Teams delivers a pasted table as HTML: rows become lines and cells tabs. */
export function htmlToText(text: string): string {
  if (!/<\/?[a-z][^>]*>/i.test(text)) return text;
  return text
    .replace(/<at>.*?<\/at>/gi, '')
    .replace(/<\/t[dh]>/gi, '\t')
    .replace(/<br\s*\/?>|<\/(p|div|tr|li)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

const DATE_CELL = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const LOOSE_ROW = /^(\d{1,2}\/\d{1,2}\/\d{4})\s+(?:([A-Za-z]+)\s+)?(.+?)\s+(\d+(?:\.\d+)?)\s*(?:h|hrs?|hours?)?$/;

interface Cells {
  date: string;
  day?: string;
  title: string;
  hours: string;
}

/** One line of a pasted table as cells: by tabs or runs of spaces, or (Teams may collapse those) by shape. */
function cellsOfLine(line: string): Cells | { error: string } {
  const trimmed = line.trim();
  const columns = trimmed.split(/\t+|\s{2,}/).map((c) => c.trim()).filter(Boolean);
  if (columns.length === 4) return { date: columns[0]!, day: columns[1], title: columns[2]!, hours: columns[3]! };
  if (columns.length === 3 && !DAY_NAMES.has(columns[1]!.toLowerCase())) return { date: columns[0]!, title: columns[1]!, hours: columns[2]! };
  if (columns.length === 1 || columns.length === 2) {
    const m = LOOSE_ROW.exec(trimmed.replace(/\s+/g, ' '));
    if (m) {
      const day = m[2] && DAY_NAMES.has(m[2].toLowerCase()) ? m[2] : undefined;
      return { date: m[1]!, day, title: day ? m[3]! : `${m[2] ? `${m[2]} ` : ''}${m[3]!}`, hours: m[4]! };
    }
  }
  return { error: `expected four columns — date (dd/mm/yyyy), day, title, hours — but found ${columns.length === 1 ? 'one' : columns.length}: "${trimmed.slice(0, 120)}"` };
}

function draftFromCells(cells: Cells, state: Pick<ScheduleState, 'organisation' | 'cycle' | 'events'>): EventDraft | { error: string } {
  const m = DATE_CELL.exec(cells.date.trim());
  if (!m) return { error: `"${cells.date}" is not a date like 27/02/2026` };
  const date = DateTime.fromObject({ year: Number(m[3]), month: Number(m[2]), day: Number(m[1]) });
  if (!date.isValid) return { error: `${cells.date} is not a real date` };
  const iso = date.toISODate()!;
  if (cells.day) {
    const day = DAY_NAMES.get(cells.day.trim().toLowerCase());
    if (day === undefined) return { error: `"${cells.day}" is not a day of the week` };
    if (day !== date.weekday) return { error: `${cells.date} is a ${WEEKDAY_NAMES[date.weekday - 1]}, not a ${WEEKDAY_NAMES[day - 1]}` };
  }
  const directedHours = Number(cells.hours);
  if (!/^\d+(\.\d+)?$/.test(cells.hours.trim()) || directedHours > 24) return { error: `"${cells.hours}" is not a number of hours (0 to 24)` };
  const kind = inferKind(cells.title);
  if ('error' in kind) return kind;
  if (iso < state.cycle.startsOn || iso > state.cycle.endsOn) return { error: `${cells.date} is outside the cycle ${state.cycle.label} (${state.cycle.startsOn} to ${state.cycle.endsOn})` };
  return { kind: kind.kind, number: kind.number, title: kind.title, date: iso, window: usualWindow(kind.kind, iso, state), directedHours, alsoMarks: kind.alsoMarks };
}

/** CSV rows (a file attachment) as cells, by header names when there is a header row. */
function csvCells(content: string): Array<{ line: number; cells: Cells | { error: string } }> {
  const records = parse(content, { skip_empty_lines: true, trim: true, relax_column_count: true, bom: true, info: true }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  let index = { date: 0, day: 1 as number | undefined, title: 2, hours: 3 };
  const out: Array<{ line: number; cells: Cells | { error: string } }> = [];
  records.forEach(({ record, info }, i) => {
    if (i === 0 && !record.some((c) => DATE_CELL.test(c))) {
      const find = (re: RegExp) => record.findIndex((c) => re.test(c));
      const day = find(/^day$/i);
      index = { date: find(/date/i), day: day >= 0 ? day : undefined, title: find(/title|what|event|think ahead/i), hours: find(/hour|duration|time/i) };
      if (index.date < 0 || index.title < 0 || index.hours < 0) out.push({ line: info.lines, cells: { error: 'the header row needs Date, Title (or What) and Hours (or Duration) columns' } });
      return;
    }
    const at = (n: number | undefined) => (n === undefined ? undefined : (record[n] ?? '').trim());
    out.push({ line: info.lines, cells: { date: at(index.date) ?? '', day: at(index.day) || undefined, title: at(index.title) ?? '', hours: at(index.hours) ?? '' } });
  });
  return out;
}

/**
 * Reads a schedule table: pasted text (tab- or space-separated) or a CSV file. Lines before the
 * first dated row (a heading, the header row) are skipped; after it, every line must be a row.
 * Any problem throws ScheduleImportError with every bad line.
 */
export function parseScheduleTable(content: string, format: 'text' | 'csv', state: Pick<ScheduleState, 'organisation' | 'cycle' | 'events'>): ImportedEvent[] {
  const problems: ScheduleProblem[] = [];
  const rows: ImportedEvent[] = [];
  const lines: Array<{ line: number; cells: Cells | { error: string } }> = [];
  if (format === 'csv') {
    try {
      lines.push(...csvCells(content));
    } catch (err) {
      throw new ScheduleImportError([{ line: (err as { lines?: number }).lines ?? 1, message: `not a CSV file: ${(err as Error).message}` }]);
    }
  } else {
    let started = false;
    content.split(/\r?\n/).forEach((text, i) => {
      if (!text.trim()) return;
      if (!started && !/^\s*\d{1,2}\/\d{1,2}\/\d{4}/.test(text)) return;
      started = true;
      lines.push({ line: i + 1, cells: cellsOfLine(text) });
    });
  }
  for (const { line, cells } of lines) {
    if ('error' in cells) {
      problems.push({ line, message: cells.error });
      continue;
    }
    const draft = draftFromCells(cells, state);
    if ('error' in draft) problems.push({ line, message: draft.error });
    else rows.push({ line, draft });
  }
  if (rows.length === 0 && problems.length === 0) problems.push({ line: 1, message: 'no rows found: paste the table (date, day, title, hours) after "schedule import", or attach a CSV file' });
  // Within the table: a check-in number twice, or two events of a kind on one date.
  rows.forEach((row, i) => {
    for (const message of clashesOf(row.draft, rows.slice(0, i).map((r) => r.draft), state.organisation.policy.timezone)) problems.push({ line: row.line, message });
  });
  if (problems.length > 0) throw new ScheduleImportError(problems.sort((a, b) => a.line - b.line));
  return rows;
}

export interface ScheduleImportPreview {
  added: ImportedEvent[];
  changed: Array<{ row: ImportedEvent; event: ScheduleEvent; differences: string[] }>;
  /** Scheduled events the table leaves out: cancelled on confirm. */
  removed: ScheduleEvent[];
  /** Events the table leaves out that have already opened: kept as they are. */
  kept: ScheduleEvent[];
  unchanged: number;
  problems: ScheduleProblem[];
  warnings: string[];
  /** Fingerprint of the plan, events' versions included: Confirm applies only what was previewed. */
  digest: string;
}

/** Pairs the table's rows with the scheduled events: check-ins by number, other kinds in date order. */
function matchRows(rows: ImportedEvent[], events: ScheduleEvent[]): Map<ImportedEvent, ScheduleEvent | undefined> {
  const scheduled = events.filter((e) => e.status === 'scheduled');
  const out = new Map<ImportedEvent, ScheduleEvent | undefined>();
  const used = new Set<string>();
  for (const row of rows) {
    if (row.draft.kind !== 'check-in') continue;
    const event = scheduled.find((e) => e.kind === 'check-in' && e.number === row.draft.number);
    if (event) used.add(event.id);
    out.set(row, event);
  }
  for (const kind of scheduleEventKinds.filter((k) => k !== 'check-in')) {
    const ofKind = scheduled.filter((e) => e.kind === kind).sort((a, b) => a.date.localeCompare(b.date));
    const rowsOfKind = rows.filter((r) => r.draft.kind === kind).sort((a, b) => a.draft.date.localeCompare(b.draft.date));
    rowsOfKind.forEach((row, i) => {
      const event = ofKind[i];
      if (event) used.add(event.id);
      out.set(row, event);
    });
  }
  return out;
}

export async function previewScheduleImport(ctx: UseCaseContext, organisation: Organisation, rows: ImportedEvent[]): Promise<ScheduleImportPreview> {
  const state = await loadSchedule(ctx, organisation);
  const tz = organisation.policy.timezone;
  const now = ctx.now();
  const matches = matchRows(rows, state.events);
  const preview: ScheduleImportPreview = { added: [], changed: [], removed: [], kept: [], unchanged: 0, problems: [], warnings: [], digest: '' };
  const matched = new Set<string>();
  for (const row of rows) {
    const event = matches.get(row);
    if (!event) {
      preview.added.push(row);
      for (const message of pastProblems(row.draft, tz, now)) preview.problems.push({ line: row.line, message });
      preview.warnings.push(...weekdayWarning(row.draft, state).map((w) => `line ${row.line}: ${w}`));
      continue;
    }
    matched.add(event.id);
    const differences = describeDifferences(draftOf(event), row.draft, tz);
    if (differences.length === 0) {
      preview.unchanged += 1;
      continue;
    }
    preview.changed.push({ row, event, differences });
    const check = checkEventUpdate(event, row.draft, state, now, { clashes: false });
    for (const message of check.errors) preview.problems.push({ line: row.line, message });
    preview.warnings.push(...check.warnings.map((w) => `line ${row.line}: ${w}`));
  }
  for (const event of state.events) {
    if (event.status !== 'scheduled' || matched.has(event.id)) continue;
    if (windowInstants(event, tz).opensAt <= now) preview.kept.push(event);
    else preview.removed.push(event);
  }
  // The schedule after the import must not clash with itself (kept events included).
  const after = [...rows.map((r) => ({ line: r.line, draft: r.draft })), ...preview.kept.map((e) => ({ line: 0, draft: draftOf(e) }))];
  after.forEach((a, i) => {
    if (a.line === 0) return;
    for (const message of clashesOf(a.draft, after.filter((b, j) => j !== i && (b.line === 0 || j < i)).map((b) => b.draft), tz)) preview.problems.push({ line: a.line, message });
  });
  preview.problems.sort((a, b) => a.line - b.line);
  preview.digest = digestOf({
    added: preview.added.map((r) => r.draft),
    changed: preview.changed.map((c) => [c.event.id, c.event.version, c.row.draft]),
    removed: preview.removed.map((e) => [e.id, e.version]),
  });
  return preview;
}

export function digestOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}

export type ImportOutcome =
  | { kind: 'applied'; added: number; changed: number; cancelled: number; conflicts: string[]; announcement: string }
  | { kind: 'stale'; preview: ScheduleImportPreview }
  | { kind: 'invalid'; problems: ScheduleProblem[] };

/** Applies an import whose preview had this digest; if the schedule moved on since, returns the fresh preview instead. */
export async function applyScheduleImport(ctx: UseCaseContext, actor: Actor, rows: ImportedEvent[], digest: string): Promise<ImportOutcome> {
  const preview = await previewScheduleImport(ctx, actor.organisation, rows);
  if (preview.problems.length > 0) return { kind: 'invalid', problems: preview.problems };
  if (preview.digest !== digest) return { kind: 'stale', preview };
  const conflicts: string[] = [];
  let changed = 0;
  let cancelled = 0;
  let added = 0;
  // Cancellations first, so an added event can take a removed one's date.
  for (const event of preview.removed) {
    const outcome = await applyScheduleChange(ctx, actor, { type: 'cancel', eventId: event.id, version: event.version });
    if (outcome.kind === 'applied') cancelled += 1;
    else conflicts.push(outcome.kind === 'conflict' ? outcome.message : outcome.errors.join(' '));
  }
  for (const { row, event } of preview.changed) {
    const outcome = await applyScheduleChange(ctx, actor, { type: event.date !== row.draft.date ? 'move' : 'edit', eventId: event.id, version: event.version, draft: row.draft });
    if (outcome.kind === 'applied') changed += 1;
    else conflicts.push(`line ${row.line}: ${outcome.kind === 'conflict' ? outcome.message : outcome.errors.join(' ')}`);
  }
  for (const row of preview.added) {
    const outcome = await applyScheduleChange(ctx, actor, { type: 'add', draft: row.draft });
    if (outcome.kind === 'applied') added += 1;
    else conflicts.push(`line ${row.line}: ${outcome.kind === 'conflict' ? outcome.message : outcome.errors.join(' ')}`);
  }
  await audit(ctx, actor, 'schedule.imported', { kind: 'cycle', id: (await loadSchedule(ctx, actor.organisation)).cycle.id }, { added, changed, cancelled, conflicts });
  const parts = [`${count(added, 'event')} added`, `${changed} changed`, `${cancelled} cancelled`];
  return { kind: 'applied', added, changed, cancelled, conflicts, announcement: `${actorName(actor)} imported the schedule: ${parts.join(', ')}.` };
}

// ---------------------------------------------------------------------------------------------
// The schedule card's rows

export interface ScheduleRow {
  event: ScheduleEvent;
  /** Prompts sent so far (check-in kinds). */
  prompted: number;
  submitted: number;
  state: 'upcoming' | 'open' | 'closed' | 'cancelled';
}

/** The cycle's coming events (not yet closed), with prompts sent and check-ins submitted so far. */
export async function comingEvents(ctx: UseCaseContext, organisation: Organisation): Promise<{ cycle: Cycle; rows: ScheduleRow[] }> {
  const { cycle, events } = await loadSchedule(ctx, organisation);
  const tz = organisation.policy.timezone;
  const now = ctx.now();
  const org = { organisationId: organisation.id };
  const coming = events.filter((e) => windowInstants(e, tz).closesAt > now);
  const people = eligiblePeople(await ctx.repos.people.listActive(org), organisation.policy, now);
  const rows = await Promise.all(
    coming.map(async (event): Promise<ScheduleRow> => {
      const { opensAt } = windowInstants(event, tz);
      const state = event.status === 'cancelled' ? 'cancelled' : opensAt > now ? 'upcoming' : 'open';
      const [counts, submitted] = await Promise.all([
        event.promptsQueuedAt ? promptCounts(ctx, organisation, event, people) : Promise.resolve({ prompted: 0 }),
        ctx.repos.checkIns.countForEvent(org, event.id),
      ]);
      return { event, prompted: counts.prompted, submitted, state };
    }),
  );
  return { cycle, rows };
}
