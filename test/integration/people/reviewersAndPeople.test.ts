// Reviewers and people (issue 14): redelegating a reviewer with a reason, the previous reviewer
// keeping what they reviewed, a move of post asking the original reviewer for a final check-in, a
// directory re-import that keeps what it does not carry, eligibility enforced on prompt and submit,
// and an optional check-in neither reminded nor missed. Through /api/messages and /api/v1 (dev
// identity headers), the real database, the Bot Connector stand-in and the fan-out worker.
import { randomUUID } from 'node:crypto';
import type { Runtime } from '../../../bot/runtime';
import { importDirectory, parseDirectoryFile } from '../../../bot/usecases/directory';
import { ensureOrganisation, eventIdFor } from '../../../bot/usecases/organisations';
import { queueDuePrompts } from '../../../bot/usecases/promptQueue';
import { ADMIN_VERBS, VERBS } from '../../../shared/verbs';
import { startBotConnectorStandIn, type BotConnectorStandIn } from '../../standins/botConnector';
import { TEST_TENANT, postActivity } from '../../support/activities';
import { personalWorld, startTestRuntime } from '../../support/runtime';
import { actionData, fileAttachment, serveFiles } from '../admin/adminWorld';

const ORG = { organisationId: TEST_TENANT };
const TEAM_ID = '19:pg-admins-team@thread.tacv2';
const CHANNEL_ID = '19:pg-admins-general@thread.tacv2';
const CHECK_IN_6 = eventIdFor(TEST_TENANT, '2025-26', 'check-in-6');
const CHECK_IN_7 = eventIdFor(TEST_TENANT, '2025-26', 'check-in-7');
const OPTIONAL = eventIdFor(TEST_TENANT, '2025-26', 'optional-check-in');
/** Check in 6 (27 Feb – 5 Mar 2026) is open; Check in 7 opens on 13 Mar. */
const DURING_6 = new Date('2026-02-27T10:00:00Z');
const DURING_7 = new Date('2026-03-13T10:00:00Z');

// Rita (no admin role) reviews Alex; Megan is a PG admin (and reviews the rest); Sam leads Central
// Team's SMT; Nora leads North School's. Paula is paused, Lynne is an ECT (TSFE leaves ECTs out),
// Ivy starts after Easter.
const DIRECTORY = `name,email,entraObjectId,school,role,reviewer,status,statusReason,roles,startDate,contractEnd,workingPattern
Megan Bowen,meganb@example.com,oid-megan,Central Team,leader,,,,pg-admin,,,
Sam Lead,saml@example.com,oid-sam,Central Team,leader,,,,smt,,,
Rita Reviewer,ritar@example.com,oid-rita,Central Team,leader,meganb@example.com,,,,,,
Nora North,noran@example.com,oid-nora,North School,leader,,,,smt,,,
Alex Wilber,alexw@example.com,oid-alex,Central Team,teacher,ritar@example.com,,,,2019-09-01,,full-time
Paula Paused,paulap@example.com,oid-paula,Central Team,teacher,meganb@example.com,paused,long-term absence,,,,
Lynne Robbins,lynner@example.com,oid-lynne,Central Team,ECT,meganb@example.com,,,,2025-09-01,,full-time
Ivy Starter,ivys@example.com,oid-ivy,Central Team,support,meganb@example.com,,,,2026-04-20,2027-08-31,part-time 0.6
`;

type Who = 'megan' | 'rita' | 'sam' | 'nora' | 'alex' | 'paula' | 'lynne' | 'ivy';
const EVERYONE: Who[] = ['megan', 'rita', 'sam', 'nora', 'alex', 'paula', 'lynne', 'ivy'];
const BOT = { id: '28:bot', name: 'Professional Growth' };
const text = (x: unknown) => JSON.stringify(x);

