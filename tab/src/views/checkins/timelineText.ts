import type { BadgeProps } from '@fluentui/react-components';
import type { TimelineEntry, TimelineState } from '../../api/model';

// 'posted' / 'not-posted' are group coaching sessions (seed 004): a neutral badge, never "missed".
export const stateLabel: Record<TimelineState, string> = {
  'on-time': 'On time',
  late: 'Late',
  missed: 'Missed',
  'not-taken': 'Not taken (optional)',
  open: 'Open now',
  upcoming: 'Upcoming',
  posted: 'Posted',
  'not-posted': 'No post',
  'not-asked': 'Not asked',
};

export const stateColour: Record<TimelineState, BadgeProps['color']> = {
  'on-time': 'success',
  late: 'warning',
  missed: 'danger',
  'not-taken': 'subtle',
  open: 'brand',
  upcoming: 'informative',
  posted: 'success',
  'not-posted': 'subtle',
  'not-asked': 'subtle',
};

/** Which answer a reviewer's response is about (seed 001: comment on at least one response). */
export function anchorLabel(anchor: string, rockTitles: Map<string, string>): string {
  switch (anchor) {
    case 'www':
      return 'What went well';
    case 'ebi':
      return 'Even better if';
    case 'whatsNext':
      return 'What’s next';
    case 'score':
      return 'Score';
    case 'general':
      return 'The whole check-in';
    default:
      return anchor.startsWith('rock:') ? (rockTitles.get(anchor.slice(5)) ?? 'Progress') : anchor;
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "in 2 days 4 hours", "in 3 hours 20 minutes", "in 12 minutes": how long until an instant, to the minute. */
export function countdown(ms: number): string {
  if (ms <= 0) return 'now';
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'in less than a minute';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return `in ${plural(days, 'day')}${hours > 0 ? ` ${plural(hours, 'hour')}` : ''}`;
  if (hours > 0) return `in ${plural(hours, 'hour')}${mins > 0 ? ` ${plural(mins, 'minute')}` : ''}`;
  return `in ${plural(mins, 'minute')}`;
}

/**
 * When a window closes, in the trust's time zone: "Friday 23:59" within the week ahead, else
 * "Fri 2 Feb, 23:59".
 */
export function closingTime(closesAt: string, now: number, locale: string, timeZone: string | undefined): string {
  const at = new Date(closesAt);
  const zone = { timeZone };
  const clock = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', ...zone }).format(at);
  if (at.getTime() - now < 6 * 86_400_000) return `${new Intl.DateTimeFormat(locale, { weekday: 'long', ...zone }).format(at)} ${clock}`;
  return `${new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', ...zone }).format(at)}, ${clock}`;
}

/** "Mon 5 Feb" in the trust's time zone. */
export function shortDay(instant: string, locale: string, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone }).format(new Date(instant));
}

export interface TimelinePlan {
  /** The check-in open now, if any. */
  open?: TimelineEntry;
  /** The next one to open. */
  next?: TimelineEntry;
  /** Closed ones, newest first. */
  past: TimelineEntry[];
  /** The rest of the year after `next`, oldest first (collapsed). */
  later: TimelineEntry[];
}

/** Where an entry's window is (from the server's clock); older servers leave it to the state. */
function phaseOf(e: TimelineEntry): 'upcoming' | 'open' | 'closed' {
  if (e.phase === 'upcoming' || e.phase === 'open') return e.phase;
  if (e.phase) return 'closed';
  return e.state === 'upcoming' ? 'upcoming' : e.state === 'open' ? 'open' : 'closed';
}

/** What the timeline leads with (what is open, what is next), then the past, then the rest of the year. */
export function planTimeline(entries: readonly TimelineEntry[]): TimelinePlan {
  const open = entries.find((e) => phaseOf(e) === 'open');
  const [next, ...later] = entries.filter((e) => e !== open && phaseOf(e) === 'upcoming');
  const past = entries.filter((e) => e !== open && phaseOf(e) === 'closed').reverse();
  return { open, next, past, later };
}

/** Told to the timeline (reload) when a check-in is sent from the banner. */
export const CHECK_IN_SAVED_EVENT = 'pg:check-in-saved';
/** Asked by the timeline's "Check in here": open the banner's form. */
export const OPEN_CHECK_IN_EVENT = 'pg:open-check-in';

/** "8/10, up 2": the latest score against the one before. */
export function scoreHeadline(scores: ReadonlyArray<{ score: number }>): { headline: string; trend: string } {
  const latest = scores[scores.length - 1];
  const previous = scores[scores.length - 2];
  if (!latest) return { headline: '', trend: '' };
  if (!previous) return { headline: `${latest.score}/10`, trend: 'your first score this year' };
  const change = latest.score - previous.score;
  const trend = change === 0 ? 'the same as last time' : `${change > 0 ? 'up' : 'down'} ${Math.abs(change)} on last time`;
  return { headline: `${latest.score}/10, ${change === 0 ? 'same' : `${change > 0 ? 'up' : 'down'} ${Math.abs(change)}`}`, trend };
}
