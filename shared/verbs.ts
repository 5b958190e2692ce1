// Action.Execute verbs: the card that sends one and the handler that answers it import the same
// constant, so they cannot disagree (STYLE.md §5).
export const VERBS = {
  submitCheckIn: 'checkIn.submit',
  editCheckIn: 'checkIn.edit',
  refreshCheckIn: 'checkIn.refresh',
  acknowledgeCheckIn: 'checkIn.acknowledge',
  respondToCheckIn: 'checkIn.respond',
  openCheckIn: 'checkIn.open',
  /** The reviewer's copy of a check-in asks for a fresh view (refresh.userIds). */
  refreshReviewerCard: 'review.refresh',
  /** "praise Sam for …" matched several colleagues: the giver picks one. */
  choosePraiseRecipient: 'praise.choose',
} as const;

export type Verb = (typeof VERBS)[keyof typeof VERBS];

/** The people picker's Data.Query dataset name, answered by the bot from the staff directory. */
export const PEOPLE_DATASET = 'pgteams.people';
