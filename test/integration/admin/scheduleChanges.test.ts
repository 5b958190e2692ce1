// Moving and cancelling events from the admin channel while their prompts are queued, the race
// with the scheduler and the fan-out, and two admins changing the same event.
import { queueDuePrompts } from '../../../bot/usecases/promptQueue';
import { importDirectory, parseDirectoryFile } from '../../../bot/usecases/directory';
import { ADMIN_VERBS } from '../../../shared/verbs';
import { startBotConnectorStandIn, type BotConnectorStandIn } from '../../standins/botConnector';
import {
  DIRECTORY,
  ORG,
  actionData,
  cardOf,
  channelPosts,
  eventId,
  fanOut,
  installEveryone,
  press,
  promptsTo,
  say,
  startWorld,
  textOf,
  type Who,
  type World,
} from './adminWorld';

const CHECK_IN_6 = eventId('check-in-6');
const CHECK_IN_7 = eventId('check-in-7');
/** Fri 27 Feb 2026 07:30 in London (GMT): Check in 6 opens at 08:00; the scheduler queues from 07:00. */
const BEFORE_CHECK_IN_6 = new Date('2026-02-27T07:30:00Z');
const EVERYONE: Who[] = ['megan', 'patti', 'alex', 'adele'];

async function previewMove(w: World, who: Who, id: string, date: string) {
  const event = await w.runtime.repos.scheduleEvents.get(ORG, id);
  return press(w, who, ADMIN_VERBS.previewEventChange, { mode: 'move', eventId: id, version: String(event!.version), date });
}

async function confirm(w: World, who: Who, preview: unknown) {
  return press(w, who, ADMIN_VERBS.confirmEventChange, actionData(preview, ADMIN_VERBS.confirmEventChange));
}

