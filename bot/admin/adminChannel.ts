// PG administrators run the schedule and the staff directory from a Teams channel (issue 7).
// The Teams handler hands team-scope messages and admin card actions to these two functions; they
// stay thin: who is asking and where, then a use case, then a card.
import { randomUUID } from 'node:crypto';
import { CardFactory, TurnContext, type AdaptiveCardInvokeResponse } from 'botbuilder';
import { ADMIN_VERBS } from '../../shared/verbs';
import { ADMIN_COMMANDS, type ParsedCommand } from '../commands';
import {
  asAdaptiveCard,
  buildAdminNoticeCard,
  buildAppliedCard,
  buildChangePreviewCard,
  buildConflictCard,
  buildDirectoryPreviewCard,
  buildEventFormCard,
  buildProblemsCard,
  buildScheduleCard,
  buildScheduleImportPreviewCard,
  buildStatusCard,
  type AdminCard,
  type EventFormMode,
} from '../cards/admin';
import type { BotDependencies } from '../teamsBot';
import type { Actor } from '../usecases/access';
import { completionStatus } from '../usecases/adminStatus';
import { DirectoryFileError, parseDirectoryFile } from '../usecases/directory';
import { DomainError } from '../usecases/errors';
import {
  ScheduleImportError,
  applyScheduleChange,
  applyScheduleImport,
  comingEvents,
  htmlToText,
  loadSchedule,
  parseScheduleTable,
  previewScheduleChange,
  previewScheduleImport,
  type ImportedEvent,
} from '../usecases/schedule';
import { checkAdminChannel, resolveAdmin } from './adminAccess';
import { FileFetchError, fetchPostedFile, postedFile } from './attachments';
import { planDirectoryFile, planRosterImport, teamRoster, type DirectoryPlan } from './directoryImport';
import { changeFromForm, formValues, parseDraft, scheduleChangeSchema, valuesOfDraft } from './eventForm';

/** Verbs of admin cards start with this prefix; see shared/verbs.ts. */
export const ADMIN_VERB_PREFIX = 'admin.';

const ADMIN_CHANNEL_HERE = /^\/?admin\s+channel\s+here$/i;
/** A pasted table rides in the Confirm button's data; a longer one should come as a file. */
const MAX_PASTED_TABLE = 20_000;

export const ADMIN_HELP_TEXT = [
  '**Professional Growth — PG administrators** (in this channel, @mention me):',
  '- **schedule** — the coming events, with Move, Edit and Cancel, and Add an event',
  '- **schedule import** — paste the year\'s table after it (date, day, title, hours), or attach it as a CSV file',
  '- **directory import** — attach the staff directory CSV, or send it alone to import this team\'s members',
  '- **status** — completion of the open (or last) check-in, by school',
  '- **admin channel here** — make this channel the PG admin channel',
].join('\n');

const CARD_RESPONSE_TYPE = 'application/vnd.microsoft.card.adaptive';

function cardActivity(card: AdminCard) {
  return { attachments: [CardFactory.adaptiveCard(asAdaptiveCard(card))] };
}

function cardResponse(card: AdminCard): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: CARD_RESPONSE_TYPE, value: card as unknown as Record<string, unknown> };
}

/** The message text after the command word(s), newlines kept (the parsed command collapses them). */
function textAfterCommand(context: TurnContext, command: RegExp): string {
  const raw = htmlToText(context.activity.text ?? '').replace(/<at>.*?<\/at>/gi, '');
  const match = command.exec(raw);
  // The table's own first line is line 1 of any problem we report.
  return match ? raw.slice(match.index + match[0].length).replace(/^[ \t]*\r?\n/, '') : '';
}

