// A person installs the app in their personal scope: keep the conversation reference so the bot
// can prompt them later, link their Teams identity to the staff directory, and say hello.
import { randomUUID } from 'node:crypto';
import type { Person } from '../../shared/domain';
import type { UseCaseContext } from './context';

export interface PersonalInstall {
  organisationId: string;
  /** Teams user id (29:...), the key of the conversation reference. */
  userId: string;
  entraObjectId?: string;
  /** From TeamsInfo.getMember, when Teams tells us. */
  email?: string;
  conversationId: string;
  serviceUrl: string;
  reference: Record<string, unknown>;
}

/**
 * Records the install and decides whether this activity sends the welcome: Teams sends both an
 * installationUpdate and a conversationUpdate for one install, possibly at the same moment, and
 * exactly one of them wins (a unique insert, see bot/data/atomic.ts). A reinstall after an
 * uninstall is a new install and is welcomed again: the person removed the app and came back.
 */
export async function recordPersonalInstall(ctx: UseCaseContext, install: PersonalInstall): Promise<{ person: Person | null; welcome: boolean }> {
  const org = { organisationId: install.organisationId };
  let person = install.entraObjectId ? await ctx.repos.people.findByEntraObjectId(org, install.entraObjectId) : null;
  if (!person && install.email) {
    person = await ctx.repos.people.findByEmail(org, install.email);
    if (person && install.entraObjectId && !person.entraObjectId) {
      await ctx.repos.people.linkEntraObjectId(org, person.id, install.entraObjectId, ctx.now());
      person = { ...person, entraObjectId: install.entraObjectId };
    }
  }
  const existing = await ctx.repos.conversationReferences.get(org, install.userId);
  const reinstalledAfter = existing?.uninstalledAt ?? existing?.reinstalledAfter;
  const at = ctx.now();
  await ctx.repos.conversationReferences.upsert(org, {
    id: existing?.id ?? randomUUID(),
    organisationId: install.organisationId,
    key: install.userId,
    scope: 'personal',
    personId: person?.id,
    entraObjectId: install.entraObjectId,
    conversationId: install.conversationId,
    serviceUrl: install.serviceUrl,
    reference: install.reference,
    installedAt: existing && !existing.uninstalledAt ? existing.installedAt : at,
    ...(reinstalledAfter ? { reinstalledAfter } : {}),
    updatedAt: at,
  });
  // Both activities of one install name it the same way, whichever reads the reference first.
  const welcome = await ctx.repos.decisions.take(org, 'welcome', `${install.userId}:${reinstalledAfter ? reinstalledAfter.toISOString() : 'first'}`, install.conversationId, at);
  // A reinstall makes someone reachable again after an uninstall or a 403 MessageWritesBlocked.
  if (person && !person.reachable) await ctx.repos.people.setReachable(org, person.id, true, undefined, at);
  await ctx.repos.auditLog.append(org, {
    id: randomUUID(),
    organisationId: install.organisationId,
    at,
    actor: { kind: 'person', personId: person?.id, entraObjectId: install.entraObjectId },
    action: 'bot.installed',
    subject: { kind: 'conversation', id: install.conversationId },
    details: { inDirectory: Boolean(person) },
  });
  return { person, welcome };
}

/** The app was removed from a personal scope: stop prompting until they reinstall. */
export async function recordPersonalUninstall(ctx: UseCaseContext, input: { organisationId: string; userId: string; entraObjectId?: string }): Promise<void> {
  const org = { organisationId: input.organisationId };
  const at = ctx.now();
  await ctx.repos.conversationReferences.markUninstalled(org, input.userId, at);
  const person = input.entraObjectId ? await ctx.repos.people.findByEntraObjectId(org, input.entraObjectId) : null;
  if (person) await ctx.repos.people.setReachable(org, person.id, false, 'uninstalled', at);
}

/** A send got 403 MessageWritesBlocked: the person blocked or removed the bot. */
export async function markUnreachable(ctx: UseCaseContext, organisationId: string, personId: string, reason: string): Promise<void> {
  await ctx.repos.people.setReachable({ organisationId }, personId, false, reason, ctx.now());
}
