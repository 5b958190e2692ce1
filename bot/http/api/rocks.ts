// Rocks: list a person's, create, read, edit, and move one through propose → agree/amend → complete.
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
} from '../../../shared/api';
import type { Rock } from '../../../shared/domain';
import type { Actor } from '../../usecases/access';
import { agreeRock, amendRock, completeRock, createRock, editRock, getRock, listRocks, proposeRock, setCriterionDone } from '../../usecases/rocks';
import { personSummary, rockDto } from './present';
import { namesOf, pageOf, param, parse, type ApiRouter, type Reply } from './route';
import { cycleById } from '../../usecases/cycles';

export function registerRockRoutes(router: ApiRouter): void {
  const { server, ctx, authed } = router;
  const rockReply = async (actor: Actor, rock: Rock, status = 200): Promise<Reply> => ({
    status,
    body: rockDto(rock, await namesOf(ctx, actor, rock.history.map((h) => h.byPersonId))),
  });

  server.get(
    `${API_PREFIX}/people/:personId/rocks`,
    authed(async ({ req, actor }) => {
      const query = parse(pageQuerySchema.extend(rockListQuerySchema.shape), req.query);
      // A past cycle's rocks stay readable; a cycle of another organisation does not exist.
      if (query.cycleId) await cycleById(ctx, actor, query.cycleId);
      const { person, rocks } = await listRocks(ctx, actor, param(req, 'personId'), query);
      const names = await namesOf(ctx, actor, rocks.flatMap((r) => r.history.map((h) => h.byPersonId)));
      const body: RockListResponse = { ...pageOf(rocks.map((r) => rockDto(r, names)), query), person: personSummary(person) };
      return { body };
    }),
  );
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
  server.put(
    `${API_PREFIX}/rocks/:rockId/success-criteria/:criterionId/done`,
    authed(async ({ req, actor }) =>
      rockReply(actor, await setCriterionDone(ctx, actor, param(req, 'rockId'), param(req, 'criterionId'), parse(setCriterionDoneRequestSchema, req.body))),
    ),
  );
}
