// seed 004's group coaching check-ins at the Teams edge: the session card's actions, replies in
// its thread, the bot being added to a team or group chat, and the PG admin's "coaching group"
// command that maps a group to the conversation it is typed in and assigns its members.
import { TeamsInfo, TurnContext } from 'botbuilder';
import { GROUP_VERBS } from '../../../shared/verbs';
import { buildErrorCard, type AdaptiveCard } from '../../cards';
import { groupSessionViewerCard } from '../../groupSessionViews';
import { createLinks } from '../../links';
import { htmlToText } from '../../schedule/tableImport';
import { resolveAdministrator } from '../../usecases/adminAccess';
import { loadOrganisation } from '../../usecases/checkIns';
import { changeCoachingGroup, listCoachingGroups, recordConversationInstall, recordConversationUninstall, type GroupChange } from '../../usecases/coachingGroups';
import { groupSessionView, postToGroupSession, recordGroupReply } from '../../usecases/groupSessions';
import { organisationIdOf, sendText, teamsUserOf } from '../activity';
import { personOf, type ActionTurn, type PersonTurn, type Turn } from '../registry';

const GONE = 'This group check-in is no longer available.';

/** Open, refresh and post on the session card; each answers with the card this person should see. */
export async function groupSessionAction(turn: ActionTurn & PersonTurn): Promise<AdaptiveCard> {
  const { ctx } = turn.deps;
  const { person, data } = turn;
  const sessionId = typeof data.sessionId === 'string' ? data.sessionId : '';
  const tabUrl = createLinks(turn.deps.config).tab('rocks', 'group');
  if (turn.verb === GROUP_VERBS.post) {
    const result = await postToGroupSession(ctx, person, sessionId, data);
    if (!result.view) return buildErrorCard({ errorId: 'group-session-gone', message: result.kind === 'refused' ? result.message : GONE });
    const options = { refreshUserIds: result.view.session.refreshUserIds, tabUrl };
    if (result.kind === 'invalid') return groupSessionViewerCard(result.view, person.id, { ...options, values: result.values, errors: result.errors });
    if (result.kind === 'refused') return groupSessionViewerCard(result.view, person.id, { ...options, notice: result.message });
    const notice = result.outcome === 'updated' ? 'Your post is updated.' : 'Your post is in. Colleagues can reply in the thread.';
    return groupSessionViewerCard(result.view, person.id, { ...options, notice });
  }
  const organisation = await loadOrganisation(ctx, person.organisationId);
  const view = await groupSessionView(ctx, organisation, sessionId, person);
  if (!view) return buildErrorCard({ errorId: 'group-session-gone', message: GONE });
  return groupSessionViewerCard(view, person.id, { refreshUserIds: view.session.refreshUserIds, tabUrl });
}

/** The root message a channel reply (conversation "…;messageid=<root>") or a quoted group-chat reply belongs to. */
function threadRootOf(context: TurnContext): string | undefined {
  const fromConversation = /;messageid=(\d+)/.exec(context.activity.conversation?.id ?? '')?.[1];
  return fromConversation ?? context.activity.replyToId ?? undefined;
}

/** A reply in a group session's thread is stored against the session; true when it was one (the bot stays quiet). */
export async function handleThreadReply(turn: Turn): Promise<boolean> {
  const { context, deps } = turn;
  const organisationId = organisationIdOf(context);
  const root = threadRootOf(context);
  if (!organisationId || !root || !context.activity.id) return false;
  const text = htmlToText(TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '').trim();
  const outcome = await recordGroupReply(deps.ctx, { organisationId, rootActivityId: root, messageId: context.activity.id, person: () => personOf(turn), authorName: context.activity.from?.name ?? '', text });
  if (outcome === 'not-a-session') return false;
  deps.logger.debug({ outcome }, 'group session reply');
  return true;
}

/** Where a new post goes: the channel itself (not a thread in it), and no activity to reply to. */
function conversationTargetOf(context: TurnContext): { conversationId: string; reference: Record<string, unknown> } {
  const reference = JSON.parse(JSON.stringify(TurnContext.getConversationReference(context.activity))) as Record<string, unknown> & { conversation?: { id?: string } };
  const channelId = (context.activity.channelData as { channel?: { id?: string } } | undefined)?.channel?.id;
  const conversationId = channelId ?? (reference.conversation?.id ?? '').replace(/;messageid=\d+$/, '');
  delete reference.activityId;
  reference.conversation = { ...(reference.conversation ?? {}), id: conversationId };
  return { conversationId, reference };
}

function scopeOf(context: TurnContext): 'team' | 'groupChat' | undefined {
  const type = context.activity.conversation?.conversationType;
  return type === 'channel' ? 'team' : type === 'groupChat' ? 'groupChat' : undefined;
}

/** The app was added to a team or a group chat: keep where it is, for coaching groups mapped there. */
export async function recordTeamInstall(turn: Turn): Promise<void> {
  const { context, deps } = turn;
  const organisationId = organisationIdOf(context);
  const scope = scopeOf(context);
  if (!organisationId || !scope) return;
  const { conversationId, reference } = conversationTargetOf(context);
  const teamId = (context.activity.channelData as { team?: { id?: string } } | undefined)?.team?.id;
  await recordConversationInstall(deps.ctx, { organisationId, scope, conversationId, serviceUrl: context.activity.serviceUrl, teamId, reference, installedBy: { entraObjectId: context.activity.from?.aadObjectId } });
}

