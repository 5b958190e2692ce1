// Seams between eligibility (people), "no current cycle" (today) and group mode (Stour) in
// `check in`: someone the policy leaves out is told so first, also in a group-mode organisation;
// between cycles a Stour member is told that no cycle is running, not pointed at session cards
// that will never come; only then does group mode say where the group sessions happen.
import { TEST_TENANT } from '../../support/activities';
import { personalWorld, startTestRuntime } from '../../support/runtime';
import { importDirectory, parseDirectoryFile } from '../../../bot/usecases/directory';
import type { Runtime } from '../../../bot/runtime';
import { ensureOrganisation, eventIdFor } from '../../../bot/usecases/organisations';

/** Tuesday 1 Dec 2026: Stour 2026-27's group check-in 1 is open. */
const DURING_CHECK_IN_1 = new Date('2026-12-01T10:00:00Z');
/** 10 Sep 2027: Stour 2026-27 ended on 31 August and no next cycle has been started. */
const AFTER_THE_YEAR = new Date('2027-09-10T10:00:00Z');

const DIRECTORY = `name,email,entraObjectId,school,role,reviewer,status,statusReason
Alex Wilber,alexw@example.com,oid-alex,Stour Primary,teacher,meganb@example.com,,
Megan Bowen,meganb@example.com,oid-megan,Stour Primary,leader,,,
Ed Excluded,ede@example.com,oid-ed,Stour Primary,teacher,meganb@example.com,excluded,on secondment
`;

describe('check in: not asked, no current cycle and group mode together (The Stour Federation)', () => {
  let runtime: Runtime;
  const now = { value: DURING_CHECK_IN_1 };
  const { api, say } = personalWorld<'alex' | 'ed'>({ runtime: () => runtime });

  beforeAll(async () => {
    runtime = await startTestRuntime({}, { clock: () => now.value });
    await ensureOrganisation(runtime.ctx, { organisationId: TEST_TENANT, policyId: 'stour-2026-27' });
    await importDirectory(runtime.ctx, TEST_TENANT, parseDirectoryFile(DIRECTORY, 'csv'));
  });
  afterAll(async () => {
    await runtime.stop();
  });

  async function checkIn(who: 'alex' | 'ed'): Promise<string> {
    const res = await say(who, 'check in');
    expect(res.status).toBe(200);
    return JSON.stringify(res.body.activities);
  }

  it('tells an excluded member they are not asked, not where to post', async () => {
    now.value = DURING_CHECK_IN_1;
    const reply = await checkIn('ed');
    expect(reply).toMatch(/not asked to do group check-ins at the moment: excluded from professional growth \(on secondment\)/);
    expect(reply).not.toMatch(/group coaching sessions/);
  });

  it('points a member who is asked at their group sessions while the cycle runs', async () => {
    now.value = DURING_CHECK_IN_1;
    expect(await checkIn('alex')).toMatch(/group coaching sessions/);
  });

  it('tells a member between cycles that no cycle is running, not that session cards are coming', async () => {
    now.value = AFTER_THE_YEAR;
    const reply = await checkIn('alex');
    expect(reply).not.toMatch(/group coaching sessions/);
    expect(reply).toMatch(/no .*cycle|not (been )?scheduled|next one/i);
  });

  it('refuses a Stour member\'s own check-in through /api/v1 as a group session, whatever event it names', async () => {
    now.value = DURING_CHECK_IN_1;
    for (const eventId of [eventIdFor(TEST_TENANT, '2026-27', 'check-in-1'), 'no-such-event']) {
      const res = await api('alex', '/check-ins', { method: 'POST', body: { eventId, answers: { www: 'Shared reading' } } });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.raw).toMatch(/group coaching sessions/);
    }
    expect(await runtime.db.collection('checkIns').countDocuments({})).toBe(0);
  });

  it('still tells an excluded member between cycles that they are not asked', async () => {
    now.value = AFTER_THE_YEAR;
    expect(await checkIn('ed')).toMatch(/not asked to do group check-ins/);
  });
});
