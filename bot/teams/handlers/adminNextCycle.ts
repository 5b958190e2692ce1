// "cycle next" in the admin channel (issue 14): the choices, a preview per source, and Confirm.
// Thin: the use cases plan and start the cycle; this reads the message or card and draws the card.
import type { TurnContext } from 'botbuilder';
import { nextCycleSourceOf } from '../../admin/importSources';
import { buildAdminNoticeCard, buildAppliedCard, buildNextCycleChoicesCard, buildNextCyclePreviewCard, buildNextCycleProblemsCard, MAX_PASTED_NEXT_TABLE, type AdminCard } from '../../cards/admin';
import { rockWindowsOf, rollCycleForward } from '../../../shared/policy';
import type { Actor } from '../../usecases/access';
import { cycleAfterCurrent, cycleToFollow, packChoices, planNextCycle, type NextCycleSource } from '../../usecases/nextCycle';
import { startNextCycle } from '../../usecases/startNextCycle';
import { postedFile, sendCard, sendText } from '../activity';
import type { ActionTurn, Turn } from '../registry';
import { scheduleCard, textAfterCommand } from './adminMessages';

/** "schedule" is this cycle's; "schedule next" the next cycle's, once started, so its dates can be corrected before it begins. */
export async function scheduleCardFor(turn: Turn, actor: Actor, args: string): Promise<AdminCard> {
  if (!/^next\b/i.test(args.trim())) return scheduleCard(turn, actor);
  const next = await cycleAfterCurrent(turn.deps.ctx, actor.organisation);
  if (!next) return buildAdminNoticeCard('No next cycle yet', 'Start it with "cycle next" first.');
  return scheduleCard(turn, actor, undefined, next.id);
}

async function choicesCard(turn: Turn, actor: Actor): Promise<AdminCard> {
  const policy = actor.organisation.policy;
  const { cycle, events } = await cycleToFollow(turn.deps.ctx, actor.organisation);
  const rolled = rollCycleForward(cycle, events.filter((e) => e.status === 'scheduled'), rockWindowsOf(policy, cycle), policy.timezone);
  return buildNextCycleChoicesCard({
    fromLabel: cycle.label,
    rolledDates: `${rolled.cycle.startsOn} to ${rolled.cycle.endsOn}`,
    packs: packChoices(cycle),
    carryOver: policy.rocks.carryOver === 'drafts',
    rocksWord: policy.vocabulary.rocks,
  });
}

/** The preview of the plan from this source, or the problems that stop it. */
async function previewCard(turn: Turn, actor: Actor, source: NextCycleSource): Promise<AdminCard> {
  if (source.kind === 'table' && source.table.kind === 'text') {
    if (!source.table.text.trim()) return buildAdminNoticeCard("Paste next year's table first", 'One event a line: date (dd/mm/yyyy), day, title, hours — or attach it as a CSV file.');
    if (source.table.text.length > MAX_PASTED_NEXT_TABLE) return buildAdminNoticeCard('That table is too long to paste', 'Attach it as a CSV file instead.');
  }
  const plan = await planNextCycle(turn.deps.ctx, actor.organisation, source);
  if (plan.problems.length > 0) return buildNextCycleProblemsCard(plan.cycle.label, plan.problems);
  return buildNextCyclePreviewCard(plan, actor.organisation.policy.timezone, actor.organisation.policy.vocabulary, { source: JSON.stringify(source), digest: plan.digest });
}

/** "cycle next" alone: the choices; "cycle next roll", "cycle next pack tsfe-2026-27", "cycle next table …" (or a file): that preview. */
export async function nextCycleCommand(turn: Turn, actor: Actor, args: string): Promise<void> {
  const { context } = turn;
  const file = postedFile(context);
  const [word = '', rest = ''] = args.split(/\s+(.*)/s);
  if (file) return sendCard(context, await previewCard(turn, actor, { kind: 'table', table: { kind: 'file', url: file.url, name: file.name, format: file.fileType === 'csv' || /\.csv$/i.test(file.name) ? 'csv' : 'text' } }));
  if (/^roll/i.test(word)) return sendCard(context, await previewCard(turn, actor, { kind: 'roll-forward' }));
  if (/^pack$/i.test(word)) {
    if (!rest.trim()) return sendText(context, 'Name the pack after "cycle next pack", e.g. "cycle next pack tsfe-2026-27"; "cycle next" lists the packs you can start from.');
    return sendCard(context, await previewCard(turn, actor, { kind: 'pack', packId: rest.trim() }));
  }
  if (/^table$/i.test(word)) return sendCard(context, await previewCard(turn, actor, { kind: 'table', table: { kind: 'text', text: textAfterCommand(context, /cycle[\s-]?next\s+table/i) } }));
  if (word) return sendText(context, 'Say "cycle next" for the choices, or "cycle next roll", "cycle next pack <pack id>", or "cycle next table" with the table pasted after it or attached.');
  return sendCard(context, await choicesCard(turn, actor));
}

export async function previewNextCycleAction(turn: ActionTurn & { actor: Actor }): Promise<AdminCard> {
  const source = nextCycleSourceOf(turn.data);
  if (!source) return buildAdminNoticeCard('Choose where the dates come from', 'Send "cycle next" for the choices.');
  return previewCard(turn, turn.actor, source);
}

export async function confirmNextCycleAction(turn: ActionTurn & { actor: Actor }): Promise<AdminCard> {
  const { actor } = turn;
  const source = nextCycleSourceOf(turn.data);
  if (!source) return buildAdminNoticeCard('This card is out of date', 'Send "cycle next" again.');
  const outcome = await startNextCycle(turn.deps.ctx, actor, source, String(turn.data.digest ?? ''));
  if (outcome.kind === 'invalid') return buildNextCycleProblemsCard('The next cycle', outcome.problems);
  if (outcome.kind === 'already') return buildAdminNoticeCard('The next cycle has already been started', outcome.message);
  if (outcome.kind === 'stale') {
    const card = buildNextCyclePreviewCard(outcome.plan, actor.organisation.policy.timezone, actor.organisation.policy.vocabulary, { source: JSON.stringify(source), digest: outcome.plan.digest });
    card.body.splice(1, 0, { type: 'TextBlock', text: 'This year\'s schedule changed since that preview, so nothing was created. Here is the preview as it is now.', wrap: true, color: 'warning' });
    return card;
  }
  await announce(turn.context, outcome.announcement);
  return buildAppliedCard(outcome.announcement, [outcome.cycle.current ? 'Correct any date with "schedule" (Move, Edit, Cancel).' : 'Correct any date with "schedule next" (Move, Edit, Cancel) before it starts.']);
}

async function announce(context: TurnContext, text: string): Promise<void> {
  await context.sendActivity({ type: 'message', text });
}
