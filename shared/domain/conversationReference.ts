// Proactive messages need the conversation reference captured at install (DESIGN.md, platform facts).
import { z } from 'zod';
import { idSchema, organisationIdSchema } from './primitives';

export const conversationReferenceRecordSchema = z.object({
  id: idSchema,
  organisationId: organisationIdSchema,
  /** Teams user id (29:...) for personal scope; the team id for team scope. */
  key: z.string().min(1),
  scope: z.enum(['personal', 'team', 'groupChat']),
  personId: idSchema.optional(),
  entraObjectId: z.string().optional(),
  conversationId: z.string().min(1),
  serviceUrl: z.string().url(),
  /** The Bot Framework ConversationReference as received, kept opaque outside bot/. */
  reference: z.record(z.string(), z.unknown()),
  installedAt: z.date(),
  uninstalledAt: z.date().optional(),
  /**
   * The uninstall this install came after (absent for a first install): names the install, so
   * the two activities Teams sends for it (installationUpdate, conversationUpdate) welcome once.
   */
  reinstalledAfter: z.date().optional(),
  updatedAt: z.date(),
});

export type ConversationReferenceRecord = z.infer<typeof conversationReferenceRecordSchema>;
