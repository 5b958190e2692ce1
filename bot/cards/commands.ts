// What a person can type to the bot. The message handler matches on these and the welcome and help
// cards list them, so a renamed command cannot leave stale instructions behind.
import type { Vocabulary } from './checkInCard';

export const BOT_COMMANDS = {
  checkIn: 'check in',
  myRocks: 'my rocks',
  help: 'help',
} as const;

export type BotCommand = (typeof BOT_COMMANDS)[keyof typeof BOT_COMMANDS];

/** `rhythm` is the policy's (checkIns.rhythm), e.g. "every other Friday": the trust's words, not the app's. */
export function describeCommands(vocabulary: Vocabulary, rhythm?: string): { title: string; value: string }[] {
  const when = rhythm ? ` (they come ${rhythm})` : '';
  return [
    { title: BOT_COMMANDS.checkIn, value: `Open the ${vocabulary.checkIn} that is open now, or find out when the next one opens${when}` },
    { title: BOT_COMMANDS.myRocks, value: `See your ${vocabulary.rocks} and how many success criteria are done` },
    { title: BOT_COMMANDS.help, value: 'Show this list' },
  ];
}
