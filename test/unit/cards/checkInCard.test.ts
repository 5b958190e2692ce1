import { CHECK_IN_LIMITS } from '../../../shared/domain';
import { PEOPLE_DATASET, VERBS } from '../../../shared/verbs';
import { buildCheckInCard, type CheckInCardInput } from '../../../bot/cards/checkInCard';
import { parseCheckInSubmission } from '../../../bot/cards/parseCheckInSubmission';
import { buildCheckIn, buildEvent, buildPerson, buildRock, vocabulary } from './fixtures';
import { cardText, executeActions, findAll, findById, validateCard } from './validateCard';

const rocks = [
  buildRock(),
  buildRock({ id: 'rock-2', slotId: 'others', title: 'Coach two ECTs on behaviour routines', status: 'agreed' }),
  buildRock({ id: 'rock-3', slotId: 'self', title: 'Finish NPQ module 2', status: 'proposed' }),
  // Amended by the reviewer but not yet accepted by the reviewee: not agreed, so no progress field.
  buildRock({ id: 'rock-4', slotId: 'self', title: 'Lead the Year 8 trip', status: 'amended' }),
];

function input(overrides: Partial<CheckInCardInput> = {}): CheckInCardInput {
  return {
    event: buildEvent(),
    eventTitle: 'Check in 6 · Fri 27 Feb',
    person: buildPerson(),
    rocks,
    windowOpen: true,
    vocabulary,
    reviewerName: 'Carol Jones',
    ...overrides,
  };
}

