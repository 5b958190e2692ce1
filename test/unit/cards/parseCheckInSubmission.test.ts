import { CHECK_IN_LIMITS } from '../../../shared/domain';
import { AT_LEAST_ONE_ANSWER, parseCheckInSubmission, type ParseCheckInResult } from '../../../bot/cards/parseCheckInSubmission';
import { buildRock } from './fixtures';

const eventId = 'event-check-in-6';
const rocks = [buildRock(), buildRock({ id: 'rock-2', title: 'Coach two ECTs' })];

function rejected(result: ParseCheckInResult) {
  if (result.ok) throw new Error(`expected rejection, got ${JSON.stringify(result.value)}`);
  return result;
}

function accepted(result: ParseCheckInResult) {
  if (!result.ok) throw new Error(`expected acceptance, got ${JSON.stringify(result.errors)}`);
  return result.value;
}

describe('parseCheckInSubmission', () => {
  it('rejects an empty submission with a clear message', () => {
    const result = rejected(parseCheckInSubmission({ eventId, www: '', ebi: '   ', whatsNext: '', score: '', praiseIds: '', praiseMessage: '', 'rock:rock-1': '' }));
    expect(result.errors).toEqual([{ field: 'form', message: AT_LEAST_ONE_ANSWER }]);
    expect(AT_LEAST_ONE_ANSWER).toMatch(/at least one answer/);
  });

  it.each([
    ['What went well', { www: 'Y9 loved the quiz' }],
    ['Even better if', { ebi: 'start on time' }],
    ["What's next", { whatsNext: 'book look' }],
    ['rock progress', { 'rock:rock-2': 'observed, planned, shared' }],
    ['a score', { score: '6' }],
  ])('accepts one answer on its own: %s', (_name, answer) => {
    expect(parseCheckInSubmission({ eventId, ...answer }, { rocks }).ok).toBe(true);
  });

  it('turns the flat inputs into answers, praise and the event', () => {
    const value = accepted(
      parseCheckInSubmission(
        {
          eventId,
          checkInId: 'checkin-1',
          www: '  Y9 loved the quiz  ',
          ebi: '',
          'rock:rock-1': 'sheet, routine, responses',
          'rock:rock-2': '',
          score: '7',
          praiseIds: 'person-ben, person-dee,person-ben',
          praiseMessage: 'Thanks for the cover',
          msteams: { ignored: true },
        },
        { rocks },
      ),
    );
    expect(value).toEqual({
      eventId,
      checkInId: 'checkin-1',
      answers: {
        www: 'Y9 loved the quiz',
        ebi: '',
        whatsNext: '',
        rockProgress: [{ rockId: 'rock-1', rockTitle: 'Improve written feedback in Year 9 maths', progress: 'sheet, routine, responses' }],
        score: 7,
      },
      praiseIds: ['person-ben', 'person-dee'],
      praiseMessage: 'Thanks for the cover',
    });
  });

  it.each(['0', '11', '7.5', 'ten', '-3'])('rejects score %s naming the field', (score) => {
    const result = rejected(parseCheckInSubmission({ eventId, www: 'fine', score }));
    expect(result.errors).toEqual([{ field: 'score', message: 'choose a whole number from 1 to 10' }]);
    expect(result.values.score).toBe(score);
  });

  it('rejects overlong text naming its limit, and gives back exactly what was typed', () => {
    const www = 'a'.repeat(CHECK_IN_LIMITS.www + 1);
    const praiseMessage = 'b'.repeat(CHECK_IN_LIMITS.praiseMessage + 5);
    const progress = 'c'.repeat(CHECK_IN_LIMITS.rockProgress + 2);
    const result = rejected(parseCheckInSubmission({ eventId, www, 'rock:rock-1': progress, praiseIds: 'person-ben', praiseMessage }, { rocks }));
    expect(result.errors).toEqual(
      expect.arrayContaining([
        { field: 'www', message: `keep it under ${CHECK_IN_LIMITS.www} characters (this one is ${www.length})` },
        { field: 'rock:rock-1', message: `keep it under ${CHECK_IN_LIMITS.rockProgress} characters (this one is ${progress.length})` },
        { field: 'praiseMessage', message: `keep it under ${CHECK_IN_LIMITS.praiseMessage} characters (this one is ${praiseMessage.length})` },
      ]),
    );
    expect(result.values).toEqual({ www, rockProgress: { 'rock-1': progress }, praiseIds: ['person-ben'], praiseMessage });
  });

  it('rejects a NUL character, which the database cannot store', () => {
    const result = rejected(parseCheckInSubmission({ eventId, ebi: 'before\u0000after' }));
    expect(result.errors).toEqual([{ field: 'ebi', message: 'contains a character that cannot be stored (NUL)' }]);
    expect(result.values.ebi).toBe('before\u0000after');
  });

  it('rejects a NUL character in a praise id', () => {
    const result = rejected(parseCheckInSubmission({ eventId, www: 'ok', praiseIds: 'person\u0000ben', praiseMessage: 'thanks' }));
    expect(result.errors.map((e) => e.field)).toEqual(['praiseIds']);
  });

  it('needs words of thanks for chosen colleagues, but takes words of thanks with nobody chosen (asked about later)', () => {
    expect(rejected(parseCheckInSubmission({ eventId, www: 'ok', praiseIds: 'person-ben' })).errors).toEqual([
      { field: 'praiseMessage', message: 'add a few words of thanks for the people you chose' },
    ]);
    const accepted = parseCheckInSubmission({ eventId, www: 'ok', praiseMessage: 'Thanks all' });
    expect(accepted).toMatchObject({ ok: true, value: { praiseIds: [], praiseMessage: 'Thanks all' } });
  });

  it('caps how many colleagues one check-in praises', () => {
    const praiseIds = Array.from({ length: 21 }, (_, i) => `person-${i}`).join(',');
    expect(rejected(parseCheckInSubmission({ eventId, www: 'ok', praiseIds, praiseMessage: 'thanks' })).errors).toEqual([
      { field: 'praiseIds', message: 'praise up to 20 colleagues at a time (21 chosen)' },
    ]);
  });

  it('reports every problem at once', () => {
    const result = rejected(parseCheckInSubmission({ eventId, www: 'a'.repeat(2000), score: '12', praiseMessage: 'hi' }));
    expect(result.errors.map((e) => e.field).sort()).toEqual(['score', 'www']);
  });

  it('rejects data without an event, pointing to a fresh card', () => {
    const result = rejected(parseCheckInSubmission({ www: 'ok' }));
    expect(result.errors).toEqual([{ field: 'form', message: expect.stringContaining('Send "check in"') }]);
    expect(result.values).toEqual({ www: 'ok' });
  });

  it('treats data that is not an object as an empty submission', () => {
    expect(rejected(parseCheckInSubmission(undefined)).errors.map((e) => e.field)).toEqual(['form', 'form']);
    expect(rejected(parseCheckInSubmission('www=hi')).values).toEqual({});
  });
});
