// The aspiration survey (issue 13): my survey and answers, another person's answers (their reviewer
// and PG admins, as the policy says; anyone else 404), and the analysis for PG admins and leaders
// (403 for anyone else), as JSON for the tab's charts and as a CSV download of the same aggregates.
import {
  API_PREFIX,
  surveyAnalysisQuerySchema,
  surveyAnswerRequestSchema,
  type MySurveyResponse,
  type PersonSurveyResponse,
  type SurveyAnalysisResponse,
  type SurveyEventDto,
  type SurveyQuestionDto,
} from '../../../shared/api';
import type { AspirationSurveyRules, SurveyResponse } from '../../../shared/domain';
import { answerSurvey, mySurvey, personSurvey, SURVEY_TEXT_MAX, type SurveyEventFacts } from '../../usecases/aspirationSurvey';
import { surveyAnalysis, surveyAnalysisCsv, type SurveyAnalysis } from '../../usecases/surveyAnalysis';
import { sendProblem, toProblem } from './problems';
import { personSummary } from './present';
import { param, parse, type ApiRouter } from './route';
import { authenticate } from '../../auth/authenticate';
import { DEV_IDENTITY_HEADER } from '../../../shared/api';

function eventDto(facts: SurveyEventFacts): SurveyEventDto {
  return { eventId: facts.event.id, title: facts.event.title, opensAt: facts.opensAt.toISOString(), closesAt: facts.closesAt.toISOString(), open: facts.open, closed: facts.closed };
}

function questionDtos(rules: AspirationSurveyRules | undefined): SurveyQuestionDto[] {
  return (rules?.questions ?? []).map((q) => ({
    key: q.key,
    text: q.text,
    kind: q.kind,
    options: q.options.map((o) => ({ key: o.key, label: o.label })),
    ...(q.topic ? { topic: q.topic } : {}),
    ...(q.kind === 'text' ? { maxLength: SURVEY_TEXT_MAX } : {}),
  }));
}

function answersDto(response: SurveyResponse | null) {
  return response ? { answers: response.answers, answeredAt: response.createdAt.toISOString(), updatedAt: response.updatedAt.toISOString() } : null;
}

function analysisDto(a: SurveyAnalysis): SurveyAnalysisResponse {
  return { survey: eventDto(a.facts), by: a.by, minGroupSize: a.minGroupSize, trust: a.trust, groups: a.groups, mergedGroups: a.mergedGroups, suppressedGroups: a.suppressedGroups, questions: a.questions };
}

export function registerSurveyRoutes(router: ApiRouter): void {
  const { server, ctx, authed, config, logger } = router;
  const mine = async (actor: Parameters<typeof mySurvey>[1]): Promise<MySurveyResponse> => {
    const view = await mySurvey(ctx, actor);
    return {
      survey: view.facts ? eventDto(view.facts) : null,
      questions: questionDtos(view.rules),
      mine: answersDto(view.response),
      canEdit: view.canEdit,
      ...(view.notice ? { notice: view.notice } : {}),
      canSeeAnalysis: view.canSeeAnalysis,
    };
  };

  server.get(`${API_PREFIX}/aspiration-survey`, authed(async ({ actor }) => ({ body: await mine(actor) })));
  server.put(
    `${API_PREFIX}/aspiration-survey/:eventId/response`,
    authed(async ({ req, actor }) => {
      const { answers } = parse(surveyAnswerRequestSchema, req.body);
      const { response, created } = await answerSurvey(ctx, actor, param(req, 'eventId'), { answers });
      return { status: created ? 201 : 200, body: answersDto(response) };
    }),
  );
  server.get(
    `${API_PREFIX}/people/:personId/aspiration-survey`,
    authed(async ({ req, actor }) => {
      const { person, facts, response, rules } = await personSurvey(ctx, actor, param(req, 'personId'));
      const body: PersonSurveyResponse = { person: personSummary(person), survey: facts ? eventDto(facts) : null, questions: questionDtos(rules), answers: answersDto(response) };
      return { body };
    }),
  );
  server.get(
    `${API_PREFIX}/aspiration-survey/analysis`,
    authed(async ({ req, actor }) => ({ body: analysisDto(await surveyAnalysis(ctx, actor, parse(surveyAnalysisQuerySchema, req.query))) })),
  );
  // A download: the body is CSV, not JSON, so it is written here rather than through `authed`.
  server.get(`${API_PREFIX}/aspiration-survey/analysis.csv`, async (req, res) => {
    try {
      const actor = await authenticate(ctx, config, { authorization: req.header('authorization'), devIdentity: req.header(DEV_IDENTITY_HEADER) });
      const analysis = await surveyAnalysis(ctx, actor, parse(surveyAnalysisQuerySchema, req.query), 'csv');
      const csv = surveyAnalysisCsv(analysis);
      const day = ctx.now().toISOString().slice(0, 10);
      res.writeHead(200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="aspiration-survey-by-${analysis.by === 'school' ? 'school' : 'role'}-${day}.csv"`,
        'Cache-Control': 'no-store',
      });
      res.end(csv);
    } catch (error) {
      sendProblem(res, toProblem(error, logger, req));
    }
  });
}
