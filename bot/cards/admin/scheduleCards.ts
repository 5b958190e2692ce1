// The admin channel's schedule cards: the coming events with Move / Edit / Cancel, the event form,
// the preview of a change with Confirm, and what happened after (pure functions of domain state).
import type { ScheduleEvent, ScheduleEventKind } from '../../../shared/domain';
import { scheduleEventKinds } from '../../../shared/domain';
import { formatEventDate } from '../../../shared/policy';
import { ADMIN_VERBS } from '../../../shared/verbs';
import { KIND_LABELS, isCheckInKind } from '../../schedule/draft';
import { formatWindow } from '../../schedule/words';
import type { ChangePreview, ScheduleRow } from '../../schedule/previews';
import { heading, paragraph, type ColumnSet, type FactSet } from '../adaptiveCard';
import { adminCard, bullets, execute, type AdminCard, type AdminElement } from './adminCard';

export type EventFormMode = 'move' | 'edit' | 'add';

const STATE_LABELS: Record<ScheduleRow['state'], string> = { upcoming: 'Scheduled', open: 'Open now', closed: 'Closed', cancelled: 'Cancelled' };

function eventActions(event: ScheduleEvent) {
  const data = { eventId: event.id, version: String(event.version) };
  return [
    execute('Move', ADMIN_VERBS.openEventForm, { ...data, mode: 'move' }),
    execute('Edit', ADMIN_VERBS.openEventForm, { ...data, mode: 'edit' }),
    execute('Cancel', ADMIN_VERBS.previewEventChange, { ...data, mode: 'cancel' }, 'destructive'),
  ];
}

function eventFacts(event: ScheduleEvent, timezone: string, extra: FactSet['facts'] = []): FactSet {
  return {
    type: 'FactSet',
    facts: [
      { title: 'Kind', value: KIND_LABELS[event.kind] },
      { title: 'Window', value: formatWindow(event.window, timezone) },
      { title: 'Directed time', value: `${event.directedHours} h` },
      ...extra,
    ],
  };
}

export interface ScheduleCardInput {
  cycleLabel: string;
  rows: ScheduleRow[];
  timezone: string;
  /** A line above the list, e.g. what just changed. */
  notice?: string;
  /** Something the administrator must act on, e.g. no cycle covers today. */
  warning?: string;
  /** Set when the card is for another cycle than the current one (the next, started ahead): its buttons keep to it. */
  cycleId?: string;
}

export function buildScheduleCard(input: ScheduleCardInput): AdminCard {
  const body: AdminElement[] = [heading(`Schedule · ${input.cycleLabel}`)];
  if (input.warning) body.push(paragraph(input.warning, { color: 'attention' }));
  if (input.notice) body.push(paragraph(input.notice, { color: 'good' }));
  if (input.rows.length === 0) body.push(paragraph('No events are left in this cycle. Add one below, or import next year\'s table.'));
  for (const row of input.rows) {
    const { event } = row;
    const progress = isCheckInKind(event.kind) ? [{ title: 'Prompted / submitted', value: `${row.prompted} / ${row.submitted}` }] : [];
    body.push({
      type: 'Container',
      separator: true,
      spacing: 'medium',
      items: [
        paragraph(`**${event.title}** · ${formatEventDate(event.date, input.timezone)}`, { size: 'medium' }),
        ...(event.alsoMarks.length > 0 ? [paragraph(`Also: ${event.alsoMarks.join('; ')}`, { isSubtle: true, spacing: 'none' })] : []),
        eventFacts(event, input.timezone, [{ title: 'Status', value: STATE_LABELS[row.state] }, ...progress]),
        ...(row.state === 'cancelled' ? [] : [{ type: 'ActionSet' as const, actions: eventActions(event) }]),
      ],
    });
  }
  const inCycle: Record<string, string> = input.cycleId ? { cycleId: input.cycleId } : {};
  return adminCard(body, [execute('Add an event', ADMIN_VERBS.openEventForm, { mode: 'add', ...inCycle }), execute('Refresh', ADMIN_VERBS.showSchedule, inCycle)]);
}

export interface EventFormValues {
  kind?: string;
  number?: string;
  title?: string;
  date?: string;
  opensDate?: string;
  opensTime?: string;
  closesDate?: string;
  closesTime?: string;
  hours?: string;
}

export interface EventFormInput {
  mode: EventFormMode;
  event?: ScheduleEvent;
  values: EventFormValues;
  errors?: string[];
  timezone: string;
  cycle: { startsOn: string; endsOn: string };
  /** Another cycle than the current one, for an added event. */
  cycleId?: string;
}

function numberValue(text: string | undefined): number | undefined {
  return text === undefined || text === '' || !Number.isFinite(Number(text)) ? undefined : Number(text);
}

