// The scheduler's career steps (seed 000 Appendix 4, March career conversations): when the career
// event's window opens, each reviewer gets a card per reviewee to record the conversation; and
// each open follow-up's owners are reminded policy.career.reminderDaysBefore days before it is due,
// once. Safe to repeat: every card has an idempotency key, and the opening is a decision taken last.
import { DateTime } from 'luxon';
import type { Cycle, Organisation, ScheduleEvent } from '../../shared/domain';
import { eligiblePeople, reviewerOf, windowInstants } from '../../shared/policy';
import { queueCareerMessage, tellOwners } from './careerConversations';
import type { UseCaseContext } from './context';

const OPENED = 'career-conversations-opened';

/** The career event: the policy's key, or the first of kind 'career-conversation'. */
export function careerEventOf(organisation: Organisation, events: readonly ScheduleEvent[]): ScheduleEvent | undefined {
  const key = organisation.policy.career?.eventKey;
  return events.find((e) => e.key === key && e.status === 'scheduled') ?? events.find((e) => e.kind === 'career-conversation' && e.status === 'scheduled');
}

/** Each reviewer's card per reviewee, once, when the window opens. */
export async function queueCareerConversationCards(ctx: UseCaseContext, organisation: Organisation, cycle: Cycle, events: readonly ScheduleEvent[]): Promise<number> {
  const event = careerEventOf(organisation, events);
  if (!event) return 0;
  const now = ctx.now();
  const { opensAt, closesAt } = windowInstants(event, organisation.policy.timezone);
  const org = { organisationId: organisation.id };
  if (now < opensAt || now >= closesAt || (await ctx.repos.decisions.find(org, OPENED, event.id))) return 0;
  let queued = 0;
  for (const person of eligiblePeople(await ctx.repos.people.listActive(org), organisation.policy, now)) {
    const reviewerId = reviewerOf(person, organisation.policy);
    if (!reviewerId) continue;
    if (await queueCareerMessage(ctx, organisation, reviewerId, { kind: 'career-conversation', cycleId: cycle.id, personId: person.id, audience: 'reviewer', reason: 'opened' })) queued += 1;
  }
  await ctx.repos.decisions.take(org, OPENED, event.id, 'scheduler', now, { cards: queued });
  return queued;
}

/** Owners of open follow-ups hear of each one reminderDaysBefore before it is due, once. */
export async function queueFollowUpReminders(ctx: UseCaseContext, organisation: Organisation, cycle: Cycle): Promise<number> {
  const rules = organisation.policy.career;
  if (!rules) return 0;
  const today = DateTime.fromJSDate(ctx.now(), { zone: organisation.policy.timezone }).toISODate()!;
  const org = { organisationId: organisation.id };
  let queued = 0;
  for (const followUp of await ctx.repos.talent.followUps.find(org, { cycleId: cycle.id, status: 'open' })) {
    const remindOn = DateTime.fromISO(followUp.dueOn).minus({ days: rules.reminderDaysBefore }).toISODate()!;
    if (today < remindOn) continue;
    // The key names the due date: a task re-dated is reminded again, a repeat tick is not.
    queued += await tellOwners(ctx, organisation, followUp, 'reminder', followUp.dueOn);
  }
  return queued;
}

/** Both career steps for one organisation's current cycle. */
export async function runCareerSchedule(ctx: UseCaseContext, organisation: Organisation, cycle: Cycle, events: readonly ScheduleEvent[]): Promise<{ careerCardsQueued: number; followUpRemindersQueued: number }> {
  if (!organisation.policy.career) return { careerCardsQueued: 0, followUpRemindersQueued: 0 };
  return { careerCardsQueued: await queueCareerConversationCards(ctx, organisation, cycle, events), followUpRemindersQueued: await queueFollowUpReminders(ctx, organisation, cycle) };
}
