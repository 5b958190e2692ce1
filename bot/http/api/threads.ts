// Feedback threads on a check-in or a rock.
import type { Request } from 'restify';
import { addCommentRequestSchema, API_PREFIX, pageQuerySchema, threadKindSchema, type ThreadResponse } from '../../../shared/api';
import { DomainError } from '../../usecases/errors';
import { addComment, getThread } from '../../usecases/threads';
import { commentDto } from './present';
import { namesOf, pageOf, param, parse, type ApiRouter } from './route';

function subjectOf(req: Request) {
  const kind = threadKindSchema.safeParse(req.params?.kind);
  if (!kind.success) throw new DomainError('notFound');
  return { kind: kind.data, id: param(req, 'subjectId') };
}

export function registerThreadRoutes(router: ApiRouter): void {
  const { server, ctx, authed } = router;
  server.get(
    `${API_PREFIX}/threads/:kind/:subjectId/comments`,
    authed(async ({ req, actor }) => {
      const query = parse(pageQuerySchema, req.query);
      const thread = await getThread(ctx, actor, subjectOf(req));
      const names = await namesOf(ctx, actor, thread.comments.map((c) => c.authorPersonId));
      const body: ThreadResponse = { ...pageOf(thread.comments.map((c) => commentDto(c, names)), query), subject: thread.subject, canComment: thread.canComment };
      return { body };
    }),
  );
  server.post(
    `${API_PREFIX}/threads/:kind/:subjectId/comments`,
    authed(async ({ req, actor }) => {
      const comment = await addComment(ctx, actor, subjectOf(req), parse(addCommentRequestSchema, req.body));
      return { status: 201, body: commentDto(comment, new Map([[actor.person.id, actor.person]])) };
    }),
  );
}
