// Seams between policy editing and the Truro and Penwith pack's growth rules (seed 002): an edit
// of an unrelated field (retention) is applied, during the year and after the year is rolled
// forward, when the policy's growth terms name last year's dates. Changed terms are still checked
// against the cycle they will run in.
import { personalWorld, startTestRuntime } from '../../support/runtime';
import { TEST_TENANT } from '../../support/activities';
import type { Runtime } from '../../../bot/runtime';
import { ensureOrganisation } from '../../../bot/usecases/organisations';
import { importDirectory, parseDirectoryFile } from '../../../bot/usecases/directory';

const DIRECTORY = 'name,email,entraObjectId,school,role,reviewer,coach,roles\nPaula Admin,paulaa@example.com,oid-paula,Central,central,,,pg-admin\n';
const POLICY = `/organisations/${TEST_TENANT}/policy`;

describe('policy edits under Truro and Penwith', () => {
  let runtime: Runtime;
  const clock = { now: new Date('2026-12-01T10:00:00Z') };

  const { api } = personalWorld<'paula'>({ runtime: () => runtime });
  const patch = async (changes: Record<string, unknown>) => api('paula', POLICY, { method: 'PATCH', body: { version: (await api('paula', POLICY)).body.version, changes } });

  beforeAll(async () => {
    runtime = await startTestRuntime({}, { clock: () => clock.now });
    await ensureOrganisation(runtime.ctx, { organisationId: TEST_TENANT, policyId: 'truro-penwith-2026-27' });
    await importDirectory(runtime.ctx, TEST_TENANT, parseDirectoryFile(DIRECTORY, 'csv'));
  });
  afterAll(async () => {
    await runtime.stop();
  });

  it('applies an unrelated edit during the year', async () => {
    const saved = await patch({ retention: { years: 7 } });
    expect(saved.body.errors ?? saved.body).not.toHaveProperty('0');
    expect(saved.status).toBe(200);
  });

  it('applies an unrelated edit once the year is rolled forward, and checks changed terms against the new cycle', async () => {
    clock.now = new Date('2027-07-01T09:00:00Z');
    const preview = await api('paula', '/cycles/next/preview', { method: 'POST', body: { source: { kind: 'roll-forward' } } });
    expect(preview.status).toBe(200);
    // The roll-forward does not move the policy's feedback terms: the preview says so.
    expect(JSON.stringify(preview.body.warnings)).toContain('growth.feedback.terms');
    expect((await api('paula', '/cycles/next', { method: 'POST', body: { source: { kind: 'roll-forward' }, digest: preview.body.digest } })).status).toBe(201);
    clock.now = new Date('2027-10-04T09:00:00Z');
    const saved = await patch({ retention: { years: 8 } });
    expect(saved.status).toBe(200);
    // A term moved into last year is named; so is a term outside the cycle it will run in.
    const current = (await api('paula', POLICY)).body.policy;
    const terms = current.growth.feedback.terms.map((t: { startsOn: string }, i: number) => (i === 0 ? { ...t, startsOn: '2020-09-01' } : t));
    const refused = await patch({ growth: { ...current.growth, feedback: { ...current.growth.feedback, terms } } });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain('growth.feedback.terms');
  });
});