describe('changing the schedule from the admin channel', () => {
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
    w = await startWorld(connector, BEFORE_CHECK_IN_6);
    await installEveryone(w);
    connector.reset();
  });
  afterEach(async () => {
    await w.runtime.stop();
  });

  it('lists the coming events with prompted and submitted so far', async () => {
    const card = cardOf(await say(w, 'megan', 'schedule'));
    const text = textOf(card);
    expect(text).toContain('Schedule · TSFE 2025-26');
    expect(text).toContain('**Check in 6** · Fri 27 Feb');
    expect(text).toContain('Prompted / submitted');
    expect(text).not.toContain('**Check in 5**'); // closed in January
    expect(actionData(card, ADMIN_VERBS.openEventForm, 'Move')).toMatchObject({ eventId: CHECK_IN_6, mode: 'move' });
  });

  it('moves an event whose prompts are queued: they go out on the new date only, once', async () => {
    expect((await queueDuePrompts(w.runtime.ctx)).promptsQueued).toBe(4);
    const preview = await previewMove(w, 'megan', CHECK_IN_6, '2026-03-06');
    expect(textOf(preview)).toContain('Moves Check in 6 from Fri 27 Feb to Fri 6 Mar');
    expect(textOf(preview)).toContain('4 staff not yet prompted will be prompted on Fri 6 Mar at 08:00');
    const done = await confirm(w, 'megan', preview);
    expect(textOf(done)).toContain('Megan Bowen moved Check in 6 from Fri 27 Feb to Fri 6 Mar');
    expect(channelPosts(w)).toEqual([expect.stringContaining('Megan Bowen moved Check in 6 from Fri 27 Feb to Fri 6 Mar')]);
    const audit = await w.runtime.repos.auditLog.list(ORG, { subjectId: CHECK_IN_6 });
    expect(audit.items.map((a) => a.action)).toEqual(['schedule.eventMoved']);

    // The old opening passes: nothing goes out.
    w.clock.value = new Date('2026-02-27T10:00:00Z');
    await queueDuePrompts(w.runtime.ctx);
    expect(await fanOut(w).drain()).toBe(0);
    for (const who of EVERYONE) expect(promptsTo(w, who)).toEqual([]);

    // The new opening: one prompt each, for the new date, and no second one on a later run.
    w.clock.value = new Date('2026-03-06T08:30:00Z');
    expect((await queueDuePrompts(w.runtime.ctx)).promptsQueued).toBe(0);
    await fanOut(w).drain();
    await queueDuePrompts(w.runtime.ctx);
    await fanOut(w).drain();
    for (const who of EVERYONE) expect(promptsTo(w, who)).toEqual(['Check in 6 · Fri 6 Mar']);
    const event = await w.runtime.repos.scheduleEvents.get(ORG, CHECK_IN_6);
    expect(event).toMatchObject({ date: '2026-03-06', window: { opens: '2026-03-06T08:00', closes: '2026-03-12T23:59' } });
    expect(event?.promptsQueuedAt).toBeDefined();
  });

  it('prompts staff who joined after the first queueing when the moved event opens', async () => {
    await queueDuePrompts(w.runtime.ctx);
    await confirm(w, 'megan', await previewMove(w, 'megan', CHECK_IN_6, '2026-03-06'));
    await importDirectory(w.runtime.ctx, ORG.organisationId, parseDirectoryFile(`${DIRECTORY}Isaiah Langer,isaiahl@example.com,oid-isaiah,Central Team,teacher,meganb@example.com,\n`, 'csv'));
    w.clock.value = new Date('2026-03-06T07:30:00Z');
    expect((await queueDuePrompts(w.runtime.ctx)).promptsQueued).toBe(1);
  });

  it('cancelling an event withdraws its queued prompts and reminders', async () => {
    await queueDuePrompts(w.runtime.ctx);
    const event = await w.runtime.repos.scheduleEvents.get(ORG, CHECK_IN_6);
    const preview = await press(w, 'patti', ADMIN_VERBS.previewEventChange, { mode: 'cancel', eventId: CHECK_IN_6, version: String(event!.version) });
    expect(textOf(preview)).toContain('Cancels Check in 6 (Fri 27 Feb)');
    expect(textOf(preview)).toContain('4 prompts not yet sent will be withdrawn');
    const done = await confirm(w, 'patti', preview);
    expect(textOf(done)).toContain('Patti Fernandez cancelled Check in 6');
    expect(channelPosts(w)[0]).toMatch(/Patti Fernandez cancelled Check in 6 \(Fri 27 Feb\)\. 8 pending prompts and reminders withdrawn/);
    w.clock.value = new Date('2026-02-27T09:00:00Z');
    await queueDuePrompts(w.runtime.ctx);
    await fanOut(w).drain();
    w.clock.value = new Date('2026-03-05T10:00:00Z'); // the reminder morning
    await fanOut(w).drain();
    for (const who of EVERYONE) expect(w.connector.sentTo(`a:29:${who}`)).toEqual([]);
    const counts = await w.runtime.repos.outboxJobs.countByStatus(ORG);
    expect(counts).toMatchObject({ pending: 0, leased: 0, cancelled: 8, done: 0 });
  });

  it('does not move a window while the scheduler may be queueing it, and does once it is queued', async () => {
    // 07:30, not yet marked queued: a scheduler tick may be inserting jobs with the old opening.
    const refused = await previewMove(w, 'megan', CHECK_IN_6, '2026-03-06');
    expect(textOf(refused)).toMatch(/being queued right now/);
    expect(textOf(refused)).not.toContain(ADMIN_VERBS.confirmEventChange);
    await queueDuePrompts(w.runtime.ctx);
    expect(textOf(await previewMove(w, 'megan', CHECK_IN_6, '2026-03-06'))).toContain(ADMIN_VERBS.confirmEventChange);
  });

  it('does not move a window that has opened, but can extend it or cancel it mid fan-out without a duplicate', async () => {
    await queueDuePrompts(w.runtime.ctx);
    w.clock.value = new Date('2026-02-27T08:05:00Z');
    expect(textOf(await previewMove(w, 'megan', CHECK_IN_6, '2026-03-06'))).toMatch(/can no longer be moved/);
    const event = await w.runtime.repos.scheduleEvents.get(ORG, CHECK_IN_6);
    const extend = await press(w, 'megan', ADMIN_VERBS.previewEventChange, {
      mode: 'edit', eventId: CHECK_IN_6, version: String(event!.version), title: 'Check in 6', date: '2026-02-27',
      opensDate: '2026-02-27', opensTime: '08:00', closesDate: '2026-03-08', closesTime: '23:59', hours: '0.25',
    });
    expect(textOf(extend)).toContain('window Fri 27 Feb 08:00 – Thu 5 Mar 23:59 → Fri 27 Feb 08:00 – Sun 8 Mar 23:59');
    // Cancel while the fan-out runs: whoever was prompted got it once; nobody is left pending.
    const cancel = await press(w, 'megan', ADMIN_VERBS.previewEventChange, { mode: 'cancel', eventId: CHECK_IN_6, version: String(event!.version) });
    await Promise.all([fanOut(w).drain(), confirm(w, 'megan', cancel)]);
    await fanOut(w).drain();
    for (const who of EVERYONE) expect(promptsTo(w, who).length).toBeLessThanOrEqual(1);
    const counts = await w.runtime.repos.outboxJobs.countByStatus(ORG);
    expect(counts.pending + counts.leased).toBe(0);
    expect(counts.done + counts.cancelled).toBe(8);
  });

  it('adds an event through the form, with the usual window and a warning off a Friday', async () => {
    const form = await press(w, 'megan', ADMIN_VERBS.openEventForm, { mode: 'add' });
    expect(textOf(form)).toContain('"Input.Date"');
    const preview = await press(w, 'megan', ADMIN_VERBS.previewEventChange, { mode: 'add', kind: 'check-in', number: '14', title: '', date: '2026-07-22', hours: '0.25' });
    expect(textOf(preview)).toContain('Adds Check in 14 on Wed 22 Jul');
    expect(textOf(preview)).toContain('window Wed 22 Jul 08:00 – Tue 28 Jul 23:59');
    expect(textOf(preview)).toContain('Wed 22 Jul is a Wednesday; check-ins are usually on a Friday.');
    const done = await confirm(w, 'megan', preview);
    expect(textOf(done)).toContain('Megan Bowen added Check in 14');
    expect(await w.runtime.repos.scheduleEvents.get(ORG, eventId('check-in-14'))).toMatchObject({ kind: 'check-in', number: 14, date: '2026-07-22', version: 0 });
  });

  it('refuses a clash and the past, and says why', async () => {
    expect(textOf(await previewMove(w, 'megan', CHECK_IN_7, '2026-02-27'))).toMatch(/clashes with Check in 6/);
    expect(textOf(await previewMove(w, 'megan', CHECK_IN_7, '2026-02-20'))).toMatch(/in the past/);
  });

  it('two admins move the same event at once: one wins, the other is told and shown it as it is now', async () => {
    const megansPreview = await previewMove(w, 'megan', CHECK_IN_7, '2026-03-20');
    const pattisPreview = await previewMove(w, 'patti', CHECK_IN_7, '2026-03-27');
    const [megan, patti] = await Promise.all([confirm(w, 'megan', megansPreview), confirm(w, 'patti', pattisPreview)]);
    const results = [textOf(megan), textOf(patti)];
    expect(results.filter((r) => r.includes('"Done"'))).toHaveLength(1);
    const loser = results.find((r) => r.includes('Someone got there first'))!;
    expect(loser).toBeDefined();
    const event = await w.runtime.repos.scheduleEvents.get(ORG, CHECK_IN_7);
    expect(event?.version).toBe(1);
    expect(['2026-03-20', '2026-03-27']).toContain(event?.date);
    // The loser sees the event as it is now, with fresh buttons at the new version.
    expect(loser).toContain(event!.date === '2026-03-20' ? 'Fri 20 Mar' : 'Fri 27 Mar');
    expect(loser).toContain(`"version":"1"`);
    expect(channelPosts(w)).toHaveLength(1);
  });

  it('an admin confirming a preview someone else overtook is told who changed it, and nothing changes', async () => {
    const pattisPreview = await previewMove(w, 'patti', CHECK_IN_7, '2026-03-27');
    await confirm(w, 'megan', await previewMove(w, 'megan', CHECK_IN_7, '2026-03-20'));
    const late = textOf(await confirm(w, 'patti', pattisPreview));
    expect(late).toContain('Someone got there first');
    expect(late).toContain('Check in 7 is now on Fri 20 Mar, window Fri 20 Mar 08:00 – Thu 26 Mar 23:59 (last changed by Megan Bowen)');
    expect(await w.runtime.repos.scheduleEvents.get(ORG, CHECK_IN_7)).toMatchObject({ date: '2026-03-20', version: 1 });
  });
});
