// The personal-data map (bot/data/personalData.ts): every declared collection is either mapped or
// named as holding nothing personal, and collect / erase / purge / purgePerson do what subject
// access, erasure and the six-year rule rely on, on the real database.
import { collectionIndexes } from '../../../bot/data/db';
import { ERASED_NAME, ERASED_PERSON_ID, impersonalCollections, personalCollections } from '../../../bot/data/personalData';
import { useDataTestContext } from './dataTestContext';

const context = useDataTestContext('personal_data');
const org = { organisationId: 'org-personal' };
const other = { organisationId: 'org-other' };
const OLD = new Date('2019-07-31T12:00:00Z');
const NEW = new Date('2026-02-27T12:00:00Z');

async function seed(): Promise<void> {
  const { db } = context().database;
  for (const name of personalCollections.map((entry) => entry.collection)) await db.collection(name).deleteMany({});
  for (const scope of [org, other]) {
    const o = scope.organisationId;
    await db.collection('people').insertMany([
      { _id: `${o}:alex`, organisationId: o, displayName: 'Alex Staff', email: 'alex@example.org', entraObjectId: 'oid-alex', createdAt: OLD },
      { _id: `${o}:rita`, organisationId: o, displayName: 'Rita Reviewer', email: 'rita@example.org', createdAt: OLD },
    ] as never[]);
    await db.collection('checkIns').insertMany([
      { _id: `${o}:ci-old`, organisationId: o, personId: `${o}:alex`, cycleId: 'c2018', reviewerId: `${o}:rita`, praise: [{ personId: `${o}:rita`, displayName: 'Rita Reviewer' }], submittedAt: OLD },
      { _id: `${o}:ci-new`, organisationId: o, personId: `${o}:alex`, cycleId: 'c2025', reviewerId: `${o}:rita`, praise: [], submittedAt: NEW },
      { _id: `${o}:ci-rita`, organisationId: o, personId: `${o}:rita`, cycleId: 'c2025', praise: [{ personId: `${o}:alex`, displayName: 'Alex Staff' }], submittedAt: NEW },
    ] as never[]);
    await db.collection('praise').insertMany([
      { _id: `${o}:p-given`, organisationId: o, fromPersonId: `${o}:alex`, toPersonId: `${o}:rita`, message: 'Thanks for the cover', createdAt: NEW },
      { _id: `${o}:p-old`, organisationId: o, fromPersonId: `${o}:rita`, toPersonId: `${o}:alex`, message: 'Great assembly', createdAt: OLD },
    ] as never[]);
    await db.collection('auditLog').insertMany([
      { _id: `${o}:a1`, organisationId: o, at: NEW, actor: { kind: 'person', personId: `${o}:rita` }, action: 'checkIn.acknowledged', subject: { kind: 'check-in', id: `${o}:ci-new` }, details: {} },
      { _id: `${o}:a2`, organisationId: o, at: NEW, actor: { kind: 'person', personId: `${o}:alex` }, action: 'checkIn.acknowledged', subject: { kind: 'check-in', id: `${o}:ci-rita` }, details: {} },
    ] as never[]);
    await db.collection('coachingGroups').insertOne({ _id: `${o}:g1`, organisationId: o, memberIds: [`${o}:alex`, `${o}:rita`], createdAt: OLD } as never);
    await db.collection('decisions').insertOne({ _id: `${o}:d1`, organisationId: o, kind: 'id:rock', subject: `${o}:alex|key-1`, winner: 'r-1', at: OLD } as never);
  }
}

test('every declared collection is either in the personal-data map or named as holding nothing personal', () => {
  const mapped = new Set([...personalCollections.map((entry) => entry.collection), ...impersonalCollections]);
  const missing = collectionIndexes.map((entry) => entry.collection).filter((name) => !mapped.has(name));
  expect(missing).toEqual([]);
});

