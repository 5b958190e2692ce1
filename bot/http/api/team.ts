// GET /team: the reviewer's (and coach's) people, who is overdue, what awaits them.
import { API_PREFIX, type TeamResponse } from '../../../shared/api';
import { getTeam } from '../../usecases/team';
import { checkInDto, checkInPeople, personSummary, rockDeadlineDto, rockDto, scheduleEventDto } from './present';
import { namesOf, timezoneOf, type ApiRouter } from './route';

export function registerTeamRoutes(router: ApiRouter): void {
  const { server, ctx, authed } = router;
  server.get(
    `${API_PREFIX}/team`,
    authed(async ({ actor }) => {
      const team = await getTeam(ctx, actor);
      const now = ctx.now();
      const tz = timezoneOf(actor);
      const ids = team.members.flatMap((m) => [...m.rocksAwaitingAgreement.flatMap((r) => r.history.map((h) => h.byPersonId)), ...(m.lastCheckIn ? checkInPeople(m.lastCheckIn) : []), ...m.awaitingAcknowledgement.flatMap(checkInPeople)]);
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
        })),
      };
      return { body };
    }),
  );
}
