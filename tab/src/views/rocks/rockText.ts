import type { BadgeProps } from '@fluentui/react-components';
import type { RockChange, RockStatus } from '../../api/model';

export const statusLabel: Record<RockStatus, string> = {
  draft: 'Draft',
  proposed: 'Awaiting agreement',
  agreed: 'Agreed',
  amended: 'Agreed with changes',
  completed: 'Completed',
};

export const statusColour: Record<RockStatus, BadgeProps['color']> = {
  draft: 'informative',
  proposed: 'warning',
  agreed: 'success',
  amended: 'success',
  completed: 'brand',
};

const actionLabel: Record<string, string> = {
  created: 'Created',
  edited: 'Edited',
  proposed: 'Proposed for agreement',
  agreed: 'Agreed',
  amended: 'Agreed with changes',
  completed: 'Marked complete',
  'criterion-done': 'Success criterion ticked off',
  'criterion-undone': 'Success criterion unticked',
};

export function describeChange(change: RockChange): string {
  return actionLabel[change.action] ?? change.action;
}

/** Editing an agreed rock sends it back for agreement (shared/api editRockRequestSchema). */
export const editable = (status: RockStatus) => status !== 'completed';
export const proposable = (status: RockStatus) => status === 'draft';
/** "Amended" is agreed with the reviewer's changes: both count as agreed. */
export const isAgreed = (status: RockStatus) => status === 'agreed' || status === 'amended';

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
