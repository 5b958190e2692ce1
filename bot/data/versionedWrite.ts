// "Change it only if it is still at version N" (an admin moving an event, a reviewer agreeing a
// rock), made safe on FerretDB 1.x, whose updates are not atomic: `updateOne({version: 3}, …)` can
// succeed for two concurrent writers. So the decision comes first, as a unique insert
// (Decisions.take, `<id>@v<N>`), and only its winner writes. The decision carries the write itself,
// so if the winner dies between the two, a later caller completes it rather than leaving the
// document stuck at N with nobody able to move it on.
import { randomUUID } from 'node:crypto';
import type { Collection, Filter, UpdateFilter } from 'mongodb';
import type { Decisions } from './atomic';
import { byIdInOrganisation, type OrganisationScope } from './organisationScope';
import { setAndUnset, withoutUndefined } from './storedDocument';

/** How long a winner may take to write before another caller completes the write for it. */
export const WINNER_WRITE_GRACE_MS = 30_000;

export interface VersionedChange {
  /** Fields to set (undefined values are removed). */
  changes: Record<string, unknown>;
  /** An entry to append to an array field, e.g. a rock's history. */
  push?: { field: string; value: unknown };
}

interface VersionedDocument {
  _id: string;
  organisationId: string;
  version: number;
}

/**
 * Applies the change and moves the version from `expectedVersion` to the next, if this caller is
 * the one to move it. The document after the write, or null when it is gone or someone else moved
 * that version first.
 */
export async function updateAtVersion<T extends VersionedDocument>(
  decisions: Decisions,
  collection: Collection<T>,
  scope: OrganisationScope,
  kind: string,
  id: string,
  expectedVersion: number,
  change: VersionedChange,
): Promise<T | null> {
  const atVersion = { ...byIdInOrganisation(scope, id), version: expectedVersion } as Filter<T>;
  if (!(await collection.findOne(atVersion))) return null;
  const subject = `${id}@v${expectedVersion}`;
  const details = withoutUndefined({ set: definedOnly(change.changes), unset: undefinedKeys(change.changes), push: change.push });
  if (!(await decisions.take(scope, kind, subject, randomUUID(), new Date(), details))) {
    await completeAbandonedWrite(decisions, collection, scope, kind, subject, atVersion, expectedVersion);
    return null;
  }
  await collection.updateOne(atVersion, updateOf<T>(details, expectedVersion));
  return (await collection.findOne(byIdInOrganisation(scope, id) as Filter<T>)) as T | null;
}

/** The winner of this version took the decision long ago and the document is still at it: it died; write for it. */
async function completeAbandonedWrite<T extends VersionedDocument>(
  decisions: Decisions,
  collection: Collection<T>,
  scope: OrganisationScope,
  kind: string,
  subject: string,
  atVersion: Filter<T>,
  expectedVersion: number,
): Promise<void> {
  const decision = await decisions.find(scope, kind, subject);
  if (!decision?.details || Date.now() - decision.at.getTime() < WINNER_WRITE_GRACE_MS) return;
  await collection.updateOne(atVersion, updateOf<T>(decision.details as unknown as StoredChange, expectedVersion));
}

interface StoredChange {
  set: Record<string, unknown>;
  unset: string[];
  push?: { field: string; value: unknown };
}

function updateOf<T extends VersionedDocument>(change: StoredChange, expectedVersion: number): UpdateFilter<T> {
  const unset = Object.fromEntries(change.unset.map((key) => [key, undefined]));
  const { $set, $unset } = setAndUnset({ ...change.set, ...unset });
  // The next version is set, not $inc'ed: completing an abandoned write twice lands on the same version.
  return {
    $set: { ...$set, version: expectedVersion + 1 },
    ...($unset ? { $unset } : {}),
    ...(change.push ? { $push: { [change.push.field]: change.push.value } } : {}),
  } as unknown as UpdateFilter<T>;
}

function definedOnly(changes: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
}

function undefinedKeys(changes: Record<string, unknown>): string[] {
  return Object.entries(changes)
    .filter(([, value]) => value === undefined)
    .map(([key]) => key);
}
