// Rock-setting deadlines (seed 000 Appendix 4: "Deadline 31/10/2025 Staff Set Rock 1"; seed 001:
// "Objectives to be set by 31st October"). For each rock window of the current cycle: a prompt to
// every eligible person without agreed rocks when setting opens, a reminder before the deadline,
// and after it an overdue flag to the person and to their reviewer. All are outbox jobs keyed by
// organisation + cycle + window + person (+ stage), and each stage is marked done in a one-winner decision
// only after its jobs are in, so a restart or a second scheduler neither loses nor repeats one.
import type { Cycle, Organisation, OutboxJob, Person, Rock, ScheduleEvent } from '../../shared/domain';
import { eligiblePeople, heldToDeadline, isAgreedRock, isEligible, requiredRocks, reviewerOf, rockDeadlines, rockDeadlineState, type RockDeadline, type RockDeadlineState } from '../../shared/policy';
import { outboxJobIdFor } from '../data/outboxJobRepository';
import { permittedRole, type Actor } from './access';
import { DomainError } from './errors';
import { currentCycle } from './currentCycle';
import type { UseCaseContext } from './context';

export type RockDeadlineStage = 'open' | 'reminder' | 'overdue';

/** Jobs are queued this long before their moment (notBefore = the moment), like check-in prompts. */
const QUEUE_AHEAD_MS = 60 * 60 * 1000;
/** A stage missed by more than this (the app was off for weeks) is not sent late. */
const STAGE_GRACE_MS = 14 * 24 * 60 * 60 * 1000;
const DECISION_KIND = 'rock-deadline-queued';

/** One job per stage, organisation, cycle, window and recipient (and, for a reviewer's copy, whom it is about). */
export function rockDeadlineKey(stage: RockDeadlineStage, organisationId: string, cycleId: string, rockWindowId: string, personId: string, aboutPersonId?: string): string {
  return `rock-deadline:${stage}:${organisationId}:${cycleId}:${rockWindowId}:${personId}${aboutPersonId ? `:about:${aboutPersonId}` : ''}`;
}

function stageAt(deadline: RockDeadline, stage: RockDeadlineStage): Date | undefined {
  return stage === 'open' ? deadline.opensAt : stage === 'reminder' ? deadline.remindAt : deadline.overdueAt;
}

/** Until when a stage is still worth sending: prompts and reminders until the deadline, the flag a while after. */
function stageEnd(deadline: RockDeadline, stage: RockDeadlineStage): number {
  return stage === 'overdue' ? deadline.overdueAt.getTime() + STAGE_GRACE_MS : deadline.dueAt.getTime();
}

/**
 * The scheduler tick's part (called from queueDuePrompts): queues every stage that is due for
 * the organisation's current cycle. Returns how many jobs were queued.
 */
export async function queueRockDeadlines(ctx: UseCaseContext, organisation: Organisation, cycle: Cycle, events: readonly ScheduleEvent[]): Promise<number> {
  const org = { organisationId: organisation.id };
  const now = ctx.now().getTime();
  let queued = 0;
  for (const deadline of rockDeadlines(organisation.policy, events, cycle)) {
    for (const stage of ['open', 'reminder', 'overdue'] as const) {
      const moment = stageAt(deadline, stage);
      if (!moment) continue;
      const at = moment.getTime();
      // The overdue flag is queued at its moment, not ahead, so it names only who is still not set.
      const ahead = stage === 'overdue' ? 0 : QUEUE_AHEAD_MS;
      if (now < at - ahead || now >= stageEnd(deadline, stage)) continue;
      const subject = `${cycle.id}:${deadline.window.id}:${stage}`;
      if (await ctx.repos.decisions.find(org, DECISION_KIND, subject)) continue;
      queued += await queueStage(ctx, organisation, cycle, deadline, stage);
      await ctx.repos.decisions.take(org, DECISION_KIND, subject, 'scheduler', ctx.now());
    }
  }
  return queued;
}

