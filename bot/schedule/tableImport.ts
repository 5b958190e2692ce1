// Import a table (seed 000 Appendix 3: "Date  Day  Think Ahead (TSFE)  Duration (hrs)"): pasted
// text or a CSV file, read into event drafts with every bad line reported. Pure.
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { DateTime } from 'luxon';
import type { ScheduleEvent, ScheduleEventKind } from '../../shared/domain';
import { scheduleEventKinds } from '../../shared/domain';
import type { EventDraft, ScheduleState } from './draft';
import { clashesOf } from './rules';
import { usualWindow } from './windows';
import { WEEKDAY_NAMES } from './words';

export interface ScheduleProblem {
  line: number;
  message: string;
}

export class ScheduleImportError extends Error {
  constructor(readonly problems: ScheduleProblem[]) {
    super(problems.map((p) => `line ${p.line}: ${p.message}`).join('\n'));
    this.name = 'ScheduleImportError';
  }
}

export interface ImportedEvent {
  line: number;
  draft: EventDraft;
}

const DAY_NAMES = new Map<string, number>([
  ['monday', 1], ['mon', 1], ['tuesday', 2], ['tue', 2], ['tues', 2], ['wednesday', 3], ['wed', 3],
  ['thursday', 4], ['thu', 4], ['thur', 4], ['thurs', 4], ['friday', 5], ['fri', 5], ['saturday', 6], ['sat', 6], ['sunday', 7], ['sun', 7],
]);

/** The kind of an event from its title, in the shipped pack's words. */
export function inferKind(title: string): { kind: ScheduleEventKind; number?: number; title: string; alsoMarks: string[] } | { error: string } {
  const [head = '', ...rest] = title.split(/\s+\/\s+/);
  const alsoMarks = rest.map((r) => r.trim()).filter(Boolean);
  const numbered = /^check[\s-]?in\s+(\d+)$/i.exec(head.trim());
  if (numbered) return { kind: 'check-in', number: Number(numbered[1]), title: `Check in ${Number(numbered[1])}`, alsoMarks };
  const whole = title.trim();
  if (/non[\s-]?compulsory\s+check[\s-]?in|optional\s+check[\s-]?in/i.test(whole)) return { kind: 'optional-check-in', title: whole, alsoMarks: [] };
  if (/^check[\s-]?in\b/i.test(head.trim())) return { error: `"${head.trim()}" needs its number, e.g. "Check in 6".` };
  if (/aspiration/i.test(whole)) return { kind: 'aspiration-survey', title: whole, alsoMarks: [] };
  if (/career\s+conversation/i.test(whole)) return { kind: 'career-conversation', title: whole, alsoMarks: [] };
  if (/\brocks?\b|success\s+criteria|objective\s+setting/i.test(whole)) return { kind: 'rock-setting', title: whole, alsoMarks: [] };
  // seed 004 §5 step 7: "presented to team colleagues at the end of the cycle".
  if (/\bshar(e|ing)\b.*\b(project|colleagues|team|group)/i.test(whole)) return { kind: 'group-sharing', title: whole, alsoMarks: [] };
  if (/review|reflection/i.test(whole)) return { kind: 'review', title: whole, alsoMarks: [] };
  return { error: `I can't tell what kind of event "${whole}" is. Start check-ins with "Check in N"; other events need "review", "rocks/success criteria", "Aspiration Survey", "Career conversations" or "Non-compulsory check in" in their title.` };
}

