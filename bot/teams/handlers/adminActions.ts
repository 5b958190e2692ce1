// Action.Execute from the admin channel's cards: open a form, preview a change, confirm it.
// Every confirm is checked against what the preview showed (a version or a digest).
import type { TurnContext } from 'botbuilder';
import { ADMIN_VERBS } from '../../../shared/verbs';
import { changeFromForm, formValues, parseDraft, scheduleChangeSchema, valuesOfDraft } from '../../admin/eventForm';
import {
  buildAdminNoticeCard,
  buildAppliedCard,
  buildChangePreviewCard,
  buildConflictCard,
  buildDirectoryPreviewCard,
  buildEventFormCard,
  buildProblemsCard,
  buildScheduleImportPreviewCard,
  buildStatusCard,
  type AdminCard,
  type EventFormMode,
} from '../../cards/admin';
import type { Actor } from '../../usecases/access';
import { ADMINISTER, checkAdminChannel, resolveAdministrator, type AdminIntent } from '../../usecases/adminAccess';
import { directorySourceOf, parseJson, scheduleSourceOf } from '../../admin/importSources';
import { directoryAnnouncement, planDirectoryImport, readScheduleSource } from '../../usecases/adminImports';
import { completionStatus } from '../../usecases/adminStatus';
import { applyScheduleChange } from '../../usecases/applyScheduleChange';
import { previewScheduleChange } from '../../usecases/previewScheduleChange';
import { loadScheduleFor } from '../../usecases/schedule';
import { applyScheduleImport } from '../../usecases/scheduleImport';
import { placeOf, teamRoster, teamsUserOf } from '../activity';
import { errorText } from '../errors';
import type { ActionTurn } from '../registry';
import { scheduleCard } from './adminMessages';
import { confirmPolicyChange, policySummaryCard } from './adminPolicy';
import { confirmRedelegation } from './adminRedelegation';
import { confirmNextCycleAction, previewNextCycleAction } from './adminNextCycle';

type AdminActionTurn = ActionTurn & { actor: Actor };

/** What each admin card action does, in the access table's terms. */
const VERB_INTENTS: Record<string, AdminIntent> = {
  [ADMIN_VERBS.showSchedule]: { subject: 'schedule', action: 'read' },
  [ADMIN_VERBS.openEventForm]: { subject: 'schedule', action: 'write' },
  [ADMIN_VERBS.previewEventChange]: { subject: 'schedule', action: 'write' },
  [ADMIN_VERBS.confirmEventChange]: { subject: 'schedule', action: 'write' },
  [ADMIN_VERBS.confirmScheduleImport]: { subject: 'schedule', action: 'write' },
  [ADMIN_VERBS.confirmDirectoryImport]: { subject: 'directory', action: 'write' },
  [ADMIN_VERBS.showStatus]: { subject: 'completion', action: 'read' },
  [ADMIN_VERBS.showPolicy]: { subject: 'policy', action: 'read' },
  [ADMIN_VERBS.confirmPolicyChange]: { subject: 'policy', action: 'write' },
  [ADMIN_VERBS.confirmRedelegation]: { subject: 'reviewers', action: 'write' },
  [ADMIN_VERBS.previewNextCycle]: { subject: 'schedule', action: 'write' },
  [ADMIN_VERBS.confirmNextCycle]: { subject: 'schedule', action: 'write' },
};

/** An Action.Execute from an admin card: only an administrator, only in the admin channel. */
export async function handleAdminAction(turn: ActionTurn): Promise<AdminCard> {
  const { context, deps } = turn;
  try {
    const who = await resolveAdministrator(deps.ctx, teamsUserOf(context), VERB_INTENTS[turn.verb] ?? ADMINISTER);
    if (who.kind === 'refused') return buildAdminNoticeCard('Only PG administrators can do that', who.message);
    const channel = await checkAdminChannel(deps.ctx, who.actor, placeOf(context), false);
    if (channel.kind === 'elsewhere') return buildAdminNoticeCard('Not in this channel', channel.message);
    return await runAction({ ...turn, actor: who.actor });
  } catch (err) {
    return buildAdminNoticeCard('Something went wrong', errorText(err, deps.logger, { verb: turn.verb }), [], 'attention');
  }
}

