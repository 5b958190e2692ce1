// A reviewer's team actions through the real /api/v1 (issue 15): acknowledging several check-ins
// at once (each audited and told as a single acknowledgement is), and a gentle reminder to a
// reviewee who has not checked in — a bot message through the outbox and the Bot Connector
// stand-in, once per person per window, refused with the reason otherwise.
import { randomUUID } from 'node:crypto';
import { startBotConnectorStandIn, type BotConnectorStandIn } from '../../standins/botConnector';
import { personalWorld, startTestRuntime } from '../../support/runtime';
import { TEST_TENANT } from '../../support/activities';
import type { Runtime } from '../../../bot/runtime';
import { ensureOrganisation, eventIdFor } from '../../../bot/usecases/organisations';
import { importDirectory, parseDirectoryFile } from '../../../bot/usecases/directory';
import { VERBS } from '../../../shared/verbs';

const CHECK_IN_6 = eventIdFor(TEST_TENANT, '2025-26', 'check-in-6');
// Check in 6 is open from Friday 27 February to Thursday 5 March 2026.
const OPEN = new Date('2026-03-02T10:00:00Z');
const clock = { now: OPEN };
const DIRECTORY = `name,email,entraObjectId,school,role,reviewer,roles
Megan Bowen,meganb@example.com,oid-megan,Central Team,leader,,
Patti Fernandez,pattif@example.com,oid-patti,North School,leader,,pg-admin
Alex Wilber,alexw@example.com,oid-alex,Central Team,teacher,meganb@example.com,
Adele Vance,adelev@example.com,oid-adele,Central Team,support,meganb@example.com,
Ben Carter,benc@example.com,oid-ben,Central Team,teacher,meganb@example.com,
`;
type Who = 'megan' | 'patti' | 'alex' | 'adele' | 'ben';
const WHO: Who[] = ['megan', 'patti', 'alex', 'adele', 'ben'];
const text = (x: unknown) => JSON.stringify(x);