describe('buildCheckInCard', () => {
  it('is a valid Adaptive Card 1.5', () => {
    const card = buildCheckInCard(input());
    expect(card.version).toBe('1.5');
    expect(validateCard(card)).toEqual([]);
    expect(card).toMatchSnapshot();
  });

  it('titles the card with the event and keeps the intro short and friendly', () => {
    const text = cardText(buildCheckInCard(input()));
    expect(text).toContain('Check in 6 · Fri 27 Feb');
    expect(text).toMatch(/one answer is enough/);
    expect(text).toMatch(/three key words is fine/i);
  });

  it('asks the seed 001 questions as labelled, bounded, multiline inputs, none of them required', () => {
    const card = buildCheckInCard(input());
    expect(findById(card, 'www')).toMatchObject({ type: 'Input.Text', label: 'What went well', maxLength: CHECK_IN_LIMITS.www, isMultiline: true });
    expect(findById(card, 'ebi')).toMatchObject({ type: 'Input.Text', label: 'Even better if', maxLength: CHECK_IN_LIMITS.ebi, isMultiline: true });
    expect(findById(card, 'whatsNext')).toMatchObject({ type: 'Input.Text', label: "What's next", maxLength: CHECK_IN_LIMITS.whatsNext });
    expect(findById(card, 'praiseMessage')).toMatchObject({ type: 'Input.Text', maxLength: CHECK_IN_LIMITS.praiseMessage });
    expect(String(findById(card, 'www')?.placeholder)).toMatch(/three key words/i);
    expect(findAll(card, (o) => 'isRequired' in o)).toEqual([]);
  });

  it('has a progress field for each agreed rock (not one amended and waiting for acceptance), labelled with its title', () => {
    const card = buildCheckInCard(input());
    expect(findById(card, 'rock:rock-1')).toMatchObject({ label: 'Rock 1: Improve written feedback in Year 9 maths', maxLength: CHECK_IN_LIMITS.rockProgress });
    expect(findById(card, 'rock:rock-2')).toMatchObject({ label: 'Rock 2: Coach two ECTs on behaviour routines' });
    expect(findById(card, 'rock:rock-3')).toBeUndefined();
    expect(findById(card, 'rock:rock-4')).toBeUndefined();
  });

  it('uses the policy vocabulary', () => {
    const card = buildCheckInCard(input({ vocabulary: { rock: 'objective', rocks: 'objectives', checkIn: 'check-in', reviewer: 'line manager' } }));
    expect(findById(card, 'rock:rock-1')?.label).toBe('Objective 1: Improve written feedback in Year 9 maths');
    expect(cardText(card)).toContain('your line manager (Carol Jones)');
  });

  it('offers a 1-10 score as a compact choice list', () => {
    const score = findById(buildCheckInCard(input()), 'score');
    expect(score).toMatchObject({ type: 'Input.ChoiceSet', style: 'compact' });
    expect((score?.choices as { value: string }[]).map((c) => c.value)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
  });

  it('praises through a multi-select people picker over the staff directory', () => {
    const picker = findById(buildCheckInCard(input()), 'praiseIds');
    expect(picker).toMatchObject({ type: 'Input.ChoiceSet', isMultiSelect: true, 'choices.data': { type: 'Data.Query', dataset: PEOPLE_DATASET } });
  });

  it('submits with Action.Execute and the shared verb, carrying the event id', () => {
    const actions = executeActions(buildCheckInCard(input()));
    expect(actions).toEqual([expect.objectContaining({ verb: VERBS.submitCheckIn, data: { eventId: 'event-check-in-6' } })]);
  });

  describe('after an invalid submission', () => {
    const typed = {
      eventId: 'event-check-in-6',
      www: 'x'.repeat(CHECK_IN_LIMITS.www + 20),
      ebi: 'Start the lesson with the retrieval quiz',
      whatsNext: 'Book look on Thursday',
      'rock:rock-1': 'sheet, routine, responses',
      'rock:rock-2': 'observed one ECT',
      score: '11',
      praiseIds: 'person-ben,person-dee',
      praiseMessage: 'Thanks for the cover',
    };
    const parsed = parseCheckInSubmission(typed, { rocks });
    if (parsed.ok) throw new Error('expected the submission to be turned back');
    const card = buildCheckInCard(input({ values: parsed.values, errors: parsed.errors, praiseNames: { 'person-ben': 'Ben Osei', 'person-dee': 'Dee Patel' } }));

    it('is still a valid card', () => {
      expect(validateCard(card)).toEqual([]);
      expect(card).toMatchSnapshot();
    });

    it('keeps everything the person typed, overlong text included', () => {
      expect(findById(card, 'www')?.value).toBe(typed.www);
      expect(Number(findById(card, 'www')?.maxLength)).toBeGreaterThanOrEqual(typed.www.length);
      expect(findById(card, 'ebi')?.value).toBe(typed.ebi);
      expect(findById(card, 'whatsNext')?.value).toBe(typed.whatsNext);
      expect(findById(card, 'rock:rock-1')?.value).toBe(typed['rock:rock-1']);
      expect(findById(card, 'rock:rock-2')?.value).toBe(typed['rock:rock-2']);
      expect(findById(card, 'praiseMessage')?.value).toBe(typed.praiseMessage);
      expect(findById(card, 'praiseIds')).toMatchObject({
        value: 'person-ben,person-dee',
        choices: [
          { title: 'Ben Osei', value: 'person-ben' },
          { title: 'Dee Patel', value: 'person-dee' },
        ],
      });
    });

    it('states each problem at the top and next to its field, in the attention colour', () => {
      const errors = findAll(card, (o) => o.type === 'TextBlock' && o.color === 'attention').map((t) => String(t.text));
      expect(errors[0]).toMatch(/Nothing has been sent yet/);
      expect(errors).toContain('• What went well: keep it under 1000 characters (this one is 1020)');
      expect(errors).toContain('• Score out of 10: choose a whole number from 1 to 10');
      expect(errors).toContain('keep it under 1000 characters (this one is 1020)');
      expect(errors).toContain('choose a whole number from 1 to 10');

      const body = card.body.map((e) => ('id' in e ? e.id : e.type === 'TextBlock' ? e.text : e.type));
      const www = body.indexOf('www');
      expect(body[www + 1]).toBe('keep it under 1000 characters (this one is 1020)');
    });
  });

  it('shows a turned-back empty submission with the "at least one answer" message', () => {
    const parsed = parseCheckInSubmission({ eventId: 'event-check-in-6', www: '', ebi: '  ' });
    if (parsed.ok) throw new Error('expected rejection');
    const card = buildCheckInCard(input({ values: parsed.values, errors: parsed.errors }));
    expect(validateCard(card)).toEqual([]);
    expect(cardText(card)).toMatch(/Write at least one answer/);
  });

  it('pre-fills an edit from the check-in already sent and saves it under its id', () => {
    const existing = buildCheckIn();
    const card = buildCheckInCard(input({ existing, praiseNames: { 'person-ben': 'Ben Osei' } }));
    expect(validateCard(card)).toEqual([]);
    expect(findById(card, 'www')?.value).toBe(existing.answers.www);
    expect(findById(card, 'ebi')?.value).toBeUndefined();
    expect(findById(card, 'rock:rock-1')?.value).toBe('sheet, routine, responses');
    expect(findById(card, 'score')?.value).toBe('7');
    expect(findById(card, 'praiseIds')).toMatchObject({ value: 'person-ben', choices: [{ title: 'Ben Osei', value: 'person-ben' }] });
    expect(executeActions(card)).toEqual([expect.objectContaining({ title: 'Save changes', verb: VERBS.submitCheckIn, data: { eventId: 'event-check-in-6', checkInId: 'checkin-1' } })]);
  });

  it('keeps progress written against a rock that is no longer agreed', () => {
    const existing = buildCheckIn();
    const card = buildCheckInCard(input({ existing, rocks: [buildRock({ status: 'completed' })] }));
    expect(findById(card, 'rock:rock-1')).toMatchObject({ value: 'sheet, routine, responses', label: 'Rock 1: Improve written feedback in Year 9 maths' });
  });

  it('says so when there are no agreed rocks yet', () => {
    const card = buildCheckInCard(input({ rocks: [buildRock({ status: 'proposed' })] }));
    expect(findAll(card, (o) => typeof o.id === 'string' && o.id.startsWith('rock:'))).toEqual([]);
    expect(cardText(card)).toContain('no agreed rocks yet');
  });

  it('has no inputs and no submit once the window has closed', () => {
    const card = buildCheckInCard(input({ windowOpen: false }));
    expect(validateCard(card)).toEqual([]);
    expect(findAll(card, (o) => typeof o.type === 'string' && o.type.startsWith('Input.'))).toEqual([]);
    expect(executeActions(card)).toEqual([]);
    expect(cardText(card)).toMatch(/has closed/);
  });
});
