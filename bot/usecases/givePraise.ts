// "praise @name for …" from the bot chat (seed 001: a great Friday feel-good factor). Names are
// resolved against the staff directory; an ambiguous name asks which colleague, an unknown one
// says so. Praise is public to the recipient and tells them nothing else.
import type { Person, Praise } from '../../shared/domain';
import { praiseSchema } from '../../shared/domain';
import { notifyPraise } from '../notifications/notify';
import { praiseMessageProblem } from '../cards/praiseCards';
import { invalidFields, type Actor } from './access';
import { crashPoint } from './crashPoints';
import { DomainError } from './errors';
import { thanksRecipients } from './pendingThanks';
import type { UseCaseContext } from './context';

export interface PraiseRequest {
  /** The name as typed, without a leading @. */
  name: string;
  message: string;
}

/** Reads "praise @Sam Smith for the trip" (or "praise Sam: thanks!") into a name and a message. */
export function parsePraiseCommand(args: string): PraiseRequest | { problem: string } {
  const text = args.trim();
  const match = /^@?(.+?)\s+(?:for|:|-|—)\s*(.+)$/is.exec(text) ?? /^@?(.+?):\s*(.+)$/s.exec(text);
  if (!match) return { problem: 'Say who and what for, like: praise @Sam Smith for running the Year 9 trip.' };
  return { name: match[1]!.replace(/<\/?at>/g, '').trim(), message: match[2]!.trim() };
}

export type ResolveResult = { kind: 'one'; person: Person } | { kind: 'many'; people: Person[] } | { kind: 'none' };

/** A colleague by name: an exact (case-insensitive) name wins; otherwise the directory's matches. */
export async function resolveColleague(ctx: UseCaseContext, giver: Person, name: string): Promise<ResolveResult> {
  const candidates = (await ctx.repos.people.search(giver, name, 10)).filter((p) => p.id !== giver.id && p.status !== 'excluded');
  const exact = candidates.filter((p) => p.displayName.toLowerCase() === name.toLowerCase() || p.email === name.toLowerCase());
  if (exact.length === 1) return { kind: 'one', person: exact[0]! };
  if (candidates.length === 1) return { kind: 'one', person: candidates[0]! };
  if (candidates.length === 0) return { kind: 'none' };
  return { kind: 'many', people: exact.length > 1 ? exact : candidates };
}

/**
 * Stores the praise and notifies the recipient. `requestId` (the Teams activity id, or the id a
 * card carries back) is the giver's retry key: a retried message stores and notifies once. It is
 * never part of the stored id, so an id a colleague used is a new thank-you, not theirs.
 */
export async function givePraise(ctx: UseCaseContext, giver: Person, recipient: Person, message: string, requestId: string): Promise<Praise> {
  const claimed = await ctx.repos.decisions.claimId(giver, 'praise-chat', giver.id, requestId, ctx.now());
  const [praise] = await giveThanks(ctx, giver, [recipient], message, { key: `chat:${claimed.id}` });
  return praise!;
}

/** How long after a thank-you was stored a retry of it still completes what it may have left undone. */
const RETRY_COMPLETES_WITHIN_MS = 24 * 3_600_000;

/**
 * One thank-you to one or more colleagues: a Praise document each, with the id `<key>:<recipient>`
 * so a retry (the same key) stores, notifies and audits nothing twice; `checkInId` when it came
 * from a check-in (never shown to the recipient). Returns the praise as stored (a retry's first copy).
 */
export async function giveThanks(ctx: UseCaseContext, giver: Person, recipients: readonly Person[], message: string, source: { key: string; checkInId?: string }): Promise<Praise[]> {
  const now = ctx.now();
  const wanted = recipients.map((recipient) =>
    praiseSchema.parse({
      id: `${source.key}:${recipient.id}`,
      organisationId: giver.organisationId,
      fromPersonId: giver.id,
      toPersonId: recipient.id,
      message,
      ...(source.checkInId ? { checkInId: source.checkInId } : {}),
      createdAt: now,
    }),
  );
  const stored = await ctx.repos.praise.getMany(giver, wanted.map((p) => p.id));
  const before = new Set(stored.map((p) => p.id));
  const fresh = wanted.filter((p) => !before.has(p.id));
  await ctx.repos.praise.insert(giver, fresh);
  crashPoint('praise.stored');
  // Told and audited for what this call stored, and — a retry soon after a failure between storing
  // and telling (kill -9, the database going away) — for what an earlier call stored: the jobs'
  // idempotency keys and the entries' ids make a repeat add nothing (jobs are kept a fortnight).
  const unfinished = stored.filter((p) => now.getTime() - p.createdAt.getTime() < RETRY_COMPLETES_WITHIN_MS);
  const toTell = [...fresh, ...unfinished];
  if (toTell.length > 0) await notifyPraise(ctx, { praise: toTell, giverName: giver.displayName });
  for (const praise of toTell) {
    await ctx.repos.auditLog.append(giver, {
      id: `praise.given:${praise.id}`,
      organisationId: giver.organisationId,
      at: now,
      actor: { kind: 'person', personId: giver.id, ...(giver.entraObjectId ? { entraObjectId: giver.entraObjectId } : {}) },
      action: 'praise.given',
      subject: { kind: 'praise', id: praise.id },
      details: { toPersonId: praise.toPersonId },
    });
  }
  return ctx.repos.praise.getMany(giver, wanted.map((p) => p.id));
}

/**
 * A thank-you given in the tab: to colleagues picked from the directory (not oneself, nobody
 * excluded: 422 on `recipientIds.<n>` otherwise). The client's id is an idempotency key of the
 * giver's (issue 16: never the stored id): a retry is the same thank-you (`created: false`); the
 * same key with other words or colleagues is a conflict; anyone else's key is a new thank-you.
 */
export async function givePraiseFromTab(ctx: UseCaseContext, actor: Actor, request: { id: string; recipientIds: string[]; message: string }): Promise<{ praise: Praise[]; recipients: Person[]; created: boolean }> {
  const giver = actor.person;
  const problem = praiseMessageProblem(request.message);
  if (problem) throw invalidFields([{ path: 'message', message: problem }]);
  const recipients = await thanksRecipients(ctx, giver, request.recipientIds);
  const recipientIds = recipients.map((p) => p.id).sort();
  const message = request.message.trim();
  const claimed = await ctx.repos.decisions.claimId(giver, 'praise', giver.id, request.id, ctx.now(), { recipientIds, message });
  if (!claimed.first) {
    const decided = claimed.details ?? {};
    if (decided.message !== message || JSON.stringify(decided.recipientIds) !== JSON.stringify(recipientIds)) {
      throw new DomainError('conflict', 'That thank-you was already sent with other words or colleagues. Nothing new was sent.');
    }
  }
  const praise = await giveThanks(ctx, giver, recipients, message, { key: `tab:${claimed.id}` });
  return { praise, recipients, created: claimed.first };
}
