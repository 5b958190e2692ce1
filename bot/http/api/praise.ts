// Praise a person gave or received.
import { API_PREFIX, praiseQuerySchema, type PraiseListResponse } from '../../../shared/api';
import { listPraise } from '../../usecases/praiseHistory';
import { praiseDto } from './present';
import { param, parse, type ApiRouter } from './route';

export function registerPraiseRoutes(router: ApiRouter): void {
  const { server, ctx, authed } = router;
  server.get(
    `${API_PREFIX}/people/:personId/praise`,
    authed(async ({ req, actor }) => {
      const query = parse(praiseQuerySchema, req.query);
      const { page } = await listPraise(ctx, actor, param(req, 'personId'), query.direction, query);
      const body: PraiseListResponse = { ...page, items: page.items.map(praiseDto), direction: query.direction };
      return { body };
    }),
  );
}
