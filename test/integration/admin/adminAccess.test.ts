// Who may administer, and where: PG admins only, in the organisation's admin channel.
import { ADMIN_VERBS } from '../../../shared/verbs';
import { startBotConnectorStandIn, type BotConnectorStandIn } from '../../standins/botConnector';
import { CHANNEL_ID, DIRECTORY, OTHER_CHANNEL_ID, ORG, TEAM_ID, actionData, cardOf, eventId, fileAttachment, press, say, serveFiles, startWorld, textOf, type World } from './adminWorld';

const CHECK_IN_7 = eventId('check-in-7');

describe('the admin channel', () => {
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

  it('refuses someone who is not a PG admin, politely, and changes nothing', async () => {
    for (const command of ['schedule', 'status', 'schedule import\n14/11/2025\tFriday\tCheck in 1\t0.25', 'directory import', 'admin channel here']) {
      const [reply] = await say(w, 'alex', command);
      expect(reply?.text).toMatch(/^Sorry, Alex — only PG administrators can change the schedule/);
      expect(reply?.text).toContain('Megan Bowen, Patti Fernandez can help');
    }
    // A forged Confirm from a card is refused the same way.
    const forged = { type: 'move', eventId: CHECK_IN_7, version: 0, draft: { kind: 'check-in', number: 7, title: 'Check in 7', date: '2026-03-20', window: { opens: '2026-03-20T08:00', closes: '2026-03-26T23:59' }, directedHours: 0.25, alsoMarks: [] } };
    const card = await press(w, 'alex', ADMIN_VERBS.confirmEventChange, { payload: JSON.stringify(forged) });
    expect(textOf(card)).toContain('Only PG administrators can do that');
    expect(await w.runtime.repos.scheduleEvents.get(ORG, CHECK_IN_7)).toMatchObject({ date: '2026-03-13', version: 0 });
    expect((await w.runtime.repos.organisations.get(ORG.organisationId))?.adminChannel).toBeUndefined();
    expect((await w.runtime.repos.auditLog.list(ORG)).items).toEqual([]);
  });

  it('takes the channel of the first admin command as the admin channel, and answers only there', async () => {
    const first = await say(w, 'megan', 'schedule');
    expect(first[0]?.text).toMatch(/This channel is now the PG admin channel/);
    expect(textOf(cardOf(first))).toContain('Schedule · TSFE 2025-26');
    expect((await w.runtime.repos.organisations.get(ORG.organisationId))?.adminChannel).toEqual({ teamId: TEAM_ID, channelId: CHANNEL_ID });

    const elsewhere = await say(w, 'patti', 'schedule', {}, OTHER_CHANNEL_ID);
    expect(elsewhere).toHaveLength(1);
    expect(elsewhere[0]?.text).toMatch(/answered in the PG admin channel.*admin channel here/);

    const moved = await say(w, 'patti', 'admin channel here', {}, OTHER_CHANNEL_ID);
    expect(moved[0]?.text).toMatch(/This channel is now the PG admin channel.*it was another channel before/);
    expect((await w.runtime.repos.organisations.get(ORG.organisationId))?.adminChannel).toEqual({ teamId: TEAM_ID, channelId: OTHER_CHANNEL_ID });
    expect((await w.runtime.repos.auditLog.list(ORG)).items.map((a) => a.action)).toEqual(['organisation.adminChannelSet', 'organisation.adminChannelSet']);
  });

  it('refuses a PG admin who has left, even one named in the organisation\'s admin object ids', async () => {
    const organisation = (await w.runtime.repos.organisations.get(ORG.organisationId))!;
    await w.runtime.repos.organisations.upsert({ ...organisation, adminObjectIds: ['oid-megan'] });
    expect((await say(w, 'megan', 'schedule'))[0]?.text).toMatch(/This channel is now the PG admin channel/);
    // The next directory file leaves Megan out: the import marks her as having left.
    const withoutMegan = DIRECTORY.split('\n').filter((line) => !line.startsWith('Megan')).join('\n').replace(/,meganb@example.com,/g, ',,');
    const files = await serveFiles({ 'staff.csv': withoutMegan });
    try {
      const preview = await say(w, 'patti', 'directory import', { attachments: [fileAttachment('staff.csv', files.url('staff.csv'))] });
      expect(textOf(cardOf(preview))).toContain('Megan Bowen');
      const applied = await press(w, 'patti', ADMIN_VERBS.confirmDirectoryImport, actionData(cardOf(preview), ADMIN_VERBS.confirmDirectoryImport));
      expect(textOf(applied)).toMatch(/1 left/);
    } finally {
      await files.close();
    }
    const [reply] = await say(w, 'megan', 'schedule');
    expect(reply?.text).toMatch(/^Sorry, Megan — only PG administrators/);
    expect(reply?.text).toContain('Patti Fernandez can help');
    expect(reply?.text).not.toContain('Megan Bowen');
    const card = await press(w, 'megan', ADMIN_VERBS.showStatus, {});
    expect(textOf(card)).toContain('Only PG administrators can do that');
  });

  it('lists the admin commands for an admin who asks for help in a channel', async () => {
    const [reply] = await say(w, 'megan', 'help');
    expect(reply?.text).toContain('**schedule import**');
    expect(reply?.text).toContain('**admin channel here**');
  });
});