describe('reviewers and people', () => {
  let connector: BotConnectorStandIn;
  let runtime: Runtime;
  const clock = { now: DURING_6 };
  let ids: Record<Who, string>;

  const { base: personal, drain, api, install } = personalWorld<Who>({ runtime: () => runtime, connector: () => connector });
  const from = (who: Who) => ({ id: `29:${who}`, aadObjectId: `oid-${who}`, name: who });
  const channel = (who: Who) => ({
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: connector.url,
    from: from(who),
    recipient: BOT,
    conversation: { id: `${CHANNEL_ID};messageid=1700000000000`, conversationType: 'channel', tenantId: TEST_TENANT, isGroup: true },
    channelData: { team: { id: TEAM_ID }, channel: { id: CHANNEL_ID }, tenant: { id: TEST_TENANT } },
  });

  /** A personal chat message; the bot's replies come back. */
  async function chat(who: Who, message: string): Promise<unknown[]> {
    const res = await postActivity(runtime.url!, { ...personal(who), type: 'message', text: message, deliveryMode: 'expectReplies' });
    expect(res.status).toBe(200);
    return res.body.activities as unknown[];
  }
  /** An Action.Execute from a card in the person's chat (or, with `where: 'channel'`, the admin channel). */
  async function press(who: Who, verb: string, data: Record<string, unknown>, where: 'personal' | 'channel' = 'personal'): Promise<unknown> {
    const base = where === 'personal' ? personal(who) : channel(who);
    const res = await postActivity(runtime.url!, { ...base, type: 'invoke', name: 'adaptiveCard/action', replyToId: `${who}-card`, value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } });
    expect(res.status).toBe(200);
    return res.body.value;
  }
  /** "@Professional Growth <text>" in the admin channel. */
  async function say(who: Who, message: string, extra: Record<string, unknown> = {}): Promise<Array<{ text?: string; attachments?: Array<{ content: unknown }> }>> {
    const res = await postActivity(runtime.url!, {
      ...channel(who),
      type: 'message',
      text: `<at>Professional Growth</at> ${message}`,
      entities: [{ type: 'mention', text: '<at>Professional Growth</at>', mentioned: BOT }],
      deliveryMode: 'expectReplies',
      ...extra,
    });
    expect(res.status).toBe(200);
    return res.body.activities;
  }
  const sentTo = (who: Who) => connector.sentTo(`a:29:${who}`).map((a) => text(a.activity));
  const checkInOf = (who: Who, eventId: string) => runtime.db.collection('checkIns').findOne({ organisationId: TEST_TENANT, personId: ids[who], eventId });
  const submit = (who: Who, eventId: string, www = 'The Year 9 trip went smoothly') => press(who, VERBS.submitCheckIn, { eventId, www, score: '8' });
  const jobsFor = (eventId: string, kind: string) => runtime.db.collection('outboxJobs').find({ organisationId: TEST_TENANT, eventId, kind }).toArray();

  beforeAll(async () => {
    connector = await startBotConnectorStandIn();
  });
  afterAll(async () => connector.close());
  beforeEach(async () => {
    connector.reset();
    clock.now = DURING_6;
    runtime = await startTestRuntime({}, { clock: () => clock.now });
    await ensureOrganisation(runtime.ctx, { organisationId: TEST_TENANT, policyId: 'tsfe-2025-26' });
    await importDirectory(runtime.ctx, TEST_TENANT, parseDirectoryFile(DIRECTORY, 'csv'));
    ids = await install(EVERYONE);
    // The admin channel is claimed by Megan's first command.
    await say('megan', 'admin channel here');
    connector.reset();
  });
  afterEach(async () => runtime.stop());

  describe('redelegating a reviewer', () => {
    it('previews naming both people, applies on Confirm, tells all three; the previous reviewer finishes the review in flight, new check-ins go to the new one', async () => {
      await submit('alex', CHECK_IN_6);
      const inFlight = (await checkInOf('alex', CHECK_IN_6))!;
      expect(inFlight.reviewerId).toBe(ids.rita);

      const replies = await say('megan', 'reviewer Alex Wilber to Sam Lead because Rita moves to the trust team');
      const preview = replies.flatMap((r) => r.attachments ?? [])[0]!.content;
      expect(text(preview)).toContain("Alex Wilber's reviewer: Rita Reviewer → Sam Lead.");
      expect(text(preview)).toContain('Reason: Rita moves to the trust team');
      // Nothing changed before Confirm.
      expect((await runtime.repos.people.get(ORG, ids.alex))!.reviewerId).toBe(ids.rita);

      const applied = await press('megan', ADMIN_VERBS.confirmRedelegation, actionData(preview, ADMIN_VERBS.confirmRedelegation), 'channel');
      expect(text(applied)).toContain("Megan Bowen changed Alex Wilber's reviewer from Rita Reviewer to Sam Lead: Rita moves to the trust team");
      expect((await runtime.repos.people.get(ORG, ids.alex))!.reviewerId).toBe(ids.sam);
      const audit = await runtime.db.collection('auditLog').findOne({ organisationId: TEST_TENANT, action: 'person.reviewerChanged' });
      expect(audit?.details).toMatchObject({ from: ids.rita, to: ids.sam, reason: 'Rita moves to the trust team' });

      await drain();
      expect(sentTo('alex').join()).toContain('Your reviewer is now Sam Lead (was Rita Reviewer)');
      expect(sentTo('sam').join()).toContain("You are now Alex Wilber's reviewer");
      expect(sentTo('rita').join()).toContain('You keep what you reviewed');

      // The in-flight check-in: Rita still reads and acknowledges it; Sam may not acknowledge it.
      expect((await api('rita', `/api/v1/check-ins/${encodeURIComponent(inFlight._id as unknown as string)}`)).body.canAcknowledge).toBe(true);
      expect((await api('sam', `/api/v1/check-ins/${encodeURIComponent(inFlight._id as unknown as string)}/acknowledge`, { method: 'POST', body: {} })).status).toBe(403);
      // My team: Rita sees the review she still has to finish; Sam is not asked to acknowledge it.
      const ritaTeam = (await api('rita', '/api/v1/team')).body.members;
      expect(ritaTeam).toEqual([expect.objectContaining({ person: expect.objectContaining({ id: ids.alex }), relationship: 'previous-reviewer', awaitingAcknowledgement: [expect.objectContaining({ id: inFlight._id })] })]);
      expect((await api('rita', '/api/v1/me')).body.isReviewer).toBe(true);
      const samTeam = (await api('sam', '/api/v1/team')).body.members;
      expect(samTeam).toEqual([expect.objectContaining({ person: expect.objectContaining({ id: ids.alex }), relationship: 'reviewer', awaitingAcknowledgement: [] })]);
      const card = await press('rita', VERBS.acknowledgeCheckIn, { checkInId: inFlight._id });
      expect(text(card)).not.toContain('Only the reviewer');
      expect((await checkInOf('alex', CHECK_IN_6))!.acknowledgement).toMatchObject({ byPersonId: ids.rita });

      // The next check-in goes to Sam, and Rita cannot see it, nor anything of Alex's but what she reviewed.
      clock.now = DURING_7;
      await submit('alex', CHECK_IN_7, 'Started the new reading scheme');
      const next = (await checkInOf('alex', CHECK_IN_7))!;
      expect(next.reviewerId).toBe(ids.sam);
      expect((await api('rita', `/api/v1/check-ins/${encodeURIComponent(next._id as unknown as string)}`)).status).toBe(404);
      const timeline = await api('rita', `/api/v1/people/${ids.alex}/check-ins`);
      expect(timeline.status).toBe(200);
      expect(timeline.body.entries.map((e: { eventId: string }) => e.eventId)).toEqual([CHECK_IN_6]);
      expect((await api('sam', `/api/v1/check-ins/${encodeURIComponent(next._id as unknown as string)}/acknowledge`, { method: 'POST', body: {} })).status).toBe(200);
      // The feedback thread of the check-in Rita reviewed stays hers to take part in; the new one's is not.
      const thread = (id: unknown) => `/api/v1/threads/check-in/${encodeURIComponent(id as string)}/comments`;
      expect((await api('rita', thread(inFlight._id))).body.canComment).toBe(true);
      expect((await api('rita', thread(inFlight._id), { method: 'POST', body: { text: 'Lovely to read — good luck with Sam' } })).status).toBe(201);
      expect((await api('rita', thread(next._id))).status).toBe(404);

      // The reviewer history, as the tab's admin view shows it.
      const record = await api('megan', `/api/v1/people/${ids.alex}/reviewer`);
      expect(record.body.reviewer).toEqual({ id: ids.sam, displayName: 'Sam Lead' });
      expect(record.body.history).toEqual([expect.objectContaining({ role: 'reviewer', person: { id: ids.rita, displayName: 'Rita Reviewer' }, next: { id: ids.sam, displayName: 'Sam Lead' }, reason: 'Rita moves to the trust team', source: 'redelegation' })]);
    });

    it('leaves the previous reviewer the rocks from their time, and nothing newer', async () => {
      const first = await api('alex', '/api/v1/rocks', { method: 'POST', body: { slotId: 'rock-1', title: 'Improve Year 9 reading ages', successCriteria: [{ text: 'Reading ages up by six months' }] } });
      expect(first.status).toBe(201);
      const proposed = await api('alex', `/api/v1/rocks/${first.body.id}/propose`, { method: 'POST', body: { version: first.body.version } });
      expect((await api('rita', `/api/v1/rocks/${first.body.id}/agree`, { method: 'POST', body: { version: proposed.body.version } })).status).toBe(200);

      expect((await api('megan', `/api/v1/people/${ids.alex}/reviewer`, { method: 'POST', body: { toPersonId: ids.sam, reason: 'Rita moves to the trust team' } })).status).toBe(200);
      clock.now = new Date(DURING_6.getTime() + 60_000);
      const second = await api('alex', '/api/v1/rocks', { method: 'POST', body: { slotId: 'rock-2', title: 'Lead a CPD session', successCriteria: [{ text: 'Session delivered' }] } });
      expect(second.status).toBe(201);

      const seen = await api('rita', `/api/v1/people/${ids.alex}/rocks`);
      expect(seen.status).toBe(200);
      expect(seen.body.items.map((r: { title: string }) => r.title)).toEqual(['Improve Year 9 reading ages']);
      expect((await api('rita', `/api/v1/rocks/${first.body.id}`)).status).toBe(200);
      expect((await api('rita', `/api/v1/rocks/${second.body.id}`)).status).toBe(404);
      expect((await api('sam', `/api/v1/people/${ids.alex}/rocks`)).body.items).toHaveLength(2);
      // A colleague who never reviewed Alex still sees nothing.
      expect((await api('lynne', `/api/v1/people/${ids.alex}/rocks`)).status).toBe(403);
    });

    it('lets an SMT lead redelegate for their own school through /api/v1, refuses another school\'s, and names a missing reason', async () => {
      // The tab's search: SMT leads see who reviews whom, and which they may change; staff may not search.
      const search = async (who: Who) => api(who, '/api/v1/people?q=Alex');
      expect((await search('sam')).body.items).toEqual([expect.objectContaining({ person: expect.objectContaining({ displayName: 'Alex Wilber', school: 'Central Team' }), reviewer: { id: ids.rita, displayName: 'Rita Reviewer' }, canRedelegate: true })]);
      expect((await search('nora')).body.items[0].canRedelegate).toBe(false);
      expect((await search('alex')).status).toBe(403);
      // Who reviews Alex: Alex and their reviewer may see it; a colleague may not.
      expect((await api('alex', `/api/v1/people/${ids.alex}/reviewer`)).body.canRedelegate).toBe(false);
      expect((await api('rita', `/api/v1/people/${ids.alex}/reviewer`)).status).toBe(200);
      expect((await api('lynne', `/api/v1/people/${ids.alex}/reviewer`)).status).toBe(403);

      const body = { toPersonId: ids.sam, reason: 'Sam takes over the English department' };
      const refused = await api('nora', `/api/v1/people/${ids.alex}/reviewer`, { method: 'POST', body });
      expect(refused.status).toBe(403);
      expect((await api('rita', `/api/v1/people/${ids.alex}/reviewer`, { method: 'POST', body })).status).toBe(403);
      expect(refused.body.detail).toContain('SMT lead of Central Team');
      const noReason = await api('sam', `/api/v1/people/${ids.alex}/reviewer`, { method: 'POST', body: { toPersonId: ids.sam, reason: '' } });
      expect(noReason.status).toBe(422);
      expect(noReason.body.errors).toEqual([expect.objectContaining({ path: 'reason' })]);

      const preview = await api('sam', `/api/v1/people/${ids.alex}/reviewer`, { method: 'POST', body: { ...body, dryRun: true } });
      expect(preview.status).toBe(200);
      expect(preview.body).toMatchObject({ applied: false, preview: { from: { displayName: 'Rita Reviewer' }, to: { displayName: 'Sam Lead' } } });
      expect((await runtime.repos.people.get(ORG, ids.alex))!.reviewerId).toBe(ids.rita);

      const applied = await api('sam', `/api/v1/people/${ids.alex}/reviewer`, { method: 'POST', body: { ...body, digest: preview.body.preview.digest } });
      expect(applied.status).toBe(200);
      expect(applied.body.applied).toBe(true);
      expect((await runtime.repos.people.get(ORG, ids.alex))!.reviewerId).toBe(ids.sam);
      // The same preview again is stale: the person changed since.
      expect((await api('sam', `/api/v1/people/${ids.alex}/reviewer`, { method: 'POST', body: { toPersonId: ids.rita, reason: 'back again', digest: preview.body.preview.digest } })).status).toBe(409);
    });
  });

  describe('moving post mid-year (seed 002 §7.4)', () => {
    it('asks the original reviewer for a final check-in when a re-import moves someone, tracked until they say it happened', async () => {
      const files = await serveFiles({ 'moved.csv': DIRECTORY.replace('Alex Wilber,alexw@example.com,oid-alex,Central Team,teacher,ritar@example.com', 'Alex Wilber,alexw@example.com,oid-alex,North School,teacher,noran@example.com') });
      try {
        const preview = await say('megan', 'directory import', { attachments: [fileAttachment('moved.csv', files.url('moved.csv'))] });
        const card = preview.flatMap((r) => r.attachments ?? [])[0]!.content;
        expect(text(card)).toContain('school Central Team → North School');
        await press('megan', ADMIN_VERBS.confirmDirectoryImport, actionData(card, ADMIN_VERBS.confirmDirectoryImport), 'channel');
      } finally {
        await files.close();
      }
      await drain();
      const handoverCard = connector.sentTo('a:29:rita').find((a) => text(a.activity).includes(VERBS.completeHandover));
      expect(handoverCard).toBeDefined();
      expect(text(handoverCard!.activity)).toContain('Alex Wilber is moving post');
      expect(text(handoverCard!.activity)).toContain('Central Team → North School');
      const pending = await api('megan', `/api/v1/people/${ids.alex}/reviewer`);
      expect(pending.body.handovers).toEqual([expect.objectContaining({ reviewer: { id: ids.rita, displayName: 'Rita Reviewer' }, fromSchool: 'Central Team', toSchool: 'North School' })]);
      expect(pending.body.handovers[0].doneAt).toBeUndefined();

      expect(text(await say('megan', 'handovers'))).toContain('Alex Wilber (Central Team → North School): Rita Reviewer, asked on');
      const [content] = (handoverCard!.activity.attachments as Array<{ content: unknown }>).map((a) => a.content);
      const done = await press('rita', VERBS.completeHandover, actionData(content, VERBS.completeHandover));
      expect(text(done)).toContain('Done on');
      expect((await api('megan', `/api/v1/people/${ids.alex}/reviewer`)).body.handovers[0].doneAt).toEqual(expect.any(String));
      expect(text(await say('megan', 'handovers'))).toContain('No handovers outstanding');
      // Nobody else can mark it done.
      expect(text(await press('sam', VERBS.completeHandover, actionData(content, VERBS.completeHandover)))).not.toContain('Done on');
    });

    it('a redelegation that moves post asks the original reviewer too', async () => {
      const replies = await say('megan', 'reviewer Alex Wilber to Nora North at North School because Alex becomes head of year at North');
      const preview = replies.flatMap((r) => r.attachments ?? [])[0]!.content;
      expect(text(preview)).toContain('Moves post: Central Team → North School.');
      expect(text(preview)).toContain('Rita Reviewer will be asked for a final check-in with Alex Wilber before the move.');
      await press('megan', ADMIN_VERBS.confirmRedelegation, actionData(preview, ADMIN_VERBS.confirmRedelegation), 'channel');
      expect((await runtime.repos.people.get(ORG, ids.alex))!).toMatchObject({ school: 'North School', reviewerId: ids.nora });
      await drain();
      expect(sentTo('rita').some((a) => a.includes('Alex Wilber is moving post'))).toBe(true);
    });
  });

  describe('directory re-import', () => {
    it('keeps start dates, contract ends and working patterns a file does not carry; an empty cell keeps, "-" clears', async () => {
      const files = await serveFiles({
        // The same staff from an HR export with no start date, contract end or working pattern columns at all.
        // Ivy's name changes, so the import has something to apply.
        'narrow.csv': DIRECTORY.replace('Ivy Starter,', 'Ivy Starter-Jones,').split('\n').map((line) => line.split(',').slice(0, -3).join(',')).join('\n'),
        // The columns are there: Ivy's cells empty (kept), Alex's working pattern cleared with "-".
        'wide.csv': DIRECTORY.replace('Ivy Starter,', 'Ivy Starter-Jones,').replace('2026-04-20,2027-08-31,part-time 0.6', ',,').replace('2019-09-01,,full-time', ',,-'),
      });
      try {
        for (const name of ['narrow.csv', 'wide.csv']) {
          const preview = await say('megan', 'directory import', { attachments: [fileAttachment(name, files.url(name))] });
          const card = preview.flatMap((r) => r.attachments ?? [])[0]!.content;
          expect(text(card)).toContain('1 to change');
          expect(text(card)).not.toContain('start date');
          const applied = await press('megan', ADMIN_VERBS.confirmDirectoryImport, actionData(card, ADMIN_VERBS.confirmDirectoryImport), 'channel');
          expect(text(applied)).toContain('Done');
        }
      } finally {
        await files.close();
      }
      expect(await runtime.repos.people.get(ORG, ids.ivy)).toMatchObject({ displayName: 'Ivy Starter-Jones', startedOn: '2026-04-20', contractEndsOn: '2027-08-31', workingPattern: 'part-time 0.6' });
      const alex = (await runtime.repos.people.get(ORG, ids.alex))!;
      expect(alex).toMatchObject({ startedOn: '2019-09-01' });
      expect(alex.workingPattern).toBeUndefined();

      // The starter rule still fires: Ivy, who starts after Easter, is not prompted for Check in 6.
      await queueDuePrompts(runtime.ctx);
      const prompted = (await jobsFor(CHECK_IN_6, 'check-in-prompt')).map((j) => j.personId);
      expect(prompted).toContain(ids.alex);
      expect(prompted).not.toContain(ids.ivy);
      expect(text(await chat('ivy', 'check in'))).toContain('starts on 2026-04-20');
    });

    it('names a bad date cell by line and column', async () => {
      expect(() => parseDirectoryFile('name,email,startDate\nIvy Starter,ivys@example.com,20/04/2026\n', 'csv')).toThrow(/line 2 \(startedOn\): start date: use a date like 2026-09-01/);
    });
  });

  describe('eligibility', () => {
    it('refuses a paused person on submit from the card and the API, storing nothing, and tells them why', async () => {
      const asked = text(await chat('paula', 'check in'));
      expect(asked).toContain("You're not asked to do check-ins at the moment: professional growth is paused (long-term absence)");
      expect(asked).not.toContain(VERBS.submitCheckIn);

      const card = await submit('paula', CHECK_IN_6);
      expect(text(card)).toContain('professional growth is paused (long-term absence)');
      // What was typed stays on the card.
      expect(text(card)).toContain('The Year 9 trip went smoothly');
      const viaApi = await api('paula', '/api/v1/check-ins', { method: 'POST', body: { eventId: CHECK_IN_6, answers: { www: 'From the tab' } } });
      expect(viaApi.status).toBe(403);
      expect(viaApi.body).toMatchObject({ code: 'notAsked' });
      expect(viaApi.body.detail).toContain('professional growth is paused');
      expect(await checkInOf('paula', CHECK_IN_6)).toBeNull();
      expect(await runtime.db.collection('auditLog').findOne({ organisationId: TEST_TENANT, action: 'checkIn.submitted', 'actor.personId': ids.paula })).toBeNull();

      // Someone the policy asks submits through the same API.
      const alex = await api('alex', '/api/v1/check-ins', { method: 'POST', body: { eventId: CHECK_IN_6, answers: { www: 'From the tab' } } });
      expect(alex.status).toBe(201);
      expect((await checkInOf('alex', CHECK_IN_6))!.answers.www).toBe('From the tab');
    });

    it('does not prompt an ECT, and tells them why in the chat and on /me', async () => {
      await queueDuePrompts(runtime.ctx);
      const prompted = (await jobsFor(CHECK_IN_6, 'check-in-prompt')).map((j) => j.personId);
      expect(prompted).toContain(ids.alex);
      expect(prompted).not.toContain(ids.lynne);
      expect(prompted).not.toContain(ids.paula);
      expect(text(await chat('lynne', 'check in'))).toContain('ECT staff are outside this policy');
      expect((await api('lynne', '/api/v1/me')).body.participation).toEqual({ asked: false, reason: expect.stringContaining('ECT staff are outside this policy') });
      expect((await api('alex', '/api/v1/me')).body.participation).toEqual({ asked: true });
    });

    it('does not prompt someone whose fixed-term contract ends within the policy\'s minimum (three months for TSFE)', async () => {
      await importDirectory(runtime.ctx, TEST_TENANT, parseDirectoryFile('name,email,contractEnd\nAlex Wilber,alexw@example.com,2026-04-30\n', 'csv'));
      await queueDuePrompts(runtime.ctx);
      expect((await jobsFor(CHECK_IN_6, 'check-in-prompt')).map((j) => j.personId)).not.toContain(ids.alex);
      expect(text(await chat('alex', 'check in'))).toContain("contract ends on 2026-04-30, within the policy's minimum of 3 months");
    });
  });

  describe('an optional check-in', () => {
    it('is prompted without a closing reminder, and is "not taken" rather than missed afterwards', async () => {
      clock.now = new Date('2025-10-03T07:30:00Z');
      await queueDuePrompts(runtime.ctx);
      expect((await jobsFor(OPTIONAL, 'check-in-prompt')).map((j) => j.personId)).toContain(ids.alex);
      expect(await jobsFor(OPTIONAL, 'check-in-reminder')).toHaveLength(0);

      clock.now = new Date('2025-10-10T12:00:00Z');
      const timeline = await api('alex', `/api/v1/people/${ids.alex}/check-ins`);
      const optional = timeline.body.entries.find((e: { eventId: string }) => e.eventId === OPTIONAL);
      expect(optional).toMatchObject({ kind: 'optional-check-in', state: 'not-taken' });
      expect(timeline.body.entries.filter((e: { state: string }) => e.state === 'missed')).toHaveLength(0);
      expect(timeline.body.onTime.due).toBe(0);

      // The reviewer's digest after it closed lists nobody as not checked in.
      connector.reset();
      await queueDuePrompts(runtime.ctx);
      await drain();
      const digest = sentTo('megan').find((a) => a.includes('your team'));
      expect(digest).toBeDefined();
      expect(digest).not.toContain('Not checked in this time');
    });
  });
});
