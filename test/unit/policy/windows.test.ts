import type { ScheduleEventDefinition } from '../../../shared/domain';
import {
  checkInStateAt,
  formatEventTitle,
  getPolicyPack,
  nextEventAfter,
  openEventAt,
  timelinessOf,
  windowInstants,
  type SchedulableEvent,
} from '../../../shared/policy';

const tsfe = getPolicyPack('tsfe-2025-26');
const tsat = getPolicyPack('tsat-2023-24');
const TZ = 'Europe/London';
const event = (pack: typeof tsfe, key: string): ScheduleEventDefinition => {
  const found = pack.cycle.events.find((e) => e.key === key);
  if (!found) throw new Error(`no event ${key}`);
  return found;
};
const at = (iso: string) => new Date(iso);
const iso = (d: { opensAt: Date; closesAt: Date }) => [d.opensAt.toISOString(), d.closesAt.toISOString()];

describe('windowInstants', () => {
  it('turns a GMT window into UTC and closes at the end of the closing minute', () => {
    expect(iso(windowInstants(event(tsat, 'check-in-1'), TZ))).toEqual(['2023-10-30T08:00:00.000Z', '2023-11-03T23:59:59.999Z']);
    expect(iso(windowInstants(event(tsfe, 'check-in-6'), TZ))).toEqual(['2026-02-27T08:00:00.000Z', '2026-03-05T23:59:59.999Z']);
  });

  it('uses BST offsets in summer', () => {
    expect(iso(windowInstants(event(tsat, 'check-in-10'), TZ))).toEqual(['2024-04-15T07:00:00.000Z', '2024-04-19T22:59:59.999Z']);
  });

  it('opens in BST and closes in GMT across the October change (TSAT objective setting spans 29 Oct 2023)', () => {
    expect(iso(windowInstants(event(tsat, 'objective-setting'), TZ))).toEqual(['2023-09-01T07:00:00.000Z', '2023-10-31T23:59:59.999Z']);
  });

  it('opens in GMT and closes in BST across the March change (TSFE 27 Mar 2026 spans 29 Mar)', () => {
    const { opensAt, closesAt } = windowInstants(event(tsfe, 'career-conversation'), TZ);
    expect(iso({ opensAt, closesAt })).toEqual(['2026-03-27T08:00:00.000Z', '2026-04-02T22:59:59.999Z']);
    // Friday 08:00 to Thursday 23:59 is one hour shorter than usual that week
    expect(closesAt.getTime() + 1 - opensAt.getTime()).toBe((6 * 24 + 16 - 1) * 3600_000);
  });

  it('refuses an unknown time zone instead of guessing', () => {
    expect(() => windowInstants(event(tsfe, 'check-in-6'), 'Mars/Olympus')).toThrow(/Mars\/Olympus/);
  });
});

describe('timelinessOf', () => {
  it('counts a submission on the Saturday after a TSAT window as late', () => {
    const checkIn1 = event(tsat, 'check-in-1');
    expect(timelinessOf(checkIn1, at('2023-11-03T23:59:59.999Z'), TZ)).toBe('on-time');
    expect(timelinessOf(checkIn1, at('2023-11-04T00:00:00.000Z'), TZ)).toBe('late');
    expect(timelinessOf(checkIn1, at('2023-11-04T10:00:00.000Z'), TZ)).toBe('late');
  });

  it('counts a submission on the Saturday after a TSFE window (which closes on Thursday) as late', () => {
    const checkIn6 = event(tsfe, 'check-in-6');
    expect(timelinessOf(checkIn6, at('2026-02-28T10:00:00Z'), TZ)).toBe('on-time'); // the day after the prompt
    expect(timelinessOf(checkIn6, at('2026-03-05T23:30:00Z'), TZ)).toBe('on-time');
    expect(timelinessOf(checkIn6, at('2026-03-07T10:00:00Z'), TZ)).toBe('late');
  });

  it('reads the closing time in BST: 23:30 on a summer Friday is on time, 00:30 on Saturday is not', () => {
    const checkIn10 = event(tsat, 'check-in-10');
    expect(timelinessOf(checkIn10, at('2024-04-19T22:30:00Z'), TZ)).toBe('on-time'); // 23:30 BST Friday
    expect(timelinessOf(checkIn10, at('2024-04-19T23:30:00Z'), TZ)).toBe('late'); // 00:30 BST Saturday
    const career = event(tsfe, 'career-conversation');
    expect(timelinessOf(career, at('2026-04-02T22:30:00Z'), TZ)).toBe('on-time');
    expect(timelinessOf(career, at('2026-04-02T23:30:00Z'), TZ)).toBe('late');
  });

  it('treats a submission before the window opens as on time', () => {
    expect(timelinessOf(event(tsat, 'check-in-2'), at('2023-11-10T12:00:00Z'), TZ)).toBe('on-time');
  });
});

