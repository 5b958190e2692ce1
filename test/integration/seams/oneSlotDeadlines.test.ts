// Seams between rocks through the year (deadline prompts) and the one-slot packs: Truro and
// Penwith's rock-setting event is stage two, the professional growth plan agreed with the coach
// (seed 002), and The Stour Federation's is the growth project agreed with the line manager (seed
// 004). Their prompts, sent by the scheduler through the Bot Connector, name that stage and speak
// of one commitment or project, not TSFE's "your rocks … propose them".
import { startBotConnectorStandIn, type BotConnectorStandIn } from '../../standins/botConnector';
import { personalWorld, startTestRuntime } from '../../support/runtime';
import { TEST_TENANT } from '../../support/activities';
import type { Runtime } from '../../../bot/runtime';
import { queueDuePrompts } from '../../../bot/usecases/promptQueue';
import { ensureOrganisation } from '../../../bot/usecases/organisations';
import { importDirectory, parseDirectoryFile } from '../../../bot/usecases/directory';

const DIRECTORY = `name,email,entraObjectId,school,role,reviewer,coach
Alex Wilber,alexw@example.com,oid-alex,Penwith,teacher,meganb@example.com,colinc@example.com
Colin Coach,colinc@example.com,oid-colin,Penwith,leader,,
Megan Bowen,meganb@example.com,oid-megan,Penwith,leader,,
`;

describe.each([
  // Truro: stage two's window opens on Mon 21 Sep 2026, due Fri 23 Oct.
  { policyId: 'truro-penwith-2026-27', at: '2026-09-21T09:30:00Z', expected: ['Time to set your commitment for 2026-27', 'Stage two: professional growth plan agreed with your coach.', 'Propose it to your coach and have it agreed by Fri 23 Oct'] },
  // Stour: the project is due by Fri 23 Oct 2026; setting opens 28 days before.
  { policyId: 'stour-2026-27', at: '2026-09-25T09:30:00Z', expected: ['Time to set your growth project for 2026-27', 'Propose it to your line manager and have it agreed by Fri 23 Oct'] },
])('rock-setting prompts under $policyId', ({ policyId, at, expected }) => {
  let connector: BotConnectorStandIn;
  let runtime: Runtime;
  const { drain, install } = personalWorld<'alex'>({ runtime: () => runtime, connector: () => connector });

  beforeAll(async () => {
    connector = await startBotConnectorStandIn();
    runtime = await startTestRuntime({}, { clock: () => new Date(at) });
    await ensureOrganisation(runtime.ctx, { organisationId: TEST_TENANT, policyId });
    await importDirectory(runtime.ctx, TEST_TENANT, parseDirectoryFile(DIRECTORY, 'csv'));
    await install(['alex']);
    connector.reset();
  });
  afterAll(async () => {
    await runtime.stop();
    await connector.close();
  });

  it('names the stage and asks for one, not "your rocks … them"', async () => {
    await queueDuePrompts(runtime.ctx);
    await drain();
    // What Alex reads: the cards' texts and button titles (the tab link's URL says "rocks" for every policy).
    const sent = connector
      .sentTo('a:29:alex')
      .flatMap((a) => [...JSON.stringify(a.activity).matchAll(/"(?:text|title)":"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!))
      .join('\n');
    expect(sent).not.toBe('');
    for (const words of expected) expect(sent).toContain(words);
    expect(sent).not.toMatch(/\brocks?\b/i);
    expect(sent).not.toContain('Propose them');
  });
});
