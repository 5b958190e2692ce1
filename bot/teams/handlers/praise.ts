// Praise: "praise @Sam for …", choosing which Sam, and the people picker's typeahead.
import { randomUUID } from 'node:crypto';
import type { TurnContext, SearchInvokeResponse, SearchInvokeValue } from 'botbuilder';
import { buildErrorCard, type AdaptiveCard } from '../../cards';
import { buildChooseColleagueCard, buildPraiseSentCard, buildThanksDiscardedCard, buildThanksSentCard, buildWhomToThankCard, praiseMessageProblem, THANKS_RECIPIENTS_FIELD } from '../../cards/praiseCards';
import { discardPendingThanks, findOwnThanks, sendPendingThanks } from '../../usecases/pendingThanks';
import { DomainError } from '../../usecases/errors';
import { givePraise, parsePraiseCommand, resolveColleague } from '../../usecases/givePraise';
import { findColleague, peopleById, searchColleagues } from '../../usecases/people';
import { PEOPLE_DATASET } from '../../../shared/verbs';
import { organisationIdOf, sendCard, sendText } from '../activity';
import type { ActionTurn, BotDependencies, PersonTurn } from '../registry';

/** "praise @Sam for …": resolve the name, or ask which Sam, or say nobody is called that. */
export async function praiseCommand(turn: PersonTurn & { command: { args: string } }): Promise<void> {
  const { context, person } = turn;
  const { ctx } = turn.deps;
  // A Teams @mention of a colleague arrives as <at>Name</at> in the text; the name is what we need.
  const request = parsePraiseCommand(turn.command.args.replace(/<\/?at>/g, ''));
  if ('problem' in request) return sendText(context, request.problem);
  const problem = praiseMessageProblem(request.message);
  if (problem) return sendText(context, problem);
  const found = await resolveColleague(ctx, person, request.name);
  if (found.kind === 'none') {
    return sendText(context, `I couldn't find anyone called "${request.name}" in the staff directory. Check the spelling, or use their work email address.`);
  }
  if (found.kind === 'many') {
    return sendCard(context, buildChooseColleagueCard({ name: request.name, message: request.message, requestId: context.activity.id ?? randomUUID(), people: found.people }));
  }
  await givePraise(ctx, person, found.person, request.message, context.activity.id ?? randomUUID());
  await sendText(context, `Thank you — I've passed your praise on to ${found.person.displayName}.`);
}

/** The "which colleague?" card's choice. */
export async function choosePraiseRecipient(turn: ActionTurn & PersonTurn): Promise<AdaptiveCard> {
  const { ctx } = turn.deps;
  const personId = typeof turn.data.personId === 'string' ? turn.data.personId : undefined;
  const message = typeof turn.data.message === 'string' ? turn.data.message : '';
  const requestId = typeof turn.data.requestId === 'string' ? turn.data.requestId : randomUUID();
  const recipient = await findColleague(ctx, turn.person, personId);
  const problem = praiseMessageProblem(message);
  if (!recipient || problem) return buildErrorCard({ errorId: 'praise', message: problem ?? 'That colleague is no longer in the staff directory.' });
  await givePraise(ctx, turn.person, recipient, message, requestId);
  return buildPraiseSentCard(recipient.displayName, message);
}

const SEARCH_RESPONSE_TYPE = 'application/vnd.microsoft.search.searchResponse';

/** The praise people picker's typeahead (Input.ChoiceSet with Data.Query), from the staff directory. */
export async function searchPeople(context: TurnContext, invokeValue: SearchInvokeValue, deps: BotDependencies): Promise<SearchInvokeResponse> {
  const organisationId = organisationIdOf(context);
  if (invokeValue.dataset !== PEOPLE_DATASET || !organisationId) return { statusCode: 200, type: SEARCH_RESPONSE_TYPE, value: { results: [] } };
  const people = await searchColleagues(deps.ctx, { organisationId }, String(invokeValue.queryText ?? ''), context.activity.from?.aadObjectId);
  const results = people.map((p) => ({ title: p.school ? `${p.displayName} (${p.school})` : p.displayName, value: p.id }));
  return { statusCode: 200, type: SEARCH_RESPONSE_TYPE, value: { results } };
}

/** The whom-to-thank card's Send thanks: praise for the colleagues picked (once), or the card again saying what is wrong. */
export async function sendPendingThanksCard(turn: ActionTurn & PersonTurn): Promise<AdaptiveCard> {
  const { ctx } = turn.deps;
  const thanksId = typeof turn.data.thanksId === 'string' ? turn.data.thanksId : '';
  const raw = turn.data[THANKS_RECIPIENTS_FIELD];
  const ids = typeof raw === 'string' ? [...new Set(raw.split(',').map((id) => id.trim()).filter((id) => id !== ''))] : [];
  try {
    const sent = await sendPendingThanks(ctx, turn.person, thanksId, ids);
    return buildThanksSentCard(sent.recipients.map((p) => p.displayName), sent.thanks.message);
  } catch (error) {
    return thanksProblemCard(turn, thanksId, ids, error);
  }
}

/** The whom-to-thank card's Discard. */
export async function discardPendingThanksCard(turn: ActionTurn & PersonTurn): Promise<AdaptiveCard> {
  const thanksId = typeof turn.data.thanksId === 'string' ? turn.data.thanksId : '';
  try {
    const discarded = await discardPendingThanks(turn.deps.ctx, turn.person, thanksId);
    return buildThanksDiscardedCard(discarded.thanks.message);
  } catch (error) {
    return thanksProblemCard(turn, thanksId, [], error);
  }
}

/** A refused answer: field problems keep the card (and the picks) with the reason; anything settled says what happened. */
async function thanksProblemCard(turn: ActionTurn & PersonTurn, thanksId: string, ids: string[], error: unknown): Promise<AdaptiveCard> {
  if (!(error instanceof DomainError)) throw error;
  const thanks = await findOwnThanks(turn.deps.ctx, turn.person, thanksId);
  if (error.code !== 'invalidInput' || !thanks) return buildErrorCard({ errorId: 'thanks', message: error.message });
  const problems = Array.isArray(error.details.errors) ? (error.details.errors as Array<{ message: string }>).map((e) => e.message) : [error.message];
  const known = await peopleById(turn.deps.ctx, turn.person, ids);
  const picked = ids.flatMap((id) => (known.has(id) ? [{ id, displayName: known.get(id)!.displayName }] : []));
  return buildWhomToThankCard({ thanksId, message: thanks.message, problem: [...new Set(problems)].join(' '), picked });
}
