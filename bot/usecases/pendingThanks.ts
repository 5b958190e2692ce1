// Thanks without a colleague never blocks a check-in (issue 15): the check-in is stored, its thanks
// waits as a PendingThanks of its own, and its author is asked whom it is for — on a card in the
// chat, or in the tab. Sending it praises the colleagues chosen once, however often it is retried;
// discarding it drops it. The first of several concurrent answers wins (a Decisions insert); a
// later different answer is told what happened instead.
import type { CheckIn, PendingThanks, Person, Praise } from '../../shared/domain';
import { formatEventTitle } from '../../shared/policy';
import { MAX_PRAISED_PER_CHECK_IN } from '../../shared/api/checkIns';
import { invalidFields } from './access';
import type { UseCaseContext } from './context';
import { DomainError } from './errors';
import { giveThanks } from './givePraise';
import { peopleById } from './people';

export const pendingThanksIdFor = (checkInId: string) => `thanks:${checkInId}`;

/**
 * After a check-in is stored: thanks written with nobody chosen (or nobody the directory still
 * knows) is kept to ask about. Safe to repeat: the first call stores it, a later one (a retry, an
 * edit) finds it and, while it still waits, takes the edited words. `created` says this call stored it.
 */
export async function keepPendingThanks(ctx: UseCaseContext, checkIn: CheckIn): Promise<{ thanks: PendingThanks; created: boolean } | undefined> {
  const message = checkIn.praiseMessage.trim();
  if (checkIn.praise.length > 0 || message === '') return undefined;
  const thanks: PendingThanks = {
    id: pendingThanksIdFor(checkIn.id),
    organisationId: checkIn.organisationId,
    personId: checkIn.personId,
    checkInId: checkIn.id,
    eventId: checkIn.eventId,
    message,
    status: 'pending',
    recipientIds: [],
    createdAt: ctx.now(),
  };
  if (await ctx.repos.pendingThanks.insertOnce(checkIn, thanks)) return { thanks, created: true };
  const existing = await ctx.repos.pendingThanks.get(checkIn, thanks.id);
  if (!existing || existing.personId !== checkIn.personId) return undefined;
  if (existing.status === 'pending' && existing.message !== message) {
    await ctx.repos.pendingThanks.updateMessage(checkIn, existing.id, existing.personId, message);
    return { thanks: { ...existing, message }, created: false };
  }
  return { thanks: existing, created: false };
}

export interface PendingThanksView {
  thanks: PendingThanks;
  /** The check-in it was written in, e.g. "Check in 6 · Fri 26 Jan". */
  checkInTitle?: string;
}

/** The person's own thanks still waiting for a colleague, newest first. */
export async function listPendingThanks(ctx: UseCaseContext, person: Person): Promise<PendingThanksView[]> {
  const pending = await ctx.repos.pendingThanks.listPending(person, person.id);
  return Promise.all(pending.map((thanks) => viewOf(ctx, person, thanks)));
}

export async function viewOf(ctx: UseCaseContext, person: Person, thanks: PendingThanks): Promise<PendingThanksView> {
  const [organisation, event] = await Promise.all([ctx.repos.organisations.get(person.organisationId), ctx.repos.scheduleEvents.get(person, thanks.eventId)]);
  return { thanks, ...(event && organisation ? { checkInTitle: formatEventTitle(event, organisation.policy.timezone) } : {}) };
}

/**
 * The colleagues a thank-you may go to, by id: in the giver's organisation, not the giver, still
 * in the process. Otherwise a 422 on `recipientIds.<n>` naming whom (where the directory knows them).
 */
export async function thanksRecipients(ctx: UseCaseContext, giver: Person, ids: readonly string[]): Promise<Person[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) throw invalidFields([{ path: 'recipientIds', message: "choose who you're thanking" }]);
  if (unique.length > MAX_PRAISED_PER_CHECK_IN) throw invalidFields([{ path: 'recipientIds', message: `thank up to ${MAX_PRAISED_PER_CHECK_IN} colleagues at a time (${unique.length} chosen)` }]);
  const found = await peopleById(ctx, giver, unique);
  const errors = unique.flatMap((id, index) => {
    const person = found.get(id);
    const path = `recipientIds.${index}`;
    if (id === giver.id) return [{ path, message: 'thank colleagues, not yourself' }];
    if (!person) return [{ path, message: 'one of the colleagues chosen is not in your staff directory; remove them and choose again' }];
    if (person.status === 'excluded') return [{ path, message: `${person.displayName} is not taking part in Professional Growth at the moment, so they cannot be thanked here` }];
    return [];
  });
  if (errors.length > 0) throw invalidFields(errors);
  return unique.map((id) => found.get(id)!);
}

