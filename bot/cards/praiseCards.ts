// Cards for praise given from the chat ("praise @Sam for …").
import type { Person } from '../../shared/domain';
import { CHECK_IN_LIMITS } from '../../shared/domain';
import { VERBS } from '../../shared/verbs';
import { adaptiveCard, paragraph, type AdaptiveCard } from './adaptiveCard';

export function praiseMessageProblem(message: string): string | undefined {
  const text = message.trim();
  if (!text) return 'Say what the praise is for, like: praise @Sam Smith for running the Year 9 trip.';
  if (text.length > CHECK_IN_LIMITS.praiseMessage) return `Keep praise under ${CHECK_IN_LIMITS.praiseMessage} characters (yours has ${text.length}).`;
  if (text.includes('\u0000')) return 'Your message contains a character that cannot be stored.';
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
