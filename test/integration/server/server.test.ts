import { personalMessage, postActivity } from '../../support/activities';
import { startTestRuntime } from '../../support/runtime';
import type { Runtime } from '../../../bot/runtime';

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
