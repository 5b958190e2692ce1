// One welcome card per install. Teams sends two activities for one personal install
// (installationUpdate and conversationUpdate), in either order or at the same moment; exactly one
// of them welcomes. A reinstall after an uninstall is a new install and is welcomed again.
import { randomUUID } from 'node:crypto';
import type { Runtime } from '../../../bot/runtime';
import { importDirectory, parseDirectoryFile } from '../../../bot/usecases/directory';
import { ensureOrganisation } from '../../../bot/usecases/organisations';
import { startBotConnectorStandIn, type BotConnectorStandIn } from '../../standins/botConnector';
import { TEST_TENANT, postActivity } from '../../support/activities';
import { startTestRuntime } from '../../support/runtime';

const DIRECTORY = `name,email,entraObjectId,school,role,reviewer
Alex Wilber,alexw@example.com,oid-alex,Central,teacher,meganb@example.com
Megan Bowen,meganb@example.com,oid-megan,Central,leader,
`;

type Who = { id: string; aadObjectId: string; name: string };
const ALEX: Who = { id: '29:alex', aadObjectId: 'oid-alex', name: 'Alex Wilber' };
const STRANGER: Who = { id: '29:stranger', aadObjectId: 'oid-stranger', name: 'Stranger' };

function base(connector: BotConnectorStandIn, who: Who) {
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: connector.url,
    from: who,
    recipient: { id: '28:bot', name: 'Professional Growth' },
    conversation: { id: `a:${who.id}`, conversationType: 'personal', tenantId: TEST_TENANT },
    channelData: { tenant: { id: TEST_TENANT } },
  };
}
const installationUpdate = (c: BotConnectorStandIn, who: Who, action: 'add' | 'remove' = 'add') => ({ ...base(c, who), type: 'installationUpdate', action });
const conversationUpdate = (c: BotConnectorStandIn, who: Who) => ({ ...base(c, who), type: 'conversationUpdate', membersAdded: [{ id: '28:bot' }] });

describe('the welcome card on install', () => {
  let connector: BotConnectorStandIn;
  let runtime: Runtime;
  beforeAll(async () => {
    connector = await startBotConnectorStandIn();
  });
  afterAll(async () => {
    await connector.close();
  });
  beforeEach(async () => {
    connector.reset();
    runtime = await startTestRuntime({}, { clock: () => new Date('2026-02-27T10:00:00Z') });
    await ensureOrganisation(runtime.ctx, { organisationId: TEST_TENANT, policyId: 'tsfe-2025-26' });
    await importDirectory(runtime.ctx, TEST_TENANT, parseDirectoryFile(DIRECTORY, 'csv'));
  });
  afterEach(async () => {
    await runtime.stop();
  });

  const welcomes = (who: Who) => connector.sentTo(`a:${who.id}`).filter((a) => JSON.stringify(a.activity).match(/every other Friday/i));

  it('both activities of one install at the same moment: one welcome', async () => {
    const results = await Promise.all([
      postActivity(runtime.url!, installationUpdate(connector, ALEX)),
      postActivity(runtime.url!, conversationUpdate(connector, ALEX)),
      // Teams retries an activity it got no answer for in time.
      postActivity(runtime.url!, conversationUpdate(connector, ALEX)),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(welcomes(ALEX)).toHaveLength(1);
    expect(connector.sentTo(`a:${ALEX.id}`)).toHaveLength(1);
  });

  it('one after the other, in either order: one welcome', async () => {
    await postActivity(runtime.url!, conversationUpdate(connector, ALEX));
    await postActivity(runtime.url!, installationUpdate(connector, ALEX));
    expect(welcomes(ALEX)).toHaveLength(1);
    // The conversation reference is kept either way, for prompts.
    expect(await runtime.repos.conversationReferences.get({ organisationId: TEST_TENANT }, ALEX.id)).toMatchObject({ conversationId: `a:${ALEX.id}` });
  });

  it('a reinstall after an uninstall is welcomed once more (and its two activities once)', async () => {
    await Promise.all([postActivity(runtime.url!, installationUpdate(connector, ALEX)), postActivity(runtime.url!, conversationUpdate(connector, ALEX))]);
    await postActivity(runtime.url!, installationUpdate(connector, ALEX, 'remove'));
    await Promise.all([postActivity(runtime.url!, conversationUpdate(connector, ALEX)), postActivity(runtime.url!, installationUpdate(connector, ALEX))]);
    expect(welcomes(ALEX)).toHaveLength(2);
    const alex = await runtime.repos.people.findByEntraObjectId({ organisationId: TEST_TENANT }, ALEX.aadObjectId);
    expect(alex?.reachable).toBe(true);
  });

  it('someone not in the staff directory is told so once', async () => {
    await Promise.all([postActivity(runtime.url!, installationUpdate(connector, STRANGER)), postActivity(runtime.url!, conversationUpdate(connector, STRANGER))]);
    const sent = connector.sentTo(`a:${STRANGER.id}`);
    expect(sent).toHaveLength(1);
    expect(JSON.stringify(sent[0]!.activity)).toMatch(/staff directory/i);
  });
});
