// When the reminder of a check-in goes: the policy's checkIns.reminder (days before the window
// closes, at a local time). Pure; the scheduler queues it and the policy preview shows it.
import { DateTime } from 'luxon';
import type { EventWindow, Policy } from '../domain';
import { windowInstants } from './windows';

type ReminderRules = Pick<Policy, 'timezone'> & { checkIns: Pick<Policy['checkIns'], 'reminder'> };

/** The reminder instant of a check-in with this window, or undefined when it would fall outside the window. */
export function reminderInstant(event: { window: EventWindow }, policy: ReminderRules): Date | undefined {
  const { opensAt, closesAt } = windowInstants(event, policy.timezone);
  const { daysBeforeClose, at: time } = policy.checkIns.reminder;
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const at = DateTime.fromJSDate(closesAt, { zone: policy.timezone }).minus({ days: daysBeforeClose }).set({ hour, minute, second: 0, millisecond: 0 }).toJSDate();
  return at > opensAt && at < closesAt ? at : undefined;
}
