// Chat commands, as a person types them in the bot chat (or after an @mention in a channel).
export const PERSONAL_COMMANDS = ['check in', 'my rocks', 'praise', 'help', 'my plan', 'growth log', 'self reflection', 'my reflection', 'ask feedback', 'my review', 'survey'] as const;
export const ADMIN_COMMANDS = ['schedule', 'schedule import', 'directory import', 'status', 'policy', 'policy set', 'reviewer', 'coach', 'handovers', 'cycle next'] as const;

export type CommandName = (typeof PERSONAL_COMMANDS)[number] | (typeof ADMIN_COMMANDS)[number];

export interface ParsedCommand {
  name: CommandName | 'unknown';
  /** What followed the command word(s), e.g. "@Sam for the trip" after "praise". */
  args: string;
  text: string;
}

const ALL: CommandName[] = [...ADMIN_COMMANDS, ...PERSONAL_COMMANDS].sort((a, b) => b.length - a.length);
const PATTERNS = ALL.map((name) => ({
  name,
  // "check in", "check-in" and "checkin" are the same command; a leading slash is allowed.
  pattern: new RegExp(`^/?${name.split(' ').join('[\\s-]?')}(?:\\s+|$)`, 'i'),
}));

/** Matches the longest command the text starts with, case-insensitively. */
export function parseCommand(raw: string): ParsedCommand {
  const text = raw.replace(/\s+/g, ' ').trim();
  for (const { name, pattern } of PATTERNS) {
    const match = pattern.exec(text);
    if (match) return { name, args: text.slice(match[0].length).trim(), text };
  }
  return { name: 'unknown', args: '', text };
}
