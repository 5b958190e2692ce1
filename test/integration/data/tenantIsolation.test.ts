// Two organisations with overlapping emails, Entra ids, person, event and subject references:
// every read for one organisation must return only its own documents.
import {
  buildAuditEntry,
  buildCheckIn,
  buildComment,
  buildConversationReference,
  buildCycle,
  buildOrganisation,
  buildOutboxJob,
  buildPerson,
  buildPraise,
  buildRock,
  buildScheduleEvent,
} from '../../support/builders';
import { useDataTestContext } from './dataTestContext';
import type { Repositories } from '../../../bot/data/db';

const context = useDataTestContext('tenants');
const repos = (): Repositories => context().repositories;

const orgA = { organisationId: 'tenant-a' };
const orgB = { organisationId: 'tenant-b' };
const ids = { a: {} as Record<string, string>, b: {} as Record<string, string> };

/** The same ids of related things (person, event, check-in subject) in both organisations. */
const shared = { personId: 'p-1', reviewerId: 'p-2', eventId: 'e-1', cycleId: 'c-1', checkInId: 'ci-1', email: 'same@school.example', oid: 'oid-same', key: '29:same-user' };

async function seed(org: { organisationId: string }, mine: Record<string, string>, marker: string) {
  const r = repos();
  await r.organisations.upsert(buildOrganisation({ id: org.organisationId, name: marker }));
  const cycle = buildCycle({ ...org, key: 'cycle-2025-26' });
  await r.cycles.upsert(org, cycle);
  mine.cycle = cycle.id;
  const event = buildScheduleEvent({ ...org, cycleId: shared.cycleId, key: 'check-in-1', title: marker });
  await r.scheduleEvents.insertMany(org, [event]);
  mine.event = event.id;
  const person = buildPerson({ ...org, displayName: `Sam ${marker}`, email: shared.email, entraObjectId: shared.oid, reviewerId: shared.reviewerId });
  await r.people.upsertMany(org, [person]);
  mine.person = person.id;
  const checkIn = buildCheckIn({ ...org, personId: shared.personId, eventId: shared.eventId, cycleId: shared.cycleId, praiseMessage: marker });
  await r.checkIns.submit(org, checkIn);
  mine.checkIn = checkIn.id;
  const rock = buildRock({ ...org, personId: shared.personId, cycleId: shared.cycleId, status: 'proposed', title: marker });
  await r.rocks.create(org, rock);
  mine.rock = rock.id;
  await r.praise.insert(org, [buildPraise({ ...org, fromPersonId: shared.reviewerId, toPersonId: shared.personId, message: marker })]);
  await r.comments.add(org, buildComment({ ...org, subject: { kind: 'check-in', id: shared.checkInId }, text: marker }));
  await r.conversationReferences.upsert(org, buildConversationReference({ ...org, key: shared.key, personId: shared.personId, entraObjectId: shared.oid, conversationId: marker }));
  const job = buildOutboxJob({ ...org, idempotencyKey: `prompt:${org.organisationId}:${shared.eventId}:${shared.personId}`, eventId: shared.eventId, personId: shared.personId, payload: { marker } });
  await r.outboxJobs.enqueue(org, job);
  mine.job = job.id;
  await r.auditLog.append(org, buildAuditEntry({ ...org, subject: { kind: 'check-in', id: shared.checkInId }, details: { marker } }));
}

beforeAll(async () => {
  await seed(orgA, ids.a, 'A');
  await seed(orgB, ids.b, 'B');
});

