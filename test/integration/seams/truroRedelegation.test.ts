// Seams between redelegation (people) and the coach-led Truro and Penwith policy (seed 002: the
// coach, not the line manager, reviews): after "coach <person> to <new coach> because …" the new
// coach receives new check-ins and reads the growth plan; the old coach keeps the check-in they
// reviewed (issue 14: the previous reviewer keeps what they reviewed) but no longer reads the
// growth records, which seed 002 §14.2 shares only with "those directly involved" now.
import { personalWorld, startTestRuntime } from '../../support/runtime';
import { TEST_TENANT } from '../../support/activities';
import type { Runtime } from '../../../bot/runtime';
import { ensureOrganisation, eventIdFor } from '../../../bot/usecases/organisations';
import { importDirectory, parseDirectoryFile } from '../../../bot/usecases/directory';
import { VERBS } from '../../../shared/verbs';

const CHECK_IN_2 = eventIdFor(TEST_TENANT, '2026-27', 'check-in-2');
const CHECK_IN_3 = eventIdFor(TEST_TENANT, '2026-27', 'check-in-3');
const DIRECTORY = `name,email,entraObjectId,school,role,reviewer,coach,roles
Alex Wilber,alexw@example.com,oid-alex,Penwith,teacher,meganb@example.com,colinc@example.com,
Colin Coach,colinc@example.com,oid-colin,Penwith,leader,,,
Nina Newcoach,ninan@example.com,oid-nina,Penwith,leader,,,
Megan Bowen,meganb@example.com,oid-megan,Penwith,leader,,,
Paula Admin,paulaa@example.com,oid-paula,Central,central,,,pg-admin
`;
type Who = 'alex' | 'colin' | 'nina' | 'megan' | 'paula';

describe('Truro and Penwith: a coach redelegated mid-year', () => {
  let runtime: Runtime;
  const clock = { now: new Date('2026-12-01T10:00:00Z') };
  const ids = {} as Record<Who, string>;

  const { invoke, api, personIds } = personalWorld<Who>({ runtime: () => runtime });
  const checkInOf = (eventId: string) => runtime.db.collection('checkIns').findOne({ personId: ids.alex, eventId });

  beforeAll(async () => {
    runtime = await startTestRuntime({}, { clock: () => clock.now });
    await ensureOrganisation(runtime.ctx, { organisationId: TEST_TENANT, policyId: 'truro-penwith-2026-27' });
    await importDirectory(runtime.ctx, TEST_TENANT, parseDirectoryFile(DIRECTORY, 'csv'));
    Object.assign(ids, await personIds(['alex', 'colin', 'nina', 'megan', 'paula']));
  });
  afterAll(async () => {
    await runtime.stop();
  });

  it('sends new check-ins to the new coach, shows them the growth plan, and keeps the old coach to what they reviewed', async () => {
    expect((await api('alex', '/growth/self-reflection', { method: 'PUT', body: { strengths: 'Relationships', growthAreas: 'Questioning' } })).status).toBe(200);
    expect((await invoke('alex', VERBS.submitCheckIn, { eventId: CHECK_IN_2, www: 'Cold-calling with Year 9', score: '7' })).status).toBe(200);
    expect(await checkInOf(CHECK_IN_2)).toMatchObject({ reviewerId: ids.colin });

    const moved = await api('paula', `/people/${ids.alex}/reviewer`, { method: 'POST', body: { role: 'coach', toPersonId: ids.nina, reason: 'Colin leads the new ECT programme' } });
    expect(moved.status).toBe(200);

    // The growth records follow the coach.
    const asNina = await api('nina', `/people/${ids.alex}/growth`);
    expect(asNina.status).toBe(200);
    expect(asNina.body.selfReflection.strengths).toBe('Relationships');
    expect(asNina.body.coach).toMatchObject({ id: ids.nina });
    expect([403, 404]).toContain((await api('colin', `/people/${ids.alex}/growth`)).status);
    // The line manager never reads them under a coach-led policy.
    expect([403, 404]).toContain((await api('megan', `/people/${ids.alex}/growth`)).status);

    // The next check-in goes to Nina.
    clock.now = new Date('2027-02-02T10:00:00Z');
    const next = await invoke('alex', VERBS.submitCheckIn, { eventId: CHECK_IN_3, www: 'Wait time in every lesson', score: '8' });
    expect(next.status).toBe(200);
    expect(await checkInOf(CHECK_IN_3)).toMatchObject({ reviewerId: ids.nina });

    // Colin still reads the check-in he reviewed, and not the newer one.
    const colins = await api('colin', `/people/${ids.alex}/check-ins`);
    expect(colins.status).toBe(200);
    const seen = JSON.stringify(colins.body);
    expect(seen).toContain('Cold-calling with Year 9');
    expect(seen).not.toContain('Wait time in every lesson');
  });
});
