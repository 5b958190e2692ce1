// What `npm run simulate -- --year` found when it played whole cycles: each case here failed
// before its fix, and is kept small (the scheduler and the worker on a test database).
import { personalWorld, startTestRuntime } from '../../support/runtime';
import { TEST_TENANT } from '../../support/activities';
import type { Runtime } from '../../../bot/runtime';
import { ensureOrganisation } from '../../../bot/usecases/organisations';
import { importDirectory, parseDirectoryFile } from '../../../bot/usecases/directory';

const DIRECTORY = `name,email,entraObjectId,school,role,reviewer
Alex Wilber,alexw@example.com,oid-alex,Central,teacher,meganb@example.com
Megan Bowen,meganb@example.com,oid-megan,Central,leader,
`;

describe('a cycle played end to end', () => {
  let runtime: Runtime;
  const now = { value: new Date('2025-09-01T07:00:00Z') };
  const { api } = personalWorld<'alex'>({ runtime: () => runtime });

  async function start(policyId: string): Promise<void> {
    runtime = await startTestRuntime({}, { clock: () => now.value });
    await ensureOrganisation(runtime.ctx, { organisationId: TEST_TENANT, policyId });
    await importDirectory(runtime.ctx, TEST_TENANT, parseDirectoryFile(DIRECTORY, 'csv'));
  }
  afterEach(async () => {
    await runtime.stop();
  });

  it("does not show a starter the check-ins from before they joined as missed, nor count them as due", async () => {
    await start('tsfe-2025-26');
    const org = { organisationId: TEST_TENANT };
    const alex = (await runtime.repos.people.findByEntraObjectId(org, 'oid-alex'))!;
    // Alex joins on Fri 13 Mar 2026, the day Check in 7 opens; Check in 8 opens on 24 Apr.
    await runtime.repos.people.upsertMany(org, [{ ...alex, startedOn: '2026-03-13' }]);
    now.value = new Date('2026-05-01T12:00:00Z');
    const res = await api('alex', `/people/${alex.id}/check-ins`);
    expect(res.status).toBe(200);
    const body = res.body as { entries: Array<{ number?: number; kind: string; state: string }>; onTime: { due: number } };
    const numbered = body.entries.filter((e) => e.kind === 'check-in').map((e) => [e.number, e.state]);
    expect(numbered).toEqual([
      [7, 'missed'],
      [8, 'missed'],
      [9, 'upcoming'],
      [10, 'upcoming'],
      [11, 'upcoming'],
      [12, 'upcoming'],
      [13, 'upcoming'],
    ]);
    expect(body.onTime.due).toBe(2);
  });
});
