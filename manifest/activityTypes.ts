// Activity-feed notification types declared in manifest.json (activities.activityTypes), with the
// template parameters each templateText uses. The Graph sender imports these names, so a type the
// manifest does not declare cannot be sent; test/manifest checks the two agree both ways.
//
// No template uses Teams' {actor}: our notifications are sent with an application token, and in
// that case Teams fills {actor} with the app's name, not the colleague who acted.

export const ACTIVITY_TYPES = {
  /** To the reviewer: a reviewee submitted a check-in. */
  checkInSubmitted: ['reviewee', 'checkIn'],
  /** To the reviewee: seed 001, the reviewer acknowledges every check-in. */
  checkInAcknowledged: ['reviewer', 'checkIn'],
  /** To the reviewee: the reviewer commented on an answer. */
  reviewerResponded: ['reviewer', 'checkIn'],
  /** To the other party of a feedback thread. */
  feedbackReply: ['author', 'thread'],
  /** To the colleague being praised. */
  praiseReceived: ['giver'],
  /** To the reviewer: a rock (or the policy's word for it) is waiting for agreement. */
  rockProposed: ['reviewee', 'rockTerm', 'rock'],
  /** To the reviewee: the reviewer agreed a proposed rock. */
  rockAgreed: ['reviewer', 'rockTerm', 'rock'],
  /** To a member of staff: a check-in window is open. */
  checkInPrompt: ['checkIn', 'closes'],
  /** To a reviewer: one of the year's reviews (impact, end of year) of someone they review is open. */
  reviewDue: ['review', 'reviewee', 'due'],
} as const satisfies Record<string, readonly string[]>;

export type ActivityType = keyof typeof ACTIVITY_TYPES;

/** The templateParameters a sender must supply for an activity type, by name. */
export type ActivityTemplateParameters<T extends ActivityType> = Record<(typeof ACTIVITY_TYPES)[T][number], string>;

export const ACTIVITY_TYPE_NAMES = Object.keys(ACTIVITY_TYPES) as ActivityType[];

/** Turns named parameters into Graph's `templateParameters` array, in the declared order. */
export function templateParameters<T extends ActivityType>(
  type: T,
  values: ActivityTemplateParameters<T>,
): { name: string; value: string }[] {
  const names: readonly string[] = ACTIVITY_TYPES[type];
  return names.map((name) => ({ name, value: (values as Record<string, string>)[name] ?? '' }));
}
