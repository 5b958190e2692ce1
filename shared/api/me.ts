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
  /** Set when no cycle covers today: when the next starts (staff), or what to do (PG administrators). */
  cycleNotice: z.string().optional(),
  /** The check-in whose window is open now, and the next one to open. */
  openCheckIn: scheduleEventDtoSchema.optional(),
  nextCheckIn: scheduleEventDtoSchema.optional(),
  /** A PG administrator, who may change the organisation's policy (the tab shows its Policy view). */
  canEditPolicy: z.boolean().optional(),
  /** The policy keeps a self-reflection, growth plan and growth log (seed 002): show "My growth plan". */
  growth: z.boolean().optional(),
  /** seed 001's Objectives Bank: key words and phrases by slot id or theme, shown while writing. */
  bank: z.record(z.string(), z.array(z.string())).default({}),
  /** The most rocks held at once in a window, and how many are marked as priorities where more are held. */
  maxRocks: z.number().int().optional(),
  priorities: z.number().int().optional(),
  /** Whether the policy asks this person to check in; when not, why (excluded, paused, ECT, contract…). */
  participation: z.object({ asked: z.boolean(), reason: z.string().optional() }).optional(),
  /** seed 004: 'group' when check-ins are group coaching sessions (the tab shows "My group"). */
  checkInMode: z.enum(['individual', 'group']).optional(),
  /** Issue 13: a talent viewer (policy.talent.viewers: SMT, PG admins, recruitment): show "Talent". */
  talent: z.boolean().optional(),
  /** Issue 13: an SMT lead or PG admin who moderates rocks (seed 000 §6): show "Moderation". */
  moderation: z.boolean().optional(),
  /** Issue 13: the policy has an aspiration survey (the tab shows "Survey"). */
  survey: z.boolean().optional(),
  /** Issue 13: the policy holds career conversations (the tab shows "Career"). */
  career: z.boolean().optional(),
});

export type Vocabulary = z.infer<typeof vocabularySchema>;
export type MeResponse = z.infer<typeof meResponseSchema>;
