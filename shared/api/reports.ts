// Issue 13's anonymised reports (seed 000 §3): GET /reports/ofsted, /reports/equality and
// /reports/directed-time (each also as .csv) for PG admins and SMT; the governors' anonymised
// sample of reflections (POST /reports/governor-samples, GET one, approve an item, download the
// release); PUT /me/reports-opt-out. Figures are counts in groups of at least the policy's minimum
// size, never about one person.
import { z } from 'zod';

export const reportQuerySchema = z.object({ cycleId: z.string().min(1).max(200).optional() });

/** A count: exact when 0 or at least the minimum group size; otherwise null with text "fewer than N". */
export const reportCellSchema = z.object({ count: z.number().int().min(0).nullable(), text: z.string() });
/** A rate in percent: null (text "fewer than N" or "—") when its numerator is hidden or its denominator is 0. */
export const reportRateSchema = z.object({ percent: z.number().min(0).max(100).nullable(), text: z.string() });

export const stageFiguresSchema = z.object({
  stage: z.string(),
  label: z.string(),
  opened: reportCellSchema,
  completed: reportCellSchema,
  completedRate: reportRateSchema,
  /** Outcomes of completed reviews, in the policy's order, by label. */
  outcomes: z.array(z.object({ key: z.string(), label: z.string(), count: reportCellSchema })),
});

export const supportFiguresSchema = z.object({
  supportPlansOpen: reportCellSchema,
  supportPlansSucceeded: reportCellSchema,
  feedbackAsked: reportCellSchema,
  feedbackAnswered: reportCellSchema,
  followUpsOpen: reportCellSchema,
  followUpsClosed: reportCellSchema,
});

/** One group's figures (a school, "Other schools", the trust, or a characteristic's value). */
export const reportGroupSchema = z.object({
  label: z.string(),
  /** True for "Other schools" / "Other / not stated": the groups too small to show alone, combined. */
  merged: z.boolean(),
  /** True when even the combined group is too small: no figures at all. */
  suppressed: z.boolean(),
  staff: reportCellSchema,
  participated: reportCellSchema,
  participationRate: reportRateSchema,
  checkIns: reportCellSchema,
  onTime: reportCellSchema,
  onTimeRate: reportRateSchema,
  reviews: z.array(stageFiguresSchema),
  support: supportFiguresSchema,
});

export const reportCycleSchema = z.object({ id: z.string(), label: z.string() });

export const ofstedReportSchema = z.object({
  cycle: reportCycleSchema,
  generatedAt: z.string(),
  minGroupSize: z.number().int(),
  /** The suppression rule, in words, as applied to this report. */
  suppression: z.string(),
  schools: z.array(reportGroupSchema),
  trust: reportGroupSchema,
});

export const equalityReportSchema = z.object({
  cycle: reportCycleSchema,
  generatedAt: z.string(),
  minGroupSize: z.number().int(),
  suppression: z.string(),
  characteristics: z.array(z.object({ key: z.string(), label: z.string(), groups: z.array(reportGroupSchema) })),
  /** Said when the trust imports no characteristics (policy.reports.characteristics empty). */
  notice: z.string().optional(),
});

export const directedTimeReportSchema = z.object({
  cycle: reportCycleSchema,
  generatedAt: z.string(),
  /** The cycle's scheduled events and their directed hours (cancelled events are left out). */
  events: z.array(z.object({ key: z.string(), title: z.string(), date: z.string(), hours: z.number() })),
  /** Hours for one person taking part: the sum of the events' hours. */
  hoursPerPerson: z.number(),
  rows: z.array(
    z.object({
      school: z.string(),
      roleCategory: z.string(),
      people: z.number().int(),
      takingPart: z.boolean(),
      hoursPerPerson: z.number(),
      totalHours: z.number(),
      /** Why not, for a role category the policy leaves out (e.g. ECTs follow their own programme). */
      note: z.string().optional(),
    }),
  ),
  totalHours: z.number(),
});

export const createGovernorSampleRequestSchema = z.object({
  cycleId: z.string().min(1).max(200).optional(),
  size: z.number().int('a whole number').min(1, 'at least 1').max(100, 'at most 100').optional(),
});

export const sampleApprovalStateSchema = z.enum(['waiting', 'approved', 'withheld']);

export const governorSampleItemDtoSchema = z.object({
  index: z.number().int(),
  text: z.string(),
  reviewer: sampleApprovalStateSchema,
  pgAdmin: sampleApprovalStateSchema,
  /** Approved by both: in the release. */
  released: z.boolean(),
  /** Whether the caller may approve or withhold it now, and as whom. */
  canApproveAs: z.enum(['reviewer', 'pg-admin']).optional(),
});

export const governorSampleDtoSchema = z.object({
  id: z.string(),
  cycle: reportCycleSchema,
  createdAt: z.string(),
  /** How many reflections were eligible to sample (submitted, not opted out), and how many were taken. */
  eligible: z.number().int(),
  items: z.array(governorSampleItemDtoSchema),
  /** Counts over the whole sample (a reviewer sees only their items but the same counts). */
  progress: z.object({ total: z.number().int(), released: z.number().int(), withheld: z.number().int(), waiting: z.number().int() }),
  /** PG admins see the whole sample; a reviewer only their own reviewees' items. */
  view: z.enum(['pg-admin', 'reviewer']),
});

export const governorSampleListSchema = z.object({
  samples: z.array(z.object({ id: z.string(), cycle: reportCycleSchema, createdAt: z.string(), total: z.number().int(), released: z.number().int(), waiting: z.number().int() })),
});

export const sampleApprovalRequestSchema = z.object({ approved: z.boolean({ error: 'approved must be true or false' }) });

export const governorSampleReleaseSchema = z.object({
  sampleId: z.string(),
  cycle: reportCycleSchema,
  /** Only the items approved by the reviewer and a PG admin, renumbered from 1. */
  items: z.array(z.object({ number: z.number().int(), text: z.string() })),
  released: z.number().int(),
  withheld: z.number().int(),
  /** Items still waiting for an approval: not in this release. */
  waiting: z.number().int(),
  note: z.string(),
});

export const reportsOptOutRequestSchema = z.object({ optOut: z.boolean({ error: 'optOut must be true or false' }) });
export const reportsOptOutResponseSchema = z.object({ optOut: z.boolean() });

export type ReportCell = z.infer<typeof reportCellSchema>;
export type ReportRate = z.infer<typeof reportRateSchema>;
export type ReportGroup = z.infer<typeof reportGroupSchema>;
export type StageFigures = z.infer<typeof stageFiguresSchema>;
export type OfstedReport = z.infer<typeof ofstedReportSchema>;
export type EqualityReport = z.infer<typeof equalityReportSchema>;
export type DirectedTimeReport = z.infer<typeof directedTimeReportSchema>;
export type GovernorSampleDto = z.infer<typeof governorSampleDtoSchema>;
export type GovernorSampleItemDto = z.infer<typeof governorSampleItemDtoSchema>;
export type GovernorSampleList = z.infer<typeof governorSampleListSchema>;
export type GovernorSampleRelease = z.infer<typeof governorSampleReleaseSchema>;
export type SampleApprovalState = z.infer<typeof sampleApprovalStateSchema>;
