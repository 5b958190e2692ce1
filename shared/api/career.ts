// The March career conversation and its follow-ups (issue 13, seed 000 Appendix 4):
//   GET /people/:id/career-conversation (?cycleId)   the person, their reviewer and PG admins (403 otherwise, 404 unknown)
//   PUT /people/:id/career-conversation              the reviewer records it (route, meeting date, notes)
//   PUT /people/:id/career-conversation/comment      the person comments
//   GET /follow-ups                                  mine: owned by me or my role, and those about my reviewees
//   POST /follow-ups/:id/close                       the owner (or anyone of its owner role) closes it with a note
import { z } from 'zod';
import { careerConversationContentSchema, closeFollowUpContentSchema, followUpOwnerRoles } from '../domain/talent';
import { requiredText } from '../domain/primitives';
import { instantSchema, personSummarySchema } from './common';

export const careerConversationRequestSchema = careerConversationContentSchema;
export type CareerConversationRequest = z.input<typeof careerConversationRequestSchema>;
export const careerCommentRequestSchema = z.object({ text: requiredText(3000) });
export const closeFollowUpRequestSchema = closeFollowUpContentSchema;
export const careerConversationQuerySchema = z.object({ cycleId: z.string().min(1).max(200).optional() });

export const followUpDtoSchema = z.object({
  id: z.string(),
  person: personSummarySchema,
  route: z.string(),
  routeLabel: z.string(),
  key: z.string(),
  text: z.string(),
  ownerRole: z.enum(followUpOwnerRoles),
  /** The owner's name where one person owns it; role-owned tasks name the role. */
  ownerName: z.string(),
  ownerId: z.string().optional(),
  dueOn: z.string(),
  /** Open and past its due date (the trust's today). */
  overdue: z.boolean(),
  atEndOfCycle: z.boolean(),
  stayInterview: z.boolean(),
  status: z.enum(['open', 'closed']),
  closedAt: instantSchema.optional(),
  /** Who closed it; absent when the system did (a route change). */
  closedBy: personSummarySchema.optional(),
  closedNote: z.string().optional(),
  canClose: z.boolean(),
});
export type FollowUpDto = z.infer<typeof followUpDtoSchema>;

export const careerRouteDtoSchema = z.object({
  key: z.string(),
  label: z.string(),
  followUps: z.array(z.object({ key: z.string(), text: z.string(), owner: z.enum(followUpOwnerRoles), dueDays: z.number().int(), atEndOfCycle: z.boolean(), stayInterview: z.boolean() })),
});

export const careerConversationDtoSchema = z.object({
  route: z.string(),
  routeLabel: z.string(),
  meetingOn: z.string().optional(),
  notes: z.string(),
  reviewerId: z.string(),
  createdAt: instantSchema,
  updatedAt: instantSchema,
});
export type CareerConversationDto = z.infer<typeof careerConversationDtoSchema>;

export const careerConversationResponseSchema = z.object({
  person: personSummarySchema,
  reviewer: personSummarySchema.nullable(),
  cycleId: z.string(),
  routes: z.array(careerRouteDtoSchema),
  conversation: careerConversationDtoSchema.nullable(),
  comment: z.object({ text: z.string(), updatedAt: instantSchema }).nullable(),
  /** The conversation's follow-ups the caller may see (the person: not the recruitment team's). */
  followUps: z.array(followUpDtoSchema),
  canRecord: z.boolean(),
  canComment: z.boolean(),
});
export type CareerConversationResponse = z.infer<typeof careerConversationResponseSchema>;

export const followUpListResponseSchema = z.object({ followUps: z.array(followUpDtoSchema) });
export type FollowUpListResponse = z.infer<typeof followUpListResponseSchema>;

/** On the end-of-year review: the career conversation's "review at end of annual cycle" follow-ups still open. */
export const careerFollowUpsForReviewSchema = z.object({
  routeLabel: z.string().nullable(),
  followUps: z.array(z.object({ id: z.string(), text: z.string(), dueOn: z.string(), ownerRole: z.enum(followUpOwnerRoles) })),
});
export type CareerFollowUpsForReview = z.infer<typeof careerFollowUpsForReviewSchema>;
