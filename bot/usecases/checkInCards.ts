// What the bot's check-in cards need beyond submitting: the form for a given event (edit, Teams'
// refresh), the message a card was answered in (so acknowledgements can update it), the rocks
// behind "my rocks".
import type { CheckIn, Organisation, Person, Rock, ScheduleEvent } from '../../shared/domain';
import type { UseCaseContext } from './context';
import { loadOrganisation } from './checkIns';

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
  const [existing, rocks] = await Promise.all([ctx.repos.checkIns.findForPersonAndEvent(person, person.id, event.id), ctx.repos.rocks.listForPerson(person, person.id)]);
  return { organisation, event, rocks, existing };
}

/** The card was answered in place: remember that message, once, so acknowledgements can update it. */
export async function rememberCheckInCard(ctx: UseCaseContext, person: Person, checkIn: CheckIn, message: { conversationId: string; activityId: string }): Promise<void> {
  if (checkIn.card) return;
  await ctx.repos.checkIns.setCard(person, checkIn.id, message);
}

/** "my rocks": the person's rocks, with the organisation whose words and slots describe them. */
export async function loadMyRocks(ctx: UseCaseContext, person: Person): Promise<{ organisation: Organisation; rocks: Rock[] }> {
  const [organisation, rocks] = await Promise.all([loadOrganisation(ctx, person.organisationId), ctx.repos.rocks.listForPerson(person, person.id)]);
  return { organisation, rocks };
}
