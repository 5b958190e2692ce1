// seed 004's group coaching check-ins through the real endpoints: the bot learns a team channel on
// install, a PG admin maps a coaching group to it, the scheduler posts one session card to the
// channel (Bot Connector stand-in), members post from the card, a reply in the thread is kept,
// and the tab's API shows the session to the group and to no one else.
import { randomUUID } from 'node:crypto';
import { startBotConnectorStandIn, type BotConnectorStandIn } from '../../standins/botConnector';
import { personalWorld, startTestRuntime } from '../../support/runtime';
import { TEST_TENANT, postActivity } from '../../support/activities';
import type { Runtime } from '../../../bot/runtime';
import { queueDuePrompts } from '../../../bot/usecases/promptQueue';
import { ensureOrganisation } from '../../../bot/usecases/organisations';
import { importDirectory, parseDirectoryFile } from '../../../bot/usecases/directory';
import { groupCounts } from '../../../bot/usecases/groupSessionReads';
import { apiPaths } from '../../../shared/api';
import { GROUP_VERBS, VERBS } from '../../../shared/verbs';

/** Tuesday 1 Dec 2026, 10:00 in London: group check-in 1 of Stour 2026-27 (30 Nov – 11 Dec) is open. */
const DURING_CHECK_IN_1 = new Date('2026-12-01T10:00:00Z');
const CHANNEL = '19:year5@thread.tacv2';
const TEAM = '19:team-year5@thread.tacv2';
const BOT = { id: '28:bot', name: 'Professional Growth' };
const MENTION = { type: 'mention', text: '<at>Professional Growth</at>', mentioned: BOT };

const DIRECTORY = `name,email,entraObjectId,school,role,reviewer
Alex Wilber,alexw@example.com,oid-alex,Stour Primary,teacher,meganb@example.com
Megan Bowen,meganb@example.com,oid-megan,Stour Primary,leader,
Adele Vance,adelev@example.com,oid-adele,Stour Primary,teacher,meganb@example.com
Sam Other,samo@example.com,oid-sam,Stour Primary,teacher,meganb@example.com
Paula Admin,paulaa@example.com,oid-paula,Central,leader,
`;

type Who = 'alex' | 'megan' | 'adele' | 'sam' | 'paula';
const user = (who: Who) => ({ id: `29:${who}`, aadObjectId: `oid-${who}`, name: who });

interface Harness {
  runtime: Runtime;
  now: { value: Date };
}

function inChannel(connector: BotConnectorStandIn, who: Who, extra: Record<string, unknown>, conversationId = CHANNEL) {
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: connector.url,
    from: user(who),
    recipient: BOT,
    conversation: { id: conversationId, conversationType: 'channel', tenantId: TEST_TENANT, isGroup: true },
    channelData: { team: { id: TEAM }, channel: { id: CHANNEL }, tenant: { id: TEST_TENANT } },
    ...extra,
  };
}