/** The app was removed from a team or group chat. */
export async function recordTeamUninstall(turn: Turn): Promise<void> {
  const organisationId = organisationIdOf(turn.context);
  if (!organisationId || !scopeOf(turn.context)) return;
  await recordConversationUninstall(turn.deps.ctx, { organisationId, conversationId: conversationTargetOf(turn.context).conversationId });
}

const COACHING_GROUP = /^\/?coaching[\s-]?groups?\b\s*([\s\S]*)$/i;
const GROUP_CHANGE = /^(.+?)\s+(here|add|remove|leader)\b\s*([\s\S]*)$/i;
const EMAIL = /[^\s,;<>()"']+@[^\s,;<>()"']+\.[^\s,;<>()"']+/g;

export const COACHING_GROUP_HELP = [
  '- **coaching group NAME here** — post NAME\'s group check-ins in this channel or group chat',
  '- **coaching group NAME add / remove email, email** — members; **coaching group NAME leader email** — its leader (coach)',
  '- **coaching groups** — the groups, their members and where they meet',
].join('\n');

/** Colleagues @mentioned in the command (not the bot), as email addresses from Teams' member profiles. */
async function mentionedEmails(context: TurnContext): Promise<{ emails: string[]; unknown: string[] }> {
  const botId = context.activity.recipient?.id;
  const mentioned = (context.activity.entities ?? [])
    .filter((e) => e.type === 'mention')
    .map((e) => (e as { mentioned?: { id?: string; name?: string } }).mentioned)
    .filter((m): m is { id: string; name?: string } => Boolean(m?.id) && m?.id !== botId);
  const emails: string[] = [];
  const unknown: string[] = [];
  for (const m of mentioned) {
    try {
      const member = await TeamsInfo.getMember(context, m.id);
      const email = member.email ?? member.userPrincipalName;
      if (email) emails.push(email);
      else unknown.push(m.name ?? m.id);
    } catch {
      unknown.push(m.name ?? m.id);
    }
  }
  return { emails, unknown };
}

async function changeOf(context: TurnContext, verb: string, rest: string): Promise<GroupChange | string> {
  const typed = htmlToText(rest.replace(/<at>.*?<\/at>/gi, '')).match(EMAIL) ?? [];
  const mentions = verb.toLowerCase() === 'here' ? { emails: [], unknown: [] } : await mentionedEmails(context);
  if (mentions.unknown.length > 0) return `I couldn't read the email address of ${mentions.unknown.join(', ')} from Teams; type their email addresses instead.`;
  const emails = [...new Set([...typed, ...mentions.emails].map((e) => e.toLowerCase()))];
  switch (verb.toLowerCase()) {
    case 'here': {
      const scope = scopeOf(context);
      if (!scope) return 'Say this in the team channel or group chat where the group meets.';
      const { conversationId, reference } = conversationTargetOf(context);
      const teamId = (context.activity.channelData as { team?: { id?: string } } | undefined)?.team?.id;
      return { kind: 'here', conversation: { scope, conversationId, serviceUrl: context.activity.serviceUrl, reference, ...(teamId ? { teamId } : {}) } };
    }
    case 'leader':
      return emails.length === 1 ? { kind: 'leader', email: emails[0]! } : 'Name the leader once, by @mention or email address, e.g. "coaching group Year 5/6 leader sam@school.org".';
    default:
      return emails.length > 0 ? { kind: verb.toLowerCase() as 'add' | 'remove', emails } : 'List the members after it: @mention them, or give their email addresses separated by commas.';
  }
}

/** "coaching group …" in a channel or group chat, from a PG administrator. Returns true when handled. */
export async function handleCoachingGroupCommand(turn: Turn): Promise<boolean> {
  const { context, deps } = turn;
  const text = htmlToText(TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '').replace(/<at>.*?<\/at>/gi, '').trim();
  const command = COACHING_GROUP.exec(text);
  if (!command) return false;
  const who = await resolveAdministrator(deps.ctx, teamsUserOf(context), { subject: 'directory', action: 'write' });
  if (who.kind === 'refused') {
    await sendText(context, who.message);
    return true;
  }
  const args = (command[1] ?? '').trim();
  const parsed = GROUP_CHANGE.exec(args);
  if (!parsed) {
    const groups = await listCoachingGroups(deps.ctx, who.actor);
    const lines = groups.map((g) => `- **${g.name}**: ${g.members} member${g.members === 1 ? '' : 's'}${g.leader ? `, led by ${g.leader}` : ''}, ${g.where ? `meets in a ${g.where === 'team' ? 'channel' : 'group chat'}` : 'no channel or chat yet'}`);
    await sendText(context, [groups.length > 0 ? '**Coaching groups**' : 'No coaching groups yet.', ...lines, '', COACHING_GROUP_HELP].join('\n'), true);
    return true;
  }
  const change = await changeOf(context, parsed[2]!, parsed[3] ?? '');
  if (typeof change === 'string') {
    await sendText(context, change);
    return true;
  }
  const result = await changeCoachingGroup(deps.ctx, who.actor, parsed[1]!, change);
  await sendText(context, result.message);
  return true;
}

/** With the resource-specific ChannelMessage.Read.Group permission every channel message arrives; the bot answers only when @mentioned. */
export function mentionsBot(context: TurnContext): boolean {
  const botId = context.activity.recipient?.id;
  return (context.activity.entities ?? []).some((e) => e.type === 'mention' && (e as { mentioned?: { id?: string } }).mentioned?.id === botId);
}
