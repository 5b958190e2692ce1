// The Teams activity handler: thin. It turns activities into use-case calls and results into cards.
import { randomUUID } from 'node:crypto';
import {
  CardFactory,
  TeamsActivityHandler,
  TeamsInfo,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type SearchInvokeResponse,
  type SearchInvokeValue,
} from 'botbuilder';
import { PEOPLE_DATASET, VERBS } from '../shared/verbs';
import type { CheckIn, Person } from '../shared/domain';
import { RESPONSE_MAX_LENGTH, buildErrorCard, buildHelpCard, buildMyRocksCard, buildNotInDirectoryCard, buildWelcomeCard, parseCheckInSubmission, type AdaptiveCard, type CheckInFormValues, type CheckInSubmission } from './cards';
import { checkInFormCard, nextWindowCard, submittedCard } from './checkInViews';
import { ADMIN_VERB_PREFIX, handleAdminAction, handleAdminMessage } from './admin/adminChannel';
import { parseCommand } from './commands';
import type { Config } from './config';
import type { Logger } from './logger';
import { checkInFormContext, findOpenCheckIn, loadOrganisation, submitCheckIn } from './usecases/checkIns';
import type { UseCaseContext } from './usecases/context';
import { DomainError } from './usecases/errors';
import { recordPersonalInstall, recordPersonalUninstall } from './usecases/installs';
import { acknowledgeCheckIn, loadReadableCheckIn, respondToCheckIn } from './usecases/reviews';
import { givePraise, parsePraiseCommand, resolveColleague } from './usecases/givePraise';
import { buildChooseColleagueCard, buildPraiseSentCard, praiseMessageProblem } from './cards/praiseCards';
import { createLinks } from './links';
import { reviewerCard, revieweeCard } from './notifications/checkInCards';
import { ensureOrganisation } from './usecases/organisations';

export interface BotDependencies {
  logger: Logger;
  ctx: UseCaseContext;
  config: Pick<Config, 'PUBLIC_URL' | 'TEAMS_APP_ID' | 'DEFAULT_POLICY'>;
}

export const HELP_TEXT = [
  '**Professional Growth** — here is what I can do:',
  '- **check in** — open this fortnight\'s check-in (or tell you when the next one opens)',
  '- **my rocks** — your rocks and how their success criteria are going',
  '- **praise @name for …** — thank a colleague (they see your thanks, never your check-in)',
  '- **help** — this list',
].join('\n');

const CARD_RESPONSE_TYPE = 'application/vnd.microsoft.card.adaptive';

function organisationIdOf(context: TurnContext): string | undefined {
  const activity = context.activity;
  return activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
}

function cardActivity(card: AdaptiveCard) {
  return { attachments: [CardFactory.adaptiveCard(card)] };
}

function cardResponse(card: AdaptiveCard): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: CARD_RESPONSE_TYPE, value: card as unknown as Record<string, unknown> };
}

