// GET /api/v1/people/:id/praise?direction=received|given. Praise never says which check-in it
// came from: the check-in is private to its author and reviewer (seed 001).
import { z } from 'zod';
import { CHECK_IN_LIMITS, idSchema, requiredText } from '../domain';
import { instantSchema, pageQuerySchema, pageSchema, personSummarySchema } from './common';
import { API_PREFIX } from './paths';

export const praiseDirectionSchema = z.enum(['received', 'given']);

export const praiseQuerySchema = pageQuerySchema.extend({
  direction: praiseDirectionSchema.default('received'),
});

export const praiseDtoSchema = z.strictObject({
  id: z.string(),
  from: personSummarySchema,
  to: personSummarySchema,
  message: z.string(),
  createdAt: instantSchema,
});

export const praiseListResponseSchema = pageSchema(praiseDtoSchema).extend({
  direction: praiseDirectionSchema,
});

export type PraiseDirection = z.infer<typeof praiseDirectionSchema>;
export type PraiseDto = z.infer<typeof praiseDtoSchema>;
export type PraiseListResponse = z.infer<typeof praiseListResponseSchema>;

// ---- Issue 15: praise in the tab.
// GET  /praise?direction=received|given   → my thank-yous, one per thank-you (a thanks to several is one card)
// POST /praise                            → give a thank-you {id (client uuid: a retry is the same thank-you), recipientIds, message}
// GET  /praise/colleagues?q=              → whom I may thank: id, name and school only, a screenful at most
// GET  /praise/pending                    → my thanks written in a check-in with nobody chosen
// POST /praise/pending/:id {recipientIds} → send it; DELETE /praise/pending/:id → discard it
// Praise is public to the recipient (seed 001) and to its giver: no policy makes a trust-wide wall,
// so nobody else's list is offered.
export const MAX_THANKED_AT_ONCE = 20;
export const MAX_COLLEAGUE_RESULTS = 10;

export const praisePaths = {
  wall: (direction: PraiseDirection) => `${API_PREFIX}/praise?direction=${direction}`,
  give: () => `${API_PREFIX}/praise`,
  colleagues: (q: string) => `${API_PREFIX}/praise/colleagues?q=${encodeURIComponent(q)}`,
  pending: () => `${API_PREFIX}/praise/pending`,
  pendingOne: (id: string) => `${API_PREFIX}/praise/pending/${encodeURIComponent(id)}`,
};

export const praiseWallQuerySchema = z.object({ direction: praiseDirectionSchema.default('received') });

const recipientIdsSchema = z
  .array(idSchema)
  .min(1, "choose who you're thanking")
  .max(MAX_THANKED_AT_ONCE, `thank up to ${MAX_THANKED_AT_ONCE} colleagues at a time`);

export const givePraiseRequestSchema = z.strictObject({
  id: z.uuid('send a new id for each thank-you'),
  recipientIds: recipientIdsSchema,
  message: requiredText(CHECK_IN_LIMITS.praiseMessage),
});

export const thankYouDtoSchema = z.strictObject({
  id: z.string(),
  from: personSummarySchema,
  to: z.array(personSummarySchema),
  message: z.string(),
  createdAt: instantSchema,
});

export const praiseWallResponseSchema = z.object({
  direction: praiseDirectionSchema,
  items: z.array(thankYouDtoSchema),
  /** More than the newest 200 are stored. */
  hasMore: z.boolean(),
});

export const praiseColleagueQuerySchema = z.object({ q: z.string().trim().max(100).default('') });
export const praiseColleaguesResponseSchema = z.object({
  items: z.array(z.strictObject({ id: z.string(), displayName: z.string(), school: z.string() })).max(MAX_COLLEAGUE_RESULTS),
});

export const pendingThanksDtoSchema = z.strictObject({
  id: z.string(),
  message: z.string(),
  /** The check-in it was written in, e.g. "Check in 6 · Fri 26 Jan". */
  checkInTitle: z.string().optional(),
  createdAt: instantSchema,
});

export const pendingThanksListResponseSchema = z.object({ items: z.array(pendingThanksDtoSchema) });
export const sendPendingThanksRequestSchema = z.strictObject({ recipientIds: recipientIdsSchema });
export const discardPendingThanksResponseSchema = z.object({ id: z.string(), discarded: z.literal(true) });

export type GivePraiseRequest = z.input<typeof givePraiseRequestSchema>;
export type ThankYouDto = z.infer<typeof thankYouDtoSchema>;
export type PraiseWallResponse = z.infer<typeof praiseWallResponseSchema>;
export type PraiseColleague = z.infer<typeof praiseColleaguesResponseSchema>['items'][number];
export type PendingThanksDto = z.infer<typeof pendingThanksDtoSchema>;
