// Reading what Teams sent and shaping what the bot answers: the Bot Framework protocol details
// (tenant, channel, files, mentions, card attachments and invoke responses) in one place.
import { CardFactory, TeamsInfo, TurnContext, type AdaptiveCardInvokeResponse } from 'botbuilder';
import type { PostedFile } from '../admin/fileDownload';
import type { AdaptiveCard } from '../cards';
import type { AdminCard } from '../cards/admin';
import type { ChannelPlace } from '../usecases/adminAccess';
import type { RosterMember } from '../usecases/directoryImport';
import type { TeamsUser } from '../usecases/people';

const CARD_RESPONSE_TYPE = 'application/vnd.microsoft.card.adaptive';
const TEAMS_FILE_DOWNLOAD = 'application/vnd.microsoft.teams.file.download.info';

export function organisationIdOf(context: TurnContext): string | undefined {
  const activity = context.activity;
  return activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
}

/** The sender as the use cases know a Teams user; their email is read from Teams only if needed. */
export function teamsUserOf(context: TurnContext): TeamsUser {
  const from = context.activity.from;
  return {
    organisationId: organisationIdOf(context),
    entraObjectId: from?.aadObjectId,
    name: from?.name,
    email: async () => {
      const member = await TeamsInfo.getMember(context, from.id);
      return member.email ?? member.userPrincipalName ?? undefined;
    },
  };
}

export function isPersonalChat(context: TurnContext): boolean {
  return context.activity.conversation?.conversationType === 'personal';
}

/** In a channel the text starts with "<at>Bot</at>"; commands are matched without it. */
export function messageText(context: TurnContext): string {
  return TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
}

/** The team and channel a channel activity came from (channelData.team.id / channel.id). */
export function placeOf(context: TurnContext): ChannelPlace | undefined {
  const data = context.activity.channelData as { team?: { id?: string }; channel?: { id?: string } } | undefined;
  const teamId = data?.team?.id;
  const channelId = data?.channel?.id ?? teamId;
  return teamId && channelId ? { teamId, channelId } : undefined;
}

/** The first file attached to the message (Teams file, or a plain CSV attachment). */
export function postedFile(context: TurnContext): PostedFile | undefined {
  for (const attachment of context.activity.attachments ?? []) {
    if (attachment.contentType === TEAMS_FILE_DOWNLOAD) {
      const content = attachment.content as { downloadUrl?: string; fileType?: string } | undefined;
      if (content?.downloadUrl) return { name: attachment.name ?? 'file', url: content.downloadUrl, fileType: (content.fileType ?? '').toLowerCase() };
    } else if (/^text\/csv|^application\/csv/i.test(attachment.contentType) && attachment.contentUrl) {
      return { name: attachment.name ?? 'file.csv', url: attachment.contentUrl, fileType: 'csv' };
    }
  }
  return undefined;
}

/** Every member of the team the activity came from (Bot Connector paged members). */
export async function teamRoster(context: TurnContext): Promise<RosterMember[]> {
  const members: RosterMember[] = [];
  let token: string | undefined;
  do {
    const page = await TeamsInfo.getPagedMembers(context, 500, token);
    members.push(...page.members);
    token = page.continuationToken || undefined;
  } while (token);
  return members;
}

/** The stored form of the conversation, for proactive messages later. */
export function conversationReferenceOf(context: TurnContext): Record<string, unknown> {
  return JSON.parse(JSON.stringify(TurnContext.getConversationReference(context.activity))) as Record<string, unknown>;
}

export function cardActivity(card: AdaptiveCard | AdminCard) {
  return { attachments: [CardFactory.adaptiveCard(card)] };
}

/** Universal Actions: the card the user should now see, as Teams expects it (DESIGN.md, platform facts). */
export function cardResponse(card: AdaptiveCard | AdminCard): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: CARD_RESPONSE_TYPE, value: card as unknown as Record<string, unknown> };
}

export async function sendText(context: TurnContext, text: string, markdown = false): Promise<void> {
  await context.sendActivity(markdown ? { text, textFormat: 'markdown' } : text);
}

export async function sendCard(context: TurnContext, card: AdaptiveCard | AdminCard): Promise<void> {
  await context.sendActivity(cardActivity(card));
}
