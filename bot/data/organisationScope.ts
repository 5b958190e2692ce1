// Every query names its organisation (STYLE.md §3): repository methods take an OrganisationScope
// first, so a call that forgets the tenant does not compile. Any entity with an organisationId
// (a Person, a CheckIn, the signed-in user's context) is a scope.
import type { Collection, Filter, WithId } from 'mongodb';
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

/**
 * A document by id, if it belongs to the organisation. The filter is exactly {_id} because that is
 * the one filter FerretDB's SQLite backend pushes down to an index (2 ms instead of a scan of the
 * collection); the organisation is then checked on the document itself.
 */
export async function findByIdInOrganisation<T extends { _id: string; organisationId: string }>(
  collection: Collection<T>,
  scope: OrganisationScope,
  id: string,
): Promise<WithId<T> | null> {
  const organisationId = organisationIdOf(scope);
  const row = await collection.findOne({ _id: id } as Filter<T>);
  return row && row.organisationId === organisationId ? row : null;
}
