// The check-in loop through the real HTTP endpoint, the real database and a Bot Connector
// stand-in that behaves like Teams (limits, 429, 403).
import { startBotConnectorStandIn, type BotConnectorStandIn } from '../../standins/botConnector';
import { personalWorld, startTestRuntime } from '../../support/runtime';
import { TEST_TENANT, postActivity } from '../../support/activities';
import type { Runtime } from '../../../bot/runtime';
import { queueDuePrompts } from '../../../bot/usecases/promptQueue';
import { ensureOrganisation, eventIdFor } from '../../../bot/usecases/organisations';
import { importDirectory, parseDirectoryFile } from '../../../bot/usecases/directory';
import { VERBS } from '../../../shared/verbs';

const CHECK_IN_6 = eventIdFor(TEST_TENANT, '2025-26', 'check-in-6');
/** Friday 27 Feb 2026, 10:00 in London: Check in 6 of TSFE 2025-26 is open. */
const DURING_CHECK_IN_6 = new Date('2026-02-27T10:00:00Z');

const DIRECTORY = `name,email,entraObjectId,school,role,reviewer
Alex Wilber,alexw@example.com,oid-alex,Central,teacher,meganb@example.com
Megan Bowen,meganb@example.com,oid-megan,Central,leader,
Adele Vance,adelev@example.com,oid-adele,Central,support,meganb@example.com
`;

interface Harness {
  runtime: Runtime;
  connector: BotConnectorStandIn;
  now: { value: Date };
}

async function startHarness(connector: BotConnectorStandIn, dbName?: string, now = { value: DURING_CHECK_IN_6 }): Promise<Harness> {
  const runtime = await startTestRuntime(dbName ? { MONGODB_DB: dbName } : {}, { clock: () => now.value });
  return { runtime, connector, now };
}

async function seed(h: Harness): Promise<void> {
  await ensureOrganisation(h.runtime.ctx, { organisationId: TEST_TENANT, policyId: 'tsfe-2025-26' });
  await importDirectory(h.runtime.ctx, TEST_TENANT, parseDirectoryFile(DIRECTORY, 'csv'));
}

function cardText(card: unknown): string {
  return JSON.stringify(card);
}


