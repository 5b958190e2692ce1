// What the outbox needs from Teams to deliver a message: send into a stored conversation, and
// replace a card sent earlier. Plain types, no botbuilder: the Teams edge (bot/teams/) implements
// it, so the worker and its jobs do not depend on the SDK.

/** A message activity as the Bot Connector takes it (a subset; other fields pass through). */
export interface OutgoingActivity {
  type?: 'message';
  text?: string;
  summary?: string;
  attachments?: Array<{ contentType: string; content: unknown }>;
  [field: string]: unknown;
}

/** The stored conversation reference of a chat (what TurnContext.getConversationReference gave). */
export type StoredReference = Record<string, unknown>;

export interface ProactiveMessenger {
  /** Sends into the conversation; resolves with the new activity's id. Throws the HTTP error as is. */
  send(reference: StoredReference, activity: OutgoingActivity): Promise<string | undefined>;
  /** Replaces the activity `activityId` (a card sent earlier) with `activity`. */
  update(reference: StoredReference, activityId: string, activity: OutgoingActivity): Promise<void>;
  /** Starts a new message in the conversation, never a reply: in a channel, a new thread (seed 004's group sessions). */
  post?(reference: StoredReference, activity: OutgoingActivity): Promise<string | undefined>;
}

/** An Adaptive Card as a message attachment (what botbuilder's CardFactory.adaptiveCard builds). */
export function adaptiveCardAttachment(card: object): { contentType: string; content: unknown } {
  return { contentType: 'application/vnd.microsoft.card.adaptive', content: card };
}
