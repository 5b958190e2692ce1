// Setting up coaching groups (seed 004 §8, "within teams"): the bot learns a team's channel or a
// group chat when it is installed there; a PG administrator names the group, maps it to the
// conversation it is in ("coaching group Year 5/6 here"), and assigns its members and leader.
// Every change is audited.
import { randomUUID } from 'node:crypto';
import type { CoachingGroup, GroupConversation, Person } from '../../shared/domain';
import { audit, scopeOf, type Actor } from './access';
import type { UseCaseContext } from './context';

export interface ConversationInstall {
  organisationId: string;
  scope: 'team' | 'groupChat';
  conversationId: string;
  serviceUrl: string;
  teamId?: string;
  reference: Record<string, unknown>;
  installedBy?: { entraObjectId?: string };
}

/** The app was added to a team or a group chat: keep the conversation for group sessions later. Idempotent. */
export async function recordConversationInstall(ctx: UseCaseContext, install: ConversationInstall): Promise<void> {
  const org = { organisationId: install.organisationId };
  const key = install.conversationId;
  const existing = await ctx.repos.conversationReferences.get(org, key);
  const at = ctx.now();
  await ctx.repos.conversationReferences.upsert(org, {
    id: existing?.id ?? randomUUID(),
    organisationId: install.organisationId,
    key,
    scope: install.scope,
    conversationId: install.conversationId,
    serviceUrl: install.serviceUrl,
    reference: install.reference,
    installedAt: existing && !existing.uninstalledAt ? existing.installedAt : at,
    updatedAt: at,
  });
  if (!existing) {
    await ctx.repos.auditLog.append(org, {
      id: randomUUID(),
      organisationId: install.organisationId,
      at,
      actor: { kind: 'person', entraObjectId: install.installedBy?.entraObjectId },
      action: 'bot.installed',
      subject: { kind: 'conversation', id: install.conversationId },
      details: { scope: install.scope },
    });
  }
}

/** The app was removed from a team or group chat: keep the record (audit) but post nothing there. */
export async function recordConversationUninstall(ctx: UseCaseContext, input: { organisationId: string; conversationId: string }): Promise<void> {
  await ctx.repos.conversationReferences.markUninstalled({ organisationId: input.organisationId }, input.conversationId, ctx.now());
}

export function groupNameKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

export type GroupChange =
  | { kind: 'here'; conversation: GroupConversation }
  | { kind: 'add'; emails: string[] }
  | { kind: 'remove'; emails: string[] }
  | { kind: 'leader'; email: string };

export type GroupChangeResult = { kind: 'ok'; group: CoachingGroup; message: string } | { kind: 'problem'; message: string };

async function findOrCreate(ctx: UseCaseContext, actor: Actor, name: string): Promise<{ group: CoachingGroup; created: boolean }> {
  const org = scopeOf(actor);
  const nameKey = groupNameKey(name);
  const found = await ctx.repos.coachingGroups.findByName(org, nameKey);
  if (found) return { group: found, created: false };
  const now = ctx.now();
  const fresh: CoachingGroup = { id: randomUUID(), organisationId: actor.organisation.id, name: name.trim().replace(/\s+/g, ' '), nameKey, memberIds: [], createdAt: now, updatedAt: now };
  // Two admins at once: the unique name index keeps one; the other reads it.
  const created = await ctx.repos.coachingGroups.create(org, fresh);
  return { group: created ? fresh : ((await ctx.repos.coachingGroups.findByName(org, nameKey)) ?? fresh), created };
}

async function peopleByEmail(ctx: UseCaseContext, actor: Actor, emails: readonly string[]): Promise<{ found: Person[]; unknown: string[] }> {
  const found: Person[] = [];
  const unknown: string[] = [];
  for (const email of emails) {
    const person = await ctx.repos.people.findByEmail(scopeOf(actor), email.toLowerCase());
    if (person) found.push(person);
    else unknown.push(email);
  }
  return { found, unknown };
}

/** An admin's change to a group; the group is created by its first change. */
export async function changeCoachingGroup(ctx: UseCaseContext, actor: Actor, name: string, change: GroupChange): Promise<GroupChangeResult> {
  if (!name.trim() || name.length > 100) return { kind: 'problem', message: 'Name the group (up to 100 characters), e.g. "coaching group Year 5/6 add sam@school.org".' };
  const { group, created } = await findOrCreate(ctx, actor, name);
  let next: CoachingGroup = { ...group, updatedAt: ctx.now() };
  let message: string;
  if (change.kind === 'here') {
    next.conversation = change.conversation;
    message = `${group.name}'s group check-ins will be posted here.`;
  } else if (change.kind === 'leader') {
    const { found, unknown } = await peopleByEmail(ctx, actor, [change.email]);
    if (!found[0]) return { kind: 'problem', message: `${unknown[0]} is not in the staff directory.` };
    next.leaderId = found[0].id;
    message = `${found[0].displayName} now leads ${group.name}.`;
  } else {
    const { found, unknown } = await peopleByEmail(ctx, actor, change.emails);
    if (unknown.length > 0) return { kind: 'problem', message: `Not in the staff directory: ${unknown.join(', ')}. Nothing was changed.` };
    const ids = new Set(group.memberIds);
    for (const p of found) {
      if (change.kind === 'add') ids.add(p.id);
      else ids.delete(p.id);
    }
    next = { ...next, memberIds: [...ids] };
    message = `${group.name}: ${change.kind === 'add' ? 'added' : 'removed'} ${found.map((p) => p.displayName).join(', ')}; ${ids.size} member${ids.size === 1 ? '' : 's'}.`;
  }
  await ctx.repos.coachingGroups.save(scopeOf(actor), next);
  await audit(ctx, actor, `coachingGroup.${change.kind}`, { kind: 'coaching-group', id: group.id }, {
    created,
    ...(change.kind === 'here' ? { conversationId: change.conversation.conversationId, scope: change.conversation.scope } : change.kind === 'leader' ? { leaderId: next.leaderId } : { memberIds: next.memberIds }),
  });
  return { kind: 'ok', group: next, message };
}

export interface GroupSummary {
  name: string;
  members: number;
  leader?: string;
  where?: 'team' | 'groupChat';
}

/** The organisation's groups, for the admin channel. */
export async function listCoachingGroups(ctx: UseCaseContext, actor: Actor): Promise<GroupSummary[]> {
  const groups = await ctx.repos.coachingGroups.list(scopeOf(actor));
  const leaders = await ctx.repos.people.getMany(scopeOf(actor), groups.map((g) => g.leaderId).filter((id): id is string => Boolean(id)));
  const names = new Map(leaders.map((p) => [p.id, p.displayName]));
  return groups.map((g) => ({ name: g.name, members: g.memberIds.length, leader: g.leaderId ? names.get(g.leaderId) : undefined, where: g.conversation?.scope }));
}
