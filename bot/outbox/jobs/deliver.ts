// The steps every bot-chat job shares: find the person's personal chat, send (or update) through
// the tenant's sender with the lease checked before every try, and turn the result into an outcome.
import type { ConversationReferenceRecord, Person } from '../../../shared/domain';
import type { OutgoingActivity } from '../../delivery/messenger';
import type { SendResult } from '../../delivery/sender';
import { isDatabaseUnavailable } from '../../usecases/availability';
import { chatRefused } from '../../usecases/prompts';
import type { JobOutcome, JobRun, JobServices } from './types';

/** Thrown inside a try when the lease is gone: another worker may have the job by now. */
export class LeaseLost extends Error {
  constructor() {
    super('the lease on this job was lost before the call');
  }
}

/** Sends `activity` into the chat; a 403 marks the person unreachable. */
export async function sendToChat(services: JobServices, run: JobRun, person: Person, chat: ConversationReferenceRecord, activity: OutgoingActivity): Promise<JobOutcome> {
  const result = await run.sender.send(chat.conversationId, async () => {
    if (!(await run.holdsLease())) throw new LeaseLost();
    return services.messenger.send(chat.reference, activity);
  });
  return outcomeOf(services, result, person, chat);
}

/** Replaces the card `activityId` in the chat with `activity`. */
export async function updateInChat(services: JobServices, run: JobRun, person: Person, chat: ConversationReferenceRecord, activityId: string, activity: OutgoingActivity): Promise<JobOutcome> {
  const result = await run.sender.send(chat.conversationId, async () => {
    if (!(await run.holdsLease())) throw new LeaseLost();
    await services.messenger.update(chat.reference, activityId, activity);
    return undefined;
  });
  return outcomeOf(services, result, person, chat);
}

/** The result of one send through the sender, as a job outcome. */
export async function outcomeOf<T>(services: JobServices, result: SendResult<T>, person: Person, chat: ConversationReferenceRecord): Promise<JobOutcome> {
  if (result.ok) return { kind: 'sent', activityId: typeof result.value === 'string' ? result.value : undefined };
  if (result.blocked) {
    // 403 MessageWritesBlocked: they removed or blocked the app. Not retried until they reinstall.
    await chatRefused(services.ctx, person, chat.key, result.code ?? `HTTP ${result.status}`);
    return { kind: 'blocked' };
  }
  if (result.error instanceof LeaseLost) return { kind: 'wait', reason: result.error.message };
  // The lease check could not reach the database, so nothing was sent: the worker runs the job again once it answers.
  if (isDatabaseUnavailable(result.error)) throw result.error;
  return { kind: 'retry', error: errorText(result.error) };
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
