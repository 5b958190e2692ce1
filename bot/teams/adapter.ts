// The Bot Framework edge. botbuilder v4 and TeamsFx are in end-of-support (DESIGN.md), so only
// bot/teams/ imports them (lint-enforced); a move to the Teams or Agents SDK starts and ends here.
import { CloudAdapter, type TurnContext } from 'botbuilder';
import { createDeliveryBotFrameworkAuthentication } from './botFrameworkAuthentication';
import { newErrorId } from './errors';
import type { Config } from '../config';
import type { Logger } from '../logger';

/** The Bot Framework adapter, named for the code outside this folder that only passes it along. */
export type TeamsAdapter = CloudAdapter;

export function createBotAdapter(config: Config, logger: Logger): TeamsAdapter {
  // Outgoing calls retry only through the rate-aware sender, never inside the Connector client.
  const auth = createDeliveryBotFrameworkAuthentication({
    appId: config.BOT_ID,
    appPassword: config.BOT_PASSWORD,
    appType: config.BOT_TYPE,
    tenantId: config.BOT_TENANT_ID,
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: unknown) => {
    const errorId = newErrorId();
    logger.error({ err: error, errorId, activityType: context.activity.type }, 'unhandled error in bot turn');
    if (context.activity.type === 'message') {
      await context
        .sendActivity(`Sorry, something went wrong on our side and nothing was saved from that message. If it keeps happening, tell your PG administrator the error id ${errorId}.`)
        .catch(() => undefined);
    }
  };
  return adapter;
}
