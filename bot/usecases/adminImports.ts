// Where an admin's import comes from (a pasted table, a posted file, the team's roster) and what it
// says: read and parsed here, so the preview card and its Confirm read the same rows.
import { fetchPostedFile } from '../admin/fileDownload';
import type { Actor } from './access';
import type { UseCaseContext } from './context';
import { DirectoryFileError, parseDirectoryFile } from './directory';
import { planDirectoryFile, planRosterImport, type DirectoryPlan, type RosterMember } from './directoryImport';
import { ScheduleImportError, parseScheduleTable, type ImportedEvent } from '../schedule/tableImport';
import { loadSchedule } from './schedule';

export type ScheduleImportSource = { kind: 'text'; text: string } | { kind: 'file'; url: string; name: string; format: 'csv' | 'text' };
export type DirectoryImportSource = { kind: 'file'; url: string; name: string } | { kind: 'roster' };

export interface ImportProblems {
  kind: 'problems';
  /** What the problems are in: the file's name, or "The schedule table". */
  title: string;
  problems: Array<{ line: number; message: string }>;
}

/** The schedule table's rows, or every problem with its line. */
export async function readScheduleSource(ctx: UseCaseContext, actor: Actor, source: ScheduleImportSource): Promise<{ kind: 'rows'; rows: ImportedEvent[] } | ImportProblems> {
  const content = source.kind === 'text' ? source.text : await fetchPostedFile(source);
  const state = await loadSchedule(ctx, actor.organisation);
  try {
    return { kind: 'rows', rows: parseScheduleTable(content, source.kind === 'file' ? source.format : 'text', state) };
  } catch (err) {
    if (err instanceof ScheduleImportError) return { kind: 'problems', title: source.kind === 'file' ? source.name : 'The schedule table', problems: err.problems };
    throw err;
  }
}

/** The directory import's plan (preview, digest, apply), or the file's problems. The roster is read only when asked for. */
export async function planDirectoryImport(
  ctx: UseCaseContext,
  actor: Actor,
  source: DirectoryImportSource,
  roster: () => Promise<RosterMember[]>,
): Promise<{ kind: 'plan'; plan: DirectoryPlan } | ImportProblems> {
  if (source.kind === 'roster') return { kind: 'plan', plan: await planRosterImport(ctx, actor, await roster()) };
  const content = await fetchPostedFile(source);
  try {
    return { kind: 'plan', plan: await planDirectoryFile(ctx, actor, parseDirectoryFile(content, 'csv', actor.organisation.policy.reports.characteristics)) };
  } catch (err) {
    if (err instanceof DirectoryFileError) return { kind: 'problems', title: source.name, problems: err.problems.map((p) => ({ line: p.line, message: p.field ? `${p.field}: ${p.message}` : p.message })) };
    throw err;
  }
}

/** What the admin channel is told after a directory import. */
export function directoryAnnouncement(actor: Actor, source: DirectoryImportSource, result: { added: number; changed: number; left: number }): string {
  const from = source.kind === 'roster' ? 'from this team' : `from ${source.name}`;
  return `${actor.person.displayName} imported the staff directory ${from}: ${result.added} added, ${result.changed} changed${source.kind === 'file' ? `, ${result.left} left` : ''}.`;
}
