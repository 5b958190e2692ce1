// Issue 16, "validate by meaning, not only by shape": check-in submits that are well formed but
// wrong — an event that is not open or not a check-in, another organisation's event, a rock that is
// not the person's, thousands of invented rock fields, a megabyte answer, a lost event id, a lone
// surrogate — through the real bot endpoint (Action.Execute to POST /api/messages) and the tab's
// POST /api/v1/check-ins. Each is refused with a message saying why; the database holds no check-in
// and no outbox job afterwards; the card returned stays under Teams' size and carries back what was
// typed (or the part that fits, saying so).
import { randomUUID } from 'node:crypto';
import { startBotConnectorStandIn, type BotConnectorStandIn } from '../../standins/botConnector';
import { startTestRuntime } from '../../support/runtime';
import { TEST_TENANT, postActivity } from '../../support/activities';
import { buildRock, buildScheduleEvent } from '../../support/builders';
import { startApiHarness, type ApiHarness } from '../api/apiWorld';
import type { Runtime } from '../../../bot/runtime';
import { cycleIdFor, ensureOrganisation, eventIdFor } from '../../../bot/usecases/organisations';
import { importDirectory, parseDirectoryFile } from '../../../bot/usecases/directory';
import { VERBS } from '../../../shared/verbs';

const OTHER_TENANT = '7a1c0f3e-0000-4000-8000-00000000beef';
const CYCLE = cycleIdFor(TEST_TENANT, '2025-26');
const CHECK_IN_6 = eventIdFor(TEST_TENANT, '2025-26', 'check-in-6');
const CHECK_IN_7 = eventIdFor(TEST_TENANT, '2025-26', 'check-in-7');
const ASPIRATION_SURVEY = eventIdFor(TEST_TENANT, '2025-26', 'aspiration-survey');
/** Friday 27 Feb 2026, 10:00 in London: Check in 6 is open; Check in 7 opens two weeks later. */
const DURING_CHECK_IN_6 = new Date('2026-02-27T10:00:00Z');
/** Teams refuses a card much over 28 KB. */
const TEAMS_CARD_BYTES = 28_000;

const DIRECTORY = `name,email,entraObjectId,school,role,reviewer
Alex Wilber,alexw@example.com,oid-alex,Central,teacher,meganb@example.com
Megan Bowen,meganb@example.com,oid-megan,Central,leader,
`;

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

