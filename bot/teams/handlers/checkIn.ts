// The reviewee's check-in: "check in", the card's submit, and its edit and refresh.
import { buildErrorCard, buildNoCycleCard, buildWhomToThankCard, checkInFormValues, parseCheckInSubmission, type AdaptiveCard } from '../../cards';
import { checkInFormCard, nextWindowCard, submittedCard, turnedBackCard } from '../../checkInViews';
import { loadCheckInForEvent, rememberCheckInCard } from '../../usecases/checkInCards';
import { checkInFormContext, findOpenCheckIn, submitCheckIn } from '../../usecases/checkIns';
import { findColleague } from '../../usecases/people';
import { sendCard, sendText } from '../activity';
import type { ActionTurn, PersonTurn } from '../registry';
import type { ScheduleEvent } from '../../../shared/domain';

/** "check in": the open check-in's form, the check-in already given, or when the next one opens. */
export async function sendCheckIn(turn: PersonTurn): Promise<void> {
  const { ctx } = turn.deps;
  const person = turn.person;
  const open = await findOpenCheckIn(ctx, person);
  if (open.kind === 'not-asked' || open.kind === 'group') {
    await sendText(turn.context, open.message);
    return;
  }
  if (open.kind === 'no-cycle') {
    await sendCard(turn.context, buildNoCycleCard(open.message));
    return;
  }
  if (open.kind === 'none') {
    await sendCard(turn.context, nextWindowCard(open.organisation, open.next));
    return;
  }
  const now = ctx.now();
  const card = open.existing
    ? submittedCard({ organisation: open.organisation, event: open.event, person, rocks: open.rocks, checkIn: open.existing, now })
    : checkInFormCard({ organisation: open.organisation, event: open.event, person, rocks: open.rocks, now });
  await sendCard(turn.context, card);
}

/**
 * The form's Submit: the card's fields are parsed here, at the edge; the use case takes the typed
 * check-in. A submission turned back keeps what was typed, as it arrived (or the part that fits a card).
 */
export async function submitCheckInCard(turn: ActionTurn & PersonTurn): Promise<AdaptiveCard> {
  const { ctx } = turn.deps;
  const { person, context } = turn;
  const now = ctx.now();
  const parsed = parseCheckInSubmission(turn.data);
  if (!parsed.ok) {
    const form = await checkInFormContext(ctx, person, typeof turn.data.eventId === 'string' ? turn.data.eventId : undefined);
    return turnedBackCard({ ...form, person, now, values: parsed.values, errors: parsed.errors, takesLate: await takesLateAnswers(turn, form.event) });
  }
  const result = await submitCheckIn(ctx, person, parsed.value);
  if (result.kind === 'invalid') {
    const takesLate = await takesLateAnswers(turn, result.event);
    return turnedBackCard({ organisation: result.organisation, event: result.event, person, rocks: result.rocks, now, values: checkInFormValues(turn.data), errors: result.errors, takesLate });
  }
  // The card was answered in place: remember that message so acknowledgements can update it.
  const replyToId = context.activity.replyToId;
  if (replyToId) await rememberCheckInCard(ctx, person, result.checkIn, { conversationId: context.activity.conversation.id, activityId: replyToId });
  const reviewer = await findColleague(ctx, person, result.checkIn.reviewerId);
  const unknownNames = result.unknownPraise.map(() => 'a colleague who is no longer in the staff directory');
  // Thanks with nobody chosen: the check-in is in; ask whom it is for, once (issue 15).
  if (result.pendingThanks?.created) await sendCard(context, buildWhomToThankCard({ thanksId: result.pendingThanks.thanks.id, message: result.pendingThanks.thanks.message }));
  return submittedCard({ ...result, person, now, unknownPraise: unknownNames, reviewerName: reviewer?.displayName });
}

/** A closed check-in still takes a first submission (counted late): the form comes back for it, not for an edit. */
async function takesLateAnswers(turn: ActionTurn & PersonTurn, event: ScheduleEvent | null): Promise<boolean> {
  if (!event) return false;
  const found = await loadCheckInForEvent(turn.deps.ctx, turn.person, event.id);
  return found !== null && !found.existing;
}

/** Edit reopens the form with the answers given; refresh shows the person's current card. */
export async function editOrRefreshCheckIn(turn: ActionTurn & PersonTurn, edit: boolean): Promise<AdaptiveCard> {
  const { ctx } = turn.deps;
  const person = turn.person;
  const eventId = typeof turn.data.eventId === 'string' ? turn.data.eventId : undefined;
  const found = await loadCheckInForEvent(ctx, person, eventId);
  if (!found) return buildErrorCard({ errorId: 'no-event', message: 'This check-in is no longer on the schedule. Send "check in" for the open one.' });
  const { organisation, event, rocks, existing } = found;
  const now = ctx.now();
  if (existing && !edit) return submittedCard({ organisation, event, person, rocks, checkIn: existing, now });
  return checkInFormCard({ organisation, event, person, rocks, now, existing });
}
