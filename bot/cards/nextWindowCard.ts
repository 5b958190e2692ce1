import type { AdaptiveCard } from './adaptiveCard';
import { adaptiveCard, paragraph } from './adaptiveCard';
import type { Vocabulary } from './checkInCard';

export interface NextWindowCardInput {
  vocabulary: Vocabulary;
  /** The next check-in, already formatted in the organisation's time zone: { title: "Check in 7", opens: "Mon 9 Mar at 08:00" }. */
  next?: { title: string; opens: string };
}

export function buildNextWindowCard(input: NextWindowCardInput): AdaptiveCard {
  const { vocabulary, next } = input;
  const text = next
    ? `No ${vocabulary.checkIn} is open right now; the next one, ${next.title}, opens ${next.opens}. I'll send it to you here.`
    : `No ${vocabulary.checkIn} is open right now, and there are no more scheduled this year.`;
  return adaptiveCard([paragraph(text)]);
}

/** No cycle covers today: the message (from bot/schedule/cycleWords.ts) as a card of its own. */
export function buildNoCycleCard(message: string): AdaptiveCard {
  return adaptiveCard([paragraph(message)]);
}
