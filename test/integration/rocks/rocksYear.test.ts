// Rocks through the year (seed 000 §6 and Appendix 4; seed 001's objective setting and FAQ), through
// the real server: the tab's /api/v1 (dev identity), the bot's /api/messages, the outbox worker,
// and the Bot Connector and Graph stand-ins. Alex is reviewed by Megan, whose own manager is Diego;
// Paula is a PG administrator; Sam is a colleague with no say over Alex's rocks.
import { startBotConnectorStandIn, type BotConnectorStandIn } from '../../standins/botConnector';
import { startGraphStandIn, type GraphStandIn } from '../../standins/graph';
import { personalWorld, startTestRuntime } from '../../support/runtime';
import { TEST_TENANT } from '../../support/activities';
import type { Runtime } from '../../../bot/runtime';
import { queueDuePrompts } from '../../../bot/usecases/promptQueue';
import { ensureOrganisation, eventIdFor } from '../../../bot/usecases/organisations';
import { importDirectory, parseDirectoryFile } from '../../../bot/usecases/directory';
import { VERBS } from '../../../shared/verbs';
import { buildStatusCard } from '../../../bot/cards/admin/statusCard';
import { completionStatus } from '../../../bot/usecases/adminStatus';

const CHECK_IN_6 = eventIdFor(TEST_TENANT, '2025-26', 'check-in-6');
const TEAMS_APP_ID = 'pgteams-app';
const DIRECTORY = `name,email,entraObjectId,school,role,reviewer,roles
Alex Wilber,alexw@example.com,oid-alex,Central,teacher,meganb@example.com,
Megan Bowen,meganb@example.com,oid-megan,Central,leader,diegos@example.com,
Diego Siciliani,diegos@example.com,oid-diego,Central,leader,,
Sam Colleague,samc@example.com,oid-sam,Central,support,diegos@example.com,
Paula Admin,paula@example.com,oid-paula,Central,support,diegos@example.com,pg-admin
`;

type Who = 'alex' | 'megan' | 'diego' | 'sam' | 'paula';
const text = (x: unknown) => JSON.stringify(x);