describe('group coaching check-ins (The Stour Federation)', () => {
  let connector: BotConnectorStandIn;
  let h: Harness;
  const url = () => h.runtime.url!;
  const personal = personalWorld<Who>({ runtime: () => h.runtime, connector: () => connector });
  const { drain, api } = personal;

  async function start(dbName?: string): Promise<void> {
    const now = h?.now ?? { value: DURING_CHECK_IN_1 };
    const runtime = await startTestRuntime(dbName ? { MONGODB_DB: dbName } : {}, { clock: () => now.value });
    h = { runtime, now };
  }

  async function say(who: Who, text: string): Promise<string> {
    const res = await postActivity(url(), inChannel(connector, who, { type: 'message', text: `<at>Professional Growth</at> ${text}`, entities: [MENTION], deliveryMode: 'expectReplies' }, `${CHANNEL};messageid=1700000000000`));
    expect(res.status).toBe(200);
    return JSON.stringify(res.body?.activities ?? []);
  }

  function invoke(who: Who, verb: string, data: Record<string, unknown>) {
    return postActivity(url(), inChannel(connector, who, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } }));
  }

  /** The org, the people (installed personally), the bot in the Year 5 channel, the group mapped there. */
  async function setUp(): Promise<void> {
    await ensureOrganisation(h.runtime.ctx, { organisationId: TEST_TENANT, policyId: 'stour-2026-27', adminObjectIds: ['oid-paula'] });
    await importDirectory(h.runtime.ctx, TEST_TENANT, parseDirectoryFile(DIRECTORY, 'csv'));
    await personal.install(['alex', 'megan', 'adele', 'sam']);
    expect((await postActivity(url(), inChannel(connector, 'paula', { type: 'installationUpdate', action: 'add' }))).status).toBe(200);
    expect(await say('paula', 'coaching group Year 5 here')).toMatch(/Year 5's group check-ins will be posted here/);
    expect(await say('paula', 'coaching group Year 5 add alexw@example.com, adelev@example.com')).toMatch(/2 members/);
    expect(await say('paula', 'coaching group year 5 leader meganb@example.com')).toMatch(/Megan Bowen now leads Year 5/);
    connector.reset();
  }

  beforeAll(async () => {
    connector = await startBotConnectorStandIn({ retryAfterSeconds: 1 });
  });
  afterAll(async () => {
    await connector.close();
  });
  beforeEach(async () => {
    connector.reset();
    h = undefined as unknown as Harness;
    await start();
    await setUp();
  });
  afterEach(async () => {
    await h.runtime.stop();
  });

  it('keeps the channel the bot was installed in, and refuses coaching-group changes from someone who is not a PG admin', async () => {
    const reference = await h.runtime.repos.conversationReferences.get({ organisationId: TEST_TENANT }, CHANNEL);
    expect(reference).toMatchObject({ scope: 'team', conversationId: CHANNEL });
    expect(await say('sam', 'coaching group Year 5 add samo@example.com')).toMatch(/only PG administrators/i);
    const [group] = await h.runtime.repos.coachingGroups.list({ organisationId: TEST_TENANT });
    expect(group?.memberIds).toHaveLength(2);

    // An admin can @mention colleagues instead of typing their addresses (Teams gives their email).
    connector.setMembers(TEAM, [{ id: '29:sam', name: 'Sam Other', aadObjectId: 'oid-sam', email: 'samo@example.com', userPrincipalName: 'samo@example.com' }]);
    const res = await postActivity(url(), inChannel(connector, 'paula', {
      type: 'message', text: '<at>Professional Growth</at> coaching group Year 5 add <at>Sam Other</at>', deliveryMode: 'expectReplies',
      entities: [MENTION, { type: 'mention', text: '<at>Sam Other</at>', mentioned: { id: '29:sam', name: 'Sam Other' } }],
    }, `${CHANNEL};messageid=1700000000001`));
    expect(JSON.stringify(res.body.activities)).toMatch(/added Sam Other; 3 members/);
    expect(await say('paula', 'coaching groups')).toMatch(/Year 5.*3 members.*led by Megan Bowen.*meets in a channel/);
  });

  it('posts one session card to the channel, lets members post and reply, and never posts twice', async () => {
    const tick = await queueDuePrompts(h.runtime.ctx);
    expect(tick).toMatchObject({ groupSessionsQueued: 1, promptsQueued: 0 });
    await drain();
    const cards = connector.sentTo(CHANNEL);
    expect(cards).toHaveLength(1);
    expect(cards[0]!.kind).toBe('send');
    expect(JSON.stringify(cards[0]!.activity)).toContain(GROUP_VERBS.open);
    // Group mode: nobody gets an individual check-in card.
    for (const who of ['alex', 'adele', 'sam']) expect(connector.sentTo(`a:29:${who}`).filter((a) => JSON.stringify(a.activity).includes(VERBS.submitCheckIn))).toHaveLength(0);

    const [session] = await h.runtime.repos.groupSessions.listForEvent({ organisationId: TEST_TENANT }, `${TEST_TENANT}:2026-27:check-in-1`);
    expect(session?.activityId).toBe(cards[0]!.activityId);
    const sessionId = session!.id;

    // A double-click (or Teams retrying) stores one post, audited once.
    const first = { sessionId, successes: 'Retrieval starters every lesson', barriers: 'Time to plan' };
    const [alexPost, again] = await Promise.all([invoke('alex', GROUP_VERBS.post, first), invoke('alex', GROUP_VERBS.post, first)]);
    for (const res of [alexPost, again]) expect(JSON.stringify(res.body.value)).toMatch(/Your post is in/);
    expect(await h.runtime.db.collection('auditLog').countDocuments({ organisationId: TEST_TENANT, action: 'groupPost.created' })).toBe(1);
    const adelePost = await invoke('adele', GROUP_VERBS.post, { sessionId, strengths: 'Questioning', developments: 'Try whiteboards' });
    expect(JSON.stringify(adelePost.body.value)).toMatch(/Retrieval starters every lesson/); // colleagues' posts on her card
    const edited = await invoke('alex', GROUP_VERBS.post, { sessionId, successes: 'Retrieval starters, now daily' });
    expect(JSON.stringify(edited.body.value)).toMatch(/Your post is updated/);

    const refused = await invoke('sam', GROUP_VERBS.post, { sessionId, successes: 'Not my group' });
    expect(JSON.stringify(refused.body.value)).toMatch(/Only members of Year 5 post/);
    expect(JSON.stringify(refused.body.value)).not.toMatch(/Retrieval starters/);
    const empty = await invoke('adele', GROUP_VERBS.post, { sessionId });
    expect(JSON.stringify(empty.body.value)).toMatch(/Write at least one/);

    // The card in the channel is re-rendered: everyone there sees who has posted, never what.
    await drain();
    const updates = connector.sentTo(CHANNEL).filter((a) => a.kind === 'update');
    expect(updates.length).toBeGreaterThan(0);
    expect(updates.every((u) => u.activityId === cards[0]!.activityId)).toBe(true);
    const latest = JSON.stringify(updates[updates.length - 1]!.activity);
    expect(latest).toContain('Posted so far: Adele Vance, Alex Wilber.');
    expect(latest).not.toMatch(/Retrieval|Questioning/);

    const posts = await h.runtime.repos.groupPosts.listForSession({ organisationId: TEST_TENANT }, sessionId);
    expect(posts.map((p) => p.answers.successes ?? p.answers.strengths).sort()).toEqual(['Questioning', 'Retrieval starters, now daily']);

    // The admin channel's status shows the group sessions of a group-mode event, and no one's answers.
    const status = await say('paula', 'status');
    expect(status).toMatch(/Group sessions/);
    expect(status).toMatch(/Year 5/);
    expect(status).not.toMatch(/Retrieval starters/);

    // Adele replies in the card's thread (no @mention): kept against the session, and the bot stays quiet.
    const thread = `${CHANNEL};messageid=${cards[0]!.activityId}`;
    const reply = inChannel(connector, 'adele', { type: 'message', text: 'Love the starters idea, Alex', replyToId: cards[0]!.activityId, deliveryMode: 'expectReplies' }, thread);
    const replied = await postActivity(url(), reply);
    expect(replied.status).toBe(200);
    expect(replied.body?.activities ?? []).toHaveLength(0);
    await postActivity(url(), reply); // Teams redelivers
    await postActivity(url(), inChannel(connector, 'sam', { type: 'message', text: 'Drive-by comment', deliveryMode: 'expectReplies' }, thread));
    const replies = await h.runtime.repos.groupReplies.listForSession({ organisationId: TEST_TENANT }, sessionId);
    expect(replies.map((r) => [r.authorName, r.text])).toEqual([['Adele Vance', 'Love the starters idea, Alex']]);

    // The tab: members and PG admins read the session; someone outside the group gets 404.
    const mine = await api('alex', apiPaths.groupSessions());
    const mineBody = mine.body as { groups: Array<{ name: string; sessions: Array<{ id: string; iPosted: boolean }> }> };
    expect(mineBody.groups).toEqual([expect.objectContaining({ name: 'Year 5', sessions: [expect.objectContaining({ id: sessionId, iPosted: true })] })]);
    const read = await api('adele', apiPaths.groupSession(sessionId));
    expect(read.status).toBe(200);
    const detail = read.body as { posts: Array<{ author: { displayName: string } }>; replies: Array<{ text: string }> };
    expect(detail.posts.map((p) => p.author.displayName)).toEqual(['Adele Vance', 'Alex Wilber']);
    expect(detail.replies.map((r) => r.text)).toEqual(['Love the starters idea, Alex']);
    expect((await api('sam', apiPaths.groupSession(sessionId))).status).toBe(404);
    expect((await api('megan', apiPaths.groupSession(sessionId))).status).toBe(200);
    expect((await api('paula', apiPaths.groupSession(sessionId))).status).toBe(200);
    const audited = await h.runtime.db.collection('auditLog').countDocuments({ organisationId: TEST_TENANT, action: 'groupSession.read' });
    expect(audited).toBe(2);
    const progress = await api('paula', apiPaths.groupProgress());
    expect(progress.body).toMatchObject({ groups: [{ name: 'Year 5', members: 2, sessionsHeld: 1, sessions: [{ membersPosted: 2, members: 2 }] }] });
    expect((await api('alex', apiPaths.groupProgress())).status).toBe(403);

    // Posting from the tab follows the card's rules.
    const put = (who: Who, body: unknown) => api(who, apiPaths.groupSessionMyPost(sessionId), { method: 'PUT', body });
    const saved = await put('adele', { answers: { strengths: 'Questioning', developments: 'Whiteboards, from Monday' } });
    expect(saved.status).toBe(200);
    expect((saved.body as { posts: unknown[] }).posts).toHaveLength(2);
    const tooLong = await put('adele', { answers: { barriers: 'x'.repeat(2001) } });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body).toMatchObject({ errors: [{ path: 'answers.barriers' }] });
    expect((await put('sam', { answers: { successes: 'Not my group' } })).status).toBe(404);
    expect((await put('megan', { answers: { successes: 'Leading, not posting' } })).status).toBe(403);
    // Restart: a second process on the same database runs the scheduler and the worker again.
    const second = await startTestRuntime({ MONGODB_DB: h.runtime.config.MONGODB_DB }, { clock: () => h.now.value });
    try {
      expect((await queueDuePrompts(second.ctx)).groupSessionsQueued).toBe(0);
      await personalWorld({ runtime: () => second, connector: () => connector }).drain();
      await drain();
      expect(connector.sentTo(CHANNEL).filter((a) => a.kind !== 'update')).toHaveLength(1);
      expect(await groupCounts(second.ctx, TEST_TENANT)).toEqual({ groupSessions: 1, groupPosts: 2, groupReplies: 1 });
    } finally {
      await second.stop();
    }
  });

  it('posts to a group chat too, and to a group set up after the window opened', async () => {
    expect((await queueDuePrompts(h.runtime.ctx)).groupSessionsQueued).toBe(1);
    await drain();
    const chat = '19:year6-chat@thread.v2';
    const inChat = (extra: Record<string, unknown>) => ({
      id: randomUUID(), channelId: 'msteams', serviceUrl: connector.url, from: user('paula'), recipient: BOT,
      conversation: { id: chat, conversationType: 'groupChat', tenantId: TEST_TENANT, isGroup: true }, channelData: { tenant: { id: TEST_TENANT } }, ...extra,
    });
    await postActivity(url(), inChat({ type: 'installationUpdate', action: 'add' }));
    const said = async (text: string) => JSON.stringify((await postActivity(url(), inChat({ type: 'message', text: `<at>Professional Growth</at> ${text}`, entities: [MENTION], deliveryMode: 'expectReplies' }))).body.activities);
    expect(await said('coaching group Year 6 here')).toMatch(/posted here/);
    expect(await said('coaching group Year 6 add samo@example.com')).toMatch(/1 member/);
    expect((await queueDuePrompts(h.runtime.ctx)).groupSessionsQueued).toBe(1);
    await drain();
    expect(connector.sentTo(chat)).toHaveLength(1);
    expect(connector.sentTo(CHANNEL)).toHaveLength(1);
    expect((await queueDuePrompts(h.runtime.ctx)).groupSessionsQueued).toBe(0);

    // Someone paused for support is told why they have no post to make; nothing is stored.
    await h.runtime.db.collection('people').updateOne({ organisationId: TEST_TENANT, email: 'samo@example.com' }, { $set: { status: 'paused', statusReason: 'support plan' } });
    const [session] = await h.runtime.repos.groupSessions.listForEvent({ organisationId: TEST_TENANT }, `${TEST_TENANT}:2026-27:check-in-1`).then((all) => all.filter((x) => x.conversationId === chat));
    const refused = await postActivity(url(), inChat({ from: user('sam'), type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: GROUP_VERBS.post, data: { sessionId: session!.id, successes: 'Hello' } }, trigger: 'manual' } }));
    expect(JSON.stringify(refused.body.value)).toMatch(/professional growth is paused \(support plan\)/);
    expect(await h.runtime.repos.groupPosts.listForSession({ organisationId: TEST_TENANT }, session!.id)).toHaveLength(0);
  });

  it('posts the end-of-cycle sharing card, where members share their growth project with the group', async () => {
    h.now.value = new Date('2027-07-06T09:00:00Z'); // Tue 6 Jul 2027: the sharing event of Stour 2026-27
    expect((await queueDuePrompts(h.runtime.ctx)).groupSessionsQueued).toBe(1);
    await drain();
    const [card] = connector.sentTo(CHANNEL);
    expect(JSON.stringify(card?.activity)).toMatch(/share your growth project with your team colleagues/);
    const [session] = await h.runtime.repos.groupSessions.listForEvent({ organisationId: TEST_TENANT }, `${TEST_TENANT}:2026-27:sharing`);
    expect(session?.kind).toBe('sharing');
    // Alex's card starts from his growth project's title.
    const rockCall = (path: string, body: unknown) => api('alex', path, { method: 'POST', body });
    const rock = (await rockCall(apiPaths.rocks(), { slotId: 'growth-project', title: 'Retrieval practice in Year 5', alignment: ['systemness'], successCriteria: [{ text: 'Weekly quizzes' }] })).body as { id: string };
    expect((await rockCall(apiPaths.rockAction(rock.id, 'propose'), { version: 0 })).status).toBe(200);
    const opened = await invoke('alex', GROUP_VERBS.open, { sessionId: session!.id });
    expect(JSON.stringify(opened.body.value)).toMatch(/"id":"project"[^}]*"value":"Retrieval practice in Year 5"/);
    const shared = await invoke('alex', GROUP_VERBS.post, { sessionId: session!.id, project: 'Retrieval practice in Year 5', impact: 'Pupils recall more' });
    expect(JSON.stringify(shared.body.value)).toMatch(/Your post is in/);
    const seen = await invoke('adele', GROUP_VERBS.refresh, { sessionId: session!.id });
    expect(JSON.stringify(seen.body.value)).toMatch(/Retrieval practice in Year 5/);
  });

  it('asks for at least one 2030 Driver before a growth project is proposed', async () => {
    const call = (path: string, method: string, body: unknown) => api('alex', path, { method, body });
    const successCriteria = [{ text: 'Starters in every lesson by February' }];
    const created = await call(apiPaths.rocks(), 'POST', { slotId: 'growth-project', title: 'Retrieval practice', successCriteria });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    const refused = await call(apiPaths.rockAction(id, 'propose'), 'POST', { version: 0 });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ errors: [{ path: 'alignment', message: expect.stringMatching(/at least 1 2030 Driver/) }] });
    const aligned = await call(apiPaths.rock(id), 'PATCH', { version: 0, alignment: ['wellbeing-learning'] });
    expect(aligned.status).toBe(200);
    expect((await call(apiPaths.rockAction(id, 'propose'), 'POST', { version: 1 })).status).toBe(200);
  });

  it('tells someone who types "check in" where their group check-ins happen', async () => {
    const res = await personal.say('alex', 'check in');
    expect(JSON.stringify(res.body.activities)).toMatch(/group coaching sessions.*Year 5/);
    // An individual check-in card from elsewhere is refused, not stored.
    const submit = await personal.invoke('alex', VERBS.submitCheckIn, { eventId: `${TEST_TENANT}:2026-27:check-in-1`, www: 'On my own' });
    expect(JSON.stringify(submit.body.value)).toMatch(/group coaching sessions/);
    expect(await h.runtime.db.collection('checkIns').countDocuments({ organisationId: TEST_TENANT })).toBe(0);
  });
  it("shows each group check-in on a person's timeline as their group's session, posted or not, never missed or rated", async () => {
    const timeline = async (who: Who, personId: string) => {
      const res = await api(who, apiPaths.personCheckIns(personId));
      expect(res.status).toBe(200);
      return res.body as { mode: string; entries: Array<{ eventId: string; state: string; group?: { sessionId: string; groupName: string; posted: boolean } }>; onTime: { due: number; rate: number | null }; scores: unknown[] };
    };
    const idOf = async (email: string) => (await h.runtime.db.collection('people').findOne({ organisationId: TEST_TENANT, email }))!._id as unknown as string;
    const [alexId, adeleId, samId] = (await Promise.all(['alexw@example.com', 'adelev@example.com', 'samo@example.com'].map(idOf))) as [string, string, string];
    const eventId = `${TEST_TENANT}:2026-27:check-in-1`;
    await queueDuePrompts(h.runtime.ctx);
    await drain();
    const [session] = await h.runtime.repos.groupSessions.listForEvent({ organisationId: TEST_TENANT }, eventId);
    const open = await timeline('alex', alexId);
    expect(open.mode).toBe('group');
    expect(open.entries.find((e) => e.eventId === eventId)).toMatchObject({ state: 'open', group: { sessionId: session!.id, groupName: 'Year 5', posted: false } });
    expect(JSON.stringify((await invoke('alex', GROUP_VERBS.post, { sessionId: session!.id, successes: 'Retrieval starters' })).body.value)).toMatch(/Your post is in/);
    expect((await timeline('alex', alexId)).entries.find((e) => e.eventId === eventId)).toMatchObject({ state: 'posted', group: { posted: true } });

    // After the window closes (11 Dec): Alex posted, Adele did not, Sam is in no group. No one missed anything.
    h.now.value = new Date('2026-12-15T10:00:00Z');
    const [alex, adele, sam] = await Promise.all([timeline('alex', alexId), timeline('adele', adeleId), timeline('sam', samId)]);
    expect(alex.entries.find((e) => e.eventId === eventId)).toMatchObject({ state: 'posted', group: { groupName: 'Year 5', posted: true } });
    expect(adele.entries.find((e) => e.eventId === eventId)).toMatchObject({ state: 'not-posted', group: { groupName: 'Year 5', posted: false } });
    const samEntry = sam.entries.find((e) => e.eventId === eventId);
    expect(samEntry?.state).toBe('not-posted');
    expect(samEntry?.group).toBeUndefined();
    for (const t of [alex, adele, sam]) {
      expect(t.entries.filter((e) => e.state === 'missed' || e.state === 'on-time' || e.state === 'late')).toEqual([]);
      expect(t.onTime).toMatchObject({ due: 0, rate: null });
      expect(t.scores).toEqual([]);
    }
    // Her group's leader reads the same, and the team view chases no one for an individual check-in.
    expect((await timeline('megan', adeleId)).entries.find((e) => e.eventId === eventId)?.state).toBe('not-posted');
    const team = (await api('megan', apiPaths.team())).body as { members: Array<{ notCheckedIn?: unknown }> };
    expect(team.members.length).toBeGreaterThan(0);
    expect(team.members.filter((m) => m.notCheckedIn)).toEqual([]);

    // Starters (HR puts a start date after the session opened): the session stays on Alex's timeline
    // because she posted in it; Adele, who did not, was not asked for it, so it is not there.
    const org = { organisationId: TEST_TENANT };
    for (const id of [alexId, adeleId]) await h.runtime.repos.people.upsertMany(org, [{ ...(await h.runtime.repos.people.get(org, id))!, startedOn: '2026-12-05', updatedAt: h.now.value }]);
    expect((await timeline('alex', alexId)).entries.find((e) => e.eventId === eventId)?.state).toBe('posted');
    expect((await timeline('adele', adeleId)).entries.find((e) => e.eventId === eventId)).toBeUndefined();
  });
});
