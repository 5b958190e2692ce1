// An event as PG administrators write it (issue 7): its kind, title, date, window and directed time,
// and the schedule it is checked against. Pure.
import type { Cycle, EventWindow, Organisation, ScheduleEvent, ScheduleEventKind } from '../../shared/domain';

/** The kinds staff check in for (prompted, reminded, counted). */
const CHECK_IN_KIND_LIST: readonly ScheduleEventKind[] = ['check-in', 'optional-check-in'];

export const KIND_LABELS: Record<ScheduleEventKind, string> = {
  'check-in': 'Check-in',
  'optional-check-in': 'Non-compulsory check-in',
  'rock-setting': 'Rock setting',
  'aspiration-survey': 'Aspiration survey',
  'career-conversation': 'Career conversation',
  review: 'Review',
  'group-sharing': 'Sharing with the coaching group',
};

/** An event as an admin writes it: everything but its identity. */
export interface EventDraft {
  kind: ScheduleEventKind;
  number?: number;
  title: string;
  date: string;
  window: EventWindow;
  directedHours: number;
  alsoMarks: string[];
}

export type ScheduleChange =
  | { type: 'move' | 'edit'; eventId: string; version: number; draft: EventDraft }
  /** `cycleId`: another cycle than the current one (the next cycle, started ahead of its dates). */
  | { type: 'add'; draft: EventDraft; cycleId?: string }
  | { type: 'cancel'; eventId: string; version: number };

export interface ScheduleState {
  organisation: Organisation;
  cycle: Cycle;
  events: ScheduleEvent[];
}

export function isCheckInKind(kind: ScheduleEventKind): boolean {
  return CHECK_IN_KIND_LIST.includes(kind);
}

export function draftOf(event: ScheduleEvent): EventDraft {
  return { kind: event.kind, number: event.number, title: event.title, date: event.date, window: { ...event.window }, directedHours: event.directedHours, alsoMarks: [...(event.alsoMarks ?? [])] };
}

/** A key unique within the cycle: "check-in-14", or the kind and date ("aspiration-survey-2026-03-06"). */
export function keyFor(draft: Pick<EventDraft, 'kind' | 'number' | 'date'>, taken: readonly string[]): string {
  const base = draft.kind === 'check-in' && draft.number !== undefined ? `check-in-${draft.number}` : `${draft.kind}-${draft.date}`;
  let key = base;
  for (let i = 2; taken.includes(key); i += 1) key = `${base}-${i}`;
  return key;
}