export function buildEventFormCard(input: EventFormInput): AdminCard {
  const { mode, event, values } = input;
  const title = mode === 'add' ? 'Add an event' : mode === 'move' ? `Move ${event!.title}` : `Edit ${event!.title}`;
  const body: AdminElement[] = [heading(title)];
  if (event) body.push(paragraph(`Now: ${formatEventDate(event.date, input.timezone)}, window ${formatWindow(event.window, input.timezone)}.`, { isSubtle: true }));
  if (input.errors && input.errors.length > 0) body.push(...bullets(input.errors, { color: 'attention' }));
  const range = { min: input.cycle.startsOn, max: input.cycle.endsOn };
  if (mode === 'add') {
    body.push({
      type: 'Input.ChoiceSet',
      id: 'kind',
      label: 'Kind',
      style: 'compact',
      isRequired: true,
      errorMessage: 'Choose what kind of event it is.',
      value: values.kind ?? 'check-in',
      choices: scheduleEventKinds.map((k: ScheduleEventKind) => ({ title: KIND_LABELS[k], value: k })),
    });
    body.push({ type: 'Input.Number', id: 'number', label: 'Check-in number (check-ins only)', min: 1, max: 99, value: numberValue(values.number) });
  }
  if (mode !== 'move') body.push({ type: 'Input.Text', id: 'title', label: 'Title', maxLength: 200, isRequired: true, errorMessage: 'Give the event a title.', value: values.title ?? event?.title ?? '' });
  body.push({ type: 'Input.Date', id: 'date', label: mode === 'move' ? 'New date' : 'Date', isRequired: true, errorMessage: 'Choose a date.', value: values.date ?? event?.date, ...range });
  if (mode === 'move') {
    body.push(paragraph('The window moves with the date and keeps its length.', { isSubtle: true }));
  } else {
    if (mode === 'add') body.push(paragraph("Leave the window empty to use the policy's usual window for this kind of event.", { isSubtle: true }));
    body.push(
      { type: 'Input.Date', id: 'opensDate', label: 'Window opens on', value: values.opensDate ?? event?.window.opens.slice(0, 10), ...range },
      { type: 'Input.Time', id: 'opensTime', label: 'at', value: values.opensTime ?? event?.window.opens.slice(11, 16) },
      { type: 'Input.Date', id: 'closesDate', label: 'Window closes on', value: values.closesDate ?? event?.window.closes.slice(0, 10), ...range },
      { type: 'Input.Time', id: 'closesTime', label: 'at', value: values.closesTime ?? event?.window.closes.slice(11, 16) },
      { type: 'Input.Number', id: 'hours', label: 'Directed time (hours)', min: 0, max: 24, isRequired: true, errorMessage: 'Give the directed time in hours (0 if none).', value: numberValue(values.hours) ?? event?.directedHours ?? 0.25 },
    );
  }
  const data: Record<string, string> = { mode, ...(event ? { eventId: event.id, version: String(event.version) } : {}), ...(input.cycleId && !event ? { cycleId: input.cycleId } : {}) };
  return adminCard(body, [execute('Preview', ADMIN_VERBS.previewEventChange, data, 'positive'), execute('Back to the schedule', ADMIN_VERBS.showSchedule)]);
}

export function buildChangePreviewCard(preview: ChangePreview, timezone: string): AdminCard {
  const body: AdminElement[] = [heading(preview.errors.length > 0 ? 'This change needs another look' : 'Check and confirm'), paragraph(preview.summary)];
  body.push(...bullets(preview.impact));
  body.push(...bullets(preview.warnings.map((w) => `⚠️ ${w}`), { color: 'warning' }));
  body.push(...bullets(preview.errors, { color: 'attention' }));
  if (preview.event) body.push(eventFacts(preview.event, timezone, [{ title: 'Date', value: formatEventDate(preview.event.date, timezone) }]));
  const actions = [];
  if (preview.errors.length === 0) actions.push(execute('Confirm', ADMIN_VERBS.confirmEventChange, { payload: JSON.stringify(preview.change) }, preview.change.type === 'cancel' ? 'destructive' : 'positive'));
  if (preview.change.type !== 'cancel') {
    const mode = preview.change.type;
    const where: Record<string, string> = 'eventId' in preview.change ? { eventId: preview.change.eventId } : preview.change.cycleId ? { cycleId: preview.change.cycleId } : {};
    actions.push(execute('Change it', ADMIN_VERBS.openEventForm, { mode, ...where, draft: JSON.stringify(preview.change.draft) }));
  }
  actions.push(execute('Back to the schedule', ADMIN_VERBS.showSchedule));
  return adminCard(body, actions);
}

export function buildAppliedCard(announcement: string, lines: string[] = []): AdminCard {
  return adminCard([heading('Done'), paragraph(announcement || 'That change was already made.'), ...bullets(lines)], [execute('Show the schedule', ADMIN_VERBS.showSchedule)]);
}

/** Two admins changed the same event: this one lost, and sees the event as it is now. */
export function buildConflictCard(message: string, current: ScheduleEvent | null, timezone: string): AdminCard {
  const body: AdminElement[] = [heading('Someone got there first'), paragraph(message)];
  if (current) {
    body.push(paragraph(`**${current.title}** · ${formatEventDate(current.date, timezone)}${current.status === 'cancelled' ? ' (cancelled)' : ''}`));
    body.push(eventFacts(current, timezone));
    if (current.status !== 'cancelled') body.push({ type: 'ActionSet', actions: eventActions(current) });
  }
  return adminCard(body, [execute('Show the schedule', ADMIN_VERBS.showSchedule)]);
}

export function buildAdminNoticeCard(title: string, text: string, lines: string[] = [], color?: 'attention' | 'warning'): AdminCard {
  return adminCard([heading(title), paragraph(text), ...bullets(lines, color ? { color } : {})]);
}

/** A table of text cells as column sets; the first row is the header. */
export function tableRows(rows: string[][]): ColumnSet[] {
  return rows.map((cells, i) => ({
    type: 'ColumnSet',
    spacing: i === 0 ? 'medium' : 'small',
    columns: cells.map((text, j) => ({
      type: 'Column',
      width: j === 0 ? 'stretch' : 'auto',
      items: [paragraph(text, { weight: i === 0 ? 'bolder' : 'default', size: 'small' })],
    })),
  }));
}
