// What someone who asks for a check-in between cycles is told, and who else hears about it: with no
// cycle scheduled, the PG administrators are asked (once per gap) to start the next one.
import type { Organisation, Person } from '../../shared/domain';
import { notifyAdminsNoCycle } from '../notifications/notify';
import type { CyclesAround } from '../schedule/cycles';
import { noCycleForAdmins, noCycleForStaff } from '../schedule/cycleWords';
import { isPgAdmin } from './access';
import type { UseCaseContext } from './context';

/** The reply to `check in` when no cycle covers today. */
export async function noCycleReply(ctx: UseCaseContext, organisation: Organisation, person: Person, around: CyclesAround): Promise<string> {
  const words = organisation.policy.vocabulary;
  if (isPgAdmin(organisation, person)) return noCycleForAdmins(around, words, 'elsewhere');
  if (around.next) return noCycleForStaff(around, words);
  const asked = await askAdmins(ctx, organisation, person, around);
  return noCycleForStaff(around, words, asked);
}

/** True when at least one PG administrator has been (or already was) told. */
async function askAdmins(ctx: UseCaseContext, organisation: Organisation, person: Person, around: CyclesAround): Promise<boolean> {
  const people = await ctx.repos.people.listActive({ organisationId: organisation.id });
  const admins = people.filter((p) => p.id !== person.id && isPgAdmin(organisation, p));
  if (admins.length === 0) return false;
  const text = `${person.displayName} asked for a ${organisation.policy.vocabulary.checkIn}, and none can be given. ${noCycleForAdmins(around, organisation.policy.vocabulary, 'elsewhere')}`;
  await notifyAdminsNoCycle(ctx, { organisationId: organisation.id, gapKey: around.last?.id ?? 'none', adminIds: admins.map((a) => a.id), text });
  return true;
}
