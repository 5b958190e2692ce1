// Who may administer, and where: an organisation's PG administrators (Organisation.adminObjectIds,
// or Person.roles 'pg-admin' in the staff directory) in its admin channel.
import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Organisation, Person } from '../../shared/domain';
import type { Actor } from '../usecases/access';
import { audit } from '../usecases/access';
import type { UseCaseContext } from '../usecases/context';

export interface ChannelPlace {
  teamId: string;
  channelId: string;
}

export type AdminResolution =
  | { kind: 'admin'; actor: Actor; place?: ChannelPlace }
  | { kind: 'refused'; message: string };

export function organisationIdOf(context: TurnContext): string | undefined {
  const activity = context.activity;
  return activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
}

/** The team and channel a channel activity came from (channelData.team.id / channel.id). */
export function placeOf(context: TurnContext): ChannelPlace | undefined {
  const data = context.activity.channelData as { team?: { id?: string }; channel?: { id?: string } } | undefined;
  const teamId = data?.team?.id;
  const channelId = data?.channel?.id ?? teamId;
  return teamId && channelId ? { teamId, channelId } : undefined;
}

export function isPgAdmin(organisation: Organisation, person: Person | null, entraObjectId: string | undefined): boolean {
  if (entraObjectId && organisation.adminObjectIds.includes(entraObjectId)) return true;
  if (person?.entraObjectId && organisation.adminObjectIds.includes(person.entraObjectId)) return true;
  return person !== null && person.status !== 'excluded' && person.roles.includes('pg-admin');
}

/** The directory entry behind the Teams user: by object id, else by the email Teams reports. */
async function personOf(ctx: UseCaseContext, context: TurnContext, organisationId: string): Promise<Person | null> {
  const org = { organisationId };
  const oid = context.activity.from?.aadObjectId;
  if (oid) {
    const person = await ctx.repos.people.findByEntraObjectId(org, oid);
    if (person) return person;
  }
  try {
    const member = await TeamsInfo.getMember(context, context.activity.from.id);
    const email = member.email ?? member.userPrincipalName;
    return email ? await ctx.repos.people.findByEmail(org, email) : null;
  } catch {
    return null;
  }
}

async function adminNames(ctx: UseCaseContext, organisation: Organisation): Promise<string[]> {
  const names: string[] = [];
  for (let page = 1; page <= 20 && names.length < 3; page += 1) {
    const batch = await ctx.repos.people.list({ organisationId: organisation.id }, { page, pageSize: 200 });
    for (const p of batch.items) if (p.roles.includes('pg-admin') && p.status !== 'excluded') names.push(p.displayName);
    if (!batch.hasMore) break;
  }
  return names.slice(0, 3);
}

/** Resolves the caller as an administrator of their organisation, or the polite refusal to give them. */
export async function resolveAdmin(ctx: UseCaseContext, context: TurnContext): Promise<AdminResolution> {
  const organisationId = organisationIdOf(context);
  const organisation = organisationId ? await ctx.repos.organisations.get(organisationId) : null;
  if (!organisation) return { kind: 'refused', message: "Your organisation hasn't been set up for Professional Growth yet, so there is nothing to administer here." };
  const person = await personOf(ctx, context, organisation.id);
  if (!person || !isPgAdmin(organisation, person, context.activity.from?.aadObjectId)) {
    const names = await adminNames(ctx, organisation);
    const who = names.length > 0 ? ` If something needs changing, ${names.join(', ')} can help.` : '';
    const name = context.activity.from?.name ? `, ${context.activity.from.name.split(' ')[0]}` : '';
    return { kind: 'refused', message: `Sorry${name} — only PG administrators can change the schedule, import staff or see completion figures.${who}` };
  }
  return { kind: 'admin', actor: { person, organisation }, place: placeOf(context) };
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
  const updated = await ctx.repos.organisations.upsert({ ...organisation, adminChannel: place, updatedAt: ctx.now() });
  await audit(ctx, { ...actor, organisation: updated }, 'organisation.adminChannelSet', { kind: 'organisation', id: organisation.id }, { from: current ?? null, to: place });
  actor.organisation = updated;
  return {
    kind: 'ok',
    organisation: updated,
    notice: `This channel is now the PG admin channel: schedule changes and imports are announced here${current ? ' (it was another channel before)' : ''}.`,
  };
}
