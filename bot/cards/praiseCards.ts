// Cards for praise given from the chat ("praise @Sam for …").
import type { Person } from '../../shared/domain';
import { CHECK_IN_LIMITS, LONE_SURROGATE_MESSAGE, wellFormed } from '../../shared/domain';
import { PEOPLE_DATASET, VERBS } from '../../shared/verbs';
import { adaptiveCard, paragraph, type AdaptiveCard } from './adaptiveCard';

export function praiseMessageProblem(message: string): string | undefined {
  const text = message.trim();
  if (!text) return 'Say what the praise is for, like: praise @Sam Smith for running the Year 9 trip.';
  if (text.length > CHECK_IN_LIMITS.praiseMessage) return `Keep praise under ${CHECK_IN_LIMITS.praiseMessage} characters (yours has ${text.length}).`;
  if (text.includes('\u0000')) return 'Your message contains a character that cannot be stored.';
  // The same refusal as everywhere else text is typed: stored altered (U+FFFD) it would not be what was written.
  if (!wellFormed(text)) return `Your message ${LONE_SURROGATE_MESSAGE}.`;
  return undefined;
}

/** Several colleagues match the name: one button each, with their school so people can tell them apart. */
export function buildChooseColleagueCard(input: { name: string; message: string; requestId: string; people: Pick<Person, 'id' | 'displayName' | 'school' | 'email'>[] }): AdaptiveCard {
  return adaptiveCard(
    [paragraph(`More than one colleague matches "${input.name}". Who did you mean?`), paragraph(`"${input.message}"`, { isSubtle: true, spacing: 'small' })],
    input.people.slice(0, 6).map((p) => ({
      type: 'Action.Execute' as const,
      title: p.school ? `${p.displayName} (${p.school})` : `${p.displayName} (${p.email})`,
      verb: VERBS.choosePraiseRecipient,
      data: { personId: p.id, message: input.message, requestId: input.requestId },
    })),
  );
}

export function buildPraiseSentCard(recipientName: string, message: string): AdaptiveCard {
  return adaptiveCard([paragraph(`Thank you — I've passed your praise on to ${recipientName}.`, { weight: 'bolder' }), paragraph(`"${message}"`, { isSubtle: true, spacing: 'small' })]);
}

/** The whom-to-thank card's people picker: its id is also the field a problem is said on. */
export const THANKS_RECIPIENTS_FIELD = 'recipientIds';

/**
 * Thanks written in a check-in with nobody chosen: "Whom would you like to thank for '…'?" with the
 * same staff-directory people picker as the check-in card. Shown again with the problem when an
 * answer is refused, keeping the colleagues already picked.
 */
export function buildWhomToThankCard(input: { thanksId: string; message: string; problem?: string; picked?: Array<{ id: string; displayName: string }> }): AdaptiveCard {
  const picked = input.picked ?? [];
  return adaptiveCard(
    [
      paragraph(`Whom would you like to thank for "${input.message}"?`, { weight: 'bolder' }),
      paragraph('Your check-in is in. Choose the colleagues this thanks is for and I will pass it on; they get your thanks, not your check-in.', { isSubtle: true, spacing: 'small' }),
      {
        type: 'Input.ChoiceSet',
        id: THANKS_RECIPIENTS_FIELD,
        label: 'Colleagues to thank',
        style: 'filtered',
        isMultiSelect: true,
        placeholder: "Start typing a colleague's name",
        choices: picked.map((p) => ({ title: p.displayName, value: p.id })),
        'choices.data': { type: 'Data.Query', dataset: PEOPLE_DATASET },
        ...(picked.length > 0 ? { value: picked.map((p) => p.id).join(',') } : {}),
      },
      ...(input.problem ? [paragraph(input.problem, { color: 'attention', size: 'small', spacing: 'small' })] : []),
    ],
    [
      { type: 'Action.Execute', title: 'Send thanks', verb: VERBS.sendPendingThanks, style: 'positive', data: { thanksId: input.thanksId } },
      { type: 'Action.Execute', title: 'Discard', verb: VERBS.discardPendingThanks, data: { thanksId: input.thanksId } },
    ],
  );
}

/** The thanks was discarded (or had been): said plainly, nothing to act on. */
export function buildThanksDiscardedCard(message: string): AdaptiveCard {
  return adaptiveCard([paragraph('Discarded — nobody was sent this thanks.', { weight: 'bolder' }), paragraph(`"${message}"`, { isSubtle: true, spacing: 'small' })]);
}

/** The thanks went to the colleagues chosen. */
export function buildThanksSentCard(recipientNames: string[], message: string): AdaptiveCard {
  const names = recipientNames.length <= 1 ? (recipientNames[0] ?? 'your colleague') : `${recipientNames.slice(0, -1).join(', ')} and ${recipientNames[recipientNames.length - 1]}`;
  return buildPraiseSentCard(names, message);
}
