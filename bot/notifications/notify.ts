// Who is told what, when something happens. Each notification is an outbox job with an
// idempotency key derived from what happened, so a retried invoke or a repeated use case never
// notifies twice, and the fan-out worker delivers it within Teams' and Graph's limits.
import { randomUUID } from 'node:crypto';
import type { BotMessagePayload, CardUpdatePayload, CheckIn, Comment, Handover, OutboxJob, Person, Praise, Rock, RockNoticeKind } from '../../shared/domain';
import type { ActivityTemplateParameters, ActivityType } from '../../manifest/activityTypes';
import type { SubPageId } from '../graph/deepLinks';
import type { UseCaseContext } from '../usecases/context';

// The payloads' shapes live with their zod schemas (shared/domain/outboxJob.ts), which the worker parses.
export type { BotMessage, BotMessagePayload, CardUpdatePayload } from '../../shared/domain';

export interface ActivityNotificationPayload<T extends ActivityType = ActivityType> {
  recipientPersonId: string;
  activityType: T;
  templateParameters: ActivityTemplateParameters<T>;
  previewText: string;
  /** Where the notification opens in the tab (the tab reads page.subPageId). */
  subPageId: SubPageId;
  /** The tab's entity id: the manifest's static tab the deep link opens. */
  entity: 'rocks' | 'check-ins' | 'team' | 'schedule';
  topicTitle: string;
}

function job(ctx: UseCaseContext, organisationId: string, kind: OutboxJob['kind'], key: string, payload: object, personId?: string): OutboxJob {
  const now = ctx.now();
  return {
    id: randomUUID(),
    organisationId,
    idempotencyKey: key,
    kind,
    personId,
    payload: payload as Record<string, unknown>,
    status: 'pending',
    notBefore: now,
    attempts: 0,
    createdAt: now,
    updatedAt: now,
  };
}

async function enqueue(ctx: UseCaseContext, organisationId: string, jobs: OutboxJob[]): Promise<number> {
  return jobs.length === 0 ? 0 : ctx.repos.outboxJobs.enqueueMany({ organisationId }, jobs);
}

function feed<T extends ActivityType>(ctx: UseCaseContext, organisationId: string, key: string, payload: ActivityNotificationPayload<T>): OutboxJob {
  return job(ctx, organisationId, 'activity-notification', `feed:${key}`, payload, payload.recipientPersonId);
}

function message(ctx: UseCaseContext, organisationId: string, key: string, payload: BotMessagePayload): OutboxJob {
  return job(ctx, organisationId, 'bot-message', `message:${key}`, payload, payload.recipientPersonId);
}

function cardUpdate(ctx: UseCaseContext, organisationId: string, key: string, payload: CardUpdatePayload): OutboxJob {
  return job(ctx, organisationId, 'card-update', `card:${key}`, payload);
}

/** A reviewee submitted: their reviewer hears about it in the activity feed and in the bot chat. */
export async function notifyCheckInSubmitted(ctx: UseCaseContext, input: { checkIn: CheckIn; revieweeName: string; eventTitle: string }): Promise<number> {
  const { checkIn } = input;
  if (!checkIn.reviewerId) return 0;
  return enqueue(ctx, checkIn.organisationId, [
    message(ctx, checkIn.organisationId, `reviewer-card:${checkIn.id}`, { recipientPersonId: checkIn.reviewerId, message: { kind: 'reviewer-card', checkInId: checkIn.id } }),
    feed(ctx, checkIn.organisationId, `checkInSubmitted:${checkIn.id}`, {
      recipientPersonId: checkIn.reviewerId,
      activityType: 'checkInSubmitted',
      templateParameters: { reviewee: input.revieweeName, checkIn: input.eventTitle },
      previewText: `${input.revieweeName} submitted ${input.eventTitle}`,
      subPageId: `checkin:${checkIn.id}`,
      entity: 'team',
      topicTitle: `${input.revieweeName} · ${input.eventTitle}`,
    }),
  ]);
}

/** An edited check-in: the cards already in both chats show the new answers. */
export async function notifyCheckInEdited(ctx: UseCaseContext, checkIn: CheckIn): Promise<number> {
  const version = checkIn.editedAt?.getTime() ?? checkIn.updatedAt.getTime();
  return enqueue(ctx, checkIn.organisationId, [
    cardUpdate(ctx, checkIn.organisationId, `reviewer:${checkIn.id}:edit:${version}`, { checkInId: checkIn.id, target: 'reviewer' }),
  ]);
}

/** Praise is public to the recipient; the check-in it came from is not. */
export async function notifyPraise(ctx: UseCaseContext, input: { praise: Praise[]; giverName: string }): Promise<number> {
  const jobs = input.praise.flatMap((p) => [
    message(ctx, p.organisationId, `praise:${p.id}`, { recipientPersonId: p.toPersonId, message: { kind: 'text', text: `${input.giverName} praised you: "${p.message}"` } }),
    feed(ctx, p.organisationId, `praiseReceived:${p.id}`, {
      recipientPersonId: p.toPersonId,
      activityType: 'praiseReceived',
      templateParameters: { giver: input.giverName },
      previewText: `${input.giverName}: ${p.message}`,
      subPageId: 'praise',
      entity: 'rocks',
      topicTitle: `Praise from ${input.giverName}`,
    }),
  ]);
  return jobs.length === 0 ? 0 : enqueue(ctx, input.praise[0]!.organisationId, jobs);
}

