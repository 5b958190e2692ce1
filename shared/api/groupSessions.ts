// seed 004's group coaching check-ins in the tab: my groups' sessions, one session with its posts
// and thread replies, and (PG admins) progress by group. Nothing is ranked: posts come in name order.
import { z } from 'zod';
import { GROUP_POST_MAX_LENGTH } from '../domain';
import { personSummarySchema } from './common';

export const groupSessionSummarySchema = z.object({
  id: z.string(),
  kind: z.enum(['check-in', 'sharing']),
  title: z.string(),
  date: z.string().optional(),
  postedAt: z.string().optional(),
  open: z.boolean(),
  membersPosted: z.number().int(),
  iPosted: z.boolean(),
  replies: z.number().int(),
});

export const myGroupSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(['member', 'leader', 'pg-admin']),
  leader: personSummarySchema.optional(),
  members: z.array(personSummarySchema),
  sessions: z.array(groupSessionSummarySchema),
});

export const myGroupSessionsResponseSchema = z.object({ groups: z.array(myGroupSchema) });

export const groupPostDtoSchema = z.object({
  author: personSummarySchema,
  answers: z.array(z.object({ id: z.string(), label: z.string(), text: z.string() })),
  updatedAt: z.string(),
});

export const groupReplyDtoSchema = z.object({ author: personSummarySchema.optional(), authorName: z.string(), text: z.string(), at: z.string() });

export const groupSessionResponseSchema = z.object({
  session: groupSessionSummarySchema,
  group: z.object({ id: z.string(), name: z.string() }),
  role: z.enum(['member', 'leader', 'pg-admin']),
  /** The prompts of this kind of session, in order. */
  fields: z.array(z.object({ id: z.string(), label: z.string() })),
  posts: z.array(groupPostDtoSchema),
  notPostedYet: z.array(personSummarySchema),
  replies: z.array(groupReplyDtoSchema),
});

export const groupProgressResponseSchema = z.object({
  groups: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      members: z.number().int(),
      hasConversation: z.boolean(),
      /** Sessions whose card is in the group's conversation. */
      sessionsHeld: z.number().int(),
      sessions: z.array(z.object({ id: z.string(), title: z.string(), date: z.string().optional(), membersPosted: z.number().int(), members: z.number().int() })),
    }),
  ),
});

/** PUT /group-sessions/:id/my-post: a member's answers by prompt id (see `fields`); empty ones are left out. */
export const saveGroupPostRequestSchema = z.object({ answers: z.record(z.string(), z.string().max(GROUP_POST_MAX_LENGTH, `keep it under ${GROUP_POST_MAX_LENGTH} characters`)) });

export type SaveGroupPostRequest = z.infer<typeof saveGroupPostRequestSchema>;
export type GroupSessionSummary = z.infer<typeof groupSessionSummarySchema>;
export type MyGroupSessionsResponse = z.infer<typeof myGroupSessionsResponseSchema>;
export type GroupSessionResponse = z.infer<typeof groupSessionResponseSchema>;
export type GroupProgressResponse = z.infer<typeof groupProgressResponseSchema>;
