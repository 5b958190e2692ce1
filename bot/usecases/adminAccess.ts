// Who may administer, and where: an organisation's PG administrators (the access table's
// 'pg-admin' role) in its admin channel. The Teams edge says who is asking and from which channel.
import type { Organisation } from '../../shared/domain';
import { audit, isPgAdmin, permittedRole, type AccessAction, type AccessSubject, type Actor } from './access';
import type { UseCaseContext } from './context';
import { identifyPerson, type TeamsUser } from './people';

export interface ChannelPlace {
  teamId: string;
  channelId: string;
}

export type AdminResolution = { kind: 'admin'; actor: Actor } | { kind: 'refused'; message: string };

async function adminNames(ctx: UseCaseContext, organisation: Organisation): Promise<string[]> {
  const names: string[] = [];
  for (let page = 1; page <= 20 && names.length < 3; page += 1) {
    const batch = await ctx.repos.people.list({ organisationId: organisation.id }, { page, pageSize: 200 });
    for (const p of batch.items) if (isPgAdmin(organisation, p)) names.push(p.displayName);
    if (!batch.hasMore) break;
  }
  return names.slice(0, 3);
}

/** What an admin command or card action does, in the access table's terms. */
export interface AdminIntent {
  subject: AccessSubject;
  action: AccessAction;
}

/** Choosing the admin channel; also the gate for anything not more specific (help). */
export const ADMINISTER: AdminIntent = { subject: 'admin-channel', action: 'write' };

/**
 * Resolves the caller as someone the access table lets do `intent`, or the polite refusal to give
 * them. The object id Teams reports counts for a directory entry found by email and not yet linked.
 */
export async function resolveAdministrator(ctx: UseCaseContext, user: TeamsUser, intent: AdminIntent = ADMINISTER): Promise<AdminResolution> {
  const organisation = user.organisationId ? await ctx.repos.organisations.get(user.organisationId) : null;
  if (!organisation) return { kind: 'refused', message: "Your organisation hasn't been set up for Professional Growth yet, so there is nothing to administer here." };
  const person = await identifyPerson(ctx, { ...user, organisationId: organisation.id }, { link: false });
  const asTeamsSees = person && !person.entraObjectId && user.entraObjectId ? { ...person, entraObjectId: user.entraObjectId } : person;
  if (!person || !asTeamsSees || !permittedRole({ person: asTeamsSees, organisation }, intent.subject, intent.action)) {
    const names = await adminNames(ctx, organisation);
    const who = names.length > 0 ? ` If something needs changing, ${names.join(', ')} can help.` : '';
    const name = user.name ? `, ${user.name.split(' ')[0]}` : '';
    return { kind: 'refused', message: `Sorry${name} — only PG administrators can change the schedule, import staff or see completion figures.${who}` };
  }
  return { kind: 'admin', actor: { person, organisation } };
}

export type ChannelDecision = { kind: 'ok'; organisation: Organisation; notice?: string } | { kind: 'elsewhere'; message: string };

/**
 * Admin commands are answered in one channel per organisation. The first admin command in a
 * channel claims it when none is set; "admin channel here" moves it deliberately.
 */
export async function checkAdminChannel(ctx: UseCaseContext, actor: Actor, place: ChannelPlace | undefined, claim: boolean): Promise<ChannelDecision> {
  const organisation = actor.organisation;
  if (!place) return { kind: 'elsewhere', message: 'Admin commands work in a channel of a team the app is installed in. @mention me there.' };
  const current = organisation.adminChannel;
  const here = current?.teamId === place.teamId && current.channelId === place.channelId;
  if (here && !claim) return { kind: 'ok', organisation };
  if (current && !here && !claim) {
    return { kind: 'elsewhere', message: 'Admin commands are answered in the PG admin channel, so everyone there sees what changed. To use this channel instead, say "@Professional Growth admin channel here".' };
  }
  if (here) return { kind: 'ok', organisation, notice: 'This is already the PG admin channel.' };
  const updated = (await ctx.repos.organisations.setAdminChannel(organisation.id, place, ctx.now())) ?? { ...organisation, adminChannel: place };
  await audit(ctx, { ...actor, organisation: updated }, 'organisation.adminChannelSet', { kind: 'organisation', id: organisation.id }, { from: current ?? null, to: place });
  actor.organisation = updated;
  return {
    kind: 'ok',
    organisation: updated,
    notice: `This channel is now the PG admin channel: schedule changes and imports are announced here${current ? ' (it was another channel before)' : ''}.`,
  };
}
