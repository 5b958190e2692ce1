// Issue 15: thanks written on the check-in card with no colleague chosen never blocks the check-in.
// Through the real bot endpoint (/api/messages), the real database and the Bot Connector stand-in:
// the check-in is stored, the bot asks whom to thank, and the answer praises that colleague once.
import { startBotConnectorStandIn, type BotConnectorStandIn } from '../../standins/botConnector';
import { personalWorld, startTestRuntime } from '../../support/runtime';
import { TEST_TENANT } from '../../support/activities';
import type { Runtime } from '../../../bot/runtime';
import { ensureOrganisation, eventIdFor } from '../../../bot/usecases/organisations';
import { importDirectory, parseDirectoryFile } from '../../../bot/usecases/directory';
import type { Person } from '../../../shared/domain';
import { VERBS } from '../../../shared/verbs';

const CHECK_IN_6 = eventIdFor(TEST_TENANT, '2025-26', 'check-in-6');
/** Friday 27 Feb 2026, 10:00 in London: Check in 6 of TSFE 2025-26 is open. */
const DURING_CHECK_IN_6 = new Date('2026-02-27T10:00:00Z');
const DIRECTORY = `name,email,entraObjectId,school,role,reviewer
Alex Wilber,alexw@example.com,oid-alex,Central,teacher,meganb@example.com
Megan Bowen,meganb@example.com,oid-megan,Central,leader,
Adele Vance,adelev@example.com,oid-adele,Central,support,meganb@example.com
`;
const THANKS = 'Thanks for covering my Year 9 class on Tuesday';

type Who = 'alex' | 'megan' | 'adele';
const text = (value: unknown) => JSON.stringify(value);