test('collect finds what is about the person and where they are named, in their organisation only', async () => {
  await seed();
  const found = await context().repositories.personalData.collect(org, 'org-personal:alex');
  expect((found.people ?? []).map((p) => p.displayName)).toEqual(['Alex Staff']);
  expect((found.checkIns ?? []).map((c) => c.id).sort()).toEqual(['org-personal:ci-new', 'org-personal:ci-old', 'org-personal:ci-rita']);
  expect((found.praise ?? []).map((p) => p.id).sort()).toEqual(['org-personal:p-given', 'org-personal:p-old']);
  // The reviewer's acknowledgement of Alex's check-in is about Alex's record; Alex's own action on Rita's is Alex's too.
  expect((found.auditLog ?? []).map((a) => a.id).sort()).toEqual(['org-personal:a1', 'org-personal:a2']);
  expect((found.decisions ?? []).map((d) => d.id)).toEqual(['org-personal:d1']);
  expect(JSON.stringify(found)).not.toContain('org-other');
});

test('erase deletes what is about the person, anonymises them on others\' records and leaves a nameless person', async () => {
  await seed();
  const { personalData } = context().repositories;
  const preview = await personalData.erase(org, 'org-personal:alex', { dryRun: true });
  expect(preview.deleted).toEqual({ checkIns: 2, praise: 1, auditLog: 1, decisions: 1 });
  const done = await personalData.erase(org, 'org-personal:alex', { dryRun: false });
  expect(done).toEqual(preview);
  const { db } = context().database;
  const rita = await db.collection('checkIns').findOne({ _id: 'org-personal:ci-rita' as never });
  expect(rita?.praise).toEqual([{ personId: ERASED_PERSON_ID, displayName: ERASED_NAME }]);
  const given = await db.collection('praise').findOne({ _id: 'org-personal:p-given' as never });
  expect(given).toMatchObject({ fromPersonId: ERASED_PERSON_ID, toPersonId: 'org-personal:rita', message: 'Thanks for the cover' });
  expect((await db.collection('coachingGroups').findOne({ _id: 'org-personal:g1' as never }))?.memberIds).toEqual(['org-personal:rita']);
  const person = await db.collection('people').findOne({ _id: 'org-personal:alex' as never });
  expect(person).toMatchObject({ displayName: ERASED_NAME, erased: true });
  expect(person?.entraObjectId).toBeUndefined();
  // Nothing with the name, the email or the Entra id remains in the organisation; the other organisation is untouched.
  const left = await personalData.collect(org, 'org-personal:alex');
  expect(JSON.stringify(left)).not.toMatch(/Alex Staff|alex@example.org|oid-alex/);
  expect(await db.collection('checkIns').countDocuments({ organisationId: 'org-other' })).toBe(3);
  expect((await db.collection('people').findOne({ _id: 'org-other:alex' as never }))?.displayName).toBe('Alex Staff');
});

test('purge removes old cycles and undated records before the cut-off, keeps what is held and what is kept while active', async () => {
  await seed();
  const { personalData } = context().repositories;
  const options = { cycleIds: ['c2018'], before: new Date('2020-01-01T00:00:00Z'), keepPersonIds: [] as string[] };
  const held = await personalData.purge(org, { ...options, keepPersonIds: ['org-personal:alex'], dryRun: true });
  // Alex is held: their old check-in and the old praise they received stay; the decision has no subject person.
  expect(held).toEqual({ decisions: 1 });
  const counts = await personalData.purge(org, { ...options, dryRun: false });
  expect(counts).toEqual({ checkIns: 1, praise: 1, decisions: 1 });
  expect(await personalData.purge(org, { ...options, dryRun: false })).toEqual({});
  const { db } = context().database;
  expect(await db.collection('people').countDocuments({ organisationId: 'org-personal' })).toBe(2);
  expect(await db.collection('coachingGroups').countDocuments({ organisationId: 'org-personal' })).toBe(1);
  expect(await db.collection('checkIns').countDocuments({ organisationId: 'org-other' })).toBe(3);
});

test('purgePerson removes a leaver entirely, their person document too, and keeps the thanks they gave anonymised', async () => {
  await seed();
  const counts = await context().repositories.personalData.purgePerson(org, 'org-personal:alex', { dryRun: false });
  expect(counts).toMatchObject({ people: 1, checkIns: 2, praise: 1 });
  const { db } = context().database;
  expect(await db.collection('people').countDocuments({ _id: 'org-personal:alex' as never })).toBe(0);
  expect(await db.collection('praise').findOne({ _id: 'org-personal:p-given' as never })).toMatchObject({ fromPersonId: ERASED_PERSON_ID });
});
