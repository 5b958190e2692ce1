// A trust that installs the app today (1 December 2026) with the default policy starts from this
// year's pack of that policy (TSFE 2026-27), not the 2025-26 year that ended in August: the first
// member of staff to ask gets Check in 2's card, with no admin action.
import { randomUUID } from 'node:crypto';
import type { Runtime } from '../../../bot/runtime';
import { currentCycle } from '../../../bot/usecases/currentCycle';
import { importDirectory, parseDirectoryFile } from '../../../bot/usecases/directory';
import { startBotConnectorStandIn, type BotConnectorStandIn } from '../../standins/botConnector';
import { TEST_TENANT, personalMessage, postActivity } from '../../support/activities';
import { startTestRuntime } from '../../support/runtime';

const DIRECTORY = `name,email,entraObjectId,school,role,reviewer
Alex Wilber,alexw@example.com,oid-alex,Central,teacher,meganb@example.com
Megan Bowen,meganb@example.com,oid-megan,Central,leader,
`;
const ALEX = { id: '29:alex', aadObjectId: 'oid-alex', name: 'Alex Wilber' };

function installationUpdate(connector: BotConnectorStandIn) {
  return {
    id: randomUUID(),
    type: 'installationUpdate',
    action: 'add',
    channelId: 'msteams',
    serviceUrl: connector.url,
    from: ALEX,
    recipient: { id: '28:bot', name: 'Professional Growth' },
    conversation: { id: `a:${ALEX.id}`, conversationType: 'personal', tenantId: TEST_TENANT },
    channelData: { tenant: { id: TEST_TENANT } },
  };
}

describe('a first install on 1 December 2026', () => {
  let connector: BotConnectorStandIn;
  let runtime: Runtime;
  beforeAll(async () => {
    connector = await startBotConnectorStandIn();
    runtime = await startTestRuntime({}, { clock: () => new Date('2026-12-01T10:00:00Z') });
  });
  afterAll(async () => {
    await runtime.stop();
    await connector.close();
  });

  it("sets the organisation up from this year's pack, so check in gives the open check-in's card", async () => {
    expect((await postActivity(runtime.url!, installationUpdate(connector))).status).toBeLessThan(300);
    const organisation = await runtime.repos.organisations.get(TEST_TENANT);
    expect(organisation?.policy.id).toBe('tsfe-2026-27');
    expect((await currentCycle(runtime.ctx, organisation!))?.key).toBe('2026-27');

    await importDirectory(runtime.ctx, TEST_TENANT, parseDirectoryFile(DIRECTORY, 'csv'));
    const res = await postActivity(runtime.url!, { ...personalMessage(ALEX, 'check in', { deliveryMode: 'expectReplies' }), serviceUrl: connector.url });
    expect(res.status).toBe(200);
    const text = JSON.stringify(res.body);
    expect(text).toContain('Check in 2');
    expect(text).not.toMatch(/no more scheduled|No cycle covers today/);
  });
});
