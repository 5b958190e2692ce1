// The check-in use case takes a typed submission (shared/api/checkIns.ts), not a card's fields:
// the tab could call it as the bot does. Through the real database.
import type { Runtime } from '../../../bot/runtime';
import { submitCheckIn } from '../../../bot/usecases/checkIns';
import { importDirectory, parseDirectoryFile } from '../../../bot/usecases/directory';
import { ensureOrganisation, eventIdFor } from '../../../bot/usecases/organisations';
import type { Person } from '../../../shared/domain';
import { TEST_TENANT } from '../../support/activities';
import { startTestRuntime } from '../../support/runtime';

const CHECK_IN_6 = eventIdFor(TEST_TENANT, '2025-26', 'check-in-6');
const DURING_CHECK_IN_6 = new Date('2026-02-27T10:00:00Z');
const DIRECTORY = `name,email,entraObjectId,school,role,reviewer
Alex Wilber,alexw@example.com,oid-alex,Central,teacher,meganb@example.com
Megan Bowen,meganb@example.com,oid-megan,Central,leader,
`;

describe('submitCheckIn with a typed submission', () => {
  let runtime: Runtime;
  let alex: Person;
  let megan: Person;

  beforeAll(async () => {
    runtime = await startTestRuntime({}, { clock: () => DURING_CHECK_IN_6 });
    await ensureOrganisation(runtime.ctx, { organisationId: TEST_TENANT, policyId: 'tsfe-2025-26' });
    await importDirectory(runtime.ctx, TEST_TENANT, parseDirectoryFile(DIRECTORY, 'csv'));
    alex = (await runtime.repos.people.findByEmail({ organisationId: TEST_TENANT }, 'alexw@example.com'))!;
    megan = (await runtime.repos.people.findByEmail({ organisationId: TEST_TENANT }, 'meganb@example.com'))!;
  });
  afterAll(async () => {
    await runtime.stop();
  });

  test('stores it, praises the colleague, tells the reviewer and audits it; the same again changes nothing', async () => {
    const request = { eventId: CHECK_IN_6, answers: { www: 'Moderation went well', score: 8 }, praiseIds: [megan.id], praiseMessage: 'Thanks for the cover' };
    const first = await submitCheckIn(runtime.ctx, alex, request);
    expect(first).toMatchObject({ kind: 'stored', outcome: 'created', checkIn: { answers: { www: 'Moderation went well', ebi: '', score: 8 }, praise: [{ personId: megan.id }] } });
    expect(await submitCheckIn(runtime.ctx, alex, request)).toMatchObject({ kind: 'stored', outcome: 'unchanged' });

    const checkInId = first.kind === 'stored' ? first.checkIn.id : '';
    const jobs = await runtime.db.collection('outboxJobs').find({ organisationId: TEST_TENANT }).toArray();
    expect(jobs.map((job) => job.idempotencyKey).sort()).toEqual(
      [`feed:checkInSubmitted:${checkInId}`, `feed:praiseReceived:${checkInId}:${megan.id}`, `message:praise:${checkInId}:${megan.id}`, `message:reviewer-card:${checkInId}`].sort(),
    );
    expect(await runtime.db.collection('auditLog').countDocuments({ organisationId: TEST_TENANT, 'subject.id': checkInId })).toBe(1);
    expect(await runtime.db.collection('praise').countDocuments({ organisationId: TEST_TENANT, toPersonId: megan.id })).toBe(1);
  });

  test('an edit updates the reviewer card and is audited once more', async () => {
    const edited = await submitCheckIn(runtime.ctx, alex, { eventId: CHECK_IN_6, answers: { www: 'Moderation went well', ebi: 'Start earlier', score: 8 }, praiseIds: [megan.id], praiseMessage: 'Thanks for the cover' });
    expect(edited).toMatchObject({ kind: 'stored', outcome: 'edited' });
    const checkInId = edited.kind === 'stored' ? edited.checkIn.id : '';
    expect((await runtime.db.collection('auditLog').find({ organisationId: TEST_TENANT, 'subject.id': checkInId }).toArray()).map((e) => e.action).sort()).toEqual(['checkIn.edited', 'checkIn.submitted']);
    expect(await runtime.db.collection('outboxJobs').countDocuments({ organisationId: TEST_TENANT, kind: 'card-update' })).toBe(1);
  });

  test('refuses text the database cannot store, and an event that is not on the schedule, saying why', async () => {
    const nul = await submitCheckIn(runtime.ctx, megan, { eventId: CHECK_IN_6, answers: { www: 'before\u0000after' } });
    expect(nul).toMatchObject({ kind: 'invalid', errors: [{ field: 'www' }] });
    const gone = await submitCheckIn(runtime.ctx, megan, { eventId: 'no-such-event', answers: { www: 'fine' } });
    expect(gone.kind === 'invalid' && gone.errors[0]!.message).toMatch(/no longer on the schedule/);
    expect(await runtime.db.collection('checkIns').countDocuments({ organisationId: TEST_TENANT, personId: megan.id })).toBe(0);
  });
});
