// The year's reviews (issue 12) opened by the scheduler, chased and listed, through the real
// scheduler, outbox worker and /api/v1 endpoints (TSFE 2025-26: the March impact review on the
// career conversations, 27 Mar–2 Apr 2026; the end-of-year review on the reflection sessions,
// 5 Jun–17 Jul 2026, confirmed by the school's SMT). The impact and end-of-year cards are built
// elsewhere, so here the queued jobs are asserted, and the reviewer's activity-feed item delivered.
import { startBotConnectorStandIn, type BotConnectorStandIn } from '../../standins/botConnector';
import { startGraphStandIn, type GraphStandIn } from '../../standins/graph';
import { personalWorld, startTestRuntime } from '../../support/runtime';
import { TEST_TENANT } from '../../support/activities';
import type { Runtime } from '../../../bot/runtime';
import { queueDuePrompts } from '../../../bot/usecases/promptQueue';
import { completionStatus } from '../../../bot/usecases/adminStatus';
import { buildStatusCard } from '../../../bot/cards/admin/statusCard';
import { cycleIdFor, ensureOrganisation } from '../../../bot/usecases/organisations';
import { importDirectory, parseDirectoryFile } from '../../../bot/usecases/directory';
import { yearReviewListResponseSchema, yearReviewProgressResponseSchema } from '../../../shared/api';
import { yearReviewId, yearReviewRecordId, type YearReviewRecord } from '../../../shared/domain';

const PACK = 'tsfe-2025-26';
const CYCLE = cycleIdFor(TEST_TENANT, '2025-26');
const OTHER = '11111111-2222-3333-4444-555555555555';
const TEAMS_APP_ID = 'pgteams-app';
const clock = { now: new Date('2026-03-20T10:00:00Z') };
// North: Megan reviews Alex and Erin (an ECT, outside the policy); Harry, the head (SMT), reviews
// Megan and Sue. South: Sue reviews Sam; South has no SMT member. Paula is a PG administrator.
const DIRECTORY = `name,email,entraObjectId,school,role,reviewer,coach,roles
Alex Wilber,alexw@example.com,oid-alex,North,teacher,meganb@example.com,,
Erin Early,erine@example.com,oid-erin,North,ECT,meganb@example.com,,
Megan Bowen,meganb@example.com,oid-megan,North,leader,harryh@example.com,,
Harry Head,harryh@example.com,oid-harry,North,headteacher,,,smt
Sam Colleague,samc@example.com,oid-sam,South,teacher,sues@example.com,,
Sue South,sues@example.com,oid-sue,South,leader,harryh@example.com,,
Paula Admin,paulaa@example.com,oid-paula,Central,central,,,pg-admin
`;
const NINA = 'Nina New,ninan@example.com,oid-nina,North,teacher,meganb@example.com,,\n';

type Who = 'alex' | 'erin' | 'megan' | 'harry' | 'sam' | 'sue' | 'paula';
const WHO: Who[] = ['alex', 'erin', 'megan', 'harry', 'sam', 'sue', 'paula'];

interface QueuedMessage {
  recipient: string;
  kind: string;
  audience: string;
  reason: string;
  reviewId: string;
}

