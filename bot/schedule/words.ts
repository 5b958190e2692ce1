// The schedule in words, for previews, announcements and cards. Pure.
import type { EventWindow } from '../../shared/domain';
import { formatEventDate } from '../../shared/policy';
import type { EventDraft } from './draft';

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function formatWindow(window: EventWindow, timezone: string): string {
  const end = (local: string) => `${formatEventDate(local.slice(0, 10), timezone)} ${local.slice(11, 16)}`;
  return `${end(window.opens)} – ${end(window.closes)}`;
}

export function hours(h: number): string {
  return `${h} h`;
}

export function count(n: number, one: string, many = `${one}s`): string {
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
