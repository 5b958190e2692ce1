// group-session: seed 004's group coaching check-in (or end-of-cycle sharing) card, posted once to
// one coaching group's channel or group chat. The session is stored before the card goes and
// marked posted after, so a restart neither loses the post nor (once marked) repeats it.
import { windowInstants } from '../../../shared/policy';
import { adaptiveCardAttachment, type OutgoingActivity } from '../../delivery/messenger';
import { groupSessionPostedCard } from '../../groupSessionViews';
import { isWindowOpen } from '../../usecases/checkIns';
import { groupSessionView, prepareGroupSession, recordGroupSessionPosted, sessionToRefresh, teamsUserIdsOf } from '../../usecases/groupSessions';
import { retryWhileDatabaseDown } from '../databaseWait';
import { errorText, LeaseLost } from './deliver';
import type { Organisation, ScheduleEvent } from '../../../shared/domain';
import type { JobHandler, JobOutcome, JobRun, JobServices } from './types';

export const postGroupSession: JobHandler<'group-session'> = async (services, run) => {
  const { ctx } = services;
  const { job, payload } = run;
  const { organisation, event } = await services.organisationAndEvent(job.organisationId, payload.eventId);
  if (!organisation || !event) return { kind: 'skipped', reason: 'organisation or event gone' };
  if (event.status === 'cancelled') return { kind: 'skipped', reason: 'event cancelled' };
  if (payload.refresh) return refreshPostedCard(services, run, organisation, event);
  if (!isWindowOpen(event, organisation.policy.timezone, ctx.now())) {
    // Not open yet: the event moved later since the job was queued (its job moved too), so wait.
    const opensAt = windowInstants(event, organisation.policy.timezone).opensAt;
    return ctx.now() < opensAt ? { kind: 'wait', reason: 'window not open yet' } : { kind: 'skipped', reason: 'window closed' };
  }
  const prepared = await prepareGroupSession(ctx, organisation, event, payload.groupId);
  if (prepared.kind === 'skip') return { kind: 'skipped', reason: prepared.reason };
  const { group, session, members } = prepared;
  const view = await groupSessionView(ctx, organisation, session.id, null);
  if (!view) return { kind: 'skipped', reason: 'session gone' };
  const leaderIds = group.leaderId ? [group.leaderId] : [];
  const refreshUserIds = await teamsUserIdsOf(ctx, organisation.id, [...members.map((m) => m.id), ...leaderIds]);
  const card = groupSessionPostedCard(view, { refreshUserIds, tabUrl: services.links.tab('rocks', 'group') });
  const text = `${view.group.name}: ${event.title} is open. Post your successes, strengths, barriers and developments on the card, and reply to colleagues in this thread.`;
  const activity: OutgoingActivity = { type: 'message', summary: text, attachments: [adaptiveCardAttachment(card)] };
  const result = await run.sender.send(group.conversation.conversationId, async () => {
    if (!(await run.holdsLease())) throw new LeaseLost();
    const { messenger } = services;
    return messenger.post ? messenger.post(group.conversation.reference, activity) : messenger.send(group.conversation.reference, activity);
  });
  if (result.ok) {
    const activityId = typeof result.value === 'string' ? result.value : undefined;
    // Posted already: a database outage here must not make the job run (and post) again.
    await retryWhileDatabaseDown(() => recordGroupSessionPosted(ctx, session, activityId, refreshUserIds), { logger: ctx.logger, maxWaitMs: 60_000, what: 'record group post' });
    return { kind: 'sent', activityId };
  }
  // 403: the app was removed from the team or chat. The admin maps the group again; not retried.
  if (result.blocked) return { kind: 'failed', error: `the group's conversation refused the post (${result.code ?? result.status})` };
  if (result.error instanceof LeaseLost) return { kind: 'wait', reason: result.error.message };
  return { kind: 'retry', error: errorText(result.error) };
};

/** After a member posts: the card in the conversation again, showing who has posted (never what). */
async function refreshPostedCard(services: JobServices, run: JobRun<'group-session'>, organisation: Organisation, event: ScheduleEvent): Promise<JobOutcome> {
  const { ctx } = services;
  const found = await sessionToRefresh(ctx, organisation, event, run.payload.groupId);
  if (found.kind === 'skip') return { kind: 'skipped', reason: found.reason };
  const view = await groupSessionView(ctx, organisation, found.session.id, null);
  if (!view) return { kind: 'skipped', reason: 'session gone' };
  const card = groupSessionPostedCard(view, { refreshUserIds: found.session.refreshUserIds, tabUrl: services.links.tab('rocks', 'group') });
  const activity: OutgoingActivity = { type: 'message', attachments: [adaptiveCardAttachment(card)] };
  const { conversation } = found.group;
  const result = await run.sender.send(conversation.conversationId, async () => {
    if (!(await run.holdsLease())) throw new LeaseLost();
    await services.messenger.update(conversation.reference, found.session.activityId, activity);
    return undefined;
  });
  if (result.ok) return { kind: 'sent' };
  if (result.blocked) return { kind: 'failed', error: `the group's conversation refused the update (${result.code ?? result.status})` };
  if (result.error instanceof LeaseLost) return { kind: 'wait', reason: result.error.message };
  return { kind: 'retry', error: errorText(result.error) };
}
