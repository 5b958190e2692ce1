// "cycle next" in the admin channel: the three ways to start the next cycle, the preview of every
// new event (its date and window, what differs from this year) with Confirm, and the problems that
// stop one (named by line or field). Pure functions of the plan.
import { formatEventDate } from '../../../shared/policy';
import { ADMIN_VERBS } from '../../../shared/verbs';
import type { NextCyclePlan, NextCycleProblem } from '../../schedule/nextCycle';
import { count, formatWindow } from '../../schedule/words';
import { heading, paragraph, type FactSet } from '../adaptiveCard';
import { adminCard, bullets, execute, type AdminCard, type AdminElement } from './adminCard';
import { limited } from './importCards';

export interface NextCycleChoices {
  fromLabel: string;
  /** The rolled-forward cycle's dates, e.g. "2026-09-01 to 2027-08-31". */
  rolledDates: string;
  packs: Array<{ id: string; label: string; startsOn: string; endsOn: string }>;
  /** Rocks carry over as drafts (policy rocks.carryOver). */
  carryOver: boolean;
  rocksWord: string;
}

/** A pasted table rides in the Confirm data, like "schedule import"'s. */
export const MAX_PASTED_NEXT_TABLE = 20_000;

export function buildNextCycleChoicesCard(input: NextCycleChoices): AdminCard {
  const body: AdminElement[] = [
    heading(`Start the cycle after ${input.fromLabel}`),
    paragraph('Choose where next year\'s dates come from. You will see every new event and what differs from this year before anything is created.'),
    paragraph(`**Roll ${input.fromLabel} forward** — the same weekdays and fortnightly rhythm moved to next year's weeks (${input.rolledDates}), for you to correct afterwards.`, { spacing: 'medium' }),
    { type: 'ActionSet', actions: [execute('Preview the roll-forward', ADMIN_VERBS.previewNextCycle, { sourceKind: 'roll-forward' }, 'positive')] },
  ];
  if (input.packs.length > 0) {
    body.push(
      { type: 'Input.ChoiceSet', id: 'packId', label: 'Or a shipped policy pack\'s cycle', choices: input.packs.map((p) => ({ title: `${p.label} (${p.startsOn} to ${p.endsOn})`, value: p.id })), value: input.packs[0]!.id, style: 'compact', spacing: 'medium' },
      { type: 'ActionSet', actions: [execute('Preview this pack', ADMIN_VERBS.previewNextCycle, { sourceKind: 'pack' })] },
    );
  }
  body.push(
    { type: 'Input.Text', id: 'table', label: "Or paste next year's table (date dd/mm/yyyy, day, title, hours — one event a line)", isMultiline: true, maxLength: MAX_PASTED_NEXT_TABLE, spacing: 'medium' },
    { type: 'ActionSet', actions: [execute('Preview this table', ADMIN_VERBS.previewNextCycle, { sourceKind: 'table' })] },
    paragraph('A CSV file works too: send "cycle next table" with the file attached.', { isSubtle: true }),
  );
  if (input.carryOver) body.push(paragraph(`Agreed ${input.rocksWord} of this year's last window will be carried into the new cycle's first window as drafts (your policy says so).`, { isSubtle: true }));
  return adminCard(body);
}

function facts(plan: NextCyclePlan): FactSet {
  const windows = plan.cycle.rockWindows.map((w) => `${w.label}${w.setBy ? ` (set by ${w.setBy})` : ''}`).join('; ');
  const from = plan.source === 'roll-forward' ? `${plan.from.label}, rolled forward` : plan.source === 'pack' ? `the ${plan.packId} pack` : "next year's table";
  return {
    type: 'FactSet',
    facts: [
      { title: 'Cycle', value: `${plan.cycle.label} (${plan.cycle.startsOn} to ${plan.cycle.endsOn})` },
      { title: 'From', value: from },
      { title: 'Events', value: String(plan.events.length) },
      { title: 'Rock windows', value: windows || 'none' },
    ],
  };
}

function carryOverLine(plan: NextCyclePlan, words: { rock: string; rocks: string }): string[] {
  const c = plan.carryOver;
  if (c.mode !== 'drafts') return [];
  if (!c.fromWindow || !c.toWindow) return [`No ${words.rocks} carry over: a cycle without rock windows.`];
  return [`${count(c.rocks, `agreed ${words.rock}`, `agreed ${words.rocks}`)} of ${count(c.people, 'person', 'people')} (${c.fromWindow.label}) become drafts in ${c.toWindow.label}.`];
}

export function buildNextCyclePreviewCard(plan: NextCyclePlan, timezone: string, words: { rock: string; rocks: string }, confirmData: Record<string, string>): AdminCard {
  const lines = plan.events.map(({ event, differences }) => {
    const when = `${formatEventDate(event.date, timezone)} ${event.date.slice(0, 4)}`;
    return `**${event.title}** · ${when} (window ${formatWindow(event.window, timezone)}, ${event.directedHours} h) — ${differences.join('; ')}`;
  });
  const body: AdminElement[] = [
    heading(`Check and confirm ${plan.cycle.label}`),
    facts(plan),
    paragraph('**New events**', { spacing: 'medium' }),
    ...bullets(limited(lines, 60)),
    ...(plan.dropped.length > 0 ? [paragraph("**Not in next year (this year's events with no counterpart)**", { spacing: 'medium' }), ...bullets(plan.dropped.map((e) => `${e.title} · ${formatEventDate(e.date, timezone)} ${e.date.slice(0, 4)}`))] : []),
    ...(plan.leftOut.length > 0 ? [paragraph('**Already over, so left out**', { spacing: 'medium' }), ...bullets(plan.leftOut.map((e) => `${e.title} · ${formatEventDate(e.date, timezone)} ${e.date.slice(0, 4)}`))] : []),
    ...bullets([...plan.warnings, ...carryOverLine(plan, words)].map((w) => `⚠️ ${w}`), { color: 'warning' }),
    paragraph('After confirming, correct any date with "schedule next" (Move, Edit, Cancel, Add an event).', { isSubtle: true }),
  ];
  return adminCard(body, [execute(`Confirm: start ${plan.cycle.label}`, ADMIN_VERBS.confirmNextCycle, confirmData, 'positive')]);
}

export function problemText(p: NextCycleProblem): string {
  return `${p.line !== undefined ? `line ${p.line}: ` : ''}${p.field ? `${p.field}: ` : ''}${p.message}`;
}

export function buildNextCycleProblemsCard(label: string, problems: readonly NextCycleProblem[]): AdminCard {
  return adminCard([
    heading(`${label} cannot be started yet`),
    paragraph('Nothing was created. Fix these and try again:'),
    ...bullets(limited(problems.map(problemText), 30), { color: 'attention' }),
  ]);
}
