// GET /me (who the tab is showing, in the organisation's words), GET /schedule, GET /dev/status.
import type { Request, Response } from 'restify';
import { API_PREFIX, cycleQuerySchema, type DevStatusResponse, type MeResponse, type ScheduleResponse } from '../../../shared/api';
import { devSignInEnabled } from '../../auth/authenticate';
import { permittedRole } from '../../usecases/access';
import { devSignInPeople } from '../../usecases/people';
import { maxRocks, rockWindowsFor } from '../../../shared/policy';
import { getProfile, getSchedule } from '../../usecases/profile';
import { cycleDto, personSummary, scheduleEventDto } from './present';
import { sendProblem, toProblem } from './problems';
import { parse, timezoneOf, type ApiRouter } from './route';

export function registerMeRoutes(router: ApiRouter): void {
  const { server, ctx, config, logger, authed, send } = router;

  // Public: the tab asks before it knows who the user is. Lists only people one can sign in as.
  server.get(`${API_PREFIX}/dev/status`, async (req: Request, res: Response) => {
    try {
      if (!devSignInEnabled(config)) return send(res, 200, { devSignIn: false } satisfies DevStatusResponse);
      send(res, 200, { devSignIn: true, people: await devSignInPeople(ctx) } satisfies DevStatusResponse);
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
        rockWindows: rockWindowsFor(policy, profile.cycle),
        currentRockWindowId: profile.currentRockWindowId,
        maxSuccessCriteria: policy.rocks.maxSuccessCriteria,
        alignment: policy.alignment,
        checklist: policy.rocks.checklist,
        roles: actor.person.roles,
        reviewer: profile.reviewer ? personSummary(profile.reviewer) : undefined,
        coach: profile.coach ? personSummary(profile.coach) : undefined,
        isReviewer: profile.isReviewer,
        cycle: profile.cycle ? cycleDto(profile.cycle) : undefined,
        cycleNotice: profile.cycleNotice,
        openCheckIn: profile.openCheckIn ? scheduleEventDto(profile.openCheckIn, now, policy.timezone) : undefined,
        nextCheckIn: profile.nextCheckIn ? scheduleEventDto(profile.nextCheckIn, now, policy.timezone) : undefined,
        canEditPolicy: permittedRole(actor, 'policy', 'write') !== null,
        growth: policy.growth !== undefined,
        bank: policy.rocks.bank,
        maxRocks: maxRocks(policy),
        priorities: policy.rocks.priorities,
        participation: profile.notAsked ? { asked: false, reason: profile.notAsked } : { asked: true },
        checkInMode: policy.checkIns.mode,
        talent: permittedRole(actor, 'talent', 'read') !== null,
        moderation: permittedRole(actor, 'moderation', 'read') !== null,
        survey: policy.aspirationSurvey !== undefined,
        career: policy.career !== undefined,
      };
      return { body };
    }),
  );

  server.get(
    `${API_PREFIX}/schedule`,
    authed(async ({ req, actor }) => {
      const { cycle, events, notice } = await getSchedule(ctx, actor, parse(cycleQuerySchema, req.query).cycleId);
      const now = ctx.now();
      const tz = timezoneOf(actor);
      // Between cycles: the next cycle (or none) with the notice saying so, not an error.
      const body: ScheduleResponse = { cycle: cycle ? cycleDto(cycle) : undefined, timezone: tz, events: events.map((e) => scheduleEventDto(e, now, tz)), notice };
      return { body };
    }),
  );
}
