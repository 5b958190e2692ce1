// What the manifest promises, the bot does: every command it lists is answered (not with "I didn't
// recognise"), and every activity-feed type the code sends is declared.
import fs from 'node:fs';
import path from 'node:path';
import { botCommands } from '../../manifest/appManifest';
import { ACTIVITY_TYPE_NAMES } from '../../manifest/activityTypes';
import { personalMessage, postActivity, TEST_TENANT } from '../support/activities';
import { startTestRuntime } from '../support/runtime';
import { ensureOrganisation } from '../../bot/usecases/organisations';
import { importDirectory, parseDirectoryFile } from '../../bot/usecases/directory';
import type { Runtime } from '../../bot/runtime';

const NOT_RECOGNISED = /didn't recognise/i;

describe('the bot answers every command the manifest lists', () => {
  let runtime: Runtime;

  beforeAll(async () => {
    runtime = await startTestRuntime({}, { clock: () => new Date('2026-02-27T10:00:00Z') });
    await ensureOrganisation(runtime.ctx, { organisationId: TEST_TENANT, policyId: 'tsfe-2025-26' });
    const directory = 'name,email,entraObjectId,school,role,reviewer,roles\nAlex Wilber,alexw@example.com,oid-alex,Central,teacher,,pg-admin\n';
    await importDirectory(runtime.ctx, TEST_TENANT, parseDirectoryFile(directory, 'csv'));
  });
  afterAll(async () => {
    await runtime.stop();
  });

  const personal = botCommands('personal').map((c) => c.title);
  const team = botCommands('team').map((c) => c.title);

  it('lists the personal and the admin commands', () => {
    expect(personal).toEqual(expect.arrayContaining(['check in', 'my rocks', 'praise', 'help']));
    expect(team).toEqual(expect.arrayContaining(['schedule', 'schedule import', 'directory import', 'status']));
  });

  it.each(personal)('answers "%s" in a personal chat', async (command) => {
    const { status, body } = await postActivity(runtime.url!, personalMessage({ id: '29:alex', aadObjectId: 'oid-alex', name: 'Alex Wilber' }, command, { deliveryMode: 'expectReplies' }));
    expect(status).toBe(200);
    expect(body.activities.length).toBeGreaterThan(0);
    expect(JSON.stringify(body.activities)).not.toMatch(NOT_RECOGNISED);
  });

  it.each(team)('answers "%s" after an @mention in a team channel', async (command) => {
    const mention = { type: 'mention', text: '<at>Professional Growth</at>', mentioned: { id: '28:bot', name: 'Professional Growth' } };
    const { status, body } = await postActivity(
      runtime.url!,
      personalMessage({ id: '29:alex', aadObjectId: 'oid-alex', name: 'Alex Wilber' }, `<at>Professional Growth</at> ${command}`, {
        deliveryMode: 'expectReplies',
        entities: [mention],
        conversation: { id: '19:admins@thread.tacv2', conversationType: 'channel', tenantId: TEST_TENANT, isGroup: true },
        channelData: { team: { id: 'team-1' }, channel: { id: '19:admins@thread.tacv2' }, tenant: { id: TEST_TENANT } },
      }),
    );
    expect(status).toBe(200);
    expect(body.activities.length).toBeGreaterThan(0);
    expect(JSON.stringify(body.activities)).not.toMatch(NOT_RECOGNISED);
  });
});

describe('activity-feed types', () => {
  it('sends only types the manifest declares', () => {
    const root = path.resolve(__dirname, '../..');
    const files = ['bot/notifications/notify.ts', 'bot/graph/activityNotification.ts', 'bot/outbox/worker.ts'].map((f) => fs.readFileSync(path.join(root, f), 'utf8'));
    const sent = new Set(files.flatMap((source) => [...source.matchAll(/activityType: '([A-Za-z]+)'/g)].map((m) => m[1]!)));
    expect(sent.size).toBeGreaterThan(0);
    for (const type of sent) expect(ACTIVITY_TYPE_NAMES).toContain(type);
  });
});
