// The end-of-year review's parts over /api/v1 (issue 12; seed 001 "Thinking Back"):
//   PUT /reviews/:id/reflection      the reviewee saves a draft ({submit:false}) or sends it ({submit:true})
//   PUT /reviews/:id/statement       the reviewer's statement and outcome
//   PUT /reviews/:id/final-decision  the headteacher/manager confirms or changes the outcome
// Each answers with where the review now stands and the part as saved, named as in YearReviewDto;
// a review the caller plays no part in is 404.
import { API_PREFIX, finalDecisionRequestSchema, reflectionRequestSchema, statementRequestSchema } from '../../../shared/api';
import type { YearReviewRecord } from '../../../shared/domain';
import { makeFinalDecision, saveReflection, submitStatement, type EndOfYearResult } from '../../usecases/endOfYearReview';
import { param, parse, type ApiRouter } from './route';

function partDto(record: YearReviewRecord): Record<string, unknown> {
  const { id: _id, organisationId: _org, reviewId: _review, cycleId: _cycle, personId: _person, kind: _kind, createdAt: _created, updatedAt, submittedAt, ...content } = record;
  return { ...content, updatedAt: updatedAt.toISOString(), ...(submittedAt ? { submittedAt: submittedAt.toISOString() } : {}) };
}

function reply(reviewId: string, name: 'reflection' | 'statement' | 'finalDecision', result: { record: YearReviewRecord; standing: EndOfYearResult<'reflection'>['standing'] }) {
  const { standing, record } = result;
  return { body: { reviewId, status: standing.status, outcomeLabel: standing.outcomeLabel, [name]: partDto(record) } };
}

export function registerEndOfYearReviewRoutes(router: ApiRouter): void {
  const { server, ctx, authed } = router;
  server.put(
    `${API_PREFIX}/reviews/:id/reflection`,
    authed(async ({ req, actor }) => {
      const id = param(req, 'id');
      return reply(id, 'reflection', await saveReflection(ctx, actor, id, parse(reflectionRequestSchema, req.body)));
    }),
  );
  server.put(
    `${API_PREFIX}/reviews/:id/statement`,
    authed(async ({ req, actor }) => {
      const id = param(req, 'id');
      return reply(id, 'statement', await submitStatement(ctx, actor, id, parse(statementRequestSchema, req.body)));
    }),
  );
  server.put(
    `${API_PREFIX}/reviews/:id/final-decision`,
    authed(async ({ req, actor }) => {
      const id = param(req, 'id');
      return reply(id, 'finalDecision', await makeFinalDecision(ctx, actor, id, parse(finalDecisionRequestSchema, req.body)));
    }),
  );
}
