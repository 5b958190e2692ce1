// Bot Framework activities as Teams sends them, for posting to /api/messages in tests.
import { randomUUID } from 'node:crypto';

export const TEST_TENANT = '00000000-0000-0000-0000-0000000000001';

export interface TestUser {
  id: string;
  aadObjectId: string;
  name?: string;
}

export function personalMessage(user: TestUser, text: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'message',
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/',
    text,
    from: { id: user.id, aadObjectId: user.aadObjectId, name: user.name ?? 'Test User' },
    recipient: { id: '28:bot', name: 'Professional Growth' },
    conversation: { id: `a:${user.id}`, conversationType: 'personal', tenantId: TEST_TENANT },
    channelData: { tenant: { id: TEST_TENANT } },
    ...extra,
  };
}

/** Posts an activity; with deliveryMode expectReplies the bot's replies come back in the body. */
// Tests assert on whatever the bot answered (cards, invoke responses), so the body stays untyped.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function postActivity(baseUrl: string, activity: Record<string, unknown>): Promise<{ status: number; body: any }> {
  const res = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/**
 * The part every activity from `who` shares in their personal chat with the bot (Teams user id
 * `29:<who>`, Entra object id `oid-<who>`, conversation `a:29:<who>`), replies going to
 * `serviceUrl` (the Bot Connector stand-in); spread it and add type, name, value, text.
 */
export function personalActivity(who: string, serviceUrl: string) {
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: `29:${who}`, aadObjectId: `oid-${who}`, name: who },
    recipient: { id: '28:bot', name: 'Professional Growth' },
    conversation: { id: `a:29:${who}`, conversationType: 'personal', tenantId: TEST_TENANT },
    channelData: { tenant: { id: TEST_TENANT } },
  };
}
