// 360-degree feedback cards (seed 000 §8, §11.2): the card a colleague is asked with (answer or
// decline; after answering it says who it went to and offers Edit), the asker's notice, and the
// chat's "ask feedback" card with the people picker.
import { PEOPLE_DATASET, REVIEW_VERBS } from '../../shared/verbs';
import { adaptiveCard, heading, paragraph, type AdaptiveCard, type CardAction, type CardElement, type Choice } from './adaptiveCard';

/** The longest answer and question the domain keeps (shared/domain/yearReview.ts). */
export const FEEDBACK_ANSWER_MAX = 4000;
export const FEEDBACK_QUESTION_MAX = 1000;
/** The rock ChoiceSet's value for feedback on the year as a whole. */
export const WHOLE_YEAR = 'year';

export interface FeedbackRockInfo {
  title: string;
  successCriteria: { text: string; done: boolean }[];
}

export interface AskedFeedbackCardInput {
  requestId: string;
  askerName: string;
  /** The policy's word for a rock ("objective" at TSAT). */
  rockWord: string;
  rock: FeedbackRockInfo | null;
  question: string;
  answer?: string;
  declined: boolean;
  /** False once the cycle has ended: the card is read-only. */
  answerable: boolean;
  /** Show the answer box again over a sent answer. */
  editing?: boolean;
  reminder?: boolean;
  draft?: string;
  error?: string;
  saved?: string;
}

function aboutBlocks(rockWord: string, rock: FeedbackRockInfo | null): CardElement[] {
  if (!rock) return [paragraph('About: their year as a whole', { weight: 'bolder', spacing: 'small' })];
  return [
    paragraph(`About their ${rockWord}: **${rock.title}**`, { spacing: 'small' }),
    ...(rock.successCriteria.length > 0
      ? [paragraph(rock.successCriteria.map((c) => `- ${c.text}${c.done ? ' (done)' : ''}`).join('\n'), { isSubtle: true, spacing: 'small' })]
      : []),
  ];
}

function answerForm(input: AskedFeedbackCardInput): { body: CardElement[]; actions: CardAction[] } {
  const data = { requestId: input.requestId };
  return {
    body: [
      {
        type: 'Input.Text',
        id: 'answer',
        label: 'Your feedback',
        placeholder: 'What went well, and what would make it even better?',
        isMultiline: true,
        maxLength: FEEDBACK_ANSWER_MAX,
        value: input.draft ?? input.answer ?? '',
      },
      ...(input.error ? [paragraph(input.error, { color: 'attention' as const, spacing: 'small' })] : []),
    ],
    actions: [
      { type: 'Action.Execute', title: input.answer ? 'Save my changes' : 'Answer', verb: REVIEW_VERBS.answerFeedback, data, style: 'positive' },
      ...(input.answer ? [] : [{ type: 'Action.Execute' as const, title: 'Decline', verb: REVIEW_VERBS.declineFeedback, data }]),
    ],
  };
}

/** What the colleague asked sees: the ask, then the answer box, or what they sent. */
export function buildAskedFeedbackCard(input: AskedFeedbackCardInput): AdaptiveCard {
  const intro: CardElement[] = [
    heading(input.reminder ? `Reminder: ${input.askerName} asked for your feedback` : `${input.askerName} asks for your feedback`),
    ...aboutBlocks(input.rockWord, input.rock),
    ...(input.question ? [paragraph(`"${input.question}"`, { spacing: 'medium' })] : []),
    ...(input.saved ? [paragraph(input.saved, { color: 'good' as const, spacing: 'medium' })] : []),
  ];
  const showForm = input.answerable && (input.editing || (!input.answer && !input.declined) || input.error !== undefined);
  if (showForm) {
    const form = answerForm(input);
    return adaptiveCard([...intro, ...form.body], form.actions);
  }
  if (input.answer) {
    const edit: CardAction[] = input.answerable ? [{ type: 'Action.Execute', title: 'Edit', verb: REVIEW_VERBS.answerFeedback, data: { requestId: input.requestId, mode: 'edit' } }] : [];
    return adaptiveCard([...intro, paragraph(`Sent to ${input.askerName}:`, { weight: 'bolder', spacing: 'medium' }), paragraph(input.answer, { spacing: 'small' })], edit);
  }
  if (input.declined) {
    const change: CardAction[] = input.answerable ? [{ type: 'Action.Execute', title: 'Answer after all', verb: REVIEW_VERBS.answerFeedback, data: { requestId: input.requestId, mode: 'edit' } }] : [];
    return adaptiveCard([...intro, paragraph(`You let ${input.askerName} know you can't give feedback this time.`, { isSubtle: true, spacing: 'medium' })], change);
  }
  return adaptiveCard([...intro, paragraph('This cycle has ended, so this request is closed.', { isSubtle: true, spacing: 'medium' })]);
}

