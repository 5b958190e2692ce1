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

/**
 * When staff are told about a rock window's deadline (setBy): a prompt when setting opens (the
 * cycle's rock-setting event's window where there is one, else this many days before the
 * deadline), a reminder before it, and an overdue flag to them and their reviewer after it.
 */
export const rockDeadlineRulesSchema = z.object({
  opensDaysBefore: z.number().int().min(0).max(180).default(28),
  reminderDaysBefore: z.number().int().min(0).max(60).default(7),
  /** Local time of day the prompt, reminder and overdue flag go out. */
  at: localTimeSchema.default('09:00'),
});

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

/**
 * The grants of the access table (bot/usecases/access.ts) a trust can choose. Self, reviewer and
 * PG-admin access to what the app needs to work is not optional and not listed here.
 */
export const accessGrantsSchema = z.object({
  /** seed 002 §14: the coach reads their coachee's check-ins (and praise in them). */
  coachesSeeCheckIns: z.boolean().default(true),
  /** The coach reads their coachee's rocks. */
  coachesSeeRocks: z.boolean().default(true),
  /** SMT moderate rocks (seed 000 §3): across the organisation, only their own school's, or not at all. */
  smtSeeRocks: z.enum(['organisation', 'school', 'none']).default('organisation'),
  /** PG administrators read check-ins (seed 000 §3 names them among those who may). */
  pgAdminsSeeCheckIns: z.boolean().default(true),
});

export const DEFAULT_ACCESS_GRANTS = { coachesSeeCheckIns: true, coachesSeeRocks: true, smtSeeRocks: 'organisation', pgAdminsSeeCheckIns: true } as const;
/** A school term (or any period) within which something must happen at least once. */
export const growthTermSchema = z.object({
  key: z.string().regex(/^[a-z0-9-]+$/),
  label: z.string().min(1),
  startsOn: isoDateSchema,
  endsOn: isoDateSchema,
});

/**
 * Coach-led growth (seed 002, "Growing Great People"): a stage-one self-reflection against the
 * standards of the person's role, a professional growth plan, a growth log after each check-in,
 * feedback at least once a term, and a reflection, review and sharing at the end. Absent for trusts
 * whose policy has none of these.
 */
export const growthRulesSchema = z.object({
  selfReflection: z.object({
    /** seed 002 §5.1, §7.2.1: what each role category reflects against; first match wins. */
    standards: z.array(z.object({ roleCategories: z.array(z.string().min(1)).min(1), standard: z.string().min(1) })).default([]),
    /** Everyone else: "the requirements in your job description". */
    otherwise: z.string().min(1).default('the key skills and attributes in your job description and person specification'),
  }),
  /** seed 002 §11.3: after each check-in the person updates their growth log; asked when the check-in is submitted or acknowledged. */
  logPromptAfter: z.enum(['off', 'submitted', 'acknowledged']).default('acknowledged'),
  feedback: z.object({
    /** seed 002 §11.3: at least this many pieces of feedback each term (0 = not checked). */
    minPerTerm: z.number().int().min(0).max(20).default(1),
    terms: z.array(growthTermSchema).default([]),
  }),
  /** Which of the cycle's events are the stages: when one opens, staff get its card with a place to write. */
  stages: z
    .object({ selfReflection: z.string().optional(), plan: z.string().optional(), endReflection: z.string().optional() })
    .default({}),
});

const reviewOptionSchema = z.object({
  key: z.string().regex(/^[a-z0-9-]+$/),
  label: z.string().min(1),
  /** Shown with the option (seed 000 Appendix 4: "Consider stretch in Rock to support a final judgement of Exceptional"). */
  guidance: z.string().optional(),
  /**
   * What the outcome sets going: `talent` flags the person for the talent grid (and prompts the
   * stretch), `support` pauses professional growth and opens a support plan, `already-support`
   * records that a plan is in place; `none` continues as before.
   */
  effect: z.enum(['none', 'talent', 'support', 'already-support']).default('none'),
});

/**
 * One review stage of the year (seed 000: the March impact review, the June–August end-of-year
 * review; seed 001: the September reflection on last year, the reviewers' deadline and the
 * headteachers' approval). Opened for every eligible person and their reviewer when `eventKey`'s
 * window opens; the reviewee's part is due when it closes.
 */
export const reviewStageSchema = z.object({
  kind: z.enum(['impact', 'end-of-year']),
  label: z.string().min(1),
  /** The cycle event whose window opens the review (and whose close is the reviewee's deadline). */
  eventKey: z.string().min(1),
  /** The event whose close is the reviewer's deadline (seed 001: 30 September); default the same. */
  reviewerDeadlineEventKey: z.string().optional(),
  /** The event whose close is the final decision's deadline (seed 001: outcomes approved by HTs). */
  decisionDeadlineEventKey: z.string().optional(),
  /** Whether the review looks back on this cycle or the one before (seed 001 reviews last year in September). */
  covers: z.enum(['this-cycle', 'previous-cycle']).default('this-cycle'),
  outcomes: z.array(reviewOptionSchema).min(1),
  /** End of year: the reviewee's self-assessment options (seed 001: exceeded / met / partially met / not met). */
  selfAssessment: z.array(reviewOptionSchema).default([]),
  /** Who confirms or changes the reviewer's outcome, with a reason (seed 001: headteachers/managers). */
  finalDecisionBy: z.enum(['none', 'school-smt', 'reviewers-manager']).default('none'),
  /** seed 001: a face-to-face meeting with the reviewer before the statement. */
  requireMeetingDate: z.boolean().default(false),
  /** seed 000 §10: the written summary the employee comments on, and the new-year summary. */
  writtenSummary: z.boolean().default(false),
});

