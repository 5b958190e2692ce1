// What a person can type to the bot. The message handler matches on these and the welcome and help
// cards list them, so a renamed command cannot leave stale instructions behind.
import type { Vocabulary } from './checkInCard';

export const BOT_COMMANDS = {
  checkIn: 'check in',
  myRocks: 'my rocks',
  help: 'help',
} as const;

export type BotCommand = (typeof BOT_COMMANDS)[keyof typeof BOT_COMMANDS];

/**
 * `rhythm` is the policy's (checkIns.rhythm), e.g. "every other Friday": the trust's words, not the
 * app's; `growth` lists the growth plan and log commands (seed 002); `feedback` the 360 ask (seed 000 §8, where the policy has reviews).
 */
export function describeCommands(vocabulary: Vocabulary, options: { rhythm?: string; growth?: boolean; feedback?: boolean; reviews?: boolean; survey?: boolean } = {}): { title: string; value: string }[] {
  const when = options.rhythm ? ` (they come ${options.rhythm})` : '';
  return [
    { title: BOT_COMMANDS.checkIn, value: `Open the ${vocabulary.checkIn} that is open now, or find out when the next one opens${when}` },
    { title: BOT_COMMANDS.myRocks, value: `See your ${vocabulary.rocks} and how many success criteria are done` },
    ...(options.growth ? GROWTH_COMMANDS : []),
    ...(options.feedback ? [{ title: FEEDBACK_COMMAND, value: `Ask colleagues for feedback on one of your ${vocabulary.rocks} or your year` }] : []),
    ...(options.reviews ? [REVIEW_COMMAND] : []),
    ...(options.survey ? [{ title: 'survey', value: 'Answer the aspiration survey while it is open, or change your answers' }] : []),
    { title: BOT_COMMANDS.help, value: 'Show this list' },
  ];
}

/** seed 000 §8: 360-degree feedback from named colleagues. */
const FEEDBACK_COMMAND = 'ask feedback';

/** seed 002: where the policy keeps a self-reflection, growth plan and growth log. */
const GROWTH_COMMANDS = [
  { title: 'self reflection', value: 'Stage one: reflect on your strengths and growth areas against your standards' },
  { title: 'my plan', value: 'Your professional growth plan: how you will learn, check-in and completion dates' },
  { title: 'growth log', value: 'Add to your growth log: what you did, learned and will do next' },
  { title: 'my reflection', value: 'Stage four: your reflection, review and sharing at the end of the cycle' },
];

/** The growth commands alone, for the help text (bot/teams/handlers/help.ts). */
export function describeGrowthCommands(): { title: string; value: string }[] {
  return GROWTH_COMMANDS;
}

/** issue 12: the end-of-year review's card (and, for reviewers and deciders, the reviews waiting for them). */
export const REVIEW_COMMAND = { title: 'my review', value: 'Your end-of-year review: write your reflection, or see the reviews waiting for you' };
