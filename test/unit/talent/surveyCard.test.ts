// The aspiration survey card is valid Adaptive Card 1.5 (Teams drops bad cards silently), keeps
// what was typed after a refused save, and shows the saved answers once the survey has closed; the
// survey event is found by the policy's key, or by kind for a cycle built from a pasted table.
import { buildSurveyCard, type SurveyCardInput } from '../../../bot/cards';
import { surveyEventOf, validateAnswers } from '../../../bot/usecases/aspirationSurvey';
import { getPolicyPack } from '../../../shared/policy';
import type { Organisation, ScheduleEvent } from '../../../shared/domain';
import { validateCard } from '../cards/validateCard';

const pack = getPolicyPack('tsfe-2025-26');
const rules = pack.policy.aspirationSurvey!;
const input = (extra: Partial<SurveyCardInput> = {}): SurveyCardInput => ({
  eventId: 'ev-1',
  title: 'Aspiration Survey',
  closesOn: 'Thursday 12 February',
  open: true,
  questions: rules.questions,
  answers: { promotion: 'within-12-months', 'development-areas': ['leadership', 'coaching'] },
  textMax: 2000,
  whoReads: 'Your reviewer reads your answers before your career conversation.',
  tabUrl: 'https://example.com/tab/',
  ...extra,
});
const text = (x: unknown) => JSON.stringify(x);

describe('the aspiration survey card', () => {
  it('is a valid card with choice sets, a multi-select and text boxes, pre-filled with saved answers', () => {
    const card = buildSurveyCard(input({ saved: true }));
    expect(validateCard(card)).toEqual([]);
    expect(text(card)).toContain('Saved — you can change your answers until Thursday 12 February.');
    expect(text(card)).toContain('"id":"q_promotion"');
    expect(text(card)).toContain('"value":"leadership,coaching"');
    expect(text(card)).toContain('"isMultiSelect":true');
  });

  it('keeps what was typed after a refused save', () => {
    const card = buildSurveyCard(input({ error: 'Please check: …', draft: { 'q_anything-else': 'Typed before the error', q_promotion: 'not-now' } }));
    expect(validateCard(card)).toEqual([]);
    expect(text(card)).toContain('Typed before the error');
    expect(text(card)).toContain('"value":"not-now"');
  });

  it('shows the saved answers, without inputs, once closed', () => {
    const card = buildSurveyCard(input({ open: false }));
    expect(validateCard(card)).toEqual([]);
    expect(text(card)).not.toContain('Input.');
    expect(text(card)).toContain('Yes, within 12 months');
    expect(text(card)).toContain('Leadership and management; Coaching and mentoring');
  });
});

describe('the survey event and answers', () => {
  const organisation = { id: 'org', policy: pack.policy } as unknown as Organisation;
  const event = (key: string, kind: string, opens: string) =>
    ({ id: key, key, kind, status: 'scheduled', title: key, date: opens.slice(0, 10), window: { opens, closes: opens.replace('08:00', '23:59') } }) as unknown as ScheduleEvent;

  it("matches the policy's event key, else the first scheduled event of kind aspiration-survey", () => {
    expect(surveyEventOf(organisation, [event('check-in-1', 'check-in', '2026-01-05T08:00'), event('aspiration-survey', 'aspiration-survey', '2026-02-06T08:00')])?.key).toBe('aspiration-survey');
    const pasted = [event('aspiration-survey-2026-03-01', 'aspiration-survey', '2026-03-01T08:00'), event('aspiration-survey-2026-02-06', 'aspiration-survey', '2026-02-06T08:00')];
    expect(surveyEventOf(organisation, pasted)?.key).toBe('aspiration-survey-2026-02-06');
  });

  it('drops blank answers and names unknown questions and options', () => {
    expect(validateAnswers(rules, { promotion: '', 'development-areas': [], wellbeing: 'good' })).toEqual({ wellbeing: 'good' });
    expect(() => validateAnswers(rules, { pets: 'cat' })).toThrow(/"pets" is not a question/);
    expect(() => validateAnswers(rules, { wellbeing: 'ecstatic' })).toThrow(/"ecstatic" is not one of the options/);
  });
});
