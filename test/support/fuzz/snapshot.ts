// A cheap picture of the database for the fuzzer: every document's hash, by collection and
// organisation. Two pictures give what one request wrote: added, changed and removed documents.
import { createHash } from 'node:crypto';
import type { Db } from 'mongodb';

export interface Snapshot {
  /** collection → document _id → [organisationId, hash] */
  docs: Map<string, Map<string, [string, string]>>;
}

export interface Change {
  collection: string;
  organisationId: string;
  id: string;
  change: 'added' | 'changed' | 'removed';
}

const NO_ORGANISATION = '(none)';

export async function snapshot(db: Db): Promise<Snapshot> {
  const collections = await db.listCollections({}, { nameOnly: true }).toArray();
  const docs = new Map<string, Map<string, [string, string]>>();
  await Promise.all(
    collections.map(async ({ name }) => {
      const byId = new Map<string, [string, string]>();
      for (const doc of await db.collection(name).find({}).toArray()) {
        const organisationId = typeof doc.organisationId === 'string' ? doc.organisationId : name === 'organisations' ? String(doc.id ?? doc._id) : NO_ORGANISATION;
        byId.set(String(doc._id), [organisationId, createHash('sha1').update(JSON.stringify(doc)).digest('base64')]);
      }
      docs.set(name, byId);
    }),
  );
  return { docs };
}

export function diff(before: Snapshot, after: Snapshot): Change[] {
  const changes: Change[] = [];
  const names = new Set([...before.docs.keys(), ...after.docs.keys()]);
  for (const collection of names) {
    const b = before.docs.get(collection) ?? new Map<string, [string, string]>();
    const a = after.docs.get(collection) ?? new Map<string, [string, string]>();
    for (const [id, [organisationId, hash]] of a) {
      const old = b.get(id);
      if (!old) changes.push({ collection, organisationId, id, change: 'added' });
      else if (old[1] !== hash) changes.push({ collection, organisationId, id, change: 'changed' });
    }
    for (const [id, [organisationId]] of b) if (!a.has(id)) changes.push({ collection, organisationId, id, change: 'removed' });
  }
  return changes;
}
