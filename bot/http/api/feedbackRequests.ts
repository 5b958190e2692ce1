// 360-degree feedback (seed 000 §8, §11.2) over /api/v1:
//   GET  /feedback-requests              → what I asked for this cycle (with answers) and what I was asked
//   POST /feedback-requests              → ask colleagues (201 when someone new was asked; the lists back)
//   POST /feedback-requests/:id/answer   → the colleague asked answers or edits (404 for anyone else)
//   POST /feedback-requests/:id/decline  → the colleague asked declines
//   GET  /feedback-requests/colleagues?q= → colleagues one may ask (the tab's people search)
import { feedbackAnswerRequestSchema, feedbackAskRequestSchema, type FeedbackRequestDto } from '../../../shared/api/yearReviews';
import { apiPaths } from '../../../shared/api/paths';
import { feedbackColleagueQuerySchema, type FeedbackColleaguesResponse } from '../../../shared/api/feedbackColleagues';
import type { FeedbackRequest, Organisation } from '../../../shared/domain';
import { answerFeedback, askForFeedback, colleaguesToAsk, declineFeedback, feedbackRequestView, listFeedback, type FeedbackLists, type FeedbackRequestView } from '../../usecases/feedbackRequests';
import { param, parse, type ApiRouter } from './route';

export function feedbackRequestDto(view: FeedbackRequestView): FeedbackRequestDto {
  const { request } = view;
  return {
    id: request.id,
    person: { id: view.person.id, displayName: view.person.displayName },
    asked: { id: view.asked.id, displayName: view.asked.displayName },
    ...(request.rockId ? { rockId: request.rockId } : {}),
    ...(view.rock ? { rockTitle: view.rock.title } : {}),
    question: request.question,
    ...(request.answer !== undefined ? { answer: request.answer } : {}),
    ...(request.answeredAt ? { answeredAt: request.answeredAt.toISOString() } : {}),
    ...(request.declinedAt ? { declinedAt: request.declinedAt.toISOString() } : {}),
    createdAt: request.createdAt.toISOString(),
  };
}

const listsDto = (lists: FeedbackLists) => ({ askedByMe: lists.askedByMe.map(feedbackRequestDto), askedOfMe: lists.askedOfMe.map(feedbackRequestDto) });

export function registerFeedbackRequestRoutes(router: ApiRouter): void {
  const { server, ctx, authed } = router;
  const asked = async (organisation: Organisation, request: FeedbackRequest) => feedbackRequestDto(await feedbackRequestView(ctx, organisation, request, false));
  const collection = apiPaths.feedbackRequests();
  server.get(collection, authed(async ({ actor }) => ({ body: listsDto(await listFeedback(ctx, actor)) })));
  server.get(
    `${collection}/colleagues`,
    authed(async ({ req, actor }) => {
      const people = await colleaguesToAsk(ctx, actor, parse(feedbackColleagueQuerySchema, req.query).q);
      const body: FeedbackColleaguesResponse = { items: people.map((p) => ({ id: p.id, displayName: p.displayName, school: p.school })) };
      return { body };
    }),
  );
  server.post(
    collection,
    authed(async ({ req, actor }) => {
      const { created } = await askForFeedback(ctx, actor, parse(feedbackAskRequestSchema, req.body));
      return { status: created.length > 0 ? 201 : 200, body: listsDto(await listFeedback(ctx, actor)) };
    }),
  );
  server.post(
    `${collection}/:requestId/answer`,
    authed(async ({ req, actor }) => {
      const answered = await answerFeedback(ctx, actor, param(req, 'requestId'), parse(feedbackAnswerRequestSchema, req.body));
      return { body: await asked(actor.organisation, answered) };
    }),
  );
  server.post(
    `${collection}/:requestId/decline`,
    authed(async ({ req, actor }) => ({ body: await asked(actor.organisation, await declineFeedback(ctx, actor, param(req, 'requestId'))) })),
  );
}
