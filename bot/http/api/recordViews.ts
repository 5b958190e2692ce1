// GET /me/record-views (issue 16): who has opened the caller's records. Only ever the caller's own:
// there is no person id in the path to try.
import { API_PREFIX, recordViewsQuerySchema, type RecordViewsResponse } from '../../../shared/api';
import { invalidFields } from '../../usecases/access';
import { listMyRecordViews } from '../../usecases/recordViews';
import { parse, type ApiRouter } from './route';

export function registerRecordViewRoutes(router: ApiRouter): void {
  const { server, ctx, authed } = router;
  server.get(
    `${API_PREFIX}/me/record-views`,
    authed(async ({ req, actor }) => {
      const query = parse(recordViewsQuerySchema, req.query);
      const before = query.before ? cursorOf(query.before) : undefined;
      const page = await listMyRecordViews(ctx, actor, { pageSize: query.pageSize, before });
      const body: RecordViewsResponse = {
        items: page.items.map((v) => ({ viewer: v.viewer, role: v.role, what: v.what, day: v.day, viewedAt: v.viewedAt.toISOString() })),
        ...(page.next ? { next: `${page.next.viewedAt.toISOString()}_${page.next.id}` } : {}),
      };
      return { body };
    }),
  );
}

function cursorOf(before: string): { viewedAt: Date; id: string } {
  const at = before.indexOf('_');
  const viewedAt = new Date(before.slice(0, at));
  if (Number.isNaN(viewedAt.getTime())) throw invalidFields([{ path: 'before', message: 'use the "next" value of the previous page' }]);
  return { viewedAt, id: before.slice(at + 1) };
}
