// The tab's REST API, /api/v1 (DESIGN.md). Routes are thin: authenticate, parse the request with
// its shared/api schema, call the use case, present the result. Every query runs in the caller's
// organisation (the Actor's), so an id from another organisation is simply not found.
import type { Request, Response, Server } from 'restify';
import type { z } from 'zod';
import {
  acknowledgeCheckInRequestSchema,
  addCommentRequestSchema,
  agreeRockRequestSchema,
  amendRockRequestSchema,
  API_PREFIX,
  createRockRequestSchema,
  DEV_IDENTITY_HEADER,
  editRockRequestSchema,
  pageQuerySchema,
  praiseQuerySchema,
  respondToCheckInRequestSchema,
  rockListQuerySchema,
  rockTransitionRequestSchema,
  setCriterionDoneRequestSchema,
  threadKindSchema,
  type CheckInDetailResponse,
  type CheckInTimelineResponse,
  type DevStatusResponse,
  type MeResponse,
  type PageOf,
  type PraiseListResponse,
  type RockDto,
  type RockListResponse,
  type ScheduleResponse,
  type TeamResponse,
  type ThreadResponse,
} from '../../shared/api';
import type { Person, Rock } from '../../shared/domain';
import { authenticate, devSignInEnabled } from '../auth/authenticate';
import type { Config } from '../config';
import type { Repositories } from '../data/db';
import type { Logger } from '../logger';
import { isReviewerOf, scopeOf, type Actor } from '../usecases/access';
import { getCheckInTimeline } from '../usecases/checkInHistory';
import type { UseCaseContext } from '../usecases/context';
import { DomainError } from '../usecases/errors';
import { listPraise } from '../usecases/praiseHistory';
import { getProfile, getSchedule } from '../usecases/profile';
import { acknowledgeCheckIn, loadReadableCheckIn, respondToCheckIn } from '../usecases/reviews';
import { agreeRock, amendRock, completeRock, createRock, editRock, getRock, listRocks, proposeRock, setCriterionDone } from '../usecases/rocks';
import { getTeam } from '../usecases/team';
import { addComment, getThread } from '../usecases/threads';
import { checkInDto, checkInPeople, commentDto, cycleDto, personSummary, praiseDto, rockDto, scheduleEventDto, type Names } from './present';
import { fieldErrorsOf, RequestValidationError, sendProblem, toProblem } from './problems';

export interface ApiDependencies {
  config: Config;
  logger: Logger;
  repos: Repositories;
  now: () => Date;
}

interface Call {
  req: Request;
  actor: Actor;
  ctx: UseCaseContext;
}

type Reply = { status?: number; body: unknown };

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (!result.success) throw new RequestValidationError(fieldErrorsOf(result.error));
  return result.data;
}

function param(req: Request, name: string): string {
  const value: unknown = req.params?.[name];
  if (typeof value !== 'string' || value.length === 0) throw new DomainError('notFound');
  return value;
}

async function namesOf(ctx: UseCaseContext, actor: Actor, ids: Iterable<string>): Promise<Names> {
  const people = await ctx.repos.people.getMany(scopeOf(actor), [...new Set(ids)]);
  return new Map(people.map((p) => [p.id, p]));
}

/** A page of an in-memory list (threads, rocks are short and already loaded). */
function pageOf<T>(items: T[], query: { page: number; pageSize: number }): PageOf<T> {
  const start = (query.page - 1) * query.pageSize;
  return { items: items.slice(start, start + query.pageSize), page: query.page, pageSize: query.pageSize, hasMore: items.length > start + query.pageSize };
}

