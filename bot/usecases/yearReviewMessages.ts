// Queueing the year's review cards (issue 12): one outbox job per message, its idempotency key
// naming the review, recipient and reason (plus a suffix for repeats such as a dated reminder),
// so a retried request or a second worker never sends it twice.
import { randomUUID } from 'node:crypto';
import type { BotMessage, Organisation } from '../../shared/domain';
import type { UseCaseContext } from './context';

type ReviewMessage = Extract<BotMessage, { kind: 'year-review' | 'support-plan' | 'feedback-request' | 'governor-sample' | 'career-conversation' | 'follow-up' }>;

/** What a message is about, for its idempotency key. */
function subjectOf(message: ReviewMessage): string {
  switch (message.kind) {
    case 'feedback-request':
      return message.requestId;
    case 'governor-sample':
      return message.sampleId;
    case 'follow-up':
      return message.followUpId;
    case 'career-conversation':
      return `${message.cycleId}:${message.personId}:${message.audience}`;
    default:
      return message.reviewId;
  }
}

/** Queues `message` to `recipientPersonId`; true if this call queued it (false: already queued). */
export async function queueReviewMessage(ctx: UseCaseContext, organisation: Pick<Organisation, 'id'>, recipientPersonId: string, message: ReviewMessage, keySuffix = ''): Promise<boolean> {
  const now = ctx.now();
  const job = await ctx.repos.outboxJobs.enqueue(
    { organisationId: organisation.id },
    {
      id: randomUUID(),
      organisationId: organisation.id,
      idempotencyKey: `message:${message.kind}:${subjectOf(message)}:${recipientPersonId}:${message.reason}${keySuffix ? `:${keySuffix}` : ''}`,
      kind: 'bot-message',
      personId: recipientPersonId,
      payload: { recipientPersonId, message },
      status: 'pending',
      notBefore: now,
      attempts: 0,
      createdAt: now,
      updatedAt: now,
    },
  );
  return job.created;
}
