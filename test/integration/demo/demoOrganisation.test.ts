// `npm start`'s demo organisation (DEMO=on): on any date, the person the Agents Playground signs in
// as types `check in` and gets the check-in card, through the real /api/messages endpoint. First with
// the real clock (whatever today is when the test runs), then with the clock set to awkward dates.
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../../bot/config';
import { startRuntime, type Runtime } from '../../../bot/runtime';
import { DEMO_STAFF } from '../../../bot/usecases/demo';
import { VERBS } from '../../../shared/verbs';
import { startBotConnectorStandIn, type BotConnectorStandIn } from '../../standins/botConnector';
import { TEST_TENANT, postActivity } from '../../support/activities';
import { startTestRuntime } from '../../support/runtime';

const ORG = { organisationId: TEST_TENANT };
/** The Playground's signed-in user (.m365agentsplayground.yml: Megan Bowen). */
const MEGAN = { id: 'user-id-1', aadObjectId: '00000000-0000-0000-0000-0000000000021', name: 'Megan Bowen' };

function say(connector: BotConnectorStandIn, runtime: Runtime, text: string) {
  return postActivity(runtime.url!, {
    type: 'message',
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: connector.url,
    text,
    from: MEGAN,
    recipient: { id: '28:bot', name: 'Professional Growth' },
    conversation: { id: `a:${MEGAN.id}`, conversationType: 'personal', tenantId: TEST_TENANT },
    channelData: { tenant: { id: TEST_TENANT } },
  });
}

/** The last card the bot sent Megan, as JSON text. */
function lastReply(connector: BotConnectorStandIn): string {
  const sent = connector.sentTo(`a:${MEGAN.id}`);
  expect(sent.length).toBeGreaterThan(0);
  return JSON.stringify(sent.at(-1)!.activity);
}

async function checkInCard(connector: BotConnectorStandIn, runtime: Runtime): Promise<string> {
  connector.reset();
  const res = await say(connector, runtime, 'check in');
  expect(res.status).toBe(200);
  return lastReply(connector);
}

