// First contact: sent when the app is installed, and the answer for someone the directory doesn't know.
import type { AdaptiveCard } from './adaptiveCard';
import { adaptiveCard, firstName, heading, paragraph } from './adaptiveCard';
import type { Vocabulary } from './checkInCard';
import { describeCommands } from './commands';

export interface WelcomeCardInput {
  personName?: string;
  vocabulary: Vocabulary;
  /** Deep link to the personal tab (https://teams.microsoft.com/l/entity/…). */
  tabUrl: string;
  /** How often the check-in arrives, in the trust's words (policy.checkIns.rhythm): "every other Friday", "every half term". */
  rhythm: string;
  reviewerName?: string;
}

export function buildWelcomeCard(input: WelcomeCardInput): AdaptiveCard {
  const { vocabulary } = input;
  const rhythm = input.rhythm.trim();
  const reviewer = input.reviewerName ? `your ${vocabulary.reviewer}, ${input.reviewerName}` : `your ${vocabulary.reviewer}`;
  return adaptiveCard(
    [
      heading(input.personName ? `Welcome, ${firstName(input.personName)}` : 'Welcome to Professional Growth'),
      paragraph(
        `${rhythm.charAt(0).toUpperCase()}${rhythm.slice(1)} I'll send you a short ${vocabulary.checkIn} here. It takes about ten minutes: what went well, what would make it even better, what's next, progress on your ${vocabulary.rocks}, a score out of 10, and a chance to thank colleagues.`,
      ),
      paragraph('What happens to your answers', { weight: 'bolder', spacing: 'medium' }),
      paragraph(
        `They go to ${reviewer}, who acknowledges each ${vocabulary.checkIn} and replies. Nobody else reads them unless your trust's policy says so (for example a coach). Colleagues you praise see your thanks, not your ${vocabulary.checkIn}. Reports for leaders and governors only show anonymous totals.`,
        { spacing: 'small' },
      ),
      paragraph(`Your ${vocabulary.rocks}, your history and any feedback live in the Professional Growth tab.`, { spacing: 'medium' }),
      paragraph('Things you can type to me', { weight: 'bolder', spacing: 'medium' }),
      { type: 'FactSet', facts: describeCommands(vocabulary, { rhythm }), spacing: 'small' },
    ],
    [{ type: 'Action.OpenUrl', title: 'Open the tab', url: input.tabUrl }],
  );
}

export interface NotInDirectoryCardInput {
  personName?: string;
  /** Who can add someone to the directory, e.g. "your school's PG administrator (pg@trust.org.uk)". */
  contact: string;
}

export function buildNotInDirectoryCard(input: NotInDirectoryCardInput): AdaptiveCard {
  return adaptiveCard([
    heading("You're not in the staff directory yet"),
    paragraph(
      `${input.personName ? `Hello ${firstName(input.personName)}. ` : ''}This app works from your trust's staff directory, and your Teams account isn't in it, so there are no check-ins to send you yet. Nothing is wrong on your side.`,
    ),
    paragraph(`Please ask ${input.contact} to add you. Once you're added, type "help" here and I'll get you started.`, { spacing: 'medium' }),
  ]);
}
