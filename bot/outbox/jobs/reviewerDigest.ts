// reviewer-digest: after a window closes, who on the reviewer's team checked in, who waits for
// their acknowledgement, and who did not check in.
import { isEligible, reviewerOf } from '../../../shared/policy';
import { buildReviewerDigestCard } from '../../cards';
import { eventTitle } from '../../checkInViews';
import { adaptiveCardAttachment } from '../../delivery/messenger';
import { checkInsForEvent, personalChat, recipient, reviewerTeam } from '../../usecases/prompts';
import { sendToChat } from './deliver';
import type { JobHandler } from './types';

export const sendReviewerDigest: JobHandler<'reviewer-digest'> = async (services, run) => {
  const { ctx, links } = services;
  const { job, payload } = run;
  const org = { organisationId: job.organisationId };
  const [{ organisation, event }, reviewer, chat] = await Promise.all([
    services.organisationAndEvent(job.organisationId, payload.eventId),
    recipient(ctx, org, payload.reviewerPersonId),
    personalChat(ctx, job.organisationId, payload.reviewerPersonId),
  ]);
  if (!organisation || !event || !reviewer) return { kind: 'skipped', reason: 'reviewer, event or organisation gone' };
  if (!reviewer.reachable) return { kind: 'skipped', reason: 'unreachable' };
  if (!chat) return { kind: 'skipped', reason: 'app not installed' };
  const now = ctx.now();
  const team = (await reviewerTeam(ctx, org, reviewer.id)).filter(
    (p) => reviewerOf(p, organisation.policy) === reviewer.id && isEligible(p, organisation.policy, now).eligible,
  );
  if (team.length === 0) return { kind: 'skipped', reason: 'no reviewees' };
  const checkIns = new Map((await checkInsForEvent(ctx, org, event.id)).map((c) => [c.personId, c]));
  const card = buildReviewerDigestCard({
    reviewerName: reviewer.displayName,
    eventTitle: eventTitle(organisation, event),
    vocabulary: organisation.policy.vocabulary,
    submitted: team.filter((p) => checkIns.has(p.id)).map((p) => ({ name: p.displayName, awaitingAcknowledgement: !checkIns.get(p.id)!.acknowledgement })),
    // Nobody misses an optional check-in, so the digest lists no one as not checked in.
    notCheckedIn: event.kind === 'optional-check-in' ? [] : team.filter((p) => !checkIns.has(p.id)).map((p) => ({ name: p.displayName })),
    tabUrl: links.tab('team'),
  });
  return sendToChat(services, run, reviewer, chat, { type: 'message', attachments: [adaptiveCardAttachment(card)] });
};
