// Rocks: list a person's, create, read, edit, and move one through propose → agree | amend → accept |
// send back → revise → propose | escalate → decide, then complete; priorities; setting deadlines.
import {
  agreeRockRequestSchema,
  amendRockRequestSchema,
  API_PREFIX,
  createRockRequestSchema,
  editRockRequestSchema,
  pageQuerySchema,
  rockListQuerySchema,
  rockTransitionRequestSchema,
  setCriterionDoneRequestSchema,
  type RockListResponse,
  decideRockRequestSchema,
  rockPriorityRequestSchema,
  rockReasonRequestSchema,
  type EscalatedRocksResponse,
  type MyRockDeadlinesResponse,
  type RockDeadlineSummaryResponse,
} from '../../../shared/api';
import type { Rock } from '../../../shared/domain';
import type { Actor } from '../../usecases/access';
import {
  acceptRock,
  agreeRock,
  amendRock,
  completeRock,
  createRock,
  decideRock,
  editRock,
  escalateRock,
  getRock,
  listEscalatedToMe,
  listRocks,
  proposeRock,
  sendBackRock,
  setCriterionDone,
  setRockPriority,
} from '../../usecases/rocks';
import { myRockDeadlines, organisationRockDeadlines } from '../../usecases/rockDeadlines';
import { personSummary, rockDeadlineDto, rockDto } from './present';
import { namesOf, pageOf, param, parse, type ApiRouter, type Reply } from './route';
import { cycleById } from '../../usecases/cycles';
import { rockCommentCounts } from '../../usecases/threads';
import { FORMER_COLLEAGUE } from '../../../shared/domain';

export function registerRockRoutes(router: ApiRouter): void {
  const { server, ctx, authed } = router;
  const rockReply = async (actor: Actor, rock: Rock, status = 200): Promise<Reply> => ({
    status,
    body: rockDto(rock, await namesOf(ctx, actor, idsOf(rock))),
  });

  server.get(
    `${API_PREFIX}/people/:personId/rocks`,
    authed(async ({ req, actor }) => {
      const query = parse(pageQuerySchema.extend(rockListQuerySchema.shape), req.query);
      // A past cycle's rocks stay readable; a cycle of another organisation does not exist.
      if (query.cycleId) await cycleById(ctx, actor, query.cycleId);
      const { person, rocks } = await listRocks(ctx, actor, param(req, 'personId'), query);
      const names = await namesOf(ctx, actor, rocks.flatMap(idsOf));
      const counts = await rockCommentCounts(ctx, actor, person.id, rocks.map((r) => r.id));
      const items = rocks.map((r) => ({ ...rockDto(r, names), ...(counts ? { commentCount: counts.get(r.id) ?? 0 } : {}) }));
      const body: RockListResponse = { ...pageOf(items, query), person: personSummary(person) };
      return { body };
    }),
  );
  registerRockQueueRoutes(router);
  server.post(`${API_PREFIX}/rocks`, authed(async ({ req, actor }) => rockReply(actor, await createRock(ctx, actor, parse(createRockRequestSchema, req.body)), 201)));
  server.get(`${API_PREFIX}/rocks/:rockId`, authed(async ({ req, actor }) => rockReply(actor, await getRock(ctx, actor, param(req, 'rockId')))));
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
  registerRockAgreementRoutes(router, rockReply);
  server.put(
    `${API_PREFIX}/rocks/:rockId/success-criteria/:criterionId/done`,
    authed(async ({ req, actor }) =>
      rockReply(actor, await setCriterionDone(ctx, actor, param(req, 'rockId'), param(req, 'criterionId'), parse(setCriterionDoneRequestSchema, req.body))),
    ),
  );
}

/** The people a rock's presentation names: who made each change, and who an escalation went to. */
function idsOf(rock: Rock): string[] {
  return [...rock.history.map((h) => h.byPersonId), ...(rock.escalation ? [rock.escalation.toPersonId] : [])];
}

/** Lists that are not one person's rocks: escalations to decide, and the rock-setting deadlines. */
function registerRockQueueRoutes(router: ApiRouter): void {
  const { server, ctx, authed } = router;
  // Before /rocks/:rockId, so "escalated" is not read as a rock id.
  server.get(
    `${API_PREFIX}/rocks/escalated`,
    authed(async ({ actor }) => {
      const rocks = await listEscalatedToMe(ctx, actor);
      const names = await namesOf(ctx, actor, rocks.flatMap((r) => [...idsOf(r), r.personId, ...(r.escalation ? [r.escalation.reviewerId] : [])]));
      const body: EscalatedRocksResponse = {
        items: rocks.map((r) => ({
          ...rockDto(r, names),
          person: { id: r.personId, displayName: names.get(r.personId)?.displayName ?? FORMER_COLLEAGUE },
          reviewer: r.escalation ? { id: r.escalation.reviewerId, displayName: names.get(r.escalation.reviewerId)?.displayName ?? FORMER_COLLEAGUE } : undefined,
        })),
      };
      return { body };
    }),
  );
  server.get(
    `${API_PREFIX}/rock-deadlines/me`,
    authed(async ({ actor }) => {
      const body: MyRockDeadlinesResponse = { items: (await myRockDeadlines(ctx, actor)).map(rockDeadlineDto) };
      return { body };
    }),
  );
  server.get(
    `${API_PREFIX}/rock-deadlines`,
    authed(async ({ actor }) => {
      const body: RockDeadlineSummaryResponse = await organisationRockDeadlines(ctx, actor);
      return { body };
    }),
  );
}

/** Beyond agree and amend: accept an amendment, send back to revise, escalate, decide, priorities. */
function registerRockAgreementRoutes(router: ApiRouter, rockReply: (actor: Actor, rock: Rock) => Promise<Reply>): void {
  const { server, ctx, authed } = router;
  const transition = (action: string, run: (actor: Actor, rockId: string, body: unknown) => Promise<Rock>) =>
    server.post(
      `${API_PREFIX}/rocks/:rockId/${action}`,
      authed(async ({ req, actor }) => rockReply(actor, await run(actor, param(req, 'rockId'), req.body))),
    );
  transition('accept', (actor, id, body) => acceptRock(ctx, actor, id, parse(rockTransitionRequestSchema, body)));
  transition('send-back', (actor, id, body) => sendBackRock(ctx, actor, id, parse(rockReasonRequestSchema, body)));
  transition('escalate', (actor, id, body) => escalateRock(ctx, actor, id, parse(rockReasonRequestSchema, body)));
  transition('decide', (actor, id, body) => decideRock(ctx, actor, id, parse(decideRockRequestSchema, body)));
  server.put(
    `${API_PREFIX}/rocks/:rockId/priority`,
    authed(async ({ req, actor }) => rockReply(actor, await setRockPriority(ctx, actor, param(req, 'rockId'), parse(rockPriorityRequestSchema, req.body)))),
  );
}
