// GET /api/v1/people/:id/praise?direction=received|given. Praise never says which check-in it
// came from: the check-in is private to its author and reviewer (seed 001).
import { z } from 'zod';
import { instantSchema, pageQuerySchema, pageSchema, personSummarySchema } from './common';

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
