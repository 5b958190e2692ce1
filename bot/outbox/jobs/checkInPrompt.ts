// check-in-prompt and check-in-reminder: the check-in card, to one member of staff, while the
// event's window is open and they have not checked in yet.
import type { Organisation, OutboxJob, Person, Rock, ScheduleEvent } from '../../../shared/domain';
import { isEligible, windowInstants } from '../../../shared/policy';
import { rocksForCheckIn } from '../../cards';
import { checkInFormCard, eventTitle } from '../../checkInViews';
import { adaptiveCardAttachment, type OutgoingActivity } from '../../delivery/messenger';
import { isWindowOpen } from '../../usecases/checkIns';
import { promptRecipient } from '../../usecases/prompts';
import { sendToChat } from './deliver';
import type { JobHandler, JobOutcome } from './types';

export const sendCheckInPrompt: JobHandler<'check-in-prompt' | 'check-in-reminder'> = async (services, run) => {
  const { job } = run;
  const { ctx } = services;
  if (!job.personId || !job.eventId) return { kind: 'failed', error: 'a prompt job names no person or event' };
  const { organisation, event } = await services.organisationAndEvent(job.organisationId, job.eventId);
  if (!organisation || !event) return { kind: 'skipped', reason: 'organisation or event gone' };
  const now = ctx.now();
  const closed = windowState(organisation, event, now);
  if (closed) return closed;
  // An event changed to optional after its reminders were queued: an optional one is not chased.
  if (job.kind === 'check-in-reminder' && event.kind === 'optional-check-in') return { kind: 'skipped', reason: 'optional check-in: no reminder' };
  // What the card needs, in one round of reads (each an indexed, organisation-scoped query).
  const { person, chat, checkIn, rocks } = await promptRecipient(ctx, organisation, job.personId, event);
  if (!person) return { kind: 'skipped', reason: 'person left the directory' };
  if (!person.reachable) return { kind: 'skipped', reason: 'unreachable' };
  const eligibility = isEligible(person, organisation.policy, now);
  if (!eligibility.eligible) return { kind: 'skipped', reason: `not eligible: ${eligibility.reason ?? ''}` };
  if (checkIn) return { kind: 'skipped', reason: 'already checked in' };
  if (!chat) return { kind: 'skipped', reason: 'app not installed' };
  return sendToChat(services, run, person, chat, promptActivity(job, organisation, event, person, rocks, now));
};

/** Why the prompt cannot go now, or undefined while the window is open. */
function windowState(organisation: Organisation, event: ScheduleEvent, now: Date): JobOutcome | undefined {
  if (event.status === 'cancelled') return { kind: 'skipped', reason: 'event cancelled' };
  if (isWindowOpen(event, organisation.policy.timezone, now)) return undefined;
  // Not open yet: the event moved later since the job was queued; its job was moved too, so wait.
  if (now.getTime() < windowInstants(event, organisation.policy.timezone).opensAt.getTime()) return { kind: 'wait', reason: 'window not open yet' };
  return { kind: 'skipped', reason: 'window closed' };
}

function promptActivity(job: OutboxJob, organisation: Organisation, event: ScheduleEvent, person: Person, rocks: Rock[], now: Date): OutgoingActivity {
  const card = checkInFormCard({ organisation, event, person, rocks: rocksForCheckIn(rocks), now });
  const title = eventTitle(organisation, event);
  const text =
    job.kind === 'check-in-reminder'
      ? `A gentle reminder: ${title} closes tonight. Ten minutes is plenty — one answer is enough.`
      : event.kind === 'optional-check-in'
        ? `An optional check-in is open: ${title}. Answer if it helps you; nothing is counted if you don't.`
        : `It's check-in time: ${title}.`;
  return { type: 'message', text, summary: text, attachments: [adaptiveCardAttachment(card)] };
}