/** A channel or group chat message, @mention already stripped. Returns true when handled. */
export async function handleAdminMessage(context: TurnContext, command: ParsedCommand, deps: BotDependencies): Promise<boolean> {
  const claim = ADMIN_CHANNEL_HERE.test(command.text);
  const isAdminCommand = claim || (ADMIN_COMMANDS as readonly string[]).includes(command.name);
  if (!isAdminCommand && command.name !== 'help') return false;
  const ctx = deps.ctx;
  const who = await resolveAdmin(ctx, context);
  if (who.kind === 'refused') {
    // Nothing changes for someone who is not an admin; "help" gets the general help instead.
    if (!isAdminCommand) return false;
    await context.sendActivity(who.message);
    return true;
  }
  if (command.name === 'help' && !claim) {
    await context.sendActivity({ text: ADMIN_HELP_TEXT, textFormat: 'markdown' });
    return true;
  }
  const channel = await checkAdminChannel(ctx, who.actor, who.place, claim);
  if (channel.kind === 'elsewhere') {
    await context.sendActivity(channel.message);
    return true;
  }
  if (channel.notice) await context.sendActivity(channel.notice);
  if (claim) return true;
  try {
    await runCommand(context, command, who.actor, deps);
  } catch (err) {
    await context.sendActivity(failureText(err, deps, command.name));
  }
  return true;
}

async function runCommand(context: TurnContext, command: ParsedCommand, actor: Actor, deps: BotDependencies): Promise<void> {
  const ctx = deps.ctx;
  const tz = actor.organisation.policy.timezone;
  switch (command.name) {
    case 'schedule':
      await context.sendActivity(cardActivity(await scheduleCard(deps, actor)));
      return;
    case 'status':
      await context.sendActivity(cardActivity(buildStatusCard(await completionStatus(ctx, actor.organisation), tz)));
      return;
    case 'schedule import': {
      const file = postedFile(context);
      const source: ImportSource = file
        ? { kind: 'file', url: file.url, name: file.name, format: file.fileType === 'csv' || /\.csv$/i.test(file.name) ? 'csv' : 'text' }
        : { kind: 'text', text: textAfterCommand(context, /schedule[\s-]?import/i) };
      if (source.kind === 'text' && !source.text.trim()) {
        await context.sendActivity('Paste the table after "schedule import" (one event a line: date dd/mm/yyyy, day, title, hours), or attach it as a CSV file.');
        return;
      }
      if (source.kind === 'text' && source.text.length > MAX_PASTED_TABLE) {
        await context.sendActivity('That table is too long to paste; attach it as a CSV file instead.');
        return;
      }
      const read = await readScheduleSource(deps, actor, source);
      if (read.kind === 'problems') {
        await context.sendActivity(cardActivity(read.card));
        return;
      }
      const preview = await previewScheduleImport(ctx, actor.organisation, read.rows);
      if (preview.problems.length > 0) {
        await context.sendActivity(cardActivity(buildProblemsCard('The schedule table', preview.problems)));
        return;
      }
      await context.sendActivity(cardActivity(buildScheduleImportPreviewCard(preview, tz, { source: JSON.stringify(source), digest: preview.digest })));
      return;
    }
    case 'directory import': {
      const file = postedFile(context);
      const plan = await planDirectory(context, deps, actor, file ? { kind: 'file', url: file.url, name: file.name } : { kind: 'roster' });
      if (plan.kind === 'problems') {
        await context.sendActivity(cardActivity(plan.card));
        return;
      }
      const source = file ? { kind: 'file', url: file.url, name: file.name } : { kind: 'roster' };
      await context.sendActivity(cardActivity(buildDirectoryPreviewCard(plan.plan.preview, { source: JSON.stringify(source), digest: plan.plan.digest })));
      return;
    }
    default:
      return;
  }
}

type ImportSource = { kind: 'text'; text: string } | { kind: 'file'; url: string; name: string; format: 'csv' | 'text' };

async function readScheduleSource(deps: BotDependencies, actor: Actor, source: ImportSource): Promise<{ kind: 'rows'; rows: ImportedEvent[] } | { kind: 'problems'; card: AdminCard }> {
  const content = source.kind === 'text' ? source.text : await fetchPostedFile(source);
  const state = await loadSchedule(deps.ctx, actor.organisation);
  try {
    return { kind: 'rows', rows: parseScheduleTable(content, source.kind === 'file' ? source.format : 'text', state) };
  } catch (err) {
    if (err instanceof ScheduleImportError) return { kind: 'problems', card: buildProblemsCard(source.kind === 'file' ? source.name : 'The schedule table', err.problems) };
    throw err;
  }
}

type DirectorySource = { kind: 'file'; url: string; name: string } | { kind: 'roster' };