export const supportRulesSchema = z.object({
  /** seed 000 Appendix 4: informal or formal support, each with the step when it does not succeed. */
  routes: z
    .array(z.object({ key: z.string().regex(/^[a-z0-9-]+$/), label: z.string().min(1), ifUnsuccessful: z.string().min(1) }))
    .min(1),
  /** Reminders to the reviewer before the plan's review date. */
  reminderDaysBefore: z.number().int().min(0).max(60).default(7),
  /** Beyond the person and their reviewer: who may read a support plan. */
  seenBy: z.object({ pgAdmins: z.boolean().default(true), smt: z.boolean().default(false) }).default({ pgAdmins: true, smt: false }),
});

export const reviewRulesSchema = z.object({
  stages: z.array(reviewStageSchema).default([]),
  /** Reminders to whoever has not done their part: this many days before its deadline, at this local time. */
  reminder: z.object({ daysBefore: z.number().int().min(0).max(60).default(7), at: localTimeSchema.default('09:00') }).default({ daysBefore: 7, at: '09:00' }),
  support: supportRulesSchema.optional(),
  /** seed 000 §8: 360-degree feedback from named colleagues; whether the giver's name is shown. */
  feedback360: z.object({ anonymous: z.boolean().default(false), maxAsksPerRock: z.number().int().min(1).max(20).default(5) }).default({ anonymous: false, maxAsksPerRock: 5 }),
  /** seed 000 §10: "supporting standards" in the new-year summary, by role category; first match wins. */
  standards: z.array(z.object({ roleCategories: z.array(z.string().min(1)).min(1), standard: z.string().min(1) })).default([]),
  standardsOtherwise: z.string().default('the standards and accountabilities in your job description'),
});

const choiceOptionSchema = z.object({ key: z.string().regex(/^[a-z0-9-]+$/), label: z.string().min(1) });

/** One question of the aspiration survey (seed 000 Appendix 3/4); every question is optional to answer. */
export const surveyQuestionSchema = z.object({
  key: z.string().regex(/^[a-z0-9-]+$/),
  text: z.string().min(1),
  kind: z.enum(['choice', 'multi-choice', 'text']),
  options: z.array(choiceOptionSchema).default([]),
  /** What it is about (DfE 2024: workload, wellbeing, flexible working, career aspirations); groups the analysis. */
  topic: z.string().optional(),
});

export const aspirationSurveyRulesSchema = z.object({
  /** The cycle event whose window is the survey (TSFE: 6 Feb 2026). */
  eventKey: z.string().min(1),
  questions: z.array(surveyQuestionSchema).min(1),
  /** Beyond the person: who may read an individual's answers (the reviewer for the career conversation, PG admins). */
  readers: z.object({ reviewer: z.boolean().default(true), pgAdmins: z.boolean().default(true) }).default({ reviewer: true, pgAdmins: true }),
  reminderDaysBefore: z.number().int().min(0).max(30).default(2),
});

/** seed 000 Appendix 4: a career route and the follow-ups it sets going. */
export const careerRouteSchema = z.object({
  key: z.string().regex(/^[a-z0-9-]+$/),
  label: z.string().min(1),
  /** Where the route places the person on the talent grid's potential axis. */
  potential: z.enum(['high', 'medium', 'low', 'unknown']),
  followUps: z
    .array(
      z.object({
        key: z.string().regex(/^[a-z0-9-]+$/),
        text: z.string().min(1),
        owner: z.enum(['reviewer', 'reviewee', 'recruitment', 'pg-admin']),
        /** Due this many days after the conversation (ignored when atEndOfCycle: due at the cycle's end). */
        dueDays: z.number().int().min(0).max(365).default(30),
        atEndOfCycle: z.boolean().default(false),
        stayInterview: z.boolean().default(false),
      }),
    )
    .default([]),
});

export const careerRulesSchema = z.object({
  /** The cycle event of the career conversations (TSFE: 27 March 2026). */
  eventKey: z.string().min(1),
  routes: z.array(careerRouteSchema).min(1),
  /** Reminders to a follow-up's owner this many days before it is due. */
  reminderDaysBefore: z.number().int().min(0).max(60).default(3),
});

/** seed 000 §11.4 / Appendix 4's talent 9-box. */
export const talentRulesSchema = z.object({
  /** Who sees the talent pool and grid (never anyone else; staff never their own placement unless showOwnPlacement). */
  viewers: z.object({ smt: z.boolean().default(true), pgAdmins: z.boolean().default(true), recruitment: z.boolean().default(true) }).default({ smt: true, pgAdmins: true, recruitment: true }),
  showOwnPlacement: z.boolean().default(false),
  /** Development programmes signposted by grid box ("<performance>-<potential>", each high|medium|low). */
  programmes: z.array(z.object({ name: z.string().min(1), description: z.string().default(''), boxes: z.array(z.string().regex(/^(high|medium|low)-(high|medium|low)$/)).min(1) })).default([]),
});

