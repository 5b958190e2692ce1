// "schedule import" (seed 000 Appendix 3, pasted or as a CSV file), "directory import" (a CSV file
// or the team's roster) and "status", through /api/messages.
import { queueDuePrompts } from '../../../bot/usecases/promptQueue';
import { draftOf } from '../../../bot/schedule/draft';
import { applyScheduleChange } from '../../../bot/usecases/applyScheduleChange';
import { getPolicyPack } from '../../../shared/policy';
import { ADMIN_VERBS, VERBS } from '../../../shared/verbs';
import { startBotConnectorStandIn, type BotConnectorStandIn } from '../../standins/botConnector';
import { TEST_TENANT, postActivity } from '../../support/activities';
import { APPENDIX_3_LINES, APPENDIX_3_TABLE } from '../../unit/admin/appendix3';
import {
  DIRECTORY,
  ORG,
  TEAM_ID,
  actionData,
  cardOf,
  channelPosts,
  eventId,
  fanOut,
  fileAttachment,
  installEveryone,
  press,
  say,
  serveFiles,
  startWorld,
  textOf,
  user,
  type World,
} from './adminWorld';

const pack = getPolicyPack('tsfe-2025-26');
const shape = (e: { kind: string; number?: number; title: string; date: string; window: unknown; directedHours: number; alsoMarks?: string[] }) => ({
  kind: e.kind, number: e.number, title: e.title, date: e.date, window: e.window, directedHours: e.directedHours, alsoMarks: e.alsoMarks ?? [],
});

async function scheduledEvents(w: World) {
  // August 2025: TSFE 2025-26 is the next cycle, the one the admin channel schedules.
  const [cycle] = await w.runtime.repos.cycles.list(ORG);
  return (await w.runtime.repos.scheduleEvents.list(ORG, cycle!.id)).filter((e) => e.status === 'scheduled').sort((a, b) => a.date.localeCompare(b.date) || a.title.localeCompare(b.title));
}

async function megan(w: World) {
  const person = await w.runtime.repos.people.findByEntraObjectId(ORG, 'oid-megan');
  const organisation = await w.runtime.repos.organisations.get(TEST_TENANT);
  return { person: person!, organisation: organisation! };
}

