// The reviewer's side of a check-in (seed 001: "acknowledge that you've seen it and add a comment
// on at least one response"). Shared by the tab's API and, later, the bot's card actions.
import type { AnswerAnchor, CheckIn, Person, ScheduleEvent } from '../../shared/domain';
import { formatEventTitle } from '../../shared/policy';
import { notifyAcknowledged, notifyResponded } from '../notifications/notify';
import { promptGrowthLog } from './growth';
import { audit, invalidFields, mayReviewCheckIn, readableOwner, reviewedCheckIn, scopeOf, type Actor } from './access';
import type { UseCaseContext } from './context';
import { DomainError } from './errors';
import { dateInWords, lowerFirst, noteRecordView, viewerRole } from './recordViews';

export interface ReviewOutcome {
  checkIn: CheckIn;
  /** False when nothing changed (a second acknowledgement, a retried response). */
  changed: boolean;
}

/**
 * A check-in the caller may read, with its owner; 404 for anything else. The reviewer it was
 * submitted to reads it also after the person has a new reviewer (redelegation).
 */
export async function loadReadableCheckIn(ctx: UseCaseContext, actor: Actor, checkInId: string): Promise<{ checkIn: CheckIn; owner: Person }> {
  const checkIn = await ctx.repos.checkIns.get(scopeOf(actor), checkInId);
  if (!checkIn) throw new DomainError('notFound');
  const access = await readableOwner(ctx, actor, checkIn.personId, 'check-ins');
  if (access) return { checkIn, owner: access.owner };
  const owner = reviewedCheckIn(actor, checkIn) ? await ctx.repos.people.get(scopeOf(actor), checkIn.personId) : null;
  if (!owner) throw new DomainError('notFound');
  return { checkIn, owner };
}

/** Whether the caller may acknowledge and respond to this check-in (access.ts mayReviewCheckIn). */
async function mayReview(ctx: UseCaseContext, actor: Actor, owner: Person, checkIn: CheckIn): Promise<boolean> {
  const named = checkIn.reviewerId && checkIn.reviewerId !== actor.person.id ? await ctx.repos.people.get(scopeOf(actor), checkIn.reviewerId) : null;
  return mayReviewCheckIn(actor, owner, checkIn, named);
}

export interface CheckInDetail {
  checkIn: CheckIn;
  owner: Person;
  event: ScheduleEvent | null;
  canAcknowledge: boolean;
  canRespond: boolean;
}

/** One check-in as the tab shows it: its event, and what the caller may do with it. */
export async function loadCheckInDetail(ctx: UseCaseContext, actor: Actor, checkInId: string): Promise<CheckInDetail> {
  const { checkIn, owner } = await loadReadableCheckIn(ctx, actor, checkInId);
  const event = await ctx.repos.scheduleEvents.get(scopeOf(actor), checkIn.eventId);
  const reviewer = await mayReview(ctx, actor, owner, checkIn);
  const role = viewerRole(actor, owner, 'check-ins') ?? (owner.id !== actor.person.id && reviewedCheckIn(actor, checkIn) ? 'former-reviewer' : null);
  const what = event ? `your ${lowerFirst(event.title)} of ${dateInWords(event.date)}` : `one of your ${actor.organisation.policy.vocabulary.checkIn}s`;
  await noteRecordView(ctx, actor, owner, { kind: 'check-in', role, itemId: checkIn.id, what });
  return { checkIn, owner, event, canAcknowledge: reviewer && !checkIn.acknowledgement, canRespond: reviewer };
}

async function loadReviewableCheckIn(ctx: UseCaseContext, actor: Actor, checkInId: string): Promise<{ checkIn: CheckIn; owner: Person }> {
  const found = await loadReadableCheckIn(ctx, actor, checkInId);
  if (!(await mayReview(ctx, actor, found.owner, found.checkIn))) {
    throw new DomainError('forbidden', `Only ${found.owner.displayName}'s ${actor.organisation.policy.vocabulary.reviewer} can acknowledge or respond to this ${actor.organisation.policy.vocabulary.checkIn}.`);
  }
  return found;
}

/** Acknowledges once; acknowledging again changes nothing and is not audited again. */
export async function acknowledgeCheckIn(ctx: UseCaseContext, actor: Actor, checkInId: string): Promise<ReviewOutcome> {
  const { checkIn } = await loadReviewableCheckIn(ctx, actor, checkInId);
  if (checkIn.acknowledgement) return { checkIn, changed: false };
  const changed = await ctx.repos.checkIns.setAcknowledgement(scopeOf(actor), checkIn.id, { byPersonId: actor.person.id, at: ctx.now() });
  const current = await ctx.repos.checkIns.get(scopeOf(actor), checkIn.id);
  if (!current) throw new DomainError('notFound');
  if (changed) {
    await audit(ctx, actor, 'checkIn.acknowledged', { kind: 'check-in', id: checkIn.id }, { personId: checkIn.personId });
    await notifyAcknowledged(ctx, { checkIn: current, reviewerName: actor.person.displayName, eventTitle: await eventTitleOf(ctx, actor, current) });
    await promptGrowthLog(ctx, actor.organisation, current, 'acknowledged');
  }
  return { checkIn: current, changed };
}

/** The reviewer's response on one answer; responding is also seeing it, so it acknowledges too. */
export async function respondToCheckIn(ctx: UseCaseContext, actor: Actor, checkInId: string, input: { text: string; anchor: AnswerAnchor }): Promise<ReviewOutcome> {
  const { checkIn } = await loadReviewableCheckIn(ctx, actor, checkInId);
  if (input.anchor.startsWith('rock:') && !checkIn.answers.rockProgress.some((p) => `rock:${p.rockId}` === input.anchor)) {
    throw invalidFields([{ path: 'anchor', message: 'that rock is not in this check-in' }]);
  }
  const existing = checkIn.reviewerResponse;
  if (existing && existing.byPersonId === actor.person.id && existing.text === input.text && existing.anchor === input.anchor && checkIn.acknowledgement) {
    return { checkIn, changed: false };
  }
  const at = ctx.now();
  if (!checkIn.acknowledgement) {
    if (await ctx.repos.checkIns.setAcknowledgement(scopeOf(actor), checkIn.id, { byPersonId: actor.person.id, at })) {
      await audit(ctx, actor, 'checkIn.acknowledged', { kind: 'check-in', id: checkIn.id }, { personId: checkIn.personId, by: 'response' });
      await promptGrowthLog(ctx, actor.organisation, checkIn, 'acknowledged');
    }
  }
  const updated = await ctx.repos.checkIns.setReviewerResponse(scopeOf(actor), checkIn.id, { byPersonId: actor.person.id, at, text: input.text, anchor: input.anchor });
  if (!updated) throw new DomainError('notFound');
  await audit(ctx, actor, existing ? 'checkIn.responseChanged' : 'checkIn.responded', { kind: 'check-in', id: checkIn.id }, { personId: checkIn.personId, anchor: input.anchor });
  await notifyResponded(ctx, { checkIn: updated, reviewerName: actor.person.displayName, eventTitle: await eventTitleOf(ctx, actor, updated) });
  return { checkIn: updated, changed: true };
}

async function eventTitleOf(ctx: UseCaseContext, actor: Actor, checkIn: CheckIn): Promise<string> {
  const event = await ctx.repos.scheduleEvents.get(scopeOf(actor), checkIn.eventId);
  return event ? formatEventTitle(event, actor.organisation.policy.timezone) : actor.organisation.policy.vocabulary.checkIn;
}
