// A rolled-forward year's rock windows (issue 14, "the next year"): an organisation set up on TSFE
// 2025-26 keeps that policy (its rocks.windows name 2025-26 dates and labels) when a PG admin rolls
// the cycle forward; the 2026-27 cycle carries its own windows. Everything that asks "which window,
// called what?" in 2026-27 must answer from the cycle: the deadline prompt, /me, a new rock, the
// reviewer's chat card for a proposed rock and its refresh after Agree, and the check-in card's rocks.
import { startBotConnectorStandIn, type BotConnectorStandIn } from '../../standins/botConnector';
import { startGraphStandIn, type GraphStandIn } from '../../standins/graph';
import { personalWorld, startTestRuntime } from '../../support/runtime';
import { TEST_TENANT } from '../../support/activities';
import type { Runtime } from '../../../bot/runtime';
import { queueDuePrompts } from '../../../bot/usecases/promptQueue';
import { cycleIdFor, ensureOrganisation, eventIdFor } from '../../../bot/usecases/organisations';
import { importDirectory, parseDirectoryFile } from '../../../bot/usecases/directory';
import { VERBS } from '../../../shared/verbs';

const TEAMS_APP_ID = 'pgteams-app';
const NEXT_ID = cycleIdFor(TEST_TENANT, '2026-27');
const DIRECTORY = `name,email,entraObjectId,school,role,reviewer,roles
Alex Wilber,alexw@example.com,oid-alex,Central,teacher,meganb@example.com,
Megan Bowen,meganb@example.com,oid-megan,Central,leader,diegos@example.com,
Diego Siciliani,diegos@example.com,oid-diego,Central,leader,,
Paula Admin,paula@example.com,oid-paula,Central,support,diegos@example.com,pg-admin
`;
const LAST_YEAR = 'Terms 1 & 2 (Sep–Dec 2025)';
const THIS_YEAR = 'Terms 1 & 2 (Sep–Dec 2026)';

type Who = 'alex' | 'megan' | 'diego' | 'paula';
const text = (x: unknown) => JSON.stringify(x);

describe("a rolled-forward year's rock windows", () => {
  let connector: BotConnectorStandIn;
  let graph: GraphStandIn;
  let runtime: Runtime;
  const clock = { now: new Date('2026-07-01T09:00:00Z') };

  const { drain, api, install, invoke, say } = personalWorld<Who>({ runtime: () => runtime, connector: () => connector, graph: () => graph, teamsAppId: TEAMS_APP_ID });
  const chatTo = (who: Who) => connector.sentTo(`a:29:${who}`).filter((a) => a.kind !== 'update').map((a) => text(a.activity));

  const dataOf = (card: string, verb: string) => {
    const found = card.match(new RegExp(`"verb":"${verb.replace('.', '\\.')}","data":(\\{[^}]*\\})`));
    return JSON.parse(found![1]!) as Record<string, string>;
  };

  beforeAll(async () => {
    connector = await startBotConnectorStandIn();
    graph = await startGraphStandIn();
    runtime = await startTestRuntime({}, { clock: () => clock.now });
    await ensureOrganisation(runtime.ctx, { organisationId: TEST_TENANT, policyId: 'tsfe-2025-26' });
    await importDirectory(runtime.ctx, TEST_TENANT, parseDirectoryFile(DIRECTORY, 'csv'));
    await install(['alex', 'megan', 'diego', 'paula']);
    // July 2026: Paula rolls 2025-26 forward from the tab.
    const source = { kind: 'roll-forward' };
    const preview = await api('paula', '/cycles/next/preview', { method: 'POST', body: { source } });
    expect(preview.status).toBe(200);
    expect((await api('paula', '/cycles/next', { method: 'POST', body: { source, digest: preview.body.digest } })).status).toBe(201);
  });
  afterAll(async () => {
    await runtime.stop();
    await connector.close();
    await graph.close();
  });

  it('keeps the policy as it was: its rock windows are still last year’s, the new cycle has its own', async () => {
    const organisation = (await runtime.repos.organisations.get(TEST_TENANT))!;
    expect(organisation.policy.rocks.windows.map((w) => w.label)).toContain(LAST_YEAR);
    const cycle = (await runtime.repos.cycles.get({ organisationId: TEST_TENANT }, NEXT_ID))!;
    expect(cycle.rockWindows!.map((w) => [w.id, w.label, w.setBy])).toEqual([
      ['sep-dec', THIS_YEAR, '2026-10-30'],
      ['jan-mar', 'Terms 3 & 4 (Jan–Mar 2027)', '2027-01-10'],
      ['apr-aug', 'Terms 5 & 6 (Apr–Aug 2027)', '2027-04-23'],
    ]);
  });

  it("prompts, shows, creates, notifies and asks about rocks in the 2026-27 cycle's own windows", async () => {
    // 1 September 2026: the setting prompt for the first window names this year's.
    clock.now = new Date('2026-09-01T08:30:00Z');
    connector.reset();
    await queueDuePrompts(runtime.ctx);
    await drain();
    expect(chatTo('alex').join()).toContain(`Time to set your rocks for ${THIS_YEAR}`);

    clock.now = new Date('2026-09-14T09:00:00Z');
    const me = await api('alex', '/me');
    expect(me.status).toBe(200);
    expect(me.body.currentRockWindowId).toBe('sep-dec');
    expect(me.body.rockWindows.map((w: { label: string }) => w.label)).toEqual([THIS_YEAR, 'Terms 3 & 4 (Jan–Mar 2027)', 'Terms 5 & 6 (Apr–Aug 2027)']);

    // A new rock goes in this year's window of this year's cycle.
    const created = await api('alex', '/rocks', { method: 'POST', body: { slotId: 'rock-1', title: 'Every Year 9 class reads daily', successCriteria: [{ text: 'Reading log in every room' }] } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ cycleId: NEXT_ID, rockWindowId: 'sep-dec' });
    const proposed = await api('alex', `/rocks/${created.body.id}/propose`, { method: 'POST', body: { version: created.body.version } });
    expect(proposed.body.status).toBe('proposed');

    // Megan's chat card for it, and its refresh when she agrees from it, say which window: this year's.
    connector.reset();
    await drain();
    const card = chatTo('megan').find((c) => c.includes('Every Year 9 class reads daily'));
    expect(card).toContain(THIS_YEAR);
    expect(card).not.toContain(LAST_YEAR);
    const agreed = await invoke('megan', VERBS.agreeRock, dataOf(card!, VERBS.agreeRock));
    expect(text(agreed.body.value)).toContain('You agreed this rock');
    expect(text(agreed.body.value)).toContain(THIS_YEAR);
    expect(text(agreed.body.value)).not.toContain(LAST_YEAR);
    await drain();
    const toAlex = chatTo('alex').find((c) => c.includes('Every Year 9 class reads daily'));
    expect(toAlex).toContain(THIS_YEAR);

    // Check in 1 of 2026-27 (Fri 13 Nov 2026) asks about that agreed rock.
    clock.now = new Date('2026-11-13T10:00:00Z');
    const reply = await say('alex', 'check in');
    const checkInCard = text(reply.body.activities);
    expect(checkInCard).toContain(eventIdFor(TEST_TENANT, '2026-27', 'check-in-1'));
    expect(checkInCard).toContain(`rock:${created.body.id}`);
    expect(checkInCard).toContain('Every Year 9 class reads daily');
  });
});
