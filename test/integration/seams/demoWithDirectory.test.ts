// Seams between the demo organisation (npm start, DEMO=on) and the directory file (DIRECTORY_FILE,
// the sample with the new columns: coach, start date, contract end, working pattern): both on, the
// file's fields land on the demo's people, and "check in" still gives the demo's card today.
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { VERBS } from '../../../shared/verbs';
import { TEST_TENANT, postActivity } from '../../support/activities';
import { startTestRuntime } from '../../support/runtime';

const ORG = { organisationId: TEST_TENANT };
const MEGAN = { id: 'user-id-1', aadObjectId: '00000000-0000-0000-0000-0000000000021', name: 'Megan Bowen' };

describe('the demo organisation with the sample directory file', () => {
  it('takes the file\'s new columns and still opens the demo\'s check-in', async () => {
    const runtime = await startTestRuntime({ DEMO: 'on', DIRECTORY_FILE: path.resolve(__dirname, '../../fixtures/directory.sample.csv') }, { clock: () => new Date('2026-12-01T11:22:00Z') });
    try {
      const megan = (await runtime.repos.people.findByEntraObjectId(ORG, MEGAN.aadObjectId))!;
      expect(megan).toMatchObject({ startedOn: '2016-01-04', workingPattern: 'full-time', roles: ['pg-admin'] });
      const alex = (await runtime.repos.people.findByEmail(ORG, 'alexw@example.com'))!;
      expect(alex.startedOn).toBe('2019-09-01');
      const res = await postActivity(runtime.url!, {
        type: 'message', id: randomUUID(), channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/', text: 'check in', from: MEGAN,
        recipient: { id: '28:bot', name: 'Professional Growth' }, conversation: { id: `a:${MEGAN.id}`, conversationType: 'personal', tenantId: TEST_TENANT },
        channelData: { tenant: { id: TEST_TENANT } }, deliveryMode: 'expectReplies',
      });
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body.activities)).toContain(VERBS.submitCheckIn);
    } finally {
      await runtime.stop();
    }
  });
});
