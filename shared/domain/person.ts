import { z } from 'zod';
import { idSchema, isoDateSchema, organisationIdSchema } from './primitives';

export const personStatusSchema = z.enum(['active', 'paused', 'excluded']);
export const personRoleSchema = z.enum(['pg-admin', 'smt']);

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
  /** Teams reachability: false after uninstall or a 403 MessageWritesBlocked, until they reinstall. */
  reachable: z.boolean().default(true),
  unreachableReason: z.string().optional(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export type PersonStatus = z.infer<typeof personStatusSchema>;
export type PersonRole = z.infer<typeof personRoleSchema>;
export type Person = z.infer<typeof personSchema>;
