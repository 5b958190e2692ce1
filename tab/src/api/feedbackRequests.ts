// 360-degree feedback calls (seed 000 §8), each answer checked with the server's own schema. Kept
// beside endpoints.ts so the Reviews view's feedback panel is self-contained.
import { apiPaths } from '../../../shared/api/paths';
import { feedbackColleaguesPath, feedbackColleaguesResponseSchema } from '../../../shared/api/feedbackColleagues';
import { feedbackRequestDtoSchema, feedbackRequestListResponseSchema } from '../../../shared/api/yearReviews';
import { apiJson } from './client';

const post = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

export interface FeedbackAsk {
  askedPersonIds: string[];
  rockId?: string;
  question: string;
}

export const getFeedbackRequests = () => apiJson(apiPaths.feedbackRequests(), feedbackRequestListResponseSchema);
/** Answers with both lists as they now are. */
export const askForFeedback = (ask: FeedbackAsk) => apiJson(apiPaths.feedbackRequests(), feedbackRequestListResponseSchema, post(ask));
export const answerFeedback = (requestId: string, answer: string) => apiJson(apiPaths.feedbackRequestAction(requestId, 'answer'), feedbackRequestDtoSchema, post({ answer }));
export const declineFeedback = (requestId: string) => apiJson(apiPaths.feedbackRequestAction(requestId, 'decline'), feedbackRequestDtoSchema, post({}));
export const searchFeedbackColleagues = (q: string) => apiJson(feedbackColleaguesPath(q), feedbackColleaguesResponseSchema).then((r) => r.items);