export class ProfessionalGrowthBot extends TeamsActivityHandler {
  constructor(private readonly deps: BotDependencies) {
    super();
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      if (context.activity.conversation?.conversationType === 'personal') await this.welcome(context);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      const organisationId = organisationIdOf(context);
      if (organisationId && context.activity.conversation?.conversationType === 'personal') {
        await recordPersonalUninstall(this.deps.ctx, { organisationId, userId: context.activity.from.id, entraObjectId: context.activity.from.aadObjectId });
      }
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      // Teams sends conversationUpdate as well as installationUpdate; both are idempotent here.
      const botAdded = (context.activity.membersAdded ?? []).some((m) => m.id === context.activity.recipient.id);
      if (botAdded && context.activity.conversation?.conversationType === 'personal') await this.welcome(context);
      await next();
    });
  }

  private get tabUrl(): string {
    const { TEAMS_APP_ID, PUBLIC_URL } = this.deps.config;
    // A Teams deep link opens the personal tab inside Teams; without an app id, the tab's own URL.
    return TEAMS_APP_ID ? `https://teams.microsoft.com/l/entity/${TEAMS_APP_ID}/rocks` : `${PUBLIC_URL ?? 'http://localhost:3978'}/tab/`;
  }

  /** Install: keep the conversation reference, link the person, welcome them (or say why not). */
  private async welcome(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const organisationId = organisationIdOf(context);
    if (!organisationId) return;
    const organisation = await ensureOrganisation(this.deps.ctx, { organisationId, policyId: this.deps.config.DEFAULT_POLICY });
    let email: string | undefined;
    try {
      const member = await TeamsInfo.getMember(context, activity.from.id);
      email = member.email ?? member.userPrincipalName ?? undefined;
    } catch (err) {
      this.deps.logger.debug({ err }, 'could not read the member profile; linking by object id only');
    }
    const reference = TurnContext.getConversationReference(activity) as unknown as Record<string, unknown>;
    const { person } = await recordPersonalInstall(this.deps.ctx, {
      organisationId,
      userId: activity.from.id,
      entraObjectId: activity.from.aadObjectId,
      email,
      conversationId: activity.conversation.id,
      serviceUrl: activity.serviceUrl,
      reference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown>,
    });
    if (!person) {
      await context.sendActivity(cardActivity(buildNotInDirectoryCard({ personName: activity.from.name, contact: 'your PG administrator' })));
      return;
    }
    const reviewer = person.reviewerId ? await this.deps.ctx.repos.people.get(person, person.reviewerId) : null;
    await context.sendActivity(
      cardActivity(buildWelcomeCard({ personName: person.displayName, vocabulary: organisation.policy.vocabulary, tabUrl: this.tabUrl, reviewerName: reviewer?.displayName })),
    );
  }

  /** The directory entry behind this Teams user; linked by object id, or by email on first contact. */
  private async personFor(context: TurnContext): Promise<Person | null> {
    const organisationId = organisationIdOf(context);
    const oid = context.activity.from?.aadObjectId;
    if (!organisationId) return null;
    const org = { organisationId };
    if (oid) {
      const person = await this.deps.ctx.repos.people.findByEntraObjectId(org, oid);
      if (person) return person;
    }
    try {
      const member = await TeamsInfo.getMember(context, context.activity.from.id);
      const email = member.email ?? member.userPrincipalName;
      const person = email ? await this.deps.ctx.repos.people.findByEmail(org, email) : null;
      if (person && oid && !person.entraObjectId) await this.deps.ctx.repos.people.linkEntraObjectId(org, person.id, oid);
      return person;
    } catch {
      return null;
    }
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const activity = context.activity;
    // In a channel the text starts with "<at>Bot</at>"; commands are matched without it.
    const text = TurnContext.removeRecipientMention(activity) ?? activity.text ?? '';
    const command = parseCommand(text);
    this.deps.logger.debug({ command: command.name }, 'command received');
    const conversationType = activity.conversation?.conversationType;
    if ((conversationType === 'channel' || conversationType === 'groupChat') && (await handleAdminMessage(context, command, this.deps))) return;
    if (command.name === 'help' || command.name === 'unknown') {
      const prefix = command.name === 'unknown' && command.text ? `I didn't recognise "${command.text.slice(0, 80)}". ` : '';
      await context.sendActivity({ text: `${prefix}${HELP_TEXT}`, textFormat: 'markdown' });
      return;
    }
    const person = await this.personFor(context);
    if (!person) {
      await context.sendActivity(cardActivity(buildNotInDirectoryCard({ personName: activity.from.name, contact: 'your PG administrator' })));
      return;
    }
    switch (command.name) {
      case 'check in':
        await this.sendCheckIn(context, person);
        return;
      case 'my rocks':
        await this.sendMyRocks(context, person);
        return;
      case 'praise':
        await this.praise(context, person, command.args);
        return;
      default: {
        const organisation = await loadOrganisation(this.deps.ctx, person.organisationId);
        await context.sendActivity(cardActivity(buildHelpCard({ vocabulary: organisation.policy.vocabulary, tabUrl: this.tabUrl })));
      }
    }
  }

  /** "praise @Sam for …": resolve the name, or ask which Sam, or say nobody is called that. */
  private async praise(context: TurnContext, person: Person, args: string): Promise<void> {
    const ctx = this.deps.ctx;
    // A Teams @mention of a colleague arrives as <at>Name</at> in the text; the name is what we need.
    const request = parsePraiseCommand(args.replace(/<\/?at>/g, ''));
    if ('problem' in request) {
      await context.sendActivity(request.problem);
      return;
    }
    const problem = praiseMessageProblem(request.message);
    if (problem) {
      await context.sendActivity(problem);
      return;
    }
    const found = await resolveColleague(ctx, person, request.name);
    if (found.kind === 'none') {
      await context.sendActivity(`I couldn't find anyone called "${request.name}" in the staff directory. Check the spelling, or use their work email address.`);
      return;
    }
    if (found.kind === 'many') {
      await context.sendActivity(cardActivity(buildChooseColleagueCard({ name: request.name, message: request.message, requestId: context.activity.id ?? randomUUID(), people: found.people })));
      return;
    }
    await givePraise(ctx, person, found.person, request.message, context.activity.id ?? randomUUID());
    await context.sendActivity(`Thank you — I've passed your praise on to ${found.person.displayName}.`);
  }

  private async sendCheckIn(context: TurnContext, person: Person): Promise<void> {
    const ctx = this.deps.ctx;
    const open = await findOpenCheckIn(ctx, person);
    if (open.kind === 'none') {
      await context.sendActivity(cardActivity(nextWindowCard(open.organisation, open.next)));
      return;
    }
    const now = ctx.now();
    const card = open.existing
      ? submittedCard({ organisation: open.organisation, event: open.event, person, rocks: open.rocks, checkIn: open.existing, now })
      : checkInFormCard({ organisation: open.organisation, event: open.event, person, rocks: open.rocks, now });
    await context.sendActivity(cardActivity(card));
  }

  private async sendMyRocks(context: TurnContext, person: Person): Promise<void> {
    const organisation = await loadOrganisation(this.deps.ctx, person.organisationId);
    const rocks = await this.deps.ctx.repos.rocks.listForPerson(person, person.id);
    await context.sendActivity(
      cardActivity(buildMyRocksCard({ rocks, vocabulary: organisation.policy.vocabulary, tabUrl: this.tabUrl, slots: organisation.policy.rocks.slots })),
    );
  }

  /** Universal Actions: answer with the card the user should now see (DESIGN.md, platform facts). */
  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const verb = invokeValue.action?.verb;
    if (verb?.startsWith(ADMIN_VERB_PREFIX)) return handleAdminAction(context, verb, invokeValue.action.data, this.deps);
    try {
      const person = await this.personFor(context);
      if (!person) return cardResponse(buildNotInDirectoryCard({ personName: context.activity.from.name, contact: 'your PG administrator' }));
      switch (verb) {
        case VERBS.submitCheckIn:
          return cardResponse(await this.submit(context, person, invokeValue.action.data));
        case VERBS.choosePraiseRecipient: {
          const data = invokeValue.action.data as { personId?: string; message?: string; requestId?: string };
          const recipient = data.personId ? await this.deps.ctx.repos.people.get(person, data.personId) : null;
          const problem = praiseMessageProblem(data.message ?? '');
          if (!recipient || problem) return cardResponse(buildErrorCard({ errorId: 'praise', message: problem ?? 'That colleague is no longer in the staff directory.' }));
          await givePraise(this.deps.ctx, person, recipient, data.message!, data.requestId ?? randomUUID());
          return cardResponse(buildPraiseSentCard(recipient.displayName, data.message!));
        }
        case VERBS.acknowledgeCheckIn:
        case VERBS.respondToCheckIn:
        case VERBS.refreshReviewerCard:
          return cardResponse(await this.review(context, person, verb, invokeValue.action.data));
        case VERBS.editCheckIn:
        case VERBS.refreshCheckIn:
          return cardResponse(await this.editOrRefresh(person, invokeValue.action.data, verb === VERBS.editCheckIn));
        default:
          return cardResponse(buildErrorCard({ errorId: 'unknown-action', message: 'This card is out of date. Send "check in" for a fresh one.' }));
      }
    } catch (err) {
      const errorId = randomUUID().slice(0, 8);
      if (err instanceof DomainError) return cardResponse(buildErrorCard({ errorId, message: err.message }));
      this.deps.logger.error({ err, errorId, verb }, 'card action failed');
      return cardResponse(buildErrorCard({ errorId }));
    }
  }

  private async submit(context: TurnContext, person: Person, data: unknown): Promise<AdaptiveCard> {
    const ctx = this.deps.ctx;
    // The card's fields are read here, at the Teams edge; the use case takes the typed check-in.
    const parsed = parseCheckInSubmission(data);
    const now = ctx.now();
    if (!parsed.ok) {
      const eventId = (data as { eventId?: unknown } | undefined)?.eventId;
      const form = await checkInFormContext(ctx, person, typeof eventId === 'string' ? eventId : undefined);
      if (!form.event) return buildErrorCard({ errorId: 'no-event', message: parsed.errors.map((e) => e.message).join(' ') });
      return checkInFormCard({ ...form, event: form.event, person, now, values: parsed.values, errors: parsed.errors });
    }
    const result = await submitCheckIn(ctx, person, parsed.value);
    // The card was answered in place: remember that message so acknowledgements can update it.
    const replyToId = context.activity.replyToId;
    if (result.kind === 'stored' && replyToId && !result.checkIn.card) {
      await ctx.repos.checkIns.setCard(person, result.checkIn.id, { conversationId: context.activity.conversation.id, activityId: replyToId });
    }
    if (result.kind === 'invalid') {
      if (!result.event) return buildErrorCard({ errorId: 'no-event', message: result.errors.map((e) => e.message).join(' ') });
      // What the person typed stays on the card.
      return checkInFormCard({ organisation: result.organisation, event: result.event, person, rocks: result.rocks, now, values: checkInFormValuesOf(parsed.value), errors: result.errors });
    }
    const reviewer = result.checkIn.reviewerId ? await ctx.repos.people.get(person, result.checkIn.reviewerId) : null;
    const unknownNames = result.unknownPraise.map(() => 'a colleague who is no longer in the staff directory');
    return submittedCard({ ...result, person, now, unknownPraise: unknownNames, reviewerName: reviewer?.displayName });
  }

  private async editOrRefresh(person: Person, data: unknown, edit: boolean): Promise<AdaptiveCard> {
    const ctx = this.deps.ctx;
    const eventId = (data as { eventId?: unknown } | undefined)?.eventId;
    const event = typeof eventId === 'string' ? await ctx.repos.scheduleEvents.get(person, eventId) : null;
    if (!event) return buildErrorCard({ errorId: 'no-event', message: 'This check-in is no longer on the schedule. Send "check in" for the open one.' });
    const organisation = await loadOrganisation(ctx, person.organisationId);
    const [existing, rocks] = await Promise.all([
      ctx.repos.checkIns.findForPersonAndEvent(person, person.id, event.id),
      ctx.repos.rocks.listForPerson(person, person.id),
    ]);
    const now = ctx.now();
    if (existing && !edit) return submittedCard({ organisation, event, person, rocks, checkIn: existing, now });
    return checkInFormCard({ organisation, event, person, rocks, now, existing });
  }

  /** The reviewer's card: Acknowledge, Respond, and Teams' refresh for the reviewer's own view. */
  private async review(context: TurnContext, person: Person, verb: string, data: unknown): Promise<AdaptiveCard> {
    const ctx = this.deps.ctx;
    const checkInId = String((data as { checkInId?: unknown } | undefined)?.checkInId ?? '');
    const organisation = await loadOrganisation(ctx, person.organisationId);
    const actor = { person, organisation };
    const links = createLinks(this.deps.config);
    const cardFor = (checkIn: CheckIn, extra: { responseError?: string; responseDraft?: { anchor?: string; text?: string } } = {}) =>
      reviewerCard(ctx, checkIn, { tabUrl: (sub) => links.tab('team', sub), reviewerTeamsUserId: context.activity.from.id, ...extra });
    try {
      if (verb === VERBS.acknowledgeCheckIn) {
        const outcome = await acknowledgeCheckIn(ctx, actor, checkInId);
        return (await cardFor(outcome.checkIn)) ?? buildErrorCard({ errorId: 'gone', message: 'This check-in is no longer available.' });
      }
      if (verb === VERBS.respondToCheckIn) {
        const input = data as { responseText?: unknown; responseAnchor?: unknown };
        const text = typeof input.responseText === 'string' ? input.responseText.trim() : '';
        const anchor = typeof input.responseAnchor === 'string' && input.responseAnchor ? input.responseAnchor : 'general';
        const { checkIn } = await loadReadableCheckIn(ctx, actor, checkInId);
        const problem = !text
          ? 'Write a response first — a line of encouragement or a question is plenty.'
          : text.length > RESPONSE_MAX_LENGTH
            ? `Keep the response under ${RESPONSE_MAX_LENGTH} characters (it has ${text.length}).`
            : text.includes('\u0000')
              ? 'The response contains a character that cannot be stored.'
              : undefined;
        if (problem) return (await cardFor(checkIn, { responseError: problem, responseDraft: { anchor, text: typeof input.responseText === 'string' ? input.responseText : '' } }))!;
        const outcome = await respondToCheckIn(ctx, actor, checkInId, { text, anchor });
        return (await cardFor(outcome.checkIn)) ?? buildErrorCard({ errorId: 'gone', message: 'This check-in is no longer available.' });
      }
      const { checkIn } = await loadReadableCheckIn(ctx, actor, checkInId);
      return (checkIn.reviewerId === person.id ? await cardFor(checkIn) : await revieweeCard(ctx, checkIn)) ?? buildErrorCard({ errorId: 'gone', message: 'This check-in is no longer available.' });
    } catch (err) {
      if (err instanceof DomainError && (err.code === 'forbidden' || err.code === 'notFound')) {
        return buildErrorCard({ errorId: err.code, message: err.code === 'forbidden' ? err.message : 'Only the reviewer named for this check-in can acknowledge or respond to it.' });
      }
      throw err;
    }
  }

  /** The praise people picker's typeahead (Input.ChoiceSet with Data.Query), from the staff directory. */
  protected override async onSearchInvoke(context: TurnContext, invokeValue: SearchInvokeValue): Promise<SearchInvokeResponse> {
    const organisationId = organisationIdOf(context);
    if (invokeValue.dataset !== PEOPLE_DATASET || !organisationId) {
      return { statusCode: 200, type: 'application/vnd.microsoft.search.searchResponse', value: { results: [] } };
    }
    const text = String(invokeValue.queryText ?? '').trim();
    const me = context.activity.from?.aadObjectId;
    const people = text.length === 0 ? [] : await this.deps.ctx.repos.people.search({ organisationId }, text, 15);
    const results = people
      .filter((p) => p.status !== 'excluded' && p.entraObjectId !== me)
      .map((p) => ({ title: p.school ? `${p.displayName} (${p.school})` : p.displayName, value: p.id }));
    return { statusCode: 200, type: 'application/vnd.microsoft.search.searchResponse', value: { results } };
  }
}

/** A valid submission back as form values, to show the card again with a problem the use case found. */
function checkInFormValuesOf(value: CheckInSubmission): CheckInFormValues {
  return {
    www: value.answers.www,
    ebi: value.answers.ebi,
    whatsNext: value.answers.whatsNext,
    rockProgress: Object.fromEntries(value.answers.rockProgress.map((p) => [p.rockId, p.progress])),
    score: value.answers.score === undefined ? '' : String(value.answers.score),
    praiseIds: value.praiseIds,
    praiseMessage: value.praiseMessage,
  };
}
