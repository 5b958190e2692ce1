// The aspiration survey card (issue 13): the policy's questions as choice sets, multi-selects and
// text boxes, pre-filled with what the person saved; Save answers with the same card ("Saved — you
// can change your answers until …"), or with what to fix and everything typed kept.
import type { SurveyAnswer } from '../../shared/domain';
import { TALENT_VERBS } from '../../shared/verbs';
import type { AdaptiveCard, CardAction, CardElement } from './adaptiveCard';
import { adaptiveCard, heading, paragraph } from './adaptiveCard';

export interface SurveyCardQuestion {
  key: string;
  text: string;
  kind: 'choice' | 'multi-choice' | 'text';
  options: Array<{ key: string; label: string }>;
}

export interface SurveyCardInput {
  eventId: string;
  title: string;
  /** "Thursday 12 February". */
  closesOn: string;
  open: boolean;
  questions: SurveyCardQuestion[];
  answers: Record<string, SurveyAnswer>;
  textMax: number;
  /** Who besides the person reads their answers, as the policy says ("Your reviewer reads your answers before your career conversation."). */
  whoReads: string;
  tabUrl: string;
  reminder?: boolean;
  saved?: boolean;
  error?: string;
  /** The card's inputs as typed, shown again after a refused save. */
  draft?: Record<string, string>;
}

/** The input id of a question on the card. */
export function surveyInputId(questionKey: string): string {
  return `q_${questionKey}`;
}

function storedValue(answer: SurveyAnswer | undefined): string {
  if (answer === undefined) return '';
  return typeof answer === 'string' ? answer : answer.join(',');
}

function questionInput(input: SurveyCardInput, q: SurveyCardQuestion): CardElement {
  const id = surveyInputId(q.key);
  const value = input.draft?.[id] ?? storedValue(input.answers[q.key]);
  if (q.kind === 'text') return { type: 'Input.Text', id, label: `${q.text} (optional)`, value, isMultiline: true, maxLength: input.textMax };
  return {
    type: 'Input.ChoiceSet',
    id,
    label: `${q.text}${q.kind === 'multi-choice' ? ' (choose any)' : ''}`,
    choices: q.options.map((o) => ({ title: o.label, value: o.key })),
    style: 'expanded',
    isMultiSelect: q.kind === 'multi-choice',
    value,
    wrap: true,
  };
}

function answerLine(q: SurveyCardQuestion, answer: SurveyAnswer | undefined): CardElement[] {
  const label = (key: string) => q.options.find((o) => o.key === key)?.label ?? key;
  const text = answer === undefined ? 'Not answered' : typeof answer === 'string' ? (q.kind === 'text' ? answer : label(answer)) : answer.map(label).join('; ');
  return [paragraph(q.text, { weight: 'bolder' }), paragraph(text, { spacing: 'none', ...(answer === undefined ? { isSubtle: true } : {}) })];
}

export function buildSurveyCard(input: SurveyCardInput): AdaptiveCard {
  const tab: CardAction = { type: 'Action.OpenUrl', title: 'Open in the tab', url: input.tabUrl };
  if (!input.open) {
    return adaptiveCard(
      [
        ...(input.error ? [paragraph(input.error, { color: 'attention', weight: 'bolder' })] : []),
        heading(input.title),
        paragraph(`The survey closed on ${input.closesOn}. Your answers:`, { isSubtle: true }), ...input.questions.flatMap((q) => answerLine(q, input.answers[q.key]))],
      [tab],
    );
  }
  const body: CardElement[] = [];
  if (input.saved) body.push(paragraph(`Saved — you can change your answers until ${input.closesOn}.`, { color: 'good', weight: 'bolder' }));
  if (input.error) body.push(paragraph(input.error, { color: 'attention', weight: 'bolder' }));
  body.push(heading(input.title));
  if (input.reminder) body.push(paragraph(`A reminder: the survey closes on ${input.closesOn}.`, { weight: 'bolder' }));
  body.push(
    paragraph(`Every question is optional. ${input.whoReads} Leaders only ever see totals for groups of several people. You can change your answers until ${input.closesOn}.`, { isSubtle: true }),
    ...input.questions.map((q) => questionInput(input, q)),
  );
  return adaptiveCard(body, [{ type: 'Action.Execute', title: input.saved ? 'Save my changes' : 'Save my answers', verb: TALENT_VERBS.answerSurvey, data: { eventId: input.eventId }, style: 'positive' }, tab]);
}

/** The card when there is no open survey (the "survey" command). */
export function buildNoSurveyCard(message: string, tabUrl?: string): AdaptiveCard {
  return adaptiveCard([heading('Aspiration survey'), paragraph(message)], tabUrl ? [{ type: 'Action.OpenUrl', title: 'Open in the tab', url: tabUrl }] : []);
}
