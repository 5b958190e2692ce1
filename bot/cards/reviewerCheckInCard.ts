// The reviewer's copy of a submitted check-in, in their bot chat (seed 001: "acknowledge and
// comment on at least one response"). Acknowledge and Respond are Universal Actions; the card
// refreshes for the reviewer so it always shows the current state.
import type { CheckIn, Rock } from '../../shared/domain';
import { VERBS } from '../../shared/verbs';
import { adaptiveCard, firstName, heading, paragraph, sentenceCase, type AdaptiveCard, type CardAction, type CardElement, type Choice } from './adaptiveCard';
import type { Vocabulary } from './checkInCard';
import { SCORE_LABEL, TEXT_FIELD_LABELS } from './checkInForm';
import { CARD_BYTES_BUDGET, shortenText } from './checkInEcho';
import { cardBytes } from './endOfYearCards';

export const RESPONSE_FIELDS = { anchor: 'responseAnchor', text: 'responseText' } as const;
export const RESPONSE_MAX_LENGTH = 2000;

export interface ReviewerCheckInCardInput {
  checkIn: CheckIn;
  eventTitle: string;
  revieweeName: string;
  reviewerName: string;
  rocks: Pick<Rock, 'id' | 'title'>[];
  /** Earlier scores this cycle, oldest first, for the trend line. */
  previousScores: number[];
  vocabulary: Vocabulary;
  /** Teams user id of the reviewer, for refresh.userIds. */
  reviewerTeamsUserId?: string;
  /** Deep link to the check-in in the tab. */
  tabUrl?: string;
  /** A problem with the last response attempt, shown above the form; the text is kept. */
  responseError?: string;
  responseDraft?: { anchor?: string; text?: string };
}

function trend(previous: number[], current: number | undefined): string | undefined {
  if (current === undefined) return undefined;
  const last = previous[previous.length - 1];
  const series = [...previous.slice(-4), current].join(' → ');
  if (last === undefined) return `Score ${current}/10`;
  const direction = current > last ? 'up' : current < last ? 'down' : 'steady';
  return `Score ${current}/10 (${direction}; recent ${series})`;
}

export function answerChoices(checkIn: CheckIn, rocks: Pick<Rock, 'id' | 'title'>[], vocabulary: Vocabulary): Choice[] {
  const choices: Choice[] = [{ title: 'The check-in as a whole', value: 'general' }];
  const a = checkIn.answers;
  if (a.www) choices.push({ title: TEXT_FIELD_LABELS.www, value: 'www' });
  if (a.ebi) choices.push({ title: TEXT_FIELD_LABELS.ebi, value: 'ebi' });
  if (a.whatsNext) choices.push({ title: TEXT_FIELD_LABELS.whatsNext, value: 'whatsNext' });
  for (const p of a.rockProgress) {
    const title = rocks.find((r) => r.id === p.rockId)?.title ?? p.rockTitle;
    choices.push({ title: `${sentenceCase(vocabulary.rock)}: ${title}`, value: `rock:${p.rockId}` });
  }
  if (a.score !== undefined) choices.push({ title: SCORE_LABEL, value: 'score' });
  return choices;
}

/**
 * Teams refuses a card over ~28 KB, and a check-in at every limit (long answers in a script of
 * three bytes a character, a rock per slot, a response) can pass it: then each answer is cut to a
 * share of itself, saying so, and the whole is in the tab. A response draft too long to send is
 * put back cut to what can be sent, saying so.
 */
export function buildReviewerCheckInCard(input: ReviewerCheckInCardInput): AdaptiveCard {
  const draftText = input.responseDraft?.text;
  const fitted: ReviewerCheckInCardInput =
    draftText !== undefined && draftText.length > RESPONSE_MAX_LENGTH
      ? {
          ...input,
          responseDraft: { ...input.responseDraft, text: shortenText(draftText, RESPONSE_MAX_LENGTH) },
          responseError: `${input.responseError ?? ''} We kept the first ${RESPONSE_MAX_LENGTH.toLocaleString('en-GB')} characters below; the rest was not saved.`.trim(),
        }
      : input;
  const whole = renderReviewerCard(fitted, Infinity);
  if (cardBytes(whole) <= CARD_BYTES_BUDGET) return whole;
  for (const limit of [500, 250, 100, 0]) {
    const card = renderReviewerCard(fitted, limit);
    if (cardBytes(card) <= CARD_BYTES_BUDGET || limit === 0) return card;
  }
  return whole;
}

