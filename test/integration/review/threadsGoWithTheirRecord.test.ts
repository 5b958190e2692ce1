// Review of issue 16: a thread comment, a moderation note and a career comment belong to a record of
// a cycle (the check-in, the rock, the career conversation) and carry no cycle themselves. Counted by
// their own date they went up to a year before the record they belong to (a cycle's records stay
// six years after its END): the check-in stayed with its thread gone. They go with their record.
import { randomUUID } from 'node:crypto';
import { createRepositories, ensureIndexes, type Repositories } from '../../../bot/data/db';
import { createLogger } from '../../../bot/logger';
import { retentionPlan, runRetention } from '../../../bot/usecases/retention';
import { buildAuditEntry, buildCheckIn, buildComment, buildCycle, buildOrganisation, buildPerson, buildPolicy, buildRock } from '../../support/builders';
import { openTestDatabase, type TestDatabase } from '../../support/database';

const OCT_2019 = new Date('2019-10-02T10:00:00.000Z');

describe('retention: what belongs to a cycle’s record goes with it, not before', () => {
  let database: TestDatabase;
  let repos: Repositories;
  beforeAll(async () => {
    database = await openTestDatabase('threadsgowith');
    await ensureIndexes(database.db);
    repos = createRepositories(database.db);
  });
  afterAll(async () => database.drop());

  it('keeps the thread, the moderation note and the career comment while their check-in, rock and conversation stay, and purges them together', async () => {
    const org = buildOrganisation({ id: randomUUID(), name: 'Thread Trust', policy: buildPolicy({}) });
    await repos.organisations.upsert(org);
    const a = { organisationId: org.id };
    const alice = buildPerson({ organisationId: org.id, entraObjectId: randomUUID(), displayName: 'Alice Teacher' });
    const rita = buildPerson({ organisationId: org.id, entraObjectId: randomUUID(), displayName: 'Rita Reviewer' });
    await repos.people.upsertMany(a, [alice, rita]);
    const cycle = buildCycle({ organisationId: org.id, key: '2019-20', label: '2019-20', startsOn: '2019-09-01', endsOn: '2020-07-22' });
    await repos.cycles.upsert(a, cycle);
    const checkIn = buildCheckIn({ organisationId: org.id, personId: alice.id, cycleId: cycle.id, eventId: '2019-20-check-in-1', submittedAt: OCT_2019, createdAt: OCT_2019, updatedAt: OCT_2019 });
    await repos.checkIns.submit(a, checkIn);
    const rock = buildRock({ organisationId: org.id, personId: alice.id, cycleId: cycle.id, createdAt: OCT_2019, updatedAt: OCT_2019 });
    await repos.rocks.create(a, rock);
    await repos.comments.add(a, buildComment({ organisationId: org.id, subject: { kind: 'check-in', id: checkIn.id }, ownerPersonId: alice.id, authorPersonId: rita.id, text: 'Lovely plenary', createdAt: OCT_2019 }));
    await repos.auditLog.append(a, buildAuditEntry({ organisationId: org.id, at: OCT_2019, action: 'checkIn.acknowledged', subject: { kind: 'check-in', id: checkIn.id } }));
    await repos.auditLog.append(a, buildAuditEntry({ organisationId: org.id, at: OCT_2019, action: 'rock.agreed', subject: { kind: 'rock', id: rock.id } }));
    const db = database.db;
    const conversationId = `${cycle.id}:${alice.id}`;
    await db.collection('careerConversations').insertOne({ _id: conversationId as never, organisationId: org.id, personId: alice.id, cycleId: cycle.id, reviewerId: rita.id, createdAt: OCT_2019, updatedAt: OCT_2019 });
    await db.collection('careerComments').insertOne({ _id: conversationId as never, organisationId: org.id, personId: alice.id, text: 'I want to lead science', createdAt: OCT_2019, updatedAt: OCT_2019 });
    await db.collection('moderationNotes').insertOne({ _id: `note-${randomUUID()}` as never, organisationId: org.id, rockId: rock.id, personId: alice.id, authorId: rita.id, text: 'Sharpen the criteria', createdAt: OCT_2019 });
    const ctx = (at: Date) => ({ repos, now: () => at, logger: createLogger('silent') });
    const left = async () => Object.fromEntries(await Promise.all(['checkIns', 'rocks', 'comments', 'careerConversations', 'careerComments', 'moderationNotes', 'auditLog'].map(async (c) => [c, await db.collection(c).countDocuments({ organisationId: org.id, ...(c === 'auditLog' ? { action: { $ne: 'retention.purged' } } : {}) })])));

    // 2026-02-27: the cycle's records are due on 2026-07-23; six years after their own date has passed.
    const before = new Date('2026-02-27T12:00:00.000Z');
    await runRetention(ctx(before), org, before);
    expect(await left()).toEqual({ checkIns: 1, rocks: 1, comments: 1, careerConversations: 1, careerComments: 1, moderationNotes: 1, auditLog: 2 });

    // Once the cycle is due, the report counts them in the cycle's purge, and the run takes them together.
    const after = new Date('2026-07-23T12:00:00.000Z');
    const plan = await retentionPlan(ctx(after), org, after);
    expect(plan.due.find((p) => p.kind === 'cycle')?.counts).toMatchObject({ checkIns: 1, rocks: 1, comments: 1, careerConversations: 1, careerComments: 1, moderationNotes: 1, auditLog: 2 });
    await runRetention(ctx(after), org, after);
    expect(await left()).toEqual({ checkIns: 0, rocks: 0, comments: 0, careerConversations: 0, careerComments: 0, moderationNotes: 0, auditLog: 0 });
    // The purges' own entries stay.
    expect(await db.collection('auditLog').countDocuments({ organisationId: org.id, action: 'retention.purged' })).toBeGreaterThan(0);
  });
});
