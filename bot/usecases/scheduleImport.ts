// A whole schedule table imported at once: previewed against the schedule as it is (added, changed,
// removed, kept), and applied only at the digest the admin saw.
import type { Organisation } from '../../shared/domain';
import { windowInstants } from '../../shared/policy';
import { draftOf } from '../schedule/draft';
import type { ScheduleImportPreview } from '../schedule/previews';
import { checkEventUpdate, clashesOf, pastProblems, weekdayWarning } from '../schedule/rules';
import { digestOf, matchRows, type ImportedEvent, type ScheduleProblem } from '../schedule/tableImport';
import { count, describeDifferences } from '../schedule/words';
import { audit, type Actor } from './access';
import { applyScheduleChange } from './applyScheduleChange';
import type { UseCaseContext } from './context';
import { loadSchedule } from './schedule';

export async function previewScheduleImport(ctx: UseCaseContext, organisation: Organisation, rows: ImportedEvent[]): Promise<ScheduleImportPreview> {
  const state = await loadSchedule(ctx, organisation);
  const tz = organisation.policy.timezone;
  const now = ctx.now();
  const matches = matchRows(rows, state.events);
  const preview: ScheduleImportPreview = { added: [], changed: [], removed: [], kept: [], unchanged: 0, problems: [], warnings: [], digest: '' };
  const matched = new Set<string>();
  for (const row of rows) {
    const event = matches.get(row);
    if (!event) {
      preview.added.push(row);
      for (const message of pastProblems(row.draft, tz, now)) preview.problems.push({ line: row.line, message });
      preview.warnings.push(...weekdayWarning(row.draft, state).map((w) => `line ${row.line}: ${w}`));
      continue;
    }
    matched.add(event.id);
    const differences = describeDifferences(draftOf(event), row.draft, tz);
    if (differences.length === 0) {
      preview.unchanged += 1;
      continue;
    }
    preview.changed.push({ row, event, differences });
    const check = checkEventUpdate(event, row.draft, state, now, { clashes: false });
    for (const message of check.errors) preview.problems.push({ line: row.line, message });
    preview.warnings.push(...check.warnings.map((w) => `line ${row.line}: ${w}`));
  }
  // The reviews open on events the policy names (TSFE: the end-of-year reflections), which Appendix 3
  // does not list: pasting it must not cancel them.
  const reviewKeys = new Set((organisation.policy.reviews?.stages ?? []).flatMap((s) => [s.eventKey, s.reviewerDeadlineEventKey, s.decisionDeadlineEventKey]));
  for (const event of state.events) {
    if (event.status !== 'scheduled' || matched.has(event.id)) continue;
    if (windowInstants(event, tz).opensAt <= now) preview.kept.push(event);
    else if (reviewKeys.has(event.key)) {
      preview.kept.push(event);
      preview.warnings.push(`${event.title} is not in the table, but your policy's reviews open on it, so it is kept; cancel it with "schedule" if you mean to.`);
    } else preview.removed.push(event);
  }
  // The schedule after the import must not clash with itself (kept events included).
  const after = [...rows.map((r) => ({ line: r.line, draft: r.draft })), ...preview.kept.map((e) => ({ line: 0, draft: draftOf(e) }))];
  after.forEach((a, i) => {
    if (a.line === 0) return;
    for (const message of clashesOf(a.draft, after.filter((b, j) => j !== i && (b.line === 0 || j < i)).map((b) => b.draft), tz)) preview.problems.push({ line: a.line, message });
  });
  preview.problems.sort((a, b) => a.line - b.line);
  preview.digest = digestOf({
    added: preview.added.map((r) => r.draft),
    changed: preview.changed.map((c) => [c.event.id, c.event.version, c.row.draft]),
    removed: preview.removed.map((e) => [e.id, e.version]),
  });
  return preview;
}

export type ImportOutcome =
  | { kind: 'applied'; added: number; changed: number; cancelled: number; conflicts: string[]; announcement: string }
  | { kind: 'stale'; preview: ScheduleImportPreview }
  | { kind: 'invalid'; problems: ScheduleProblem[] };

/** Applies an import whose preview had this digest; if the schedule moved on since, returns the fresh preview instead. */
export async function applyScheduleImport(ctx: UseCaseContext, actor: Actor, rows: ImportedEvent[], digest: string): Promise<ImportOutcome> {
  const preview = await previewScheduleImport(ctx, actor.organisation, rows);
  if (preview.problems.length > 0) return { kind: 'invalid', problems: preview.problems };
  if (preview.digest !== digest) return { kind: 'stale', preview };
  const conflicts: string[] = [];
  let changed = 0;
  let cancelled = 0;
  let added = 0;
  // Cancellations first, so an added event can take a removed one's date.
  for (const event of preview.removed) {
    const outcome = await applyScheduleChange(ctx, actor, { type: 'cancel', eventId: event.id, version: event.version });
    if (outcome.kind === 'applied') cancelled += 1;
    else conflicts.push(outcome.kind === 'conflict' ? outcome.message : outcome.errors.join(' '));
  }
  for (const { row, event } of preview.changed) {
    const outcome = await applyScheduleChange(ctx, actor, { type: event.date !== row.draft.date ? 'move' : 'edit', eventId: event.id, version: event.version, draft: row.draft });
    if (outcome.kind === 'applied') changed += 1;
    else conflicts.push(`line ${row.line}: ${outcome.kind === 'conflict' ? outcome.message : outcome.errors.join(' ')}`);
  }
  for (const row of preview.added) {
    const outcome = await applyScheduleChange(ctx, actor, { type: 'add', draft: row.draft });
    if (outcome.kind === 'applied') added += 1;
    else conflicts.push(`line ${row.line}: ${outcome.kind === 'conflict' ? outcome.message : outcome.errors.join(' ')}`);
  }
  await audit(ctx, actor, 'schedule.imported', { kind: 'cycle', id: (await loadSchedule(ctx, actor.organisation)).cycle.id }, { added, changed, cancelled, conflicts });
  const parts = [`${count(added, 'event')} added`, `${changed} changed`, `${cancelled} cancelled`];
  return { kind: 'applied', added, changed, cancelled, conflicts, announcement: `${actor.person.displayName} imported the schedule: ${parts.join(', ')}.` };
}
