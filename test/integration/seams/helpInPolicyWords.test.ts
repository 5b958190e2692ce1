// Seams between the personal "help" text and the packs: it was fixed TSFE words ("my rocks — your
// rocks"), so Truro and Penwith staff never learned of "my plan", "growth log" or "self
// reflection", and Stour staff read of rocks. Now it speaks the organisation's words and lists the
// growth commands where the policy has a growth plan; someone not in the directory gets the plain list.
import { personalMessage, postActivity, TEST_TENANT } from '../../support/activities';
import { startTestRuntime } from '../../support/runtime';
import { ensureOrganisation } from '../../../bot/usecases/organisations';
import { importDirectory, parseDirectoryFile } from '../../../bot/usecases/directory';
import type { Runtime } from '../../../bot/runtime';

const DIRECTORY = 'name,email,entraObjectId,school,role,reviewer\nAlex Wilber,alexw@example.com,oid-alex,Central,teacher,\n';

describe.each([
  { policyId: 'truro-penwith-2026-27', has: ['your commitments', '**my plan**', '**growth log**', '**self reflection**', '**my reflection**'], lacks: ['your rocks'] },
  { policyId: 'stour-2026-27', has: ['your growth projects', 'the group check-in that is open now'], lacks: ['your rocks', '**my plan**'] },
  { policyId: 'tsfe-2026-27', has: ['your rocks'], lacks: ['**my plan**', '**growth log**'] },
])('"help" under $policyId', ({ policyId, has, lacks }) => {
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await startTestRuntime({}, { clock: () => new Date('2026-12-01T10:00:00Z') });
    await ensureOrganisation(runtime.ctx, { organisationId: TEST_TENANT, policyId });
    await importDirectory(runtime.ctx, TEST_TENANT, parseDirectoryFile(DIRECTORY, 'csv'));
  });
  afterAll(async () => {
    await runtime.stop();
  });

  const help = async (who: { id: string; aadObjectId: string }) => {
    const res = await postActivity(runtime.url!, personalMessage(who, 'help', { deliveryMode: 'expectReplies' }));
    expect(res.status).toBe(200);
    return String(res.body.activities[0].text);
  };

  it("lists the commands in the organisation's words", async () => {
    const text = await help({ id: '29:alex', aadObjectId: 'oid-alex' });
    for (const words of has) expect(text).toContain(words);
    for (const words of lacks) expect(text).not.toContain(words);
  });

  it('gives someone not in the directory the plain list', async () => {
    expect(await help({ id: '29:stranger', aadObjectId: 'oid-stranger' })).toMatch(/here is what I can do/);
  });
});
