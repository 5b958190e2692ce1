// GET /cycles (every cycle, past ones included), and the PG admin's next cycle: GET /cycles/next
// (the options), POST /cycles/next/preview (every new event and what differs), POST /cycles/next
// (confirm at the previewed digest; 409 when another admin got there first).
import {
  API_PREFIX,
  nextCycleConfirmRequestSchema,
  nextCyclePreviewRequestSchema,
  type CycleListResponse,
  type CycleSummaryDto,
  type NextCycleOptionsResponse,
  type NextCyclePreviewResponse,
  type NextCycleSourceDto,
  type NextCycleStartedResponse,
} from '../../../shared/api';
import type { Cycle, Policy } from '../../../shared/domain';
import { rockWindowsOf, windowInstants } from '../../../shared/policy';
import type { NextCyclePlan } from '../../schedule/nextCycle';
import { confirmNextCycle, listCycles, nextCycleOptions, previewNextCycle } from '../../usecases/cycles';
import type { NextCycleSource } from '../../usecases/nextCycle';
import { parse, timezoneOf, type ApiRouter } from './route';

function cycleSummary(cycle: Cycle, policy: Policy, currentId: string | undefined): CycleSummaryDto {
  return {
    id: cycle.id,
    key: cycle.key,
    label: cycle.label,
    startsOn: cycle.startsOn,
    endsOn: cycle.endsOn,
    current: cycle.id === currentId,
    rockWindows: rockWindowsOf(policy, cycle),
    ...(cycle.startedFrom ? { startedFrom: cycle.startedFrom } : {}),
  };
}

function sourceOf(dto: NextCycleSourceDto): NextCycleSource {
  if (dto.kind === 'table') return { kind: 'table', table: { kind: 'text', text: dto.text }, format: dto.format };
  return dto;
}

function previewDto(plan: NextCyclePlan, timezone: string): NextCyclePreviewResponse {
  const instant = (d: Date) => d.toISOString();
  return {
    source: plan.source,
    ...(plan.packId ? { packId: plan.packId } : {}),
    from: plan.from,
    cycle: { key: plan.cycle.key, label: plan.cycle.label, startsOn: plan.cycle.startsOn, endsOn: plan.cycle.endsOn, policyId: plan.cycle.policyId, rockWindows: plan.cycle.rockWindows },
    timezone,
    events: plan.events.map(({ event, was, differences }) => {
      const { opensAt, closesAt } = windowInstants(event, timezone);
      return {
        key: event.key,
        kind: event.kind,
        ...(event.number !== undefined ? { number: event.number } : {}),
        title: event.title,
        date: event.date,
        window: event.window,
        opensAt: instant(opensAt),
        closesAt: instant(closesAt),
        directedHours: event.directedHours,
        alsoMarks: event.alsoMarks ?? [],
        ...(was ? { was: { id: was.id, title: was.title, date: was.date, window: was.window } } : {}),
        differences,
      };
    }),
    dropped: plan.dropped.map((e) => ({ id: e.id, kind: e.kind, title: e.title, date: e.date })),
    leftOut: plan.leftOut.map((e) => ({ key: e.key, kind: e.kind, title: e.title, date: e.date })),
    warnings: plan.warnings,
    carryOver: plan.carryOver,
    digest: plan.digest,
  };
}

export function registerCycleRoutes(router: ApiRouter): void {
  const { server, ctx, authed } = router;
  server.get(
    `${API_PREFIX}/cycles`,
    authed(async ({ actor }) => {
      const { cycles, currentId } = await listCycles(ctx, actor);
      const body: CycleListResponse = { items: cycles.map((c) => cycleSummary(c, actor.organisation.policy, currentId)) };
      return { body };
    }),
  );
  server.get(
    `${API_PREFIX}/cycles/next`,
    authed(async ({ actor }) => {
      const options = await nextCycleOptions(ctx, actor);
      const { from, rollForward } = options;
      const body: NextCycleOptionsResponse = {
        from: { id: from.id, key: from.key, label: from.label, startsOn: from.startsOn, endsOn: from.endsOn },
        rollForward: { key: rollForward.key, label: rollForward.label, startsOn: rollForward.startsOn, endsOn: rollForward.endsOn },
        packs: options.packs,
        carryOver: options.carryOver,
        ...(options.started ? { started: cycleSummary(options.started, actor.organisation.policy, undefined) } : {}),
      };
      return { body };
    }),
  );
  server.post(
    `${API_PREFIX}/cycles/next/preview`,
    authed(async ({ req, actor }) => {
      const { source } = parse(nextCyclePreviewRequestSchema, req.body);
      return { body: previewDto(await previewNextCycle(ctx, actor, sourceOf(source)), timezoneOf(actor)) };
    }),
  );
  server.post(
    `${API_PREFIX}/cycles/next`,
    authed(async ({ req, actor }) => {
      const { source, digest } = parse(nextCycleConfirmRequestSchema, req.body);
      const started = await confirmNextCycle(ctx, actor, sourceOf(source), digest);
      const body: NextCycleStartedResponse = {
        cycle: cycleSummary(started.cycle, actor.organisation.policy, undefined),
        events: started.events,
        carriedOver: started.carriedOver,
        announcement: started.announcement,
      };
      return { status: 201, body };
    }),
  );
}
