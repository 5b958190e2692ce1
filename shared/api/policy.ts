// /api/v1/organisations/:organisationId/policy: the organisation's policy with its version, a
// preview of an edit, saving it against the version it was based on (409 when that is stale), and
// the saved versions. Field errors name the policy field: "rocks.maxSuccessCriteria".
import { z } from 'zod';
import { policySchema } from '../domain';
import { instantSchema } from './common';
import { fieldErrorSchema } from './problem';

export const policyResponseSchema = z.object({
  organisationId: z.string(),
  version: z.number().int().min(1),
  policy: policySchema,
  savedAt: instantSchema.optional(),
  savedBy: z.string().optional(),
});

/** PUT (the whole policy) and POST preview: the edit and the version it was made from. */
export const policyEditRequestSchema = z.object({
  version: z.number().int().min(1),
  /** Checked by the server field by field (the errors name policy fields), so it is not parsed here. */
  policy: z.record(z.string(), z.unknown()),
});

/** PATCH: only the fields that change, e.g. `{ rocks: { maxSuccessCriteria: 5 } }`; objects merge, lists replace. */
export const policyPatchRequestSchema = z.object({
  version: z.number().int().min(1),
  changes: z.record(z.string(), z.unknown()),
});

export const policyFieldChangeDtoSchema = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });

export const policyEffectDtoSchema = z.object({
  field: z.string(),
  summary: z.string(),
  items: z.array(z.object({ id: z.string(), text: z.string() })),
});

export const policyPreviewResponseSchema = z.object({
  /** The edit was made from an older version than the one in force: saving it would get 409. */
  stale: z.boolean(),
  currentVersion: z.number().int().min(1),
  errors: z.array(fieldErrorSchema),
  changes: z.array(policyFieldChangeDtoSchema),
  effects: z.array(policyEffectDtoSchema),
});

export const policySaveResponseSchema = policyResponseSchema.extend({
  changes: z.array(policyFieldChangeDtoSchema),
  /** Reminders already queued that moved to the new reminder time. */
  remindersMoved: z.number().int().min(0),
});

export const policyVersionDtoSchema = z.object({
  version: z.number().int().min(1),
  basedOn: z.number().int().min(1).optional(),
  savedAt: instantSchema,
  savedBy: z.string().optional(),
  changes: z.array(policyFieldChangeDtoSchema),
});

export const policyVersionsResponseSchema = z.object({ items: z.array(policyVersionDtoSchema) });

export type PolicyResponse = z.infer<typeof policyResponseSchema>;
export type PolicyEditRequest = z.infer<typeof policyEditRequestSchema>;
export type PolicyPatchRequest = z.infer<typeof policyPatchRequestSchema>;
export type PolicyPreviewResponse = z.infer<typeof policyPreviewResponseSchema>;
export type PolicySaveResponse = z.infer<typeof policySaveResponseSchema>;
export type PolicyVersionsResponse = z.infer<typeof policyVersionsResponseSchema>;
export type PolicyEffectDto = z.infer<typeof policyEffectDtoSchema>;