const OUT_OF_DATE = () => buildAdminNoticeCard('This card is out of date', 'Send "schedule" for a fresh one.');

async function runAction(turn: AdminActionTurn): Promise<AdminCard> {
  const { actor } = turn;
  switch (turn.verb) {
    case ADMIN_VERBS.showSchedule:
      return scheduleCard(turn, actor, undefined, typeof turn.data.cycleId === 'string' ? turn.data.cycleId : undefined);
    case ADMIN_VERBS.showStatus:
      return buildStatusCard(await completionStatus(turn.deps.ctx, actor.organisation), actor.organisation.policy.timezone);
    case ADMIN_VERBS.openEventForm:
      return openEventForm(turn);
    case ADMIN_VERBS.previewEventChange:
      return previewEventChange(turn);
    case ADMIN_VERBS.confirmEventChange:
      return confirmEventChange(turn);
    case ADMIN_VERBS.confirmScheduleImport:
      return confirmScheduleImport(turn);
    case ADMIN_VERBS.confirmDirectoryImport:
      return confirmDirectoryImport(turn);
    case ADMIN_VERBS.showPolicy:
      return policySummaryCard(turn, actor);
    case ADMIN_VERBS.confirmPolicyChange: {
      const { card, announcement } = await confirmPolicyChange(turn, actor, turn.data);
      if (announcement) await announce(turn.context, announcement);
      return card;
    }
    case ADMIN_VERBS.confirmRedelegation:
      return confirmRedelegation(turn, announce);
    case ADMIN_VERBS.previewNextCycle:
      return previewNextCycleAction(turn);
    case ADMIN_VERBS.confirmNextCycle:
      return confirmNextCycleAction(turn);
    default:
      return OUT_OF_DATE();
  }
}

/** The cycle a card names, when it is for another cycle than the current one (the next, started ahead). */
function otherCycle(data: Record<string, unknown>): string | undefined {
  return typeof data.cycleId === 'string' && data.cycleId ? data.cycleId : undefined;
}

function asMode(value: unknown): EventFormMode {
  return value === 'move' || value === 'edit' ? value : 'add';
}

async function openEventForm(turn: AdminActionTurn): Promise<AdminCard> {
  const { actor, data } = turn;
  const mode = asMode(data.mode);
  const state = await loadScheduleFor(turn.deps.ctx, actor.organisation, data);
  const event = typeof data.eventId === 'string' ? state.events.find((e) => e.id === data.eventId) : undefined;
  if (mode !== 'add' && !event) return scheduleCard(turn, actor, 'That event is no longer on the schedule.');
  const draft = parseDraft(data.draft);
  return buildEventFormCard({ mode, event, values: draft ? valuesOfDraft(draft) : {}, timezone: actor.organisation.policy.timezone, cycle: state.cycle, cycleId: otherCycle(data) });
}

