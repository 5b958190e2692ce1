// What the admin channel's cards show about the schedule: a change's preview, an import's
// preview, the coming events. Built by the use cases, drawn by bot/cards/admin.
import type { ScheduleEvent } from '../../shared/domain';
import type { ScheduleChange } from './draft';
import type { ImportedEvent, ScheduleProblem } from './tableImport';

export interface ChangePreview {
  change: ScheduleChange;
  /** The event as stored now (move, edit, cancel). */
  event?: ScheduleEvent;
  /** One sentence: "Moves Check in 6 from Fri 27 Feb to Fri 6 Mar." */
  summary: string;
  /** What it does to prompts and check-ins. */
  impact: string[];
  warnings: string[];
  errors: string[];
}

export interface ScheduleImportPreview {
  added: ImportedEvent[];
  changed: Array<{ row: ImportedEvent; event: ScheduleEvent; differences: string[] }>;
  /** Scheduled events the table leaves out: cancelled on confirm. */
  removed: ScheduleEvent[];
  /** Events the table leaves out that have already opened: kept as they are. */
  kept: ScheduleEvent[];
  unchanged: number;
  problems: ScheduleProblem[];
  warnings: string[];
  /** Fingerprint of the plan, events' versions included: Confirm applies only what was previewed. */
  digest: string;
}

export interface ScheduleRow {
  event: ScheduleEvent;
  /** Prompts sent so far (check-in kinds). */
  prompted: number;
  submitted: number;
  state: 'upcoming' | 'open' | 'closed' | 'cancelled';
}
