// One of the year's reviews as the caller may see it (issue 12): GET /api/v1/reviews/:id. Anyone
// who plays no part in it (and anyone in another organisation) gets a 404, so ids cannot be probed.
import { API_PREFIX } from '../../../shared/api';
import { loadYearReviewView } from '../../usecases/yearReviewView';
import { param, type ApiRouter } from './route';

export function registerYearReviewViewRoutes(router: ApiRouter): void {
  const { server, ctx, authed } = router;
  server.get(
    `${API_PREFIX}/reviews/:id`,
    authed(async ({ req, actor }) => ({ body: await loadYearReviewView(ctx, actor, param(req, 'id')) })),
  );
}
