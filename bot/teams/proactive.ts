// One proactive call through botbuilder, with its failure handed back to the caller.
// BotAdapter.runMiddleware passes a turn's error to adapter.onTurnError when one is set (the app
// sets one for incoming turns), which would swallow a 429 or 403 and report a send that never
// happened. Catching inside the turn and rethrowing outside keeps the RestError for the sender.
import { TurnContext, type Activity, type CloudAdapter, type ConversationReference, type ResourceResponse } from 'botbuilder';
import type { ProactiveMessenger } from '../delivery/messenger';

async function inTurn<T>(
  adapter: CloudAdapter,
  botAppId: string,
  reference: Partial<ConversationReference>,
  work: (context: TurnContext) => Promise<T>,
): Promise<T> {
  let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
  await adapter.continueConversationAsync(botAppId, reference, async (context) => {
    try {
      outcome = { ok: true, value: await work(context) };
    } catch (error) {
      outcome = { ok: false, error };
    }
  });
  if (!outcome) throw new Error('continueConversationAsync finished without running the turn');
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

/** Sends one activity into a stored conversation; resolves with the new activity id. */
export async function sendProactive(
  adapter: CloudAdapter,
  botAppId: string,
  reference: Partial<ConversationReference>,
  activity: Partial<Activity>,
): Promise<string | undefined> {
  const response: ResourceResponse | undefined = await inTurn(adapter, botAppId, reference, (context) => context.sendActivity(activity));
  return response?.id;
}

/** Replaces a card the bot sent earlier (activity.id is the id sendProactive returned). */
export async function updateProactive(
  adapter: CloudAdapter,
  botAppId: string,
  reference: Partial<ConversationReference>,
  activity: Partial<Activity> & { id: string },
): Promise<void> {
  await inTurn(adapter, botAppId, reference, (context) => context.updateActivity(activity));
}

/**
 * Posts a new message into a channel or chat. TurnContext.sendActivity would make it a reply to the
 * continuation activity (replyToId), which in a channel is a reply, not a new thread; the adapter's
 * sendActivities with no replyToId calls sendToConversation.
 */
export async function postProactive(adapter: CloudAdapter, botAppId: string, reference: Partial<ConversationReference>, activity: Partial<Activity>): Promise<string | undefined> {
  const responses = await inTurn(adapter, botAppId, reference, (context) => {
    const outgoing = TurnContext.applyConversationReference({ ...activity }, { ...reference, activityId: undefined } as Partial<ConversationReference>);
    delete outgoing.replyToId;
    return context.adapter.sendActivities(context, [outgoing]);
  });
  return responses[0]?.id;
}

/** The outbox's ProactiveMessenger (bot/delivery/messenger.ts) over this adapter. */
export function createProactiveMessenger(adapter: CloudAdapter, botAppId: string): ProactiveMessenger {
  return {
    send: (reference, activity) => sendProactive(adapter, botAppId, reference as Partial<ConversationReference>, activity as Partial<Activity>),
    update: (reference, activityId, activity) =>
      updateProactive(adapter, botAppId, reference as Partial<ConversationReference>, { ...(activity as Partial<Activity>), id: activityId }),
    post: (reference, activity) => postProactive(adapter, botAppId, reference as Partial<ConversationReference>, activity as Partial<Activity>),
  };
}