describe('hostile check-in submits through the bot endpoint', () => {
  let connector: BotConnectorStandIn;
  let runtime: Runtime;
  let alexRock: string;
  let meganRock: string;
  const now = { value: DURING_CHECK_IN_6 };

  beforeAll(async () => {
    connector = await startBotConnectorStandIn({ retryAfterSeconds: 1 });
    runtime = await startTestRuntime({}, { clock: () => now.value });
    await ensureOrganisation(runtime.ctx, { organisationId: TEST_TENANT, policyId: 'tsfe-2025-26' });
    await ensureOrganisation(runtime.ctx, { organisationId: OTHER_TENANT, policyId: 'tsfe-2025-26' });
    await importDirectory(runtime.ctx, TEST_TENANT, parseDirectoryFile(DIRECTORY, 'csv'));
    const org = { organisationId: TEST_TENANT };
    const alex = (await runtime.repos.people.findByEmail(org, 'alexw@example.com'))!;
    const megan = (await runtime.repos.people.findByEmail(org, 'meganb@example.com'))!;
    const rock = (personId: string, title: string) => buildRock({ organisationId: TEST_TENANT, personId, cycleId: CYCLE, rockWindowId: 'jan-mar', slotId: 'rock-1', title, status: 'agreed' });
    const [a, m] = [rock(alex.id, 'Raise reading ages in Year 5'), rock(megan.id, "Megan's own rock")];
    await runtime.repos.rocks.create(org, a);
    await runtime.repos.rocks.create(org, m);
    alexRock = a.id;
    meganRock = m.id;
  });
  afterAll(async () => {
    await runtime.stop();
    await connector.close();
  });

  function submit(data: Record<string, unknown>) {
    return postActivity(runtime.url!, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      id: randomUUID(),
      channelId: 'msteams',
      serviceUrl: connector.url,
      from: { id: '29:alex', aadObjectId: 'oid-alex', name: 'Alex' },
      recipient: { id: '28:bot', name: 'Professional Growth' },
      conversation: { id: 'a:29:alex', conversationType: 'personal', tenantId: TEST_TENANT },
      channelData: { tenant: { id: TEST_TENANT } },
      value: { action: { type: 'Action.Execute', verb: VERBS.submitCheckIn, data }, trigger: 'manual' },
    });
  }

  /** The card answered, under Teams' size; and nothing stored or queued for anyone. */
  async function refusedCard(data: Record<string, unknown>): Promise<string> {
    const res = await submit(data);
    expect(res.status).toBe(200);
    expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(bytes(res.body)).toBeLessThan(TEAMS_CARD_BYTES);
    expect(await runtime.db.collection('checkIns').countDocuments({})).toBe(0);
    expect(await runtime.db.collection('outboxJobs').countDocuments({})).toBe(0);
    expect(await runtime.db.collection('praise').countDocuments({})).toBe(0);
    return JSON.stringify(res.body.value);
  }

  it('refuses a check-in two weeks before its window opens, saying when it opens, and keeps the text', async () => {
    const card = await refusedCard({ eventId: CHECK_IN_7, www: 'Written early on purpose', score: '7' });
    expect(card).toContain("Check in 7 isn't open yet: it opens Fri 13 Mar at 08:00");
    expect(card).toContain('Written early on purpose');
  });

  it('refuses answers sent to the aspiration survey, which is not a check-in', async () => {
    const card = await refusedCard({ eventId: ASPIRATION_SURVEY, www: 'Survey is not a check-in' });
    expect(card).toContain('is not a check-in, so check-in answers can');
    expect(card).toContain('Survey is not a check-in');
  });

  it("answers another organisation's event as not on the schedule, without a sign that it exists", async () => {
    const theirs = eventIdFor(OTHER_TENANT, '2025-26', 'check-in-6');
    const card = await refusedCard({ eventId: theirs, www: 'Sent across tenants' });
    expect(card).toContain('no longer on the schedule');
    expect(card).toContain('Sent across tenants');
    expect(card).not.toContain(OTHER_TENANT);
  });

  it("refuses progress on a colleague's rock, naming the problem on that rock, and keeps the rest", async () => {
    const card = await refusedCard({ eventId: CHECK_IN_6, www: 'Good week', [`rock:${alexRock}`]: 'Baseline tests done', [`rock:${meganRock}`]: 'Not my rock' });
    expect(card).toContain('is not one of your agreed rocks for this part of the year');
    expect(card).toContain('Baseline tests done');
    expect(card).toContain('Not my rock');
    expect(card).not.toContain("Megan's own rock");
  });

  it('refuses 2,000 invented rock fields with one message, on a card that fits and says what it kept', async () => {
    const data: Record<string, unknown> = { eventId: CHECK_IN_6, www: 'Flooded with rocks' };
    for (let i = 0; i < 2000; i += 1) data[`rock:invented-${i}`] = `progress ${i}`;
    const card = await refusedCard(data);
    expect(card).toContain('This card sent progress on 2000 rocks; a check-in takes at most 10');
    expect(card).toContain('Flooded with rocks');
    expect(card).toContain('progress 0');
    expect(card).toContain('This card sent 2,000 rock progress fields: we kept the first 10; the rest was not saved.');
  });

  it('refuses a 1 MB answer on a card under 28 KB that keeps its first 1,000 characters and says so', async () => {
    const huge = `Start of my answer ${'x'.repeat(1_000_000)}`;
    const card = await refusedCard({ eventId: CHECK_IN_6, www: huge, ebi: 'Short and kept whole' });
    expect(card).toContain('keep it under 1000 characters');
    expect(card).toContain(huge.slice(0, 1000));
    expect(card).not.toContain(huge.slice(0, 1001));
    expect(card).toContain('We kept the first 1,000 characters of What went well; the rest was not saved.');
    expect(card).toContain('Short and kept whole');
  });

  it('keeps everything typed when the card has lost its event id', async () => {
    for (const eventId of [undefined, 42, '', 'e'.repeat(5000)]) {
      const card = await refusedCard({ ...(eventId === undefined ? {} : { eventId }), www: 'Kept without an event', ebi: 'Still here', whatsNext: 'And this', score: '6', praiseMessage: 'Thanks all' });
      for (const typed of ['Kept without an event', 'Still here', 'And this', 'Thanks all']) expect(card).toContain(typed);
      expect(card).toMatch(/lost track of its check-in|no longer on the schedule/);
    }
  });

  it('after the window closed, turns a late first submission back on a form it can be sent from, text kept', async () => {
    now.value = new Date('2026-03-06T12:00:00Z'); // the Friday after Check in 6 closed
    try {
      const typed = `Late but long ${'y'.repeat(1000)}`;
      const card = await refusedCard({ eventId: CHECK_IN_6, www: typed });
      expect(card).toContain('keep it under 1000 characters');
      expect(card).toContain(typed);
      expect(card).toContain(VERBS.submitCheckIn);
      expect(card).not.toContain('has closed');
    } finally {
      now.value = DURING_CHECK_IN_6;
    }
  });

  it("refuses a lone surrogate instead of storing U+FFFD in its place", async () => {
    const res = await submit({ eventId: CHECK_IN_6, www: 'Half an emoji \ud83d here', ebi: 'Fine text' });
    const card = JSON.stringify(res.body.value);
    expect(card).toContain("contains a character we can't store");
    expect(card).toContain('Fine text');
    expect(card).toContain('Half an emoji');
    expect(await runtime.db.collection('checkIns').countDocuments({})).toBe(0);
    // A whole surrogate pair is text like any other: stored exactly as typed.
    const ok = await submit({ eventId: CHECK_IN_6, www: 'A whole emoji 🎉 here' });
    expect(JSON.stringify(ok.body.value)).toMatch(/your check-in is in/i);
    const stored = await runtime.db.collection('checkIns').findOne({ organisationId: TEST_TENANT, eventId: CHECK_IN_6 });
    expect(stored?.answers.www).toBe('A whole emoji 🎉 here');
  });
});

