// Between cycles (1 December 2026: TSFE 2025-26 ended on 31 August and nothing follows it yet):
// staff who type `check in`, or open the tab, learn that no cycle is running and whether the next
// is scheduled; PG administrators are told exactly what to do; nobody is prompted. Once next
// year's cycle exists, it becomes current by itself on its start date.
import { cycleIdFor, eventIdFor } from '../../../bot/usecases/organisations';
import { queueDuePrompts } from '../../../bot/usecases/promptQueue';
import { VERBS } from '../../../shared/verbs';
import { startBotConnectorStandIn, type BotConnectorStandIn } from '../../standins/botConnector';
import { TEST_TENANT } from '../../support/activities';
import { personalWorld } from '../../support/runtime';
import { ORG, cardOf, say, startWorld, textOf, type Who, type World } from '../admin/adminWorld';

const TODAY = new Date('2026-12-01T11:22:00Z');
const NEXT_KEY = '2026-27-spring';

/** A PG admin has set up next year's cycle (as `cycle next` will): it starts on 4 January 2027. */
async function addNextCycle(w: World): Promise<void> {
  const cycleId = cycleIdFor(TEST_TENANT, NEXT_KEY);
  await w.runtime.repos.cycles.upsert(ORG, { id: cycleId, organisationId: TEST_TENANT, policyId: 'tsfe-2025-26', key: NEXT_KEY, label: 'TSFE Spring 2027', startsOn: '2027-01-04', endsOn: '2027-08-31', current: false });
  await w.runtime.repos.scheduleEvents.insertMany(ORG, [
    {
      id: eventIdFor(TEST_TENANT, NEXT_KEY, 'check-in-1'),
      organisationId: TEST_TENANT,
      cycleId,
      key: 'check-in-1',
      kind: 'check-in',
      number: 1,
      title: 'Check in 1',
      date: '2027-01-08',
      window: { opens: '2027-01-08T08:00', closes: '2027-01-14T23:59' },
      directedHours: 0.25,
      alsoMarks: [],
      status: 'scheduled',
      version: 0,
    },
  ]);
}

describe('no cycle covers today', () => {
  let connector: BotConnectorStandIn;
  let w: World;
  const { api, say: chat } = personalWorld<Who>({ runtime: () => w.runtime, connector: () => w.connector });
  /** `check in` in the person's own chat; the bot's reply card as text. */
  const checkIn = async (who: Who): Promise<string> => {
    const res = await chat(who, 'check in');
    expect(res.status).toBe(200);
    return textOf(cardOf(res.body.activities));
  };
  beforeAll(async () => {
    connector = await startBotConnectorStandIn();
  });
  afterAll(async () => {
    await connector.close();
  });
  beforeEach(async () => {
    connector.reset();
    w = await startWorld(connector, TODAY);
  });
  afterEach(async () => {
    await w.runtime.stop();
  });

  it('staff are told none is scheduled yet and that their PG administrators have been asked (once, however many ask)', async () => {
    const card = await checkIn('alex');
    expect(card).toContain('There is no professional growth cycle running today, and the next one has not been scheduled yet.');
    expect(card).toContain('TSFE 2025-26 ended on 31 August 2026');
    expect(card).toContain("I've let your PG administrators know");
    expect(card).not.toContain(VERBS.submitCheckIn);
    await checkIn('alex');
    await checkIn('adele');
    const asks = await w.runtime.db.collection('outboxJobs').find({ ...ORG, kind: 'bot-message' }).toArray();
    const megan = await w.runtime.repos.people.findByEntraObjectId(ORG, 'oid-megan');
    const patti = await w.runtime.repos.people.findByEntraObjectId(ORG, 'oid-patti');
    expect(asks.map((j) => j.personId).sort()).toEqual([megan!.id, patti!.id].sort());
    expect(asks[0]!.payload.message.text).toContain('Alex Wilber asked for a check-in, and none can be given. No cycle covers today.');
    expect(asks[0]!.payload.message.text).toContain('@mention me in the PG admin channel with `cycle next`');
    const me = await api('alex', '/me');
    expect(me.status).toBe(200);
    expect(me.body.cycle).toBeUndefined();
    expect(me.body.cycleNotice).toContain('the next one has not been scheduled yet');
  });

  it('PG administrators are told what to do, in the schedule, status and the tab', async () => {
    const schedule = await say(w, 'megan', 'schedule');
    const said = JSON.stringify(schedule);
    expect(said).toContain('No cycle covers today. The last one, TSFE 2025-26, ended on 31 August 2026. Start the next one: @mention me here with `cycle next`');
    const status = textOf(cardOf(await say(w, 'megan', 'status')));
    expect(status).toContain('No cycle covers today. The last one, TSFE 2025-26, ended on 31 August 2026.');
    expect(status).toContain('cycle next');
    const tab = await api('megan', '/schedule');
    expect(tab.status).toBe(200);
    expect(tab.body).toMatchObject({ events: [] });
    expect(tab.body.cycle).toBeUndefined();
    expect(tab.body.notice).toContain('with `cycle next` to preview');
    expect((await api('megan', '/me')).body.cycleNotice).toContain('in the PG admin channel with `cycle next`');
    // In her own chat, `check in` tells her the same, not that the administrators were asked.
    const own = await checkIn('megan');
    expect(own).toContain('No cycle covers today.');
    expect(own).toContain('in the PG admin channel with `cycle next`');
    expect(await w.runtime.db.collection('outboxJobs').countDocuments({ ...ORG, kind: 'bot-message' })).toBe(0);
  });

  it('nobody is prompted: last year\'s events are not this year\'s', async () => {
    expect(await queueDuePrompts(w.runtime.ctx)).toMatchObject({ eventsQueued: 0, promptsQueued: 0 });
  });

  it('with next year\'s cycle set up: staff learn when it starts, admins can check its dates, and on its start date it is current', async () => {
    await addNextCycle(w);
    const card = await checkIn('alex');
    expect(card).toContain('The next one, TSFE Spring 2027, starts on 4 January 2027');
    // Nothing to ask the administrators: they have done it.
    expect(await w.runtime.db.collection('outboxJobs').countDocuments({ ...ORG, kind: 'bot-message' })).toBe(0);
    const schedule = textOf(cardOf(await say(w, 'megan', 'schedule')));
    expect(schedule).toContain('Schedule · TSFE Spring 2027');
    expect(schedule).toContain('The next one, TSFE Spring 2027, starts on 4 January 2027');
    expect(schedule).toContain('Check in 1');
    const tab = await api('alex', '/schedule');
    expect(tab.body.cycle).toMatchObject({ label: 'TSFE Spring 2027' });
    expect(tab.body.notice).toContain('starts on 4 January 2027');
    expect((await api('alex', '/me')).body.nextCheckIn).toMatchObject({ title: 'Check in 1' });
    expect(await queueDuePrompts(w.runtime.ctx)).toMatchObject({ promptsQueued: 0 });

    // 8 January 2027, 10:00: no one flipped a flag; the dates decide.
    w.clock.value = new Date('2027-01-08T10:00:00Z');
    expect(await checkIn('alex')).toContain(VERBS.submitCheckIn);
    expect((await api('alex', '/me')).body.cycle).toMatchObject({ label: 'TSFE Spring 2027' });
    expect((await api('alex', '/me')).body.cycleNotice).toBeUndefined();
    expect((await queueDuePrompts(w.runtime.ctx)).eventsQueued).toBe(1);
  });
});
