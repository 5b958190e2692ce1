// GET /team: the reviewer's (and coach's) people, who is overdue, what awaits them; acknowledging
// several check-ins at once, and a gentle reminder to someone who has not checked in (issue 15).
import {
  acknowledgeCheckInsRequestSchema,
  API_PREFIX,
  type AcknowledgeCheckInsResponse,
  type CheckInReminderResponse,
  type TeamResponse,
} from '../../../shared/api';
import { getTeam } from '../../usecases/team';
import { acknowledgeCheckIns, remindToCheckIn } from '../../usecases/teamActions';
import { checkInDto, checkInPeople, personSummary, rockDeadlineDto, rockDto, scheduleEventDto } from './present';
import { namesOf, param, parse, timezoneOf, type ApiRouter } from './route';

export function registerTeamRoutes(router: ApiRouter): void {
  const { server, ctx, authed } = router;
  server.get(
    `${API_PREFIX}/team`,
    authed(async ({ actor }) => {
      const team = await getTeam(ctx, actor);
      const now = ctx.now();
      const tz = timezoneOf(actor);
      const ids = team.members.flatMap((m) => [...m.rocksAwaitingAgreement.flatMap((r) => r.history.map((h) => h.byPersonId)), ...(m.lastCheckIn ? checkInPeople(m.lastCheckIn) : []), ...m.awaitingAcknowledgement.flatMap(checkInPeople), ...(m.reminder ? [m.reminder.byPersonId] : [])]);
      const names = await namesOf(ctx, actor, ids);
      const titles = new Map(team.events.map((e) => [e.id, e.title]));
      const body: TeamResponse = {
        checkIn: team.checkIn ? scheduleEventDto(team.checkIn, now, tz) : undefined,
        members: team.members.map((m) => ({
          person: { ...personSummary(m.person), school: m.person.school },
          relationship: m.relationship,
          lastCheckIn: m.lastCheckIn ? { ...checkInDto(m.lastCheckIn, names), title: titles.get(m.lastCheckIn.eventId) } : undefined,
          awaitingAcknowledgement: m.awaitingAcknowledgement.map((c) => ({ ...checkInDto(c, names), title: titles.get(c.eventId) })),
          notCheckedIn: m.notCheckedIn
            ? { eventId: m.notCheckedIn.event.id, title: m.notCheckedIn.event.title, closes: scheduleEventDto(m.notCheckedIn.event, now, tz).closesAt, state: m.notCheckedIn.state }
            : undefined,
          rocksAwaitingAgreement: m.rocksAwaitingAgreement.map((r) => rockDto(r, names)),
          rocksOverdue: m.rocksOverdue.map(rockDeadlineDto),
          notAsked: m.notAsked,
          rockCounts: m.rockCounts,
          reminder: m.reminder ? { at: m.reminder.at.toISOString(), byName: names.get(m.reminder.byPersonId)?.displayName ?? 'Your colleague' } : undefined,
        })),
      };
      return { body };
    }),
  );
  registerTeamActionRoutes(router);
}

function registerTeamActionRoutes(router: ApiRouter): void {
  const { server, ctx, authed } = router;
  server.post(
    `${API_PREFIX}/check-ins/acknowledge`,
    authed(async ({ req, actor }) => {
      const { checkInIds } = parse(acknowledgeCheckInsRequestSchema, req.body);
      const results = await acknowledgeCheckIns(ctx, actor, checkInIds);
      const names = await namesOf(ctx, actor, results.flatMap((r) => (r.checkIn ? checkInPeople(r.checkIn) : [])));
      const body: AcknowledgeCheckInsResponse = {
        results: results.map((r) => ({ checkInId: r.checkInId, outcome: r.outcome, message: r.message, checkIn: r.checkIn ? checkInDto(r.checkIn, names) : undefined })),
      };
      return { body };
    }),
  );
  server.post(
    `${API_PREFIX}/people/:personId/check-in-reminder`,
    authed(async ({ req, actor }) => {
      const sent = await remindToCheckIn(ctx, actor, param(req, 'personId'));
      const names = await namesOf(ctx, actor, [sent.byPersonId]);
      const body: CheckInReminderResponse = {
        eventId: sent.event.id,
        title: sent.event.title,
        sentAt: sent.sentAt.toISOString(),
        byName: names.get(sent.byPersonId)?.displayName ?? 'Your colleague',
        created: sent.created,
      };
      return { status: sent.created ? 201 : 200, body };
    }),
  );
}
