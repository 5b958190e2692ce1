// The March career conversation and its follow-ups over /api/v1 (issue 13, shared/api/career.ts):
//   GET/PUT /people/:id/career-conversation (?cycleId), PUT /people/:id/career-conversation/comment,
//   GET /follow-ups, POST /follow-ups/:id/close.
// The same use cases as the bot's cards; errors are the API's problems.
import {
  careerCommentRequestSchema,
  careerConversationQuerySchema,
  careerConversationRequestSchema,
  closeFollowUpRequestSchema,
  type CareerConversationResponse,
  type FollowUpDto,
  type FollowUpListResponse,
} from '../../../shared/api';
import { API_PREFIX } from '../../../shared/api';
import type { FollowUp, Person } from '../../../shared/domain';
import type { Actor } from '../../usecases/access';
import { careerState, closableIds, closeFollowUp, commentOnCareer, followUpState, myFollowUps, recordCareerConversation, routeOf } from '../../usecases/careerConversations';
import { todayFor } from '../../usecases/reviewInput';
import type { UseCaseContext } from '../../usecases/context';
import { personSummary } from './present';
import { namesOf, param, parse, type ApiRouter } from './route';

const ROLE_NAMES = { recruitment: 'The recruitment team', 'pg-admin': 'The PG administrators', reviewer: 'Their reviewer', reviewee: 'The person' } as const;

async function followUpDtos(ctx: UseCaseContext, actor: Actor, items: Array<{ followUp: FollowUp; person: Person | null; canClose: boolean }>): Promise<FollowUpDto[]> {
  const names = await namesOf(ctx, actor, items.flatMap(({ followUp: f }) => [f.ownerId, f.closedById, f.personId].filter((id): id is string => Boolean(id))));
  const today = todayFor(ctx, actor.organisation);
  const rules = actor.organisation.policy.career;
  return items.map(({ followUp: f, person, canClose }) => {
    const who = person ?? names.get(f.personId) ?? { id: f.personId, displayName: 'A colleague' };
    const closedBy = f.closedById ? names.get(f.closedById) : undefined;
    return {
      id: f.id,
      person: personSummary(who),
      route: f.route,
      routeLabel: (rules && routeOf(rules, f.route)?.label) ?? f.route,
      key: f.key,
      text: f.text,
      ownerRole: f.ownerRole,
      ownerName: (f.ownerId && names.get(f.ownerId)?.displayName) || ROLE_NAMES[f.ownerRole],
      ...(f.ownerId ? { ownerId: f.ownerId } : {}),
      dueOn: f.dueOn,
      overdue: f.status === 'open' && f.dueOn < today,
      atEndOfCycle: f.atEndOfCycle,
      stayInterview: f.stayInterview,
      status: f.status,
      ...(f.closedAt ? { closedAt: f.closedAt.toISOString() } : {}),
      ...(closedBy ? { closedBy: personSummary(closedBy) } : {}),
      ...(f.closedNote ? { closedNote: f.closedNote } : {}),
      canClose,
    };
  });
}

async function conversationBody(ctx: UseCaseContext, actor: Actor, personId: string, cycleId?: string): Promise<CareerConversationResponse> {
  const state = await careerState(ctx, actor, personId, cycleId);
  const c = state.conversation;
  const closable = await closableIds(ctx, actor, state.followUps);
  return {
    person: personSummary(state.person),
    reviewer: state.reviewer ? personSummary(state.reviewer) : null,
    cycleId: state.cycle.id,
    routes: state.rules.routes.map((r) => ({ key: r.key, label: r.label, followUps: r.followUps.map((f) => ({ key: f.key, text: f.text, owner: f.owner, dueDays: f.dueDays, atEndOfCycle: f.atEndOfCycle, stayInterview: f.stayInterview })) })),
    conversation: c
      ? { route: c.route, routeLabel: routeOf(state.rules, c.route)?.label ?? c.route, ...(c.meetingOn ? { meetingOn: c.meetingOn } : {}), notes: c.notes, reviewerId: c.reviewerId, createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString() }
      : null,
    comment: state.comment ? { text: state.comment.text, updatedAt: state.comment.updatedAt.toISOString() } : null,
    followUps: await followUpDtos(ctx, actor, state.followUps.map((f) => ({ followUp: f, person: state.person, canClose: closable.has(f.id) }))),
    canRecord: state.as.reviewer,
    canComment: state.as.reviewee && c !== null,
  };
}

export function registerCareerRoutes(router: ApiRouter): void {
  const { server, ctx, authed } = router;
  const conversationPath = `${API_PREFIX}/people/:personId/career-conversation`;
  server.get(
    conversationPath,
    authed(async ({ req, actor }) => ({ body: await conversationBody(ctx, actor, param(req, 'personId'), parse(careerConversationQuerySchema, req.query).cycleId) })),
  );
  server.put(
    conversationPath,
    authed(async ({ req, actor }) => {
      const body = parse(careerConversationRequestSchema, req.body);
      await recordCareerConversation(ctx, actor, param(req, 'personId'), body);
      return { body: await conversationBody(ctx, actor, param(req, 'personId')) };
    }),
  );
  server.put(
    `${conversationPath}/comment`,
    authed(async ({ req, actor }) => {
      await commentOnCareer(ctx, actor, param(req, 'personId'), parse(careerCommentRequestSchema, req.body));
      return { body: await conversationBody(ctx, actor, param(req, 'personId')) };
    }),
  );
  server.get(
    `${API_PREFIX}/follow-ups`,
    authed(async ({ actor }) => {
      const body: FollowUpListResponse = { followUps: await followUpDtos(ctx, actor, await myFollowUps(ctx, actor)) };
      return { body };
    }),
  );
  server.post(
    `${API_PREFIX}/follow-ups/:followUpId/close`,
    authed(async ({ req, actor }) => {
      const closed = await closeFollowUp(ctx, actor, param(req, 'followUpId'), parse(closeFollowUpRequestSchema, req.body));
      const { person } = await followUpState(ctx, actor, closed.id);
      return { body: (await followUpDtos(ctx, actor, [{ followUp: closed, person, canClose: false }]))[0] };
    }),
  );
}
