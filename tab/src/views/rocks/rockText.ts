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
