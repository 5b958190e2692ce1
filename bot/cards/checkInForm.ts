// The check-in form's field ids, shared by the card that renders the inputs and the parser that
// reads them back from Action.Execute, so the two cannot drift.
import { CHECK_IN_LIMITS } from '../../shared/domain';

export const CHECK_IN_FIELDS = {
  www: 'www',
  ebi: 'ebi',
  whatsNext: 'whatsNext',
  score: 'score',
  praiseIds: 'praiseIds',
  praiseMessage: 'praiseMessage',
} as const;

export const ROCK_FIELD_PREFIX = 'rock:';

export function rockFieldId(rockId: string): string {
  return `${ROCK_FIELD_PREFIX}${rockId}`;
}

/** Not an input: errors about the submission as a whole ("write at least one answer"). */
export const FORM_FIELD = 'form';

export const TEXT_FIELD_LABELS = {
  www: 'What went well',
  ebi: 'Even better if',
  whatsNext: "What's next",
  praiseMessage: 'Your thanks',
} as const;

export const TEXT_FIELD_LIMITS = {
  www: CHECK_IN_LIMITS.www,
  ebi: CHECK_IN_LIMITS.ebi,
  whatsNext: CHECK_IN_LIMITS.whatsNext,
  praiseMessage: CHECK_IN_LIMITS.praiseMessage,
} as const;

export const SCORE_LABEL = 'Score out of 10';
export const PRAISE_LABEL = 'Praise colleagues';

export { MAX_PRAISED_PER_CHECK_IN } from '../../shared/api/checkIns';

/** What the person typed, exactly as it arrived, so an invalid card can be shown again without losing anything. */
export interface CheckInFormValues {
  www?: string;
  ebi?: string;
  whatsNext?: string;
  /** Progress text keyed by rock id. */
  rockProgress?: Record<string, string>;
  /** As the ChoiceSet sends it: "1".."10", or empty. */
  score?: string;
  praiseIds?: string[];
  praiseMessage?: string;
}

export interface FieldError {
  /** An input id (`www`, `rock:<rockId>`, `score`, …) or `form` for the submission as a whole. */
  field: string;
  message: string;
}