describe('thanks on the check-in card with no colleague chosen', () => {
  let connector: BotConnectorStandIn;
  let runtime: Runtime;
  let megan: Person;
  let adele: Person;
  const { invoke: post } = personalWorld<Who>({ runtime: () => runtime, connector: () => connector });
  const askCards = () => connector.sentTo('a:29:alex').filter((a) => text(a.activity).includes(VERBS.sendPendingThanks));
  const praiseTo = (person: Person) => runtime.db.collection('praise').countDocuments({ organisationId: TEST_TENANT, toPersonId: person.id });

  beforeAll(async () => {
    connector = await startBotConnectorStandIn({ retryAfterSeconds: 1 });
  });
  afterAll(async () => {
    await connector.close();
  });
  beforeEach(async () => {
    connector.reset();
    runtime = await startTestRuntime({}, { clock: () => DURING_CHECK_IN_6 });
    await ensureOrganisation(runtime.ctx, { organisationId: TEST_TENANT, policyId: 'tsfe-2025-26' });
    await importDirectory(runtime.ctx, TEST_TENANT, parseDirectoryFile(DIRECTORY, 'csv'));
    megan = (await runtime.repos.people.findByEntraObjectId({ organisationId: TEST_TENANT }, 'oid-megan'))!;
    adele = (await runtime.repos.people.findByEntraObjectId({ organisationId: TEST_TENANT }, 'oid-adele'))!;
  });
  afterEach(async () => {
    await runtime.stop();
  });

  async function checkInWithThanks(): Promise<string> {
    const data = { eventId: CHECK_IN_6, www: 'Moderation went well', praiseMessage: THANKS };
    const res = await post('alex', VERBS.submitCheckIn, data);
    expect(res.status).toBe(200);
    expect(text(res.body.value)).toMatch(/your check-in is in/i);
    expect(text(res.body.value)).not.toMatch(/choose who you're thanking/);
    expect(text(res.body.value)).toContain(`Your thanks \\"${THANKS}\\" named nobody, so it is kept`);
    const [ask] = askCards();
    const thanksId = /"thanksId":"([^"]+)"/.exec(text(ask?.activity))?.[1];
    expect(thanksId).toBeDefined();
    return thanksId!;
  }

  it('stores the check-in, keeps the thanks and asks whom it is for, once however often Teams retries', async () => {
    await checkInWithThanks();
    const retry = await post('alex', VERBS.submitCheckIn, { eventId: CHECK_IN_6, www: 'Moderation went well', praiseMessage: THANKS });
    expect(text(retry.body.value)).toMatch(/your check-in is in/i);

    const checkIns = await runtime.db.collection('checkIns').find({ organisationId: TEST_TENANT }).toArray();
    expect(checkIns).toHaveLength(1);
    expect(checkIns[0]).toMatchObject({ answers: { www: 'Moderation went well' }, praise: [], praiseMessage: THANKS });
    expect(await runtime.db.collection('pendingThanks').countDocuments({ organisationId: TEST_TENANT, status: 'pending', message: THANKS })).toBe(1);
    const asks = askCards();
    expect(asks).toHaveLength(1);
    expect(text(asks[0]!.activity)).toContain(`Whom would you like to thank for \\"${THANKS}\\"?`);
    // The picker is the check-in card's: the staff directory through the bot's Data.Query.
    expect(text(asks[0]!.activity)).toContain('"dataset":"pgteams.people"');
    expect(await runtime.db.collection('praise').countDocuments({ organisationId: TEST_TENANT })).toBe(0);
  });

  it('praises the colleague chosen once, on a double click and a retry, and refuses a different answer afterwards', async () => {
    const thanksId = await checkInWithThanks();
    const answer = { thanksId, recipientIds: megan.id };
    const answers = await Promise.all([post('alex', VERBS.sendPendingThanks, answer), post('alex', VERBS.sendPendingThanks, answer)]);
    answers.push(await post('alex', VERBS.sendPendingThanks, answer));
    for (const res of answers) {
      expect(res.status).toBe(200);
      expect(text(res.body.value)).toContain("I've passed your praise on to Megan Bowen");
    }
    expect(await praiseTo(megan)).toBe(1);
    const praise = await runtime.db.collection('praise').findOne({ organisationId: TEST_TENANT, toPersonId: megan.id });
    expect(praise).toMatchObject({ message: THANKS });
    const jobs = await runtime.db.collection('outboxJobs').find({ organisationId: TEST_TENANT, personId: megan.id, kind: 'bot-message' }).toArray();
    expect(jobs.filter((j) => String(j.idempotencyKey).startsWith('message:praise:'))).toHaveLength(1);
    expect(await runtime.db.collection('auditLog').countDocuments({ organisationId: TEST_TENANT, action: 'praise.given' })).toBe(1);
    expect(await runtime.db.collection('pendingThanks').countDocuments({ organisationId: TEST_TENANT, status: 'sent' })).toBe(1);

    const other = await post('alex', VERBS.sendPendingThanks, { thanksId, recipientIds: adele.id });
    expect(text(other.body.value)).toContain('You already sent this thanks to Megan Bowen');
    expect(await praiseTo(adele)).toBe(0);
  });

  it('asks again, keeping the card, when nobody is picked; discarding sends nothing', async () => {
    const thanksId = await checkInWithThanks();
    const empty = await post('alex', VERBS.sendPendingThanks, { thanksId });
    expect(text(empty.body.value)).toContain("choose who you're thanking");
    expect(text(empty.body.value)).toContain(VERBS.sendPendingThanks);
    const yourself = await post('alex', VERBS.sendPendingThanks, { thanksId, recipientIds: (await runtime.repos.people.findByEntraObjectId({ organisationId: TEST_TENANT }, 'oid-alex'))!.id });
    expect(text(yourself.body.value)).toContain('thank colleagues, not yourself');

    const discarded = await post('alex', VERBS.discardPendingThanks, { thanksId });
    expect(text(discarded.body.value)).toMatch(/Discarded — nobody was sent this thanks/);
    const late = await post('alex', VERBS.sendPendingThanks, { thanksId, recipientIds: megan.id });
    expect(text(late.body.value)).toMatch(/discarded this thanks/);
    expect(await runtime.db.collection('praise').countDocuments({ organisationId: TEST_TENANT })).toBe(0);
  });

  it('does not let a colleague answer someone else’s thanks', async () => {
    const thanksId = await checkInWithThanks();
    const res = await post('megan', VERBS.sendPendingThanks, { thanksId, recipientIds: adele.id });
    expect(text(res.body.value)).toMatch(/not waiting any more/);
    expect(await runtime.db.collection('praise').countDocuments({ organisationId: TEST_TENANT })).toBe(0);
  });
});
