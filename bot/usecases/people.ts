// Who someone is in the staff directory: the person behind a Teams user or a tab sign-in, and the
// colleagues a handler needs by id or by name. Read through here, not the repositories.
import type { Person } from '../../shared/domain';
import type { OrganisationScope } from '../data/organisationScope';
import type { UseCaseContext } from './context';

/** A Teams user as an activity describes them; the email costs a Bot Connector call, so it is asked for lazily. */
export interface TeamsUser {
  organisationId: string | undefined;
  entraObjectId?: string;
  name?: string;
  email?: () => Promise<string | undefined>;
}

/**
 * The directory entry behind a Teams user: by Entra object id, else by the email Teams reports.
 * With `link`, a person found by email who has no object id yet is linked to this one, so the
 * next turn finds them by object id. With `unlinkedOnly`, a person found by email who is linked to
 * another Entra user is not this one: an email must never move a record between Entra users.
 */
export async function identifyPerson(ctx: UseCaseContext, user: TeamsUser, options: { link: boolean; unlinkedOnly?: boolean }): Promise<Person | null> {
  if (!user.organisationId) return null;
  const org = { organisationId: user.organisationId };
  if (user.entraObjectId) {
    const person = await ctx.repos.people.findByEntraObjectId(org, user.entraObjectId);
    if (person) return person;
  }
  let email: string | undefined;
  try {
    email = await user.email?.();
  } catch {
    return null;
  }
  const person = email ? await ctx.repos.people.findByEmail(org, email) : null;
  if (person && options.link && user.entraObjectId && !person.entraObjectId) {
    await ctx.repos.people.linkEntraObjectId(org, person.id, user.entraObjectId, ctx.now());
    ctx.logger.info({ organisationId: org.organisationId, personId: person.id }, 'linked a person to their Entra object id');
    return { ...person, entraObjectId: user.entraObjectId };
  }
  if (person && options.unlinkedOnly && person.entraObjectId && person.entraObjectId !== user.entraObjectId) return null;
  return person;
}

/** A colleague in the same organisation, by id; null when the directory no longer has them. */
export async function findColleague(ctx: UseCaseContext, org: OrganisationScope, personId: string | undefined): Promise<Person | null> {
  return personId ? ctx.repos.people.get(org, personId) : null;
}

/** The people with these ids in the organisation, by id (names for presenting records). */
export async function peopleById(ctx: UseCaseContext, org: OrganisationScope, ids: Iterable<string>): Promise<Map<string, Person>> {
  const people = await ctx.repos.people.getMany(org, [...new Set(ids)]);
  return new Map(people.map((p) => [p.id, p]));
}

/** The praise picker's typeahead: colleagues still in the process, never the person typing. */
export async function searchColleagues(ctx: UseCaseContext, org: OrganisationScope, text: string, exceptEntraObjectId: string | undefined): Promise<Person[]> {
  const trimmed = text.trim();
  if (trimmed.length === 0) return [];
  const people = await ctx.repos.people.search(org, trimmed, 15);
  return people.filter((p) => p.status !== 'excluded' && p.entraObjectId !== exceptEntraObjectId);
}

/** Local sign-in (AUTH_MODE=dev): up to 50 people one can sign in as, across organisations. */
export async function devSignInPeople(ctx: UseCaseContext): Promise<Array<{ displayName: string; entraObjectId: string; organisationId: string }>> {
  const people: Array<{ displayName: string; entraObjectId: string; organisationId: string }> = [];
  for (const organisation of await ctx.repos.organisations.list()) {
    for (let page = 1; people.length < 50; page++) {
      const batch = await ctx.repos.people.list({ organisationId: organisation.id }, { page, pageSize: 200 });
      for (const p of batch.items) if (p.entraObjectId && people.length < 50) people.push({ displayName: p.displayName, entraObjectId: p.entraObjectId, organisationId: p.organisationId });
      if (!batch.hasMore) break;
    }
  }
  return people;
}

/** Everyone in the organisation's directory, leavers and the excluded too, read a page at a time. */
export async function everyoneIn(ctx: UseCaseContext, organisationId: string): Promise<Person[]> {
  const people: Person[] = [];
  for (let page = 1; ; page += 1) {
    const batch = await ctx.repos.people.list({ organisationId }, { page, pageSize: 200 });
    people.push(...batch.items);
    if (!batch.hasMore) return people;
  }
}
