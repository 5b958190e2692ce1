// How domain objects are stored: `id` becomes MongoDB's `_id`, and undefined fields are left out
// (the driver would otherwise store them as null, which the domain types do not allow).
import { MongoBulkWriteError, MongoServerError } from 'mongodb';

export type Stored<T extends { id: string }> = Omit<T, 'id'> & { _id: string };

export function toStored<T extends { id: string }>(entity: T): Stored<T> {
  const { id, ...rest } = withoutUndefined(entity);
  return { _id: id, ...rest } as unknown as Stored<T>;
}

/** The domain object back from a stored document: `_id` becomes `id` again. */
export function fromStored<D extends { _id: string }>(document: D): Omit<D, '_id'> & { id: string } {
  const { _id, ...rest } = document;
  return { id: _id, ...rest };
}

export function fromStoredOrNull<D extends { _id: string }>(document: D | null): (Omit<D, '_id'> & { id: string }) | null {
  return document ? fromStored(document) : null;
}

/** A copy without undefined properties, at any depth of plain objects and arrays. */
export function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => withoutUndefined(item)) as unknown as T;
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item !== undefined) copy[key] = withoutUndefined(item);
  }
  return copy as T;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/**
 * A partial change as update operators: defined values go to `$set`, keys given as undefined to
 * `$unset`. Empty operators are left out (FerretDB refuses an empty `$set`).
 */
export function setAndUnset(changes: Record<string, unknown>): { $set?: Record<string, unknown>; $unset?: Record<string, ''> } {
  const $set: Record<string, unknown> = {};
  const $unset: Record<string, ''> = {};
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) $unset[key] = '';
    else $set[key] = withoutUndefined(value);
  }
  return {
    ...(Object.keys($set).length > 0 ? { $set } : {}),
    ...(Object.keys($unset).length > 0 ? { $unset } : {}),
  };
}

export const DUPLICATE_KEY = 11000;

export function isDuplicateKeyError(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === DUPLICATE_KEY;
}

/**
 * For an unordered insertMany that may repeat documents already stored: how many were new.
 * Duplicates are expected (retries, re-publishing); any other write error is rethrown.
 */
export function insertedCountIgnoringDuplicates(error: unknown): number {
  if (!(error instanceof MongoBulkWriteError)) throw error;
  const writeErrors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
  if (writeErrors.length === 0 || writeErrors.some((e) => e.code !== DUPLICATE_KEY)) throw error;
  return error.insertedCount;
}
