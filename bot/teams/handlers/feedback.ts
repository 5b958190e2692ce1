// 360-degree feedback in the chat (seed 000 §8): "ask feedback" sends the ask card (people picker,
// rock, question); the colleague asked answers, edits or declines from their card. Each action runs
// the same use case as the tab and answers with the card again; a refused answer keeps what was typed.
import type { AdaptiveCard } from '../../cards';
import { buildAskFeedbackCard, WHOLE_YEAR } from '../../cards/feedbackRequestCards';
import { askedFeedbackCard } from '../../notifications/feedbackRequestCards';
import type { Actor } from '../../usecases/access';
import { loadOrganisation } from '../../usecases/checkIns';
import { DomainError } from '../../usecases/errors';
import { answerFeedback, askForFeedback, colleagueNames, declineFeedback, feedbackAskedOfMe, rocksToAskAbout } from '../../usecases/feedbackRequests';
import { sendCard, sendText } from '../activity';
import type { ActionTurn, CommandHandler, PersonTurn } from '../registry';

const FIELD_LABELS: Record<string, string> = { askedPersonIds: 'Colleagues to ask', rockId: 'About', question: 'Your question', answer: 'Your feedback' };

function problemText(err: DomainError): string {
  const errors = (err.details.errors ?? []) as Array<{ path: string; message: string }>;
  if (errors.length === 0) return err.message;
  return `Please check: ${errors.map((e) => `${FIELD_LABELS[e.path] ?? e.path} — ${e.message}`).join('; ')}.`;
}

const isInvalid = (err: unknown): err is DomainError => err instanceof DomainError && err.code === 'invalidInput';
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

async function actorOf(turn: PersonTurn): Promise<Actor> {
  return { person: turn.person, organisation: await loadOrganisation(turn.deps.ctx, turn.person.organisationId) };
}

async function askCard(turn: PersonTurn, actor: Actor, state: Omit<Parameters<typeof buildAskFeedbackCard>[0], 'rockWord' | 'rocks'> = {}): Promise<AdaptiveCard> {
  const rocks = await rocksToAskAbout(turn.deps.ctx, actor);
  return buildAskFeedbackCard({ rockWord: actor.organisation.policy.vocabulary.rock, rocks: rocks.map((r) => ({ id: r.id, title: r.title })), ...state });
}

/** "ask feedback": the card to choose colleagues, the rock and the question. */
export const askFeedbackCommand: CommandHandler = async (turn) => {
  const actor = await actorOf(turn);
  if (!actor.organisation.policy.reviews) return sendText(turn.context, `${actor.organisation.policy.name} doesn't gather colleagues' feedback in the app.`);
  await sendCard(turn.context, await askCard(turn, actor));
};

function listOfNames(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The ask card's Ask: the request goes to each colleague, or the card comes back with what to fix. */
export async function askFeedbackAction(turn: ActionTurn & PersonTurn): Promise<AdaptiveCard> {
  const { ctx } = turn.deps;
  const actor = await actorOf(turn);
  const askedPersonIds = str(turn.data.askedPersonIds).split(',').map((s) => s.trim()).filter(Boolean);
  const rockId = str(turn.data.rockId) || WHOLE_YEAR;
  const question = str(turn.data.question);
  try {
    const { requests, created } = await askForFeedback(ctx, actor, { askedPersonIds, ...(rockId === WHOLE_YEAR ? {} : { rockId }), question });
    const names = await colleagueNames(ctx, actor, requests.map((r) => r.askedPersonId));
    const asked = listOfNames(created.map((r) => names[r.askedPersonId] ?? 'a colleague'));
    const already = listOfNames(requests.filter((r) => !created.includes(r)).map((r) => names[r.askedPersonId] ?? 'a colleague'));
    const saved = [asked ? `Asked ${asked}. I'll tell you when they answer.` : '', already ? `${already} already has your request.` : ''].filter(Boolean).join(' ');
    return askCard(turn, actor, { saved });
  } catch (err) {
    if (!isInvalid(err)) throw err;
    const names = await colleagueNames(ctx, actor, askedPersonIds);
    return askCard(turn, actor, { draft: { askedPersonIds, rockId, question }, names, error: problemText(err) });
  }
}

/** Answer (or Edit, or Save my changes) on the colleague's card. */
export async function answerFeedbackAction(turn: ActionTurn & PersonTurn): Promise<AdaptiveCard> {
  const { ctx } = turn.deps;
  const actor = await actorOf(turn);
  const requestId = str(turn.data.requestId);
  if (turn.data.mode === 'edit') {
    const { view, answerable } = await feedbackAskedOfMe(ctx, actor, requestId);
    return askedFeedbackCard(actor.organisation, view, answerable, { editing: true });
  }
  const answer = str(turn.data.answer);
  try {
    await answerFeedback(ctx, actor, requestId, { answer });
  } catch (err) {
    if (!isInvalid(err)) throw err;
    const { view, answerable } = await feedbackAskedOfMe(ctx, actor, requestId);
    return askedFeedbackCard(actor.organisation, view, answerable, { editing: true, draft: answer, error: problemText(err) });
  }
  const { view, answerable } = await feedbackAskedOfMe(ctx, actor, requestId);
  return askedFeedbackCard(actor.organisation, view, answerable, { saved: 'Thank you — your feedback is on its way.' });
}

/** Decline on the colleague's card: the asker is told kindly; no reason is asked or kept. */
export async function declineFeedbackAction(turn: ActionTurn & PersonTurn): Promise<AdaptiveCard> {
  const actor = await actorOf(turn);
  const requestId = str(turn.data.requestId);
  await declineFeedback(turn.deps.ctx, actor, requestId);
  const { view, answerable } = await feedbackAskedOfMe(turn.deps.ctx, actor, requestId);
  return askedFeedbackCard(actor.organisation, view, answerable);
}
