// The event form's inputs (Action.Execute data) as a schedule change, or what is wrong with them.
import { z } from 'zod';
import { eventWindowSchema, scheduleEventKindSchema, scheduleEventKinds, type ScheduleEvent, type ScheduleEventKind } from '../../shared/domain';
import type { EventFormMode, EventFormValues } from '../cards/admin';
import { draftOf, type EventDraft, type ScheduleChange, type ScheduleState } from '../schedule/draft';
import { movedWindow, usualWindow } from '../schedule/windows';

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : undefined);

export function formValues(data: Record<string, unknown>): EventFormValues {
  return {
    kind: text(data.kind),
    number: text(data.number),
    title: typeof data.title === 'string' ? data.title : undefined,
    date: text(data.date),
    opensDate: text(data.opensDate),
    opensTime: text(data.opensTime),
    closesDate: text(data.closesDate),
    closesTime: text(data.closesTime),
    hours: text(data.hours),
  };
}

/** A draft (from a preview's "Change it") back into the form's fields. */
export function valuesOfDraft(draft: EventDraft): EventFormValues {
  return {
    kind: draft.kind,
    number: draft.number === undefined ? undefined : String(draft.number),
    title: draft.title,
    date: draft.date,
    opensDate: draft.window.opens.slice(0, 10),
    opensTime: draft.window.opens.slice(11, 16),
    closesDate: draft.window.closes.slice(0, 10),
    closesTime: draft.window.closes.slice(11, 16),
    hours: String(draft.directedHours),
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}$/;

function windowFrom(values: EventFormValues, errors: string[]): { opens: string; closes: string } | undefined {
  const parts = [values.opensDate, values.opensTime, values.closesDate, values.closesTime];
  if (parts.every((p) => !p)) return undefined;
  if (!values.opensDate || !DATE.test(values.opensDate) || !values.closesDate || !DATE.test(values.closesDate)) {
    errors.push('Give both the day the window opens and the day it closes (or leave all four window fields empty).');
    return undefined;
  }
  const opensTime = values.opensTime || '08:00';
  const closesTime = values.closesTime || '23:59';
  if (!TIME.test(opensTime) || !TIME.test(closesTime)) {
    errors.push('Window times look like 08:00.');
    return undefined;
  }
  return { opens: `${values.opensDate}T${opensTime}`, closes: `${values.closesDate}T${closesTime}` };
}

export type FormOutcome = { kind: 'change'; change: ScheduleChange } | { kind: 'errors'; errors: string[] };

export function changeFromForm(mode: EventFormMode, values: EventFormValues, event: ScheduleEvent | undefined, state: ScheduleState): FormOutcome {
  const errors: string[] = [];
  const date = values.date ?? '';
  if (!DATE.test(date)) errors.push('Choose a date.');
  if (mode !== 'add' && !event) return { kind: 'errors', errors: ['That event is no longer on the schedule.'] };
  if (mode === 'move') {
    if (errors.length > 0) return { kind: 'errors', errors };
    const draft: EventDraft = { ...draftOf(event!), date, window: movedWindow(event!, date, state.cycle) };
    return { kind: 'change', change: { type: 'move', eventId: event!.id, version: event!.version, draft } };
  }
  const hours = values.hours === undefined || values.hours === '' ? NaN : Number(values.hours);
  if (!Number.isFinite(hours)) errors.push('Give the directed time in hours (0 if none).');
  const window = windowFrom(values, errors);
  if (mode === 'edit') {
    if (errors.length > 0) return { kind: 'errors', errors };
    const before = draftOf(event!);
    // Only the date changed: the window follows it, as for a move.
    const sameWindow = !window || (window.opens === before.window.opens && window.closes === before.window.closes);
    const draft: EventDraft = {
      ...before,
      title: values.title ?? before.title,
      date,
      window: sameWindow && date !== before.date ? movedWindow(event!, date, state.cycle) : (window ?? before.window),
      directedHours: hours,
    };
    return { kind: 'change', change: { type: 'edit', eventId: event!.id, version: event!.version, draft } };
  }
  const kind = scheduleEventKinds.includes(values.kind as ScheduleEventKind) ? (values.kind as ScheduleEventKind) : undefined;
  if (!kind) errors.push('Choose what kind of event it is.');
  const number = values.number ? Number(values.number) : undefined;
  if (kind === 'check-in' && (number === undefined || !Number.isInteger(number) || number < 1)) errors.push('A check-in needs its number (Check in 1, 2, …).');
  if (errors.length > 0 || !kind) return { kind: 'errors', errors };
  const title = values.title?.trim() || (kind === 'check-in' ? `Check in ${number}` : '');
  const draft: EventDraft = {
    kind,
    number: kind === 'check-in' ? number : undefined,
    title,
    date,
    window: window ?? usualWindow(kind, date, state),
    directedHours: hours,
    alsoMarks: [],
  };
  return { kind: 'change', change: { type: 'add', draft } };
}

const draftSchema = z.object({
  kind: scheduleEventKindSchema,
  number: z.number().int().positive().optional(),
  title: z.string().max(500),
  date: z.string(),
  window: eventWindowSchema,
  directedHours: z.number(),
  alsoMarks: z.array(z.string().max(500)).max(10).default([]),
});

/** The change a Confirm button carries, checked: a card's data comes back from the client. */
export const scheduleChangeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.enum(['move', 'edit']), eventId: z.string().min(1), version: z.number().int().min(0), draft: draftSchema }),
  z.object({ type: z.literal('add'), draft: draftSchema, cycleId: z.string().min(1).max(200).optional() }),
  z.object({ type: z.literal('cancel'), eventId: z.string().min(1), version: z.number().int().min(0) }),
]);

export function parseDraft(json: unknown): EventDraft | undefined {
  if (typeof json !== 'string') return undefined;
  try {
    const result = draftSchema.safeParse(JSON.parse(json));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}
