import type { YearReviewDto } from '../../../../shared/api';

export function statusText(status: YearReviewDto['status']): string {
  switch (status) {
    case 'waiting-for-reviewee':
      return 'Waiting for the reflection';
    case 'waiting-for-reviewer':
      return 'Waiting for the reviewer';
    case 'waiting-for-decider':
      return 'Waiting for the final decision';
    case 'complete':
      return 'Complete';
  }
}

/** Seed 001 "Your engagement": the answers in the booklet's words. */
export const onTimeChoices = [
  ['never', 'Never'],
  ['rarely', 'Rarely'],
  ['sometimes', 'Sometimes'],
  ['often', 'Often'],
  ['always', 'Always'],
] as const;

export const jobDescriptionChoices = [
  ['none', 'I am not'],
  ['some', 'Some'],
  ['many', 'Many'],
  ['majority', 'Majority'],
  ['all', 'All'],
] as const;

export function choiceLabel(choices: ReadonlyArray<readonly [string, string]>, value: string | undefined): string {
  return choices.find(([key]) => key === value)?.[1] ?? '—';
}

/** "Measured: 83 % on time (10 of 12 check-ins)", or undefined with no check-ins due yet. */
export function measuredOnTime(measured: YearReviewDto['measured']): string | undefined {
  if (measured.onTimeRate === null) return undefined;
  return `Measured: ${Math.round(measured.onTimeRate * 100)} % on time (${measured.checkInsSubmitted} of ${measured.checkInsDue} check-ins submitted)`;
}

export function optionLabel(options: YearReviewDto['outcomes'], key: string | undefined): string {
  if (!key) return '—';
  return options.find((o) => o.key === key)?.label ?? key;
}
