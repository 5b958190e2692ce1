// What people are told when no cycle covers today (between one year's cycle and the next): staff
// learn when the next one starts; PG administrators learn exactly what to do about it.
import type { Cycle } from '../../shared/domain';
import { formatLongDate, type CyclesAround } from './cycles';

/** The admin channel command that starts the next cycle (preview, then confirm). */
export const START_NEXT_CYCLE_COMMAND = 'cycle next';

interface Words {
  /** The policy's word for a check-in, e.g. "check-in". */
  checkIn: string;
}

function ended(cycle: Cycle): string {
  return `The last one, ${cycle.label}, ended on ${formatLongDate(cycle.endsOn)}.`;
}

/**
 * For a member of staff (the `check in` reply and the tab). `adminsAsked`: the PG administrators
 * have been told that someone asked (see bot/usecases/noCycle.ts).
 */
export function noCycleForStaff(around: Pick<CyclesAround, 'next' | 'last'>, words: Words, adminsAsked = false): string {
  if (around.next) {
    return `There is no professional growth cycle running today. The next one, ${around.next.label}, starts on ${formatLongDate(around.next.startsOn)}; I'll send you each ${words.checkIn} here when its window opens.`;
  }
  const last = around.last ? ` ${around.last.label} ended on ${formatLongDate(around.last.endsOn)}.` : '';
  const who = adminsAsked ? "I've let your PG administrators know; once they have set it up" : 'Your PG administrator sets it up; once they have';
  return `There is no professional growth cycle running today, and the next one has not been scheduled yet.${last} ${who}, I'll send you each ${words.checkIn} here when its window opens.`;
}

/**
 * For a PG administrator: in the admin channel (`schedule`, `status`), or elsewhere (the tab, their
 * own chat), where the command has to be sent from the PG admin channel.
 */
export function noCycleForAdmins(around: Pick<CyclesAround, 'next' | 'last'>, words: Words, where: 'admin channel' | 'elsewhere' = 'admin channel'): string {
  const here = where === 'admin channel' ? 'here' : 'in the PG admin channel';
  if (around.next) {
    return (
      `No cycle covers today. ${around.last ? `${ended(around.last)} ` : ''}The next one, ${around.next.label}, starts on ${formatLongDate(around.next.startsOn)}: ` +
      `until then no ${words.checkIn}s are prompted. Check its dates with \`schedule\` ${here} and correct any before it starts.`
    );
  }
  return (
    `No cycle covers today. ${around.last ? `${ended(around.last)} ` : 'No cycle has been set up yet. '}` +
    `Start the next one: @mention me ${here} with \`${START_NEXT_CYCLE_COMMAND}\` to preview next year's cycle (from a policy pack, next year's table, or the last one rolled forward to next year's weeks), check its dates and confirm. ` +
    `Until then no ${words.checkIn}s are prompted, and staff who type \`check in\` are told the next cycle is not scheduled yet.`
  );
}