/** Teams delivers a pasted table as HTML: rows become lines and cells tabs. */
export function htmlToText(text: string): string {
  if (!/<\/?[a-z][^>]*>/i.test(text)) return text;
  return text
    .replace(/<at>.*?<\/at>/gi, '')
    .replace(/<\/t[dh]>/gi, '\t')
    .replace(/<br\s*\/?>|<\/(p|div|tr|li)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

const DATE_CELL = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const LOOSE_ROW = /^(\d{1,2}\/\d{1,2}\/\d{4})\s+(?:([A-Za-z]+)\s+)?(.+?)\s+(\d+(?:\.\d+)?)\s*(?:h|hrs?|hours?)?$/;

interface Cells {
  date: string;
  day?: string;
  title: string;
  hours: string;
}

/** One line of a pasted table as cells: by tabs or runs of spaces, or (Teams may collapse those) by shape. */
function cellsOfLine(line: string): Cells | { error: string } {
  const trimmed = line.trim();
  const columns = trimmed.split(/\t+|\s{2,}/).map((c) => c.trim()).filter(Boolean);
  if (columns.length === 4) return { date: columns[0]!, day: columns[1], title: columns[2]!, hours: columns[3]! };
  if (columns.length === 3 && !DAY_NAMES.has(columns[1]!.toLowerCase())) return { date: columns[0]!, title: columns[1]!, hours: columns[2]! };
  if (columns.length === 1 || columns.length === 2) {
    const m = LOOSE_ROW.exec(trimmed.replace(/\s+/g, ' '));
    if (m) {
      const day = m[2] && DAY_NAMES.has(m[2].toLowerCase()) ? m[2] : undefined;
      return { date: m[1]!, day, title: day ? m[3]! : `${m[2] ? `${m[2]} ` : ''}${m[3]!}`, hours: m[4]! };
    }
  }
  return { error: `expected four columns — date (dd/mm/yyyy), day, title, hours — but found ${columns.length === 1 ? 'one' : columns.length}: "${trimmed.slice(0, 120)}"` };
}

function draftFromCells(cells: Cells, state: Pick<ScheduleState, 'organisation' | 'cycle' | 'events'>): EventDraft | { error: string } {
  const m = DATE_CELL.exec(cells.date.trim());
  if (!m) return { error: `"${cells.date}" is not a date like 27/02/2026` };
  const date = DateTime.fromObject({ year: Number(m[3]), month: Number(m[2]), day: Number(m[1]) });
  if (!date.isValid) return { error: `${cells.date} is not a real date` };
  const iso = date.toISODate()!;
  if (cells.day) {
    const day = DAY_NAMES.get(cells.day.trim().toLowerCase());
    if (day === undefined) return { error: `"${cells.day}" is not a day of the week` };
    if (day !== date.weekday) return { error: `${cells.date} is a ${WEEKDAY_NAMES[date.weekday - 1]}, not a ${WEEKDAY_NAMES[day - 1]}` };
  }
  const directedHours = Number(cells.hours);
  if (!/^\d+(\.\d+)?$/.test(cells.hours.trim()) || directedHours > 24) return { error: `"${cells.hours}" is not a number of hours (0 to 24)` };
  const kind = inferKind(cells.title);
  if ('error' in kind) return kind;
  if (iso < state.cycle.startsOn || iso > state.cycle.endsOn) return { error: `${cells.date} is outside the cycle ${state.cycle.label} (${state.cycle.startsOn} to ${state.cycle.endsOn})` };
  return { kind: kind.kind, number: kind.number, title: kind.title, date: iso, window: usualWindow(kind.kind, iso, state, kind.title), directedHours, alsoMarks: kind.alsoMarks };
}

/** CSV rows (a file attachment) as cells, by header names when there is a header row. */
function csvCells(content: string): Array<{ line: number; cells: Cells | { error: string } }> {
  const records = parse(content, { skip_empty_lines: true, trim: true, relax_column_count: true, bom: true, info: true }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  let index = { date: 0, day: 1 as number | undefined, title: 2, hours: 3 };
  const out: Array<{ line: number; cells: Cells | { error: string } }> = [];
  records.forEach(({ record, info }, i) => {
    if (i === 0 && !record.some((c) => DATE_CELL.test(c))) {
      const find = (re: RegExp) => record.findIndex((c) => re.test(c));
      const day = find(/^day$/i);
      index = { date: find(/date/i), day: day >= 0 ? day : undefined, title: find(/title|what|event|think ahead/i), hours: find(/hour|duration|time/i) };
      if (index.date < 0 || index.title < 0 || index.hours < 0) out.push({ line: info.lines, cells: { error: 'the header row needs Date, Title (or What) and Hours (or Duration) columns' } });
      return;
    }
    const at = (n: number | undefined) => (n === undefined ? undefined : (record[n] ?? '').trim());
    out.push({ line: info.lines, cells: { date: at(index.date) ?? '', day: at(index.day) || undefined, title: at(index.title) ?? '', hours: at(index.hours) ?? '' } });
  });
  return out;
}

/**
 * Reads a schedule table: pasted text (tab- or space-separated) or a CSV file. Lines before the
 * first dated row (a heading, the header row) are skipped; after it, every line must be a row.
 * Any problem throws ScheduleImportError with every bad line.
 */
export function parseScheduleTable(content: string, format: 'text' | 'csv', state: Pick<ScheduleState, 'organisation' | 'cycle' | 'events'>): ImportedEvent[] {
  const problems: ScheduleProblem[] = [];
  const rows: ImportedEvent[] = [];
  const lines: Array<{ line: number; cells: Cells | { error: string } }> = [];
  if (format === 'csv') {
    try {
      lines.push(...csvCells(content));
    } catch (err) {
      throw new ScheduleImportError([{ line: (err as { lines?: number }).lines ?? 1, message: `not a CSV file: ${(err as Error).message}` }]);
    }
  } else {
    let started = false;
    content.split(/\r?\n/).forEach((text, i) => {
      if (!text.trim()) return;
      if (!started && !/^\s*\d{1,2}\/\d{1,2}\/\d{4}/.test(text)) return;
      started = true;
      lines.push({ line: i + 1, cells: cellsOfLine(text) });
    });
  }
  for (const { line, cells } of lines) {
    if ('error' in cells) {
      problems.push({ line, message: cells.error });
      continue;
    }
    const draft = draftFromCells(cells, state);
    if ('error' in draft) problems.push({ line, message: draft.error });
    else rows.push({ line, draft });
  }
  if (rows.length === 0 && problems.length === 0) problems.push({ line: 1, message: 'no rows found: paste the table (date, day, title, hours) after "schedule import", or attach a CSV file' });
  // Within the table: a check-in number twice, or two events of a kind on one date.
  rows.forEach((row, i) => {
    for (const message of clashesOf(row.draft, rows.slice(0, i).map((r) => r.draft), state.organisation.policy.timezone)) problems.push({ line: row.line, message });
  });
  if (problems.length > 0) throw new ScheduleImportError(problems.sort((a, b) => a.line - b.line));
  return rows;
}

/** Pairs the table's rows with the scheduled events: check-ins by number, other kinds in date order. */
export function matchRows(rows: ImportedEvent[], events: ScheduleEvent[]): Map<ImportedEvent, ScheduleEvent | undefined> {
  const scheduled = events.filter((e) => e.status === 'scheduled');
  const out = new Map<ImportedEvent, ScheduleEvent | undefined>();
  const used = new Set<string>();
  for (const row of rows) {
    if (row.draft.kind !== 'check-in') continue;
    const event = scheduled.find((e) => e.kind === 'check-in' && e.number === row.draft.number);
    if (event) used.add(event.id);
    out.set(row, event);
  }
  for (const kind of scheduleEventKinds.filter((k) => k !== 'check-in')) {
    const ofKind = scheduled.filter((e) => e.kind === kind).sort((a, b) => a.date.localeCompare(b.date));
    const rowsOfKind = rows.filter((r) => r.draft.kind === kind).sort((a, b) => a.draft.date.localeCompare(b.draft.date));
    rowsOfKind.forEach((row, i) => {
      const event = ofKind[i];
      if (event) used.add(event.id);
      out.set(row, event);
    });
  }
  return out;
}

/** A short fingerprint of a plan: a Confirm applies only what its preview showed. */
export function digestOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}
