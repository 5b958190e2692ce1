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

export { MAX_PRAISED_PER_CHECK_IN, MAX_ROCK_PROGRESS_PER_CHECK_IN } from '../../shared/api/checkIns';

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

/** The words around the check-in's fields, the same on the card and in the tab's form. */
export function checkInHints(vocabulary: { checkIn: string }) {
  return {
    www: 'Be specific — what worked, and why? Three key words is fine',
    ebi: 'What would make it even better next time?',
    whatsNext: `Your next step before the next ${vocabulary.checkIn}`,
    rockProgress: 'What moved forward? Three key words is fine',
    score: 'Your skill or confidence right now. What would a 10 look like?',
    praise: "Start typing a colleague's name",
    praiseMessage: `They get your thanks, not the rest of your ${vocabulary.checkIn}.`,
  } as const;
}

/** The form's opening lines: how little is needed, and who reads it (`reviewerName` when known). */
export function checkInIntro(vocabulary: { rocks: string; reviewer: string }, reviewerName: string | undefined): [string, string] {
  const reviewer = reviewerName ? `your ${vocabulary.reviewer} (${reviewerName})` : `your ${vocabulary.reviewer}`;
  return [
    `Ten minutes is plenty. You don't have to answer everything — one answer is enough to send: What went well and Even better if can take turns with progress on your ${vocabulary.rocks}, and three key words is fine when time is short.`,
    `Only you and ${reviewer} see your answers, and they can feed into your end-of-year review, so a specific line now saves time later.`,
  ];
}
