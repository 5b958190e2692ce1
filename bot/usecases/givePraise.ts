// "praise @name for …" from the bot chat (seed 001: a great Friday feel-good factor). Names are
// resolved against the staff directory; an ambiguous name asks which colleague, an unknown one
// says so. Praise is public to the recipient and tells them nothing else.
import { randomUUID } from 'node:crypto';
import type { Person, Praise } from '../../shared/domain';
import { praiseSchema } from '../../shared/domain';
import { notifyPraise } from '../notifications/notify';
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
 * Stores the praise and notifies the recipient. `requestId` (the Teams activity id) makes a
 * retried message store and notify once.
 */
export async function givePraise(ctx: UseCaseContext, giver: Person, recipient: Person, message: string, requestId: string): Promise<Praise> {
  const praise = praiseSchema.parse({
    id: `chat:${requestId}:${recipient.id}`,
    organisationId: giver.organisationId,
    fromPersonId: giver.id,
    toPersonId: recipient.id,
    message,
    createdAt: ctx.now(),
  });
  const inserted = await ctx.repos.praise.insert(giver, [praise]);
  if (inserted > 0) {
    await notifyPraise(ctx, { praise: [praise], giverName: giver.displayName });
    await ctx.repos.auditLog.append(giver, {
      id: randomUUID(),
      organisationId: giver.organisationId,
      at: ctx.now(),
      actor: { kind: 'person', personId: giver.id },
      action: 'praise.given',
      subject: { kind: 'praise', id: praise.id },
      details: { toPersonId: recipient.id },
    });
  }
  return praise;
}
