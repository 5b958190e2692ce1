// An organisation is set up from a policy pack the first time it is seen: its policy, its
// current cycle and that cycle's dated events.
import type { Organisation, ScheduleEvent } from '../../shared/domain';
import { getPolicyPack } from '../../shared/policy';
import type { UseCaseContext } from './context';

export function cycleIdFor(organisationId: string, cycleKey: string): string {
  return `${organisationId}:${cycleKey}`;
}

export function eventIdFor(organisationId: string, cycleKey: string, eventKey: string): string {
  return `${organisationId}:${cycleKey}:${eventKey}`;
}

/** The organisation (tenant) if it has been set up, else null. */
export function findOrganisation(ctx: UseCaseContext, organisationId: string): Promise<Organisation | null> {
  return ctx.repos.organisations.get(organisationId);
}

/** Returns the organisation, creating it (idempotently) from the policy pack when new. */
export async function ensureOrganisation(
  ctx: UseCaseContext,
  input: { organisationId: string; name?: string; policyId: string; adminObjectIds?: string[] },
): Promise<Organisation> {
  const existing = await ctx.repos.organisations.get(input.organisationId);
  if (existing) return existing;
  const pack = getPolicyPack(input.policyId);
  const now = ctx.now();
  const organisation: Organisation = {
    id: input.organisationId,
    name: input.name ?? pack.policy.trust,
    policy: pack.policy,
    adminObjectIds: input.adminObjectIds ?? [],
    createdAt: now,
    updatedAt: now,
  };
  const org = { organisationId: organisation.id };
  const cycleId = cycleIdFor(organisation.id, pack.cycle.key);
  await ctx.repos.cycles.upsert(org, {
    id: cycleId,
    organisationId: organisation.id,
    policyId: pack.policy.id,
    key: pack.cycle.key,
    label: pack.cycle.label,
    startsOn: pack.cycle.startsOn,
    endsOn: pack.cycle.endsOn,
    ...(pack.cycle.rockWindows ? { rockWindows: pack.cycle.rockWindows } : {}),
    current: true,
  });
  const events: ScheduleEvent[] = pack.cycle.events.map((event) => ({
    ...event,
    id: eventIdFor(organisation.id, pack.cycle.key, event.key),
    organisationId: organisation.id,
    cycleId,
    status: 'scheduled',
    version: 0,
  }));
  await ctx.repos.scheduleEvents.insertMany(org, events);
  const saved = await ctx.repos.organisations.upsert(organisation);
  ctx.logger.info({ organisationId: organisation.id, policy: pack.policy.id, events: events.length }, 'organisation set up');
  return saved;
}
