// GET /api/v1/dev/status: whether local dev sign-in (X-Dev-Identity: <oid>@<tid>) is on.
import { z } from 'zod';

export const DEV_IDENTITY_HEADER = 'X-Dev-Identity';

export const devStatusResponseSchema = z.union([
  z.object({
    devSignIn: z.literal(true),
    /** Up to 50 people who can be signed in as (they have an Entra object id). */
    people: z.array(z.object({ displayName: z.string(), entraObjectId: z.string(), organisationId: z.string() })),
  }),
  z.object({ devSignIn: z.literal(false) }),
]);

export type DevStatusResponse = z.infer<typeof devStatusResponseSchema>;