type Outcome = { status: 'sent'; recipients: Person[] } | { status: 'discarded' };

export interface ResolvedThanks {
  thanks: PendingThanks;
  praise: Praise[];
  recipients: Person[];
}

/** Sends the waiting thanks to these colleagues (once). */
export async function sendPendingThanks(ctx: UseCaseContext, person: Person, thanksId: string, recipientIds: readonly string[]): Promise<ResolvedThanks> {
  const thanks = await ownPendingThanks(ctx, person, thanksId);
  if (thanks.status === 'discarded') throw new DomainError('conflict', 'You discarded this thanks, so it was not sent.');
  const recipients = await thanksRecipients(ctx, person, recipientIds);
  return resolve(ctx, person, thanks, { status: 'sent', recipients });
}

/** Drops the waiting thanks: nobody is told. */
export async function discardPendingThanks(ctx: UseCaseContext, person: Person, thanksId: string): Promise<ResolvedThanks> {
  return resolve(ctx, person, await ownPendingThanks(ctx, person, thanksId), { status: 'discarded' });
}

/** The person's own thanks by id (waiting or not); null for anyone else's. */
export async function findOwnThanks(ctx: UseCaseContext, person: Person, thanksId: string): Promise<PendingThanks | null> {
  const thanks = thanksId ? await ctx.repos.pendingThanks.get(person, thanksId) : null;
  return thanks && thanks.personId === person.id ? thanks : null;
}

async function ownPendingThanks(ctx: UseCaseContext, person: Person, thanksId: string): Promise<PendingThanks> {
  const thanks = await ctx.repos.pendingThanks.get(person, thanksId);
  // Only its author sees it: anyone else is told it does not exist.
  if (!thanks || thanks.personId !== person.id) throw new DomainError('notFound', 'That thanks is not waiting any more.');
  return thanks;
}

async function resolve(ctx: UseCaseContext, person: Person, thanks: PendingThanks, outcome: Outcome): Promise<ResolvedThanks> {
  const recipientIds = outcome.status === 'sent' ? outcome.recipients.map((p) => p.id).sort() : [];
  const now = ctx.now();
  const won = await ctx.repos.decisions.take(person, 'pending-thanks', thanks.id, person.id, now, { status: outcome.status, recipientIds });
  if (!won) {
    const decided = (await ctx.repos.decisions.find(person, 'pending-thanks', thanks.id))?.details ?? {};
    const same = decided.status === outcome.status && JSON.stringify(decided.recipientIds ?? []) === JSON.stringify(recipientIds);
    if (!same) throw await alreadyResolved(ctx, person, decided);
  }
  // The winner (or a retry of the same answer) completes it; each step is safe to repeat.
  const praise = outcome.status === 'sent' ? await giveThanks(ctx, person, outcome.recipients, thanks.message, { key: thanks.checkInId, checkInId: thanks.checkInId }) : [];
  const resolvedAt = thanks.resolvedAt ?? now;
  await ctx.repos.pendingThanks.markResolved(person, thanks.id, person.id, { status: outcome.status, recipientIds, resolvedAt });
  await ctx.repos.auditLog.append(person, {
    id: `${thanks.id}:${outcome.status}`,
    organisationId: person.organisationId,
    at: now,
    actor: { kind: 'person', personId: person.id, ...(person.entraObjectId ? { entraObjectId: person.entraObjectId } : {}) },
    action: outcome.status === 'sent' ? 'pendingThanks.sent' : 'pendingThanks.discarded',
    subject: { kind: 'pending-thanks', id: thanks.id },
    details: { checkInId: thanks.checkInId, recipientIds },
  });
  return { thanks: { ...thanks, status: outcome.status, recipientIds, resolvedAt }, praise, recipients: outcome.status === 'sent' ? outcome.recipients : [] };
}

async function alreadyResolved(ctx: UseCaseContext, person: Person, decided: Record<string, unknown>): Promise<DomainError> {
  if (decided.status !== 'sent') return new DomainError('conflict', 'You discarded this thanks already, so it was not sent.');
  const ids = Array.isArray(decided.recipientIds) ? decided.recipientIds.filter((id): id is string => typeof id === 'string') : [];
  const names = [...(await peopleById(ctx, person, ids)).values()].map((p) => p.displayName);
  return new DomainError('conflict', `You already sent this thanks${names.length > 0 ? ` to ${names.join(', ')}` : ''}.`);
}
