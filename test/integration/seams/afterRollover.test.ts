// Seams between next-cycle rollover, policy editing and rocks through the year: after TSFE 2025-26
// is rolled forward, the 2026-27 cycle has rock windows of its own ("Terms 1 & 2 (Sep–Dec 2026)").
// A rock's chat card names the window of the rock's own cycle, not last year's policy label; and
// a policy edit during the rolled-forward year is still validated and applied.
import { ADMIN_VERBS, VERBS } from '../../../shared/verbs';
import { startBotConnectorStandIn, type BotConnectorStandIn } from '../../standins/botConnector';
import { TEST_TENANT } from '../../support/activities';
import { personalWorld } from '../../support/runtime';
import { actionData, cardOf, press, say, startWorld, textOf, type World } from '../admin/adminWorld';

describe('the rolled-forward year: rock cards and policy edits', () => {
  let connector: BotConnectorStandIn;
  let w: World;
  const { api } = personalWorld({ runtime: () => w.runtime, connector: () => w.connector });

  beforeAll(async () => {
    connector = await startBotConnectorStandIn({ retryAfterSeconds: 1 });
    // July 2026: Megan (PG admin) rolls TSFE 2025-26 forward from the admin channel.
    w = await startWorld(connector, new Date('2026-07-01T09:00:00Z'));
    const choices = cardOf(await say(w, 'megan', 'cycle next'));
    const preview = await press(w, 'megan', ADMIN_VERBS.previewNextCycle, actionData(choices, ADMIN_VERBS.previewNextCycle, 'Preview the roll-forward'));
    expect(textOf(await press(w, 'megan', ADMIN_VERBS.confirmNextCycle, actionData(preview, ADMIN_VERBS.confirmNextCycle)))).toContain('started TSFE 2026-27');
    // October 2026: the new year is current; its first rock window is open.
    w.clock.value = new Date('2026-10-05T10:00:00Z');
  });
  afterAll(async () => {
    await w.runtime.stop();
    await connector.close();
  });

  it("names the rock's window of the 2026-27 cycle on the reviewer's card, not last year's", async () => {
    const created = await api('alex', '/rocks', { method: 'POST', body: { slotId: 'rock-1', title: 'Phonics for Year 2', successCriteria: [{ text: 'Every child reads daily' }] } });
    expect(created.status).toBe(201);
    expect(created.body.rockWindowId).toBe('sep-dec');
    const proposed = await api('alex', `/rocks/${created.body.id}/propose`, { method: 'POST', body: { version: created.body.version } });
    expect(proposed.body.status).toBe('proposed');
    const card = textOf(await press(w, 'megan', VERBS.agreeRock, { rockId: proposed.body.id, version: proposed.body.version }));
    expect(card).toContain('You agreed this rock');
    expect(card).toContain('Terms 1 & 2 (Sep–Dec 2026)');
    expect(card).not.toContain('2025');
  });

  it('validates and applies a policy edit during the rolled-forward year', async () => {
    const preview = cardOf(await say(w, 'megan', 'policy set rocks.maxSuccessCriteria 5'));
    expect(textOf(preview)).not.toMatch(/needs another look/);
    const done = await press(w, 'megan', ADMIN_VERBS.confirmPolicyChange, actionData(preview, ADMIN_VERBS.confirmPolicyChange));
    expect(textOf(done)).toMatch(/version 2/i);
    expect((await w.runtime.repos.organisations.get(TEST_TENANT))!.policy.rocks.maxSuccessCriteria).toBe(5);
  });
});