async function queueStage(ctx: UseCaseContext, organisation: Organisation, cycle: Cycle, deadline: RockDeadline, stage: RockDeadlineStage): Promise<number> {
  const org = { organisationId: organisation.id };
  const policy = organisation.policy;
  const people = eligiblePeople(await ctx.repos.people.listActive(org), policy, ctx.now()).filter((p) => heldToDeadline(p, deadline));
  const rocks = await ctx.repos.rocks.listForWindow(org, cycle.id, deadline.window.id);
  const outstanding = people.filter((p) => rockDeadlineState(policy, deadline, rocksOf(rocks, p.id), ctx.now()) !== 'set');
  const notBefore = stageAt(deadline, stage) ?? ctx.now();
  const job = (recipientId: string, subjectId: string): OutboxJob => {
    const key = rockDeadlineKey(stage, organisation.id, cycle.id, deadline.window.id, recipientId, recipientId === subjectId ? undefined : subjectId);
    const now = ctx.now();
    return {
      id: outboxJobIdFor(key),
      organisationId: organisation.id,
      idempotencyKey: key,
      kind: 'bot-message',
      personId: recipientId,
      payload: { recipientPersonId: recipientId, message: { kind: 'rock-deadline', stage, cycleId: cycle.id, rockWindowId: deadline.window.id, subjectPersonId: subjectId } },
      status: 'pending',
      notBefore,
      attempts: 0,
      createdAt: now,
      updatedAt: now,
    };
  };
  const jobs = outstanding.flatMap((person) => {
    const mine = [job(person.id, person.id)];
    const reviewerId = stage === 'overdue' ? reviewerOf(person, policy) : undefined;
    return reviewerId ? [...mine, job(reviewerId, person.id)] : mine;
  });
  const queued = jobs.length > 0 ? await ctx.repos.outboxJobs.enqueueMany(org, jobs) : 0;
  ctx.logger.info({ organisationId: organisation.id, rockWindowId: deadline.window.id, stage, queued }, 'rock deadline jobs queued');
  return queued;
}

function rocksOf(rocks: readonly Rock[], personId: string): Rock[] {
  return rocks.filter((r) => r.personId === personId);
}

/** What a deadline card needs when it is sent, or null when it should not go (set since, not eligible, gone). */
export interface RockDeadlineNotice {
  organisation: Organisation;
  deadline: RockDeadline;
  subject: Person;
  agreed: number;
  required: number;
  /** The schedule's rock-setting event the deadline is, when there is one (Truro: "Stage two: professional growth plan…"). */
  eventTitle?: string;
}

export async function rockDeadlineNotice(
  ctx: UseCaseContext,
  organisationId: string,
  message: { stage: RockDeadlineStage; cycleId: string; rockWindowId: string; subjectPersonId: string },
): Promise<RockDeadlineNotice | { skip: string }> {
  const org = { organisationId };
  const [organisation, cycle, subject] = await Promise.all([ctx.repos.organisations.get(organisationId), ctx.repos.cycles.get(org, message.cycleId), ctx.repos.people.get(org, message.subjectPersonId)]);
  if (!organisation || !cycle) return { skip: 'organisation or cycle gone' };
  if (!subject) return { skip: 'person left the directory' };
  if (!isEligible(subject, organisation.policy, ctx.now()).eligible) return { skip: 'not eligible' };
  const events = await ctx.repos.scheduleEvents.list(org, cycle.id);
  const deadline = rockDeadlines(organisation.policy, events, cycle).find((d) => d.window.id === message.rockWindowId);
  if (!deadline) return { skip: 'rock window gone' };
  if (!heldToDeadline(subject, deadline)) return { skip: 'started after the deadline' };
  const rocks = await ctx.repos.rocks.listForPerson(org, subject.id, { cycleId: cycle.id, rockWindowId: deadline.window.id });
  const state = rockDeadlineState(organisation.policy, deadline, rocks, ctx.now());
  if (state === 'set' || state === 'set-late') return { skip: 'rocks agreed since' };
  if (state === 'missed') return { skip: 'the rock window has ended' };
  const eventTitle = deadline.eventKey ? events.find((e) => e.key === deadline.eventKey)?.title : undefined;
  return { organisation, deadline, subject, agreed: rocks.filter(isAgreedRock).length, required: requiredRocks(organisation.policy), ...(eventTitle ? { eventTitle } : {}) };
}

