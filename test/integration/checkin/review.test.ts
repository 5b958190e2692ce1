// A submitted check-in reaches the reviewer; acknowledging and responding update both cards and
// tell the reviewee; praise reaches each colleague once. Through /api/messages, the real
// database and the Bot Connector stand-in.
import { randomUUID } from 'node:crypto';
import { startBotConnectorStandIn, type BotConnectorStandIn } from '../../standins/botConnector';
import { personalWorld, startTestRuntime } from '../../support/runtime';
import { TEST_TENANT, postActivity } from '../../support/activities';
import type { Runtime } from '../../../bot/runtime';
import { queueDuePrompts } from '../../../bot/usecases/promptQueue';
import { startGraphStandIn, type GraphStandIn } from '../../standins/graph';
import { ensureOrganisation, eventIdFor } from '../../../bot/usecases/organisations';
import { importDirectory, parseDirectoryFile } from '../../../bot/usecases/directory';
import { VERBS } from '../../../shared/verbs';

const CHECK_IN_6 = eventIdFor(TEST_TENANT, '2025-26', 'check-in-6');
const NOW = new Date('2026-02-27T10:00:00Z');
const clock = { now: NOW };
const DIRECTORY = `name,email,entraObjectId,school,role,reviewer
Alex Wilber,alexw@example.com,oid-alex,Central,teacher,meganb@example.com
Megan Bowen,meganb@example.com,oid-megan,Central,leader,
Adele Vance,adelev@example.com,oid-adele,Central,support,meganb@example.com
Adele Smith,adeles@example.com,oid-adele-smith,Riverside,teacher,meganb@example.com
`;

type Who = 'alex' | 'megan' | 'adele';
const text = (x: unknown) => JSON.stringify(x);

