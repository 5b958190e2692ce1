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

/** One thank-you: a giver's words to one or more colleagues (a Praise document each). */
export interface ThankYou {
  id: string;
  from: Person | undefined;
  fromPersonId: string;
  to: Array<{ id: string; person: Person | undefined }>;
  message: string;
  createdAt: Date;
}

const WALL_SIZE = 200;

/**
 * The signed-in person's praise wall: what they received (each as it reached them: from whom, to
 * them) or what they gave (one card per thank-you, with everyone it went to), newest first. Only
 * their own: praise is public to its recipient and its giver, and no policy makes a trust-wide wall.
 */
export async function listThankYous(ctx: UseCaseContext, actor: Actor, direction: 'received' | 'given'): Promise<{ items: ThankYou[]; hasMore: boolean }> {
  const org = scopeOf(actor);
  const me = actor.person.id;
  const found = direction === 'received' ? await ctx.repos.praise.listReceived(org, me, { page: 1, pageSize: WALL_SIZE }) : await ctx.repos.praise.listGiven(org, me, { page: 1, pageSize: WALL_SIZE });
  const people = await ctx.repos.people.getMany(org, [...new Set(found.items.flatMap((p) => [p.fromPersonId, p.toPersonId]))]);
  const byId = new Map(people.map((p) => [p.id, p]));
  const cards = new Map<string, ThankYou>();
  for (const praise of found.items) {
    // A thank-you's praise share an id before ":<recipient>" (check-in, chat request, or the tab's id).
    const key = direction === 'given' ? `${thankYouKey(praise)}\u0000${praise.message}` : praise.id;
    const card = cards.get(key);
    if (card) {
      card.to.push({ id: praise.toPersonId, person: byId.get(praise.toPersonId) });
      continue;
    }
    cards.set(key, {
      id: praise.id,
      from: byId.get(praise.fromPersonId),
      fromPersonId: praise.fromPersonId,
      to: [{ id: praise.toPersonId, person: byId.get(praise.toPersonId) }],
      message: praise.message,
      createdAt: praise.createdAt,
    });
  }
  return { items: [...cards.values()], hasMore: found.hasMore };
}

function thankYouKey(praise: Praise): string {
  const suffix = `:${praise.toPersonId}`;
  return praise.id.endsWith(suffix) ? praise.id.slice(0, -suffix.length) : praise.id;
}
