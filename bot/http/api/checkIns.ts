// Check-ins: a person's timeline, one check-in, and the reviewer's acknowledge and respond.
import {
  acknowledgeCheckInRequestSchema,
  API_PREFIX,
  cycleQuerySchema,
  respondToCheckInRequestSchema,
  submitCheckInRequestSchema,
  type CheckInDetailResponse,
  type CheckInTimelineResponse,
  type SubmitCheckInResponse,
} from '../../../shared/api';
import { viewOf } from '../../usecases/pendingThanks';
import { pendingThanksDto } from './praise';
import type { Actor } from '../../usecases/access';
import { getCheckInTimeline, type CheckInTimeline } from '../../usecases/checkInHistory';
import { acknowledgeCheckIn, loadCheckInDetail, respondToCheckIn } from '../../usecases/reviews';
import { submitCheckIn } from '../../usecases/checkIns';
import { DomainError } from '../../usecases/errors';
import type { UseCaseContext } from '../../usecases/context';
import { checkInDto, checkInPeople, personSummary, scheduleEventDto } from './present';
import { namesOf, param, parse, timezoneOf, type ApiRouter } from './route';
import { registerCurrentCheckInRoute } from './currentCheckIn';

async function timelineResponse(ctx: UseCaseContext, actor: Actor, timeline: CheckInTimeline): Promise<CheckInTimelineResponse> {
  const names = await namesOf(ctx, actor, timeline.items.flatMap((i) => (i.checkIn ? checkInPeople(i.checkIn) : [])));
  const now = ctx.now();
  return {
    person: personSummary(timeline.person),
    cycle: timeline.cycle ? { id: timeline.cycle.id, label: timeline.cycle.label } : undefined,
    mode: timeline.mode,
    entries: timeline.items.map(({ event, state, checkIn, group }) => {
      const dto = scheduleEventDto(event, now, timezoneOf(actor));
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
        phase: dto.phase,
        checkIn: checkIn ? checkInDto(checkIn, names) : undefined,
        group,
      };
    }),
    onTime: timeline.onTime,
    participation: timeline.participation,
    scores: timeline.scores,
  };
}

export function registerCheckInRoutes(router: ApiRouter): void {
  const { server, ctx, authed } = router;
  // Before /check-ins/:checkInId, so "current" is never read as an id.
  registerCurrentCheckInRoute(router);
  server.get(
    `${API_PREFIX}/people/:personId/check-ins`,
    authed(async ({ req, actor }) => {
      const { cycleId } = parse(cycleQuerySchema, req.query);
      return { body: await timelineResponse(ctx, actor, await getCheckInTimeline(ctx, actor, param(req, 'personId'), cycleId)) };
    }),
  );
  server.get(
    `${API_PREFIX}/check-ins/:checkInId`,
    authed(async ({ req, actor }) => {
      const detail = await loadCheckInDetail(ctx, actor, param(req, 'checkInId'));
      const body: CheckInDetailResponse = {
        checkIn: checkInDto(detail.checkIn, await namesOf(ctx, actor, checkInPeople(detail.checkIn))),
        person: personSummary(detail.owner),
        event: detail.event ? scheduleEventDto(detail.event, ctx.now(), timezoneOf(actor)) : undefined,
        canAcknowledge: detail.canAcknowledge,
        canRespond: detail.canRespond,
      };
      return { body };
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
  // The signed-in person's own check-in, as the card sends it: refused with the reason (nothing
  // stored) when the policy does not ask them (issue 14), 422 naming the answer otherwise.
  server.post(
    `${API_PREFIX}/check-ins`,
    authed(async ({ req, actor }) => {
      const result = await submitCheckIn(ctx, actor.person, parse(submitCheckInRequestSchema, req.body));
      if (result.kind === 'invalid') {
        if (result.notAsked) throw new DomainError('notAsked', result.errors[0]?.message);
        if (!result.event) throw new DomainError('notFound', result.errors[0]?.message);
        throw new DomainError('invalidInput', undefined, { errors: result.errors.map((e) => ({ path: e.field === 'form' ? '' : e.field, message: e.message })) });
      }
      const body: SubmitCheckInResponse = checkInDto(result.checkIn, await namesOf(ctx, actor, checkInPeople(result.checkIn)));
      // Thanks with nobody chosen is kept, not refused: the tab asks whom it is for (issue 15).
      if (result.pendingThanks?.thanks.status === 'pending') body.pendingThanks = pendingThanksDto(await viewOf(ctx, actor.person, result.pendingThanks.thanks));
      return { status: result.outcome === 'created' ? 201 : 200, body };
    }),
  );
}