async function planDirectory(context: TurnContext, deps: BotDependencies, actor: Actor, source: DirectorySource): Promise<{ kind: 'plan'; plan: DirectoryPlan } | { kind: 'problems'; card: AdminCard }> {
  if (source.kind === 'roster') return { kind: 'plan', plan: await planRosterImport(deps.ctx, actor, await teamRoster(context)) };
  const content = await fetchPostedFile(source);
  try {
    return { kind: 'plan', plan: await planDirectoryFile(deps.ctx, actor, parseDirectoryFile(content, 'csv')) };
  } catch (err) {
    if (err instanceof DirectoryFileError) return { kind: 'problems', card: buildProblemsCard(source.name, err.problems.map((p) => ({ line: p.line, message: p.field ? `${p.field}: ${p.message}` : p.message }))) };
    throw err;
  }
}

async function scheduleCard(deps: BotDependencies, actor: Actor, notice?: string): Promise<AdminCard> {
  const { cycle, rows } = await comingEvents(deps.ctx, actor.organisation);
  return buildScheduleCard({ cycleLabel: cycle.label, rows, timezone: actor.organisation.policy.timezone, notice });
}

function failureText(err: unknown, deps: BotDependencies, what: string): string {
  if (err instanceof DomainError || err instanceof FileFetchError) return err.message;
  const errorId = randomUUID().slice(0, 8);
  deps.logger.error({ err, errorId, what }, 'admin command failed');
  return `That didn't work on our side. Please try again in a minute; if it keeps happening, quote error id ${errorId}.`;
}

/** An Action.Execute from an admin card. */
export async function handleAdminAction(context: TurnContext, verb: string, data: unknown, deps: BotDependencies): Promise<AdaptiveCardInvokeResponse> {
  const input = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  try {
    const who = await resolveAdmin(deps.ctx, context);
    if (who.kind === 'refused') return cardResponse(buildAdminNoticeCard('Only PG administrators can do that', who.message));
    const channel = await checkAdminChannel(deps.ctx, who.actor, who.place, false);
    if (channel.kind === 'elsewhere') return cardResponse(buildAdminNoticeCard('Not in this channel', channel.message));
    return cardResponse(await runAction(context, verb, input, who.actor, deps));
  } catch (err) {
    return cardResponse(buildAdminNoticeCard('Something went wrong', failureText(err, deps, verb), [], 'attention'));
  }
}

