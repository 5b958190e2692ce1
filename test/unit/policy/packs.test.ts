import { DateTime } from 'luxon';
import { DEFAULT_POLICY_ID, getPolicyPack, packInForce, parsePolicyPack, POLICY_PACKS, PolicyPackError, windowInstants } from '../../../shared/policy';
import tsfeJson from '../../../shared/policy/packs/tsfe-2025-26.json';

const LONDON = 'Europe/London';
const weekdayOf = (isoDate: string) => DateTime.fromISO(isoDate, { zone: LONDON }).weekdayLong;
/** A fresh, mutable copy of the TSFE pack's JSON to break in one place. */
const tsfeInput = () => JSON.parse(JSON.stringify(tsfeJson)) as { policy: Record<string, unknown>; cycle: { events: Record<string, unknown>[] } } & Record<string, unknown>;

describe('policy pack registry', () => {
  it('ships the TSFE 2025-26 pack as the default, TSFE 2026-27 and the TSAT 2023-24 pack', () => {
    expect(DEFAULT_POLICY_ID).toBe('tsfe-2025-26');
    expect(Object.keys(POLICY_PACKS).sort()).toEqual(['stour-2025-26', 'stour-2026-27', 'truro-penwith-2026-27', 'tsat-2023-24', 'tsfe-2025-26', 'tsfe-2026-27']);
    expect(getPolicyPack(DEFAULT_POLICY_ID).policy.id).toBe('tsfe-2025-26');
  });

  it('names the unknown id and the known ones when asked for a pack that does not exist', () => {
    expect(() => getPolicyPack('tsfe-2024-25')).toThrow(PolicyPackError);
    expect(() => getPolicyPack('tsfe-2024-25')).toThrow(/unknown policy pack "tsfe-2024-25".*tsfe-2025-26/);
    expect(() => getPolicyPack('toString')).toThrow(/unknown policy pack/);
  });
});

