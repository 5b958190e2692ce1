// The talent grid, the pool and moderation (issue 13), each answer checked with the server's own
// schema. Kept beside endpoints.ts so the Talent and Moderation views are self-contained.
import { apiPaths } from '../../../shared/api/paths';
import {
  moderationNoteDtoSchema,
  moderationRocksResponseSchema,
  reviewerModerationNotesPath,
  reviewerModerationNotesResponseSchema,
  talentGridResponseSchema,
  talentPoolResponseSchema,
} from '../../../shared/api/talentGrid';
import { apiJson } from './client';

const withSchool = (path: string, school?: string) => (school ? `${path}?school=${encodeURIComponent(school)}` : path);

export const getTalentGrid = (school?: string) => apiJson(withSchool(apiPaths.talentGrid(), school), talentGridResponseSchema);
export const getTalentPool = (school?: string) => apiJson(withSchool(apiPaths.talentPool(), school), talentPoolResponseSchema);
export const getModerationRocks = (school?: string) => apiJson(withSchool(apiPaths.moderationRocks(), school), moderationRocksResponseSchema);
/** A client-chosen id makes a retried save idempotent. */
export const addModerationNote = (rockId: string, text: string, id: string) =>
  apiJson(apiPaths.moderationNotes(rockId), moderationNoteDtoSchema, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text, id }) });
export const getMyRevieweesModerationNotes = () => apiJson(reviewerModerationNotesPath(), reviewerModerationNotesResponseSchema);
