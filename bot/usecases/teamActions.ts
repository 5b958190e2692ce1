// A reviewer's actions on several people at once (issue 15): acknowledge a batch of check-ins,
// and a gentle reminder to someone who has not checked in while the window is open.
import { randomUUID } from 'node:crypto';
import type { CheckIn, Person, ScheduleEvent } from '../../shared/domain';
import { isEligible, openEventAt, windowInstants } from '../../shared/policy';
import { audit, rolesOf, scopeOf, type Actor } from './access';
import type { UseCaseContext } from './context';
import { currentCycleEvents } from './currentCycle';
import { DomainError } from './errors';
import { isGroupMode } from './groupSessions';
import { acknowledgeCheckIn } from './reviews';

export interface BatchAcknowledgement {
  checkInId: string;
  outcome: 'acknowledged' | 'already-acknowledged' | 'refused';
  /** Why it was refused, in words. */
  message?: string;
  checkIn?: CheckIn;
}

/**
 * Acknowledges each check-in as a single acknowledgement does (audited, the reviewee notified),
 * one after another; a refusal of one (not theirs, gone) does not stop the others.
 */
export async function acknowledgeCheckIns(ctx: UseCaseContext, actor: Actor, checkInIds: readonly string[]): Promise<BatchAcknowledgement[]> {
  const results: BatchAcknowledgement[] = [];
  for (const checkInId of [...new Set(checkInIds)]) {
    try {
      const { checkIn, changed } = await acknowledgeCheckIn(ctx, actor, checkInId);
      results.push({ checkInId, outcome: changed ? 'acknowledged' : 'already-acknowledged', checkIn });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      results.push({ checkInId, outcome: 'refused', message: error.message });
    }
  }
  return results;
}

/** The decision kind (bot/data/atomic.ts) that makes a reminder once per person per window. */
export const CHECK_IN_REMINDER = 'check-in-reminder';

export interface ReminderSent {
  event: ScheduleEvent;
  sentAt: Date;
  byPersonId: string;
  /** False when a reminder for this window had already been sent (by this reviewer or another). */
  created: boolean;
}

/** The reminder already sent to this person for this window, if any. */
export async function reminderFor(ctx: UseCaseContext, actor: Actor, eventId: string, personId: string): Promise<{ at: Date; byPersonId: string } | null> {
  const decision = await ctx.repos.decisions.find(scopeOf(actor), CHECK_IN_REMINDER, `${eventId}:${personId}`);
  return decision ? { at: decision.at, byPersonId: decision.winner } : null;
}

/**
 * "Send a gentle reminder": a bot message from the reviewer to a reviewee who has not checked in
 * while the window is open. At most once per person per window, whoever asks: the first caller
 * takes the decision; a retry by the same caller finishes a send a crash interrupted.
 */
export async function remindToCheckIn(ctx: UseCaseContext, actor: Actor, personId: string): Promise<ReminderSent> {
  const org = scopeOf(actor);
  const { policy } = actor.organisation;
  const person = await remindable(ctx, actor, personId);
  const event = await openCheckIn(ctx, actor, person);
  const now = ctx.now();
  const created = await ctx.repos.decisions.take(org, CHECK_IN_REMINDER, `${event.id}:${person.id}`, actor.person.id, now);
  const decision = await reminderFor(ctx, actor, event.id, person.id);
  if (!decision) throw new DomainError('conflict');
  if (decision.byPersonId === actor.person.id) {
    await ctx.repos.outboxJobs.enqueue(org, {
      id: randomUUID(),
      organisationId: org.organisationId,
      idempotencyKey: `message:check-in-reminder:${event.id}:${person.id}`,
      kind: 'bot-message',
      personId: person.id,
      payload: { recipientPersonId: person.id, message: { kind: 'text', text: reminderText(actor.person.displayName, event, policy.timezone) } },
      status: 'pending',
      notBefore: now,
      attempts: 0,
      createdAt: now,
      updatedAt: now,
    });
  }
  if (created) await audit(ctx, actor, 'checkIn.reminderSent', { kind: 'person', id: person.id }, { eventId: event.id });
  return { event, sentAt: decision.at, byPersonId: decision.byPersonId, created };
}

async function remindable(ctx: UseCaseContext, actor: Actor, personId: string): Promise<Person> {
  const person = personId === actor.person.id ? null : await ctx.repos.people.get(scopeOf(actor), personId);
  if (!person) throw new DomainError('notFound');
  if (!rolesOf(actor, person).has('reviewer')) {
    throw new DomainError('forbidden', `${person.displayName} is not in your team: only their ${actor.organisation.policy.vocabulary.reviewer} can send them a reminder.`);
  }
  return person;
}

/** The open check-in the person has not submitted yet; refused with the reason otherwise. */
async function openCheckIn(ctx: UseCaseContext, actor: Actor, person: Person): Promise<ScheduleEvent> {
  const { policy } = actor.organisation;
  const { checkIn } = policy.vocabulary;
  const { cycle, events } = await currentCycleEvents(ctx, actor.organisation);
  const event = cycle && !isGroupMode(actor.organisation) ? openEventAt(events, ctx.now(), policy.timezone, ['check-in']) : undefined;
  if (!event) throw new DomainError('noOpenWindow', `No ${checkIn} is open right now, so there is nothing to remind ${person.displayName} about.`);
  if (!isEligible(person, policy, ctx.now()).eligible) throw new DomainError('notAsked', `${person.displayName} is not asked to do a ${checkIn} at the moment.`);
  const submitted = await ctx.repos.checkIns.listForPerson(scopeOf(actor), person.id, { cycleId: cycle!.id });
  if (submitted.some((c) => c.eventId === event.id)) throw new DomainError('conflict', `${person.displayName} has already done ${event.title}: no reminder needed.`);
  return event;
}

/** "Rita Reviewer wondered if you'd like a hand with Check in 6 — it closes Thursday 5 March." */
export function reminderText(reviewerName: string, event: ScheduleEvent, timezone: string): string {
  const closes = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: timezone }).format(windowInstants(event, timezone).closesAt);
  return `${reviewerName} wondered if you'd like a hand with ${event.title} — it closes ${closes}.`;
}
