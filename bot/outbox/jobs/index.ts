// The handler of each kind of outbox job, and the schema its payload is parsed with first.
import { outboxPayloadSchemas, type OutboxJob, type OutboxJobKind } from '../../../shared/domain';
import { sendActivityNotification } from './activityNotification';
import { sendBotMessage } from './botMessage';
import { updateCheckInCard } from './cardUpdate';
import { sendCheckInPrompt } from './checkInPrompt';
import { sendReviewerDigest } from './reviewerDigest';
import { postGroupSession } from './groupSession';
import type { JobHandler, JobOutcome, JobRun, JobServices } from './types';

const handlers: { [K in OutboxJobKind]: JobHandler<K> } = {
  'check-in-prompt': sendCheckInPrompt,
  'check-in-reminder': sendCheckInPrompt,
  'bot-message': sendBotMessage,
  'card-update': updateCheckInCard,
  'reviewer-digest': sendReviewerDigest,
  'activity-notification': sendActivityNotification,
  'group-session': postGroupSession,
};

/** Parses the job's payload for its kind and runs its handler; a payload that does not parse fails the job. */
export async function dispatch(services: JobServices, job: OutboxJob, run: Omit<JobRun, 'job' | 'payload'>): Promise<JobOutcome> {
  const schema = outboxPayloadSchemas[job.kind];
  const parsed = schema.safeParse(job.payload);
  if (!parsed.success) {
    const reason = `bad ${job.kind} payload: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'} ${i.message}`).join('; ')}`;
    return { kind: 'failed', error: reason };
  }
  const handler = handlers[job.kind] as JobHandler;
  return handler(services, { ...run, job, payload: parsed.data as JobRun['payload'] });
}

export type { ActivityFeed, JobOutcome, JobServices } from './types';
