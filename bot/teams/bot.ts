// The Teams activity handler: thin. Installs, chat commands and card actions are looked up in the
// registry and handed to their handler; what a handler returns becomes the reply or the invoke
// response here, once, and a failure becomes a card through the one translation in errors.ts.
import type {
  AdaptiveCardInvokeResponse,
  AdaptiveCardInvokeValue,
  SearchInvokeResponse,
  SearchInvokeValue,
  TurnContext,
} from 'botbuilder';
import { TeamsActivityHandler } from 'botbuilder';
import { VERBS } from '../../shared/verbs';
import { buildErrorCard } from '../cards';
import { parseCommand } from './commands';
import type { BotEndpoint } from '../http/app';
import type { TeamsAdapter } from './adapter';
import { cardResponse, isPersonalChat, messageText, sendCard } from './activity';
import { errorCard } from './errors';
import { cardActionData } from './inboundActivity';
import { handleAdminAction } from './handlers/adminActions';
import { handleAdminMessage } from './handlers/adminMessages';
import { editOrRefreshCheckIn, sendCheckIn, submitCheckInCard } from './handlers/checkIn';
import { sendHelpCard, sendHelpText } from './handlers/help';
import { notInDirectoryCard, uninstall, welcome } from './handlers/install';
import { choosePraiseRecipient, discardPendingThanksCard, praiseCommand, searchPeople, sendPendingThanksCard } from './handlers/praise';
import { completeHandoverCard } from './handlers/handover';
import { reviewCheckIn } from './handlers/review';
import { sendMyRocks } from './handlers/rocks';
import { growthAction, growthCommand } from './handlers/growth';
import { actOnRock } from './handlers/rockActions';
import { personOf, VerbRegistry, type BotDependencies } from './registry';
import { GROUP_VERBS } from '../../shared/verbs';
import { REVIEW_VERBS } from '../../shared/verbs';
import { impactReviewAction, yearReviewAction } from './handlers/impactReview';
import { endOfYearAction, myReviewCommand } from './handlers/endOfYear';
import { groupSessionAction, handleCoachingGroupCommand, handleThreadReply, mentionsBot, recordTeamInstall, recordTeamUninstall } from './handlers/groupSession';
import { answerFeedbackAction, askFeedbackAction, askFeedbackCommand, declineFeedbackAction } from './handlers/feedback';
import { TALENT_VERBS } from '../../shared/verbs';
import { surveyAction, surveyCommand } from './handlers/survey';
import { careerAction } from './handlers/career';
import { approveSampleAction } from './handlers/governorSample';
import { isDatabaseUnavailable } from '../usecases/availability';

export type { BotDependencies } from './registry';

/** Verbs of admin cards start with this prefix; see shared/verbs.ts. */
export const ADMIN_VERB_PREFIX = 'admin.';

export function createRegistry(): VerbRegistry {
  return new VerbRegistry()
    .command('check in', sendCheckIn)
    .command('my rocks', sendMyRocks)
    .command('praise', praiseCommand)
    .actionPrefix(ADMIN_VERB_PREFIX, handleAdminAction)
    .action(VERBS.submitCheckIn, submitCheckInCard)
    .action(VERBS.editCheckIn, (turn) => editOrRefreshCheckIn(turn, true))
    .action(VERBS.refreshCheckIn, (turn) => editOrRefreshCheckIn(turn, false))
    .action([VERBS.acknowledgeCheckIn, VERBS.respondToCheckIn, VERBS.refreshReviewerCard], reviewCheckIn)
    .action(VERBS.choosePraiseRecipient, choosePraiseRecipient)
    .action(VERBS.sendPendingThanks, sendPendingThanksCard)
    .action(VERBS.discardPendingThanks, discardPendingThanksCard)
    .command('my plan', growthCommand('growth-plan'))
    .command('growth log', growthCommand('growth-log'))
    .command('self reflection', growthCommand('self-reflection'))
    .command('my reflection', growthCommand('end-reflection'))
    .action([VERBS.saveSelfReflection, VERBS.saveGrowthPlan, VERBS.addGrowthLogEntry, VERBS.saveEndReflection, VERBS.openGrowthCard], growthAction)
    .action([VERBS.agreeRock, VERBS.sendBackRock, VERBS.acceptRock], actOnRock)
    .action(VERBS.completeHandover, completeHandoverCard)
    .action([GROUP_VERBS.open, GROUP_VERBS.refresh, GROUP_VERBS.post], groupSessionAction)
    .command('ask feedback', askFeedbackCommand)
    .action(REVIEW_VERBS.askFeedback, askFeedbackAction)
    .action(REVIEW_VERBS.answerFeedback, answerFeedbackAction)
    .action(REVIEW_VERBS.declineFeedback, declineFeedbackAction)
    // Issue 12: open/refresh/comment go to the review's stage's cards; the impact review and support plan verbs.
    .action([REVIEW_VERBS.open, REVIEW_VERBS.refresh, REVIEW_VERBS.comment], yearReviewAction)
    .action([REVIEW_VERBS.recordImpact, REVIEW_VERBS.saveSupportPlan, REVIEW_VERBS.recordSupportOutcome], impactReviewAction)
    .action([REVIEW_VERBS.saveReflection, REVIEW_VERBS.submitReflection, REVIEW_VERBS.submitStatement, REVIEW_VERBS.decide], endOfYearAction)
    .command('my review', myReviewCommand)
    // Issue 13: the aspiration survey.
    .command('survey', surveyCommand)
    .action([TALENT_VERBS.openSurvey, TALENT_VERBS.answerSurvey], surveyAction)
    .action([TALENT_VERBS.openCareer, TALENT_VERBS.recordCareer, TALENT_VERBS.commentCareer, TALENT_VERBS.closeFollowUp], careerAction)
    // Issue 13: a reviewer's Approve / Withhold on the governors' sample card.
    .action(TALENT_VERBS.approveSample, approveSampleAction);
}

