// Import previews (schedule table, staff directory) with Confirm, and the problems that stop one.
import { formatEventDate } from '../../../shared/policy';
import { ADMIN_VERBS } from '../../../shared/verbs';
import type { ScheduleProblem } from '../../schedule/tableImport';
import { formatWindow } from '../../schedule/words';
import type { ScheduleImportPreview } from '../../schedule/previews';
import { heading, paragraph } from '../adaptiveCard';
import { adminCard, bullets, execute, type AdminCard, type AdminElement } from './adminCard';

/** Long lists are cut to this many lines on a card ("and 212 more"). */
export const LIST_LIMIT = 15;

export function limited(lines: readonly string[], limit = LIST_LIMIT): string[] {
  return lines.length <= limit ? [...lines] : [...lines.slice(0, limit), `…and ${lines.length - limit} more`];
}

function section(title: string, lines: string[]): AdminElement[] {
  if (lines.length === 0) return [];
  return [paragraph(`**${title}**`, { spacing: 'medium' }), ...bullets(limited(lines))];
}

export function buildScheduleImportPreviewCard(preview: ScheduleImportPreview, timezone: string, confirmData: Record<string, string>): AdminCard {
  const nothing = preview.added.length + preview.changed.length + preview.removed.length === 0;
  const body: AdminElement[] = [
    heading(nothing ? 'The schedule already matches this table' : 'Check and confirm the schedule import'),
    paragraph(`${preview.added.length} to add, ${preview.changed.length} to change, ${preview.removed.length} to cancel, ${preview.unchanged} unchanged.`),
    ...section('Added', preview.added.map((r) => `line ${r.line}: ${r.draft.title} · ${formatEventDate(r.draft.date, timezone)} (window ${formatWindow(r.draft.window, timezone)}, ${r.draft.directedHours} h)`)),
    ...section('Changed', preview.changed.map((c) => `line ${c.row.line}: ${c.event.title} — ${c.differences.join('; ')}`)),
    ...section('Cancelled (not in the table)', preview.removed.map((e) => `${e.title} · ${formatEventDate(e.date, timezone)}`)),
    ...section('Kept (already opened, so not cancelled)', preview.kept.map((e) => `${e.title} · ${formatEventDate(e.date, timezone)}`)),
    ...bullets(preview.warnings.map((w) => `⚠️ ${w}`), { color: 'warning' }),
  ];
  const actions = nothing ? [] : [execute('Confirm', ADMIN_VERBS.confirmScheduleImport, confirmData, 'positive')];
  return adminCard(body, [...actions, execute('Show the schedule', ADMIN_VERBS.showSchedule)]);
}

export function buildProblemsCard(what: string, problems: readonly ScheduleProblem[]): AdminCard {
  return adminCard([
    heading(`${what} has problems`),
    paragraph('Nothing was changed. Fix these lines and send it again:'),
    ...bullets(limited(problems.map((p) => `line ${p.line}: ${p.message}`), 30), { color: 'attention' }),
  ]);
}

export interface DirectoryPreview {
  source: 'file' | 'roster';
  added: string[];
  changed: string[];
  left: string[];
  /** People the roster could not be used for (no email), etc. */
  skipped: string[];
  unchanged: number;
  /** Issue 13: one line each about what is not shown per person ("Equality data: 4 columns imported"). */
  notes?: string[];
}

export function buildDirectoryPreviewCard(preview: DirectoryPreview, confirmData: Record<string, string>): AdminCard {
  const nothing = preview.added.length + preview.changed.length + (preview.source === 'file' ? preview.left.length : 0) + (preview.notes?.length ?? 0) === 0;
  const leftTitle = preview.source === 'file' ? 'Left (not in the file: they will be excluded and no longer prompted)' : 'In the directory but not in this team (left as they are)';
  const body: AdminElement[] = [
    heading(nothing ? 'The directory already matches' : `Check and confirm the staff ${preview.source === 'file' ? 'directory' : 'import from this team'}`),
    paragraph(`${preview.added.length} to add, ${preview.changed.length} to change, ${preview.left.length} ${preview.source === 'file' ? 'left' : 'not in the team'}, ${preview.unchanged} unchanged.`),
    ...(preview.source === 'roster' ? [paragraph('People added from the team roster have no reviewer yet; import the staff directory file to set reviewers, schools and roles.', { isSubtle: true })] : []),
    ...section('Added', preview.added),
    ...section('Changed', preview.changed),
    ...section(leftTitle, preview.left),
    ...section('Skipped', preview.skipped),
    ...(preview.notes ?? []).map((note) => paragraph(note, { isSubtle: true })),
  ];
  return adminCard(body, nothing ? [] : [execute('Confirm', ADMIN_VERBS.confirmDirectoryImport, confirmData, 'positive')]);
}