describe('TSFE 2025-26 pack (seed 000 Appendix 3)', () => {
  const { policy, cycle } = getPolicyPack('tsfe-2025-26');
  const byKey = (key: string) => {
    const event = cycle.events.find((e) => e.key === key);
    if (!event) throw new Error(`no event ${key}`);
    return event;
  };

  it('has 13 numbered check-ins, numbered 1 to 13 in date order', () => {
    const checkIns = cycle.events.filter((e) => e.kind === 'check-in');
    expect(checkIns).toHaveLength(13);
    expect(checkIns.map((e) => e.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    const dates = checkIns.map((e) => e.date);
    expect([...dates].sort()).toEqual(dates);
  });

  it('puts Check in 6 on Friday 27 February 2026 and the aspiration survey on 6 February 2026', () => {
    expect(byKey('check-in-6')).toMatchObject({ title: 'Check in 6', date: '2026-02-27', directedHours: 0.25 });
    expect(weekdayOf('2026-02-27')).toBe('Friday');
    const survey = cycle.events.filter((e) => e.kind === 'aspiration-survey');
    expect(survey).toEqual([expect.objectContaining({ date: '2026-02-06', directedHours: 1 })]);
  });

  it('carries every dated row of Appendix 3 with its kind and directed hours, all on Fridays, and the end-of-year reflections (§10) as an event of their own', () => {
    // §10's June–August reflection sessions are not an Appendix 3 row; the reviews open on them (issue 12).
    expect(byKey('end-of-year-reflection')).toMatchObject({ kind: 'review', date: '2026-06-05', window: { opens: '2026-06-05T08:00', closes: '2026-07-17T23:59' }, directedHours: 1 });
    const appendix3 = cycle.events.filter((e) => e.key !== 'end-of-year-reflection');
    expect(appendix3).toHaveLength(18);
    expect(cycle.events.every((e) => weekdayOf(e.date) === 'Friday')).toBe(true);
    expect(appendix3.filter((e) => e.kind !== 'check-in').map((e) => [e.date, e.kind, e.directedHours])).toEqual([
      ['2025-09-19', 'review', 1],
      ['2025-10-03', 'optional-check-in', 0.25],
      ['2025-10-31', 'rock-setting', 1],
      ['2026-02-06', 'aspiration-survey', 1],
      ['2026-03-27', 'career-conversation', 1],
    ]);
    expect(appendix3.reduce((sum, e) => sum + e.directedHours, 0)).toBeCloseTo(9);
  });

  it('marks the rock agreement that Check in 4 and Check in 8 also carry', () => {
    expect(byKey('check-in-4')).toMatchObject({ date: '2026-01-09', directedHours: 1, alsoMarks: ['Staff agree key rocks/success criteria for Terms 3 & 4'] });
    expect(byKey('check-in-8')).toMatchObject({ date: '2026-04-24', directedHours: 1, alsoMarks: ['Staff agree key rocks/success criteria for Terms 5&6'] });
    expect(byKey('check-in-5').alsoMarks).toEqual([]);
  });

  it('opens each check-in at 08:00 on its Friday and closes it at 23:59 the following Thursday', () => {
    for (const e of cycle.events.filter((x) => x.kind === 'check-in')) {
      const opens = DateTime.fromISO(e.window.opens, { zone: LONDON });
      const closes = DateTime.fromISO(e.window.closes, { zone: LONDON });
      expect([e.window.opens.slice(0, 10), opens.weekdayLong, opens.toFormat('HH:mm')]).toEqual([e.date, 'Friday', '08:00']);
      expect([closes.weekdayLong, closes.toFormat('HH:mm'), closes.diff(opens.startOf('day'), 'days').days | 0]).toEqual(['Thursday', '23:59', 6]);
    }
    expect(getPolicyPack('tsfe-2025-26').notes.join(' ')).toMatch(/following Thursday/);
  });

  it('sets three rocks of up to 7 success criteria in the Sep–Dec, Jan–Mar and Apr–Aug windows', () => {
    expect(policy.vocabulary.rock).toBe('rock');
    expect(policy.rocks.slots.map((s) => s.theme)).toEqual(['Rock 1', 'Rock 2', 'Rock 3']);
    expect(policy.rocks.maxSuccessCriteria).toBe(7);
    expect(policy.rocks.windows.map((w) => [w.startsOn, w.endsOn, w.setBy])).toEqual([
      ['2025-09-01', '2025-12-31', '2025-10-31'],
      ['2026-01-01', '2026-03-31', '2026-01-10'],
      ['2026-04-01', '2026-08-31', '2026-04-24'],
    ]);
  });

  it('aligns rocks to what ISM calls Important, reviews by line manager, excludes NQT/ECT, short contracts and paused staff, keeps records 6 years', () => {
    expect(policy.alignment.options.map((o) => o.label)).toEqual(['TSfE Strategic Plan', 'TSfE values', 'Directorate KPIs', 'People Strategy']);
    expect(policy.reviewers.reviewedBy).toBe('line-manager');
    expect(policy.exclusions).toEqual({ roleCategories: ['NQT', 'ECT'], minContractMonths: 3, excludePaused: true });
    expect(policy.retention.years).toBe(6);
    expect(policy.timezone).toBe(LONDON);
  });
});

describe('TSAT 2023-24 pack (seed 001)', () => {
  const { policy, cycle } = getPolicyPack('tsat-2023-24');
  const checkIns = cycle.events.filter((e) => e.kind === 'check-in');

  it('has 15 check-ins, Check in 1 opening Monday 30 October 2023 and closing Friday 3 November 2023', () => {
    expect(checkIns).toHaveLength(15);
    const first = checkIns.find((e) => e.number === 1);
    expect(first?.window).toEqual({ opens: '2023-10-30T08:00', closes: '2023-11-03T23:59' });
    const { opensAt, closesAt } = windowInstants(first!, policy.timezone);
    expect(DateTime.fromJSDate(opensAt, { zone: LONDON }).toFormat('cccc d LLLL yyyy HH:mm')).toBe('Monday 30 October 2023 08:00');
    expect(DateTime.fromJSDate(closesAt, { zone: LONDON }).toFormat('cccc d LLLL yyyy HH:mm:ss.SSS')).toBe('Friday 3 November 2023 23:59:59.999');
  });

  it('opens every check-in on a Monday and closes it on the Friday of the same week', () => {
    for (const e of checkIns) {
      const opens = DateTime.fromISO(e.window.opens, { zone: LONDON });
      const closes = DateTime.fromISO(e.window.closes, { zone: LONDON });
      expect([opens.weekdayLong, closes.weekdayLong, closes.diff(opens, 'days').days]).toEqual(['Monday', 'Friday', 4 + (15 * 60 + 59) / (24 * 60)]);
    }
    expect(checkIns.at(-1)?.window.closes).toBe('2024-07-05T23:59');
  });

  it('has an objective setting window from 1 September to 31 October 2023', () => {
    const setting = cycle.events.filter((e) => e.kind === 'rock-setting');
    expect(setting).toEqual([expect.objectContaining({ window: { opens: '2023-09-01T08:00', closes: '2023-10-31T23:59' } })]);
    expect(policy.rocks.windows).toEqual([expect.objectContaining({ startsOn: '2023-09-01', endsOn: '2024-08-31', setBy: '2023-10-31' })]);
  });

  it('speaks of objectives themed Impact on Trust, Others and Self, aligned to the 6 pillars 1a–6e', () => {
    expect(policy.vocabulary).toMatchObject({ rock: 'objective', rocks: 'objectives' });
    expect(policy.rocks.slots.map((s) => s.theme)).toEqual(['Impact on Trust', 'Impact on Others', 'Impact on Self']);
    const codes = policy.alignment.options.map((o) => o.code);
    expect(codes).toHaveLength(37);
    expect(codes[0]).toBe('1a');
    expect(codes.at(-1)).toBe('6e');
    expect(new Set(policy.alignment.options.map((o) => o.group)).size).toBe(6);
    expect(policy.alignment.options.find((o) => o.code === '4h')).toEqual({
      code: '4h',
      label: 'To launch a new HR & payroll to reflect the size of Trust we are.',
      group: 'Pillar 4: Building with confidence',
    });
    expect(policy.alignment.options.find((o) => o.code === '2c')?.group).toBe('Pillar 2: Evolution of self');
  });

  it('carries the objectives checklist for each theme and excludes ECTs', () => {
    expect(policy.rocks.checklist).toHaveLength(9);
    expect(policy.rocks.checklist).toContain('Impact on Trust: demonstrates a clear link to the Trust Priorities as guided by your Headteacher.');
    expect(policy.exclusions.roleCategories).toEqual(['ECT']);
  });
});

describe('pack validation', () => {
  const problemOf = (input: unknown): string => {
    try {
      parsePolicyPack(input, 'broken.json');
    } catch (err) {
      expect(err).toBeInstanceOf(PolicyPackError);
      return (err as Error).message;
    }
    throw new Error('the pack was accepted');
  };
  const indexOf = (input: ReturnType<typeof tsfeInput>, key: string) => input.cycle.events.findIndex((e) => e.key === key);

  it('accepts the shipped JSON unchanged', () => {
    expect(parsePolicyPack(tsfeInput()).cycle.events).toHaveLength(19);
  });

  it('names the event and field of a badly written date', () => {
    const input = tsfeInput();
    const i = indexOf(input, 'check-in-6');
    input.cycle.events[i]!.date = '27/02/2026';
    expect(problemOf(input)).toMatch(new RegExp(`broken\\.json is not valid:\\n.*cycle\\.events\\[${i}\\] \\(check-in-6\\)\\.date: use a date like 2026-02-27`));
  });

  it('names an unknown event kind', () => {
    const input = tsfeInput();
    input.cycle.events[0]!.kind = 'meeting';
    expect(problemOf(input)).toMatch(/cycle\.events\[0\] \(review-of-last-year\)\.kind: /);
  });

  it('rejects a window that closes before it opens', () => {
    const input = tsfeInput();
    const i = indexOf(input, 'check-in-1');
    input.cycle.events[i]!.window = { opens: '2025-11-14T08:00', closes: '2025-11-13T23:59' };
    expect(problemOf(input)).toMatch(/\(check-in-1\)\.window\.closes: the window must open before it closes/);
  });

  it('rejects a repeated or missing check-in number, and an event outside its own window', () => {
    const input = tsfeInput();
    input.cycle.events[indexOf(input, 'check-in-7')]!.number = 6;
    delete input.cycle.events[indexOf(input, 'check-in-8')]!.number;
    input.cycle.events[indexOf(input, 'check-in-9')]!.date = '2026-05-22';
    const message = problemOf(input);
    expect(message).toMatch(/\(check-in-7\)\.number: check-in number 6 is used twice/);
    expect(message).toMatch(/\(check-in-8\)\.number: a check-in needs its number/);
    expect(message).toMatch(/\(check-in-9\)\.date: 2026-05-22 is outside its own window/);
  });

  it('rejects a window time that does not exist because the clocks go forward', () => {
    const input = tsfeInput();
    const i = indexOf(input, 'career-conversation');
    input.cycle.events[i]!.window = { opens: '2026-03-27T08:00', closes: '2026-03-29T01:30' };
    expect(problemOf(input)).toMatch(/\(career-conversation\)\.window\.closes: 2026-03-29T01:30 does not exist in Europe\/London/);
  });

  it('rejects an unknown time zone and an unknown top-level field', () => {
    const input = tsfeInput();
    input.policy.timezone = 'Europe/Londres';
    input.extra = true;
    const message = problemOf(input);
    expect(message).toMatch(/policy\.timezone: "Europe\/Londres" is not an IANA time zone/);
    expect(message).toMatch(/extra/);
  });
});

describe('packInForce', () => {
  it("gives a trust installing today this year's pack of the default policy's series", () => {
    expect(packInForce('tsfe-2025-26', new Date('2026-12-01T09:00:00Z')).policy.id).toBe('tsfe-2026-27');
    expect(packInForce('tsfe-2025-26', new Date('2026-03-01T09:00:00Z')).policy.id).toBe('tsfe-2025-26');
    expect(packInForce('stour-2025-26', new Date('2026-12-01T09:00:00Z')).policy.id).toBe('stour-2026-27');
  });

  it('keeps the named pack when no pack of its series covers the date (its admins are told to start the next cycle)', () => {
    expect(packInForce('tsfe-2025-26', new Date('2031-01-10T09:00:00Z')).policy.id).toBe('tsfe-2025-26');
    expect(packInForce('tsat-2023-24', new Date('2026-12-01T09:00:00Z')).policy.id).toBe('tsat-2023-24');
  });
});
