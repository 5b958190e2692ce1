// What the person sees after sending a check-in: their answers back, whether it was on time, who was
// praised, and where the reviewer has got to (seed 001: managers acknowledge every check-in).
import type { CheckIn, ScheduleEvent, Timeliness } from '../../shared/domain';
import { VERBS } from '../../shared/verbs';
import type { AdaptiveCard, CardAction, CardElement } from './adaptiveCard';
import { adaptiveCard, firstName, heading, paragraph, sentenceCase } from './adaptiveCard';
import type { CheckInRock, Vocabulary } from './checkInCard';
import { SCORE_LABEL, TEXT_FIELD_LABELS } from './checkInForm';

export interface CheckInSubmittedCardInput {
  checkIn: CheckIn;
  event: Pick<ScheduleEvent, 'id'>;
  eventTitle: string;
  /** The person's display name, for the greeting. */
  personName: string;
  /** Current rocks, to number progress answers the way the form did; titles fall back to those stored with the answer. */
  rocks: CheckInRock[];
  /** Names of the colleagues praised (from the check-in's praise list). */
  praisedNames: string[];
  /** Names typed or chosen that matched nobody in the staff directory. */
  unknownPraise?: string[];
  windowOpen: boolean;
  timeliness?: Timeliness;
  vocabulary: Vocabulary;
  reviewerName?: string;
  /** Who acknowledged and when, already formatted ("Mon 2 Mar"); defaults to the reviewer. */
  acknowledgement?: { byName: string; when?: string };
  reviewerResponse?: { byName: string; text: string };
  /** seed 002: the policy keeps a growth plan and log, so the card links to them. */
  growth?: boolean;
}

export function buildCheckInSubmittedCard(input: CheckInSubmittedCardInput): AdaptiveCard {
  const { checkIn, vocabulary } = input;
  const answers = checkIn.answers;
  const timeliness = input.timeliness ?? checkIn.timeliness;

  const body: CardElement[] = [
    heading(`Thanks, ${firstName(input.personName)} — your ${vocabulary.checkIn} is in`),
    paragraph(`${input.eventTitle} · ${timeliness === 'on-time' ? 'On time' : 'Late'}`, {
      weight: 'bolder',
      color: timeliness === 'on-time' ? 'good' : 'warning',
      spacing: 'small',
    }),
  ];

  const answered: [string, string][] = [
    [TEXT_FIELD_LABELS.www, answers.www],
    [TEXT_FIELD_LABELS.ebi, answers.ebi],
    [TEXT_FIELD_LABELS.whatsNext, answers.whatsNext],
  ];
  const rock = sentenceCase(vocabulary.rock);
  for (const progress of answers.rockProgress) {
    const current = input.rocks.find((r) => r.id === progress.rockId);
    answered.push([`${rock}: ${current?.title ?? progress.rockTitle}`, progress.progress]);
  }
  if (answers.score !== undefined) answered.push([SCORE_LABEL, String(answers.score)]);
  // Each answer as a label and a wrapping paragraph: FactSet values get cramped on Teams mobile.
  for (const [label, text] of answered) {
    if (text.trim() === '') continue;
    body.push(paragraph(label, { weight: 'bolder', spacing: 'medium' }), paragraph(text, { spacing: 'small' }));
  }

  if (input.praisedNames.length > 0) {
    body.push(
      paragraph(`You praised ${listOf(input.praisedNames)}`, { spacing: 'medium', separator: true }),
      ...(checkIn.praiseMessage ? [paragraph(`"${checkIn.praiseMessage}"`, { isSubtle: true, spacing: 'small' })] : []),
      paragraph(`They get your thanks, not the rest of your ${vocabulary.checkIn}.`, { isSubtle: true, size: 'small', spacing: 'small' }),
    );
  }
  if (input.praisedNames.length === 0 && checkIn.praiseMessage.trim() !== '') {
    // Issue 15: thanks with nobody chosen is kept and asked about in a message of its own (true also once answered).
    body.push(paragraph(`Your thanks "${checkIn.praiseMessage}" named nobody, so it is kept and I asked whom it is for (answer in the chat, or under Praise in the tab).`, { spacing: 'medium', separator: true }));
  }
  const unknown = input.unknownPraise ?? [];
  if (unknown.length > 0) {
    body.push(
      paragraph(`We couldn't find ${listOf(unknown)} in the staff directory — nobody was praised by ${unknown.length === 1 ? 'that name' : 'those names'}.`, {
        color: 'attention',
        spacing: 'medium',
      }),
    );
  }

  body.push(paragraph(reviewStatus(input), { isSubtle: true, spacing: 'medium', separator: true }));

  const actions: CardAction[] = [];
  if (input.windowOpen) {
    body.push(paragraph(`You can change your answers until this ${vocabulary.checkIn} closes.`, { isSubtle: true, size: 'small', spacing: 'small' }));
    actions.push({ type: 'Action.Execute', title: 'Edit', verb: VERBS.editCheckIn, data: { checkInId: checkIn.id, eventId: input.event.id } });
  }
  if (input.growth) {
    actions.push(
      { type: 'Action.Execute', title: 'Add to my growth log', verb: VERBS.openGrowthCard, data: { card: 'growth-log', checkInId: checkIn.id } },
      { type: 'Action.Execute', title: 'My growth plan', verb: VERBS.openGrowthCard, data: { card: 'growth-plan' } },
    );
  }
  return adaptiveCard(body, actions);
}

function reviewStatus(input: CheckInSubmittedCardInput): string {
  const { checkIn, vocabulary } = input;
  const reviewer = input.reviewerName ?? `your ${vocabulary.reviewer}`;
  const response = input.reviewerResponse ?? (checkIn.reviewerResponse ? { byName: reviewer, text: checkIn.reviewerResponse.text } : undefined);
  const acknowledged = input.acknowledgement ?? (checkIn.acknowledgement ? { byName: reviewer } : undefined);
  if (!acknowledged && !response) return `Waiting for ${reviewer} to acknowledge`;
  const by = acknowledged?.byName ?? response?.byName ?? reviewer;
  const when = acknowledged?.when ? ` on ${acknowledged.when}` : '';
  return response ? `Acknowledged by ${by}${when} · response: "${response.text}"` : `Acknowledged by ${by}${when}`;
}

function listOf(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
