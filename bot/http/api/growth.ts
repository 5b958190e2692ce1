// Coach-led growth (seed 002): a person's self-reflection, growth plan, log and end reflection,
// read by the person and their coach only (anyone else: 404), written by the person; and the PG
// administrators' counts.
import {
  API_PREFIX,
  endReflectionRequestSchema,
  growthLogRequestSchema,
  growthPlanRequestSchema,
  selfReflectionRequestSchema,
  type EndReflectionDto,
  type GrowthLogEntryDto,
  type GrowthPlanDto,
  type GrowthResponse,
  type GrowthSummaryResponse,
  type SelfReflectionDto,
} from '../../../shared/api';
import type { EndReflection, GrowthLogEntry, GrowthPlan, SelfReflection } from '../../../shared/domain';
import { addGrowthLogEntry, growthSummary, loadGrowth, saveEndReflection, saveGrowthPlan, saveSelfReflection, type GrowthView } from '../../usecases/growth';
import { cycleDto, personSummary, rockDto } from './present';
import { namesOf, param, parse, type ApiRouter } from './route';

const stamps = (r: { createdAt: Date; updatedAt: Date }) => ({ createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() });

function selfReflectionDto(r: SelfReflection): SelfReflectionDto {
  return { id: r.id, standard: r.standard, strengths: r.strengths, growthAreas: r.growthAreas, developmentNeeds: r.developmentNeeds, ...stamps(r) };
}

function planDto(p: GrowthPlan): GrowthPlanDto {
  return { id: p.id, howIWillLearn: p.howIWillLearn, checkInDates: p.checkInDates, ...(p.completionOn ? { completionOn: p.completionOn } : {}), notes: p.notes, ...stamps(p) };
}

function logEntryDto(e: GrowthLogEntry): GrowthLogEntryDto {
  return { id: e.id, ...(e.checkInId ? { checkInId: e.checkInId } : {}), whatIDid: e.whatIDid, whatILearned: e.whatILearned, next: e.next, feedback: e.feedback, feedbackFrom: e.feedbackFrom, ...stamps(e) };
}

function endReflectionDto(r: EndReflection): EndReflectionDto {
  return { id: r.id, successes: r.successes, growth: r.growth, sharing: r.sharing, ...stamps(r) };
}

export function registerGrowthRoutes(router: ApiRouter): void {
  const { server, ctx, authed } = router;
  const growthBody = async (view: GrowthView, actor: Parameters<typeof namesOf>[1]): Promise<GrowthResponse> => {
    const names = await namesOf(ctx, actor, view.commitments.flatMap((r) => r.history.map((h) => h.byPersonId)));
    return {
      person: personSummary(view.person),
      coach: view.coach ? personSummary(view.coach) : null,
      cycle: cycleDto(view.cycle),
      standard: view.standard,
      selfReflection: view.selfReflection ? selfReflectionDto(view.selfReflection) : null,
      plan: view.plan ? planDto(view.plan) : null,
      commitments: view.commitments.map((r) => rockDto(r, names)),
      log: view.log.map(logEntryDto),
      endReflection: view.endReflection ? endReflectionDto(view.endReflection) : null,
      feedback: view.feedback,
      canEdit: view.canEdit,
    };
  };

  server.get(
    `${API_PREFIX}/people/:personId/growth`,
    authed(async ({ req, actor }) => ({ body: await growthBody(await loadGrowth(ctx, actor, param(req, 'personId')), actor) })),
  );
  server.put(
    `${API_PREFIX}/growth/self-reflection`,
    authed(async ({ req, actor }) => ({ body: selfReflectionDto(await saveSelfReflection(ctx, actor, parse(selfReflectionRequestSchema, req.body))) })),
  );
  server.put(`${API_PREFIX}/growth/plan`, authed(async ({ req, actor }) => ({ body: planDto(await saveGrowthPlan(ctx, actor, parse(growthPlanRequestSchema, req.body))) })));
  server.post(
    `${API_PREFIX}/growth/log`,
    authed(async ({ req, actor }) => {
      const { entry, created } = await addGrowthLogEntry(ctx, actor, parse(growthLogRequestSchema, req.body));
      return { status: created ? 201 : 200, body: logEntryDto(entry) };
    }),
  );
  server.put(
    `${API_PREFIX}/growth/end-reflection`,
    authed(async ({ req, actor }) => ({ body: endReflectionDto(await saveEndReflection(ctx, actor, parse(endReflectionRequestSchema, req.body))) })),
  );
  server.get(
    `${API_PREFIX}/growth/summary`,
    authed(async ({ actor }) => {
      const summary = await growthSummary(ctx, actor);
      const body: GrowthSummaryResponse = { ...summary, cycle: cycleDto(summary.cycle) };
      return { body };
    }),
  );
}
