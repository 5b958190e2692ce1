// "policy" and "policy set" in the admin channel, through the real /api/messages (issue 14): the
// summary card links to the tab's policy view; a one-field change is previewed (who it affects),
// confirmed, versioned, audited and announced; a bad value names the field; a stale Confirm and a
// colleague who is not an admin change nothing.
import { ADMIN_VERBS } from '../../../shared/verbs';
import { startBotConnectorStandIn, type BotConnectorStandIn } from '../../standins/botConnector';
import { findAll, validateCard } from '../../unit/cards/validateCard';
import { ORG, actionData, cardOf, press, say, startWorld, textOf, type World } from './adminWorld';

describe('the policy in the admin channel', () => {
  let connector: BotConnectorStandIn;
  let w: World;

  beforeAll(async () => {
    connector = await startBotConnectorStandIn({ retryAfterSeconds: 1 });
  });
  afterAll(async () => {
    await connector.close();
  });
  beforeEach(async () => {
    connector.reset();
    w = await startWorld(connector, new Date('2026-02-20T10:00:00Z'));
  });
  afterEach(async () => {
    await w.runtime.stop();
  });

  const policyOf = async () => (await w.runtime.repos.organisations.get(ORG.organisationId))!;

  it('"policy" shows the policy in force with its version and a link to edit it in the tab', async () => {
    const card = cardOf(await say(w, 'megan', 'policy'));
    expect(validateCard(card)).toEqual([]);
    const text = textOf(card);
    expect(text).toContain('Policy · TSFE Professional Growth 2025-26');
    expect(text).toContain('Version 1');
    expect(text).toContain('up to 7 a rock (rocks.maxSuccessCriteria)');
    expect(text).toContain('every other Friday');
    expect(text).toContain('NQT, ECT');
    const links = findAll(card, (o) => o.type === 'Action.OpenUrl').map((a) => String(a.url));
    expect(links).toEqual([expect.stringMatching(/\/tab\/#\/policy$/)]);
  });

  it('"policy set" previews who is affected, and Confirm saves the next version, audited and announced', async () => {
    const preview = cardOf(await say(w, 'megan', 'policy set exclusions.roleCategories ECT, NQT, support'));
    expect(validateCard(preview)).toEqual([]);
    expect(textOf(preview)).toContain('Change exclusions.roleCategories?');
    expect(textOf(preview)).toContain('NQT, ECT → **ECT, NQT, support**');
    expect(textOf(preview)).toContain('Adele Vance is no longer prompted: support staff are outside this policy');
    expect((await policyOf()).policyVersion).toBeUndefined();

    const done = await press(w, 'megan', ADMIN_VERBS.confirmPolicyChange, actionData(preview, ADMIN_VERBS.confirmPolicyChange));
    expect(textOf(done)).toContain('Megan Bowen changed the policy (now version 2)');
    expect(await policyOf()).toMatchObject({ policyVersion: 2, policy: { exclusions: { roleCategories: ['ECT', 'NQT', 'support'] } } });
    expect(connector.sent.map((s) => String(s.activity.text ?? ''))).toContainEqual(expect.stringContaining('Megan Bowen changed the policy (now version 2): exclusions.roleCategories'));
    const audit = (await w.runtime.repos.auditLog.list(ORG)).items.find((e) => e.action === 'policy.changed');
    expect(audit?.details).toMatchObject({ version: 2, basedOn: 1, changes: [{ field: 'exclusions.roleCategories', before: ['NQT', 'ECT'], after: ['ECT', 'NQT', 'support'] }] });
    expect(textOf(cardOf(await say(w, 'megan', 'policy')))).toContain('Version 2 · saved by Megan Bowen');
  });

  it('names the field of a bad value and changes nothing', async () => {
    const card = textOf(cardOf(await say(w, 'megan', 'policy set rocks.maxSuccessCriteria 30')));
    expect(card).toContain('rocks.maxSuccessCriteria: must be between 1 and 20');
    expect(textOf(cardOf(await say(w, 'megan', 'policy set rocks.colour blue')))).toContain('rocks.colour: there is no such policy field');
    expect((await policyOf()).policy.rocks.maxSuccessCriteria).toBe(7);
  });

  it('refuses a Confirm from a preview another admin has overtaken, and a colleague who is not an admin', async () => {
    const first = cardOf(await say(w, 'megan', 'policy set retention.years 7'));
    const second = cardOf(await say(w, 'patti', 'policy set retention.years 8'));
    expect(textOf(await press(w, 'patti', ADMIN_VERBS.confirmPolicyChange, actionData(second, ADMIN_VERBS.confirmPolicyChange)))).toContain('now version 2');
    const late = await press(w, 'megan', ADMIN_VERBS.confirmPolicyChange, actionData(first, ADMIN_VERBS.confirmPolicyChange));
    expect(textOf(late)).toContain('The policy was changed by Patti Fernandez while you were editing');
    expect((await policyOf()).policy.retention.years).toBe(8);

    const [refused] = await say(w, 'alex', 'policy set retention.years 1');
    expect(refused?.text).toMatch(/^Sorry, Alex — only PG administrators/);
    const forged = await press(w, 'alex', ADMIN_VERBS.confirmPolicyChange, { version: '2', field: 'retention.years', value: '1' });
    expect(textOf(forged)).toContain('Only PG administrators can do that');
    expect(await policyOf()).toMatchObject({ policyVersion: 2, policy: { retention: { years: 8 } } });
  });
});
