// Preview of one schedule change (move, edit, add, cancel): what it does to prompts and
// check-ins, and what would stop it, before the admin confirms.
import type { Organisation, ScheduleEvent } from '../../shared/domain';
import { formatEventDate } from '../../shared/policy';
import { KIND_LABELS, draftOf, isCheckInKind, type ScheduleChange, type ScheduleState } from '../schedule/draft';
import type { ChangePreview } from '../schedule/previews';
import { checkEventAddition, checkEventUpdate } from '../schedule/rules';
import { count, describeDifferences, formatWindow, hours } from '../schedule/words';
import type { UseCaseContext } from './context';
import { DomainError } from './errors';
import { loadScheduleFor, promptCounts } from './schedule';

async function findEvent(ctx: UseCaseContext, state: ScheduleState, eventId: string): Promise<ScheduleEvent> {
  const event = state.events.find((e) => e.id === eventId) ?? (await ctx.repos.scheduleEvents.get({ organisationId: state.organisation.id }, eventId));
  if (!event) throw new DomainError('notFound', 'That event is no longer on the schedule.');
  return event;
}

export async function previewScheduleChange(ctx: UseCaseContext, organisation: Organisation, change: ScheduleChange): Promise<ChangePreview> {
  const state = await loadScheduleFor(ctx, organisation, change);
  const tz = organisation.policy.timezone;
  const now = ctx.now();
  const org = { organisationId: organisation.id };
  if (change.type === 'add') {
    const check = checkEventAddition(change.draft, state, now);
    const impact: string[] = [];
    if (check.errors.length === 0 && isCheckInKind(change.draft.kind)) {
      const { eligible } = await promptCounts(ctx, organisation, { ...change.draft, id: '', organisationId: organisation.id, cycleId: state.cycle.id, key: '', status: 'scheduled', version: 0 });
      impact.push(`${count(eligible, 'member of staff', 'staff')} will be prompted on ${formatEventDate(change.draft.window.opens.slice(0, 10), tz)} at ${change.draft.window.opens.slice(11)}.`);
    }
    return {
      change,
      summary: `Adds ${change.draft.title} on ${formatEventDate(change.draft.date, tz)} (${KIND_LABELS[change.draft.kind].toLowerCase()}, window ${formatWindow(change.draft.window, tz)}, ${hours(change.draft.directedHours)} directed time).`,
      impact,
      ...check,
    };
  }
  const event = await findEvent(ctx, state, change.eventId);
  const stale = event.version !== change.version ? [`${event.title} changed while you were looking; this preview uses the current version.`] : [];
  if (change.type === 'cancel') {
    const errors = event.status === 'cancelled' ? [`${event.title} is already cancelled.`] : [];
    const [counts, submitted] = await Promise.all([promptCounts(ctx, organisation, event), ctx.repos.checkIns.countForEvent(org, event.id)]);
    const impact: string[] = [];
    if (isCheckInKind(event.kind)) {
      impact.push(event.promptsQueuedAt ? `${count(counts.pending, 'prompt')} not yet sent will be withdrawn; ${count(counts.prompted, 'member of staff', 'staff')} already prompted.` : `No one will be prompted for it (${count(counts.eligible, 'member of staff', 'staff')} would have been).`);
    }
    if (submitted > 0) impact.push(`${count(submitted, 'check-in')} already submitted for it will be kept.`);
    return { change: { ...change, version: event.version }, event, summary: `Cancels ${event.title} (${formatEventDate(event.date, tz)}).`, impact, warnings: stale, errors };
  }
  const check = checkEventUpdate(event, change.draft, state, now);
  const differences = describeDifferences(draftOf(event), change.draft, tz);
  if (differences.length === 0 && check.errors.length === 0) check.errors.push('Nothing would change.');
  const impact: string[] = [];
  const windowChanged = change.draft.window.opens !== event.window.opens || change.draft.window.closes !== event.window.closes;
  if (check.errors.length === 0 && isCheckInKind(event.kind) && windowChanged) {
    const counts = await promptCounts(ctx, organisation, event);
    const opening = `${formatEventDate(change.draft.window.opens.slice(0, 10), tz)} at ${change.draft.window.opens.slice(11)}`;
    if (change.draft.window.opens !== event.window.opens) {
      const waiting = event.promptsQueuedAt ? counts.pending : counts.eligible;
      impact.push(`${count(waiting, 'member of staff', 'staff')} not yet prompted will be prompted on ${opening}.`);
    } else {
      impact.push(`It will close on ${formatEventDate(change.draft.window.closes.slice(0, 10), tz)} at ${change.draft.window.closes.slice(11)}; reminders follow the new closing day.`);
    }
  }
  const summary =
    change.type === 'move' && change.draft.date !== event.date
      ? `Moves ${event.title} from ${formatEventDate(event.date, tz)} to ${formatEventDate(change.draft.date, tz)} (window ${formatWindow(change.draft.window, tz)}).`
      : `Changes ${event.title}: ${differences.join('; ') || 'nothing'}.`;
  return { change: { ...change, version: event.version }, event, summary, impact, warnings: [...stale, ...check.warnings], errors: check.errors };
}
