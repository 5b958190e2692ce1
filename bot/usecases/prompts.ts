// What an outbox delivery reads about its recipient and, for a check-in prompt, about the person
// and the event: each one round of indexed, organisation-scoped reads, the same the job handlers
// made themselves before they went through use cases.
import type { CheckIn, ConversationReferenceRecord, Organisation, Person, Rock, ScheduleEvent } from '../../shared/domain';
import type { UseCaseContext } from './context';
import { rocksToReport } from './checkIns';
import { markUnreachable } from './installs';

type Org = { organisationId: string };

/** An organisation's document and one of its events, read together. */
export async function organisationAndEvent(ctx: UseCaseContext, organisationId: string, eventId: string): Promise<{ organisation: Organisation | null; event: ScheduleEvent | null }> {
  const [organisation, event] = await Promise.all([ctx.repos.organisations.get(organisationId), ctx.repos.scheduleEvents.get({ organisationId }, eventId)]);
  return { organisation, event };
}

/** The person a message is for, or null if they left the directory. */
export function recipient(ctx: UseCaseContext, org: Org, personId: string): Promise<Person | null> {
  return ctx.repos.people.get(org, personId);
}

/** The person's current personal chat with the bot, or null if they have not installed it. */
export function personalChat(ctx: UseCaseContext, organisationId: string, personId: string): Promise<ConversationReferenceRecord | null> {
  return ctx.repos.conversationReferences.findPersonal({ organisationId }, { personId });
}

/** Teams refused to write into the chat (they removed or blocked the app): stop sending until they reinstall. */
export async function chatRefused(ctx: UseCaseContext, person: Person, chatKey: string, reason: string): Promise<void> {
  await markUnreachable(ctx, person.organisationId, person.id, reason);
  await ctx.repos.conversationReferences.markUninstalled({ organisationId: person.organisationId }, chatKey, ctx.now());
}

export interface PromptRecipient {
  person: Person | null;
  chat: ConversationReferenceRecord | null;
  /** Their check-in for the event, if they already sent one. */
  checkIn: CheckIn | null;
  rocks: Rock[];
}

/** What a check-in prompt needs about its person for an event, in one round of reads. */
export async function promptRecipient(ctx: UseCaseContext, organisation: Organisation, personId: string, event: ScheduleEvent): Promise<PromptRecipient> {
  const organisationId = organisation.id;
  const org = { organisationId };
  const [person, chat, checkIn, rocks] = await Promise.all([
    ctx.repos.people.get(org, personId),
    personalChat(ctx, organisationId, personId),
    ctx.repos.checkIns.findForPersonAndEvent(org, personId, event.id),
    // The agreed rocks of the window the check-in falls in, not every rock they ever had.
    rocksToReport(ctx, organisation, { id: personId, organisationId }, event),
  ]);
  return { person, chat, checkIn, rocks };
}

/** The people whose reviewer (on their record) is `reviewerId`; the policy decides who really is. */
export function reviewerTeam(ctx: UseCaseContext, org: Org, reviewerId: string): Promise<Person[]> {
  return ctx.repos.people.listReviewees(org, reviewerId);
}

/** Every check-in sent for an event. */
export function checkInsForEvent(ctx: UseCaseContext, org: Org, eventId: string): Promise<CheckIn[]> {
  return ctx.repos.checkIns.listForEvent(org, eventId);
}