/** One window's deadline as the tab shows it to a person (and, in My team, to their reviewer). */
export interface PersonRockDeadline {
  deadline: RockDeadline;
  state: RockDeadlineState;
  agreed: number;
  required: number;
}

/** The person's deadlines in the current cycle; an ineligible person has none. */
export async function personRockDeadlines(ctx: UseCaseContext, organisation: Organisation, person: Person): Promise<PersonRockDeadline[]> {
  const org = { organisationId: organisation.id };
  const now = ctx.now();
  if (!isEligible(person, organisation.policy, now).eligible) return [];
  const cycle = await currentCycle(ctx, organisation);
  if (!cycle) return [];
  const [events, rocks] = await Promise.all([ctx.repos.scheduleEvents.list(org, cycle.id), ctx.repos.rocks.listForPerson(org, person.id, { cycleId: cycle.id })]);
  // A deadline that passed before the person started is not theirs (they are not flagged or counted).
  const theirs = rockDeadlines(organisation.policy, events, cycle).filter((deadline) => heldToDeadline(person, deadline));
  return theirs.map((deadline) => {
    const inWindow = rocks.filter((r) => r.rockWindowId === deadline.window.id);
    return { deadline, state: rockDeadlineState(organisation.policy, deadline, inWindow, now), agreed: inWindow.filter(isAgreedRock).length, required: requiredRocks(organisation.policy) };
  });
}

/** For PG admins: each past deadline of the current cycle, how many eligible staff missed it (rockDeadlinesMissed) and how many are still overdue. */
export interface RockDeadlineSummary {
  windows: Array<{ rockWindowId: string; label: string; setBy: string; passed: boolean; staff: number; set: number; missed: number; stillOverdue: number }>;
  rockDeadlinesMissed: number;
}

export async function rockDeadlineSummary(ctx: UseCaseContext, organisation: Organisation): Promise<RockDeadlineSummary> {
  const org = { organisationId: organisation.id };
  const now = ctx.now();
  const cycle = await currentCycle(ctx, organisation);
  if (!cycle) return { windows: [], rockDeadlinesMissed: 0 };
  const [events, people] = await Promise.all([ctx.repos.scheduleEvents.list(org, cycle.id), ctx.repos.people.listActive(org)]);
  const eligible = eligiblePeople(people, organisation.policy, now);
  const windows: RockDeadlineSummary['windows'] = [];
  for (const deadline of rockDeadlines(organisation.policy, events, cycle)) {
    const rocks = await ctx.repos.rocks.listForWindow(org, cycle.id, deadline.window.id);
    const held = eligible.filter((p) => heldToDeadline(p, deadline));
    const states = held.map((p) => rockDeadlineState(organisation.policy, deadline, rocksOf(rocks, p.id), now));
    const passed = now.getTime() > deadline.dueAt.getTime();
    const stillOverdue = states.filter((s) => s === 'overdue').length;
    const missed = states.filter((s) => s === 'overdue' || s === 'set-late' || s === 'missed').length;
    windows.push({ rockWindowId: deadline.window.id, label: deadline.window.label, setBy: deadline.setBy, passed, staff: held.length, set: states.filter((s) => s === 'set').length, missed, stillOverdue });
  }
  return { windows, rockDeadlinesMissed: windows.reduce((sum, w) => sum + w.missed, 0) };
}

/** The tab's view of the caller's own deadlines. */
export function myRockDeadlines(ctx: UseCaseContext, actor: Actor): Promise<PersonRockDeadline[]> {
  return personRockDeadlines(ctx, actor.organisation, actor.person);
}

/** GET /rock-deadlines: PG administrators only (the completion figures' permission). */
export async function organisationRockDeadlines(ctx: UseCaseContext, actor: Actor): Promise<RockDeadlineSummary> {
  if (!permittedRole(actor, 'completion', 'read')) throw new DomainError('forbidden', 'Only PG administrators see the rock-setting figures.');
  return rockDeadlineSummary(ctx, actor.organisation);
}
