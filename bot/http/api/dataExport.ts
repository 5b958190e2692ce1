// Issue 16, subject access and erasure: GET /me/data-export and /people/:id/data-export
// (?format=json|html) download everything held about a person as a file; GET /people/:id/erasure
// previews an erasure's counts and POST erases (PG administrators, refused under a legal hold).
import type { Request, Response } from 'restify';
import { DateTime } from 'luxon';
import {
  API_PREFIX,
  DEV_IDENTITY_HEADER,
  dataExportQuerySchema,
  erasureRequestSchema,
  type DataExport,
  type ErasurePreview,
  type ErasureResponse,
} from '../../../shared/api';
import { authenticate } from '../../auth/authenticate';
import type { Actor } from '../../usecases/access';
import { erasePerson, erasurePreview, subjectAccessExport, type SubjectAccessExport } from '../../usecases/subjectAccess';
import { dataExportHtml } from './dataExportHtml';
import { sendProblem, toProblem } from './problems';
import { param, parse, type ApiRouter } from './route';

function exportDto(data: SubjectAccessExport): DataExport {
  return { ...data, generatedAt: data.generatedAt.toISOString() };
}

/** A file name a browser keeps: ASCII, no quotes, the person (or "my") and the day. */
function fileName(data: SubjectAccessExport, format: 'json' | 'html'): string {
  const day = DateTime.fromJSDate(data.generatedAt, { zone: data.organisation.timeZone }).toISODate() ?? 'export';
  const who = data.preparedFor === 'self' ? 'my' : data.person.displayName.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase().slice(0, 60) || 'person';
  return `${who}-personal-data-${day}.${format}`;
}

function sendFile(res: Response, data: SubjectAccessExport, format: 'json' | 'html'): void {
  const text = format === 'html' ? dataExportHtml(data) : JSON.stringify(exportDto(data), null, 2);
  res.setHeader('Content-Type', `${format === 'html' ? 'text/html' : 'application/json'}; charset=utf-8`);
  res.setHeader('Content-Disposition', `attachment; filename="${fileName(data, format)}"`);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  // Opened rather than saved, the page may load nothing and run nothing.
  if (format === 'html') res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
  res.writeHead(200);
  res.end(text);
}

export function registerDataExportRoutes(router: ApiRouter): void {
  const { server, ctx, config, logger, authed } = router;
  const download = (personOf: (req: Request, actor: Actor) => string) => async (req: Request, res: Response) => {
    try {
      const actor = await authenticate(ctx, config, { authorization: req.header('authorization'), devIdentity: req.header(DEV_IDENTITY_HEADER) });
      const { format } = parse(dataExportQuerySchema, req.query);
      sendFile(res, await subjectAccessExport(ctx, actor, personOf(req, actor), format), format);
    } catch (error) {
      sendProblem(res, toProblem(error, logger, req));
    }
  };
  server.get(`${API_PREFIX}/me/data-export`, download((_req, actor) => actor.person.id));
  server.get(`${API_PREFIX}/people/:personId/data-export`, download((req) => param(req, 'personId')));

  server.get(
    `${API_PREFIX}/people/:personId/erasure`,
    authed(async ({ req, actor }) => {
      const preview = await erasurePreview(ctx, actor, param(req, 'personId'));
      const body: ErasurePreview = {
        person: { id: preview.person.id, displayName: preview.person.displayName },
        deleted: preview.deleted,
        anonymised: preview.anonymised,
        ...(preview.heldMessage ? { heldMessage: preview.heldMessage } : {}),
      };
      return { body };
    }),
  );
  server.post(
    `${API_PREFIX}/people/:personId/erasure`,
    authed(async ({ req, actor }) => {
      const personId = param(req, 'personId');
      const request = parse(erasureRequestSchema, req.body);
      const counts = await erasePerson(ctx, actor, personId, request);
      const body: ErasureResponse = { erased: true, ...counts };
      return { body };
    }),
  );
}
