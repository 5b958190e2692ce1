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

const localTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:mm, e.g. 09:00');

/** How check-ins run: their rhythm in the trust's words, who answers, the usual window, the reminder. */
export const checkInRulesSchema = z.object({
  /** How often, as staff would say it (welcome card, help): "every other Friday", "every half term". */
  rhythm: z.string().min(1).default('every other Friday'),
  /**
   * `individual`: a card to each person, answered alone, acknowledged by their reviewer (seeds 000, 001,
   * 002). `group`: a session card in the team's channel, members post and reply in its thread,
   * nothing is ranked (seed 004's group coaching check-ins).
   */
  mode: z.enum(['individual', 'group']).default('individual'),
  /** The usual window of a check-in dated D: opens D + opensDays at opensAt, closes D + closesDays at closesAt (local time). */
  window: z
    .object({
      opensDays: z.number().int().min(-31).max(31).default(0),
      opensAt: localTimeSchema.default('08:00'),
      closesDays: z.number().int().min(0).max(62).default(6),
      closesAt: localTimeSchema.default('23:59'),
    })
    .default({ opensDays: 0, opensAt: '08:00', closesDays: 6, closesAt: '23:59' }),
  /** The reminder to whoever has not answered: this many days before the window closes, at this local time (0 = the closing day). */
  reminder: z
    .object({
      daysBeforeClose: z.number().int().min(0).max(14).default(0),
      at: localTimeSchema.default('09:00'),
    })
    .default({ daysBeforeClose: 0, at: '09:00' }),
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
  checkIns: checkInRulesSchema.default({
    rhythm: 'every other Friday',
    mode: 'individual',
    window: { opensDays: 0, opensAt: '08:00', closesDays: 6, closesAt: '23:59' },
    reminder: { daysBeforeClose: 0, at: '09:00' },
  }),
  alignment: z.object({
    label: z.string().min(1),
    options: z.array(alignmentOptionSchema),
    /** How many options each rock must be aligned to (seed 004: every growth project on at least one 2030 driver). */
    minimum: z.number().int().min(0).default(0),
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
export type CheckInRules = z.infer<typeof checkInRulesSchema>;
export type Policy = z.infer<typeof policySchema>;
export type PolicyInput = z.input<typeof policySchema>;