describe('the year\'s reviews: opened by the scheduler, chased, listed', () => {
  let connector: BotConnectorStandIn;
  let graph: GraphStandIn;
  let runtime: Runtime;
  let ids: Record<Who, string>;

  const { drain, api, install } = personalWorld<Who | 'olive'>({ runtime: () => runtime, connector: () => connector, graph: () => graph, teamsAppId: TEAMS_APP_ID });
  const tick = async (at: string) => {
    clock.now = new Date(at);
    return queueDuePrompts(runtime.ctx);
  };
  const reviewMessages = async (): Promise<QueuedMessage[]> => {
    const jobs = await runtime.db.collection('outboxJobs').find({ organisationId: TEST_TENANT, kind: 'bot-message', 'payload.message.kind': { $in: ['year-review', 'support-plan'] } }).toArray();
    return jobs.map((j) => ({ recipient: j.payload.recipientPersonId, kind: j.payload.message.kind, audience: j.payload.message.audience, reason: j.payload.message.reason, reviewId: j.payload.message.reviewId }));
  };
  const whoIs = (id: string) => WHO.find((w) => ids[w] === id) ?? id;
  const record = async (kind: YearReviewRecord['kind'], reviewee: Who, author: Who, extra: Record<string, unknown>) => {
    const reviewId = yearReviewId(kind === 'reflection' ? 'end-of-year' : 'impact', CYCLE, ids[reviewee]);
    const at = clock.now;
    await runtime.repos.yearReviews.putRecord({ organisationId: TEST_TENANT }, {
      id: yearReviewRecordId(kind, reviewId), organisationId: TEST_TENANT, reviewId, cycleId: CYCLE, personId: ids[reviewee], authorId: ids[author],
      createdAt: at, updatedAt: at, submittedAt: at, kind, ...extra,
    } as YearReviewRecord);
  };

  beforeAll(async () => {
    connector = await startBotConnectorStandIn();
    graph = await startGraphStandIn();
  });
  afterAll(async () => {
    await connector.close();
    await graph.close();
  });
  beforeEach(async () => {
    clock.now = new Date('2026-03-20T10:00:00Z');
    runtime = await startTestRuntime({}, { clock: () => clock.now });
    await ensureOrganisation(runtime.ctx, { organisationId: TEST_TENANT, policyId: PACK });
    await importDirectory(runtime.ctx, TEST_TENANT, parseDirectoryFile(DIRECTORY, 'csv'));
    ids = await install(WHO);
    connector.reset();
    graph.reset();
  });
  afterEach(async () => {
    await runtime.stop();
  });

  it('opens the March impact review on the event date for eligible people only (not the ECT), once with two schedulers at once; both parties are sent its card, the reviewer a feed item', async () => {
    expect((await tick('2026-03-27T07:30:00Z')).reviewsOpened).toBe(0); // 07:30 GMT: the window opens at 08:00
    const results = await Promise.all([tick('2026-03-27T08:30:00Z'), queueDuePrompts(runtime.ctx)]);
    expect(results[0].reviewsOpened + results[1].reviewsOpened).toBe(6);
    expect((await queueDuePrompts(runtime.ctx)).reviewsOpened).toBe(0);

    const reviews = await runtime.repos.yearReviews.listForCycle({ organisationId: TEST_TENANT }, CYCLE, 'impact');
    expect(reviews.map((r) => whoIs(r.personId)).sort()).toEqual(['alex', 'harry', 'megan', 'paula', 'sam', 'sue']);
    expect(reviews.find((r) => r.personId === ids.alex)).toMatchObject({
      id: yearReviewId('impact', CYCLE, ids.alex), label: 'March impact review', reviewerId: ids.megan, coversCycleId: CYCLE, school: 'North', roleCategory: 'teacher',
      opensAt: new Date('2026-03-27T08:00:00Z'), dueAt: new Date('2026-04-02T22:59:59.999Z'), reviewerDueAt: new Date('2026-04-02T22:59:59.999Z'),
    });
    // The impact review has no final decision: nobody confirms the reviewer's outcome.
    expect(reviews.every((r) => r.deciderId === undefined)).toBe(true);

    const opened = (await reviewMessages()).filter((m) => m.reason === 'opened').map((m) => `${whoIs(m.recipient)}:${m.audience}:${whoIs(m.reviewId.split(':').pop()!)}`).sort();
    expect(opened).toEqual([
      'alex:reviewee:alex', 'harry:reviewee:harry', 'harry:reviewer:megan', 'harry:reviewer:sue', 'megan:reviewee:megan', 'megan:reviewer:alex',
      'paula:reviewee:paula', 'sam:reviewee:sam', 'sue:reviewee:sue', 'sue:reviewer:sam',
    ]);
    expect(opened.some((o) => o.includes('erin'))).toBe(false);

    await drain();
    const feedTo = (oid: string) => graph.notifications.filter((n) => n.userId === oid).map((n) => n.body as { activityType: string; topic: { webUrl: string }; previewText: { content: string } });
    const megans = feedTo('oid-megan');
    expect(megans).toHaveLength(1);
    expect(megans[0]).toMatchObject({ activityType: 'reviewDue', previewText: { content: 'March impact review for Alex Wilber: your part is due Thu 2 Apr' } });
    expect(decodeURIComponent(megans[0]!.topic.webUrl)).toContain(`"subEntityId":"review:${yearReviewId('impact', CYCLE, ids.alex)}"`);
    expect(decodeURIComponent(megans[0]!.topic.webUrl)).toContain('/home?');
    expect(feedTo('oid-harry')).toHaveLength(2);
    expect(feedTo('oid-alex')).toHaveLength(0);

    const audit = await runtime.db.collection('auditLog').find({ organisationId: TEST_TENANT, action: 'yearReview.opened' }).toArray();
    expect(audit.every((a) => a.actor.kind === 'system')).toBe(true);
    expect(audit.reduce((n, a) => n + a.details.opened, 0)).toBe(6);
  });

  it('opens a review the next day for someone who joins while the window is open', async () => {
    await tick('2026-03-27T08:30:00Z');
    await importDirectory(runtime.ctx, TEST_TENANT, parseDirectoryFile(DIRECTORY + NINA, 'csv'));
    expect((await tick('2026-03-27T12:00:00Z')).reviewsOpened).toBe(0); // once a day
    expect((await tick('2026-03-28T08:30:00Z')).reviewsOpened).toBe(1);
    const nina = (await runtime.repos.people.findByEntraObjectId({ organisationId: TEST_TENANT }, 'oid-nina'))!;
    expect(await runtime.repos.yearReviews.get({ organisationId: TEST_TENANT }, yearReviewId('impact', CYCLE, nina.id))).toMatchObject({ reviewerId: ids.megan });
    expect((await tick('2026-04-03T08:30:00Z')).reviewsOpened).toBe(0); // the window has closed
  });

  it('reminds whoever\'s turn it is, 3 days before their part is due, once; and nudges the day after it was missed', async () => {
    await tick('2026-03-27T08:30:00Z');
    clock.now = new Date('2026-03-29T10:00:00Z');
    await record('impact-outcome', 'sam', 'sue', { outcome: 'exceeding', meetingOn: '2026-03-27', notes: '', stretch: '' });
    expect((await tick('2026-03-30T07:30:00Z')).reviewRemindersQueued).toBe(0); // 08:30 BST, before the policy's 09:00
    expect((await tick('2026-03-30T08:30:00Z')).reviewRemindersQueued).toBe(3);
    expect((await tick('2026-03-30T09:30:00Z')).reviewRemindersQueued).toBe(0); // once a day, once per part
    const reminders = (await reviewMessages()).filter((m) => m.reason === 'reminder').map((m) => `${whoIs(m.recipient)}:${m.audience}`).sort();
    // Sue has recorded Sam's outcome; the reviewees have no part in the impact review.
    expect(reminders).toEqual(['harry:reviewer', 'harry:reviewer', 'megan:reviewer']);
    expect((await tick('2026-03-31T08:30:00Z')).reviewRemindersQueued).toBe(0);
    expect((await tick('2026-04-03T08:30:00Z')).reviewRemindersQueued).toBe(3); // missed: one nudge each
    expect((await tick('2026-04-04T08:30:00Z')).reviewRemindersQueued).toBe(0);
  });

  it('after a redelegation, the new reviewer is the one reminded and sees the review as needing them', async () => {
    await tick('2026-03-27T08:30:00Z');
    clock.now = new Date('2026-03-28T10:00:00Z');
    await importDirectory(runtime.ctx, TEST_TENANT, parseDirectoryFile(DIRECTORY.replace('Alex Wilber,alexw@example.com,oid-alex,North,teacher,meganb@example.com', 'Alex Wilber,alexw@example.com,oid-alex,North,teacher,sues@example.com'), 'csv'));
    await tick('2026-03-30T08:30:00Z');
    const reminded = (await reviewMessages()).filter((m) => m.reason === 'reminder' && m.reviewId === yearReviewId('impact', CYCLE, ids.alex)).map((m) => whoIs(m.recipient));
    expect(reminded).toEqual(['sue']);
    const sue = yearReviewListResponseSchema.parse((await api('sue', '/reviews')).body);
    expect(sue.needsMe.map((r) => [r.person.displayName, r.myNextStep]).sort()).toEqual([
      ['Alex Wilber', 'Record the outcome of your meeting with Alex Wilber'],
      ['Sam Colleague', 'Record the outcome of your meeting with Sam Colleague'],
    ]);
  });

  it('opens the end-of-year review with the school\'s SMT as decider, reminds the reviewee (then the reviewer once the reflection is in), and lists it for each of them', async () => {
    await tick('2026-06-05T08:30:00Z');
    const org = { organisationId: TEST_TENANT };
    const reviews = await runtime.repos.yearReviews.listForCycle(org, CYCLE, 'end-of-year');
    const of = (who: Who) => reviews.find((r) => r.personId === ids[who])!;
    expect(reviews).toHaveLength(6);
    expect(of('alex')).toMatchObject({ reviewerId: ids.megan, deciderId: ids.harry, dueAt: new Date('2026-07-17T22:59:59.999Z') });
    // Megan's reviewer is the only SMT member of North; South has none: Sue's own reviewer decides.
    expect(of('megan')).toMatchObject({ reviewerId: ids.harry });
    expect(of('megan').deciderId).toBeUndefined();
    expect(of('sam')).toMatchObject({ reviewerId: ids.sue, deciderId: ids.harry });
    expect((await reviewMessages()).filter((m) => m.reason === 'opened' && m.audience === 'reviewee').map((m) => whoIs(m.recipient)).sort()).toEqual(['alex', 'harry', 'megan', 'paula', 'sam', 'sue']);

    clock.now = new Date('2026-07-10T10:00:00Z');
    await record('reflection', 'alex', 'alex', { recognition: '', www: 'Year 9 reading', ebi: '', whatNext: '', rocks: [], anythingElse: '', supportReceived: '' });
    expect((await tick('2026-07-14T08:30:00Z')).reviewRemindersQueued).toBe(6);
    const reminders = (await reviewMessages()).filter((m) => m.reason === 'reminder').map((m) => `${whoIs(m.recipient)}:${m.audience}`).sort();
    expect(reminders).toEqual(['harry:reviewee', 'megan:reviewee', 'megan:reviewer', 'paula:reviewee', 'sam:reviewee', 'sue:reviewee']);

    const alex = yearReviewListResponseSchema.parse((await api('alex', '/reviews')).body);
    expect(alex.mine).toEqual([expect.objectContaining({ id: of('alex').id, stage: 'end-of-year', status: 'waiting-for-reviewer', myNextStep: null, reviewer: { id: ids.megan, displayName: 'Megan Bowen' }, decider: { id: ids.harry, displayName: 'Harry Head' } })]);
    expect(alex.needsMe).toEqual([]);
    const megan = yearReviewListResponseSchema.parse((await api('megan', '/reviews')).body);
    expect(megan.mine).toEqual([expect.objectContaining({ id: of('megan').id, myNextStep: 'Write your reflection', status: 'waiting-for-reviewee' })]);
    expect(megan.needsMe).toEqual([expect.objectContaining({ id: of('alex').id, myNextStep: "Write Alex Wilber's review statement" })]);
    expect(megan.myTeam).toEqual([]);
    const harry = yearReviewListResponseSchema.parse((await api('harry', '/reviews')).body);
    // Harry decides Alex's, but it is not his turn yet; Megan and Sue, whom he reviews, are writing.
    expect(harry.needsMe).toEqual([]);
    expect(harry.myTeam.map((r) => r.person.displayName).sort()).toEqual(['Megan Bowen', 'Sue South']);

    // History: another cycle by id; an unknown one is not found.
    expect((await api('megan', `/reviews?cycleId=${encodeURIComponent(CYCLE)}`)).body.needsMe).toHaveLength(1);
    expect((await api('megan', '/reviews?cycleId=nope')).status).toBe(404);
  });

  it("reminds the reviewer of a support plan's review 7 days before and on the day, once each; not once its outcome is recorded", async () => {
    await tick('2026-03-27T08:30:00Z');
    clock.now = new Date('2026-03-31T10:00:00Z');
    await record('impact-outcome', 'sam', 'sue', { outcome: 'support-recommended', notes: '', stretch: '' });
    await record('support-plan', 'sam', 'sue', { route: 'informal', whatWillHelp: 'Weekly coaching with the phase lead', reviewOn: '2026-05-15', notes: '' });
    await record('impact-outcome', 'alex', 'megan', { outcome: 'support-recommended', notes: '', stretch: '' });
    await record('support-plan', 'alex', 'megan', { route: 'informal', whatWillHelp: 'Observe colleagues', reviewOn: '2026-05-15', notes: '' });
    await record('support-outcome', 'alex', 'megan', { succeeded: true, note: 'Back on track early', nextStep: '' });

    expect((await tick('2026-05-08T07:30:00Z')).supportRemindersQueued).toBe(0); // 08:30 BST
    expect((await tick('2026-05-08T08:30:00Z')).supportRemindersQueued).toBe(1);
    expect((await tick('2026-05-09T08:30:00Z')).supportRemindersQueued).toBe(0);
    expect((await tick('2026-05-15T08:30:00Z')).supportRemindersQueued).toBe(1);
    expect((await tick('2026-05-16T08:30:00Z')).supportRemindersQueued).toBe(0);
    const support = (await reviewMessages()).filter((m) => m.kind === 'support-plan').map((m) => `${whoIs(m.recipient)}:${m.audience}:${m.reason}:${whoIs(m.reviewId.split(':').pop()!)}`);
    // The outbox is read without an order (FerretDB returns rows as stored), so compare the set.
    expect(support.sort()).toEqual(['sue:reviewer:reminder:sam', 'sue:reviewer:review-due:sam']);
    expect((await api('paula', '/review-progress?stage=impact')).body.supportPlans).toEqual({ open: 1, succeeded: 1, unsuccessful: 0 });
  });

  it('shows PG administrators progress by school (403 for staff), in the API and the admin "status" card; another organisation sees nothing', async () => {
    await tick('2026-03-27T08:30:00Z');
    clock.now = new Date('2026-03-30T10:00:00Z');
    await record('impact-outcome', 'sam', 'sue', { outcome: 'exceeding', meetingOn: '2026-03-27', notes: '', stretch: '' });

    const forbidden = await api('alex', '/review-progress');
    expect(forbidden.status).toBe(403);
    expect(JSON.stringify(forbidden.body)).toContain('Only PG administrators can see review progress.');

    const progress = yearReviewProgressResponseSchema.parse((await api('paula', '/review-progress?stage=impact')).body);
    expect(progress.cycleId).toBe(CYCLE);
    expect(progress.rows.map((r) => [r.school, r.opened, r.outcomeRecorded, r.complete])).toEqual([
      ['Central', 1, 0, 0],
      ['North', 3, 0, 0],
      ['South', 2, 1, 1],
    ]);
    expect(progress.rows.find((r) => r.school === 'South')!.outcomes).toEqual({ Exceeding: 1 });
    expect(progress.supportPlans).toEqual({ open: 0, succeeded: 0, unsuccessful: 0 });
    expect((await api('paula', '/review-progress?stage=end-of-year')).body.rows).toEqual([]);
    expect((await api('paula', '/review-progress?stage=annual')).status).toBe(422);

    const organisation = (await runtime.repos.organisations.get(TEST_TENANT))!;
    const card = JSON.stringify(buildStatusCard(await completionStatus(runtime.ctx, organisation), organisation.policy.timezone));
    expect(card).toContain('Reviews · March impact review (Career conversations & mid-point reflections) · open now');
    expect(card).toContain('Outcomes so far: Exceeding: 1');

    await ensureOrganisation(runtime.ctx, { organisationId: OTHER, policyId: PACK });
    await importDirectory(runtime.ctx, OTHER, parseDirectoryFile('name,email,entraObjectId,school,role,reviewer,coach,roles\nOlive Other,oliveo@example.org,oid-olive,North,central,,,pg-admin\n', 'csv'));
    const theirs = await api('olive', '/reviews', { tenant: OTHER });
    expect(theirs.status).toBe(200);
    expect(theirs.body).toEqual({ mine: [], needsMe: [], myTeam: [] });
    expect((await api('olive', `/reviews?cycleId=${encodeURIComponent(CYCLE)}`, { tenant: OTHER })).status).toBe(404);
    expect((await api('olive', `/review-progress?cycleId=${encodeURIComponent(CYCLE)}`, { tenant: OTHER })).status).toBe(404);
    expect((await api('olive', '/review-progress', { tenant: OTHER })).body.rows).toEqual([]);
  });
});
