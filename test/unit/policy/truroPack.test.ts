// The Truro and Penwith Academy Trust pack (seed 002, "Growing Great People"): coach-led, one
// light-touch check-in per half term of 2026-27, the four stages as events, feedback terms.
import { DateTime } from 'luxon';
import { getPolicyPack, parsePolicyPack, reviewerOf, windowInstants } from '../../../shared/policy';
import truroJson from '../../../shared/policy/packs/truro-penwith-2026-27.json';
import { parseSuccessLines, standardFor } from '../../../bot/usecases/growth';
import { buildGrowthCard, type GrowthCardInput } from '../../../bot/cards';
import { validateCard } from '../cards/validateCard';

const { policy, cycle } = getPolicyPack('truro-penwith-2026-27');
const tz = policy.timezone;

describe('Truro and Penwith 2026-27 pack (seed 002)', () => {
  it('is coach-led in the trust’s words', () => {
    expect(policy.reviewers.reviewedBy).toBe('coach');
    expect(policy.vocabulary).toEqual({ rock: 'commitment', rocks: 'commitments', checkIn: 'check-in', reviewer: 'coach' });
    expect(policy.checkIns.rhythm).toBe('once each half term');
    expect(policy.retention.years).toBe(6);
    // seed 002 §6.1: the coach may not be the line manager, and it is the coach who reviews
    expect(reviewerOf({ id: 'p', reviewerId: 'line-manager', coachId: 'coach' }, policy)).toBe('coach');
    expect(reviewerOf({ id: 'p', reviewerId: 'line-manager' }, policy)).toBeUndefined();
  });

  it('has one check-in per half term, each inside its half term, and one open on 1 December 2026', () => {
    const checkIns = cycle.events.filter((e) => e.kind === 'check-in');
    expect(checkIns.map((e) => e.number)).toEqual([1, 2, 3, 4, 5, 6]);
    const halfTerms = [
      ['2026-09-03', '2026-10-23'],
      ['2026-11-02', '2026-12-18'],
      ['2027-01-04', '2027-02-12'],
      ['2027-02-22', '2027-03-26'],
      ['2027-04-12', '2027-05-28'],
      ['2027-06-07', '2027-07-21'],
    ];
    checkIns.forEach((e, i) => {
      expect(e.window.opens.slice(0, 10) >= halfTerms[i]![0]!).toBe(true);
      expect(e.window.closes.slice(0, 10) <= halfTerms[i]![1]!).toBe(true);
      expect(DateTime.fromISO(e.window.opens.slice(0, 10)).weekdayLong).toBe('Monday');
    });
    const now = new Date('2026-12-01T10:00:00Z');
    const open = checkIns.filter((e) => {
      const w = windowInstants(e, tz);
      return w.opensAt <= now && now < w.closesAt;
    });
    expect(open.map((e) => e.key)).toEqual(['check-in-2']);
  });

  it('schedules the stages as events and checks feedback in each of the three terms', () => {
    const growth = policy.growth!;
    const keyOf = (key: string | undefined) => cycle.events.find((e) => e.key === key);
    expect(keyOf(growth.stages.selfReflection)).toMatchObject({ kind: 'review', date: '2026-10-23' });
    expect(keyOf(growth.stages.plan)).toMatchObject({ kind: 'rock-setting', date: '2026-10-23' });
    expect(keyOf(growth.stages.endReflection)).toMatchObject({ kind: 'review', date: '2027-07-21' });
    expect(growth.feedback.minPerTerm).toBe(1);
    expect(growth.feedback.terms.map((t) => t.key)).toEqual(['autumn-2026', 'spring-2027', 'summer-2027']);
    expect(growth.logPromptAfter).toBe('acknowledged');
  });

  it('reflects against the standard for the role category (seed 002 §5.1)', () => {
    const growth = policy.growth!;
    expect(standardFor(growth, { roleCategory: 'teacher' })).toBe("the Teachers' Standards");
    expect(standardFor(growth, { roleCategory: 'Headteacher' })).toBe("the Headteachers' Standards");
    expect(standardFor(growth, { roleCategory: 'teaching-assistant' })).toMatch(/teaching assistant standards/);
    expect(standardFor(growth, { roleCategory: 'central' })).toMatch(/job description/);
  });

  it('reads "what success will look like" lines with their timeframes', () => {
    expect(parseSuccessLines('Cold-call daily by 2027-02-12\n\n• Pupils explain — by 2027-05-28.\nMore wait time')).toEqual([
      { text: 'Cold-call daily', targetDate: '2027-02-12' },
      { text: 'Pupils explain', targetDate: '2027-05-28' },
      { text: 'More wait time' },
    ]);
  });

  it('refuses a stage that names no event of the cycle, naming the field', () => {
    const broken = JSON.parse(JSON.stringify(truroJson));
    broken.policy.growth.stages.plan = 'no-such-event';
    expect(() => parsePolicyPack(broken, 'truro')).toThrow(/policy\.growth\.stages\.plan: no event "no-such-event"/);
  });
});

describe('growth cards', () => {
  const base: GrowthCardInput = {
    card: 'growth-plan',
    vocabulary: policy.vocabulary,
    personName: 'Alex Wilber',
    coachName: 'Colin Coach',
    cycleLabel: 'TPAT 2026-27',
    standard: "the Teachers' Standards",
    selfReflection: null,
    plan: null,
    suggestedCheckInDates: ['2026-11-30', '2027-01-25'],
    commitments: [{ title: 'Questioning in Year 9 maths', status: 'agreed', successCriteria: [{ id: 'c1', text: 'Cold-call in every lesson', targetDate: '2027-02-12', done: false }] }],
    endReflection: null,
    logCount: 0,
    logEntry: null,
    newEntryId: 'entry-00000001',
    tabUrl: 'http://localhost:3978/tab/',
  };

  it.each(['self-reflection', 'growth-plan', 'growth-log', 'end-reflection'] as const)('builds a valid %s card', (card) => {
    expect(validateCard(buildGrowthCard({ ...base, card }))).toEqual([]);
  });

  it('shows the commitment with its timeframe and keeps typed text after an error', () => {
    const json = JSON.stringify(buildGrowthCard({ ...base, error: 'Please check: How I will learn — cannot be empty.', draft: { checkInDates: '2026-11-30, nonsense' } }));
    expect(json).toContain('Questioning in Year 9 maths');
    expect(json).toContain('Cold-call in every lesson — by 2027-02-12');
    expect(json).toContain('2026-11-30, nonsense');
    expect(json).toContain('How I will learn — cannot be empty');
  });
});
