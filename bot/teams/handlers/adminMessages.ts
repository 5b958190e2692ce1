// PG administrators run the schedule and the staff directory from a Teams channel (issue 7).
// Team-scope messages come here: who is asking and where, then a use case, then a card.
import type { TurnContext } from 'botbuilder';
import { buildDirectoryPreviewCard, buildProblemsCard, buildScheduleCard, buildScheduleImportPreviewCard, buildStatusCard, type AdminCard } from '../../cards/admin';
import { ADMIN_COMMANDS, type ParsedCommand } from '../commands';
import type { Actor } from '../../usecases/access';
import { ADMINISTER, checkAdminChannel, resolveAdministrator, type AdminIntent } from '../../usecases/adminAccess';
import { planDirectoryImport, readScheduleSource, type DirectoryImportSource, type ScheduleImportSource } from '../../usecases/adminImports';
import { completionStatus } from '../../usecases/adminStatus';
import { htmlToText } from '../../schedule/tableImport';
import { comingEvents } from '../../usecases/schedule';
import { previewScheduleImport } from '../../usecases/scheduleImport';
import { placeOf, postedFile, sendCard, sendText, teamRoster, teamsUserOf } from '../activity';
import { errorText } from '../errors';
import type { Turn } from '../registry';
import { policySetPreview, policySummaryCard } from './adminPolicy';
import { handoversCommand, redelegateCommand } from './adminRedelegation';
import { nextCycleCommand, scheduleCardFor } from './adminNextCycle';
import { COACHING_GROUP_HELP } from './groupSession';

const ADMIN_CHANNEL_HERE = /^\/?admin\s+channel\s+here$/i;
/** A pasted table rides in the Confirm button's data; a longer one should come as a file. */
const MAX_PASTED_TABLE = 20_000;

export const ADMIN_HELP_TEXT = [
  '**Professional Growth — PG administrators** (in this channel, @mention me):',
  '- **schedule** — the coming events, with Move, Edit and Cancel, and Add an event (**schedule next**: the next cycle\'s, once started)',
  '- **schedule import** — paste the year\'s table after it (date, day, title, hours), or attach it as a CSV file',
  '- **directory import** — attach the staff directory CSV, or send it alone to import this team\'s members',
  '- **status** — completion of the open (or last) check-in, by school',
  '- **reviewer** *person* **to** *new reviewer* [**at** *new school*] **because** *reason* — redelegate a reviewer (also **coach** …); SMT leads may do this for their own school',
  '- **handovers** — people moving post whose original reviewer has not yet had the final check-in with them',
  '- **admin channel here** — make this channel the PG admin channel',
  '- **policy** — the organisation\'s policy at a glance, with a link to edit it in the tab',
  '- **policy set** *field value* — change one policy field (e.g. `policy set rocks.maxSuccessCriteria 5`), previewed before you confirm',
  "- **cycle next** — start next year's cycle: roll this one forward, from a shipped pack, or from next year's table (pasted after \"cycle next table\", or attached)",
  COACHING_GROUP_HELP,
].join('\n');

/** What each admin command does, in the access table's terms. */
const COMMAND_INTENTS: Partial<Record<ParsedCommand['name'], AdminIntent>> = {
  schedule: { subject: 'schedule', action: 'read' },
  'schedule import': { subject: 'schedule', action: 'write' },
  'directory import': { subject: 'directory', action: 'write' },
  status: { subject: 'completion', action: 'read' },
  policy: { subject: 'policy', action: 'read' },
  'policy set': { subject: 'policy', action: 'write' },
  reviewer: { subject: 'reviewers', action: 'write' },
  coach: { subject: 'reviewers', action: 'write' },
  handovers: { subject: 'reviewers', action: 'write' },
  'cycle next': { subject: 'schedule', action: 'write' },
};

/** The message text after the command word(s), newlines kept (the parsed command collapses them). */
export function textAfterCommand(context: TurnContext, command: RegExp): string {
  const raw = htmlToText(context.activity.text ?? '').replace(/<at>.*?<\/at>/gi, '');
  const match = command.exec(raw);
  // The table's own first line is line 1 of any problem we report.
  return match ? raw.slice(match.index + match[0].length).replace(/^[ \t]*\r?\n/, '') : '';
}

/** The coming events with their Move / Edit / Cancel buttons. */
export async function scheduleCard(turn: Turn, actor: Actor, notice?: string, cycleId?: string): Promise<AdminCard> {
  const { cycle, rows, notice: between } = await comingEvents(turn.deps.ctx, actor.organisation, cycleId);
  return buildScheduleCard({ cycleLabel: cycle.label, rows, timezone: actor.organisation.policy.timezone, notice, warning: between, cycleId });
}

