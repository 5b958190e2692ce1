// A policy is one trust's rules as configuration (DESIGN.md, "Policy is configuration").
import { z } from 'zod';
import { isoDateSchema } from './primitives';

export const rockSlotSchema = z.object({
  id: z.string().min(1),
  /** e.g. "Impact on Trust" (seed 001) or "Rock 1" (seed 000). */
  theme: z.string().min(1),
  guidance: z.string().optional(),
});

/** The period a set of rocks covers and when it must be agreed (seed 000: Sep–Dec, Jan–Mar, Apr–Aug). */
export const rockWindowSchema = z.object({
  id: z.string().min(1),
  label: z.string().min(1),
  startsOn: isoDateSchema,
  endsOn: isoDateSchema,
  setBy: isoDateSchema.optional(),
});

export const alignmentOptionSchema = z.object({
  code: z.string().min(1),
  label: z.string().min(1),
  group: z.string().optional(),
});

export const policySchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  trust: z.string().min(1),
  timezone: z.string().default('Europe/London'),
  vocabulary: z.object({
    rock: z.string().default('rock'),
    rocks: z.string().default('rocks'),
    checkIn: z.string().default('check-in'),
    reviewer: z.string().default('reviewer'),
  }),
  rocks: z.object({
    slots: z.array(rockSlotSchema).min(1),
    windows: z.array(rockWindowSchema),
    maxSuccessCriteria: z.number().int().min(1).max(20),
    /** Guidance shown while writing (seed 001's ISM / objectives checklist). */
    checklist: z.array(z.string()).default([]),
  }),
  alignment: z.object({
    label: z.string().min(1),
    options: z.array(alignmentOptionSchema),
  }),
  reviewers: z.object({
    /** Who reviews a check-in: the line manager, or a coach where the policy uses coaches (seed 002). */
    reviewedBy: z.enum(['line-manager', 'coach', 'coach-else-line-manager']),
    /** seed 001: acknowledge every check-in and comment on at least one response. */
    mustAcknowledge: z.boolean().default(true),
  }),
  exclusions: z.object({
    /** Role categories outside the process (seed 000: ECTs follow their own programme). */
    roleCategories: z.array(z.string()).default([]),
    /** Contracts shorter than this are excluded (seed 000: less than a term). */
    minContractMonths: z.number().int().min(0).default(0),
    /** Staff paused for support or capability are not prompted. */
    excludePaused: z.boolean().default(true),
  }),
  retention: z.object({ years: z.number().int().min(1) }),
});

export type RockSlot = z.infer<typeof rockSlotSchema>;
export type RockWindow = z.infer<typeof rockWindowSchema>;
export type AlignmentOption = z.infer<typeof alignmentOptionSchema>;
export type Policy = z.infer<typeof policySchema>;
