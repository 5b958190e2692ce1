// Issue 13's anonymised reports (seed 000 §3): the Ofsted report, the Equality Impact Assessment
// and directed time (JSON for the tab, .csv to download) for PG admins and SMT; the governors'
// sample of reflections (draw, read, approve an item, download the release); the person's own
// opt-out. Every read and download is audited (which report, by whom; never its content).
import type { Request, Response } from 'restify';
import {
  API_PREFIX,
  createGovernorSampleRequestSchema,
  reportQuerySchema,
  reportsOptOutRequestSchema,
  sampleApprovalRequestSchema,
  type GovernorSampleDto,
} from '../../../shared/api';
import { authenticate } from '../../auth/authenticate';
import type { Actor } from '../../usecases/access';
import {
  createGovernorSample,
  decideSampleItem,
  governorSampleView,
  listGovernorSamples,
  releaseGovernorSample,
  releaseText,
  setReportsOptOut,
} from '../../usecases/governorSample';
import { directedTimeCsv, directedTimeReport, equalityCsv, equalityReport, ofstedCsv, ofstedReport, reportStages } from '../../usecases/reports';
import { DomainError } from '../../usecases/errors';
import { DEV_IDENTITY_HEADER } from '../../../shared/api';
import { sendProblem, toProblem } from './problems';
import { param, parse, type ApiRouter } from './route';

/** A file to download: its text, type and name. */
interface Download {
  text: string;
  type: string;
  filename: string;
}

function sendDownload(res: Response, file: Download): void {
  res.setHeader('Content-Type', `${file.type}; charset=utf-8`);
  res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
  res.setHeader('Cache-Control', 'no-store');
  res.writeHead(200);
  res.end(file.text);
}

function indexParam(req: Request): number {
  const raw = param(req, 'index');
  if (!/^\d{1,4}$/.test(raw)) throw new DomainError('notFound');
  return Number(raw);
}

export function registerReportRoutes(router: ApiRouter): void {
  const { server, ctx, config, logger, authed } = router;
  /** Like `authed`, but the reply is a file (CSV or text), not JSON. */
  const download = (handler: (call: { req: Request; actor: Actor }) => Promise<Download>) => async (req: Request, res: Response) => {
    try {
      const actor = await authenticate(ctx, config, { authorization: req.header('authorization'), devIdentity: req.header(DEV_IDENTITY_HEADER) });
      sendDownload(res, await handler({ req, actor }));
    } catch (error) {
      sendProblem(res, toProblem(error, logger, req));
    }
  };
  const query = (req: Request) => parse(reportQuerySchema, req.query);
  const slug = (label: string) => label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

  server.get(`${API_PREFIX}/reports/ofsted`, authed(async ({ req, actor }) => ({ body: await ofstedReport(ctx, actor, query(req)) })));
  server.get(
    `${API_PREFIX}/reports/ofsted.csv`,
    download(async ({ req, actor }) => {
      const report = await ofstedReport(ctx, actor, query(req), 'csv');
      return { text: ofstedCsv(report, reportStages(actor.organisation)), type: 'text/csv', filename: `ofsted-report-${slug(report.cycle.label)}.csv` };
    }),
  );
  server.get(`${API_PREFIX}/reports/equality`, authed(async ({ req, actor }) => ({ body: await equalityReport(ctx, actor, query(req)) })));
  server.get(
    `${API_PREFIX}/reports/equality.csv`,
    download(async ({ req, actor }) => {
      const report = await equalityReport(ctx, actor, query(req), 'csv');
      return { text: equalityCsv(report, reportStages(actor.organisation)), type: 'text/csv', filename: `equality-impact-${slug(report.cycle.label)}.csv` };
    }),
  );
  server.get(`${API_PREFIX}/reports/directed-time`, authed(async ({ req, actor }) => ({ body: await directedTimeReport(ctx, actor, query(req)) })));
  server.get(
    `${API_PREFIX}/reports/directed-time.csv`,
    download(async ({ req, actor }) => {
      const report = await directedTimeReport(ctx, actor, query(req), 'csv');
      return { text: directedTimeCsv(report), type: 'text/csv', filename: `directed-time-${slug(report.cycle.label)}.csv` };
    }),
  );

  server.get(`${API_PREFIX}/reports/governor-samples`, authed(async ({ actor }) => ({ body: await listGovernorSamples(ctx, actor) })));
  server.post(
    `${API_PREFIX}/reports/governor-samples`,
    authed(async ({ req, actor }) => {
      const { sample, eligible } = await createGovernorSample(ctx, actor, parse(createGovernorSampleRequestSchema, req.body));
      const body: GovernorSampleDto = await governorSampleView(ctx, actor, sample.id, { eligible });
      return { status: 201, body };
    }),
  );
  server.get(
    `${API_PREFIX}/reports/governor-samples/:sampleId`,
    authed(async ({ req, actor }) => ({ body: await governorSampleView(ctx, actor, param(req, 'sampleId')) })),
  );
  server.post(
    `${API_PREFIX}/reports/governor-samples/:sampleId/items/:index/approval`,
    authed(async ({ req, actor }) => {
      const { approved } = parse(sampleApprovalRequestSchema, req.body);
      return { body: await decideSampleItem(ctx, actor, param(req, 'sampleId'), indexParam(req), approved) };
    }),
  );
  // ?format=text for a plain text file; otherwise JSON (also downloaded as a file).
  server.get(
    `${API_PREFIX}/reports/governor-samples/:sampleId/release`,
    download(async ({ req, actor }) => {
      const text = (req.query as Record<string, unknown> | undefined)?.format === 'text';
      const release = await releaseGovernorSample(ctx, actor, param(req, 'sampleId'), text ? 'text' : 'json');
      const name = `governor-sample-${slug(release.cycle.label)}`;
      return text ? { text: releaseText(release), type: 'text/plain', filename: `${name}.txt` } : { text: JSON.stringify(release, null, 2), type: 'application/json', filename: `${name}.json` };
    }),
  );

  server.put(`${API_PREFIX}/me/reports-opt-out`, authed(async ({ req, actor }) => ({ body: await setReportsOptOut(ctx, actor, parse(reportsOptOutRequestSchema, req.body).optOut) })));
}
