// The talent pool and 9-box grid (seed 000 §11.4, Appendix 4's "talent 9 box") and the SMT's
// moderation of rocks (seed 000 §3, §6): request and response schemas for /talent/* and
// /moderation/*, /rocks/:id/moderation-notes.
import { z } from 'zod';
import { API_PREFIX } from './paths';
import { personSummarySchema } from './common';

export const talentLevels = ['high', 'medium', 'low'] as const;
export const talentLevelSchema = z.enum(talentLevels);
export type TalentLevel = z.infer<typeof talentLevelSchema>;

/** `?school=&cycleId=`: a school's people (SMT: their own school only), this cycle unless named. */
export const talentQuerySchema = z.object({
  school: z.string().trim().max(200).optional(),
  cycleId: z.string().min(1).max(200).optional(),
});
export type TalentQuery = z.infer<typeof talentQuerySchema>;

export const talentProgrammeDtoSchema = z.object({ name: z.string(), description: z.string() });

export const talentPersonDtoSchema = z.object({
  id: z.string(),
  name: z.string(),
  school: z.string(),
  /** Why they are here, in words: "Exceeding at the March impact review", the career route's label. */
  reasons: z.array(z.string()),
  /** `<performance>-<potential>`; absent for someone flagged before any review outcome. */
  box: z.string().optional(),
  performance: talentLevelSchema.optional(),
  potential: talentLevelSchema.optional(),
  /** The development programmes the policy signposts for their box. */
  programmes: z.array(talentProgrammeDtoSchema),
});
export type TalentPersonDto = z.infer<typeof talentPersonDtoSchema>;

const talentScopeShape = {
  cycle: z.object({ id: z.string(), label: z.string() }),
  /** The school shown; absent = the whole trust. */
  school: z.string().optional(),
  /** The schools the caller may choose between (SMT: their own). */
  schools: z.array(z.string()),
};

export const talentPoolResponseSchema = z.object({ ...talentScopeShape, people: z.array(talentPersonDtoSchema) });
export type TalentPoolResponse = z.infer<typeof talentPoolResponseSchema>;

export const talentBoxDtoSchema = z.object({
  /** `<performance>-<potential>`, e.g. `high-high`. */
  key: z.string(),
  performance: talentLevelSchema,
  potential: talentLevelSchema,
  label: z.string(),
  count: z.number().int(),
  people: z.array(talentPersonDtoSchema),
  programmes: z.array(talentProgrammeDtoSchema),
});
export type TalentBoxDto = z.infer<typeof talentBoxDtoSchema>;

/** Nine boxes: rows performance high → low, within a row potential low → high. */
export const talentGridResponseSchema = z.object({ ...talentScopeShape, boxes: z.array(talentBoxDtoSchema) });
export type TalentGridResponse = z.infer<typeof talentGridResponseSchema>;

/** GET /talent/me, only where policy.talent.showOwnPlacement: the caller's own box (or none). */
export const myTalentPlacementResponseSchema = z.object({ placement: talentPersonDtoSchema.nullable() });
export type MyTalentPlacementResponse = z.infer<typeof myTalentPlacementResponseSchema>;
export const myTalentPlacementPath = () => `${API_PREFIX}/talent/me`;

// ── Moderation ─────────────────────────────────────────────────────────────────────────────

export const moderationQuerySchema = talentQuerySchema;

export const moderationNoteRequestSchema = z.object({
  text: z.string().trim().min(1, 'write the note').max(2000, 'at most 2000 characters'),
  /** An idempotency key: a retried save with it (same author, same rock) stores one note. Never the note's id. */
  id: z.string().uuid().optional(),
});
export type ModerationNoteRequest = z.infer<typeof moderationNoteRequestSchema>;

export const moderationNoteDtoSchema = z.object({
  id: z.string(),
  rockId: z.string(),
  author: personSummarySchema,
  text: z.string(),
  createdAt: z.string(),
});
export type ModerationNoteDto = z.infer<typeof moderationNoteDtoSchema>;

export const moderationRockDtoSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.string(),
  owner: personSummarySchema.extend({ school: z.string() }),
  reviewer: personSummarySchema.nullable(),
  successCriteria: z.array(z.object({ text: z.string(), done: z.boolean() })),
  alignment: z.array(z.object({ code: z.string(), label: z.string() })),
  notes: z.array(moderationNoteDtoSchema),
});
export type ModerationRockDto = z.infer<typeof moderationRockDtoSchema>;

export const moderationRocksResponseSchema = z.object({ ...talentScopeShape, rocks: z.array(moderationRockDtoSchema), canAddNotes: z.boolean() });
export type ModerationRocksResponse = z.infer<typeof moderationRocksResponseSchema>;

export const moderationNotesResponseSchema = z.object({ rockId: z.string(), notes: z.array(moderationNoteDtoSchema) });
export type ModerationNotesResponse = z.infer<typeof moderationNotesResponseSchema>;

/** GET /moderation/notes: the notes left on the rocks of the people the caller reviews (the team view). */
export const reviewerModerationNotesResponseSchema = z.object({
  items: z.array(moderationNoteDtoSchema.extend({ rockTitle: z.string(), owner: personSummarySchema })),
});
export type ReviewerModerationNotesResponse = z.infer<typeof reviewerModerationNotesResponseSchema>;
export const reviewerModerationNotesPath = () => `${API_PREFIX}/moderation/notes`;