/** A channel or group chat message, @mention already stripped. Returns true when handled. */
export async function handleAdminMessage(turn: Turn, command: ParsedCommand): Promise<boolean> {
  const { context, deps } = turn;
  const claim = ADMIN_CHANNEL_HERE.test(command.text);
  const isAdminCommand = claim || (ADMIN_COMMANDS as readonly string[]).includes(command.name);
  if (!isAdminCommand && command.name !== 'help') return false;
  const who = await resolveAdministrator(deps.ctx, teamsUserOf(context), (!claim && COMMAND_INTENTS[command.name]) || ADMINISTER);
  if (who.kind === 'refused') {
    // Nothing changes for someone who is not an admin; "help" gets the general help instead.
    if (!isAdminCommand) return false;
    await sendText(context, who.message);
    return true;
  }
  if (command.name === 'help' && !claim) {
    await sendText(context, ADMIN_HELP_TEXT, true);
    return true;
  }
  const channel = await checkAdminChannel(deps.ctx, who.actor, placeOf(context), claim);
  if (channel.kind === 'elsewhere') {
    await sendText(context, channel.message);
    return true;
  }
  if (channel.notice) await sendText(context, channel.notice);
  if (claim) return true;
  try {
    await runCommand(turn, command, who.actor);
  } catch (err) {
    await sendText(context, errorText(err, deps.logger, { what: command.name }));
  }
  return true;
}

async function runCommand(turn: Turn, command: ParsedCommand, actor: Actor): Promise<void> {
  const { context, deps } = turn;
  switch (command.name) {
    case 'schedule':
      return sendCard(context, await scheduleCardFor(turn, actor, command.args));
    case 'status':
      return sendCard(context, buildStatusCard(await completionStatus(deps.ctx, actor.organisation), actor.organisation.policy.timezone));
    case 'schedule import':
      return scheduleImport(turn, actor);
    case 'directory import':
      return directoryImport(turn, actor);
    case 'policy':
      return sendCard(context, await policySummaryCard(turn, actor));
    case 'policy set':
      return sendCard(context, await policySetPreview(turn, actor, command.args));
    case 'reviewer':
    case 'coach':
      return redelegateCommand(turn, actor, command);
    case 'handovers':
      return handoversCommand(turn, actor);
    case 'cycle next':
      return nextCycleCommand(turn, actor, command.args);
    default:
      return;
  }
}

async function scheduleImport(turn: Turn, actor: Actor): Promise<void> {
  const { context, deps } = turn;
  const file = postedFile(context);
  const source: ScheduleImportSource = file
    ? { kind: 'file', url: file.url, name: file.name, format: file.fileType === 'csv' || /\.csv$/i.test(file.name) ? 'csv' : 'text' }
    : { kind: 'text', text: textAfterCommand(context, /schedule[\s-]?import/i) };
  if (source.kind === 'text' && !source.text.trim()) {
    return sendText(context, 'Paste the table after "schedule import" (one event a line: date dd/mm/yyyy, day, title, hours), or attach it as a CSV file.');
  }
  if (source.kind === 'text' && source.text.length > MAX_PASTED_TABLE) return sendText(context, 'That table is too long to paste; attach it as a CSV file instead.');
  const read = await readScheduleSource(deps.ctx, actor, source);
  if (read.kind === 'problems') return sendCard(context, buildProblemsCard(read.title, read.problems));
  const preview = await previewScheduleImport(deps.ctx, actor.organisation, read.rows);
  if (preview.problems.length > 0) return sendCard(context, buildProblemsCard('The schedule table', preview.problems));
  await sendCard(context, buildScheduleImportPreviewCard(preview, actor.organisation.policy.timezone, { source: JSON.stringify(source), digest: preview.digest }));
}

async function directoryImport(turn: Turn, actor: Actor): Promise<void> {
  const { context, deps } = turn;
  const file = postedFile(context);
  const source: DirectoryImportSource = file ? { kind: 'file', url: file.url, name: file.name } : { kind: 'roster' };
  const planned = await planDirectoryImport(deps.ctx, actor, source, () => teamRoster(context));
  if (planned.kind === 'problems') return sendCard(context, buildProblemsCard(planned.title, planned.problems));
  await sendCard(context, buildDirectoryPreviewCard(planned.plan.preview, { source: JSON.stringify(source), digest: planned.plan.digest }));
}
