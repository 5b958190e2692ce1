// A feedback thread on a check-in or a rock, between reviewee, reviewer and coach.
import { z } from 'zod';
import { idSchema, organisationIdSchema, requiredText } from './primitives';

export const commentSubjectSchema = z.object({ kind: z.enum(['check-in', 'rock']), id: idSchema });

export const commentSchema = z.object({
  id: idSchema,
  organisationId: organisationIdSchema,
  subject: commentSubjectSchema,
  /** Whose check-in or rock it is: decides who may read the thread. */
  ownerPersonId: idSchema,
  authorPersonId: idSchema,
  text: requiredText(2000),
  createdAt: z.date(),
});

export type CommentSubject = z.infer<typeof commentSubjectSchema>;
export type Comment = z.infer<typeof commentSchema>;