describe('a reviewer acts on their team', () => {
  let connector: BotConnectorStandIn;
  let runtime: Runtime;
  let ids: Record<Who, string>;

  const { drain, api, install, press } = personalWorld<Who>({ runtime: () => runtime, connector: () => connector });
  const submit = async (who: Who, www: string): Promise<string> => {
    await press(who, VERBS.submitCheckIn, { eventId: CHECK_IN_6, www, score: '7' }, `${who}-prompt`);
    const stored = await runtime.db.collection('checkIns').findOne({ personId: ids[who], eventId: CHECK_IN_6 });
    return String(stored!._id);
  };
  const messagesTo = (who: Who) => connector.sentTo(`a:29:${who}`).filter((a) => a.kind !== 'update').map((a) => String(a.activity.text ?? ''));
  const audited = async (action: string) => runtime.db.collection('auditLog').countDocuments({ action });

  beforeAll(async () => {
    connector = await startBotConnectorStandIn();
  });
  afterAll(async () => {
    await connector.close();
  });
  beforeEach(async () => {
    clock.now = OPEN;
    runtime = await startTestRuntime({}, { clock: () => clock.now });
    await ensureOrganisation(runtime.ctx, { organisationId: TEST_TENANT, policyId: 'tsfe-2025-26' });
    await importDirectory(runtime.ctx, TEST_TENANT, parseDirectoryFile(DIRECTORY, 'csv'));
    ids = await install(WHO);
    await drain();
    connector.reset();
  });
  afterEach(async () => {
    await runtime.stop();
  });

  it('sends a gentle reminder once per person per window, as a bot message, audited; refuses with the reason otherwise', async () => {
    const first = await api('megan', `/people/${ids.alex}/check-in-reminder`, { method: 'POST' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ eventId: CHECK_IN_6, title: 'Check in 6', byName: 'Megan Bowen', created: true });
    await drain();
    expect(messagesTo('alex')).toEqual(["Megan Bowen wondered if you'd like a hand with Check in 6 — it closes Thursday 5 March."]);

    // Again (a double click, a second tab): nothing more is sent, and the answer says when it was.
    const again = await api('megan', `/people/${ids.alex}/check-in-reminder`, { method: 'POST' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: false, sentAt: first.body.sentAt });
    await drain();
    expect(messagesTo('alex')).toHaveLength(1);
    expect(await audited('checkIn.reminderSent')).toBe(1);

    // The team view remembers it, so the button reads "Reminder sent" after a reload.
    const team = await api('megan', '/team');
    const member = (who: Who) => team.body.members.find((m: { person: { id: string } }) => m.person.id === ids[who]);
    expect(member('alex')).toMatchObject({ notCheckedIn: { state: 'open', title: 'Check in 6' }, reminder: { byName: 'Megan Bowen' } });
    expect(member('adele').reminder).toBeUndefined();

    // Not their reviewee: refused with the reason, nothing queued.
    const notMine = await api('patti', `/people/${ids.adele}/check-in-reminder`, { method: 'POST' });
    expect(notMine.status).toBe(403);
    expect(notMine.body.detail).toBe('Adele Vance is not in your team: only their reviewer can send them a reminder.');
    const unknown = await api('megan', `/people/${randomUUID()}/check-in-reminder`, { method: 'POST' });
    expect(unknown.status).toBe(404);

    // Already checked in: no reminder needed.
    await submit('adele', 'Ran the reading club');
    const done = await api('megan', `/people/${ids.adele}/check-in-reminder`, { method: 'POST' });
    expect(done.status).toBe(409);
    expect(done.body.detail).toBe('Adele Vance has already done Check in 6: no reminder needed.');

    // Someone the policy does not ask (excluded): not counted as missing, and not reminded.
    await runtime.db.collection('people').updateOne({ _id: ids.ben as never }, { $set: { status: 'excluded' } });
    const withBenExcluded = await api('megan', '/team');
    const ben = withBenExcluded.body.members.find((m: { person: { id: string } }) => m.person.id === ids.ben);
    expect(ben).toMatchObject({ notAsked: true, rockCounts: { total: 0, agreed: 0 } });
    expect(ben.notCheckedIn).toBeUndefined();
    const notAsked = await api('megan', `/people/${ids.ben}/check-in-reminder`, { method: 'POST' });
    expect(notAsked.status).toBe(403);
    expect(notAsked.body.detail).toBe('Ben Carter is not asked to do a check-in at the moment.');

    // The window has closed: nothing to remind about.
    clock.now = new Date('2026-03-06T10:00:00Z');
    const closed = await api('megan', `/people/${ids.alex}/check-in-reminder`, { method: 'POST' });
    expect(closed.status).toBe(409);
    expect(closed.body.detail).toBe('No check-in is open right now, so there is nothing to remind Alex Wilber about.');
    await drain();
    expect(messagesTo('alex')).toHaveLength(1);
    expect(messagesTo('adele')).toHaveLength(0);
    expect(messagesTo('ben')).toHaveLength(0);
    expect(await audited('checkIn.reminderSent')).toBe(1);
  });

  it('acknowledges several check-ins at once with a result for each, idempotently, each audited and told', async () => {
    const alex = await submit('alex', 'Tried cold-calling with Year 9');
    const adele = await submit('adele', 'Ran the reading club');
    await drain();
    connector.reset();

    const bad = await api('megan', '/check-ins/acknowledge', { method: 'POST', body: { checkInIds: [] } });
    expect(bad.status).toBe(422);
    expect(text(bad.body)).toContain('choose at least one check-in');

    const byOther = await api('patti', '/check-ins/acknowledge', { method: 'POST', body: { checkInIds: [alex] } });
    expect(byOther.status).toBe(200);
    expect(byOther.body.results).toEqual([{ checkInId: alex, outcome: 'refused', message: "Only Alex Wilber's reviewer can acknowledge or respond to this check-in." }]);

    const missing = randomUUID();
    const res = await api('megan', '/check-ins/acknowledge', { method: 'POST', body: { checkInIds: [alex, adele, alex, missing] } });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { checkInId: string; outcome: string }) => [r.checkInId, r.outcome])).toEqual([
      [alex, 'acknowledged'],
      [adele, 'acknowledged'],
      [missing, 'refused'],
    ]);
    expect(res.body.results[0].checkIn.acknowledgement).toMatchObject({ byName: 'Megan Bowen' });
    expect(await audited('checkIn.acknowledged')).toBe(2);

    const retried = await api('megan', '/check-ins/acknowledge', { method: 'POST', body: { checkInIds: [alex, adele] } });
    expect(retried.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['already-acknowledged', 'already-acknowledged']);
    expect(await audited('checkIn.acknowledged')).toBe(2);

    // Each reviewee's card is updated, as after a single acknowledgement.
    await drain();
    for (const who of ['alex', 'adele'] as const) {
      const updates = connector.sentTo(`a:29:${who}`).filter((a) => a.kind === 'update');
      expect(updates.length).toBeGreaterThanOrEqual(1);
      expect(text(updates.at(-1)!.activity)).toContain('Megan Bowen');
    }
    const team = await api('megan', '/team');
    expect(team.body.members.flatMap((m: { awaitingAcknowledgement: unknown[] }) => m.awaitingAcknowledgement)).toEqual([]);
  });
});
