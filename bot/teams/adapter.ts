// The Bot Framework edge. botbuilder v4 and TeamsFx are in end-of-support (DESIGN.md), so only
// bot/teams/ imports them (lint-enforced); a move to the Teams or Agents SDK starts and ends here.
import type { Request, Response } from 'restify';
import { type Activity, CloudAdapter, type TurnContext } from 'botbuilder';
import { AuthenticationError as BotAuthenticationError, type AuthenticateRequestResult, type BotFrameworkAuthentication } from 'botframework-connector';
import { PROBLEM_CONTENT_TYPE } from '../../shared/api';
import { createDeliveryBotFrameworkAuthentication } from './botFrameworkAuthentication';
import { newErrorId } from './errors';
import { checkInboundActivity } from './inboundActivity';
import type { Config } from '../config';
import { rateLimitedWarning, type Logger } from '../logger';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS, UNAVAILABLE_TEXT } from '../usecases/availability';

const warnOnce = rateLimitedWarning();

/**
 * botbuilder's CloudAdapter, answering POST /api/messages itself instead of through process():
 * process() parses any object as an activity, answers an authentication failure it did not
 * classify (the OpenID metadata unreachable, say) with 500, and puts err.message in every error
 * body. Here: a malformed activity is 400, any failure to prove the caller is 401, anything else
 * 500 with an error id; each body is a fixed problem document, the detail goes to the log.
 */
export class TeamsAdapter extends CloudAdapter {
  constructor(
    auth: BotFrameworkAuthentication,
    private readonly logger: Logger,
  ) {
    super(auth);
  }

  async handle(req: Request, res: Response, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const checked = checkInboundActivity(req.body);
    if (!checked.ok) {
      this.logger.info({ reason: checked.reason }, 'bot request refused: not an activity this bot takes');
      return refuse(res, 400, 'invalidActivity', 'This is not an activity this bot accepts.');
    }
    const activity = withDates(checked.activity);
    const authResult = await this.authenticate(req, activity);
    if (!authResult) return refuse(res, 401, 'unauthenticated', 'The request did not prove it comes from the Bot Framework.');
    try {
      const invokeResponse = await this.processActivity(authResult, activity, logic);
      const status = invokeResponse?.status ?? 200;
      if (invokeResponse?.body !== undefined) res.send(status, invokeResponse.body);
      else res.send(status);
    } catch (err) {
      if (isDatabaseUnavailable(err)) {
        // The database is stopped or restarting: 503, and Teams keeps the card as the person left it.
        warnOnce(this.logger, 'database-unavailable', { err: err instanceof Error ? err.message : String(err), activityType: activity.type }, 'bot requests refused: the database is out of reach');
        return refuse(res, 503, 'unavailable', UNAVAILABLE_TEXT);
      }
      const errorId = newErrorId();
      this.logger.error({ err, errorId, activityType: activity.type }, 'bot request failed');
      refuse(res, 500, 'unexpected', `Something went wrong on our side (error ${errorId}).`);
    }
  }

  /** Undefined when the caller is not proven, whatever the reason: bad token or keys out of reach. */
  private async authenticate(req: Request, activity: Activity): Promise<AuthenticateRequestResult | undefined> {
    const header = req.header('authorization') ?? '';
    try {
      return await this.botFrameworkAuthentication.authenticateRequest(activity, header);
    } catch (err) {
      if (keysUnreadable(err)) {
        // The Bot Framework's OpenID metadata or keys could not be read: every request says so until it recovers.
        warnOnce(this.logger, 'botframework-keys', { err }, 'bot request not authenticated: the Bot Framework signing keys could not be read');
      } else {
        this.logger.info({ reason: err instanceof Error ? err.message : String(err) }, 'bot request not authenticated');
      }
      return undefined;
    }
  }
}

/**
 * botbuilder reports metadata it could not load as an AuthenticationError with a 5xx status, and
 * an unreachable host as node-fetch's FetchError; a bad token is a 401 AuthenticationError or one
 * of jsonwebtoken's errors.
 */
function keysUnreadable(err: unknown): boolean {
  if (err instanceof BotAuthenticationError) return err.statusCode !== 401;
  return err instanceof Error && err.name === 'FetchError';
}

/** What botbuilder's process() does to the parsed body: its timestamps become Dates. */
function withDates(raw: Record<string, unknown>): Activity {
  const activity = raw as Record<string, unknown>;
  for (const [field, rawField] of [['timestamp', 'rawTimestamp'], ['expiration', 'rawExpiration'], ['localTimestamp', 'rawLocalTimestamp']] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[rawField] = value;
      activity[field] = new Date(value);
    }
  }
  return activity as unknown as Activity;
}

/** A fixed problem document: nothing from the request or the failure goes into it. */
function refuse(res: Response, status: number, code: string, title: string): void {
  const body = JSON.stringify({ type: `urn:pgteams:problem:${code}`, title, status, code });
  const headers: Record<string, string | number> = { 'Content-Type': PROBLEM_CONTENT_TYPE, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' };
  if (status === 401) headers['WWW-Authenticate'] = 'Bearer';
  if (status === 503) headers['Retry-After'] = RETRY_AFTER_SECONDS;
  res.writeHead(status, headers);
  res.end(body);
}

export function createBotAdapter(config: Config, logger: Logger): TeamsAdapter {
  // Outgoing calls retry only through the rate-aware sender, never inside the Connector client.
  const auth = createDeliveryBotFrameworkAuthentication({
    appId: config.BOT_ID,
    appPassword: config.BOT_PASSWORD,
    appType: config.BOT_TYPE,
    tenantId: config.BOT_TENANT_ID,
    openIdMetadataUrl: config.BOT_OPENID_METADATA_URL,
  });
  const adapter = new TeamsAdapter(auth, logger);
  adapter.onTurnError = async (context: TurnContext, error: unknown) => {
    if (isDatabaseUnavailable(error)) {
      // A message is answered in the chat (the person is told, nothing was saved); any other
      // activity goes back to handle(), which answers 503 with Retry-After.
      if (context.activity.type !== 'message') throw error;
      await context.sendActivity(UNAVAILABLE_TEXT).catch(() => undefined);
      return;
    }
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
