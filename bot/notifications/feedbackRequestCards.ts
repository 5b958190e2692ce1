// OWNED BY the 360-feedback helper: the card to the colleague asked, and the asker's notice.
// Built from the request as it is now, so a reminder for an ask already answered is not sent and a
// card shows the answer last saved.
import type { BotMessage, Organisation, Person } from '../../shared/domain';
import type { AdaptiveCard } from '../cards';
import { buildAskedFeedbackCard, buildFeedbackNoticeCard, type AskedFeedbackCardInput } from '../cards/feedbackRequestCards';
import { answerableNow, feedbackRequestView, isOpen, type FeedbackRequestView } from '../usecases/feedbackRequests';
import type { ReviewCardServices } from './yearReviewCards';

type CardState = Partial<Pick<AskedFeedbackCardInput, 'editing' | 'reminder' | 'draft' | 'error' | 'saved'>>;

/** The colleague's card for a request they were asked (the view as they may see it). */
export function askedFeedbackCard(organisation: Organisation, view: FeedbackRequestView, answerable: boolean, state: CardState = {}): AdaptiveCard {
  const { request } = view;
  return buildAskedFeedbackCard({
    requestId: request.id,
    askerName: view.person.displayName,
    rockWord: organisation.policy.vocabulary.rock,
    rock: view.rock ? { title: view.rock.title, successCriteria: view.rock.successCriteria } : null,
    question: request.question,
    ...(request.answer ? { answer: request.answer } : {}),
    declined: request.declinedAt !== undefined,
    answerable,
    ...state,
  });
}

/** "your Year 9 reading rock" or "your year", for the notice. */
function aboutOf(organisation: Organisation, view: FeedbackRequestView): string {
  return view.rock ? `your ${organisation.policy.vocabulary.rock} "${view.rock.title}"` : 'your year';
}

function noticeCard(services: ReviewCardServices, organisation: Organisation, view: FeedbackRequestView, declined: boolean): AdaptiveCard | { skip: string } {
  const { request } = view;
  if (declined ? request.declinedAt === undefined : request.answer === undefined) return { skip: 'request changed since' };
  const anonymous = organisation.policy.reviews?.feedback360.anonymous ?? false;
  return buildFeedbackNoticeCard({
    giverName: anonymous && !declined ? 'A colleague' : view.asked.displayName,
    about: aboutOf(organisation, view),
    ...(request.answer ? { answer: request.answer } : {}),
    declined,
    tabUrl: services.links.tab('rocks', 'reviews'),
  });
}

export async function feedbackRequestMessageCard(
  services: ReviewCardServices,
  organisation: Organisation,
  recipient: Person,
  message: Extract<BotMessage, { kind: 'feedback-request' }>,
): Promise<AdaptiveCard | { skip: string }> {
  const { ctx } = services;
  const request = await ctx.repos.feedbackRequests.get({ organisationId: organisation.id }, message.requestId);
  if (!request) return { skip: 'feedback request gone' };
  if (message.audience === 'asked') {
    if (recipient.id !== request.askedPersonId) return { skip: 'not the colleague asked' };
    if (message.reason === 'reminder' && !isOpen(request)) return { skip: 'already answered or declined' };
    const answerable = await answerableNow(ctx, organisation, request);
    if (!answerable && isOpen(request)) return { skip: 'the cycle has ended' };
    const view = await feedbackRequestView(ctx, organisation, request, false);
    return askedFeedbackCard(organisation, view, answerable, { reminder: message.reason === 'reminder' });
  }
  if (recipient.id !== request.personId) return { skip: 'not the person who asked' };
  const view = await feedbackRequestView(ctx, organisation, request, false);
  return noticeCard(services, organisation, view, message.reason === 'declined');
}
