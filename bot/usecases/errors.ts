// The catalogue of domain errors (STYLE.md §7): a stable code, the HTTP status an API answers
// with, and text a person can act on. Each surface translates them in one place.
export const DOMAIN_ERRORS = {
  notInDirectory: { status: 403, text: "You're not in this organisation's staff directory yet, so I can't give you check-ins. Ask your PG administrator to add you." },
  notFound: { status: 404, text: "That item doesn't exist, or you can't see it." },
  forbidden: { status: 403, text: "You don't have permission to do that." },
  invalidInput: { status: 422, text: 'Some answers need another look.' },
  windowClosed: { status: 409, text: 'This check-in window has closed, so it can no longer be changed.' },
  noOpenWindow: { status: 409, text: 'No check-in is open right now.' },
  conflict: { status: 409, text: 'Someone else changed this at the same time. Here is the current version.' },
  organisationUnknown: { status: 403, text: 'Your organisation has not been set up for Professional Growth yet.' },
  /** The policy leaves this person out (excluded, paused, ECT, contract): eligibility.ts. */
  notAsked: { status: 403, text: "You're not asked to check in at the moment." },
} as const;

export type DomainErrorCode = keyof typeof DOMAIN_ERRORS;

export class DomainError extends Error {
  readonly status: number;
  constructor(
    readonly code: DomainErrorCode,
    message?: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message ?? DOMAIN_ERRORS[code].text);
    this.name = 'DomainError';
    this.status = DOMAIN_ERRORS[code].status;
  }
}
