// seed 004 §8: "check-ins will take place ... (half-termly) within teams ... structured as group
// coaching opportunities". A coaching group is a team's members and its leader (coach), with the
// Teams channel or group chat its sessions are posted to; a session is one check-in (or the
// end-of-cycle sharing) of one group; each member posts once per session, colleagues reply in the
// thread. Nothing here is ranked or scored: "not a reporting exercise".
import { z } from 'zod';
import { idSchema, organisationIdSchema, userText } from './primitives';

/** Where a group's sessions are posted: a channel of a team, or a group chat, as learned on install or by the admin command. */
export const groupConversationSchema = z.object({
  scope: z.enum(['team', 'groupChat']),
  /** The channel id (19:...@thread.tacv2) or the group chat id (19:...@thread.v2). */
  conversationId: z.string().min(1),
  serviceUrl: z.string().url(),
  /** The Bot Framework ConversationReference for proactive posts, opaque outside bot/teams. */
  reference: z.record(z.string(), z.unknown()),
  teamId: z.string().optional(),
});

export const coachingGroupSchema = z.object({
  id: idSchema,
  organisationId: organisationIdSchema,
  /** As staff call it, e.g. "EYFS team" or "Year 5/6". */
  name: z.string().trim().min(1).max(100),
  /** Lower-cased name, unique within the organisation (admin commands name groups). */
  nameKey: z.string().min(1).max(100),
  memberIds: z.array(idSchema).default([]),
  /** The group's coach or team leader: follows the sessions, reads the posts. */
  leaderId: idSchema.optional(),
  conversation: groupConversationSchema.optional(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const groupSessionKindSchema = z.enum(['check-in', 'sharing']);

export const groupSessionSchema = z.object({
  /** groupSessionIdFor(organisation, event, group): one session per group and event, ever. */
  id: idSchema,
  organisationId: organisationIdSchema,
  eventId: idSchema,
  groupId: idSchema,
  kind: groupSessionKindSchema,
  /** The conversation it was posted into and the root message, whose thread holds the replies. */
  conversationId: z.string().min(1),
  activityId: z.string().optional(),
  /** Members when the card went out (the card's per-user refresh list). */
  memberIds: z.array(idSchema).default([]),
  /** Teams user ids the card refreshes for (members and leader who installed the app; ≤ 60). */
  refreshUserIds: z.array(z.string()).default([]),
  postedAt: z.date().optional(),
  createdAt: z.date(),
});

export const GROUP_POST_MAX_LENGTH = 2000;

/** The prompts of each kind of session, in order (seed 004 §8; §5 step 7 and Appendix D). */
export const GROUP_POST_FIELDS = {
  'check-in': [
    { id: 'successes', label: 'Successes' },
    { id: 'strengths', label: 'Strengths' },
    { id: 'barriers', label: 'Barriers' },
    { id: 'developments', label: 'Developments' },
  ],
  sharing: [
    { id: 'project', label: 'My growth project' },
    { id: 'impact', label: 'What changed for the children (and for me)' },
    { id: 'practice', label: 'Effective practice to share' },
  ],
} as const;

export const groupPostAnswersSchema = z.record(z.string(), userText(GROUP_POST_MAX_LENGTH));

export const groupPostSchema = z.object({
  /** groupPostIdFor(session, person): one post per member per session (a unique _id). */
  id: idSchema,
  organisationId: organisationIdSchema,
  sessionId: idSchema,
  groupId: idSchema,
  personId: idSchema,
  answers: groupPostAnswersSchema,
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const groupReplySchema = z.object({
  /** The Teams message id of the reply, so a redelivered activity is stored once. */
  id: idSchema,
  organisationId: organisationIdSchema,
  sessionId: idSchema,
  groupId: idSchema,
  personId: idSchema.optional(),
  authorName: z.string().max(200),
  text: userText(4000),
  at: z.date(),
});

export function groupSessionIdFor(organisationId: string, eventId: string, groupId: string): string {
  return `${organisationId}:group-session:${eventId}:${groupId}`;
}

export function groupPostIdFor(sessionId: string, personId: string): string {
  return `${sessionId}:post:${personId}`;
}

export type GroupConversation = z.infer<typeof groupConversationSchema>;
export type CoachingGroup = z.infer<typeof coachingGroupSchema>;
export type GroupSessionKind = z.infer<typeof groupSessionKindSchema>;
export type GroupSession = z.infer<typeof groupSessionSchema>;
export type GroupPost = z.infer<typeof groupPostSchema>;
export type GroupReply = z.infer<typeof groupReplySchema>;
