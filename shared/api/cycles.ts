// Cycles (issue 14): every cycle of the organisation, past ones included (their schedule, check-ins
// and rocks stay readable with ?cycleId=), and a PG admin starting the next one: the options, a
// preview of every new event, and the confirm.
import { z } from 'zod';
import { rockWindowSchema, scheduleEventKindSchema } from '../domain';
import { instantSchema } from './common';

export const cycleSummaryDtoSchema = z.object({
  id: z.string(),
  key: z.string(),
  label: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  /** The cycle the app treats as current now. */
  current: z.boolean(),
  rockWindows: z.array(rockWindowSchema),
  startedFrom: z.object({ kind: z.enum(['pack', 'table', 'roll-forward']), fromCycleId: z.string().optional(), packId: z.string().optional() }).optional(),
});

/** GET /cycles: newest first. */
export const cycleListResponseSchema = z.object({ items: z.array(cycleSummaryDtoSchema) });

/** `?cycleId=` on GET /schedule and GET /people/:id/check-ins: a past (or next) cycle instead of the current one. */
export const cycleQuerySchema = z.object({ cycleId: z.string().min(1).max(200).optional() });

/** Where the next cycle's dates come from. A table is next year's Appendix 3 table, pasted (text) or a CSV file's content. */
export const nextCycleSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('roll-forward') }),
  z.object({ kind: z.literal('pack'), packId: z.string().min(1).max(100) }),
  z.object({ kind: z.literal('table'), text: z.string().min(1, 'paste the table').max(100_000), format: z.enum(['text', 'csv']).default('text') }),
]);

export const nextCyclePreviewRequestSchema = z.object({ source: nextCycleSourceSchema });
export const nextCycleConfirmRequestSchema = z.object({ source: nextCycleSourceSchema, digest: z.string().min(1).max(100) });

const windowDtoSchema = z.object({ opens: z.string(), closes: z.string() });

export const plannedEventDtoSchema = z.object({
  key: z.string(),
  kind: scheduleEventKindSchema,
  number: z.number().int().optional(),
  title: z.string(),
  date: z.string(),
  window: windowDtoSchema,
  opensAt: instantSchema,
  closesAt: instantSchema,
  directedHours: z.number(),
  alsoMarks: z.array(z.string()),
  /** This year's event it corresponds to. */
  was: z.object({ id: z.string(), title: z.string(), date: z.string(), window: windowDtoSchema }).optional(),
  /** What differs from `was`, in words ("new this year" when nothing corresponds). */
  differences: z.array(z.string()),
});

export const nextCyclePreviewResponseSchema = z.object({
  source: z.enum(['roll-forward', 'pack', 'table']),
  packId: z.string().optional(),
  from: z.object({ id: z.string(), key: z.string(), label: z.string(), startsOn: z.string(), endsOn: z.string() }),
  cycle: z.object({ key: z.string(), label: z.string(), startsOn: z.string(), endsOn: z.string(), policyId: z.string(), rockWindows: z.array(rockWindowSchema) }),
  timezone: z.string(),
  events: z.array(plannedEventDtoSchema),
  dropped: z.array(z.object({ id: z.string(), kind: scheduleEventKindSchema, title: z.string(), date: z.string() })),
  /** Events of the source whose window has already closed (a cycle started late): not created. */
  leftOut: z.array(z.object({ key: z.string(), kind: scheduleEventKindSchema, title: z.string(), date: z.string() })),
  warnings: z.array(z.string()),
  carryOver: z.object({ mode: z.enum(['none', 'drafts']), rocks: z.number().int(), people: z.number().int(), fromWindow: rockWindowSchema.optional(), toWindow: rockWindowSchema.optional() }),
  digest: z.string(),
});

/** GET /cycles/next: what the PG admin can start the next cycle from. */
export const nextCycleOptionsResponseSchema = z.object({
  from: z.object({ id: z.string(), key: z.string(), label: z.string(), startsOn: z.string(), endsOn: z.string() }),
  rollForward: z.object({ key: z.string(), label: z.string(), startsOn: z.string(), endsOn: z.string() }),
  packs: z.array(z.object({ id: z.string(), name: z.string(), label: z.string(), startsOn: z.string(), endsOn: z.string() })),
  carryOver: z.enum(['none', 'drafts']),
  /** Set when the next cycle has already been started. */
  started: cycleSummaryDtoSchema.optional(),
});

export const nextCycleStartedResponseSchema = z.object({ cycle: cycleSummaryDtoSchema, events: z.number().int(), carriedOver: z.number().int(), announcement: z.string() });

export type CycleSummaryDto = z.infer<typeof cycleSummaryDtoSchema>;
export type CycleListResponse = z.infer<typeof cycleListResponseSchema>;
export type NextCycleSourceDto = z.infer<typeof nextCycleSourceSchema>;
export type NextCycleSourceInput = z.input<typeof nextCycleSourceSchema>;
export type PlannedEventDto = z.infer<typeof plannedEventDtoSchema>;
export type NextCyclePreviewResponse = z.infer<typeof nextCyclePreviewResponseSchema>;
export type NextCycleOptionsResponse = z.infer<typeof nextCycleOptionsResponseSchema>;
export type NextCycleStartedResponse = z.infer<typeof nextCycleStartedResponseSchema>;
