// After a window closes, each reviewer gets one card about their team. seed 000/001 put trust and
// wellbeing first: the wording notices and offers help; it does not name and shame.
import { adaptiveCard, heading, paragraph, type AdaptiveCard, type CardElement } from './adaptiveCard';
import type { Vocabulary } from './checkInCard';

export interface DigestEntry {
  name: string;
  /** For a submitted check-in: whether it still waits for the reviewer. */
  awaitingAcknowledgement?: boolean;
  late?: boolean;
}

export interface ReviewerDigestInput {
  reviewerName: string;
  eventTitle: string;
  vocabulary: Vocabulary;
  submitted: DigestEntry[];
  notCheckedIn: DigestEntry[];
  tabUrl: string;
}

function names(entries: DigestEntry[]): string {
  return entries.map((e) => e.name).join(', ');
}

export function buildReviewerDigestCard(input: ReviewerDigestInput): AdaptiveCard {
  const { vocabulary } = input;
  const awaiting = input.submitted.filter((e) => e.awaitingAcknowledgement);
  const total = input.submitted.length + input.notCheckedIn.length;
  const body: CardElement[] = [
    heading(`${input.eventTitle}: your team`),
    paragraph(`${input.submitted.length} of ${total} shared a ${vocabulary.checkIn} this time.`, { spacing: 'small' }),
  ];
  if (input.submitted.length > 0) {
    body.push(paragraph('Checked in', { weight: 'bolder', spacing: 'medium' }), paragraph(names(input.submitted), { spacing: 'small' }));
  }
  if (awaiting.length > 0) {
    body.push(
      paragraph('Waiting for your acknowledgement', { weight: 'bolder', spacing: 'medium' }),
      paragraph(`${names(awaiting)} — a quick acknowledgement and a line on one answer lets them know it landed.`, { spacing: 'small' }),
    );
  } else if (input.submitted.length > 0) {
    body.push(paragraph('You have acknowledged every one — thank you.', { color: 'good', spacing: 'medium' }));
  }
  if (input.notCheckedIn.length > 0) {
    body.push(
      paragraph('Not checked in this time', { weight: 'bolder', spacing: 'medium' }),
      paragraph(`${names(input.notCheckedIn)} — weeks get busy. A friendly word next time you see them may help; they can still add it late from their chat.`, { spacing: 'small' }),
    );
  }
  return adaptiveCard(body, [{ type: 'Action.OpenUrl', title: 'Open My team', url: input.tabUrl }]);
}
