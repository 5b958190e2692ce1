// Every saved version of an organisation's policy, kept: who saved it, from which version, which
// fields changed (before → after). Version N+1 exists at most once (its id is organisation + N+1),
// which is what makes a save against version N have exactly one winner.
import { z } from 'zod';
import { idSchema, organisationIdSchema } from './primitives';
import { policySchema } from './policy';

export const policyFieldChangeSchema = z.object({
  /** The field, as validation names it: "rocks.maxSuccessCriteria", "checkIns.reminder.at". */
  field: z.string().min(1),
  before: z.unknown(),
  after: z.unknown(),
});

export const policyVersionSchema = z.object({
  id: idSchema,
  organisationId: organisationIdSchema,
  version: z.number().int().min(1),
  /** The version this one was edited from (absent for the first). */
  basedOn: z.number().int().min(1).optional(),
  policy: policySchema,
  savedAt: z.date(),
  savedBy: z.object({ personId: idSchema.optional(), displayName: z.string().optional(), entraObjectId: z.string().optional() }),
  changes: z.array(policyFieldChangeSchema).default([]),
});

export type PolicyFieldChange = z.infer<typeof policyFieldChangeSchema>;
export type PolicyVersion = z.infer<typeof policyVersionSchema>;

export function policyVersionIdFor(organisationId: string, version: number): string {
  return `${organisationId}:policy:v${version}`;
}