/** The asker's notice: an answer arrived, or the colleague could not help this time. */
export function buildFeedbackNoticeCard(input: { giverName: string; about: string; answer?: string; declined: boolean; tabUrl?: string }): AdaptiveCard {
  const actions: CardAction[] = input.tabUrl ? [{ type: 'Action.OpenUrl', title: 'See all my feedback', url: input.tabUrl }] : [];
  if (input.declined) {
    return adaptiveCard(
      [paragraph(`${input.giverName} can't give feedback on ${input.about} this time — that's fine. You could ask another colleague.`)],
      actions,
    );
  }
  return adaptiveCard([paragraph(`${input.giverName} answered your feedback request on ${input.about}:`, { weight: 'bolder' }), paragraph(input.answer ?? '', { spacing: 'small' })], actions);
}

export interface AskFeedbackCardInput {
  rockWord: string;
  rocks: { id: string; title: string }[];
  draft?: { askedPersonIds: string[]; rockId: string; question: string };
  /** Names for the colleagues already picked, so the picker shows them again. */
  names?: Record<string, string>;
  error?: string;
  saved?: string;
}

/** "ask feedback": pick colleagues (typeahead over the staff directory), the rock, the question. */
export function buildAskFeedbackCard(input: AskFeedbackCardInput): AdaptiveCard {
  const draft = input.draft ?? { askedPersonIds: [], rockId: input.rocks[0]?.id ?? WHOLE_YEAR, question: '' };
  const rockChoices: Choice[] = [...input.rocks.map((r) => ({ title: r.title, value: r.id })), { title: 'My year as a whole', value: WHOLE_YEAR }];
  return adaptiveCard(
    [
      heading('Ask colleagues for feedback'),
      paragraph(`They get a card with your question and your ${input.rockWord}; their answers come back to you and go into your review.`, { isSubtle: true, spacing: 'small' }),
      ...(input.saved ? [paragraph(input.saved, { color: 'good' as const })] : []),
      {
        type: 'Input.ChoiceSet',
        id: 'askedPersonIds',
        label: 'Colleagues to ask',
        style: 'filtered',
        isMultiSelect: true,
        placeholder: "Start typing a colleague's name",
        choices: draft.askedPersonIds.map((id) => ({ title: input.names?.[id] ?? id, value: id })),
        'choices.data': { type: 'Data.Query', dataset: PEOPLE_DATASET },
        ...(draft.askedPersonIds.length > 0 ? { value: draft.askedPersonIds.join(',') } : {}),
      },
      { type: 'Input.ChoiceSet', id: 'rockId', label: 'About', style: 'compact', choices: rockChoices, value: draft.rockId || WHOLE_YEAR },
      { type: 'Input.Text', id: 'question', label: 'Your question (optional)', isMultiline: true, maxLength: FEEDBACK_QUESTION_MAX, value: draft.question },
      ...(input.error ? [paragraph(input.error, { color: 'attention' as const, spacing: 'small' })] : []),
    ],
    [{ type: 'Action.Execute', title: 'Ask', verb: REVIEW_VERBS.askFeedback, style: 'positive' }],
  );
}
