// What used to be fixed in code now comes from the policy (issue 14): the usual check-in window a
// new event gets when the cycle has none to learn from, and when the reminder goes.
import { reminderAt } from '../../../bot/usecases/promptQueue';
import { usualWindow } from '../../../bot/schedule/windows';
import type { Cycle, ScheduleEvent } from '../../../shared/domain';
import { buildPolicy } from '../policy/builders';

const cycle = { startsOn: '2026-09-01' } as Cycle;

describe('the policy decides the usual window and the reminder', () => {
  it('a check-in added to a cycle with none gets the policy window (seed 001: Monday to Friday)', () => {
    const policy = buildPolicy({ checkIns: { ...buildPolicy().checkIns, window: { opensDays: 0, opensAt: '09:00', closesDays: 4, closesAt: '17:00' } } });
    expect(usualWindow('check-in', '2026-09-14', { cycle, events: [], organisation: { policy } })).toEqual({ opens: '2026-09-14T09:00', closes: '2026-09-18T17:00' });
  });

  it('the reminder goes at the policy time, days before the close', () => {
    const event = { window: { opens: '2026-09-14T09:00', closes: '2026-09-18T17:00' } } as ScheduleEvent;
    const base = buildPolicy();
    expect(reminderAt(event, base)).toEqual(new Date('2026-09-18T08:00:00.000Z')); // 09:00 BST on the closing day
    expect(reminderAt(event, { ...base, checkIns: { ...base.checkIns, reminder: { daysBeforeClose: 2, at: '12:30' } } })).toEqual(new Date('2026-09-16T11:30:00.000Z'));
    // a reminder after the window closes is not sent
    expect(reminderAt(event, { ...base, checkIns: { ...base.checkIns, reminder: { daysBeforeClose: 0, at: '18:00' } } })).toBeUndefined();
  });
});