const CUT_NOTE = 'Some answers are too long to show in full on this card: open the check-in in the tab to read all of it.';

function renderReviewerCard(input: ReviewerCheckInCardInput, limit: number): AdaptiveCard {
  const { checkIn, vocabulary } = input;
  const a = checkIn.answers;
  const cut = (text: string) => (text.length > limit ? `${shortenText(text, limit)}…` : text);
  const body: CardElement[] = [
    heading(`${input.revieweeName} — ${input.eventTitle}`),
    paragraph(checkIn.timeliness === 'on-time' ? 'Submitted on time' : 'Submitted late', { isSubtle: true, spacing: 'small' }),
  ];
  const answers: [string, string][] = [
    [TEXT_FIELD_LABELS.www, a.www],
    [TEXT_FIELD_LABELS.ebi, a.ebi],
    [TEXT_FIELD_LABELS.whatsNext, a.whatsNext],
    ...a.rockProgress.map((p): [string, string] => [`${sentenceCase(vocabulary.rock)}: ${input.rocks.find((r) => r.id === p.rockId)?.title ?? p.rockTitle}`, p.progress]),
  ];
  for (const [label, text] of answers) {
    if (!text.trim()) continue;
    body.push(paragraph(label, { weight: 'bolder', spacing: 'medium' }), paragraph(cut(text), { spacing: 'small' }));
  }
  if (Number.isFinite(limit)) body.push(paragraph(CUT_NOTE, { isSubtle: true, size: 'small', spacing: 'medium' }));
  const scoreLine = trend(input.previousScores, a.score);
  if (scoreLine) body.push(paragraph(scoreLine, { spacing: 'medium' }));

  const actions: CardAction[] = [];
  if (checkIn.acknowledgement) {
    body.push(paragraph(`Acknowledged by ${checkIn.acknowledgement.byPersonId === checkIn.reviewerId ? 'you' : 'their reviewer'}`, { color: 'good', spacing: 'medium', separator: true }));
  } else {
    actions.push({ type: 'Action.Execute', title: 'Acknowledge', verb: VERBS.acknowledgeCheckIn, data: { checkInId: checkIn.id }, style: 'positive' });
  }
  if (checkIn.reviewerResponse) {
    body.push(paragraph(`Your response: ${cut(checkIn.reviewerResponse.text)}`, { spacing: 'small', isSubtle: true }));
  }
  // A response already sent shows as sent; a new one that could not be saved comes back in the form, with why.
  if (!checkIn.reviewerResponse || input.responseDraft) {
    const draft = input.responseDraft ?? {};
    actions.push({
      type: 'Action.ShowCard',
      title: 'Respond',
      card: {
        type: 'AdaptiveCard',
        body: [
          ...(input.responseError ? [paragraph(input.responseError, { color: 'attention' })] : []),
          {
            type: 'Input.ChoiceSet',
            id: RESPONSE_FIELDS.anchor,
            label: 'About',
            style: 'compact',
            choices: answerChoices(checkIn, input.rocks, vocabulary),
            value: draft.anchor ?? 'general',
          },
          {
            type: 'Input.Text',
            id: RESPONSE_FIELDS.text,
            label: `Your response to ${firstName(input.revieweeName)}`,
            placeholder: 'A line of encouragement or a question is plenty',
            isMultiline: true,
            maxLength: RESPONSE_MAX_LENGTH,
            value: draft.text,
          },
        ],
        actions: [{ type: 'Action.Execute', title: 'Send response', verb: VERBS.respondToCheckIn, data: { checkInId: checkIn.id } }],
      },
    });
  }
  if (input.tabUrl) actions.push({ type: 'Action.OpenUrl', title: 'Open in the tab', url: input.tabUrl });
  const card = adaptiveCard(body, actions);
  if (input.reviewerTeamsUserId) {
    card.refresh = { action: { type: 'Action.Execute', title: 'Refresh', verb: VERBS.refreshReviewerCard, data: { checkInId: checkIn.id } }, userIds: [input.reviewerTeamsUserId] };
  }
  return card;
}