/** seed 000 §3: anonymised information for Ofsted and governors, and the Equality Impact Assessment. */
export const reportRulesSchema = z.object({
  /** Groups smaller than this are merged or suppressed, never shown. */
  minGroupSize: z.number().int().min(2).max(50).default(5),
  governorSampleSize: z.number().int().min(1).max(100).default(10),
  /** The protected characteristics a trust chooses to import (optional directory columns), by key and label. */
  characteristics: z.array(choiceOptionSchema).default([]),
});

/** Where retention.years counts from: the end of the cycle a record belongs to, or the person's leaving date. */
export const retentionFromSchema = z.enum(['cycle-end', 'leaving']);
export type RetentionFrom = z.infer<typeof retentionFromSchema>;

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
    /** Deadlines of each window's setting (seed 000 Appendix 4: "Deadline 31/10/2025 Staff Set Rock 1"). */
    deadlines: rockDeadlineRulesSchema.default({ opensDaysBefore: 28, reminderDaysBefore: 7, at: '09:00' }),
    /** seed 001's Objectives Bank: key words and phrases shown while writing, by slot id or theme ("*": every slot). */
    bank: z.record(z.string(), z.array(z.string().min(1))).default({}),
    /** seed 001 FAQ: more than three may be worked on; absent = one per slot. */
    maxRocks: z.number().int().min(1).max(12).optional(),
    /** Where more than this many are held, this many are marked as the priorities for review (seed 001 FAQ). */
    priorities: z.number().int().min(1).max(12).default(3),
    /**
     * What happens to the last window's agreed rocks when the next cycle is started: nothing, or
     * they become drafts in the new cycle's first window (seed 000 Appendix 2: next year's Term 1
     * rocks are agreed June–August, before the new cycle starts).
     */
    carryOver: z.enum(['none', 'drafts']).default('none'),
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
    /** How many alignment codes a rock needs before it can be proposed (seed 004: every growth project on at least one 2030 driver). */
    minimum: z.number().int().min(0).max(20).default(0),
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
  retention: z.object({
    years: z.number().int().min(1),
    /**
     * Where the years count from (issue 16): 'cycle-end', a cycle's records go `years` after the
     * cycle ends (seed 000 §3: "retained securely for six years and then destroyed"); 'leaving',
     * they stay on the person's file while they work here and go `years` after they leave (seed 002
     * §14.3: "on the employee's personnel file ... for 6 years"). Either way a leaver's whole record
     * goes `years` after their leaving date, and a legal hold keeps everything.
     */
    from: retentionFromSchema.default('cycle-end'),
  }),
  /** Who may see what, where a trust may choose (DESIGN.md "Quality bars"); the defaults are the app's original table. */
  access: accessGrantsSchema.default(DEFAULT_ACCESS_GRANTS),
  growth: growthRulesSchema.optional(),
  /** The year's reviews (impact, end of year), support and 360 feedback; absent = none. */
  reviews: reviewRulesSchema.optional(),
  /** Issue 13: the aspiration survey, career conversations, the talent grid and the reports; absent = none. */
  aspirationSurvey: aspirationSurveyRulesSchema.optional(),
  career: careerRulesSchema.optional(),
  talent: talentRulesSchema.optional(),
  reports: reportRulesSchema.default({ minGroupSize: 5, governorSampleSize: 10, characteristics: [] }),
});

export type RockSlot = z.infer<typeof rockSlotSchema>;
export type RockWindow = z.infer<typeof rockWindowSchema>;
export type AlignmentOption = z.infer<typeof alignmentOptionSchema>;
export type RockDeadlineRules = z.infer<typeof rockDeadlineRulesSchema>;
export type CheckInRules = z.infer<typeof checkInRulesSchema>;
export type AccessGrants = z.infer<typeof accessGrantsSchema>;
export type Policy = z.infer<typeof policySchema>;
export type GrowthRules = z.infer<typeof growthRulesSchema>;
export type GrowthTerm = z.infer<typeof growthTermSchema>;
export type PolicyInput = z.input<typeof policySchema>;
export type ReviewStage = z.infer<typeof reviewStageSchema>;
export type ReviewOption = z.infer<typeof reviewOptionSchema>;
export type ReviewRules = z.infer<typeof reviewRulesSchema>;
export type SupportRules = z.infer<typeof supportRulesSchema>;
export type SurveyQuestion = z.infer<typeof surveyQuestionSchema>;
export type AspirationSurveyRules = z.infer<typeof aspirationSurveyRulesSchema>;
export type CareerRoute = z.infer<typeof careerRouteSchema>;
export type CareerRules = z.infer<typeof careerRulesSchema>;
export type TalentRules = z.infer<typeof talentRulesSchema>;
export type ReportRules = z.infer<typeof reportRulesSchema>;