describe('imports and status in the admin channel', () => {
  let connector: BotConnectorStandIn;
  let w: World;

  beforeAll(async () => {
    connector = await startBotConnectorStandIn({
      retryAfterSeconds: 1,
      members: {
        [TEAM_ID]: [
          { id: '29:megan', name: 'Megan Bowen', aadObjectId: 'oid-megan', email: 'meganb@example.com', userPrincipalName: 'meganb@example.com' },
          { id: '29:alex', name: 'Alex Wilber-Jones', aadObjectId: 'oid-alex', email: 'alexw@example.com', userPrincipalName: 'alexw@example.com' },
          { id: '29:lidia', name: 'Lidia Holloway', aadObjectId: 'oid-lidia', email: 'LidiaH@example.com', userPrincipalName: 'LidiaH@example.com' },
          { id: '29:guest', name: 'A Guest', aadObjectId: 'oid-guest' },
        ],
      },
    });
  });
  afterAll(async () => {
    await connector.close();
  });
  beforeEach(async () => {
    connector.reset();
    // August 2025: the whole TSFE 2025-26 cycle is still ahead.
    w = await startWorld(connector, new Date('2025-08-20T09:00:00Z'));
  });
  afterEach(async () => {
    await w.runtime.stop();
  });

  it("imports seed 000's Appendix 3 pasted in the message: the same events as the shipped TSFE 2025-26 pack", async () => {
    // The schedule has drifted: one check-in moved, the aspiration survey cancelled, an extra check-in added.
    const actor = await megan(w);
    const six = await w.runtime.repos.scheduleEvents.get(ORG, eventId('check-in-6'));
    await applyScheduleChange(w.runtime.ctx, actor, { type: 'move', eventId: six!.id, version: 0, draft: { ...draftOf(six!), date: '2026-03-06', window: { opens: '2026-03-06T08:00', closes: '2026-03-12T23:59' } } });
    await applyScheduleChange(w.runtime.ctx, actor, { type: 'cancel', eventId: eventId('aspiration-survey'), version: 0 });
    await applyScheduleChange(w.runtime.ctx, actor, { type: 'add', draft: { kind: 'check-in', number: 14, title: 'Check in 14', date: '2026-07-24', window: { opens: '2026-07-24T08:00', closes: '2026-07-30T23:59' }, directedHours: 0.25, alsoMarks: [] } });

    const replies = await say(w, 'megan', `schedule import\n${APPENDIX_3_TABLE}`);
    const preview = cardOf(replies);
    expect(textOf(preview)).toContain('1 to add, 1 to change, 1 to cancel, 16 unchanged.');
    expect(textOf(preview)).toContain('line 11: Check in 6 — date Fri 6 Mar → Fri 27 Feb');
    expect(textOf(preview)).toContain('line 10: Aspiration Survey · Fri 6 Feb');
    expect(textOf(preview)).toContain('Check in 14 · Fri 24 Jul');
    // Appendix 3 does not list §10's end-of-year reflections; the reviews open on them, so they stay.
    expect(textOf(preview)).toContain("End-of-year reflection sessions (June–August) is not in the table, but your policy's reviews open on it, so it is kept");
    const done = await press(w, 'megan', ADMIN_VERBS.confirmScheduleImport, actionData(preview, ADMIN_VERBS.confirmScheduleImport));
    expect(textOf(done)).toContain('Megan Bowen imported the schedule: 1 event added, 1 changed, 1 cancelled.');
    expect(channelPosts(w)).toEqual(['Megan Bowen imported the schedule: 1 event added, 1 changed, 1 cancelled.']);
    expect((await scheduledEvents(w)).map(shape)).toEqual(pack.cycle.events.map(shape));

    // Importing the same table again changes nothing.
    expect(textOf(cardOf(await say(w, 'megan', `schedule import\n${APPENDIX_3_TABLE}`)))).toContain('The schedule already matches this table');
  });

  it('reports a malformed line with its number and applies nothing', async () => {
    const before = await scheduledEvents(w);
    const lines = [...APPENDIX_3_LINES];
    lines[10] = '27/02/2026\tFriday\tCheck in 6'; // no hours: line 11 of the table
    lines[13] = '24/04/2026\tFriday\tCheck in 8 / Staff agree key rocks/success criteria for Terms 5&6\tone';
    const card = cardOf(await say(w, 'megan', `schedule import\n${lines.join('\n')}`));
    expect(textOf(card)).toContain('The schedule table has problems');
    expect(textOf(card)).toContain('line 11: expected four columns');
    expect(textOf(card)).toContain('line 14: \\"one\\" is not a number of hours');
    expect(textOf(card)).not.toContain(ADMIN_VERBS.confirmScheduleImport);
    expect(await scheduledEvents(w)).toEqual(before);
    expect((await w.runtime.repos.auditLog.list(ORG)).items.map((a) => a.action)).toEqual(['organisation.adminChannelSet']);
  });

  it('imports the table from a CSV file attachment, and refuses a confirm the schedule has overtaken', async () => {
    const csv = APPENDIX_3_LINES.map((l) => l.split('\t').join(',')).join('\n').replace('Check in 7,0.25', 'Check in 7,0.5');
    const files = await serveFiles({ 'schedule.csv': csv });
    try {
      const preview = cardOf(await say(w, 'megan', 'schedule import', { attachments: [fileAttachment('schedule.csv', files.url('schedule.csv'))] }));
      expect(textOf(preview)).toContain('0 to add, 1 to change, 0 to cancel, 17 unchanged.');
      expect(textOf(preview)).toContain('directed time 0.25 h → 0.5 h');
      // Check in 7 is edited before Megan confirms: the import is previewed again, not applied.
      const actor = await megan(w);
      const seven = await w.runtime.repos.scheduleEvents.get(ORG, eventId('check-in-7'));
      await applyScheduleChange(w.runtime.ctx, actor, { type: 'edit', eventId: seven!.id, version: 0, draft: { ...draftOf(seven!), title: 'Check in 7 (moderation)' } });
      const stale = await press(w, 'megan', ADMIN_VERBS.confirmScheduleImport, actionData(preview, ADMIN_VERBS.confirmScheduleImport));
      expect(textOf(stale)).toContain('The schedule changed since that preview, so nothing was applied');
      expect(textOf(stale)).toContain('title \\"Check in 7 (moderation)\\" → \\"Check in 7\\"');
      expect((await w.runtime.repos.scheduleEvents.get(ORG, eventId('check-in-7')))?.directedHours).toBe(0.25);
      const done = await press(w, 'megan', ADMIN_VERBS.confirmScheduleImport, actionData(stale, ADMIN_VERBS.confirmScheduleImport));
      expect(textOf(done)).toContain('0 events added, 1 changed, 0 cancelled');
      expect(await w.runtime.repos.scheduleEvents.get(ORG, eventId('check-in-7'))).toMatchObject({ title: 'Check in 7', directedHours: 0.5 });
    } finally {
      await files.close();
    }
  });

  it("imports staff from the team's roster: adds and renames, keeps reviewers, leaves others alone", async () => {
    const preview = cardOf(await say(w, 'megan', 'directory import'));
    const text = textOf(preview);
    expect(text).toContain('1 to add, 1 to change, 2 not in the team, 1 unchanged.');
    expect(text).toContain('Lidia Holloway <lidiah@example.com>');
    expect(text).toContain('name Alex Wilber → Alex Wilber-Jones');
    expect(text).toContain('A Guest: Teams gave no email address');
    const done = await press(w, 'megan', ADMIN_VERBS.confirmDirectoryImport, actionData(preview, ADMIN_VERBS.confirmDirectoryImport));
    expect(textOf(done)).toContain('Megan Bowen imported the staff directory from this team: 1 added, 1 changed.');
    const lidia = await w.runtime.repos.people.findByEmail(ORG, 'lidiah@example.com');
    expect(lidia).toMatchObject({ displayName: 'Lidia Holloway', entraObjectId: 'oid-lidia', status: 'active', school: '' });
    expect(lidia?.reviewerId).toBeUndefined();
    const alex = await w.runtime.repos.people.findByEmail(ORG, 'alexw@example.com');
    const meganPerson = await w.runtime.repos.people.findByEmail(ORG, 'meganb@example.com');
    expect(alex).toMatchObject({ displayName: 'Alex Wilber-Jones', school: 'Central Team', reviewerId: meganPerson!.id });
    expect((await w.runtime.repos.people.findByEmail(ORG, 'adelev@example.com'))?.status).toBe('active');
  });

  it('imports the staff directory CSV: line-numbered problems apply nothing; leavers are excluded on confirm', async () => {
    const bad = `${DIRECTORY}Lynne Robbins,not-an-email,oid-lynne,North School,teacher,,\n`;
    const good = DIRECTORY.replace('Adele Vance,adelev@example.com,oid-adele,North School,support,pattif@example.com,\n', '') + 'Lynne Robbins,lynner@example.com,oid-lynne,North School,teacher,pattif@example.com,\n';
    const files = await serveFiles({ 'bad.csv': bad, 'staff.csv': good });
    try {
      const problems = cardOf(await say(w, 'megan', 'directory import', { attachments: [fileAttachment('bad.csv', files.url('bad.csv'))] }));
      expect(textOf(problems)).toContain('bad.csv has problems');
      expect(textOf(problems)).toContain('line 6: email: is not an email address');
      expect(await w.runtime.repos.people.findByEntraObjectId(ORG, 'oid-lynne')).toBeNull();

      const preview = cardOf(await say(w, 'megan', 'directory import', { attachments: [fileAttachment('staff.csv', files.url('staff.csv'))] }));
      expect(textOf(preview)).toContain('1 to add, 0 to change, 1 left, 3 unchanged.');
      expect(textOf(preview)).toContain('Adele Vance <adelev@example.com>');
      const done = await press(w, 'megan', ADMIN_VERBS.confirmDirectoryImport, actionData(preview, ADMIN_VERBS.confirmDirectoryImport));
      expect(textOf(done)).toContain('imported the staff directory from staff.csv: 1 added, 0 changed, 1 left.');
      expect(await w.runtime.repos.people.findByEmail(ORG, 'adelev@example.com')).toMatchObject({ status: 'excluded', statusReason: expect.stringMatching(/^left: not in the staff directory/) });
      expect(await w.runtime.repos.people.findByEmail(ORG, 'lynner@example.com')).toMatchObject({ school: 'North School', status: 'active' });

      // Someone an HR file marked as left (in its own words) is not "left" again by the next import: the day they left stands.
      const adele = (await w.runtime.repos.people.findByEmail(ORG, 'adelev@example.com'))!;
      await w.runtime.repos.people.upsertMany(ORG, [{ ...adele, statusReason: 'left: HR file, resigned', leftOn: '2026-01-31' }]);
      const again = cardOf(await say(w, 'megan', 'directory import', { attachments: [fileAttachment('staff.csv', files.url('staff.csv'))] }));
      expect(textOf(again)).toContain('0 to add, 0 to change, 0 left, 4 unchanged.');
      expect(textOf(again)).not.toContain('Adele Vance');
      expect(await w.runtime.repos.people.findByEmail(ORG, 'adelev@example.com')).toMatchObject({ status: 'excluded', statusReason: 'left: HR file, resigned', leftOn: '2026-01-31' });
    } finally {
      await files.close();
    }
  });

  it('shows completion of the open check-in by school: prompted, submitted, on time, awaiting acknowledgement', async () => {
    await installEveryone(w);
    w.clock.value = new Date('2026-02-27T09:00:00Z');
    await queueDuePrompts(w.runtime.ctx);
    await fanOut(w).drain();
    const submit = (who: 'alex' | 'adele') =>
      postActivity(w.runtime.url!, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        id: `submit-${who}`,
        channelId: 'msteams',
        serviceUrl: w.connector.url,
        from: user(who),
        recipient: { id: '28:bot', name: 'Professional Growth' },
        conversation: { id: `a:29:${who}`, conversationType: 'personal', tenantId: TEST_TENANT },
        channelData: { tenant: { id: TEST_TENANT } },
        value: { action: { type: 'Action.Execute', verb: VERBS.submitCheckIn, data: { eventId: eventId('check-in-6'), www: 'A good fortnight', score: '7' } }, trigger: 'manual' },
      });
    expect((await submit('alex')).status).toBe(200);
    const card = cardOf(await say(w, 'megan', 'status'));
    const text = textOf(card);
    expect(text).toContain('Completion · Check in 6');
    expect(text).toContain('open now');
    const rows = (card as { body: Array<{ type: string; columns?: Array<{ items: Array<{ text: string }> }> }> }).body
      .filter((b) => b.type === 'ColumnSet')
      .map((b) => b.columns!.map((c) => c.items[0]!.text));
    expect(rows).toEqual([
      ['School', 'Staff', 'Prompted', 'Submitted', 'On time', 'Awaiting ack.'],
      ['Central Team', '2', '2', '1', '1', '1'],
      ['North School', '2', '2', '0', '0', '0'],
      ['All schools', '4', '4', '1', '1', '1'],
    ]);
  });
});
