import type { AdaptiveCard, CardAction } from './adaptiveCard';
import { adaptiveCard, heading, paragraph } from './adaptiveCard';
import type { Vocabulary } from './checkInCard';
import { describeCommands } from './commands';

export interface HelpCardInput {
  vocabulary: Vocabulary;
  tabUrl?: string;
  /** policy.checkIns.rhythm */
  rhythm?: string;
  /** seed 002: list the growth plan and log commands. */
  growth?: boolean;
  /** seed 000 §8: list "ask feedback" where the policy has the year's reviews. */
  feedback?: boolean;
  /** issue 12: list "my review" where the policy has an end-of-year review. */
  reviews?: boolean;
  /** Issue 13: list "survey" where the policy has an aspiration survey. */
  survey?: boolean;
}

export function buildHelpCard(input: HelpCardInput): AdaptiveCard {
  const actions: CardAction[] = input.tabUrl ? [{ type: 'Action.OpenUrl', title: 'Open the tab', url: input.tabUrl }] : [];
  return adaptiveCard(
    [
      heading('What I can do'),
      paragraph('Type one of these:', { spacing: 'small' }),
      { type: 'FactSet', facts: describeCommands(input.vocabulary, { rhythm: input.rhythm, growth: input.growth, feedback: input.feedback, reviews: input.reviews, survey: input.survey }) },
      paragraph(`To write or change your ${input.vocabulary.rocks}, or to read feedback, use the tab.`, { isSubtle: true, spacing: 'medium' }),
    ],
    actions,
  );
}
