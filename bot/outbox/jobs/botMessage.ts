// bot-message: a line of text, or the reviewer's copy of a check-in (whose activity id is kept
// so the card can be updated when the check-in is acknowledged or answered).
import { adaptiveCardAttachment, type OutgoingActivity } from '../../delivery/messenger';
import { reviewerCard } from '../../notifications/checkInCards';
import { checkInById, rememberReviewerCard } from '../../usecases/checkInCards';
import { personalChat, recipient } from '../../usecases/prompts';
import { handoverCardFor } from '../../usecases/handoverCards';
import { sendToChat } from './deliver';
import type { JobHandler } from './types';

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
  } else if (message.kind === 'handover-card') {
    const card = await handoverCardFor(ctx, { person, organisationId: job.organisationId }, message.personId, message.handoverId);
    if (!card) return { kind: 'skipped', reason: 'handover gone or done' };
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
    await rememberReviewerCard(ctx, org, message.checkInId, { conversationId: chat.conversationId, activityId: outcome.activityId });
  }
  return outcome;
};
