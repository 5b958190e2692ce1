// Praise calls (issue 15), each answer checked with the server's own schema. Kept beside
// endpoints.ts and imported only by lazily loaded views (Praise, the check-in form's thanks).
import {
  discardPendingThanksResponseSchema,
  pendingThanksListResponseSchema,
  praiseColleaguesResponseSchema,
  praisePaths,
  praiseWallResponseSchema,
  thankYouDtoSchema,
  type PraiseDirection,
} from '../../../shared/api/praise';
import { apiJson } from './client';

export type { PendingThanksDto, PraiseColleague, PraiseDirection, ThankYouDto } from '../../../shared/api/praise';

const send = (method: string, body?: unknown): RequestInit => ({
  method,
  ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
});

export const getPraiseWall = (direction: PraiseDirection) => apiJson(praisePaths.wall(direction), praiseWallResponseSchema);

/** `id` is chosen once per thank-you by the form, so a retried send is the same thank-you. */
export const givePraise = (request: { id: string; recipientIds: string[]; message: string }) => apiJson(praisePaths.give(), thankYouDtoSchema, send('POST', request));

export const searchPraiseColleagues = (q: string) => apiJson(praisePaths.colleagues(q), praiseColleaguesResponseSchema).then((r) => r.items);

export const getPendingThanks = () => apiJson(praisePaths.pending(), pendingThanksListResponseSchema).then((r) => r.items);

export const sendPendingThanks = (id: string, recipientIds: string[]) => apiJson(praisePaths.pendingOne(id), thankYouDtoSchema, send('POST', { recipientIds }));

export const discardPendingThanks = (id: string) => apiJson(praisePaths.pendingOne(id), discardPendingThanksResponseSchema, send('DELETE'));
