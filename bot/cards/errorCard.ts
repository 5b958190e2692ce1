// STYLE.md §7: an unexpected failure shows an error id that is also in the log, so support can find it.
import type { AdaptiveCard } from './adaptiveCard';
import { adaptiveCard, heading, paragraph } from './adaptiveCard';

export interface ErrorCardInput {
  errorId: string;
  /** A domain error's user-facing text; omitted for unexpected failures. */
  message?: string;
}

export function buildErrorCard(input: ErrorCardInput): AdaptiveCard {
  return adaptiveCard([
    heading('Something went wrong'),
    paragraph(input.message ?? "That didn't work on our side. Please try again in a minute."),
    paragraph(`If it keeps happening, tell your PG administrator and quote this error id: ${input.errorId}`, { isSubtle: true, spacing: 'medium' }),
  ]);
}
