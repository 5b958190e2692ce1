import { z } from 'zod';
import { idSchema, isoDateSchema, organisationIdSchema } from './primitives';

export const personStatusSchema = z.enum(['active', 'paused', 'excluded']);
/** recruitment: the recruitment / talent team told of career routes and shown the talent grid (seed 000 Appendix 4). */
export const personRoleSchema = z.enum(['pg-admin', 'smt', 'recruitment']);

/** How a person is employed, as the HR export says it (e.g. full-time, part-time 0.6, term-time only). */
export const workingPatternSchema = z.string().trim().min(1).max(100);

/**
 * One past reviewer (or coach) of a person: who, until when, why it changed and by whom. The
 * previous reviewer keeps read access to what they reviewed (check-ins submitted to them, rocks
 * from their time) and can finish a review in flight (bot/usecases/access.ts).
 */
export const reviewerAssignmentSchema = z.object({
  role: z.enum(['reviewer', 'coach']),
  /** The reviewer (or coach) who stopped; absent when there was none before. */
  personId: idSchema.optional(),
  /** Who took over; absent when the role was left empty. */
  nextPersonId: idSchema.optional(),
  /** When they became reviewer, if known (the previous entry's `until`). */
  since: z.date().optional(),
  until: z.date(),
  reason: z.string().max(500),
  source: z.enum(['redelegation', 'directory-import']),
  byPersonId: idSchema.optional(),
});

/**
 * A handover owed because a person moves post mid-year (seed 002 §7.4): the original coach or
 * reviewer checks in with them before the new post starts. Open until that reviewer marks it done.
 */
export const handoverSchema = z.object({
  id: idSchema,
  /** The original reviewer (or coach) who owes the final check-in. */
  reviewerId: idSchema,
  fromSchool: z.string().max(200),
  toSchool: z.string().max(200),
  /** The person's new reviewer, when the move changed it. */
  newReviewerId: idSchema.optional(),
  requestedAt: z.date(),
  doneAt: z.date().optional(),
  note: z.string().max(2000).optional(),
});

export const personSchema = z.object({
  id: idSchema,
  organisationId: organisationIdSchema,
  /** Entra object id (oid); known once imported from Teams or after the person installs the bot. */
  entraObjectId: z.string().optional(),
  displayName: z.string().min(1).max(200),
  email: z.string().email().transform((e) => e.toLowerCase()),
  school: z.string().max(200).default(''),
  /** e.g. teacher, support, leader, central, ECT: exclusions are by category (seed 000). */
  roleCategory: z.string().max(100).default('staff'),
  reviewerId: idSchema.optional(),
  coachId: idSchema.optional(),
  roles: z.array(personRoleSchema).default([]),
  status: personStatusSchema.default('active'),
  /** Why a person is paused or excluded (support plan, capability, long-term absence…). */
  statusReason: z.string().max(500).optional(),
  contractMonths: z.number().int().min(0).optional(),
  startedOn: isoDateSchema.optional(),
  /** Last day of a fixed-term contract; a contract ending within the policy's minimum is not prompted. */
  contractEndsOn: isoDateSchema.optional(),
  workingPattern: workingPatternSchema.optional(),
  /**
   * The day they left (issue 16, retention): set by the directory import that found them gone, or
   * read from an HR file's leaving date. Their whole record goes retention.years after it.
   */
  leftOn: isoDateSchema.optional(),
  /** Past reviewers and coaches, oldest first (redelegations and directory changes). */
  reviewerHistory: z.array(reviewerAssignmentSchema).optional(),
  /** Final check-ins owed by original reviewers after a move of post (seed 002 §7.4). */
  handovers: z.array(handoverSchema).optional(),
  /** Teams reachability: false after uninstall or a 403 MessageWritesBlocked, until they reinstall. */
  reachable: z.boolean().default(true),
  /**
   * Protected characteristics a trust chooses to import for its Equality Impact Assessment
   * (policy.reports.characteristics keys → value), only ever counted in groups, never shown per person.
   */
  equality: z.record(z.string(), z.string().max(100)).optional(),
  /**
   * When professional growth was paused and resumed (seed 000 §12's support pause): check-ins that
   * opened while paused were not theirs to answer, so the timeline and the on-time rate leave them out.
   */
  pauses: z.array(z.object({ from: z.date(), until: z.date().optional(), reason: z.string().max(500) })).optional(),
  /** The person asked not to have their reflections sampled for governors (seed 000 §3). */
  reportsOptOut: z.boolean().optional(),
  unreachableReason: z.string().optional(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

/** How someone no longer in the directory (a leaver, an erased record) is named wherever they appear. */
export const FORMER_COLLEAGUE = 'A former colleague';

export type PersonStatus = z.infer<typeof personStatusSchema>;
export type PersonRole = z.infer<typeof personRoleSchema>;
export type Person = z.infer<typeof personSchema>;
export type ReviewerAssignment = z.infer<typeof reviewerAssignmentSchema>;
export type Handover = z.infer<typeof handoverSchema>;
