// Issue 15: GET /progress (completion of a check-in window by school, as the admin channel's
// `status`), its CSV exports (/progress/schools.csv, /progress/people.csv: audited downloads) and
// GET /schedule/edits (the schedule changes PG administrators made). PG administrators only.
import type { Request, Response } from 'restify';
import { API_PREFIX, cycleQuerySchema, DEV_IDENTITY_HEADER, progressQuerySchema, type ProgressResponse, type ScheduleEditsResponse } from '../../../shared/api';
import { authenticate } from '../../auth/authenticate';
import type { Actor } from '../../usecases/access';
import { DomainError } from '../../usecases/errors';
import { auditExport, exportFilename, mayExportPeople, peopleCsv, scheduleEdits, schoolsCsv, trustProgress, type TrustProgress } from '../../usecases/trustProgress';
import { personSummary, scheduleEventDto } from './present';
import { sendProblem, toProblem } from './problems';
import { namesOf, parse, timezoneOf, type ApiRouter } from './route';

function progressBody(progress: TrustProgress, now: Date, timezone: string): ProgressResponse {
  return {
    cycle: progress.cycle,
    event: progress.event ? scheduleEventDto(progress.event, now, timezone) : undefined,
    state: progress.state,
    optional: progress.optional,
    windows: progress.windows,
    schools: progress.schools,
    total: progress.total,
    notice: progress.notice,
    perPersonExport: progress.perPersonExport,
    adminChannel: progress.adminChannelUrl ? { url: progress.adminChannelUrl } : undefined,
  };
}

function sendCsv(res: Response, text: string, filename: string): void {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.writeHead(200);
  res.end(text);
}

export function registerProgressRoutes(router: ApiRouter): void {
  const { server, ctx, config, logger, authed } = router;
  const eventIdOf = (req: Request) => parse(progressQuerySchema, req.query).eventId;
  /** Like `authed`, but the reply is a CSV file. */
  const csvRoute = (handler: (req: Request, actor: Actor) => Promise<{ text: string; filename: string }>) => async (req: Request, res: Response) => {
    try {
      const actor = await authenticate(ctx, config, { authorization: req.header('authorization'), devIdentity: req.header(DEV_IDENTITY_HEADER) });
      const file = await handler(req, actor);
      sendCsv(res, file.text, file.filename);
    } catch (error) {
      sendProblem(res, toProblem(error, logger, req));
    }
  };

  server.get(
    `${API_PREFIX}/progress`,
    authed(async ({ req, actor }) => ({ body: progressBody(await trustProgress(ctx, actor, eventIdOf(req)), ctx.now(), timezoneOf(actor)) })),
  );
  server.get(
    `${API_PREFIX}/progress/schools.csv`,
    csvRoute(async (req, actor) => {
      const progress = await trustProgress(ctx, actor, eventIdOf(req));
      await auditExport(ctx, actor, progress, 'schools', progress.schools.length);
      return { text: schoolsCsv(progress, actor.organisation.policy.vocabulary), filename: exportFilename(progress, 'schools') };
    }),
  );
  server.get(
    `${API_PREFIX}/progress/people.csv`,
    csvRoute(async (req, actor) => {
      const progress = await trustProgress(ctx, actor, eventIdOf(req));
      if (!mayExportPeople(actor)) {
        throw new DomainError('forbidden', "Your trust's policy does not let PG administrators see individual check-ins, so only the export by school is available.");
      }
      const file = await peopleCsv(ctx, actor, progress);
      await auditExport(ctx, actor, progress, 'people', file.rows);
      return { text: file.text, filename: exportFilename(progress, 'people') };
    }),
  );
  server.get(
    `${API_PREFIX}/schedule/edits`,
    authed(async ({ req, actor }) => {
      const edits = await scheduleEdits(ctx, actor, parse(cycleQuerySchema, req.query).cycleId);
      const names = await namesOf(ctx, actor, edits.items.flatMap((e) => (e.byPersonId ? [e.byPersonId] : [])));
      const body: ScheduleEditsResponse = {
        cycleId: edits.cycleId,
        items: edits.items.map((e) => {
          const by = e.byPersonId ? names.get(e.byPersonId) : undefined;
          return { id: e.id, at: e.at.toISOString(), kind: e.kind, eventId: e.eventId, summary: e.summary, by: by ? personSummary(by) : undefined };
        }),
      };
      return { body };
    }),
  );
}