async function previewEventChange(turn: AdminActionTurn): Promise<AdminCard> {
  const { actor, data } = turn;
  const { ctx } = turn.deps;
  const tz = actor.organisation.policy.timezone;
  const state = await loadScheduleFor(ctx, actor.organisation, data);
  const event = typeof data.eventId === 'string' ? state.events.find((e) => e.id === data.eventId) : undefined;
  if (data.mode === 'cancel') {
    if (!event) return scheduleCard(turn, actor, 'That event is no longer on the schedule.');
    return buildChangePreviewCard(await previewScheduleChange(ctx, actor.organisation, { type: 'cancel', eventId: event.id, version: Number(data.version ?? event.version) }), tz);
  }
  const mode = asMode(data.mode);
  const values = formValues(data);
  const outcome = changeFromForm(mode, values, event, state);
  if (outcome.kind === 'errors') return buildEventFormCard({ mode, event, values, errors: outcome.errors, timezone: tz, cycle: state.cycle, cycleId: otherCycle(data) });
  // The form was built from the version the admin saw; keep it, so a change made meanwhile is noticed.
  const seen = Number(data.version);
  const cycleId = otherCycle(data);
  const change = 'version' in outcome.change && Number.isInteger(seen) ? { ...outcome.change, version: seen } : outcome.change.type === 'add' && cycleId ? { ...outcome.change, cycleId } : outcome.change;
  return buildChangePreviewCard(await previewScheduleChange(ctx, actor.organisation, change), tz);
}

async function confirmEventChange(turn: AdminActionTurn): Promise<AdminCard> {
  const { actor } = turn;
  const tz = actor.organisation.policy.timezone;
  const parsed = scheduleChangeSchema.safeParse(parseJson(turn.data.payload));
  if (!parsed.success) return OUT_OF_DATE();
  const outcome = await applyScheduleChange(turn.deps.ctx, actor, parsed.data);
  if (outcome.kind === 'conflict') return buildConflictCard(outcome.message, outcome.current, tz);
  if (outcome.kind === 'invalid') return buildAdminNoticeCard('That change cannot be made now', 'Nothing was changed:', outcome.errors, 'attention');
  if (outcome.announcement) await announce(turn.context, outcome.announcement);
  return buildAppliedCard(outcome.announcement, jobLines(outcome.jobs));
}

async function confirmScheduleImport(turn: AdminActionTurn): Promise<AdminCard> {
  const { actor } = turn;
  const { ctx } = turn.deps;
  const source = scheduleSourceOf(turn.data.source);
  if (!source) return buildAdminNoticeCard('This card is out of date', 'Send "schedule import" again.');
  const read = await readScheduleSource(ctx, actor, source);
  if (read.kind === 'problems') return buildProblemsCard(read.title, read.problems);
  const outcome = await applyScheduleImport(ctx, actor, read.rows, String(turn.data.digest ?? ''));
  if (outcome.kind === 'invalid') return buildProblemsCard('The schedule table', outcome.problems);
  if (outcome.kind === 'stale') {
    const card = buildScheduleImportPreviewCard(outcome.preview, actor.organisation.policy.timezone, { source: JSON.stringify(source), digest: outcome.preview.digest });
    card.body.splice(1, 0, { type: 'TextBlock', text: 'The schedule changed since that preview, so nothing was applied. Here is the preview against the schedule as it is now.', wrap: true, color: 'warning' });
    return card;
  }
  await announce(turn.context, outcome.announcement);
  return buildAppliedCard(outcome.announcement, outcome.conflicts);
}

async function confirmDirectoryImport(turn: AdminActionTurn): Promise<AdminCard> {
  const { actor, context } = turn;
  const source = directorySourceOf(turn.data.source);
  if (!source) return buildAdminNoticeCard('This card is out of date', 'Send "directory import" again.');
  const planned = await planDirectoryImport(turn.deps.ctx, actor, source, () => teamRoster(context));
  if (planned.kind === 'problems') return buildProblemsCard(planned.title, planned.problems);
  if (planned.plan.digest !== turn.data.digest) {
    const card = buildDirectoryPreviewCard(planned.plan.preview, { source: JSON.stringify(source), digest: planned.plan.digest });
    card.body.splice(1, 0, { type: 'TextBlock', text: 'The directory changed since that preview, so nothing was applied. Here is the preview as it is now.', wrap: true, color: 'warning' });
    return card;
  }
  const result = await planned.plan.apply();
  const announcement = directoryAnnouncement(actor, source, result);
  await announce(context, announcement);
  return buildAppliedCard(announcement);
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