/** The reviewer acknowledged: both cards update; the reviewee is told in their feed. */
export async function notifyAcknowledged(ctx: UseCaseContext, input: { checkIn: CheckIn; reviewerName: string; eventTitle: string }): Promise<number> {
  const { checkIn } = input;
  return enqueue(ctx, checkIn.organisationId, [
    cardUpdate(ctx, checkIn.organisationId, `reviewee:${checkIn.id}:ack`, { checkInId: checkIn.id, target: 'reviewee' }),
    cardUpdate(ctx, checkIn.organisationId, `reviewer:${checkIn.id}:ack`, { checkInId: checkIn.id, target: 'reviewer' }),
    feed(ctx, checkIn.organisationId, `checkInAcknowledged:${checkIn.id}`, {
      recipientPersonId: checkIn.personId,
      activityType: 'checkInAcknowledged',
      templateParameters: { reviewer: input.reviewerName, checkIn: input.eventTitle },
      previewText: `${input.reviewerName} acknowledged your ${input.eventTitle}`,
      subPageId: `checkin:${checkIn.id}`,
      entity: 'check-ins',
      topicTitle: input.eventTitle,
    }),
  ]);
}

/** The reviewer responded: both cards update; the reviewee gets a short message and a feed item. */
export async function notifyResponded(ctx: UseCaseContext, input: { checkIn: CheckIn; reviewerName: string; eventTitle: string }): Promise<number> {
  const { checkIn } = input;
  const text = checkIn.reviewerResponse?.text ?? '';
  const short = text.length > 280 ? `${text.slice(0, 279)}…` : text;
  return enqueue(ctx, checkIn.organisationId, [
    cardUpdate(ctx, checkIn.organisationId, `reviewee:${checkIn.id}:response`, { checkInId: checkIn.id, target: 'reviewee' }),
    cardUpdate(ctx, checkIn.organisationId, `reviewer:${checkIn.id}:response`, { checkInId: checkIn.id, target: 'reviewer' }),
    message(ctx, checkIn.organisationId, `response:${checkIn.id}`, {
      recipientPersonId: checkIn.personId,
      message: { kind: 'text', text: `${input.reviewerName} responded to your ${input.eventTitle}: "${short}"` },
    }),
    feed(ctx, checkIn.organisationId, `reviewerResponded:${checkIn.id}`, {
      recipientPersonId: checkIn.personId,
      activityType: 'reviewerResponded',
      templateParameters: { reviewer: input.reviewerName, checkIn: input.eventTitle },
      previewText: `${input.reviewerName}: ${short}`,
      subPageId: `checkin:${checkIn.id}`,
      entity: 'check-ins',
      topicTitle: input.eventTitle,
    }),
  ]);
}

/** A reply in a feedback thread reaches everyone else on it (reviewee, reviewer, coach). */
export async function notifyFeedbackReply(
  ctx: UseCaseContext,
  input: { comment: Comment; authorName: string; threadTitle: string; recipientIds: string[] },
): Promise<number> {
  const { comment } = input;
  const subPageId: SubPageId = comment.subject.kind === 'check-in' ? `checkin:${comment.subject.id}` : `rock:${comment.subject.id}`;
  const short = comment.text.length > 280 ? `${comment.text.slice(0, 279)}…` : comment.text;
  const jobs = [...new Set(input.recipientIds)]
    .filter((id) => id !== comment.authorPersonId)
    .flatMap((recipientPersonId) => [
      message(ctx, comment.organisationId, `comment:${comment.id}:${recipientPersonId}`, {
        recipientPersonId,
        message: { kind: 'text', text: `${input.authorName} replied on ${input.threadTitle}: "${short}"` },
      }),
      feed(ctx, comment.organisationId, `feedbackReply:${comment.id}:${recipientPersonId}`, {
        recipientPersonId,
        activityType: 'feedbackReply',
        templateParameters: { author: input.authorName, thread: input.threadTitle },
        previewText: `${input.authorName}: ${short}`,
        subPageId,
        entity: comment.subject.kind === 'check-in' ? 'check-ins' : 'rocks',
        topicTitle: input.threadTitle,
      }),
    ]);
  return enqueue(ctx, comment.organisationId, jobs);
}

/**
 * Someone asked for a check-in and no cycle covers today or is scheduled: each PG administrator is
 * told once per gap (`gapKey`: the cycle that ended), however many staff ask.
 */
export async function notifyAdminsNoCycle(ctx: UseCaseContext, input: { organisationId: string; gapKey: string; adminIds: string[]; text: string }): Promise<number> {
  const jobs = input.adminIds.map((recipientPersonId) =>
    message(ctx, input.organisationId, `no-cycle:${input.gapKey}:${recipientPersonId}`, { recipientPersonId, message: { kind: 'text', text: input.text } }),
  );
  return enqueue(ctx, input.organisationId, jobs);
}