async function runAction(context: TurnContext, verb: string, input: Record<string, unknown>, actor: Actor, deps: BotDependencies): Promise<AdminCard> {
  const ctx = deps.ctx;
  const tz = actor.organisation.policy.timezone;
  switch (verb) {
    case ADMIN_VERBS.showSchedule:
      return scheduleCard(deps, actor);
    case ADMIN_VERBS.showStatus:
      return buildStatusCard(await completionStatus(ctx, actor.organisation), tz);
    case ADMIN_VERBS.openEventForm: {
      const mode = asMode(input.mode);
      const state = await loadSchedule(ctx, actor.organisation);
      const event = typeof input.eventId === 'string' ? state.events.find((e) => e.id === input.eventId) : undefined;
      if (mode !== 'add' && !event) return scheduleCard(deps, actor, 'That event is no longer on the schedule.');
      const draft = parseDraft(input.draft);
      return buildEventFormCard({ mode, event, values: draft ? valuesOfDraft(draft) : {}, timezone: tz, cycle: state.cycle });
    }
    case ADMIN_VERBS.previewEventChange: {
      const state = await loadSchedule(ctx, actor.organisation);
      const event = typeof input.eventId === 'string' ? state.events.find((e) => e.id === input.eventId) : undefined;
      if (input.mode === 'cancel') {
        if (!event) return scheduleCard(deps, actor, 'That event is no longer on the schedule.');
        const preview = await previewScheduleChange(ctx, actor.organisation, { type: 'cancel', eventId: event.id, version: Number(input.version ?? event.version) });
        return buildChangePreviewCard(preview, tz);
      }
      const mode = asMode(input.mode);
      const values = formValues(input);
      const outcome = changeFromForm(mode, values, event, state);
      if (outcome.kind === 'errors') return buildEventFormCard({ mode, event, values, errors: outcome.errors, timezone: tz, cycle: state.cycle });
      // The form was built from the version the admin saw; keep it, so a change made meanwhile is noticed.
      const seen = Number(input.version);
      const change = 'version' in outcome.change && Number.isInteger(seen) ? { ...outcome.change, version: seen } : outcome.change;
      return buildChangePreviewCard(await previewScheduleChange(ctx, actor.organisation, change), tz);
    }
    case ADMIN_VERBS.confirmEventChange: {
      const parsed = scheduleChangeSchema.safeParse(safeJson(input.payload));
      if (!parsed.success) return buildAdminNoticeCard('This card is out of date', 'Send "schedule" for a fresh one.');
      const outcome = await applyScheduleChange(ctx, actor, parsed.data);
      if (outcome.kind === 'conflict') return buildConflictCard(outcome.message, outcome.current, tz);
      if (outcome.kind === 'invalid') return buildAdminNoticeCard('That change cannot be made now', 'Nothing was changed:', outcome.errors, 'attention');
      if (outcome.announcement) await announce(context, outcome.announcement);
      return buildAppliedCard(outcome.announcement, jobLines(outcome.jobs));
    }
    case ADMIN_VERBS.confirmScheduleImport: {
      const source = safeJson(input.source) as ImportSource | undefined;
      if (!source || (source.kind !== 'text' && source.kind !== 'file')) return buildAdminNoticeCard('This card is out of date', 'Send "schedule import" again.');
      const read = await readScheduleSource(deps, actor, source);
      if (read.kind === 'problems') return read.card;
      const outcome = await applyScheduleImport(ctx, actor, read.rows, String(input.digest ?? ''));
      if (outcome.kind === 'invalid') return buildProblemsCard('The schedule table', outcome.problems);
      if (outcome.kind === 'stale') {
        const card = buildScheduleImportPreviewCard(outcome.preview, tz, { source: JSON.stringify(source), digest: outcome.preview.digest });
        card.body.splice(1, 0, { type: 'TextBlock', text: 'The schedule changed since that preview, so nothing was applied. Here is the preview against the schedule as it is now.', wrap: true, color: 'warning' });
        return card;
      }
      await announce(context, outcome.announcement);
      return buildAppliedCard(outcome.announcement, outcome.conflicts);
    }
    case ADMIN_VERBS.confirmDirectoryImport: {
      const source = safeJson(input.source) as DirectorySource | undefined;
      if (!source || (source.kind !== 'file' && source.kind !== 'roster')) return buildAdminNoticeCard('This card is out of date', 'Send "directory import" again.');
      const planned = await planDirectory(context, deps, actor, source);
      if (planned.kind === 'problems') return planned.card;
      if (planned.plan.digest !== input.digest) {
        const card = buildDirectoryPreviewCard(planned.plan.preview, { source: JSON.stringify(source), digest: planned.plan.digest });
        card.body.splice(1, 0, { type: 'TextBlock', text: 'The directory changed since that preview, so nothing was applied. Here is the preview as it is now.', wrap: true, color: 'warning' });
        return card;
      }
      const result = await planned.plan.apply();
      const announcement = `${actor.person.displayName} imported the staff directory ${source.kind === 'roster' ? 'from this team' : `from ${source.name}`}: ${result.added} added, ${result.changed} changed${source.kind === 'file' ? `, ${result.left} left` : ''}.`;
      await announce(context, announcement);
      return buildAppliedCard(announcement);
    }
    default:
      return buildAdminNoticeCard('This card is out of date', 'Send "schedule" for a fresh one.');
  }
}

function asMode(value: unknown): EventFormMode {
  return value === 'move' || value === 'edit' ? value : 'add';
}

function safeJson(value: unknown): unknown {
  if (typeof value !== 'string') return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

function jobLines(jobs: { rescheduled: number; cancelled: number }): string[] {
  const lines: string[] = [];
  if (jobs.rescheduled > 0) lines.push(`${jobs.rescheduled} queued prompts and reminders moved to the new window.`);
  if (jobs.cancelled > 0) lines.push(`${jobs.cancelled} queued prompts and reminders withdrawn.`);
  return lines;
}

/** Everyone in the admin channel sees who changed what (the card itself is only in the thread). */
async function announce(context: TurnContext, text: string): Promise<void> {
  await context.sendActivity({ type: 'message', text });
}
