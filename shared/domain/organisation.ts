import { z } from 'zod';
import { organisationIdSchema } from './primitives';
import { policySchema } from './policy';

export const organisationSchema = z.object({
  /** The Entra tenant id for organisations that use Teams. */
  id: organisationIdSchema,
  name: z.string().min(1),
  policy: policySchema,
  /** PG administrators: Entra object ids, or members of a group. */
  adminObjectIds: z.array(z.string()).default([]),
  adminGroupId: z.string().optional(),
  /** The Teams channel where admins talk to the bot. */
  adminChannel: z.object({ teamId: z.string(), channelId: z.string() }).optional(),
  /** The policy's saved version (policyVersions collection); absent means 1, the policy as the organisation was created with. */
  policyVersion: z.number().int().min(1).optional(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export type Organisation = z.infer<typeof organisationSchema>;