describe('openEventAt and nextEventAfter', () => {
  const events: SchedulableEvent[] = tsfe.cycle.events;

  it('finds the check-in whose window contains the instant', () => {
    expect(openEventAt(events, at('2026-02-27T12:00:00Z'), TZ, ['check-in'])?.key).toBe('check-in-6');
    expect(openEventAt(events, at('2026-03-05T23:59:59.999Z'), TZ, ['check-in'])?.key).toBe('check-in-6');
    expect(openEventAt(events, at('2026-03-06T00:00:00Z'), TZ, ['check-in'])).toBeUndefined();
    expect(openEventAt(events, at('2026-02-27T07:59:59Z'), TZ, ['check-in'])).toBeUndefined();
  });

  it('finds a window across the BST change in both directions', () => {
    expect(openEventAt(events, at('2026-03-29T12:00:00Z'), TZ)?.key).toBe('career-conversation');
    expect(openEventAt(events, at('2026-04-02T22:59:59Z'), TZ)?.key).toBe('career-conversation');
    expect(openEventAt(events, at('2026-04-02T23:00:00Z'), TZ)).toBeUndefined();
    expect(openEventAt(tsat.cycle.events, at('2023-10-31T23:30:00Z'), TZ)?.key).toBe('objective-setting');
    expect(openEventAt(tsat.cycle.events, at('2023-10-30T07:59:00Z'), TZ, ['check-in'])).toBeUndefined();
    expect(openEventAt(tsat.cycle.events, at('2023-10-30T08:00:00Z'), TZ, ['check-in'])?.key).toBe('check-in-1');
  });

  it('prefers the window that closes first when windows overlap, and filters by kind', () => {
    const friday = at('2025-10-03T09:00:00Z'); // non-compulsory check in, inside the rock-setting window
    expect(openEventAt(events, friday, TZ)?.key).toBe('optional-check-in');
    expect(openEventAt(events, friday, TZ, ['rock-setting'])?.key).toBe('rock-setting-terms-1-2');
    expect(openEventAt(events, friday, TZ, ['check-in'])).toBeUndefined();
  });

  it('never opens a cancelled event', () => {
    const cancelled = events.map((e) => (e.key === 'check-in-6' ? { ...e, status: 'cancelled' as const } : e));
    expect(openEventAt(cancelled, at('2026-02-27T12:00:00Z'), TZ)).toBeUndefined();
    expect(nextEventAfter(cancelled, at('2026-02-20T12:00:00Z'), TZ, ['check-in'])?.key).toBe('check-in-7');
  });

  it('finds the next window to open, strictly after the instant', () => {
    expect(nextEventAfter(events, at('2026-02-28T12:00:00Z'), TZ, ['check-in'])?.key).toBe('check-in-7');
    expect(nextEventAfter(events, at('2026-02-27T08:00:00Z'), TZ, ['check-in'])?.key).toBe('check-in-7');
    expect(nextEventAfter(events, at('2026-02-27T07:59:59Z'), TZ, ['check-in'])?.key).toBe('check-in-6');
    expect(nextEventAfter(events, at('2026-01-24T12:00:00Z'), TZ)?.key).toBe('aspiration-survey');
    expect(nextEventAfter(events, at('2026-07-11T00:00:00Z'), TZ)).toBeUndefined();
    expect(nextEventAfter(tsat.cycle.events, at('2023-11-04T00:00:00Z'), TZ, ['check-in'])?.key).toBe('check-in-2');
  });
});

describe('checkInStateAt', () => {
  const checkIn6 = event(tsfe, 'check-in-6');

  it('is upcoming, open, then missed for someone who never submits', () => {
    expect(checkInStateAt(checkIn6, undefined, at('2026-02-27T07:59:00Z'), TZ)).toBe('upcoming');
    expect(checkInStateAt(checkIn6, undefined, at('2026-02-27T08:00:00Z'), TZ)).toBe('open');
    expect(checkInStateAt(checkIn6, undefined, at('2026-03-05T23:59:59.999Z'), TZ)).toBe('open');
    expect(checkInStateAt(checkIn6, undefined, at('2026-03-06T00:00:00Z'), TZ)).toBe('missed');
  });

  it('is on time or late once submitted, worked out from submittedAt when not recorded', () => {
    const now = at('2026-03-10T12:00:00Z');
    expect(checkInStateAt(checkIn6, { submittedAt: at('2026-02-27T09:00:00Z') }, now, TZ)).toBe('on-time');
    expect(checkInStateAt(checkIn6, { submittedAt: at('2026-03-07T09:00:00Z') }, now, TZ)).toBe('late');
  });

  it('keeps the timeliness recorded at submission even if the window has since moved', () => {
    expect(checkInStateAt(checkIn6, { submittedAt: at('2026-03-07T09:00:00Z'), timeliness: 'on-time' }, at('2026-03-10T12:00:00Z'), TZ)).toBe('on-time');
  });
});

describe('formatEventTitle', () => {
  it('writes the title and an en-GB short date', () => {
    expect(formatEventTitle(event(tsfe, 'check-in-6'), TZ)).toBe('Check in 6 · Fri 27 Feb');
    expect(formatEventTitle(event(tsfe, 'check-in-4'), TZ)).toBe('Check in 4 · Fri 9 Jan');
    expect(formatEventTitle(event(tsfe, 'review-of-last-year'), TZ)).toBe('Completion of review of last year · Fri 19 Sep');
    expect(formatEventTitle(event(tsat, 'check-in-1'), TZ)).toBe('Check in 1 · Mon 30 Oct');
  });
});