describe('the demo organisation', () => {
  let connector: BotConnectorStandIn;
  beforeAll(async () => {
    connector = await startBotConnectorStandIn();
  });
  afterAll(async () => {
    await connector.close();
  });

  it('with the real clock, today: "check in" gives the check-in card, with the agreed rocks', async () => {
    const runtime = await startTestRuntime({ DEMO: 'on' });
    try {
      const card = await checkInCard(connector, runtime);
      expect(card).toContain(VERBS.submitCheckIn);
      expect(card).toContain('What went well');
      expect(card).toContain('Every new starter has a 90-day induction plan');
      expect(card).not.toMatch(/No check-in is open/);
    } finally {
      await runtime.stop();
    }
  });

  test.each([
    ['a Saturday', '2026-12-05T14:00:00Z'],
    ['15 August (summer holiday, the end of a year)', '2026-08-15T12:00:00Z'],
    ['1 December 2026', '2026-12-01T11:22:00Z'],
    ['31 December, late at night', '2026-12-31T23:30:00Z'],
    ['a Friday before 08:00, as one window hands over to the next', '2026-11-27T07:30:00Z'],
    ['the last minute of 31 August (BST)', '2026-08-31T22:59:30Z'],
    ['the first minute of 1 September (BST)', '2026-08-31T23:00:30Z'],
    ['29 February', '2028-02-29T09:00:00Z'],
  ])('on %s "check in" gives the card', async (_, at) => {
    const runtime = await startTestRuntime({ DEMO: 'on' }, { clock: () => new Date(at) });
    try {
      const card = await checkInCard(connector, runtime);
      expect(card).toContain(VERBS.submitCheckIn);
    } finally {
      await runtime.stop();
    }
  });

  it('holds past check-ins acknowledged and answered by her reviewer, agreed rocks, and a reviewee waiting for her', async () => {
    const runtime = await startTestRuntime({ DEMO: 'on' }, { clock: () => new Date('2026-12-01T11:22:00Z') });
    try {
      const megan = (await runtime.repos.people.findByEntraObjectId(ORG, MEGAN.aadObjectId))!;
      const patti = (await runtime.repos.people.findByEmail(ORG, 'pattif@example.com'))!;
      expect(megan).toMatchObject({ displayName: 'Megan Bowen', reviewerId: patti.id, roles: ['pg-admin'] });
      const history = await runtime.repos.checkIns.listForPerson(ORG, megan.id);
      expect(history).toHaveLength(3);
      for (const checkIn of history) expect(checkIn.acknowledgement?.byPersonId).toBe(patti.id);
      expect(history.filter((c) => c.reviewerResponse?.byPersonId === patti.id)).toHaveLength(3);
      expect(history.every((c) => c.cycleId === `${TEST_TENANT}:demo-2026-27`)).toBe(true);
      const rocks = await runtime.repos.rocks.listForPerson(ORG, megan.id);
      expect(rocks.map((r) => r.status)).toEqual(['agreed', 'agreed', 'agreed']);
      const alex = (await runtime.repos.people.findByEmail(ORG, 'alexw@example.com'))!;
      const alexCheckIns = await runtime.repos.checkIns.listForPerson(ORG, alex.id);
      expect(alexCheckIns).toHaveLength(1);
      expect(alexCheckIns[0]).toMatchObject({ reviewerId: megan.id });
      expect(alexCheckIns[0]!.acknowledgement).toBeUndefined();
      expect(await runtime.repos.rocks.listAwaitingAgreement(ORG, [alex.id])).toHaveLength(1);
      // Demo history is not news: nobody is notified about it.
      expect(await runtime.db.collection('outboxJobs').countDocuments(ORG)).toBe(0);

      // One of each step of the year's reviews to try: her own reflection, Alex's impact review, Adele's sent reflection.
      const reviews = await runtime.repos.yearReviews.listForCycle(ORG, `${TEST_TENANT}:demo-2026-27`);
      const adele = (await runtime.repos.people.findByEmail(ORG, 'adelev@example.com'))!;
      expect(reviews.map((r) => [r.stage, r.personId, r.reviewerId]).sort()).toEqual(
        [
          ['end-of-year', megan.id, patti.id],
          ['impact', alex.id, megan.id],
          ['end-of-year', adele.id, megan.id],
        ].sort(),
      );
      const adeleReview = reviews.find((r) => r.personId === adele.id)!;
      expect((await runtime.repos.yearReviews.listRecords(ORG, adeleReview.id)).map((r) => [r.kind, Boolean(r.submittedAt)])).toEqual([['reflection', true]]);
      expect(await runtime.db.collection('outboxJobs').countDocuments(ORG)).toBe(0);

      connector.reset();
      await say(connector, runtime, 'my review');
      const reviewCards = JSON.stringify(connector.sentTo(`a:${MEGAN.id}`).map((s) => s.activity));
      expect(reviewCards).toContain('Adele Vance');
      expect(reviewCards).toContain('Alex Wilber');

      connector.reset();
      await say(connector, runtime, 'my rocks');
      expect(lastReply(connector)).toContain('Monthly finance dashboard for headteachers');
    } finally {
      await runtime.stop();
    }
  });

  it('restarting the next day, and weeks later, duplicates nothing and a window is open; a new academic year gets its own cycle', async () => {
    const now = { value: new Date('2026-12-01T11:22:00Z') };
    const dbName = `it_demo_${randomUUID().slice(0, 8)}`;
    const counts = async (runtime: Runtime) => ({
      cycles: await runtime.db.collection('cycles').countDocuments(ORG),
      events: await runtime.db.collection('scheduleEvents').countDocuments(ORG),
      checkIns: await runtime.db.collection('checkIns').countDocuments(ORG),
      rocks: await runtime.db.collection('rocks').countDocuments(ORG),
      people: await runtime.db.collection('people').countDocuments(ORG),
      reviews: await runtime.db.collection('yearReviews').countDocuments(ORG),
    });
    let runtime = await startKeepingDatabase(dbName, now);
    const first = await counts(runtime);
    expect(first).toMatchObject({ cycles: 1, checkIns: 4, rocks: 4, people: DEMO_STAFF.length, reviews: 3 });
    runtime = await restart(runtime, dbName, now, new Date('2026-12-02T09:00:00Z'));
    expect(await counts(runtime)).toEqual(first);
    expect(await checkInCard(connector, runtime)).toContain(VERBS.submitCheckIn);

    // Trying the admin cards, someone cancelled the open check-in: the next start puts it back.
    const open = (await runtime.repos.scheduleEvents.findByKey(ORG, `${TEST_TENANT}:demo-2026-27`, 'check-in-8'))!;
    await runtime.repos.scheduleEvents.updateIfVersion(ORG, open.id, open.version, { status: 'cancelled' });
    expect(await checkInCard(connector, runtime)).not.toContain(VERBS.submitCheckIn);
    runtime = await restart(runtime, dbName, now, new Date('2026-12-02T10:00:00Z'));
    expect(await checkInCard(connector, runtime)).toContain(VERBS.submitCheckIn);
    expect(await counts(runtime)).toEqual(first);

    // Three weeks on, a new window is open: the card again. The window that closed meanwhile gets a
    // past check-in from her and from Alex (demo history stays "the last three"); nothing else is added.
    runtime = await restart(runtime, dbName, now, new Date('2026-12-22T10:00:00Z'));
    expect(await checkInCard(connector, runtime)).toContain(VERBS.submitCheckIn);
    expect(await counts(runtime)).toEqual({ ...first, checkIns: first.checkIns + 2 });

    // Next September: next year's demo cycle is current, last year's stays as history.
    runtime = await restart(runtime, dbName, now, new Date('2027-09-03T10:00:00Z'));
    expect(await checkInCard(connector, runtime)).toContain(VERBS.submitCheckIn);
    const cycles = await runtime.repos.cycles.list(ORG);
    expect(cycles.map((c) => c.key)).toEqual(['demo-2027-28', 'demo-2026-27']);
    await runtime.db.dropDatabase();
    await runtime.stop();
  }, 120_000);

  it('is refused in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', MONGODB_URI: 'mongodb://db/', BOT_ID: 'b', BOT_PASSWORD: 'p', AAD_APP_CLIENT_ID: 'a', DEMO: 'on' })).toThrow(/DEMO: the demo organisation cannot be loaded when NODE_ENV=production/);
  });
});

/** The server as `npm start` runs it (DEMO=on), on a database that outlives the process. */
function startKeepingDatabase(dbName: string, now: { value: Date }): Promise<Runtime> {
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent', MONGODB_URI: process.env.MONGODB_URI, MONGODB_DB: dbName, AUTH_MODE: 'dev', SCHEDULER: 'off', DEMO: 'on' });
  return startRuntime(config, { clock: () => now.value });
}

/** Stops the process (the database stays), and starts a new one on it at another time. */
async function restart(runtime: Runtime, dbName: string, now: { value: Date }, at: Date): Promise<Runtime> {
  await runtime.stop();
  now.value = at;
  return startKeepingDatabase(dbName, now);
}
