// Turns a verified identity (a Teams SSO token, or the dev header) into the Actor use cases take:
// the organisation is the tenant, the person is found by Entra object id, or once by email and then
// linked, so later requests find them by oid.
import type { UseCaseContext } from '../usecases/context';
import type { Actor } from '../usecases/access';
import { DomainError } from '../usecases/errors';
import type { TeamsIdentity } from './teamsToken';

export async function resolveCaller(ctx: UseCaseContext, identity: TeamsIdentity, options: { linkByEmail: boolean }): Promise<Actor> {
  const organisation = await ctx.repos.organisations.get(identity.tid);
  if (!organisation) throw new DomainError('organisationUnknown');
  const org = { organisationId: organisation.id };
  let person = await ctx.repos.people.findByEntraObjectId(org, identity.oid);
  if (!person && options.linkByEmail && identity.email) {
    const byEmail = await ctx.repos.people.findByEmail(org, identity.email);
    // Only a person not yet linked: an email must never move a record from one Entra user to another.
    if (byEmail && !byEmail.entraObjectId) {
      await ctx.repos.people.linkEntraObjectId(org, byEmail.id, identity.oid, ctx.now());
      person = { ...byEmail, entraObjectId: identity.oid };
      ctx.logger.info({ organisationId: organisation.id, personId: person.id }, 'linked a person to their Entra object id on first sign-in');
    }
  }
  if (!person) throw new DomainError('notInDirectory');
  return { person, organisation };
}
