// What a person can type to the bot. The message handler matches on these and the welcome and help
// cards list them, so a renamed command cannot leave stale instructions behind.
import type { Vocabulary } from './checkInCard';

export const BOT_COMMANDS = {
  checkIn: 'check in',
  myRocks: 'my rocks',
  help: 'help',
} as const;

export type BotCommand = (typeof BOT_COMMANDS)[keyof typeof BOT_COMMANDS];

export function describeCommands(vocabulary: Vocabulary): { title: string; value: string }[] {
  return [
    { title: BOT_COMMANDS.checkIn, value: `Open this fortnight's ${vocabulary.checkIn}, or find out when the next one opens` },
    { title: BOT_COMMANDS.myRocks, value: `See your ${vocabulary.rocks} and how many success criteria are done` },
    { title: BOT_COMMANDS.help, value: 'Show this list' },
  ];
}
