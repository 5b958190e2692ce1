// When a schedule event accepts submissions, and what a submission (or its absence) counts as.
// Windows are written as wall-clock times in the policy's time zone (seed 001: "opens Monday, closes
// Friday"); everything is converted through luxon so a window that spans a BST change is still right.
import { DateTime } from 'luxon';
import type { CheckIn, CheckInState, EventWindow, ScheduleEventDefinition, ScheduleEventKind, Timeliness } from '../domain';

/** An event from a pack (no status: counts as scheduled) or a stored one (cancelled ones never open). */
export type SchedulableEvent = ScheduleEventDefinition & { status?: 'scheduled' | 'cancelled' };

export interface WindowInstants {
  opensAt: Date;
  /** The last millisecond of the closing minute: closes "23:59" accepts until 23:59:59.999. */
  closesAt: Date;
}

/**
 * A wall-clock time in `timezone` as a luxon DateTime. Throws for an unknown time zone and for a
 * time that does not exist there (the hour skipped when clocks go forward), rather than guessing.
 */
export function localDateTime(local: string, timezone: string): DateTime {
  const dt = DateTime.fromISO(local, { zone: timezone });
  if (!dt.isValid) throw new Error(`cannot read "${local}" in time zone "${timezone}": ${dt.invalidExplanation ?? dt.invalidReason}`);
  if (dt.toFormat("yyyy-MM-dd'T'HH:mm") !== local.slice(0, 16)) {
    throw new Error(`${local} does not exist in ${timezone} (the clocks go forward then)`);
  }
  return dt;
}

// Remembered per (opens, closes, zone): time-zone arithmetic costs ~0.1 ms a call, and every card,
// submit and prompt asks about the same few dozen windows many times over.
const instantsCache = new Map<string, { opensAt: number; closesAt: number }>();
const INSTANTS_CACHE_MAX = 2_000;

export function windowInstants(event: { window: EventWindow }, timezone: string): WindowInstants {
  const key = `${event.window.opens}|${event.window.closes}|${timezone}`;
  let known = instantsCache.get(key);
  if (!known) {
    const opens = localDateTime(event.window.opens, timezone);
    const closes = localDateTime(event.window.closes, timezone).endOf('minute');
    known = { opensAt: opens.toMillis(), closesAt: closes.toMillis() };
    if (instantsCache.size >= INSTANTS_CACHE_MAX) instantsCache.clear();
    instantsCache.set(key, known);
  }
  // Fresh Dates each time: callers may keep or change them.
  return { opensAt: new Date(known.opensAt), closesAt: new Date(known.closesAt) };
}

function isScheduled(event: SchedulableEvent): boolean {
  return (event.status ?? 'scheduled') === 'scheduled';
}

function ofKinds(event: SchedulableEvent, kinds: readonly ScheduleEventKind[] | undefined): boolean {
  return kinds === undefined || kinds.includes(event.kind);
}

/**
 * The scheduled event whose window contains `instant`. Windows of different kinds may overlap
 * (TSFE's rock-setting window runs from September to its 31 October deadline); when several are
 * open, the one that closes soonest wins, since it is the one the person must act on first.
 */
export function openEventAt<E extends SchedulableEvent>(
  events: readonly E[],
  instant: Date,
  timezone: string,
  kinds?: readonly ScheduleEventKind[],
): E | undefined {
  const t = instant.getTime();
  let best: { event: E; closesAt: number; opensAt: number } | undefined;
  for (const event of events) {
    if (!isScheduled(event) || !ofKinds(event, kinds)) continue;
    const { opensAt, closesAt } = windowInstants(event, timezone);
    if (t < opensAt.getTime() || t > closesAt.getTime()) continue;
    const candidate = { event, closesAt: closesAt.getTime(), opensAt: opensAt.getTime() };
    if (!best || candidate.closesAt < best.closesAt || (candidate.closesAt === best.closesAt && candidate.opensAt < best.opensAt)) {
      best = candidate;
    }
  }
  return best?.event;
}

/** The scheduled event whose window opens next, strictly after `instant`. */
export function nextEventAfter<E extends SchedulableEvent>(
  events: readonly E[],
  instant: Date,
  timezone: string,
  kinds?: readonly ScheduleEventKind[],
): E | undefined {
  const t = instant.getTime();
  let best: { event: E; opensAt: number } | undefined;
  for (const event of events) {
    if (!isScheduled(event) || !ofKinds(event, kinds)) continue;
    const opensAt = windowInstants(event, timezone).opensAt.getTime();
    if (opensAt <= t) continue;
    if (!best || opensAt < best.opensAt) best = { event, opensAt };
  }
  return best?.event;
}

/**
 * On time iff submitted no later than the end of the closing minute. A submission before the window
 * opens also counts as on time: it can only happen when an administrator moved the window later
 * after the person had answered, and nobody should be marked late for answering early. Whether an
 * early submission is accepted at all is the submitting use case's decision, not this function's.
 */
export function timelinessOf(event: { window: EventWindow }, submittedAt: Date, timezone: string): Timeliness {
  return submittedAt.getTime() <= windowInstants(event, timezone).closesAt.getTime() ? 'on-time' : 'late';
}

/**
 * One person's state for one event at `now`. A submitted check-in keeps the timeliness recorded when
 * it was submitted (so moving a window afterwards does not rewrite history); without a recorded one
 * it is worked out from `submittedAt`. Callers leave cancelled events out before asking.
 */
export function checkInStateAt(
  event: { window: EventWindow; kind?: string },
  checkIn: (Pick<CheckIn, 'submittedAt'> & Partial<Pick<CheckIn, 'timeliness'>>) | undefined,
  now: Date,
  timezone: string,
): CheckInState {
  if (checkIn) return checkIn.timeliness ?? timelinessOf(event, checkIn.submittedAt, timezone);
  const { opensAt, closesAt } = windowInstants(event, timezone);
  if (now.getTime() < opensAt.getTime()) return 'upcoming';
  if (now.getTime() <= closesAt.getTime()) return 'open';
  // An optional check-in can't be missed (issue 14).
  return event.kind === 'optional-check-in' ? 'not-taken' : 'missed';
}

// Fixed English names rather than Intl: ICU versions disagree on en-GB ("Sept" vs "Sep"), and the
// same title must read the same in a bot card (Node) and in the tab (the browser's ICU).
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

// Remembered per (date, zone) like the window instants: every submitted check-in's reviewer
// notification titles its event, and luxon's ISO parse costs ~0.2 ms a call.
const dateLabels = new Map<string, string>();

/** en-GB short date of a calendar date in the policy's time zone, e.g. "Fri 27 Feb". */
export function formatEventDate(isoDate: string, timezone: string): string {
  const key = `${isoDate}|${timezone}`;
  let label = dateLabels.get(key);
  if (label === undefined) {
    const d = DateTime.fromISO(isoDate, { zone: timezone });
    if (!d.isValid) throw new Error(`cannot read date "${isoDate}" in time zone "${timezone}"`);
    label = `${WEEKDAYS[d.weekday - 1]} ${d.day} ${MONTHS[d.month - 1]}`;
    if (dateLabels.size >= INSTANTS_CACHE_MAX) dateLabels.clear();
    dateLabels.set(key, label);
  }
  return label;
}

/** e.g. "Check in 6 · Fri 27 Feb" (seed 000 Appendix 3's own wording for the title). */
export function formatEventTitle(event: Pick<ScheduleEventDefinition, 'title' | 'date'>, timezone: string): string {
  return `${event.title} · ${formatEventDate(event.date, timezone)}`;
}
