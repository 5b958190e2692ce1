import type { BadgeProps } from '@fluentui/react-components';
import type { RockChange, RockDeadline, RockStatus } from '../../api/model';

export const statusLabel: Record<RockStatus, string> = {
  draft: 'Draft',
  proposed: 'Awaiting agreement',
  agreed: 'Agreed',
  amended: 'Amended — waiting for you to accept',
  completed: 'Completed',
  revise: 'Not agreed — revise',
  escalated: 'With a manager to decide',
};

/** The same states as the reviewer reads them (the reviewee is someone else). */
export const reviewerStatusLabel: Record<RockStatus, string> = {
  ...statusLabel,
  amended: 'Amended — waiting for them to accept',
};

export const statusColour: Record<RockStatus, BadgeProps['color']> = {
  draft: 'informative',
  proposed: 'warning',
  agreed: 'success',
  amended: 'warning',
  completed: 'brand',
  revise: 'danger',
  escalated: 'important',
};

const actionLabel: Record<string, string> = {
  created: 'Created',
  edited: 'Edited',
  proposed: 'Proposed for agreement',
  agreed: 'Agreed',
  amended: 'Amended by the reviewer',
  completed: 'Marked complete',
  'criterion-done': 'Success criterion ticked off',
  'criterion-undone': 'Success criterion unticked',
  accepted: 'Amendment accepted: agreed',
  'revise-requested': 'Not agreed — sent back to revise',
  escalated: 'Taken to the reviewer’s manager',
  decided: 'Decided by the reviewer’s manager',
  prioritised: 'Marked as a priority for review',
  unprioritised: 'No longer a priority for review',
};

export function describeChange(change: RockChange): string {
  return actionLabel[change.action] ?? change.action;
}

/** Editing an agreed or amended rock sends it back for agreement; one with a manager to decide waits. */
export const editable = (status: RockStatus) => status !== 'completed' && status !== 'escalated';
export const proposable = (status: RockStatus) => status === 'draft' || status === 'revise';
/** Agreed: as proposed, as amended once accepted, or as decided on escalation. "Amended" waits for the reviewee. */
export const isAgreed = (status: RockStatus) => status === 'agreed';
/** Holds its slot: a completed rock frees it for another (seed 001 FAQ). */
export const holdsSlot = (status: RockStatus) => status !== 'completed';

/** The Objectives Bank's words and phrases for a slot: its own (by id, then theme) and those for every slot ("*"). */
export function bankFor(bank: Record<string, string[]>, slot: { id: string; theme: string }): string[] {
  return [...new Set([...(bank[slot.id] ?? bank[slot.theme] ?? []), ...(bank['*'] ?? [])])];
}

export const deadlineStateLabel: Record<RockDeadline['state'], string> = {
  'not-open': 'Not open yet',
  open: 'Open for setting',
  set: 'Agreed on time',
  overdue: 'Overdue',
  'set-late': 'Agreed after the deadline',
  missed: 'Not agreed by the deadline',
};

/**
 * The checklist lines for one slot: seed 001 writes them as "Impact on Trust: ...", so lines
 * naming another slot's theme are left out, and lines naming none apply to every slot.
 */
export function checklistFor(checklist: string[], theme: string, allThemes: string[]): string[] {
  return checklist.flatMap((line) => {
    const owner = allThemes.find((t) => line.toLowerCase().startsWith(`${t.toLowerCase()}:`));
    if (!owner) return [line];
    return owner === theme ? [line.slice(owner.length + 1).trim()] : [];
  });
}

/**
 * How an alignment option reads: its label, with the code in front only where the code is the
 * trust's own reference number ("1a" for pillar 1a) rather than an internal key ("strategic-plan").
 */
export function alignmentText(option: { code: string; label: string }): string {
  const reference = /^\d{1,2}(\.\d{1,2})*[a-z]?$/i.test(option.code) && !option.label.startsWith(option.code);
  return reference ? `${option.code} — ${option.label}` : option.label;
}

/** Where one rock stands on the way Write → Propose → Agreed (no rock yet: write it). */
export type Stage = 'write' | 'propose' | 'revise' | 'waiting' | 'respond' | 'deciding' | 'agreed';

export function stageOf(status: RockStatus | undefined): Stage {
  switch (status) {
    case undefined:
      return 'write';
    case 'draft':
      return 'propose';
    case 'revise':
      return 'revise';
    case 'proposed':
      return 'waiting';
    case 'amended':
      return 'respond';
    case 'escalated':
      return 'deciding';
    default:
      return 'agreed';
  }
}

/** How many of the three steps (Write, Propose, Agreed) are behind a rock at this stage. */
export const stepsDone: Record<Stage, number> = { write: 0, propose: 1, revise: 1, waiting: 2, respond: 2, deciding: 2, agreed: 3 };

const ordinals = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
export const ordinal = (n: number) => ordinals[n - 1] ?? `${n}th`;

export interface GuideRock {
  title: string;
  status: RockStatus;
}

/**
 * The one thing to do next on the rocks page, said plainly: the person's own step first (accept
 * changes, revise, propose, write), then who they are waiting for. `slots` holds, per slot, its
 * theme and current rock (if any).
 */
export function nextStep(slots: { theme: string; rock?: GuideRock }[], words: { rock: string; rocks: string; reviewer: string }, reviewerName?: string): string {
  const reviewer = reviewerName ?? `your ${words.reviewer}`;
  const firstName = reviewerName?.split(' ')[0] ?? `your ${words.reviewer}`;
  const find = (status: RockStatus) => slots.find((s) => s.rock?.status === status)?.rock;
  const amended = find('amended');
  if (amended) return `Accept or discuss ${firstName}’s changes to “${amended.title}”.`;
  const revise = find('revise');
  if (revise) return `Revise “${revise.title}” and propose it to ${reviewer} again.`;
  const draft = find('draft');
  if (draft) return `Propose “${draft.title}” to ${reviewer}.`;
  const empty = slots.find((s) => !s.rock);
  if (empty) {
    const written = slots.filter((s) => s.rock).length;
    return `Write your ${ordinal(written + 1)} ${words.rock}: ${empty.theme}.`;
  }
  const proposed = find('proposed');
  if (proposed) return `Waiting for ${firstName} to agree “${proposed.title}”.`;
  const escalated = find('escalated');
  if (escalated) return `Waiting for a decision on “${escalated.title}”.`;
  return 'All agreed. Tick off each success criterion as you meet it.';
}
