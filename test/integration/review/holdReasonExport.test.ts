// Review of issue 16: a legal hold's reason may concern proceedings the held person is not told
// about (the export's legal-hold section shows only "held since"). Their own download must not
// carry it by another way: the audit entries about them for putting, rewording and lifting it.
import { apiPaths as paths } from '../../../shared/api';
import { startApiHarness, type ApiHarness } from '../api/apiWorld';

describe('subject access never tells the held person why they are held', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness();
  });
  afterAll(async () => api.stop());

  it('keeps the hold reasons out of the person’s own export, JSON and HTML, and keeps them in the audit trail', async () => {
    const paula = await api.tokenFor(api.world.paula);
    const alice = api.world.alice;
    const reasons = ['Solicitor letter RE-9931 confidential', 'Solicitor letter RE-9931 confidential (reworded)', 'Matter RE-9931 settled'];
    expect((await api.call(paths.legalHold(alice.id), { method: 'PUT', token: paula, body: { reason: reasons[0] } })).status).toBe(201);
    expect((await api.call(paths.legalHold(alice.id), { method: 'PUT', token: paula, body: { reason: reasons[1] } })).status).toBe(200);
    expect((await api.call(paths.legalHold(alice.id), { method: 'DELETE', token: paula, body: { reason: reasons[2] } })).status).toBe(200);
    const token = await api.tokenFor(alice);
    for (const format of ['json', 'html'] as const) {
      const res = await fetch(`${api.url}${paths.myDataExport(format)}`, { headers: { Authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      const text = await res.text();
      // She sees that a hold was put and lifted (the entries are about her), not why.
      expect(text).toContain('retention.holdPut');
      expect(text).not.toContain('RE-9931');
    }
    // The reasons stay where the administrators keep them.
    const entries = (await api.repos.auditLog.list({ organisationId: api.world.org.id }, { subjectId: alice.id, pageSize: 100 })).items.filter((e) => e.action.startsWith('retention.hold'));
    expect(entries.map((e) => e.details?.reason).sort()).toEqual([...reasons].sort());
  });
});