describe('rocks through the year', () => {
  let connector: BotConnectorStandIn;
  let graph: GraphStandIn;
  let runtime: Runtime;
  const clock = { now: new Date('2026-02-27T10:00:00Z') };

  const { drain, api, install, invoke, say } = personalWorld<Who>({ runtime: () => runtime, connector: () => connector, graph: () => graph, teamsAppId: TEAMS_APP_ID });
  const feedTo = (who: Who) => graph.notifications.filter((n) => n.userId === `oid-${who}`).map((n) => n.body as { activityType: string; previewText: { content: string }; templateParameters: { name: string; value: string }[] });
  const chatTo = (who: Who) => connector.sentTo(`a:29:${who}`).filter((a) => a.kind !== 'update').map((a) => text(a.activity));

  /** Alex writes a rock for a slot (and window) and proposes it. */
  async function proposed(slotId: string, title: string, rockWindowId?: string) {
    const created = await api('alex', '/rocks', { method: 'POST', body: { slotId, title, rockWindowId, successCriteria: [{ text: `${title}: first milestone` }] } });
    expect(created.status).toBe(201);
    const res = await api('alex', `/rocks/${created.body.id}/propose`, { method: 'POST', body: { version: created.body.version } });
    expect(res.body.status).toBe('proposed');
    return res.body;
  }

  async function agreed(slotId: string, title: string, rockWindowId?: string) {
    const rock = await proposed(slotId, title, rockWindowId);
    const res = await api('megan', `/rocks/${rock.id}/agree`, { method: 'POST', body: { version: rock.version } });
    expect(res.body.status).toBe('agreed');
    return res.body;
  }

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
    clock.now = new Date('2026-02-27T10:00:00Z');
    runtime = await startTestRuntime({}, { clock: () => clock.now });
    await ensureOrganisation(runtime.ctx, { organisationId: TEST_TENANT, policyId: 'tsfe-2025-26' });
    await importDirectory(runtime.ctx, TEST_TENANT, parseDirectoryFile(DIRECTORY, 'csv'));
    await install(['alex', 'megan', 'diego', 'sam', 'paula']);
    connector.reset();
  });
  afterEach(async () => {
    await runtime.stop();
  });

  it('tells the reviewer of a proposed rock (chat card and activity feed), once, and the reviewee when it is agreed', async () => {
    const rock = await proposed('rock-1', 'Cut invoice processing to 5 days');
    await api('alex', `/rocks/${rock.id}/propose`, { method: 'POST', body: { version: rock.version } }); // a retried propose
    await drain();
    const toMegan = chatTo('megan');
    expect(toMegan).toHaveLength(1);
    expect(toMegan[0]).toContain('Alex Wilber proposed a rock for you to agree');
    expect(toMegan[0]).toContain('Cut invoice processing to 5 days');
    expect(feedTo('megan').map((n) => n.activityType)).toEqual(['rockProposed']);
    expect(feedTo('megan')[0]!.previewText.content).toBe('Alex Wilber proposed a rock: Cut invoice processing to 5 days');

    const agreedRock = await api('megan', `/rocks/${rock.id}/agree`, { method: 'POST', body: { version: rock.version, comment: 'Good stretch' } });
    expect(agreedRock.body.status).toBe('agreed');
    await drain();
    const toAlex = chatTo('alex');
    expect(toAlex).toHaveLength(1);
    expect(toAlex[0]).toContain('Megan Bowen agreed your rock');
    expect(feedTo('alex').map((n) => n.activityType)).toEqual(['rockAgreed']);
    expect(feedTo('alex')[0]!.templateParameters).toEqual([
      { name: 'reviewer', value: 'Megan Bowen' },
      { name: 'rockTerm', value: 'rock' },
      { name: 'rock', value: 'Cut invoice processing to 5 days' },
    ]);
  });

  it('an amendment changes the words; it is agreed only when the reviewee accepts it', async () => {
    const rock = await proposed('rock-1', 'Improve the budget process');
    const amended = await api('megan', `/rocks/${rock.id}/amend`, { method: 'POST', body: { version: rock.version, comment: 'Narrowed to month-end', title: 'Close month-end in 3 days' } });
    expect(amended.body).toMatchObject({ status: 'amended', title: 'Close month-end in 3 days', reviewerNote: 'Narrowed to month-end' });
    await drain();
    expect(chatTo('alex').join()).toContain('Megan Bowen amended your rock');
    // Not agreed yet: only Alex can accept it, and the reviewer cannot agree it over her head.
    expect((await api('megan', `/rocks/${rock.id}/accept`, { method: 'POST', body: { version: amended.body.version } })).status).toBe(403);
    const accepted = await api('alex', `/rocks/${rock.id}/accept`, { method: 'POST', body: { version: amended.body.version } });
    expect(accepted.body).toMatchObject({ status: 'agreed', title: 'Close month-end in 3 days' });
    expect(accepted.body.history.map((h: { action: string }) => h.action)).toEqual(['created', 'proposed', 'amended', 'accepted']);
    await drain();
    expect(chatTo('megan').join()).toContain('Alex Wilber accepted your changes');
    const audit = await runtime.db.collection('auditLog').find({ 'subject.id': rock.id }).toArray();
    expect(audit.map((a) => a.action).sort()).toEqual(['rock.accepted', 'rock.amended', 'rock.created', 'rock.proposed']);
  });

  it('"not agreed — revise": sent back with a reason, revised and proposed again', async () => {
    const rock = await proposed('rock-2', 'Be better at Excel');
    const noReason = await api('megan', `/rocks/${rock.id}/send-back`, { method: 'POST', body: { version: rock.version } });
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors[0].path).toBe('reason');
    const back = await api('megan', `/rocks/${rock.id}/send-back`, { method: 'POST', body: { version: rock.version, reason: 'Not measurable yet: what will be different?' } });
    expect(back.body).toMatchObject({ status: 'revise', reviewerNote: 'Not measurable yet: what will be different?' });
    await drain();
    expect(chatTo('alex').join()).toContain("didn't agree your rock yet and asked you to revise it");
    const revised = await api('alex', `/rocks/${rock.id}`, { method: 'PATCH', body: { version: back.body.version, title: 'Build the monthly cash-flow model in Excel by March' } });
    expect(revised.body.status).toBe('revise');
    const again = await api('alex', `/rocks/${rock.id}/propose`, { method: 'POST', body: { version: revised.body.version } });
    expect(again.body.status).toBe('proposed');
    await drain();
    expect(chatTo('megan').filter((c) => c.includes('proposed a rock'))).toHaveLength(2);
  });

  it("a disagreement goes to the reviewer's own manager, who decides", async () => {
    const rock = await proposed('rock-3', 'Lead the finance system migration');
    const back = await api('megan', `/rocks/${rock.id}/send-back`, { method: 'POST', body: { version: rock.version, reason: 'Too big for this term' } });
    const escalated = await api('alex', `/rocks/${rock.id}/escalate`, { method: 'POST', body: { version: back.body.version, reason: 'The migration is already scheduled for this term' } });
    expect(escalated.body).toMatchObject({ status: 'escalated', escalation: { toName: 'Diego Siciliani', reason: 'The migration is already scheduled for this term', fromStatus: 'revise' } });
    await drain();
    expect(chatTo('diego').join()).toContain('Alex Wilber asked for a decision on their rock');
    expect(chatTo('megan').join()).toContain('Alex Wilber asked for a decision');

    // Diego sees it in his list and reads it; Sam (no say) cannot, and Megan cannot decide it.
    const list = await api('diego', '/rocks/escalated');
    expect(list.body.items.map((r: { id: string; person: { displayName: string } }) => [r.id, r.person.displayName])).toEqual([[rock.id, 'Alex Wilber']]);
    expect((await api('diego', `/rocks/${rock.id}`)).status).toBe(200);
    expect((await api('sam', `/rocks/${rock.id}/decide`, { method: 'POST', body: { version: escalated.body.version, outcome: 'agreed', comment: 'x' } })).status).toBe(404);
    expect((await api('megan', `/rocks/${rock.id}/decide`, { method: 'POST', body: { version: escalated.body.version, outcome: 'agreed', comment: 'x' } })).status).toBe(403);
    // While it is being decided, Alex cannot change it.
    expect((await api('alex', `/rocks/${rock.id}`, { method: 'PATCH', body: { version: escalated.body.version, title: 'x' } })).status).toBe(409);

    const decided = await api('diego', `/rocks/${rock.id}/decide`, {
      method: 'POST',
      body: { version: escalated.body.version, outcome: 'agreed', comment: 'Agreed, with the payroll module only this term', title: 'Lead the payroll module of the finance migration' },
    });
    expect(decided.body).toMatchObject({ status: 'agreed', title: 'Lead the payroll module of the finance migration', escalation: { outcome: 'agreed' } });
    await drain();
    expect(chatTo('alex').join()).toContain('Diego Siciliani decided your rock');
    expect(chatTo('megan').join()).toContain("Diego Siciliani decided Alex Wilber's rock");
    expect(feedTo('alex').map((n) => n.activityType)).toEqual(['rockAgreed']);
    expect((await api('diego', '/rocks/escalated')).body.items).toEqual([]);
    const audit = await runtime.db.collection('auditLog').countDocuments({ 'subject.id': rock.id, action: { $in: ['rock.escalated', 'rock.decided'] } });
    expect(audit).toBe(2);
  });

  it('a rock completed early frees its slot for another, and stays in history', async () => {
    const rock = await agreed('rock-1', 'Publish the procurement guide');
    expect((await api('alex', '/rocks', { method: 'POST', body: { slotId: 'rock-1', title: 'Another' } })).status).toBe(422);
    const done = await api('alex', `/rocks/${rock.id}/complete`, { method: 'POST', body: { version: rock.version, note: 'Published in February' } });
    expect(done.body.status).toBe('completed');
    const next = await api('alex', '/rocks', { method: 'POST', body: { slotId: 'rock-1', title: 'Train the schools on the guide' } });
    expect(next.status).toBe(201);
    const mine = await api('alex', `/people/${next.body.personId}/rocks`);
    // The test clock stands still, so both were created at the same instant: compare without order.
    expect(mine.body.items.map((r: { title: string; status: string }) => [r.title, r.status]).sort()).toEqual([
      ['Publish the procurement guide', 'completed'],
      ['Train the schools on the guide', 'draft'],
    ]);
    await drain();
    expect(chatTo('megan').join()).toContain('Alex Wilber completed a rock early');
  });

  it("a check-in asks about the current window's agreed rocks only, and refuses progress on any other", async () => {
    const autumn = await agreed('rock-1', 'Autumn: close the 2024-25 accounts', 'sep-dec');
    const spring = await agreed('rock-1', 'Spring: move suppliers to e-invoicing', 'jan-mar');
    await proposed('rock-2', 'Spring: still waiting for agreement', 'jan-mar');
    const reply = await say('alex', 'check in');
    const card = text(reply.body.activities);
    expect(card).toContain(VERBS.submitCheckIn);
    expect(card).toContain(`rock:${spring.id}`);
    expect(card).toContain('Spring: move suppliers to e-invoicing');
    expect(card).not.toContain('Autumn: close the 2024-25 accounts');
    expect(card).not.toContain('Spring: still waiting for agreement');

    const submit = (data: Record<string, unknown>) => invoke('alex', VERBS.submitCheckIn, { eventId: CHECK_IN_6, ...data });
    const refused = await submit({ www: 'Good week', [`rock:${autumn.id}`]: 'Finished the audit' });
    expect(text(refused.body.value)).toContain("not one of your agreed rocks for this part of the year");
    expect(text(refused.body.value)).toContain('Finished the audit'); // what was typed stays
    expect(await runtime.db.collection('checkIns').countDocuments({})).toBe(0);
    const sent = await submit({ www: 'Good week', [`rock:${spring.id}`]: 'Three suppliers moved' });
    expect(sent.status).toBe(200);
    const stored = await runtime.db.collection('checkIns').findOne({});
    expect(stored?.answers.rockProgress).toEqual([{ rockId: spring.id, rockTitle: 'Spring: move suppliers to e-invoicing', progress: 'Three suppliers moved' }]);
  });

  it('queues the deadline prompt, reminder and overdue flag once each, and the flag reaches staff and reviewer', async () => {
    const jobs = async (stage: string) =>
      (await runtime.db.collection('outboxJobs').find({ idempotencyKey: { $regex: `^rock-deadline:${stage}:.*:jan-mar:` } }).toArray()).map((j) => j.idempotencyKey as string);
    // TSFE: Rock 2 (Jan–Mar) is due by Sat 10 Jan 2026; setting opens 28 days before, the reminder 7 days before.
    clock.now = new Date('2025-12-13T09:30:00Z');
    await queueDuePrompts(runtime.ctx);
    await queueDuePrompts(runtime.ctx); // a second tick (or a restarted scheduler) queues nothing more
    expect(await jobs('open')).toHaveLength(5);
    expect(await jobs('reminder')).toHaveLength(0);
    // A crash after queueing but before the stage was marked done: the next tick queues again, and no job doubles.
    await runtime.db.collection('decisions').deleteMany({ kind: 'rock-deadline-queued' });
    await queueDuePrompts(runtime.ctx);
    expect(await jobs('open')).toHaveLength(5);
    await drain();
    expect(chatTo('alex').join()).toContain('Time to set your rocks for Terms 3 & 4');

    // Megan gets hers agreed by Diego before the reminder: she is not reminded or flagged.
    for (const slot of ['rock-1', 'rock-2', 'rock-3']) {
      const created = await api('megan', '/rocks', { method: 'POST', body: { slotId: slot, rockWindowId: 'jan-mar', title: `Megan ${slot}`, successCriteria: [{ text: 'done' }] } });
      const prop = await api('megan', `/rocks/${created.body.id}/propose`, { method: 'POST', body: { version: created.body.version } });
      expect((await api('diego', `/rocks/${prop.body.id}/agree`, { method: 'POST', body: { version: prop.body.version } })).body.status).toBe('agreed');
    }
    clock.now = new Date('2026-01-03T09:30:00Z');
    await queueDuePrompts(runtime.ctx);
    await queueDuePrompts(runtime.ctx);
    const reminders = await jobs('reminder');
    expect(reminders).toHaveLength(4);
    const meganId = (await runtime.repos.people.findByEntraObjectId({ organisationId: TEST_TENANT }, 'oid-megan'))!.id;
    expect(reminders.some((k) => k.includes(meganId))).toBe(false);

    clock.now = new Date('2026-01-11T09:30:00Z');
    await queueDuePrompts(runtime.ctx);
    await queueDuePrompts(runtime.ctx);
    // Alex, Diego, Sam and Paula are overdue: each is told, and so is each one's reviewer (Diego has none).
    expect(await jobs('overdue')).toHaveLength(7);
    connector.reset();
    await drain();
    expect(chatTo('alex').join()).toContain('Your rocks for Terms 3 & 4 (Jan–Mar 2026) are overdue');
    expect(chatTo('megan').join()).toContain("Alex Wilber's rocks for Terms 3 & 4 (Jan–Mar 2026) are overdue");
    expect(chatTo('megan').filter((c) => c.includes('Your rocks'))).toHaveLength(0);

    // The tab: Alex's own view, Megan's My team, and the PG admin's count.
    const mine = await api('alex', '/rock-deadlines/me');
    expect(mine.body.items.find((d: { rockWindowId: string }) => d.rockWindowId === 'jan-mar')).toMatchObject({ state: 'overdue', agreed: 0, required: 3, setBy: '2026-01-10' });
    const team = await api('megan', '/team');
    const alexRow = team.body.members.find((m: { person: { displayName: string } }) => m.person.displayName === 'Alex Wilber');
    expect(alexRow.rocksOverdue.map((d: { rockWindowId: string }) => d.rockWindowId)).toEqual(['jan-mar']);
    expect((await api('alex', '/rock-deadlines')).status).toBe(403);
    const summary = await api('paula', '/rock-deadlines');
    expect(summary.body.windows.find((w: { rockWindowId: string }) => w.rockWindowId === 'jan-mar')).toMatchObject({ staff: 5, set: 1, missed: 4, stillOverdue: 4 });
    // Nobody had Rock 1 (Sep–Dec) agreed by 31 October either.
    expect(summary.body.rockDeadlinesMissed).toBe(9);
    // …and in the admin channel's status card.
    const org = (await runtime.repos.organisations.get(TEST_TENANT))!;
    const card = text(buildStatusCard(await completionStatus(runtime.ctx, org), org.policy.timezone));
    expect(card).toContain('Rock setting · 9 deadlines missed');
    expect(card).toContain('Terms 3 & 4 (Jan–Mar 2026): due Sat 10 Jan · 1 of 5 agreed on time · 4 missed (4 still overdue)');
  });

  it('a starter who joins after a deadline is not flagged, counted or shown as overdue for it', async () => {
    // Sam joins on Sunday 11 January 2026, the day after Rock 2 (Jan–Mar) was due.
    const org = { organisationId: TEST_TENANT };
    const sam = (await runtime.repos.people.findByEntraObjectId(org, 'oid-sam'))!;
    await runtime.repos.people.upsertMany(org, [{ ...sam, startedOn: '2026-01-11', updatedAt: clock.now }]);
    clock.now = new Date('2026-01-11T09:30:00Z');
    await queueDuePrompts(runtime.ctx);
    const overdue = (await runtime.db.collection('outboxJobs').find({ idempotencyKey: { $regex: '^rock-deadline:overdue:.*:jan-mar:' } }).toArray()).map((j) => j.idempotencyKey as string);
    // Alex, Megan, Diego and Paula, and the reviewers of those who have one: not Sam, nor Diego about Sam.
    expect(overdue).toHaveLength(7);
    expect(overdue.some((k) => k.includes(sam.id))).toBe(false);
    await drain();
    expect(chatTo('sam').join()).not.toContain('overdue');
    expect(chatTo('diego').join()).not.toContain("Sam Colleague's rocks");
    const mine = await api('sam', '/rock-deadlines/me');
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((d: { rockWindowId: string }) => d.rockWindowId)).toEqual(['apr-aug']);
    const team = await api('diego', '/team');
    const samRow = team.body.members.find((m: { person: { displayName: string } }) => m.person.displayName === 'Sam Colleague');
    expect(samRow.rocksOverdue).toEqual([]);
    const summary = await api('paula', '/rock-deadlines');
    expect(summary.body.windows.find((w: { rockWindowId: string }) => w.rockWindowId === 'jan-mar')).toMatchObject({ staff: 4, set: 0, missed: 4, stillOverdue: 4 });
    expect(summary.body.rockDeadlinesMissed).toBe(8);
  });

  it('where the policy allows more than three, extra rocks are held and three are marked as the priorities for review', async () => {
    const first = await proposed('rock-1', 'One');
    const refused = await api('alex', `/rocks/${first.id}/priority`, { method: 'PUT', body: { version: first.version, priority: true } });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ path: 'priority', message: expect.stringContaining('all of them are reviewed') });

    const org = (await runtime.repos.organisations.get(TEST_TENANT))!;
    await runtime.repos.organisations.upsert({ ...org, policy: { ...org.policy, rocks: { ...org.policy.rocks, maxRocks: 5 } } });
    const rocks = [first];
    for (const [slot, title] of [['rock-2', 'Two'], ['rock-3', 'Three'], ['rock-1', 'Four'], ['rock-2', 'Five']] as const) {
      const created = await api('alex', '/rocks', { method: 'POST', body: { slotId: slot, title } });
      expect(created.status).toBe(201);
      rocks.push(created.body);
    }
    const sixth = await api('alex', '/rocks', { method: 'POST', body: { slotId: 'rock-3', title: 'Six' } });
    expect(sixth.status).toBe(422);
    expect(sixth.body.errors[0].message).toContain('5 rocks is the most');

    for (const rock of rocks.slice(0, 3)) {
      const marked = await api('alex', `/rocks/${rock.id}/priority`, { method: 'PUT', body: { version: rock.version, priority: true } });
      expect(marked.body).toMatchObject({ priority: true });
    }
    const fourth = await api('alex', `/rocks/${rocks[3]!.id}/priority`, { method: 'PUT', body: { version: rocks[3]!.version, priority: true } });
    expect(fourth.status).toBe(422);
    expect(fourth.body.errors[0].message).toContain('3 are already marked');
    expect((await api('megan', `/rocks/${rocks[3]!.id}/priority`, { method: 'PUT', body: { version: rocks[3]!.version, priority: true } })).status).toBe(403);
  });

  it("shows the objectives bank's key words while writing (policy rocks.bank)", async () => {
    const me = await api('alex', '/me');
    expect(me.body.bank['*']).toEqual(expect.arrayContaining([expect.stringContaining('Measurable')]));
    expect(me.body).toMatchObject({ maxRocks: 3, priorities: 3 });
  });

  it('the reviewer agrees or sends back from the chat card, and the reviewee accepts an amendment there', async () => {
    const dataOf = (card: string, verb: string) => {
      const action = (JSON.parse(card) as { attachments: { content: unknown }[] }).attachments[0]!.content;
      const found = JSON.stringify(action).match(new RegExp(`"verb":"${verb.replace('.', '\\.')}","data":(\\{[^}]*\\})`));
      return JSON.parse(found![1]!) as Record<string, string>;
    };
    const first = await proposed('rock-1', 'Halve supplier query times');
    const second = await proposed('rock-2', 'Write the month-end checklist');
    await drain();
    // The worker sends in parallel: find each card by its rock, not by its place.
    const cardOne = chatTo('megan').find((c) => c.includes('Halve supplier query times'));
    const cardTwo = chatTo('megan').find((c) => c.includes('Write the month-end checklist'));
    expect(cardOne).toContain(VERBS.agreeRock);
    expect(cardOne).toContain('Not agreed — revise');

    const agreedReply = await invoke('megan', VERBS.agreeRock, dataOf(cardOne!, VERBS.agreeRock));
    expect(text(agreedReply.body.value)).toContain('You agreed this rock');
    expect(text(agreedReply.body.value)).not.toContain(VERBS.agreeRock);
    expect((await api('alex', `/rocks/${first.id}`)).body.status).toBe('agreed');
    // A double click (or Teams retrying the invoke) agrees it once.
    expect(text((await invoke('megan', VERBS.agreeRock, dataOf(cardOne!, VERBS.agreeRock))).body.value)).toContain('You agreed this rock');
    expect((await api('alex', `/rocks/${first.id}`)).body.history.filter((h: { action: string }) => h.action === 'agreed')).toHaveLength(1);

    const sendBack = dataOf(cardTwo!, VERBS.sendBackRock);
    const empty = await invoke('megan', VERBS.sendBackRock, { ...sendBack, reason: '   ' });
    expect(text(empty.body.value)).toContain('Say what needs revising first');
    expect((await api('alex', `/rocks/${second.id}`)).body.status).toBe('proposed');
    const back = await invoke('megan', VERBS.sendBackRock, { ...sendBack, reason: 'Add dates to each step' });
    expect(text(back.body.value)).toContain('You sent this rock back to be revised');
    expect((await api('alex', `/rocks/${second.id}`)).body).toMatchObject({ status: 'revise', reviewerNote: 'Add dates to each step' });
    // Alex (not the reviewer) cannot agree her own rock from a card.
    expect(text((await invoke('alex', VERBS.agreeRock, { rockId: second.id, version: '0' })).body.value)).toContain('Only');

    const third = await proposed('rock-3', 'Learn Power BI');
    const amended = await api('megan', `/rocks/${third.id}/amend`, { method: 'POST', body: { version: third.version, comment: 'Make it a dashboard', title: 'Build the finance dashboard in Power BI' } });
    connector.reset();
    await drain();
    const toAlex = chatTo('alex').find((c) => c.includes('amended your rock'))!;
    expect(toAlex).toContain(VERBS.acceptRock);
    const accepted = await invoke('alex', VERBS.acceptRock, dataOf(toAlex, VERBS.acceptRock));
    expect(text(accepted.body.value)).toContain('You accepted the changes');
    expect((await api('alex', `/rocks/${third.id}`)).body).toMatchObject({ status: 'agreed', title: 'Build the finance dashboard in Power BI', version: amended.body.version + 1 });
  });
});