describe.each([
  ['A', orgA, () => ids.a, () => ids.b],
  ['B', orgB, () => ids.b, () => ids.a],
] as const)('organisation %s sees only its own documents', (marker, org, mine, theirs) => {
  test('organisations and cycles', async () => {
    expect((await repos().organisations.get(org.organisationId))?.name).toBe(marker);
    expect((await repos().cycles.list(org)).map((c) => c.id)).toEqual([mine().cycle]);
    expect(await repos().cycles.get(org, theirs().cycle!)).toBeNull();
  });

  test('schedule events', async () => {
    expect((await repos().scheduleEvents.list(org, shared.cycleId)).map((e) => e.title)).toEqual([marker]);
    expect((await repos().scheduleEvents.findByKey(org, shared.cycleId, 'check-in-1'))?.id).toBe(mine().event);
    expect(await repos().scheduleEvents.get(org, theirs().event!)).toBeNull();
  });

  test('people', async () => {
    const r = repos().people;
    expect((await r.findByEmail(org, shared.email))?.id).toBe(mine().person);
    expect((await r.findByEntraObjectId(org, shared.oid))?.id).toBe(mine().person);
    expect(await r.get(org, theirs().person!)).toBeNull();
    expect((await r.getMany(org, [mine().person!, theirs().person!])).map((p) => p.id)).toEqual([mine().person]);
    expect((await r.listActive(org)).map((p) => p.id)).toEqual([mine().person]);
    expect((await r.list(org)).items.map((p) => p.id)).toEqual([mine().person]);
    expect((await r.listReviewees(org, shared.reviewerId)).map((p) => p.id)).toEqual([mine().person]);
    expect((await r.search(org, 'sam', 10)).map((p) => p.displayName)).toEqual([`Sam ${marker}`]);
    expect(await r.setReachable(org, theirs().person!, false, 'nope')).toBe(false);
    expect(await r.linkEntraObjectId(org, theirs().person!, 'oid-x')).toBe(false);
  });

  test('check-ins', async () => {
    const r = repos().checkIns;
    expect((await r.findForPersonAndEvent(org, shared.personId, shared.eventId))?.id).toBe(mine().checkIn);
    expect((await r.listForPerson(org, shared.personId)).map((c) => c.praiseMessage)).toEqual([marker]);
    expect((await r.listForEvent(org, shared.eventId)).map((c) => c.id)).toEqual([mine().checkIn]);
    expect(await r.countForEvent(org, shared.eventId)).toBe(1);
    expect(await r.get(org, theirs().checkIn!)).toBeNull();
    expect(await r.setAcknowledgement(org, theirs().checkIn!, { byPersonId: 'x', at: new Date() })).toBe(false);
    expect(await r.setReviewerResponse(org, theirs().checkIn!, { byPersonId: 'x', at: new Date(), text: 'x', anchor: 'general' })).toBeNull();
    expect(await r.setCard(org, theirs().checkIn!, { conversationId: 'x', activityId: 'x' })).toBe(false);
  });

  test('rocks', async () => {
    const r = repos().rocks;
    expect((await r.listForPerson(org, shared.personId)).map((x) => x.title)).toEqual([marker]);
    expect((await r.listAwaitingAgreement(org, [shared.personId])).map((x) => x.id)).toEqual([mine().rock]);
    expect(await r.get(org, theirs().rock!)).toBeNull();
    expect(await r.updateIfVersion(org, theirs().rock!, 0, { title: 'hijack' })).toBeNull();
  });

  test('praise, comments and audit', async () => {
    expect((await repos().praise.listReceived(org, shared.personId)).items.map((p) => p.message)).toEqual([marker]);
    expect((await repos().praise.listGiven(org, shared.reviewerId)).items.map((p) => p.message)).toEqual([marker]);
    expect((await repos().comments.listForSubject(org, { kind: 'check-in', id: shared.checkInId })).map((c) => c.text)).toEqual([marker]);
    expect((await repos().auditLog.list(org)).items.map((e) => e.details.marker)).toEqual([marker]);
    expect((await repos().auditLog.list(org, { subjectId: shared.checkInId })).items.map((e) => e.details.marker)).toEqual([marker]);
  });

  test('conversation references', async () => {
    const r = repos().conversationReferences;
    expect((await r.get(org, shared.key))?.conversationId).toBe(marker);
    expect((await r.findPersonal(org, { personId: shared.personId }))?.conversationId).toBe(marker);
    expect((await r.findPersonal(org, { entraObjectId: shared.oid }))?.conversationId).toBe(marker);
    expect((await r.list(org)).items.map((c) => c.conversationId)).toEqual([marker]);
  });

  test('outbox jobs (admin side)', async () => {
    const r = repos().outboxJobs;
    expect((await r.get(org, mine().job!))?.payload).toEqual({ marker });
    expect(await r.get(org, theirs().job!)).toBeNull();
    expect(await r.findByIdempotencyKey(org, `prompt:${org.organisationId === orgA.organisationId ? orgB.organisationId : orgA.organisationId}:${shared.eventId}:${shared.personId}`)).toBeNull();
    expect(await r.countByStatus(org)).toMatchObject({ pending: 1 });
  });
});

describe('writes stay in their organisation', () => {
  test('admin outbox operations on one organisation leave the other alone', async () => {
    const r = repos().outboxJobs;
    expect(await r.reschedule(orgA, { eventId: shared.eventId }, new Date('2030-01-01T00:00:00Z'))).toBe(1);
    expect((await r.get(orgB, ids.b.job!))?.notBefore).toEqual(new Date('2026-02-27T09:00:00.000Z'));
  });

  test('a write of another organisation’s document is refused', async () => {
    await expect(repos().checkIns.submit(orgA, buildCheckIn(orgB))).rejects.toThrow(/organisation/);
    await expect(repos().people.upsertMany(orgA, [buildPerson(orgB)])).rejects.toThrow(/organisation/);
  });

  test('an id already used in another organisation is not overwritten', async () => {
    const takeover = buildCycle({ ...orgB, id: ids.a.cycle!, key: 'takeover' });
    await expect(repos().cycles.upsert(orgB, takeover)).rejects.toMatchObject({ code: 11000 });
    expect((await repos().cycles.get(orgA, ids.a.cycle!))?.key).toBe('cycle-2025-26');
  });

  test('deleting or uninstalling a conversation reference affects one organisation', async () => {
    const r = repos().conversationReferences;
    expect(await r.markUninstalled(orgA, shared.key)).toBe(true);
    expect(await r.findPersonal(orgA, { personId: shared.personId })).toBeNull();
    expect(await r.findPersonal(orgB, { personId: shared.personId })).not.toBeNull();
    expect(await r.delete(orgA, shared.key)).toBe(true);
    expect(await r.get(orgB, shared.key)).not.toBeNull();
  });

  test('a scope without an organisation id is refused at run time too', async () => {
    await expect(repos().people.get({ organisationId: '' }, 'p-1')).rejects.toThrow(/organisation id/);
  });
});
