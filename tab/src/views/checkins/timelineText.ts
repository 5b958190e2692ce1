import type { BadgeProps } from '@fluentui/react-components';
import type { TimelineState } from '../../api/model';

// 'posted' / 'not-posted' are group coaching sessions (seed 004): a neutral badge, never "missed".
export const stateLabel: Record<TimelineState, string> = {
  'on-time': 'On time',
  late: 'Late',
  missed: 'Missed',
  'not-taken': 'Not taken (optional)',
  open: 'Open now',
  upcoming: 'Upcoming',
  posted: 'Posted',
  'not-posted': 'No post',
};

export const stateColour: Record<TimelineState, BadgeProps['color']> = {
  'on-time': 'success',
  late: 'warning',
  missed: 'danger',
  'not-taken': 'subtle',
  open: 'brand',
  upcoming: 'informative',
  posted: 'success',
  'not-posted': 'subtle',
};

/** Which answer a reviewer's response is about (seed 001: comment on at least one response). */
export function anchorLabel(anchor: string, rockTitles: Map<string, string>): string {
  switch (anchor) {
    case 'www':
      return 'What went well';
    case 'ebi':
      return 'Even better if';
    case 'whatsNext':
      return 'What’s next';
    case 'score':
      return 'Score';
    case 'general':
      return 'The whole check-in';
    default:
      return anchor.startsWith('rock:') ? (rockTitles.get(anchor.slice(5)) ?? 'Progress') : anchor;
  }
}
