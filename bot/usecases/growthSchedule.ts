// The scheduler's growth steps (seed 002): when a stage's event opens (stage one self-reflection,
// stage two growth plan, stage four reflection, review and sharing), every eligible person gets
// that stage's card with a place to write; after each term, coaches hear of coachees with no
// feedback (growthFeedback.ts). Both are safe to repeat and to crash in: jobs have idempotency keys
// and the decision that a stage was prompted is taken last.
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { BotMessage, Cycle, Organisation, OutboxJob, ScheduleEvent } from '../../shared/domain';
import { eligiblePeople, windowInstants } from '../../shared/policy';
import type { UseCaseContext } from './context';
import { flagTermsWithoutFeedback } from './growthFeedback';

type GrowthCard = Extract<BotMessage, { kind: 'growth-card' }>['card'];
const STAGE_CARDS = { selfReflection: 'self-reflection', plan: 'growth-plan', endReflection: 'end-reflection' } as const satisfies Record<string, GrowthCard>;
const PROMPTED = 'growth-stage-prompted';

export function growthStagePromptKey(eventId: string, personId: string): string {
  return `message:growth-stage:${eventId}:${personId}`;
}

/** Queues each open stage's card for everyone eligible, once per stage event. Returns the cards queued. */
export async function queueGrowthStagePrompts(ctx: UseCaseContext, organisation: Organisation, events: readonly ScheduleEvent[]): Promise<number> {
  const stages = organisation.policy.growth?.stages;
  if (!stages) return 0;
  const org = { organisationId: organisation.id };
  const now = ctx.now();
  let queued = 0;
  for (const [stage, card] of Object.entries(STAGE_CARDS) as Array<[keyof typeof STAGE_CARDS, GrowthCard]>) {
    const event = events.find((e) => e.key === stages[stage] && e.status === 'scheduled');
    if (!event) continue;
    const { opensAt, closesAt } = windowInstants(event, organisation.policy.timezone);
    if (now < opensAt || now >= closesAt || (await ctx.repos.decisions.find(org, PROMPTED, event.id))) continue;
    const people = eligiblePeople(await ctx.repos.people.listActive(org), organisation.policy, now);
    const jobs: OutboxJob[] = people.map((p) => ({
      id: randomUUID(),
      organisationId: organisation.id,
      idempotencyKey: growthStagePromptKey(event.id, p.id),
      kind: 'bot-message',
      personId: p.id,
      eventId: event.id,
      payload: { recipientPersonId: p.id, message: { kind: 'growth-card', card } },
      status: 'pending',
      notBefore: now,
      attempts: 0,
      createdAt: now,
      updatedAt: now,
    }));
    queued += jobs.length === 0 ? 0 : await ctx.repos.outboxJobs.enqueueMany(org, jobs);
    await ctx.repos.auditLog.append(org, {
      id: `growth.stagePrompted:${event.id}`,
      organisationId: organisation.id,
      at: now,
      actor: { kind: 'system' },
      action: 'growth.stagePrompted',
      subject: { kind: 'event', id: event.id },
      details: { stage, card, people: jobs.length },
    });
    await ctx.repos.decisions.take(org, PROMPTED, event.id, 'scheduler', now, { people: jobs.length });
  }
  return queued;
}

const STARTERS_CHECKED = 'growth-starters-checked';
const STARTER_PROMPTED = 'growth-starter-prompted';

/**
 * seed 002 §7.3: someone who joins part way through the year completes their self-reflection as
 * part of induction. Once a day, anyone eligible who started after stage one opened (so missed its
 * card) and has not written one gets the self-reflection card, once.
 */
export async function queueStarterSelfReflections(ctx: UseCaseContext, organisation: Organisation, cycle: Cycle, events: readonly ScheduleEvent[]): Promise<number> {
  const key = organisation.policy.growth?.stages.selfReflection;
  const event = events.find((e) => e.key === key && e.status === 'scheduled');
  const now = ctx.now();
  if (!event || now < windowInstants(event, organisation.policy.timezone).opensAt) return 0;
  const org = { organisationId: organisation.id };
  const today = DateTime.fromJSDate(now, { zone: organisation.policy.timezone }).toISODate()!;
  if (await ctx.repos.decisions.find(org, STARTERS_CHECKED, `${cycle.id}:${today}`)) return 0;
  const opened = event.window.opens.slice(0, 10);
  const starters = eligiblePeople(await ctx.repos.people.listActive(org), organisation.policy, now).filter((p) => p.startedOn !== undefined && p.startedOn > opened && p.startedOn <= today);
  let queued = 0;
  for (const person of starters) {
    const subject = `${cycle.id}:${person.id}`;
    if (await ctx.repos.decisions.find(org, STARTER_PROMPTED, subject)) continue;
    if ((await ctx.repos.growth.listForPerson(org, person.id, cycle.id, 'self-reflection')).length > 0) continue;
    const job = await ctx.repos.outboxJobs.enqueue(org, {
      id: randomUUID(),
      organisationId: organisation.id,
      idempotencyKey: `message:growth-starter:${cycle.id}:${person.id}`,
      kind: 'bot-message',
      personId: person.id,
      payload: { recipientPersonId: person.id, message: { kind: 'growth-card', card: 'self-reflection' } },
      status: 'pending',
      notBefore: now,
      attempts: 0,
      createdAt: now,
      updatedAt: now,
    });
    if (job.created) queued += 1;
    await ctx.repos.decisions.take(org, STARTER_PROMPTED, subject, 'scheduler', now);
  }
  await ctx.repos.decisions.take(org, STARTERS_CHECKED, `${cycle.id}:${today}`, 'scheduler', now, { starters: starters.length });
  return queued;
}

/** Both growth steps for one organisation's current cycle. */
export async function runGrowthSchedule(ctx: UseCaseContext, organisation: Organisation, cycle: Cycle, events: readonly ScheduleEvent[]): Promise<{ growthPromptsQueued: number; feedbackFlagsQueued: number }> {
  if (!organisation.policy.growth) return { growthPromptsQueued: 0, feedbackFlagsQueued: 0 };
  return {
    growthPromptsQueued: (await queueGrowthStagePrompts(ctx, organisation, events)) + (await queueStarterSelfReflections(ctx, organisation, cycle, events)),
    feedbackFlagsQueued: await flagTermsWithoutFeedback(ctx, organisation, cycle),
  };
}
