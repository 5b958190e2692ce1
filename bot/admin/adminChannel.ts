// PG administrators run the schedule and the staff directory from a Teams channel (issue 7).
// The Teams handler hands team-scope messages and admin card actions to these two functions.
import type { AdaptiveCardInvokeResponse, TurnContext } from 'botbuilder';
import type { BotDependencies } from '../teamsBot';
import type { ParsedCommand } from '../commands';

/** Verbs of admin cards start with this prefix; see shared/verbs.ts. */
export const ADMIN_VERB_PREFIX = 'admin.';

/** A message in a channel or group chat, @mention already stripped. Returns true when handled. */
export async function handleAdminMessage(context: TurnContext, command: ParsedCommand, deps: BotDependencies): Promise<boolean> {
  void deps;
  if (command.name === 'schedule' || command.name === 'schedule import' || command.name === 'directory import' || command.name === 'status') {
    await context.sendActivity('Administration from a channel is not available yet in this version.');
    return true;
  }
  return false;
}

/** An Action.Execute from an admin card. */
export async function handleAdminAction(context: TurnContext, verb: string, data: unknown, deps: BotDependencies): Promise<AdaptiveCardInvokeResponse> {
  void context;
  void data;
  void deps;
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: `The action ${verb} is not available yet.` as unknown as Record<string, unknown> };
}