describe('reviewing a check-in', () => {
  let connector: BotConnectorStandIn;
  let runtime: Runtime;
  let people: Record<Who, string>;

  let graph: GraphStandIn;
  const TEAMS_APP_ID = 'pgteams-app';
  const { base, drain, install, invoke } = personalWorld<Who>({ runtime: () => runtime, connector: () => connector, graph: () => graph, teamsAppId: TEAMS_APP_ID });
  const feedTo = (oid: string) => graph.notifications.filter((n) => n.userId === oid).map((n) => n.body as { activityType: string; topic: { webUrl: string }; previewText: { content: string } });

  beforeAll(async () => {
    connector = await startBotConnectorStandIn();
    graph = await startGraphStandIn();
  });
  afterAll(async () => {
    await connector.close();
    await graph.close();
  });
  beforeEach(async () => {
    connector.reset();
    graph.reset();
    clock.now = NOW;
    runtime = await startTestRuntime({}, { clock: () => clock.now });
    await ensureOrganisation(runtime.ctx, { organisationId: TEST_TENANT, policyId: 'tsfe-2025-26' });
    await importDirectory(runtime.ctx, TEST_TENANT, parseDirectoryFile(DIRECTORY, 'csv'));
    people = await install(['alex', 'megan', 'adele']);
    connector.reset();
  });
  afterEach(async () => {
    await runtime.stop();
  });

  async function alexSubmits(extra: Record<string, unknown> = {}) {
    const res = await invoke('alex', VERBS.submitCheckIn, { eventId: CHECK_IN_6, www: 'The Year 9 trip went smoothly', score: '8', ...extra }, 'alex-prompt-card');
    expect(res.status).toBe(200);
    return (await runtime.db.collection('checkIns').findOne({ personId: people.alex }))!;
  }

  it('puts the check-in in front of the reviewer, once, with Acknowledge and Respond', async () => {
    await alexSubmits();
    await alexSubmits(); // Teams retried the invoke
    await drain();
    const toMegan = connector.sentTo('a:29:megan');
    expect(toMegan).toHaveLength(1);
    const card = text(toMegan[0]!.activity);
    expect(card).toContain('Alex Wilber — Check in 6 · Fri 27 Feb');
    expect(card).toContain('The Year 9 trip went smoothly');
    expect(card).toContain(VERBS.acknowledgeCheckIn);
    expect(card).toContain(VERBS.respondToCheckIn);
    expect(connector.sentTo('a:29:alex')).toHaveLength(0);
    const [notification, ...more] = feedTo('oid-megan');
    expect(more).toHaveLength(0);
    expect(notification).toMatchObject({ activityType: 'checkInSubmitted', previewText: { content: 'Alex Wilber submitted Check in 6 · Fri 27 Feb' } });
    const link = new URL(notification!.topic.webUrl);
    expect(link.pathname).toBe(`/l/entity/${TEAMS_APP_ID}/home`);
    const checkIn = await runtime.db.collection('checkIns').findOne({ personId: people.alex });
    expect(JSON.parse(link.searchParams.get('context')!)).toEqual({ subEntityId: `checkin:${checkIn!._id}` });
  });

  it('retries the activity feed when Graph throttles, and delivers once', async () => {
    graph.throttleNext(2, 1);
    await alexSubmits();
    await drain();
    expect(graph.calls.filter((c) => c.status === 429)).toHaveLength(2);
    expect(feedTo('oid-megan').filter((n) => n.activityType === 'checkInSubmitted')).toHaveLength(1);
  });

  it('updates both cards and tells the reviewee when the reviewer acknowledges; a second acknowledgement changes nothing', async () => {
    const checkIn = await alexSubmits();
    await drain();
    const res = await invoke('megan', VERBS.acknowledgeCheckIn, { checkInId: checkIn._id });
    expect(text(res.body.value)).toContain('Acknowledged by you');
    expect(text(res.body.value)).not.toContain(VERBS.acknowledgeCheckIn);
    await invoke('megan', VERBS.acknowledgeCheckIn, { checkInId: checkIn._id });
    await drain();
    const updates = connector.sent.filter((a) => a.kind === 'update');
    expect(updates.map((u) => u.activityId).sort()).toEqual(['alex-prompt-card', connector.sentTo('a:29:megan')[0]!.activityId].sort());
    expect(text(updates.find((u) => u.activityId === 'alex-prompt-card')!.activity)).toMatch(/Acknowledged by Megan Bowen/);
    const audit = await runtime.db.collection('auditLog').countDocuments({ action: 'checkIn.acknowledged' });
    expect(audit).toBe(1);
    expect(feedTo('oid-alex').map((n) => n.activityType)).toEqual(['checkInAcknowledged']);
  });

  it('refuses an Acknowledge from someone who is not the reviewer, with a clear card', async () => {
    const checkIn = await alexSubmits();
    const res = await invoke('adele', VERBS.acknowledgeCheckIn, { checkInId: checkIn._id });
    expect(res.status).toBe(200);
    expect(text(res.body.value)).toMatch(/Only the reviewer|Only Alex Wilber's reviewer/);
    const stored = await runtime.db.collection('checkIns').findOne({ _id: checkIn._id });
    expect(stored?.acknowledgement).toBeUndefined();
  });

  it("sends the reviewer's response to the reviewee and keeps a draft when it is empty", async () => {
    const checkIn = await alexSubmits();
    await drain();
    const empty = await invoke('megan', VERBS.respondToCheckIn, { checkInId: checkIn._id, responseAnchor: 'www', responseText: '   ' });
    expect(text(empty.body.value)).toMatch(/Write a response first/);
    const res = await invoke('megan', VERBS.respondToCheckIn, { checkInId: checkIn._id, responseAnchor: 'www', responseText: 'Brilliant organisation — thank you' });
    expect(text(res.body.value)).toContain('Brilliant organisation');
    await drain();
    const toAlex = connector.sentTo('a:29:alex').filter((a) => a.kind !== 'update');
    expect(toAlex).toHaveLength(1);
    expect((toAlex[0]!.activity as { text: string }).text).toMatch(/Megan Bowen responded to your Check in 6 · Fri 27 Feb: "Brilliant organisation/);
    const stored = await runtime.db.collection('checkIns').findOne({ _id: checkIn._id });
    expect(stored?.reviewerResponse).toMatchObject({ anchor: 'www', text: 'Brilliant organisation — thank you' });
  });

  it('tells each praised colleague once, without the check-in', async () => {
    await alexSubmits({ praiseIds: `${people.adele},${people.megan}`, praiseMessage: 'Thanks for covering period 3' });
    await alexSubmits({ praiseIds: `${people.adele},${people.megan}`, praiseMessage: 'Thanks for covering period 3' });
    await drain();
    const toAdele = connector.sentTo('a:29:adele');
    expect(toAdele).toHaveLength(1);
    expect(text(toAdele[0]!.activity)).toContain('Alex Wilber praised you: \\"Thanks for covering period 3\\"');
    expect(text(toAdele[0]!.activity)).not.toContain('Year 9 trip');
    const praiseToMegan = connector.sentTo('a:29:megan').filter((a) => text(a.activity).includes('praised you'));
    expect(praiseToMegan).toHaveLength(1);
    expect(feedTo('oid-adele').map((n) => n.activityType)).toEqual(['praiseReceived']);
  });

  it("sends each reviewer one supportive digest after the window closes", async () => {
    await queueDuePrompts(runtime.ctx);
    await alexSubmits();
    await drain();
    connector.reset();
    clock.now = new Date('2026-03-06T10:00:00Z'); // Check in 6 closed on Thursday night
    const tick = await queueDuePrompts(runtime.ctx);
    expect(tick.digestsQueued).toBe(1);
    expect((await queueDuePrompts(runtime.ctx)).digestsQueued).toBe(0);
    await drain();
    const toMegan = connector.sentTo('a:29:megan');
    expect(toMegan).toHaveLength(1);
    const card = text(toMegan[0]!.activity);
    expect(card).toContain('1 of 3 shared a check-in this time');
    expect(card).toMatch(/Waiting for your acknowledgement.*Alex Wilber/);
    expect(card).toMatch(/Not checked in this time.*Adele Vance, Adele Smith|Not checked in this time.*Adele Smith, Adele Vance/);
    expect(card).toContain('weeks get busy');
  });

  describe('praise from the chat', () => {
    const say = (textValue: string, id = randomUUID()) =>
      postActivity(runtime.url!, { ...base('alex'), id, type: 'message', text: textValue, deliveryMode: 'expectReplies' });

    it('praises a colleague by name, once even if Teams retries the message', async () => {
      const id = randomUUID();
      const reply = await say('praise @Adele Vance for covering period 3', id);
      expect(text(reply.body.activities)).toContain("passed your praise on to Adele Vance");
      await say('praise @Adele Vance for covering period 3', id);
      await drain();
      const toAdele = connector.sentTo('a:29:adele');
      expect(toAdele).toHaveLength(1);
      expect((toAdele[0]!.activity as { text: string }).text).toBe('Alex Wilber praised you: "covering period 3"');
    });

    it("stores a colleague's praise sent with the same message id as their own, never returning the first (issue 16)", async () => {
      const id = randomUUID();
      await say('praise @Adele Vance for covering period 3', id);
      const megans = await postActivity(runtime.url!, { ...base('megan'), id, type: 'message', text: 'praise @Adele Vance for the trip', deliveryMode: 'expectReplies' });
      expect(text(megans.body.activities)).toContain('passed your praise on to Adele Vance');
      expect(text(megans.body.activities)).not.toContain('covering period 3');
      const stored = await runtime.db.collection('praise').find({}).toArray();
      expect(stored.map((p) => p.message).sort()).toEqual(['covering period 3', 'the trip']);
      expect(stored.every((p) => !String(p._id).includes(id))).toBe(true);
    });

    it('asks which colleague when the name is ambiguous', async () => {
      const reply = await say('praise Adele for the display board');
      const card = text(reply.body.activities);
      expect(card).toContain('More than one colleague matches');
      expect(card).toContain('Adele Vance (Central)');
      expect(card).toContain('Adele Smith (Riverside)');
      expect(await runtime.db.collection('praise').countDocuments({})).toBe(0);
    });

    it('says plainly when nobody has that name', async () => {
      const reply = await say('praise @Zed Quinn for the assembly');
      expect(text(reply.body.activities)).toContain("couldn't find anyone called");
      expect(await runtime.db.collection('praise').countDocuments({})).toBe(0);
    });
  });
});
