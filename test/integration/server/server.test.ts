import { personalMessage, postActivity, TEST_TENANT } from '../../support/activities';
import { startTestRuntime } from '../../support/runtime';
import type { Runtime } from '../../../bot/runtime';
import { importDirectory, parseDirectoryFile } from '../../../bot/usecases/directory';
import { ensureOrganisation } from '../../../bot/usecases/organisations';

describe('the server process', () => {
  let runtime: Runtime;

  beforeAll(async () => {
    runtime = await startTestRuntime();
  });
  afterAll(async () => {
    await runtime.stop();
  });

  it('answers the liveness probe', async () => {
    const res = await fetch(`${runtime.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('is ready only when the database answers ping', async () => {
    const res = await fetch(`${runtime.url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ database: 'ok' });
  });

  it('answers "help" in a personal chat through /api/messages', async () => {
    const activity = personalMessage({ id: '29:alex', aadObjectId: 'oid-alex' }, 'help', { deliveryMode: 'expectReplies' });
    const { status, body } = await postActivity(runtime.url!, activity);
    expect(status).toBe(200);
    const texts = body.activities.map((a: { text?: string }) => a.text ?? '');
    expect(texts.join('\n')).toMatch(/check in/);
    expect(texts.join('\n')).toMatch(/my rocks/);
  });

  it('answers "help" after an @mention in a channel', async () => {
    const activity = personalMessage({ id: '29:alex', aadObjectId: 'oid-alex' }, '<at>Professional Growth</at> help', {
      deliveryMode: 'expectReplies',
      conversation: { id: '19:channel@thread.tacv2', conversationType: 'channel', tenantId: 'tenant' },
      entities: [{ type: 'mention', text: '<at>Professional Growth</at>', mentioned: { id: '28:bot', name: 'Professional Growth' } }],
    });
    const { body } = await postActivity(runtime.url!, activity);
    expect(body.activities[0].text).toMatch(/here is what I can do/);
  });
});

describe('card actions through /api/messages', () => {
  let runtime: Runtime;
  const alex = { id: '29:alex', aadObjectId: 'oid-alex', name: 'Alex Wilber' };

  beforeAll(async () => {
    runtime = await startTestRuntime();
    await ensureOrganisation(runtime.ctx, { organisationId: TEST_TENANT, policyId: 'tsfe-2025-26' });
    await importDirectory(runtime.ctx, TEST_TENANT, parseDirectoryFile('name,email,entraObjectId\nAlex Wilber,alexw@example.com,oid-alex\n', 'csv'));
  });
  afterAll(async () => {
    await runtime.stop();
  });

  const press = async (user: typeof alex, verb: string, data: Record<string, unknown> = {}) => {
    const activity = personalMessage(user, '', { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } });
    const { status, body } = await postActivity(runtime.url!, activity);
    expect(status).toBe(200);
    expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    return JSON.stringify(body.value);
  };

  it('answers a verb no handler knows with a card saying it is out of date', async () => {
    expect(await press(alex, 'checkIn.fromAnOldRelease')).toContain('This card is out of date');
  });

  it('answers someone the directory does not know with how to be added, whatever the verb', async () => {
    const stranger = { id: '29:sam', aadObjectId: 'oid-sam', name: 'Sam Stranger' };
    expect(await press(stranger, 'checkIn.fromAnOldRelease')).toContain("You're not in the staff directory yet");
  });

  it('answers an admin verb from someone who is not a PG administrator with a refusal card', async () => {
    expect(await press(alex, 'admin.showStatus')).toContain('Only PG administrators can do that');
  });
});
