// OWNED BY the survey helper (issue 13). The aspiration survey card a person sees: sent by the
// scheduler when the survey opens (and as a reminder to those who have not answered), by the
// "survey" chat command, and after each Save on the card.
import type { BotMessage, Organisation, Person, SurveyAnswer } from '../../shared/domain';
import { buildNoSurveyCard, buildSurveyCard, type AdaptiveCard } from '../cards';
import type { Actor } from '../usecases/access';
import { mySurvey, surveyDate, SURVEY_TEXT_MAX } from '../usecases/aspirationSurvey';
import type { UseCaseContext } from '../usecases/context';
import type { ReviewCardServices } from './yearReviewCards';

export interface SurveyCardOptions {
  tabUrl: string;
  eventId?: string;
  reminder?: boolean;
  saved?: boolean;
  error?: string;
  draft?: Record<string, string>;
}

function whoReads(organisation: Organisation): string {
  const readers = organisation.policy.aspirationSurvey?.readers ?? { reviewer: true, pgAdmins: true };
  const { reviewer } = organisation.policy.vocabulary;
  if (readers.reviewer && readers.pgAdmins) return `Your ${reviewer} reads your answers before your career conversation, and PG administrators can too.`;
  if (readers.reviewer) return `Your ${reviewer} reads your answers before your career conversation.`;
  if (readers.pgAdmins) return 'PG administrators can read your answers.';
  return 'Only you can read your answers.';
}

/** The person's survey card: the open survey with their saved answers, or why there is none to answer. */
export async function surveyCard(ctx: UseCaseContext, actor: Actor, options: SurveyCardOptions): Promise<AdaptiveCard> {
  const view = await mySurvey(ctx, actor, options.eventId);
  if (!view.rules || !view.facts) return buildNoSurveyCard(view.notice ?? `${actor.organisation.policy.name} has no aspiration survey.`, options.tabUrl);
  if (!view.canEdit && !view.facts.closed) return buildNoSurveyCard(view.notice ?? 'The survey is not open.', options.tabUrl);
  return buildSurveyCard({
    eventId: view.facts.event.id,
    title: view.facts.event.title || 'Aspiration survey',
    closesOn: surveyDate(actor.organisation, view.facts.closesAt),
    open: view.canEdit,
    questions: view.rules.questions,
    answers: (view.response?.answers ?? {}) as Record<string, SurveyAnswer>,
    textMax: SURVEY_TEXT_MAX,
    whoReads: whoReads(actor.organisation),
    tabUrl: options.tabUrl,
    reminder: options.reminder,
    saved: options.saved,
    error: options.error,
    draft: options.draft,
  });
}

export async function surveyMessageCard(
  services: ReviewCardServices,
  organisation: Organisation,
  recipient: Person,
  message: Extract<BotMessage, { kind: 'aspiration-survey' }>,
): Promise<AdaptiveCard | { skip: string }> {
  const actor = { person: recipient, organisation };
  const view = await mySurvey(services.ctx, actor, message.eventId).catch(() => null);
  if (!view?.facts) return { skip: 'survey gone' };
  if (!view.facts.open) return { skip: 'survey not open' };
  if (!view.canEdit) return { skip: 'not asked' };
  if (message.reason === 'reminder' && view.response) return { skip: 'already answered' };
  return surveyCard(services.ctx, actor, { tabUrl: services.links.tab('rocks', 'survey'), eventId: message.eventId, reminder: message.reason === 'reminder' });
}
