// card-update: replaces a check-in card already in a chat with its current state (acknowledged,
// responded), for the reviewee's copy or the reviewer's.
import { adaptiveCardAttachment } from '../../delivery/messenger';
import { reviewerCard, revieweeCard } from '../../notifications/checkInCards';
import { checkInById } from '../../usecases/checkInCards';
import { personalChat, recipient } from '../../usecases/prompts';
import { updateInChat } from './deliver';
import type { JobHandler } from './types';

export const updateCheckInCard: JobHandler<'card-update'> = async (services, run) => {
  const { ctx, links } = services;
  const { job, payload } = run;
  const org = { organisationId: job.organisationId };
  const checkIn = await checkInById(ctx, org, payload.checkInId);
  if (!checkIn) return { kind: 'skipped', reason: 'check-in gone' };
  const target = payload.target === 'reviewer' ? checkIn.reviewerCard : checkIn.card;
  const ownerId = payload.target === 'reviewer' ? checkIn.reviewerId : checkIn.personId;
  if (!target || !ownerId) return { kind: 'skipped', reason: 'no card to update' };
  const [person, chat] = await Promise.all([recipient(ctx, org, ownerId), personalChat(ctx, job.organisationId, ownerId)]);
  if (!person || !chat) return { kind: 'skipped', reason: 'app not installed' };
  const card =
    payload.target === 'reviewer'
      ? await reviewerCard(ctx, checkIn, { tabUrl: (sub) => links.tab('team', sub), reviewerTeamsUserId: chat.key })
      : await revieweeCard(ctx, checkIn);
  if (!card) return { kind: 'skipped', reason: 'check-in event or person gone' };
  return updateInChat(services, run, person, chat, target.activityId, { type: 'message', attachments: [adaptiveCardAttachment(card)] });
};
