// Turns a verified Teams identity (tenant, object id, email) into the Actor use cases take:
// the organisation is the tenant, the person is found by Entra object id, or once by email and then
// linked, so later requests find them by oid.
import type { UseCaseContext } from '../usecases/context';
import type { Actor } from '../usecases/access';
import { DomainError } from '../usecases/errors';
import { findOrganisation } from '../usecases/organisations';
import { identifyPerson } from '../usecases/people';
import type { TeamsIdentity } from './teamsToken';

export async function resolveCaller(ctx: UseCaseContext, identity: TeamsIdentity, options: { linkByEmail: boolean }): Promise<Actor> {
  const organisation = await findOrganisation(ctx, identity.tid);
  if (!organisation) throw new DomainError('organisationUnknown');
  const email = options.linkByEmail && identity.email ? identity.email : undefined;
  const person = await identifyPerson(
    ctx,
    { organisationId: organisation.id, entraObjectId: identity.oid, email: async () => email },
    { link: true, unlinkedOnly: true },
  );
  if (!person) throw new DomainError('notInDirectory');
  return { person, organisation };
}
