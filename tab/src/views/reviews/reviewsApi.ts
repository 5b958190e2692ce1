// The tab's calls to the year's reviews (issue 12), each answer checked with the server's own
// schema. Kept beside the view so its chunk alone carries them.
import {
  apiPaths,
  yearReviewDtoSchema,
  yearReviewListResponseSchema,
  yearReviewProgressResponseSchema,
  type YearReviewPart,
} from '../../../../shared/api';
import { apiFetch, apiJson } from '../../api/client';

export const getYearReviews = () => apiJson(apiPaths.yearReviews(), yearReviewListResponseSchema);

export const getYearReview = (reviewId: string) => apiJson(apiPaths.yearReview(reviewId), yearReviewDtoSchema);

export const getReviewProgress = (stage?: 'impact' | 'end-of-year') =>
  apiJson(`${apiPaths.yearReviewProgress()}${stage ? `?stage=${stage}` : ''}`, yearReviewProgressResponseSchema);

/** Saves one part; the view reloads the review afterwards (except for reflection drafts, so nothing typed is replaced). */
export async function saveReviewPart(reviewId: string, part: YearReviewPart, body: unknown): Promise<void> {
  const response = await apiFetch(apiPaths.yearReviewPart(reviewId, part), {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  // Whatever the server answers with, the body is not needed here: drain it.
  await response.text().catch(() => undefined);
}

