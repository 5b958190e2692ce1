// activity-notification: a Teams activity feed notification through Microsoft Graph.
import type { ActivityNotificationPayload } from '../../notifications/notify';
import { recipient } from '../../usecases/prompts';
import { errorText } from './deliver';
import type { JobHandler } from './types';

export const sendActivityNotification: JobHandler<'activity-notification'> = async (services, run) => {
  const { job, payload } = run;
  if (!services.activityFeed) return { kind: 'skipped', reason: 'activity feed not configured (AAD_APP_CLIENT_ID/SECRET)' };
  const person = await recipient(services.ctx, { organisationId: job.organisationId }, payload.recipientPersonId);
  if (!person) return { kind: 'skipped', reason: 'recipient left the directory' };
  if (!person.entraObjectId) return { kind: 'skipped', reason: 'recipient has no Entra object id yet' };
  if (!(await run.holdsLease())) return { kind: 'wait', reason: 'lease lost' };
  // The schema checked the shape; the manifest's activity types are checked by the Graph sender.
  const result = await services.activityFeed.send(job.organisationId, person.entraObjectId, payload as ActivityNotificationPayload);
  if (result.ok) return { kind: 'sent' };
  // A 403/404 from Graph says nothing about the bot chat, so the person stays reachable there.
  if (result.blocked) return { kind: 'skipped', reason: `activity feed refused (${result.status}${result.code ? ` ${result.code}` : ''})` };
  // A notification Graph can never accept (undeclared type, bad parameters) is our bug: fail it now.
  if (result.attempts === 0) return { kind: 'failed', error: errorText(result.error) };
  return { kind: 'retry', error: errorText(result.error) };
};
