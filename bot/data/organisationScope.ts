// Every query names its organisation (STYLE.md §3): repository methods take an OrganisationScope
// first, so a call that forgets the tenant does not compile. Any entity with an organisationId
// (a Person, a CheckIn, the signed-in user's context) is a scope.
import type { OrganisationId } from '../../shared/domain';

export interface OrganisationScope {
  readonly organisationId: OrganisationId;
}

/** The scope's organisation id, refusing an empty one that a cast or `any` let through. */
export function organisationIdOf(scope: OrganisationScope): OrganisationId {
  const id = scope?.organisationId;
  if (typeof id !== 'string' || id.length === 0) {
    throw new TypeError('a repository query needs an organisation id (got none)');
  }
  return id;
}

/** The filter every tenant-scoped query starts from. */
export function inOrganisation(scope: OrganisationScope): { organisationId: OrganisationId } {
  return { organisationId: organisationIdOf(scope) };
}

/** Writes take the scope too, and refuse a document that belongs to another organisation. */
export function assertSameOrganisation(scope: OrganisationScope, entity: { organisationId: string }): void {
  const organisationId = organisationIdOf(scope);
  if (entity.organisationId !== organisationId) {
    throw new Error(`refusing to write a document of organisation ${entity.organisationId} in the scope of ${organisationId}`);
  }
}

/** The filter for one document of the organisation: its id and the organisation, both in the database filter. */
export function byIdInOrganisation(scope: OrganisationScope, id: string): { organisationId: OrganisationId; _id: string } {
  return { ...inOrganisation(scope), _id: id };
}
