// bot-message: a line of text, or the reviewer's copy of a check-in (whose activity id is kept
// so the card can be updated when the check-in is acknowledged or answered).
import { adaptiveCardAttachment, type OutgoingActivity } from '../../delivery/messenger';
import { reviewerCard } from '../../notifications/checkInCards';
import { checkInById, rememberReviewerCard } from '../../usecases/checkInCards';
import { personalChat, recipient } from '../../usecases/prompts';
import { growthCard } from '../../notifications/growthCards';
import { loadOrganisation } from '../../usecases/checkIns';
import { handoverCardFor } from '../../usecases/handoverCards';
import { retryWhileDatabaseDown } from '../databaseWait';
import { sendToChat } from './deliver';
import type { JobHandler, JobServices } from './types';
import type { BotMessage } from '../../../shared/domain';
import { formatEventDate } from '../../../shared/policy';
import type { AdaptiveCard } from '../../cards/adaptiveCard';
import { buildRockDeadlineCard, buildRockNoticeCard } from '../../cards/rockNoticeCard';
import { rockNoticeFacts } from '../../usecases/rocks';
import { rockDeadlineNotice } from '../../usecases/rockDeadlines';
import { yearReviewMessageCard } from '../../notifications/yearReviewCards';
import { isTalentMessage, talentMessageCard } from '../../notifications/talentCards';

export const sendBotMessage: JobHandler<'bot-message'> = async (services, run) => {
  const { ctx, links } = services;
  const { job, payload } = run;
  const org = { organisationId: job.organisationId };
  const [person, chat] = await Promise.all([recipient(ctx, org, payload.recipientPersonId), personalChat(ctx, job.organisationId, payload.recipientPersonId)]);
  if (!person) return { kind: 'skipped', reason: 'recipient left the directory' };
  if (!person.reachable) return { kind: 'skipped', reason: 'unreachable' };
  if (!chat) return { kind: 'skipped', reason: 'app not installed' };
  const { message } = payload;
  let activity: OutgoingActivity;
  if (message.kind === 'text') {
    activity = { type: 'message', text: message.text };
  } else if (message.kind === 'growth-card') {
    const organisation = await loadOrganisation(ctx, job.organisationId);
    const card = await growthCard(ctx, organisation, person, message.card, { tabUrl: links.tab('rocks'), checkInId: message.checkInId });
    activity = { type: 'message', attachments: [adaptiveCardAttachment(card)] };
  } else if (message.kind === 'rock' || message.kind === 'rock-deadline') {
    const card = message.kind === 'rock' ? await rockCard(services, job.organisationId, payload.recipientPersonId, message) : await deadlineCard(services, job.organisationId, payload.recipientPersonId, message);
    if ('skip' in card) return { kind: 'skipped', reason: card.skip };
    activity = { type: 'message', attachments: [adaptiveCardAttachment(card)] };
  } else if (message.kind === 'handover-card') {
    const card = await handoverCardFor(ctx, { person, organisationId: job.organisationId }, message.personId, message.handoverId);
    if (!card) return { kind: 'skipped', reason: 'handover gone or done' };
    activity = { type: 'message', attachments: [adaptiveCardAttachment(card)] };
  } else if (message.kind === 'year-review' || message.kind === 'support-plan' || message.kind === 'feedback-request') {
    const card = await yearReviewMessageCard(services, await loadOrganisation(ctx, job.organisationId), person, message);
    if ('skip' in card) return { kind: 'skipped', reason: card.skip };
    activity = { type: 'message', attachments: [adaptiveCardAttachment(card)] };
  } else if (isTalentMessage(message)) {
    const card = await talentMessageCard(services, await loadOrganisation(ctx, job.organisationId), person, message);
    if ('skip' in card) return { kind: 'skipped', reason: card.skip };
    activity = { type: 'message', attachments: [adaptiveCardAttachment(card)] };
  } else {
    const checkIn = await checkInById(ctx, org, message.checkInId);
    if (!checkIn) return { kind: 'skipped', reason: 'check-in gone' };
    const card = await reviewerCard(ctx, checkIn, { tabUrl: (sub) => links.tab('team', sub), reviewerTeamsUserId: chat.key });
    if (!card) return { kind: 'skipped', reason: 'check-in event or person gone' };
    activity = { type: 'message', attachments: [adaptiveCardAttachment(card)] };
  }
  const outcome = await sendToChat(services, run, person, chat, activity);
  if (outcome.kind === 'sent' && message.kind === 'reviewer-card' && outcome.activityId) {
    // Sent already: a database outage here must not make the job run (and send) again.
    const remember = () => rememberReviewerCard(ctx, org, message.checkInId, { conversationId: chat.conversationId, activityId: outcome.activityId! });
    await retryWhileDatabaseDown(remember, { logger: ctx.logger, maxWaitMs: 60_000, what: 'remember reviewer card' }).catch((err: unknown) =>
      ctx.logger.warn({ err, jobId: job.id }, 'the reviewer card was sent, but where it is could not be stored: its acknowledgement will not update it in place'),
    );
  }
  return outcome;
};

type RockMessage = Extract<BotMessage, { kind: 'rock' }>;
type DeadlineMessage = Extract<BotMessage, { kind: 'rock-deadline' }>;

async function rockCard(services: JobServices, organisationId: string, recipientId: string, message: RockMessage): Promise<AdaptiveCard | { skip: string }> {
  const facts = await rockNoticeFacts(services.ctx, organisationId, message.rockId);
  if (!facts) return { skip: 'rock or its owner gone' };
  const { organisation, rock, owner } = facts;
  const toOwner = owner.id === recipientId;
  const policy = organisation.policy;
  return buildRockNoticeCard({
    rock,
    change: message.change,
    byName: message.byName,
    ownerName: owner.displayName,
    toOwner,
    vocabulary: policy.vocabulary,
    slots: policy.rocks.slots,
    windowLabel: facts.windowLabel,
    tabUrl: services.links.tab(toOwner ? 'rocks' : 'team', `rock:${rock.id}`),
  });
}

async function deadlineCard(services: JobServices, organisationId: string, recipientId: string, message: DeadlineMessage): Promise<AdaptiveCard | { skip: string }> {
  const notice = await rockDeadlineNotice(services.ctx, organisationId, message);
  if ('skip' in notice) return notice;
  const { organisation, deadline, subject } = notice;
  const toSubject = recipientId === subject.id;
  return buildRockDeadlineCard({
    stage: message.stage,
    aboutName: toSubject ? undefined : subject.displayName,
    windowLabel: deadline.window.label,
    setByText: formatEventDate(deadline.setBy, organisation.policy.timezone),
    agreed: notice.agreed,
    required: notice.required,
    ...(notice.eventTitle ? { eventTitle: notice.eventTitle } : {}),
    vocabulary: organisation.policy.vocabulary,
    tabUrl: toSubject ? services.links.tab('rocks', 'rocks') : services.links.tab('team', 'team'),
  });
}
