// The 360 feedback cards (seed 000 §8) are valid Adaptive Cards and say who asks, about what, and
// what happens next; the ask card's picker is the staff-directory typeahead.
import { buildAskFeedbackCard, buildAskedFeedbackCard, buildFeedbackNoticeCard, FEEDBACK_ANSWER_MAX } from '../../../bot/cards/feedbackRequestCards';
import { PEOPLE_DATASET, REVIEW_VERBS } from '../../../shared/verbs';
import { cardText, findAll, validateCard } from './validateCard';

const rock = { title: 'Year 9 reading fluency', successCriteria: [{ text: 'Reading ages up by a year', done: false }] };
const base = { requestId: 'fr-1', askerName: 'Alex Wilber', rockWord: 'rock', rock, question: 'How did my guided reading look?', declined: false, answerable: true };
const verbs = (card: unknown) => findAll(card, (o) => o.type === 'Action.Execute').map((a) => `${String(a.title)}:${String(a.verb)}`);

describe('360 feedback cards', () => {
  it('asks the colleague with the rock, its success criteria and the question; Answer and Decline', () => {
    const card = buildAskedFeedbackCard(base);
    expect(validateCard(card)).toEqual([]);
    expect(cardText(card)).toContain('Alex Wilber asks for your feedback');
    expect(cardText(card)).toContain('Reading ages up by a year');
    expect(findAll(card, (o) => o.type === 'Input.Text')[0]).toMatchObject({ id: 'answer', maxLength: FEEDBACK_ANSWER_MAX });
    expect(verbs(card)).toEqual([`Answer:${REVIEW_VERBS.answerFeedback}`, `Decline:${REVIEW_VERBS.declineFeedback}`]);
  });

  it('after answering shows what was sent and to whom, with Edit; keeps a refused draft', () => {
    const sent = buildAskedFeedbackCard({ ...base, answer: 'Clear modelling.' });
    expect(validateCard(sent)).toEqual([]);
    expect(cardText(sent)).toContain('Sent to Alex Wilber');
    expect(verbs(sent)).toEqual([`Edit:${REVIEW_VERBS.answerFeedback}`]);
    const refused = buildAskedFeedbackCard({ ...base, draft: 'x'.repeat(10), error: 'Please check: Your feedback — too long.' });
    expect(findAll(refused, (o) => o.type === 'Input.Text')[0]).toMatchObject({ value: 'x'.repeat(10) });
    expect(cardText(refused)).toContain('too long');
    const closed = buildAskedFeedbackCard({ ...base, answer: 'Clear modelling.', answerable: false });
    expect(verbs(closed)).toEqual([]);
  });

  it("tells the asker of an answer, or kindly that the colleague can't this time", () => {
    const answered = buildFeedbackNoticeCard({ giverName: 'Sam Colleague', about: 'your rock "Year 9 reading fluency"', answer: 'Clear modelling.', declined: false });
    expect(validateCard(answered)).toEqual([]);
    expect(cardText(answered)).toContain('Sam Colleague answered your feedback request on your rock "Year 9 reading fluency"');
    const declined = buildFeedbackNoticeCard({ giverName: 'Sam Colleague', about: 'your year', declined: true });
    expect(cardText(declined)).toContain("Sam Colleague can't give feedback on your year this time");
  });

  it('asks from the chat with the people picker, the rocks and the question', () => {
    const card = buildAskFeedbackCard({ rockWord: 'rock', rocks: [{ id: 'r1', title: 'Year 9 reading fluency' }], draft: { askedPersonIds: ['p1'], rockId: 'r1', question: 'Keep?' }, names: { p1: 'Sam Colleague' } });
    expect(validateCard(card)).toEqual([]);
    const [picker, rocks] = findAll(card, (o) => o.type === 'Input.ChoiceSet');
    expect(picker).toMatchObject({ id: 'askedPersonIds', isMultiSelect: true, 'choices.data': { type: 'Data.Query', dataset: PEOPLE_DATASET }, value: 'p1', choices: [{ title: 'Sam Colleague', value: 'p1' }] });
    expect(rocks).toMatchObject({ id: 'rockId', value: 'r1' });
    expect(verbs(card)).toEqual([`Ask:${REVIEW_VERBS.askFeedback}`]);
  });
});
