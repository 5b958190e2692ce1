// Seams between the policy's access grants (policy.access) and the previous reviewer's access
// (people): a trust that withdraws coaches' reading of rocks must not have it given back to a
// coach once they are replaced. The previous-reviewer rule keeps what someone REVIEWED; a coach
// who could not read the rocks reviewed none of them. A replaced reviewer still sees theirs.
import { personalWorld, startTestRuntime } from '../../support/runtime';
import { TEST_TENANT } from '../../support/activities';
import type { Runtime } from '../../../bot/runtime';
import { ensureOrganisation } from '../../../bot/usecases/organisations';
import { importDirectory, parseDirectoryFile } from '../../../bot/usecases/directory';

const DIRECTORY = `name,email,entraObjectId,school,role,reviewer,coach,roles
Alex Wilber,alexw@example.com,oid-alex,Central,teacher,meganb@example.com,colinc@example.com,
Colin Coach,colinc@example.com,oid-colin,Central,leader,,,
Nina Newcoach,ninan@example.com,oid-nina,Central,leader,,,
Megan Bowen,meganb@example.com,oid-megan,Central,leader,,,
Rita Reviewer,ritar@example.com,oid-rita,Central,leader,,,
Paula Admin,paulaa@example.com,oid-paula,Central,central,,,pg-admin
`;
type Who = 'alex' | 'colin' | 'nina' | 'megan' | 'rita' | 'paula';

describe('a withdrawn coach grant after the coach is replaced', () => {
  let runtime: Runtime;
  const clock = { now: new Date('2026-10-05T10:00:00Z') };
  const ids = {} as Record<Who, string>;

  const { api, personIds } = personalWorld<Who>({ runtime: () => runtime });

  beforeAll(async () => {
    runtime = await startTestRuntime({}, { clock: () => clock.now });
    await ensureOrganisation(runtime.ctx, { organisationId: TEST_TENANT, policyId: 'tsfe-2026-27' });
    await importDirectory(runtime.ctx, TEST_TENANT, parseDirectoryFile(DIRECTORY, 'csv'));
    Object.assign(ids, await personIds(['alex', 'colin', 'nina', 'megan', 'rita', 'paula']));
  });
  afterAll(async () => {
    await runtime.stop();
  });

  it('keeps the rocks hidden from a replaced coach, and shows a replaced reviewer the rocks of their time', async () => {
    // The trust withdraws coaches' reading of rocks (policy.access), through the policy API.
    const policyPath = `/organisations/${TEST_TENANT}/policy`;
    const current = await api('paula', policyPath);
    expect(current.status).toBe(200);
    expect((await api('paula', policyPath, { method: 'PATCH', body: { version: current.body.version, changes: { access: { coachesSeeRocks: false } } } })).status).toBe(200);

    const created = await api('alex', '/rocks', { method: 'POST', body: { slotId: 'rock-1', title: 'Phonics for Year 2', successCriteria: [{ text: 'Every child reads daily' }] } });
    expect(created.status).toBe(201);
    expect((await api('colin', `/people/${ids.alex}/rocks`)).status).toBe(403);

    expect((await api('paula', `/people/${ids.alex}/reviewer`, { method: 'POST', body: { role: 'coach', toPersonId: ids.nina, reason: 'Colin moves to the trust team' } })).status).toBe(200);
    expect((await api('paula', `/people/${ids.alex}/reviewer`, { method: 'POST', body: { role: 'reviewer', toPersonId: ids.rita, reason: 'Megan is on leave' } })).status).toBe(200);

    // Colin, a coach who could never read them, still cannot; nor can the new coach.
    const colin = await api('colin', `/people/${ids.alex}/rocks`);
    expect([403, 404]).toContain(colin.status);
    expect(JSON.stringify(colin.body)).not.toContain('Phonics for Year 2');
    expect((await api('colin', `/rocks/${created.body.id}`)).status).toBe(404);
    expect((await api('nina', `/people/${ids.alex}/rocks`)).status).toBe(403);
    // Megan, the replaced reviewer, keeps the rock from her time; Rita, the new reviewer, reads it.
    expect(JSON.stringify((await api('megan', `/people/${ids.alex}/rocks`)).body)).toContain('Phonics for Year 2');
    expect(JSON.stringify((await api('rita', `/people/${ids.alex}/rocks`)).body)).toContain('Phonics for Year 2');
  });
});
