// Feedback threads on a check-in or a rock: GET|POST /api/v1/threads/:kind/:id/comments.
import { z } from 'zod';
import { commentSubjectSchema, requiredText } from '../domain';
import { instantSchema, pageSchema, personSummarySchema } from './common';

export const threadKindSchema = commentSubjectSchema.shape.kind;

export const commentDtoSchema = z.object({
  id: z.string(),
  author: personSummarySchema,
  text: z.string(),
  createdAt: instantSchema,
});

/** Oldest first. `canComment` is false for readers who are not part of the conversation (PG admins). */
export const threadResponseSchema = pageSchema(commentDtoSchema).extend({
  subject: commentSubjectSchema,
  canComment: z.boolean(),
});

export const addCommentRequestSchema = z.object({
  /**
   * Optional idempotency key: a retried post with the same key (by the same person, on the same
   * thread) adds the comment once. It is never the comment's id: the server makes that.
   */
  id: z.string().min(1).max(100).optional(),
  text: requiredText(2000),
});

export type ThreadKind = z.infer<typeof threadKindSchema>;
export type CommentDto = z.infer<typeof commentDtoSchema>;
export type ThreadResponse = z.infer<typeof threadResponseSchema>;
export type AddCommentRequest = z.input<typeof addCommentRequestSchema>;
