// The Teams activity handler: thin. It turns activities into use-case calls and cards into replies.
import { CardFactory, TeamsActivityHandler, TurnContext, type Activity } from 'botbuilder';
import { parseCommand } from './commands';
import type { Logger } from './logger';

export interface BotDependencies {
  logger: Logger;
}

export const HELP_TEXT = [
  '**Professional Growth** — here is what I can do:',
  '- **check in** — open this fortnight\'s check-in (or tell you when the next one opens)',
  '- **my rocks** — your rocks and how their success criteria are going',
  '- **praise @name for …** — thank a colleague',
  '- **help** — this list',
].join('\n');

export class ProfessionalGrowthBot extends TeamsActivityHandler {
  constructor(private readonly deps: BotDependencies) {
    super();
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const activity: Activity = context.activity;
    // In a channel the text starts with "<at>Bot</at>"; commands are matched without it.
    const text = TurnContext.removeRecipientMention(activity) ?? activity.text ?? '';
    const command = parseCommand(text);
    this.deps.logger.debug({ command: command.name }, 'command received');
    switch (command.name) {
      case 'help':
        await context.sendActivity({ text: HELP_TEXT, textFormat: 'markdown' });
        return;
      default:
        await context.sendActivity({
          text: `I didn't recognise "${command.text.slice(0, 80)}". ${HELP_TEXT}`,
          textFormat: 'markdown',
        });
    }
  }
}

export { CardFactory };
