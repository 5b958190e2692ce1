// Who reviews a person, and changing it (seed 000 §5 redelegation; seed 002 §7.4 move of post):
// GET/POST /api/v1/people/:personId/reviewer. The admin channel's command takes the same input.
import { z } from 'zod';
import { idSchema, userText } from '../domain/primitives';
import { instantSchema, personSummarySchema } from './common';

export const redelegationRequestSchema = z.object({
  /** 'reviewer' is whoever reviews check-ins under the policy; 'coach' the coach. */
  role: z.enum(['reviewer', 'coach']).default('reviewer'),
  /** The new reviewer or coach; null leaves the role empty. */
  toPersonId: idSchema.nullable(),
  reason: userText(500).pipe(z.string().min(1, 'say why the reviewer changes')),
  /** The person's new school, when they also move post (their original reviewer is asked for a final check-in). */
  school: userText(200).optional(),
  /** true: only preview. Otherwise the change is applied. */
  dryRun: z.boolean().default(false),
  /** The preview's digest: when given and the person changed since, nothing is applied (409). */
  digest: z.string().max(100).optional(),
});

export const redelegationPreviewSchema = z.object({
  person: personSummarySchema,
  role: z.enum(['reviewer', 'coach']),
  from: personSummarySchema.optional(),
  to: personSummarySchema.optional(),
  reason: z.string(),
  school: z.string().optional(),
  handoverWith: personSummarySchema.optional(),
  lines: z.array(z.string()),
  digest: z.string(),
});

export const redelegationResponseSchema = z.object({
  applied: z.boolean(),
  preview: redelegationPreviewSchema,
  announcement: z.string().optional(),
});

export const reviewerAssignmentDtoSchema = z.object({
  role: z.enum(['reviewer', 'coach']),
  person: personSummarySchema.optional(),
  next: personSummarySchema.optional(),
  since: instantSchema.optional(),
  until: instantSchema,
  reason: z.string(),
  source: z.enum(['redelegation', 'directory-import']),
});

export const handoverDtoSchema = z.object({
  id: z.string(),
  reviewer: personSummarySchema,
  fromSchool: z.string(),
  toSchool: z.string(),
  requestedAt: instantSchema,
  doneAt: instantSchema.optional(),
});

export const reviewerRecordResponseSchema = z.object({
  person: personSummarySchema.extend({ school: z.string(), roleCategory: z.string(), startedOn: z.string().optional(), contractEndsOn: z.string().optional(), workingPattern: z.string().optional() }),
  reviewer: personSummarySchema.optional(),
  coach: personSummarySchema.optional(),
  history: z.array(reviewerAssignmentDtoSchema),
  handovers: z.array(handoverDtoSchema),
  canRedelegate: z.boolean(),
});

export const directorySearchQuerySchema = z.object({ q: z.string().trim().min(1, 'type part of a name or email').max(100) });

export const directorySearchResponseSchema = z.object({
  items: z.array(
    z.object({
      person: personSummarySchema.extend({ email: z.string(), school: z.string(), roleCategory: z.string() }),
      reviewer: personSummarySchema.optional(),
      canRedelegate: z.boolean(),
    }),
  ),
});

export type DirectorySearchResponse = z.infer<typeof directorySearchResponseSchema>;
export type RedelegationRequest = z.input<typeof redelegationRequestSchema>;
export type RedelegationResponse = z.infer<typeof redelegationResponseSchema>;
export type ReviewerRecordResponse = z.infer<typeof reviewerRecordResponseSchema>;
