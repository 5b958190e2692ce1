// Review of issue 16: a leaver's records go six years after the day they left, counted in the
// organisation's time zone (Europe/London). A leaving recorded at 00:30 BST on 1 July (23:30 UTC
// on 30 June) is a 1 July leaving: read as the UTC day, the purge would come a day early.
import { apiPaths as paths } from '../../../shared/api';
import { planDirectoryFile } from '../../../bot/usecases/directoryImport';
import type { Actor } from '../../../bot/usecases/access';
import { createLogger } from '../../../bot/logger';
import { buildPerson } from '../../support/builders';
import { startApiHarness, type ApiHarness } from '../api/apiWorld';

describe('a leaver’s day is the organisation’s day', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness();
  });
  afterAll(async () => api.stop());

  it('dates a leaver without a recorded leaving day by the local day of their last change, in the report and the purge’s due day', async () => {
    const org = { organisationId: api.world.org.id };
    const lena = buildPerson({ organisationId: api.world.org.id, displayName: 'Lena Leaver', status: 'excluded', statusReason: 'left', updatedAt: new Date('2020-06-30T23:30:00.000Z') });
    await api.repos.people.upsertMany(org, [lena]);
    const res = await api.call(paths.retention(), { token: await api.tokenFor(api.world.paula) });
    expect(res.status).toBe(200);
    expect(res.body.people.find((p: { id: string }) => p.id === lena.id)).toMatchObject({ left: '2020-07-01' });
    expect(res.body.upcoming.find((p: { label: string }) => p.label.startsWith('Lena Leaver'))).toMatchObject({ label: 'Lena Leaver (left 2020-07-01)', dueOn: '2026-07-02' });
  });

  it('records the leaving day of someone an import no longer finds as the organisation’s day, not the UTC one', async () => {
    const org = { organisationId: api.world.org.id };
    const lou = buildPerson({ organisationId: api.world.org.id, displayName: 'Lou Gone', email: 'lou.gone@school.example' });
    await api.repos.people.upsertMany(org, [lou]);
    const paula = api.world.paula;
    const actor: Actor = { organisation: api.world.org, person: paula } as Actor;
    const everyoneElse = (await api.repos.people.list(org, { page: 1, pageSize: 200 })).items.filter((p) => p.id !== lou.id && p.status !== 'excluded');
    const rows = everyoneElse.map((p) => ({ name: p.displayName, email: p.email }));
    const ctx = { repos: api.repos, now: () => new Date('2026-06-30T23:30:00.000Z'), logger: createLogger('silent') };
    const plan = await planDirectoryFile(ctx, actor, rows as never);
    expect(plan.preview.left).toEqual(expect.arrayContaining([expect.stringContaining('Lou Gone')]));
    await plan.apply();
    const stored = await api.repos.people.get(org, lou.id);
    expect(stored).toMatchObject({ status: 'excluded', leftOn: '2026-07-01' });
  });
});
