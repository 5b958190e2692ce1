// GET /group-sessions (my groups' sessions), /group-sessions/:id (one, with posts and replies),
// /group-progress (PG admins): seed 004's group coaching check-ins in the tab.
import { API_PREFIX, saveGroupPostRequestSchema, type GroupProgressResponse, type GroupSessionResponse, type GroupSessionSummary, type MyGroupSessionsResponse } from '../../../shared/api';
import { GROUP_POST_FIELDS, type Person } from '../../../shared/domain';
import type { Actor } from '../../usecases/access';
import type { UseCaseContext } from '../../usecases/context';
import { groupProgress, listMyGroupSessions, readGroupSession, type SessionSummary } from '../../usecases/groupSessionReads';
import { saveMyGroupPost } from '../../usecases/groupSessions';
import { personSummary } from './present';
import { param, parse, type ApiRouter } from './route';
import { FORMER_COLLEAGUE } from '../../../shared/domain';

function summaryDto(s: SessionSummary, me: string): GroupSessionSummary {
  return {
    id: s.session.id,
    kind: s.session.kind,
    title: s.event?.title ?? 'Group check-in',
    date: s.event?.date,
    postedAt: s.session.postedAt?.toISOString(),
    open: s.open,
    membersPosted: s.posts.length,
    iPosted: s.posts.some((p) => p.personId === me),
    replies: s.replies,
  };
}

const byName = (a: { displayName: string }, b: { displayName: string }) => a.displayName.localeCompare(b.displayName);

function summaryOf(people: Map<string, Person>, id: string) {
  const person = people.get(id);
  return person ? personSummary(person) : { id, displayName: FORMER_COLLEAGUE };
}

export function registerGroupSessionRoutes(router: ApiRouter): void {
  const { server, ctx, authed } = router;
  server.get(
    `${API_PREFIX}/group-sessions`,
    authed(async ({ actor }) => {
      const groups = await listMyGroupSessions(ctx, actor);
      const body: MyGroupSessionsResponse = {
        groups: groups.map((g) => ({
          id: g.group.id,
          name: g.group.name,
          role: g.role,
          leader: g.group.leaderId ? summaryOf(g.people, g.group.leaderId) : undefined,
          members: g.group.memberIds.map((id) => summaryOf(g.people, id)).sort(byName),
          sessions: g.sessions.map((s) => summaryDto(s, actor.person.id)),
        })),
      };
      return { body };
    }),
  );
  server.get(
    `${API_PREFIX}/group-sessions/:sessionId`,
    authed(async ({ req, actor }) => ({ body: await sessionBody(ctx, actor, param(req, 'sessionId')) })),
  );
  server.put(
    `${API_PREFIX}/group-sessions/:sessionId/my-post`,
    authed(async ({ req, actor }) => {
      const sessionId = param(req, 'sessionId');
      await saveMyGroupPost(ctx, actor, sessionId, parse(saveGroupPostRequestSchema, req.body).answers);
      return { body: await sessionBody(ctx, actor, sessionId) };
    }),
  );
  server.get(
    `${API_PREFIX}/group-progress`,
    authed(async ({ actor }) => {
      const groups = await groupProgress(ctx, actor);
      const body: GroupProgressResponse = {
        groups: groups.map(({ group, sessions }) => ({
          id: group.id,
          name: group.name,
          members: group.memberIds.length,
          hasConversation: Boolean(group.conversation),
          sessionsHeld: sessions.length,
          sessions: sessions.map((s) => ({ id: s.session.id, title: s.event?.title ?? 'Group check-in', date: s.event?.date, membersPosted: s.membersPosted, members: s.session.memberIds.length })),
        })),
      };
      return { body };
    }),
  );
}

async function sessionBody(ctx: UseCaseContext, actor: Actor, sessionId: string): Promise<GroupSessionResponse> {
  const detail = await readGroupSession(ctx, actor, sessionId);
  const fields = GROUP_POST_FIELDS[detail.session.kind];
  const posted = new Set(detail.posts.map((p) => p.personId));
  return {
    session: summaryDto(detail, actor.person.id),
    group: { id: detail.group.id, name: detail.group.name },
    role: detail.role,
    fields: fields.map((f) => ({ id: f.id, label: f.label })),
    posts: detail.posts
      .map((p) => ({ author: summaryOf(detail.people, p.personId), answers: fields.filter((f) => p.answers[f.id]).map((f) => ({ id: f.id, label: f.label, text: p.answers[f.id]! })), updatedAt: p.updatedAt.toISOString() }))
      .sort((a, b) => byName(a.author, b.author)),
    notPostedYet: detail.session.memberIds.filter((id) => !posted.has(id)).map((id) => summaryOf(detail.people, id)).sort(byName),
    replies: detail.replyList.map((r) => ({ author: r.personId ? summaryOf(detail.people, r.personId) : undefined, authorName: r.authorName, text: r.text, at: r.at.toISOString() })),
  };
}