export function registerApiRoutes(server: Server, deps: ApiDependencies): void {
  const { config, logger } = deps;
  const ctx: UseCaseContext = { repos: deps.repos, now: deps.now, logger };

  const send = (res: Response, status: number, body: unknown) => {
    res.header('Cache-Control', 'no-store');
    res.send(status, body);
  };

  /** An authenticated route: any failure becomes a problem document. */
  const authed = (handler: (call: Call) => Promise<Reply>) => async (req: Request, res: Response) => {
    try {
      const actor = await authenticate(ctx, config, { authorization: req.header('authorization'), devIdentity: req.header(DEV_IDENTITY_HEADER) });
      const reply = await handler({ req, actor, ctx });
      send(res, reply.status ?? 200, reply.body);
    } catch (error) {
      sendProblem(res, toProblem(error, logger, req));
    }
  };

  const presentRock = async (actor: Actor, rock: Rock): Promise<RockDto> => rockDto(rock, await namesOf(ctx, actor, rock.history.map((h) => h.byPersonId)));
  const rockReply = async (actor: Actor, rock: Rock, status = 200): Promise<Reply> => ({ status, body: await presentRock(actor, rock) });
  const tz = (actor: Actor) => actor.organisation.policy.timezone;

  // Public: the tab asks before it knows who the user is. Lists only people one can sign in as.
  server.get(`${API_PREFIX}/dev/status`, async (req: Request, res: Response) => {
    try {
      if (!devSignInEnabled(config)) return send(res, 200, { devSignIn: false } satisfies DevStatusResponse);
      const people: Array<{ displayName: string; entraObjectId: string; organisationId: string }> = [];
      for (const organisation of await deps.repos.organisations.list()) {
        for (let page = 1; people.length < 50; page++) {
          const batch = await deps.repos.people.list({ organisationId: organisation.id }, { page, pageSize: 200 });
          for (const p of batch.items) if (p.entraObjectId && people.length < 50) people.push({ displayName: p.displayName, entraObjectId: p.entraObjectId, organisationId: p.organisationId });
          if (!batch.hasMore) break;
        }
      }
      send(res, 200, { devSignIn: true, people } satisfies DevStatusResponse);
    } catch (error) {
      sendProblem(res, toProblem(error, logger, req));
    }
  });

  server.get(
    `${API_PREFIX}/me`,
    authed(async ({ actor }) => {
      const profile = await getProfile(ctx, actor);
      const policy = actor.organisation.policy;
      const now = ctx.now();
      const body: MeResponse = {
        person: { ...personSummary(actor.person), email: actor.person.email, school: actor.person.school, roleCategory: actor.person.roleCategory },
        organisation: { id: actor.organisation.id, name: actor.organisation.name },
        policy: { id: policy.id, name: policy.name, timezone: policy.timezone },
        vocabulary: policy.vocabulary,
        slots: policy.rocks.slots,
        rockWindows: policy.rocks.windows,
        currentRockWindowId: profile.currentRockWindowId,
        maxSuccessCriteria: policy.rocks.maxSuccessCriteria,
        alignment: policy.alignment,
        checklist: policy.rocks.checklist,
        roles: actor.person.roles,
        reviewer: profile.reviewer ? personSummary(profile.reviewer) : undefined,
        coach: profile.coach ? personSummary(profile.coach) : undefined,
        isReviewer: profile.isReviewer,
        cycle: profile.cycle ? cycleDto(profile.cycle) : undefined,
        openCheckIn: profile.openCheckIn ? scheduleEventDto(profile.openCheckIn, now, policy.timezone) : undefined,
        nextCheckIn: profile.nextCheckIn ? scheduleEventDto(profile.nextCheckIn, now, policy.timezone) : undefined,
      };
      return { body };
    }),
  );

  server.get(
    `${API_PREFIX}/schedule`,
    authed(async ({ actor }) => {
      const { cycle, events } = await getSchedule(ctx, actor);
      if (!cycle) throw new DomainError('notFound', 'No cycle has been published yet.');
      const now = ctx.now();
      const body: ScheduleResponse = { cycle: cycleDto(cycle), timezone: tz(actor), events: events.map((e) => scheduleEventDto(e, now, tz(actor))) };
      return { body };
    }),
  );

  server.get(
    `${API_PREFIX}/team`,
    authed(async ({ actor }) => {
      const team = await getTeam(ctx, actor);
      const now = ctx.now();
      const ids = team.members.flatMap((m) => [...m.rocksAwaitingAgreement.flatMap((r) => r.history.map((h) => h.byPersonId)), ...(m.lastCheckIn ? checkInPeople(m.lastCheckIn) : []), ...m.awaitingAcknowledgement.flatMap(checkInPeople)]);
      const names = await namesOf(ctx, actor, ids);
      const titles = new Map(team.events.map((e) => [e.id, e.title]));
      const body: TeamResponse = {
        checkIn: team.checkIn ? scheduleEventDto(team.checkIn, now, tz(actor)) : undefined,
        members: team.members.map((m) => ({
          person: { ...personSummary(m.person), school: m.person.school },
          relationship: m.relationship,
          lastCheckIn: m.lastCheckIn ? { ...checkInDto(m.lastCheckIn, names), title: titles.get(m.lastCheckIn.eventId) } : undefined,
          awaitingAcknowledgement: m.awaitingAcknowledgement.map((c) => ({ ...checkInDto(c, names), title: titles.get(c.eventId) })),
          notCheckedIn: m.notCheckedIn
            ? { eventId: m.notCheckedIn.event.id, title: m.notCheckedIn.event.title, closes: scheduleEventDto(m.notCheckedIn.event, now, tz(actor)).closesAt, state: m.notCheckedIn.state }
            : undefined,
          rocksAwaitingAgreement: m.rocksAwaitingAgreement.map((r) => rockDto(r, names)),
        })),
      };
      return { body };
    }),
  );

  // Rocks
  server.get(
    `${API_PREFIX}/people/:personId/rocks`,
    authed(async ({ req, actor }) => {
      const query = parse(pageQuerySchema.extend(rockListQuerySchema.shape), req.query);
      const { person, rocks } = await listRocks(ctx, actor, param(req, 'personId'), query);
      const names = await namesOf(ctx, actor, rocks.flatMap((r) => r.history.map((h) => h.byPersonId)));
      const body: RockListResponse = { ...pageOf(rocks.map((r) => rockDto(r, names)), query), person: personSummary(person) };
      return { body };
    }),
  );
  server.post(
    `${API_PREFIX}/rocks`,
    authed(async ({ req, actor }) => rockReply(actor, await createRock(ctx, actor, parse(createRockRequestSchema, req.body)), 201)),
  );
  server.get(
    `${API_PREFIX}/rocks/:rockId`,
    authed(async ({ req, actor }) => rockReply(actor, await getRock(ctx, actor, param(req, 'rockId')))),
  );
  server.patch(
    `${API_PREFIX}/rocks/:rockId`,
    authed(async ({ req, actor }) => rockReply(actor, await editRock(ctx, actor, param(req, 'rockId'), parse(editRockRequestSchema, req.body)))),
  );
  server.post(
    `${API_PREFIX}/rocks/:rockId/propose`,
    authed(async ({ req, actor }) => rockReply(actor, await proposeRock(ctx, actor, param(req, 'rockId'), parse(rockTransitionRequestSchema, req.body)))),
  );
  server.post(
    `${API_PREFIX}/rocks/:rockId/agree`,
    authed(async ({ req, actor }) => rockReply(actor, await agreeRock(ctx, actor, param(req, 'rockId'), parse(agreeRockRequestSchema, req.body)))),
  );
  server.post(
    `${API_PREFIX}/rocks/:rockId/amend`,
    authed(async ({ req, actor }) => rockReply(actor, await amendRock(ctx, actor, param(req, 'rockId'), parse(amendRockRequestSchema, req.body)))),
  );
  server.post(
    `${API_PREFIX}/rocks/:rockId/complete`,
    authed(async ({ req, actor }) => rockReply(actor, await completeRock(ctx, actor, param(req, 'rockId'), parse(rockTransitionRequestSchema, req.body)))),
  );
  server.put(
    `${API_PREFIX}/rocks/:rockId/success-criteria/:criterionId/done`,
    authed(async ({ req, actor }) =>
      rockReply(actor, await setCriterionDone(ctx, actor, param(req, 'rockId'), param(req, 'criterionId'), parse(setCriterionDoneRequestSchema, req.body))),
    ),
  );

  // Check-ins
  server.get(
    `${API_PREFIX}/people/:personId/check-ins`,
    authed(async ({ req, actor }) => {
      const timeline = await getCheckInTimeline(ctx, actor, param(req, 'personId'));
      const names = await namesOf(ctx, actor, timeline.items.flatMap((i) => (i.checkIn ? checkInPeople(i.checkIn) : [])));
      const now = ctx.now();
      const body: CheckInTimelineResponse = {
        person: personSummary(timeline.person),
        cycle: timeline.cycle ? { id: timeline.cycle.id, label: timeline.cycle.label } : undefined,
        entries: timeline.items.map(({ event, state, checkIn }) => {
          const dto = scheduleEventDto(event, now, tz(actor));
          return {
            eventId: event.id,
            kind: event.kind === 'optional-check-in' ? 'optional-check-in' : 'check-in',
            title: event.title,
            number: event.number,
            date: event.date,
            window: dto.window,
            opensAt: dto.opensAt,
            closesAt: dto.closesAt,
            state,
            checkIn: checkIn ? checkInDto(checkIn, names) : undefined,
          };
        }),
        onTime: timeline.onTime,
        scores: timeline.scores,
      };
      return { body };
    }),
  );
  server.get(
    `${API_PREFIX}/check-ins/:checkInId`,
    authed(async ({ req, actor }) => {
      const { checkIn, owner } = await loadReadableCheckIn(ctx, actor, param(req, 'checkInId'));
      return { body: await checkInDetail(actor, checkIn, owner) };
    }),
  );
  server.post(
    `${API_PREFIX}/check-ins/:checkInId/acknowledge`,
    authed(async ({ req, actor }) => {
      parse(acknowledgeCheckInRequestSchema, req.body);
      const { checkIn } = await acknowledgeCheckIn(ctx, actor, param(req, 'checkInId'));
      return { body: checkInDto(checkIn, await namesOf(ctx, actor, checkInPeople(checkIn))) };
    }),
  );
  server.post(
    `${API_PREFIX}/check-ins/:checkInId/respond`,
    authed(async ({ req, actor }) => {
      const { checkIn } = await respondToCheckIn(ctx, actor, param(req, 'checkInId'), parse(respondToCheckInRequestSchema, req.body));
      return { body: checkInDto(checkIn, await namesOf(ctx, actor, checkInPeople(checkIn))) };
    }),
  );

  const checkInDetail = async (actor: Actor, checkIn: Parameters<typeof checkInDto>[0], owner: Person): Promise<CheckInDetailResponse> => {
    const event = await ctx.repos.scheduleEvents.get(scopeOf(actor), checkIn.eventId);
    const reviewer = isReviewerOf(actor, owner);
    return {
      checkIn: checkInDto(checkIn, await namesOf(ctx, actor, checkInPeople(checkIn))),
      person: personSummary(owner),
      event: event ? scheduleEventDto(event, ctx.now(), tz(actor)) : undefined,
      canAcknowledge: reviewer && !checkIn.acknowledgement,
      canRespond: reviewer,
    };
  };

  // Feedback threads
  const subjectOf = (req: Request) => {
    const kind = threadKindSchema.safeParse(req.params?.kind);
    if (!kind.success) throw new DomainError('notFound');
    return { kind: kind.data, id: param(req, 'subjectId') };
  };
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
      const subject = subjectOf(req);
      const comment = await addComment(ctx, actor, subject, parse(addCommentRequestSchema, req.body));
      return { status: 201, body: commentDto(comment, new Map([[actor.person.id, actor.person]])) };
    }),
  );

  // Praise
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