/** What a rock notice needs: the rock after the change, what happened, who did it and to whom it goes. */
export interface RockNotice {
  rock: Rock;
  change: RockNoticeKind;
  recipientPersonId: string;
  byName: string;
  /** The policy's word for a rock ("rock", "objective"). */
  rockWord: string;
}

/**
 * A rock moved: the recipient gets a card in the bot chat showing it now, and, where the manifest
 * declares a feed type for it (proposed → reviewer, agreed → reviewee), an activity-feed item. Keys
 * carry the rock's version after the change, so each change notifies once however often it is retried.
 */
export async function notifyRockChange(ctx: UseCaseContext, notice: RockNotice): Promise<number> {
  const { rock, change, recipientPersonId, byName, rockWord } = notice;
  const key = `rock:${rock.id}:${change}:${rock.version}:${recipientPersonId}`;
  const jobs: OutboxJob[] = [message(ctx, rock.organisationId, key, { recipientPersonId, message: { kind: 'rock', rockId: rock.id, change, byName } })];
  const subPageId: SubPageId = `rock:${rock.id}`;
  if (change === 'proposed') {
    jobs.push(
      feed(ctx, rock.organisationId, key, {
        recipientPersonId,
        activityType: 'rockProposed',
        templateParameters: { reviewee: byName, rockTerm: rockWord, rock: rock.title },
        previewText: `${byName} proposed a ${rockWord}: ${rock.title}`,
        subPageId,
        entity: 'team',
        topicTitle: `${byName} · ${rock.title}`,
      }),
    );
  }
  if (change === 'agreed' || (change === 'decided' && rock.status === 'agreed')) {
    jobs.push(
      feed(ctx, rock.organisationId, key, {
        recipientPersonId,
        activityType: 'rockAgreed',
        templateParameters: { reviewer: byName, rockTerm: rockWord, rock: rock.title },
        previewText: `${byName} agreed your ${rockWord}: ${rock.title}`,
        subPageId,
        entity: 'rocks',
        topicTitle: rock.title,
      }),
    );
  }
  return enqueue(ctx, rock.organisationId, jobs);
}

/** A redelegation (seed 000 §5): the person, their previous and their new reviewer each hear who and why. */
export async function notifyReviewerChanged(
  ctx: UseCaseContext,
  input: { organisationId: string; key: string; person: Person; from: Person | null; to: Person | null; roleWord: string; reason: string; byName: string },
): Promise<number> {
  const { person, from, to, roleWord, reason } = input;
  const text = (recipient: Person): string => {
    if (recipient.id === person.id) return `Your ${roleWord} is now ${to?.displayName ?? 'nobody'} (was ${from?.displayName ?? 'nobody'}), changed by ${input.byName}: ${reason}`;
    if (recipient.id === to?.id) return `You are now ${person.displayName}'s ${roleWord} (was ${from?.displayName ?? 'nobody'}), changed by ${input.byName}: ${reason}. Their new check-ins come to you.`;
    return `${to?.displayName ?? 'Nobody'} is now ${person.displayName}'s ${roleWord}, changed by ${input.byName}: ${reason}. You keep what you reviewed, and can still finish a check-in they already sent you.`;
  };
  const recipients = [person, from, to].filter((p): p is Person => p !== null);
  const unique = recipients.filter((p, i) => recipients.findIndex((q) => q.id === p.id) === i);
  return enqueue(
    ctx,
    input.organisationId,
    unique.map((p) => message(ctx, input.organisationId, `reviewer-changed:${input.key}:${p.id}`, { recipientPersonId: p.id, message: { kind: 'text', text: text(p) } })),
  );
}

/** seed 002 §7.4: the original reviewer gets a card asking for a final check-in before the move. */
export async function notifyHandoverRequested(ctx: UseCaseContext, input: { organisationId: string; person: Person; handover: Handover }): Promise<number> {
  const { person, handover } = input;
  return enqueue(ctx, input.organisationId, [
    message(ctx, input.organisationId, `handover:${handover.id}`, { recipientPersonId: handover.reviewerId, message: { kind: 'handover-card', personId: person.id, handoverId: handover.id } }),
  ]);
}

/** Issue 12: a review of someone they review opened; the reviewer's feed opens it in the tab. */
export async function notifyReviewDue(ctx: UseCaseContext, input: { organisationId: string; reviewId: string; reviewerId: string; revieweeName: string; label: string; due: string }): Promise<number> {
  return enqueue(ctx, input.organisationId, [
    feed(ctx, input.organisationId, `reviewDue:${input.reviewId}`, {
      recipientPersonId: input.reviewerId,
      activityType: 'reviewDue',
      templateParameters: { review: input.label, reviewee: input.revieweeName, due: input.due },
      previewText: `${input.label} for ${input.revieweeName}: your part is due ${input.due}`,
      subPageId: `review:${input.reviewId}`,
      entity: 'team',
      topicTitle: `${input.revieweeName} · ${input.label}`,
    }),
  ]);
}