export class ProfessionalGrowthBot extends TeamsActivityHandler {
  constructor(
    private readonly deps: BotDependencies,
    private readonly registry: VerbRegistry = createRegistry(),
  ) {
    super();
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      if (isPersonalChat(context)) await welcome({ context, deps });
      else await recordTeamInstall({ context, deps });
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      if (isPersonalChat(context)) await uninstall({ context, deps });
      else await recordTeamUninstall({ context, deps });
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      // Teams sends conversationUpdate as well as installationUpdate; one of the two welcomes (installs.ts).
      const botAdded = (context.activity.membersAdded ?? []).some((m) => m.id === context.activity.recipient.id);
      if (botAdded && isPersonalChat(context)) await welcome({ context, deps });
      else if (botAdded) await recordTeamInstall({ context, deps });
      await next();
    });
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const turn = { context, deps: this.deps };
    const command = parseCommand(messageText(context));
    this.deps.logger.debug({ command: command.name }, 'command received');
    const conversationType = context.activity.conversation?.conversationType;
    const inGroup = conversationType === 'channel' || conversationType === 'groupChat';
    // seed 004: a reply in a group session's thread is kept against the session (an @mention of the bot is a command instead).
    if (inGroup && !mentionsBot(context) && (await handleThreadReply(turn))) return;
    if (inGroup && !mentionsBot(context)) return;
    if (inGroup && (await handleCoachingGroupCommand(turn))) return;
    if (inGroup && (await handleAdminMessage(turn, command))) return;
    const person = await personOf(turn);
    if (command.name === 'help' || command.name === 'unknown') return sendHelpText(turn, command, person);
    if (!person) return sendCard(context, notInDirectoryCard(context));
    const handler = this.registry.commandFor(command.name);
    if (handler) return handler({ ...turn, person, command });
    return sendHelpCard({ ...turn, person });
  }

  /** Universal Actions: answer with the card the user should now see (DESIGN.md, platform facts). */
  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const verb = invokeValue.action?.verb ?? '';
    const raw: unknown = invokeValue.action?.data;
    const turn = { context, deps: this.deps, verb, data: cardActionData(raw) };
    try {
      const found = this.registry.actionFor(verb);
      if (found?.kind === 'any') return cardResponse(await found.handler(turn));
      const person = await personOf(turn);
      if (!person) return cardResponse(notInDirectoryCard(context));
      if (!found) return cardResponse(buildErrorCard({ errorId: 'unknown-action', message: 'This card is out of date. Send "check in" for a fresh one.' }));
      return cardResponse(await found.handler({ ...turn, person }));
    } catch (err) {
      // The database out of reach: the request fails (503), so Teams leaves the card, and what was typed in it, as it was.
      if (isDatabaseUnavailable(err)) throw err;
      return cardResponse(errorCard(err, this.deps.logger, { verb }, context.activity.from?.name));
    }
  }

  protected override async onSearchInvoke(context: TurnContext, invokeValue: SearchInvokeValue): Promise<SearchInvokeResponse> {
    return searchPeople(context, invokeValue, this.deps);
  }
}

/** POST /api/messages: the adapter checks the activity, authenticates the request and runs the bot's turn. */
export function createBotEndpoint(adapter: TeamsAdapter, bot: ProfessionalGrowthBot): BotEndpoint {
  return { handle: (req, res) => adapter.handle(req, res, (context) => bot.run(context)) };
}