describe('the check-in loop', () => {
  let connector: BotConnectorStandIn;
  let h: Harness;
  const { base, drain, install, invoke, say } = personalWorld<'alex' | 'megan' | 'adele' | 'stranger'>({ runtime: () => h.runtime, connector: () => connector });
  const installEveryone = () => install(['alex', 'megan', 'adele']);

  beforeAll(async () => {
    connector = await startBotConnectorStandIn({ retryAfterSeconds: 1 });
  });
  afterAll(async () => {
    await connector.close();
  });
  beforeEach(async () => {
    connector.reset();
    h = await startHarness(connector);
    await seed(h);
  });
  afterEach(async () => {
    await h.runtime.stop();
  });

  it('stores the conversation reference on install and welcomes the person', async () => {
    await postActivity(h.runtime.url!, { ...base('alex'), type: 'installationUpdate', action: 'add' });
    const reference = await h.runtime.repos.conversationReferences.get({ organisationId: TEST_TENANT }, '29:alex');
    expect(reference).toMatchObject({ scope: 'personal', conversationId: 'a:29:alex', serviceUrl: connector.url });
    const alex = await h.runtime.repos.people.findByEntraObjectId({ organisationId: TEST_TENANT }, 'oid-alex');
    expect(reference?.personId).toBe(alex?.id);
    const welcome = connector.sentTo('a:29:alex');
    expect(welcome).toHaveLength(1);
    expect(cardText(welcome[0]!.activity)).toMatch(/every other Friday/i);
  });

  it('tells someone who is not in the staff directory so, plainly', async () => {
    await postActivity(h.runtime.url!, { ...base('stranger'), type: 'installationUpdate', action: 'add' });
    const [message] = connector.sentTo('a:29:stranger');
    expect(cardText(message!.activity)).toMatch(/staff directory/i);
  });

  it('prompts each installed person once, even when the scheduler runs again after a restart', async () => {
    await installEveryone();
    connector.reset();
    const first = await queueDuePrompts(h.runtime.ctx);
    expect(first.promptsQueued).toBe(3);
    await drain();
    const dbName = h.runtime.config.MONGODB_DB;
    // Restart: a new process on the same database runs the scheduler and the sender again.
    await h.runtime.stop();
    h = await startHarness(connector, dbName);
    const again = await queueDuePrompts(h.runtime.ctx);
    expect(again.promptsQueued).toBe(0);
    await drain();
    for (const who of ['alex', 'megan', 'adele']) {
      const prompts = connector.sentTo(`a:29:${who}`).filter((a) => cardText(a.activity).includes(VERBS.submitCheckIn));
      expect(prompts).toHaveLength(1);
    }
  });

  it('retries a 429 from Teams and still delivers the prompt', async () => {
    await installEveryone();
    connector.reset();
    connector.failNext(2, 429);
    await queueDuePrompts(h.runtime.ctx);
    await drain();
    expect(connector.calls.filter((c) => c.status === 429)).toHaveLength(2);
    for (const who of ['alex', 'megan', 'adele']) expect(connector.sentTo(`a:29:${who}`)).toHaveLength(1);
    const counts = await h.runtime.repos.outboxJobs.countByStatus({ organisationId: TEST_TENANT });
    expect(counts.failed).toBe(0);
  });

  it('marks a person who blocked the app unreachable and does not retry them', async () => {
    await installEveryone();
    connector.reset();
    connector.blockUser('a:29:adele', 403, 'MessageWritesBlocked');
    await queueDuePrompts(h.runtime.ctx);
    await drain();
    const adele = await h.runtime.repos.people.findByEntraObjectId({ organisationId: TEST_TENANT }, 'oid-adele');
    expect(adele?.reachable).toBe(false);
    const attemptsToAdele = connector.calls.filter((c) => c.conversationId === 'a:29:adele');
    expect(attemptsToAdele).toHaveLength(1);
    expect(connector.sentTo('a:29:alex')).toHaveLength(1);
  });

  it('stores one check-in when Teams retries the submit or the person double-clicks', async () => {
    const data = { eventId: CHECK_IN_6, www: 'Year 9 trip went smoothly', ebi: '', whatsNext: 'Plan the moderation day', score: '8' };
    const [a, b] = await Promise.all([
      invoke('alex', VERBS.submitCheckIn, data),
      invoke('alex', VERBS.submitCheckIn, data),
    ]);
    const retry = await invoke('alex', VERBS.submitCheckIn, data);
    for (const res of [a, b, retry]) {
      expect(res.status).toBe(200);
      expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
      expect(cardText(res.body.value)).toMatch(/your check-in is in/i);
    }
    const stored = await h.runtime.db.collection('checkIns').find({ organisationId: TEST_TENANT }).toArray();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ eventId: CHECK_IN_6, timeliness: 'on-time', answers: { www: 'Year 9 trip went smoothly', score: 8 } });
  });

  it('counts a first submission after the window closed as late', async () => {
    h.now.value = new Date('2026-03-06T12:00:00Z'); // the Friday after Check in 6 closed
    const res = await invoke('alex', VERBS.submitCheckIn, { eventId: CHECK_IN_6, www: 'Catching up' });
    expect(cardText(res.body.value)).toMatch(/late/i);
    const stored = await h.runtime.db.collection('checkIns').findOne({ organisationId: TEST_TENANT });
    expect(stored?.timeliness).toBe('late');
  });

  it('returns an invalid card with the text still in it and the problem stated', async () => {
    const typed = 'A long reflection about the week that I do not want to lose';
    const res = await invoke('alex', VERBS.submitCheckIn, { eventId: CHECK_IN_6, www: typed, score: '11' });
    expect(res.status).toBe(200);
    const card = cardText(res.body.value);
    expect(card).toContain(typed);
    expect(card).toMatch(/score/i);
    expect(await h.runtime.db.collection('checkIns').countDocuments({})).toBe(0);
  });

  it('refuses an empty check-in with a clear message', async () => {
    const res = await invoke('alex', VERBS.submitCheckIn, { eventId: CHECK_IN_6 });
    expect(cardText(res.body.value)).toMatch(/at least one/i);
    expect(await h.runtime.db.collection('checkIns').countDocuments({})).toBe(0);
  });

  it('reports praised colleagues who are not in the directory instead of dropping them', async () => {
    const megan = await h.runtime.repos.people.findByEntraObjectId({ organisationId: TEST_TENANT }, 'oid-megan');
    const res = await invoke('alex', VERBS.submitCheckIn, { eventId: CHECK_IN_6, www: 'Good week', praiseIds: `${megan!.id},someone-who-left`, praiseMessage: 'Thanks for covering period 3' });
    const card = cardText(res.body.value);
    expect(card).toContain('Megan Bowen');
    expect(card).toMatch(/no longer in the staff directory/);
    const praise = await h.runtime.db.collection('praise').find({}).toArray();
    expect(praise.map((p) => p.toPersonId)).toEqual([megan!.id]);
  });

  it('answers "check in" with the open card, and with the next opening when none is open', async () => {
    const open = await say('alex', 'check in');
    expect(cardText(open.body.activities)).toContain(VERBS.submitCheckIn);
    expect(cardText(open.body.activities)).toContain('Check in 6 · Fri 27 Feb');
    h.now.value = new Date('2026-03-09T12:00:00Z');
    const closed = await say('alex', 'check in');
    expect(cardText(closed.body.activities)).toMatch(/Check in 7, opens Fri 13 Mar at 08:00/);
  });

  it('answers the praise picker typeahead from the staff directory', async () => {
    const res = await postActivity(h.runtime.url!, {
      ...base('alex'),
      type: 'invoke',
      name: 'application/search',
      value: { kind: 'typeahead', queryText: 'meg', dataset: 'pgteams.people', queryOptions: { skip: 0, top: 15 } },
    });
    expect(res.status).toBe(200);
    expect(res.body.value.results.map((r: { title: string }) => r.title)).toEqual(['Megan Bowen (Central)']);
  });
});
