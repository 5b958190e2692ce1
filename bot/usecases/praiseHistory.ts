// Praise given and received (seed 001's "@-praise"). The list never carries the check-in a praise
// came from: the recipient sees the thanks, not their colleague's check-in.
import type { Person, Praise } from '../../shared/domain';
import type { Page, PageRequest } from '../data/paging';
import { loadReadablePerson, scopeOf, type Actor } from './access';
import type { UseCaseContext } from './context';

export type PraiseWithPeople = Omit<Praise, 'checkInId'> & { from?: Person; to?: Person };

export async function listPraise(
  ctx: UseCaseContext,
  actor: Actor,
  personId: string,
  direction: 'received' | 'given',
  page: PageRequest,
): Promise<{ person: Person; page: Page<PraiseWithPeople> }> {
  const { person } = await loadReadablePerson(ctx, actor, personId, 'praise');
  const org = scopeOf(actor);
  const found = direction === 'received' ? await ctx.repos.praise.listReceived(org, person.id, page) : await ctx.repos.praise.listGiven(org, person.id, page);
  const people = await ctx.repos.people.getMany(org, found.items.flatMap((p) => [p.fromPersonId, p.toPersonId]));
  const byId = new Map(people.map((p) => [p.id, p]));
  const items = found.items.map(({ checkInId: _checkIn, ...praise }) => ({ ...praise, from: byId.get(praise.fromPersonId), to: byId.get(praise.toPersonId) }));
  return { person, page: { ...found, items } };
}
