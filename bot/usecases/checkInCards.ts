// What the bot's check-in cards need beyond submitting: the form for a given event (edit, Teams'
// refresh), the message a card was answered in (so acknowledgements can update it), the rocks
// behind "my rocks".
import type { CheckIn, Organisation, Person, Rock, ScheduleEvent } from '../../shared/domain';
import { currentRockWindow } from '../../shared/policy';
import type { UseCaseContext } from './context';
import { loadOrganisation, rocksToReport } from './checkIns';
import { cycleCalendar } from './currentCycle';

export interface CheckInForEvent {
  organisation: Organisation;
  event: ScheduleEvent;
  rocks: Rock[];
  existing: CheckIn | null;
}

/** The person's check-in for an event on the schedule (null when the event is gone). */
export async function loadCheckInForEvent(ctx: UseCaseContext, person: Person, eventId: string | undefined): Promise<CheckInForEvent | null> {
  const event = eventId ? await ctx.repos.scheduleEvents.get(person, eventId) : null;
  if (!event) return null;
  const organisation = await loadOrganisation(ctx, person.organisationId);
  const [existing, rocks] = await Promise.all([ctx.repos.checkIns.findForPersonAndEvent(person, person.id, event.id), rocksToReport(ctx, organisation, person, event)]);
  return { organisation, event, rocks, existing };
}

/** The card was answered in place: remember that message, once, so acknowledgements can update it. */
export async function rememberCheckInCard(ctx: UseCaseContext, person: Person, checkIn: CheckIn, message: { conversationId: string; activityId: string }): Promise<void> {
  if (checkIn.card) return;
  await ctx.repos.checkIns.setCard(person, checkIn.id, message);
}

/**
 * "my rocks": the person's rocks for the current rock window (completed ones too) in the current
 * cycle, with the organisation whose words and slots describe them. Between cycles: the next
 * cycle's (rocks agreed ahead for it), else the last one's.
 */
export async function loadMyRocks(ctx: UseCaseContext, person: Person): Promise<{ organisation: Organisation; rocks: Rock[] }> {
  const organisation = await loadOrganisation(ctx, person.organisationId);
  const around = await cycleCalendar(ctx, organisation);
  const cycle = around.current ?? around.next ?? around.last;
  const window = around.current ? currentRockWindow(organisation.policy, ctx.now(), around.current) : undefined;
  const rocks = cycle
    ? await ctx.repos.rocks.listForPerson(person, person.id, window ? { cycleId: cycle.id, rockWindowId: window.id } : { cycleId: cycle.id })
    : [];
  // The next cycle may have none yet: then last year's are still the ones to look at.
  if (rocks.length === 0 && !around.current && around.next && around.last) return { organisation, rocks: await ctx.repos.rocks.listForPerson(person, person.id, { cycleId: around.last.id }) };
  return { organisation, rocks };
}

/** A check-in by id, or null if it is gone. */
export function checkInById(ctx: UseCaseContext, org: { organisationId: string }, checkInId: string): Promise<CheckIn | null> {
  return ctx.repos.checkIns.get(org, checkInId);
}

/** The reviewer's copy of the check-in was sent: remember that message so acknowledgements and responses can update it. */
export async function rememberReviewerCard(ctx: UseCaseContext, org: { organisationId: string }, checkInId: string, message: { conversationId: string; activityId: string }): Promise<void> {
  await ctx.repos.checkIns.setReviewerCard(org, checkInId, message);
}

/** What a check-in's card shows, beyond the check-in: the event, the reviewee and reviewer, the reviewee's rocks. */
export interface CheckInCardFacts {
  organisation: Organisation;
  event: ScheduleEvent | null;
  reviewee: Person | null;
  reviewer: Person | null;
  rocks: Rock[];
}

async function cardPeople(ctx: UseCaseContext, checkIn: CheckIn): Promise<{ reviewee: Person | null; reviewer: Person | null }> {
  const ids = [checkIn.personId, ...(checkIn.reviewerId ? [checkIn.reviewerId] : [])];
  const found = await ctx.repos.people.getMany(checkIn, ids);
  return { reviewee: found.find((p) => p.id === checkIn.personId) ?? null, reviewer: found.find((p) => p.id === checkIn.reviewerId) ?? null };
}

/** What the reviewee's card needs. */
export async function revieweeCardFacts(ctx: UseCaseContext, checkIn: CheckIn): Promise<CheckInCardFacts> {
  const organisation = await loadOrganisation(ctx, checkIn.organisationId);
  const [event, { reviewee, reviewer }] = await Promise.all([ctx.repos.scheduleEvents.get(checkIn, checkIn.eventId), cardPeople(ctx, checkIn)]);
  const rocks = await rocksToReport(ctx, organisation, { id: checkIn.personId, organisationId: checkIn.organisationId }, event);
  return { organisation, event, reviewee, reviewer, rocks };
}

/** What the reviewer's card needs: the reviewee's card facts and their check-ins earlier in the cycle. */
export async function reviewerCardFacts(ctx: UseCaseContext, checkIn: CheckIn): Promise<CheckInCardFacts & { history: CheckIn[] }> {
  const organisation = await loadOrganisation(ctx, checkIn.organisationId);
  const [event, { reviewee, reviewer }, history] = await Promise.all([
    ctx.repos.scheduleEvents.get(checkIn, checkIn.eventId),
    cardPeople(ctx, checkIn),
    ctx.repos.checkIns.listForPerson(checkIn, checkIn.personId, { cycleId: checkIn.cycleId }),
  ]);
  const rocks = await rocksToReport(ctx, organisation, { id: checkIn.personId, organisationId: checkIn.organisationId }, event);
  return { organisation, event, reviewee, reviewer, rocks, history };
}
