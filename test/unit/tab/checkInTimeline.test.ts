// Issue 15: the words the tab's check-in banner and timeline are built from — the countdown, the
// closing time in the trust's time zone, what the timeline leads with, and the chart's headline.
import { closingTime, countdown, planTimeline, scoreHeadline, shortDay } from '../../../tab/src/views/checkins/timelineText';
import type { TimelineEntry } from '../../../tab/src/api/model';

const entry = (n: number, state: TimelineEntry['state'], phase: TimelineEntry['phase']): TimelineEntry => ({
  eventId: `e${n}`,
  kind: 'check-in',
  title: `Check in ${n}`,
  number: n,
  date: '2024-01-22',
  window: { opens: '2024-01-22T08:00', closes: '2024-01-26T23:59' },
  opensAt: '2024-01-22T08:00:00.000Z',
  closesAt: '2024-01-26T23:59:59.999Z',
  state,
  phase,
});

describe('check-in banner and timeline words', () => {
  it('counts down to the minute, in days and hours, then hours and minutes', () => {
    const minute = 60_000;
    expect(countdown((2 * 24 * 60 + 11 * 60 + 59) * minute + 999)).toBe('in 2 days 11 hours');
    expect(countdown(24 * 60 * minute)).toBe('in 1 day');
    expect(countdown((3 * 60 + 1) * minute)).toBe('in 3 hours 1 minute');
    expect(countdown(12 * minute)).toBe('in 12 minutes');
    expect(countdown(30_000)).toBe('in less than a minute');
    expect(countdown(-1)).toBe('now');
  });

  it('says when a window closes in the trust’s time zone: the weekday within the week, else the date', () => {
    const now = Date.parse('2024-01-24T12:00:00Z');
    expect(closingTime('2024-01-26T23:59:59.999Z', now, 'en-GB', 'Europe/London')).toBe('Friday 23:59');
    // Summer time: 16:00 UTC is 17:00 in London.
    expect(closingTime('2024-06-21T16:00:00.000Z', Date.parse('2024-06-19T09:00:00Z'), 'en-GB', 'Europe/London')).toBe('Friday 17:00');
    expect(closingTime('2024-02-09T23:59:59.999Z', now, 'en-GB', 'Europe/London')).toBe('Fri 9 Feb, 23:59');
    expect(shortDay('2024-02-05T08:00:00.000Z', 'en-GB', 'Europe/London')).toBe('Mon 5 Feb');
  });

  it('leads with the open check-in and the next, the past newest first, the rest folded', () => {
    const plan = planTimeline([
      entry(1, 'on-time', 'closed'),
      entry(2, 'missed', 'closed'),
      // Sent already, still open to edit: its state no longer says open, its phase does.
      entry(3, 'on-time', 'open'),
      entry(4, 'upcoming', 'upcoming'),
      entry(5, 'upcoming', 'upcoming'),
      entry(6, 'not-asked', 'upcoming'),
    ]);
    expect(plan.open?.title).toBe('Check in 3');
    expect(plan.next?.title).toBe('Check in 4');
    expect(plan.past.map((e) => e.number)).toEqual([2, 1]);
    expect(plan.later.map((e) => e.number)).toEqual([5, 6]);
  });

  it('heads the chart with the latest score and its change', () => {
    expect(scoreHeadline([{ score: 6 }, { score: 8 }]).headline).toBe('8/10, up 2');
    expect(scoreHeadline([{ score: 8 }, { score: 5 }]).headline).toBe('5/10, down 3');
    expect(scoreHeadline([{ score: 7 }, { score: 7 }]).headline).toBe('7/10, same');
    expect(scoreHeadline([{ score: 7 }])).toEqual({ headline: '7/10', trend: 'your first score this year' });
  });
});
