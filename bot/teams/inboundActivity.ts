// What POST /api/messages accepts before botbuilder sees it. botbuilder parses the body loosely
// (any object with a type) and then trusts it: a missing value.action, a verb that is not a string
// or an invoke name nobody handles became 500/501 answers from deep inside a turn. Here the
// envelope every turn reads, and the value of each invoke this bot answers, are checked first, so a
// malformed request is a 400 that stores nothing. Fields not named here pass through untouched.
import { z } from 'zod';
import { wellFormed } from '../../shared/domain';

/** Invoke names this bot answers (bot.ts: onAdaptiveCardInvoke, onSearchInvoke); any other is refused. */
export const HANDLED_INVOKES = ['adaptiveCard/action', 'application/search'] as const;

const MAX_ID = 1024;
const MAX_VERB = 200;
const MAX_NAME = 200;

const id = z.string().min(1).max(MAX_ID);
const account = z.looseObject({ id, name: z.string().max(MAX_NAME * 2).optional(), aadObjectId: z.string().max(MAX_ID).optional() });

const envelope = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().max(MAX_ID).optional(),
  channelId: z.string().min(1).max(64),
  serviceUrl: z.url({ protocol: /^https?$/ }).max(2048),
  from: account,
  recipient: account,
  conversation: z.looseObject({ id, conversationType: z.string().max(64).optional(), tenantId: z.string().max(MAX_ID).optional() }),
  text: z.string().optional(),
  name: z.string().max(MAX_NAME).optional(),
  entities: z.array(z.looseObject({ type: z.string().max(MAX_NAME) })).optional(),
  membersAdded: z.array(account).optional(),
  membersRemoved: z.array(account).optional(),
  channelData: z.looseObject({}).optional(),
});

const cardAction = z.looseObject({
  type: z.literal('Action.Execute'),
  verb: z.string().max(MAX_VERB),
  id: z.string().max(MAX_ID).optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});

const invokeValues: Record<(typeof HANDLED_INVOKES)[number], z.ZodType> = {
  'adaptiveCard/action': z.looseObject({ action: cardAction, trigger: z.string().max(64).optional() }),
  'application/search': z.looseObject({ kind: z.string().max(64), queryText: z.string().max(MAX_NAME), dataset: z.string().max(MAX_NAME).optional() }),
};

export type InboundCheck = { ok: true; activity: Record<string, unknown> } | { ok: false; reason: string };

/** Checks a parsed request body; the reason is for the log only (it names fields, never values). */
export function checkInboundActivity(body: unknown): InboundCheck {
  const parsed = envelope.safeParse(body);
  if (!parsed.success) return { ok: false, reason: describe(parsed.error) };
  const activity = parsed.data;
  if (activity.type !== 'invoke') return { ok: true, activity };
  const name = activity.name ?? '';
  if (!(HANDLED_INVOKES as readonly string[]).includes(name)) return { ok: false, reason: 'invoke name is not one this bot answers' };
  const value = invokeValues[name as (typeof HANDLED_INVOKES)[number]].safeParse(activity.value);
  if (!value.success) return { ok: false, reason: `value: ${describe(value.error)}` };
  return { ok: true, activity };
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.code}`)
    .join('; ');
}

/**
 * A card action's data as the handlers read it. An id field (`eventId`, `checkInId`, `rockId`, …)
 * holding a NUL or half a surrogate pair cannot name anything stored — and the database refuses
 * to look one up, which surfaced as "something went wrong" — so it is left out, as if the card had
 * lost it: each handler then says so its own way (the check-in card keeps what was typed).
 */
export function cardActionData(raw: unknown): Record<string, unknown> {
  if (!raw || typeof raw !== 'object') return {};
  const data: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  for (const [key, value] of Object.entries(data)) {
    if (/Id$/.test(key) && typeof value === 'string' && (value.includes('\u0000') || !wellFormed(value))) delete data[key];
  }
  return data;
}
