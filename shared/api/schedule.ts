// GET /api/v1/schedule: the current cycle's dated events (seed 000 Appendix 3).
import { z } from 'zod';
import { scheduleEventKindSchema } from '../domain';
import { instantSchema } from './common';

/** Where an event is at the moment of the request. */
export const eventPhaseSchema = z.enum(['upcoming', 'open', 'closed', 'cancelled']);

export const scheduleEventDtoSchema = z.object({
  id: z.string(),
  key: z.string(),
  kind: scheduleEventKindSchema,
  number: z.number().int().optional(),
  title: z.string(),
  date: z.string(),
  /** Wall-clock times in the policy's time zone, as the pack writes them. */
  window: z.object({ opens: z.string(), closes: z.string() }),
  /** The same window as instants (closesAt is the last millisecond of the closing minute). */
  opensAt: instantSchema,
  closesAt: instantSchema,
  directedHours: z.number(),
  alsoMarks: z.array(z.string()),
  status: z.enum(['scheduled', 'cancelled']),
  phase: eventPhaseSchema,
});

export const cycleDtoSchema = z.object({ id: z.string(), label: z.string(), startsOn: z.string(), endsOn: z.string() });

export const scheduleResponseSchema = z.object({
  /** The cycle covering today; between cycles the next one (absent when none is scheduled). */
  cycle: cycleDtoSchema.optional(),
  timezone: z.string(),
  events: z.array(scheduleEventDtoSchema),
  /** Set when no cycle covers today: when the next starts (staff), or what to do (PG administrators). */
  notice: z.string().optional(),
});

export type EventPhase = z.infer<typeof eventPhaseSchema>;
export type ScheduleEventDto = z.infer<typeof scheduleEventDtoSchema>;
export type CycleDto = z.infer<typeof cycleDtoSchema>;
export type ScheduleResponse = z.infer<typeof scheduleResponseSchema>;
