// The reviewer's card: Acknowledge, Respond, and Teams' refresh for the reviewer's own view.
import { LONE_SURROGATE_MESSAGE, wellFormed, type CheckIn } from '../../../shared/domain';
import { VERBS } from '../../../shared/verbs';
import { RESPONSE_MAX_LENGTH, buildErrorCard, type AdaptiveCard } from '../../cards';
import { createLinks } from '../../links';
import { reviewerCard, revieweeCard } from '../../notifications/checkInCards';
import { loadOrganisation } from '../../usecases/checkIns';
import { DomainError } from '../../usecases/errors';
import { acknowledgeCheckIn, loadReadableCheckIn, respondToCheckIn } from '../../usecases/reviews';
import type { ActionTurn, PersonTurn } from '../registry';

const GONE = () => buildErrorCard({ errorId: 'gone', message: 'This check-in is no longer available.' });

/** The reviewer's response as the card sent it: trimmed text and the answer it is anchored to, or what to fix. */
export function parseResponse(data: Record<string, unknown>): { text: string; anchor: string; problem?: string; draft: string } {
  const draft = typeof data.responseText === 'string' ? data.responseText : '';
  const text = draft.trim();
  const anchor = typeof data.responseAnchor === 'string' && data.responseAnchor ? data.responseAnchor : 'general';
  const problem = !text
    ? 'Write a response first — a line of encouragement or a question is plenty.'
    : text.length > RESPONSE_MAX_LENGTH
      ? `Keep the response under ${RESPONSE_MAX_LENGTH} characters (it has ${text.length}).`
      : text.includes('\u0000')
        ? 'The response contains a character that cannot be stored.'
        : !wellFormed(text)
          ? `The response ${LONE_SURROGATE_MESSAGE}.`
          : undefined;
  return { text, anchor, problem, draft };
}

export async function reviewCheckIn(turn: ActionTurn & PersonTurn): Promise<AdaptiveCard> {
  const { ctx } = turn.deps;
  const { person, verb, data } = turn;
  const checkInId = String(data.checkInId ?? '');
  const organisation = await loadOrganisation(ctx, person.organisationId);
  const actor = { person, organisation };
  const links = createLinks(turn.deps.config);
  const cardFor = (checkIn: CheckIn, extra: { responseError?: string; responseDraft?: { anchor?: string; text?: string } } = {}) =>
    reviewerCard(ctx, checkIn, { tabUrl: (sub) => links.tab('team', sub), reviewerTeamsUserId: turn.context.activity.from.id, ...extra });
  try {
    if (verb === VERBS.acknowledgeCheckIn) {
      const outcome = await acknowledgeCheckIn(ctx, actor, checkInId);
      return (await cardFor(outcome.checkIn)) ?? GONE();
    }
    if (verb === VERBS.respondToCheckIn) {
      const response = parseResponse(data);
      if (response.problem) {
        const { checkIn } = await loadReadableCheckIn(ctx, actor, checkInId);
        return (await cardFor(checkIn, { responseError: response.problem, responseDraft: { anchor: response.anchor, text: response.draft } })) ?? GONE();
      }
      const outcome = await respondToCheckIn(ctx, actor, checkInId, { text: response.text, anchor: response.anchor });
      return (await cardFor(outcome.checkIn)) ?? GONE();
    }
    const { checkIn } = await loadReadableCheckIn(ctx, actor, checkInId);
    return (checkIn.reviewerId === person.id ? await cardFor(checkIn) : await revieweeCard(ctx, checkIn)) ?? GONE();
  } catch (err) {
    if (err instanceof DomainError && (err.code === 'forbidden' || err.code === 'notFound')) {
      return buildErrorCard({ errorId: err.code, message: err.code === 'forbidden' ? err.message : 'Only the reviewer named for this check-in can acknowledge or respond to it.' });
    }
    throw err;
  }
}
