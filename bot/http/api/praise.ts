// Praise a person gave or received; and, for the signed-in person (issue 15), the praise wall, a
// thank-you given from the tab, whom they may thank, and their thanks waiting for a colleague.
import {
  API_PREFIX,
  givePraiseRequestSchema,
  MAX_COLLEAGUE_RESULTS,
  praiseColleagueQuerySchema,
  praiseQuerySchema,
  praiseWallQuerySchema,
  sendPendingThanksRequestSchema,
  type PendingThanksDto,
  type PraiseColleague,
  type PraiseListResponse,
  type PraiseWallResponse,
  type ThankYouDto,
} from '../../../shared/api';
import type { Person } from '../../../shared/domain';
import { scopeOf } from '../../usecases/access';
import { givePraiseFromTab } from '../../usecases/givePraise';
import { discardPendingThanks, listPendingThanks, sendPendingThanks, type PendingThanksView } from '../../usecases/pendingThanks';
import { searchColleagues } from '../../usecases/people';
import { listPraise, listThankYous, type ThankYou } from '../../usecases/praiseHistory';
import { praiseDto } from './present';
import { param, parse, type ApiRouter } from './route';
import { FORMER_COLLEAGUE } from '../../../shared/domain';

const named = (p: Person | undefined, id: string) => ({ id, displayName: p?.displayName ?? FORMER_COLLEAGUE });

export function thankYouDto(t: ThankYou): ThankYouDto {
  return { id: t.id, from: named(t.from, t.fromPersonId), to: t.to.map((r) => named(r.person, r.id)), message: t.message, createdAt: t.createdAt.toISOString() };
}

export function pendingThanksDto(view: PendingThanksView): PendingThanksDto {
  return { id: view.thanks.id, message: view.thanks.message, ...(view.checkInTitle ? { checkInTitle: view.checkInTitle } : {}), createdAt: view.thanks.createdAt.toISOString() };
}

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
  server.get(
    `${API_PREFIX}/praise`,
    authed(async ({ req, actor }) => {
      const { direction } = parse(praiseWallQuerySchema, req.query);
      const wall = await listThankYous(ctx, actor, direction);
      const body: PraiseWallResponse = { direction, items: wall.items.map(thankYouDto), hasMore: wall.hasMore };
      return { body };
    }),
  );
  server.post(
    `${API_PREFIX}/praise`,
    authed(async ({ req, actor }) => {
      const given = await givePraiseFromTab(ctx, actor, parse(givePraiseRequestSchema, req.body));
      const first = given.praise[0]!;
      const body: ThankYouDto = thankYouDto({
        id: first.id,
        from: actor.person,
        fromPersonId: actor.person.id,
        to: given.recipients.map((p) => ({ id: p.id, person: p })),
        message: first.message,
        createdAt: first.createdAt,
      });
      return { status: given.created ? 201 : 200, body };
    }),
  );
  // Any member of staff may search whom to thank: only what the picker shows (id, name, school),
  // in their organisation, never themselves or anyone excluded, a screenful at most.
  server.get(
    `${API_PREFIX}/praise/colleagues`,
    authed(async ({ req, actor }) => {
      const { q } = parse(praiseColleagueQuerySchema, req.query);
      const found = await searchColleagues(ctx, scopeOf(actor), q, actor.person.entraObjectId);
      const items: PraiseColleague[] = found
        .filter((p) => p.id !== actor.person.id)
        .slice(0, MAX_COLLEAGUE_RESULTS)
        .map((p) => ({ id: p.id, displayName: p.displayName, school: p.school }));
      return { body: { items } };
    }),
  );
  server.get(
    `${API_PREFIX}/praise/pending`,
    authed(async ({ actor }) => ({ body: { items: (await listPendingThanks(ctx, actor.person)).map(pendingThanksDto) } })),
  );
  server.post(
    `${API_PREFIX}/praise/pending/:thanksId`,
    authed(async ({ req, actor }) => {
      const { recipientIds } = parse(sendPendingThanksRequestSchema, req.body);
      const sent = await sendPendingThanks(ctx, actor.person, param(req, 'thanksId'), recipientIds);
      const first = sent.praise[0]!;
      const body: ThankYouDto = thankYouDto({
        id: first.id,
        from: actor.person,
        fromPersonId: actor.person.id,
        to: sent.recipients.map((p) => ({ id: p.id, person: p })),
        message: first.message,
        createdAt: first.createdAt,
      });
      return { status: 201, body };
    }),
  );
  server.del(
    `${API_PREFIX}/praise/pending/:thanksId`,
    authed(async ({ req, actor }) => {
      const discarded = await discardPendingThanks(ctx, actor.person, param(req, 'thanksId'));
      return { body: { id: discarded.thanks.id, discarded: true } };
    }),
  );
}
