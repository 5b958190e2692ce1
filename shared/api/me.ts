// GET /api/v1/me: who is signed in, and the policy words and limits every screen needs.
import { z } from 'zod';
import { alignmentOptionSchema, personRoleSchema, rockSlotSchema, rockWindowSchema } from '../domain';
import { personSummarySchema } from './common';
import { scheduleEventDtoSchema } from './schedule';

export const vocabularySchema = z.object({
  rock: z.string(),
  rocks: z.string(),
  checkIn: z.string(),
  reviewer: z.string(),
});

export const meResponseSchema = z.object({
  person: personSummarySchema.extend({
    email: z.string(),
    school: z.string(),
    roleCategory: z.string(),
  }),
  organisation: z.object({ id: z.string(), name: z.string() }),
  policy: z.object({ id: z.string(), name: z.string(), timezone: z.string() }),
  vocabulary: vocabularySchema,
  slots: z.array(rockSlotSchema),
  rockWindows: z.array(rockWindowSchema),
  /** The rock window containing today, else the next one; absent after the last. */
  currentRockWindowId: z.string().optional(),
  maxSuccessCriteria: z.number().int(),
  alignment: z.object({ label: z.string(), options: z.array(alignmentOptionSchema) }),
  checklist: z.array(z.string()),
  roles: z.array(personRoleSchema),
  /** Who reviews this person's check-ins under the policy, and their coach. */
  reviewer: personSummarySchema.optional(),
  coach: personSummarySchema.optional(),
  /** True when anyone has this person as reviewer or coach (show "My team"). */
  isReviewer: z.boolean(),
  cycle: z.object({ id: z.string(), label: z.string(), startsOn: z.string(), endsOn: z.string() }).optional(),
  /** The check-in whose window is open now, and the next one to open. */
  openCheckIn: scheduleEventDtoSchema.optional(),
  nextCheckIn: scheduleEventDtoSchema.optional(),
  /** seed 004: 'group' when check-ins are group coaching sessions (the tab shows "My group"). */
  checkInMode: z.enum(['individual', 'group']).optional(),
});

export type Vocabulary = z.infer<typeof vocabularySchema>;
export type MeResponse = z.infer<typeof meResponseSchema>;