describe('hostile check-in submits through POST /api/v1/check-ins', () => {
  let api: ApiHarness;
  let aliceRock: string;
  let samRock: string;
  let aspiration: string;
  let otherOrgEvent: string;

  beforeAll(async () => {
    api = await startApiHarness();
    const { org, otherOrg, alice, sam, cycleId } = api.world;
    const rock = (personId: string, title: string) => buildRock({ organisationId: org.id, personId, cycleId, rockWindowId: 'spring', slotId: 'trust', title, status: 'agreed' });
    const [a, s] = [rock(alice.id, 'Raise reading ages'), rock(sam.id, "Sam's rock")];
    await api.repos.rocks.create({ organisationId: org.id }, a);
    await api.repos.rocks.create({ organisationId: org.id }, s);
    aliceRock = a.id;
    samRock = s.id;
    // Open now, so only its kind stands in the way.
    const survey = buildScheduleEvent({ organisationId: org.id, cycleId, kind: 'aspiration-survey', key: 'aspiration-survey', title: 'Aspiration survey', number: undefined, window: { opens: '2026-02-26T08:00', closes: '2026-03-06T23:59' } });
    await api.repos.scheduleEvents.insertMany({ organisationId: org.id }, [survey]);
    aspiration = survey.id;
    const otherCycle = (await api.repos.cycles.list({ organisationId: otherOrg.id }))[0]!;
    const theirs = buildScheduleEvent({ organisationId: otherOrg.id, cycleId: otherCycle.id, key: 'check-in-2', number: 2, title: 'Their check in' });
    await api.repos.scheduleEvents.insertMany({ organisationId: otherOrg.id }, [theirs]);
    otherOrgEvent = theirs.id;
  });
  afterAll(async () => api.stop());

  async function post(body: unknown) {
    const res = await api.call('/api/v1/check-ins', { method: 'POST', body, token: await api.tokenFor(api.world.alice) });
    const stored = await api.repos.checkIns.findForPersonAndEvent({ organisationId: api.world.org.id }, api.world.alice.id, api.world.events.open.id);
    expect(stored).toBeNull();
    return res;
  }

  it('refuses an event that is not open yet, saying when it opens (422), and stores nothing', async () => {
    const res = await post({ eventId: api.world.events.upcoming.id, answers: { www: 'Too early' } });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body)).toContain("Check in 3 isn't open yet: it opens Fri 13 Mar at 08:00");
    expect(await api.repos.checkIns.findForPersonAndEvent({ organisationId: api.world.org.id }, api.world.alice.id, api.world.events.upcoming.id)).toBeNull();
  });

  it('refuses an event that is not a check-in, even while it is open', async () => {
    const res = await post({ eventId: aspiration, answers: { www: 'Wrong event' } });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body)).toContain('Aspiration survey is not a check-in');
    expect(await api.repos.checkIns.findForPersonAndEvent({ organisationId: api.world.org.id }, api.world.alice.id, aspiration)).toBeNull();
  });

  it("answers another organisation's event 404, as if it did not exist", async () => {
    const res = await post({ eventId: otherOrgEvent, answers: { www: 'Across tenants' } });
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain(api.world.otherOrg.id);
    expect(JSON.stringify(res.body)).not.toContain('Their check in');
    expect(await api.repos.checkIns.findForPersonAndEvent({ organisationId: api.world.otherOrg.id }, api.world.alice.id, otherOrgEvent)).toBeNull();
  });

  it("refuses progress on a colleague's rock and on more rocks than a check-in has, naming the problem", async () => {
    const eventId = api.world.events.open.id;
    const foreign = await post({ eventId, answers: { www: 'Good', rockProgress: [{ rockId: aliceRock, progress: 'Mine' }, { rockId: samRock, progress: "Sam's" }] } });
    expect(foreign.status).toBe(422);
    expect(foreign.body.errors).toEqual([{ path: `rock:${samRock}`, message: expect.stringContaining('is not one of your agreed rocks') }]);
    const many = await post({ eventId, answers: { www: 'Good', rockProgress: Array.from({ length: 2000 }, (_, i) => ({ rockId: `invented-${i}`, progress: 'x' })) } });
    expect(many.status).toBe(422);
    expect(JSON.stringify(many.body)).toContain('progress on up to 10 rocks at a time');
  });

  it('refuses a lone surrogate, naming the answer, and stores the text exactly when it is whole', async () => {
    const eventId = api.world.events.open.id;
    const res = await post({ eventId, answers: { www: 'Broken \udc00 character' } });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: 'answers.www', message: expect.stringContaining("contains a character we can't store") }]);
    await expect(post({ eventId, answers: { www: 'x'.repeat(1_000_000) } })).resolves.toMatchObject({ status: 422 });
  });
});
