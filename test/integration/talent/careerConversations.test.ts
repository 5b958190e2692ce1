// The March career conversation (seed 000 Appendix 4) through the real endpoints: on the event's
// date each reviewer is sent a card per reviewee; the reviewer records the 1:1 and one of the four
// routes from the card or the tab's API, and each route sets going exactly its follow-ups (owners,
// due dates, the stay interview for "unsure"), once however often it is recorded; the owner closes
// a task with a note, once; the recruitment team gets its tasks (the PG admins when nobody has the
// role); owners are reminded before a task is due; the reviewee sees the record and comments; and
// "review at end of annual cycle" reappears on the end-of-year review.
import { startBotConnectorStandIn, type BotConnectorStandIn } from '../../standins/botConnector';
import { personalWorld, startTestRuntime } from '../../support/runtime';
import { TEST_TENANT } from '../../support/activities';
import type { Runtime } from '../../../bot/runtime';
import { queueDuePrompts } from '../../../bot/usecases/promptQueue';
import { cycleIdFor, ensureOrganisation } from '../../../bot/usecases/organisations';
import { importDirectory, parseDirectoryFile } from '../../../bot/usecases/directory';
import { TALENT_VERBS } from '../../../shared/verbs';
import { apiPaths, careerConversationResponseSchema, followUpListResponseSchema, yearReviewDtoSchema } from '../../../shared/api';
import { careerConversationId, surveyResponseId, yearReviewId } from '../../../shared/domain';
import { eventIdFor } from '../../../bot/usecases/organisations';

const PACK = 'tsfe-2025-26';
const ORG = { organisationId: TEST_TENANT };
const CYCLE = cycleIdFor(TEST_TENANT, '2025-26');
/** Fri 27 Mar 2026 09:00 GMT: the career conversation window (08:00) is open. */
const ON_THE_EVENT_DATE = new Date('2026-03-27T09:00:00Z');
/** Mon 30 Mar 2026: the day of the 1:1s. */
const AFTER_THE_MEETINGS = new Date('2026-03-30T10:00:00Z');
const MEETING = '2026-03-30';
// Megan reviews Alex, Adele, Sam and Una; Ravi reviews Rosa; Rick is the recruitment team; Paula a PG admin.
const DIRECTORY = `name,email,entraObjectId,school,role,reviewer,roles
Megan Bowen,meganb@example.com,oid-megan,North School,leader,,
Alex Wilber,alexw@example.com,oid-alex,North School,teacher,meganb@example.com,
Adele Vance,adelev@example.com,oid-adele,North School,support,meganb@example.com,
Sam Colleague,samc@example.com,oid-sam,North School,teacher,meganb@example.com,
Una Sure,unas@example.com,oid-una,North School,teacher,meganb@example.com,
Ravi Reviewer,ravir@example.com,oid-ravi,North School,leader,,
Rosa Teacher,rosat@example.com,oid-rosa,North School,teacher,ravir@example.com,
Rick Recruiter,rickr@example.com,oid-rick,Central,central,,recruitment
Paula Admin,paulaa@example.com,oid-paula,Central,central,,pg-admin
`;
type Who = 'megan' | 'alex' | 'adele' | 'sam' | 'una' | 'ravi' | 'rosa' | 'rick' | 'paula';
const WHO: Who[] = ['megan', 'alex', 'adele', 'sam', 'una', 'ravi', 'rosa', 'rick', 'paula'];
const text = (x: unknown) => JSON.stringify(x);

describe('career conversations and their follow-ups (TSFE)', () => {
  let connector: BotConnectorStandIn;
  let runtime: Runtime;
  let ids: Record<Who, string>;
  const clock = { now: AFTER_THE_MEETINGS };

  const { drain, api, install, press } = personalWorld<Who>({ runtime: () => runtime, connector: () => connector });
  const cardsTo = (who: Who) => connector.sentTo(`a:29:${who}`).map((a) => text(a.activity));
  const record = (who: Who, route: string, extra: Record<string, unknown> = {}) => press('megan', TALENT_VERBS.recordCareer, { personId: ids[who], card: 'reviewer', route, meetingOn: MEETING, notes: '', ...extra });
  const tasksOf = async (who: Who) => (await runtime.db.collection('followUps').find({ personId: ids[who] }).sort({ _id: 1 }).toArray()) as unknown as Array<Record<string, unknown>>;
  const taskId = (who: Who, key: string) => `${careerConversationId(CYCLE, ids[who])}:${key}`;

  beforeAll(async () => {
    connector = await startBotConnectorStandIn();
  });
  afterAll(async () => {
    await connector.close();
  });
  beforeEach(async () => {
    clock.now = AFTER_THE_MEETINGS;
    runtime = await startTestRuntime({}, { clock: () => clock.now });
    await ensureOrganisation(runtime.ctx, { organisationId: TEST_TENANT, policyId: PACK });
    await importDirectory(runtime.ctx, TEST_TENANT, parseDirectoryFile(DIRECTORY, 'csv'));
    ids = await install(WHO);
    await drain();
    connector.reset();
  });
  afterEach(async () => {
    await runtime.stop();
  });

  it('on the event date each reviewer gets a card per reviewee, with the survey answers the policy lets them read', async () => {
    const survey = eventIdFor(TEST_TENANT, '2025-26', 'aspiration-survey');
    await runtime.repos.talent.surveyResponses.put(ORG, {
      id: surveyResponseId(survey, ids.alex),
      organisationId: TEST_TENANT,
      cycleId: CYCLE,
      eventId: survey,
      personId: ids.alex,
      answers: { 'career-next-year': 'Head of year, I hope' },
      school: 'North School',
      roleCategory: 'teacher',
      createdAt: new Date('2026-02-06T10:00:00Z'),
      updatedAt: new Date('2026-02-06T10:00:00Z'),
    });
    clock.now = new Date('2026-03-27T07:30:00Z');
    await queueDuePrompts(runtime.ctx);
    await drain();
    expect(cardsTo('megan').filter((t) => t.includes(TALENT_VERBS.recordCareer))).toHaveLength(0);

    clock.now = ON_THE_EVENT_DATE;
    await queueDuePrompts(runtime.ctx);
    await queueDuePrompts(runtime.ctx); // a second tick sends nothing again
    await drain();
    const toMegan = cardsTo('megan').filter((t) => t.includes(TALENT_VERBS.recordCareer));
    expect(toMegan).toHaveLength(4);
    for (const name of ['Alex Wilber', 'Adele Vance', 'Sam Colleague', 'Una Sure']) expect(toMegan.filter((t) => t.includes(`Career conversation: ${name}`))).toHaveLength(1);
    const alexCard = toMegan.find((t) => t.includes('Alex Wilber'))!;
    expect(alexCard).toContain("Alex's aspiration survey answers");
    expect(alexCard).toContain('Head of year, I hope');
    for (const route of ['Ready for a promotional opportunity within 12 months', 'Working towards a promotional opportunity within 2', 'Not looking for promotion', 'Unsure', 'Arrange a stay interview']) expect(alexCard).toContain(route);
    expect(toMegan.find((t) => t.includes('Sam Colleague'))).toContain('Sam has not answered the aspiration survey.');
    const toRavi = cardsTo('ravi').filter((t) => t.includes(TALENT_VERBS.recordCareer));
    expect(toRavi).toHaveLength(1);
    expect(toRavi[0]).toContain('Rosa Teacher');
    expect(cardsTo('alex').some((t) => t.includes(TALENT_VERBS.recordCareer))).toBe(false);
  });

  it('each route creates exactly its follow-ups with owners and due dates; recording again duplicates nothing', async () => {
    const typed = { route: 'ready-within-12-months', meetingOn: '30/03/2026', notes: 'Wants to lead KS3 English' };
    const refused = await record('alex', typed.route, typed);
    expect(text(refused)).toContain('Please check: Date of the 1:1 career conversation — use a date like 2026-02-27');
    expect(text(refused)).toContain('30/03/2026');
    expect(text(refused)).toContain('Wants to lead KS3 English');
    expect(text(await record('alex', typed.route, { ...typed, meetingOn: '2026-04-01' }))).toContain('record the conversation after the 1:1 has taken place');
    expect(await runtime.db.collection('careerConversations').countDocuments({})).toBe(0);

    const saved = await record('alex', 'ready-within-12-months', { notes: 'Wants to lead KS3 English' });
    expect(text(saved)).toContain('Recorded: Ready for a promotional opportunity within 12 months. 2 follow-ups set going.');
    await record('alex', 'ready-within-12-months', { notes: 'Wants to lead KS3 English' }); // Teams retried
    await record('adele', 'working-towards-2-3-years');
    await record('sam', 'not-looking');
    await record('una', 'unsure');
    await record('una', 'unsure', { notes: 'Talked about workload' });

    const shape = async (who: Who) => (await tasksOf(who)).map((t) => ({ key: t.key, ownerRole: t.ownerRole, ownerId: t.ownerId, dueOn: t.dueOn, atEndOfCycle: t.atEndOfCycle, stayInterview: t.stayInterview, status: t.status }));
    expect(await shape('alex')).toEqual([
      { key: 'alert-recruitment', ownerRole: 'recruitment', ownerId: undefined, dueOn: '2026-04-13', atEndOfCycle: false, stayInterview: false, status: 'open' },
      { key: 'direct-to-pd', ownerRole: 'reviewer', ownerId: ids.megan, dueOn: '2026-04-29', atEndOfCycle: false, stayInterview: false, status: 'open' },
    ]);
    expect(await shape('adele')).toEqual([
      { key: 'prioritise-pd', ownerRole: 'reviewer', ownerId: ids.megan, dueOn: '2026-04-29', atEndOfCycle: false, stayInterview: false, status: 'open' },
      { key: 'review-at-end-of-cycle', ownerRole: 'reviewer', ownerId: ids.megan, dueOn: '2026-08-31', atEndOfCycle: true, stayInterview: false, status: 'open' },
    ]);
    expect(await shape('sam')).toEqual([{ key: 'review-at-end-of-cycle', ownerRole: 'reviewer', ownerId: ids.megan, dueOn: '2026-08-31', atEndOfCycle: true, stayInterview: false, status: 'open' }]);
    expect(await shape('una')).toEqual([
      { key: 'address-causes', ownerRole: 'reviewer', ownerId: ids.megan, dueOn: '2026-04-29', atEndOfCycle: false, stayInterview: false, status: 'open' },
      { key: 'alert-recruitment', ownerRole: 'recruitment', ownerId: undefined, dueOn: '2026-04-13', atEndOfCycle: false, stayInterview: false, status: 'open' },
      { key: 'stay-interview', ownerRole: 'reviewer', ownerId: ids.megan, dueOn: '2026-04-13', atEndOfCycle: false, stayInterview: true, status: 'open' },
    ]);
    expect(await runtime.db.collection('followUps').countDocuments({})).toBe(8);
    expect(await runtime.db.collection('auditLog').countDocuments({ action: 'careerConversation.recorded' })).toBe(4);
    expect(await runtime.db.collection('auditLog').findOne({ action: 'careerConversation.changed', 'subject.id': careerConversationId(CYCLE, ids.una) })).toMatchObject({ details: { before: { route: 'unsure' }, after: { route: 'unsure' } } });

    await drain();
    // Assigned cards: Megan one per reviewer task, Rick the two recruitment tasks; the reviewee is told, once.
    expect(cardsTo('megan').filter((t) => t.includes('A follow-up for you'))).toHaveLength(6);
    const toRick = cardsTo('rick').filter((t) => t.includes('A follow-up for you'));
    expect(toRick).toHaveLength(2);
    expect(toRick.join()).toContain('Alert the recruitment team: talent mapping and succession plan');
    const toAlex = cardsTo('alex');
    expect(toAlex).toHaveLength(1);
    expect(toAlex[0]).toContain('Your career conversation');
    expect(toAlex[0]).toContain('Direct to appropriate PD');
    expect(toAlex[0]).not.toContain('Alert the recruitment team'); // talent mapping is internal
    expect(toAlex[0]).toContain(TALENT_VERBS.commentCareer);
  });

  it('changing the route closes the old route’s open tasks by the system and sets the new ones going', async () => {
    await record('adele', 'working-towards-2-3-years');
    const changed = await record('adele', 'ready-within-12-months');
    expect(text(changed)).toContain('2 follow-ups of the earlier route closed.');
    const tasks = Object.fromEntries((await tasksOf('adele')).map((t) => [t.key, t]));
    expect(tasks['prioritise-pd']).toMatchObject({ status: 'closed', closedNote: 'Route changed to Ready for a promotional opportunity within 12 months' });
    expect(tasks['prioritise-pd']!.closedById).toBeUndefined();
    expect(tasks['review-at-end-of-cycle']).toMatchObject({ status: 'closed' });
    expect(tasks['direct-to-pd']).toMatchObject({ status: 'open' });
    expect(tasks['alert-recruitment']).toMatchObject({ status: 'open' });
    await record('adele', 'working-towards-2-3-years'); // and back: the system's closes reopen
    const back = Object.fromEntries((await tasksOf('adele')).map((t) => [t.key, t.status]));
    expect(back).toEqual({ 'prioritise-pd': 'open', 'review-at-end-of-cycle': 'open', 'direct-to-pd': 'closed', 'alert-recruitment': 'closed' });
    // The 1:1's date corrected: open tasks are due from the new date (end-of-cycle ones stay at the cycle's end).
    await record('adele', 'working-towards-2-3-years', { meetingOn: '2026-03-27' });
    const redated = Object.fromEntries((await tasksOf('adele')).map((t) => [t.key, t.dueOn]));
    expect(redated).toMatchObject({ 'prioritise-pd': '2026-04-26', 'review-at-end-of-cycle': '2026-08-31' });
  });

  it('the API: a bad route lists the choices; only the reviewer records; anyone outside gets 403/404', async () => {
    const path = apiPaths.personCareerConversation(ids.sam);
    const unknown = await api('megan', path, { method: 'PUT', body: { route: 'astronaut', meetingOn: MEETING } });
    expect(unknown.status).toBe(422);
    expect(text(unknown.body)).toContain('choose one of: Ready for a promotional opportunity within 12 months; Working towards a promotional opportunity within 2–3 years; Not looking for promotion; Unsure');
    expect((await api('megan', path, { method: 'PUT', body: { route: 'unsure' } })).status).toBe(422);
    expect((await api('sam', path, { method: 'PUT', body: { route: 'unsure', meetingOn: MEETING } })).status).toBe(403);
    expect((await api('ravi', path, { method: 'PUT', body: { route: 'unsure', meetingOn: MEETING } })).status).toBe(403);
    expect((await api('paula', path, { method: 'PUT', body: { route: 'unsure', meetingOn: MEETING } })).status).toBe(403);
    expect((await api('megan', apiPaths.personCareerConversation('no-such-person'), { method: 'PUT', body: { route: 'unsure', meetingOn: MEETING } })).status).toBe(404);

    const saved = await api('megan', path, { method: 'PUT', body: { route: 'not-looking', meetingOn: MEETING, notes: 'Happy in the classroom' } });
    expect(saved.status).toBe(200);
    expect(careerConversationResponseSchema.safeParse(saved.body).error).toBeUndefined();
    expect(saved.body).toMatchObject({ canRecord: true, conversation: { route: 'not-looking', routeLabel: 'Not looking for promotion', meetingOn: MEETING, notes: 'Happy in the classroom' } });
    expect((await api('ravi', path)).status).toBe(403);
    expect((await api('rosa', path)).status).toBe(403);
    expect((await api('megan', apiPaths.personCareerConversation('no-such-person'))).status).toBe(404);
    const asSam = await api('sam', path);
    expect(asSam.status).toBe(200);
    expect(asSam.body).toMatchObject({ canRecord: false, canComment: true, conversation: { notes: 'Happy in the classroom' } });
  });

  it('the owner closes with a note, once; a second close is a 409 naming who; non-owners get 403/404', async () => {
    await record('una', 'unsure');
    const stay = taskId('una', 'stay-interview');
    const close = (who: Who, note: string) => api(who, apiPaths.closeFollowUp(stay), { method: 'POST', body: { note } });
    expect((await close('megan', '')).status).toBe(422);
    expect((await close('una', 'I did it')).status).toBe(403); // about her, visible to her, not hers to close
    expect((await close('ravi', 'Not mine')).status).toBe(404);
    expect((await close('rick', 'Not mine')).status).toBe(404);
    expect((await api('megan', apiPaths.closeFollowUp('nope:nope:nope'), { method: 'POST', body: { note: 'x' } })).status).toBe(404);
    const closed = await close('megan', 'Stay interview held on 2 April; workload plan agreed');
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', closedNote: 'Stay interview held on 2 April; workload plan agreed', closedBy: { id: ids.megan }, stayInterview: true });
    const again = await close('megan', 'Again');
    expect(again.status).toBe(409);
    expect(text(again.body)).toContain('already closed by Megan Bowen on 2026-03-30');
    expect(await runtime.db.collection('auditLog').countDocuments({ action: 'followUp.closed' })).toBe(1);

    // From the card: the note is needed, and what was typed is kept.
    const causes = taskId('una', 'address-causes');
    const refused = await press('megan', TALENT_VERBS.closeFollowUp, { followUpId: causes, card: 'follow-up', note: '  ' });
    expect(text(refused)).toContain('Please check: Note');
    const done = await press('megan', TALENT_VERBS.closeFollowUp, { followUpId: causes, card: 'follow-up', note: 'Timetable changed' });
    expect(text(done)).toContain('Closed. Thank you.');
    expect(text(done)).toContain('Closed by Megan Bowen on 2026-03-30: Timetable changed');
  });

  it('the recruitment team gets its tasks, closes them, and the reviewee never sees them; reminders come before the due date, once', async () => {
    await record('alex', 'ready-within-12-months');
    await drain();
    const mine = await api('rick', apiPaths.followUps());
    expect(mine.status).toBe(200);
    expect(followUpListResponseSchema.safeParse(mine.body).error).toBeUndefined();
    expect(mine.body.followUps).toHaveLength(1);
    expect(mine.body.followUps[0]).toMatchObject({ key: 'alert-recruitment', ownerName: 'The recruitment team', person: { id: ids.alex }, canClose: true, overdue: false, dueOn: '2026-04-13' });
    const megans = await api('megan', apiPaths.followUps());
    expect(megans.body.followUps.map((f: { key: string; canClose: boolean }) => [f.key, f.canClose])).toEqual([
      ['alert-recruitment', false],
      ['direct-to-pd', true],
    ]);
    expect((await api('alex', apiPaths.personCareerConversation(ids.alex))).body.followUps.map((f: { key: string }) => f.key)).toEqual(['direct-to-pd']);
    expect((await api('ravi', apiPaths.followUps())).body.followUps).toEqual([]);

    // Reminders: policy.career.reminderDaysBefore (3) before each due date, to the owners, once.
    connector.reset();
    clock.now = new Date('2026-04-09T09:00:00Z');
    await queueDuePrompts(runtime.ctx);
    await drain();
    expect(cardsTo('rick').filter((t) => t.includes('A follow-up is due soon'))).toHaveLength(0);
    clock.now = new Date('2026-04-10T09:00:00Z');
    await queueDuePrompts(runtime.ctx);
    await queueDuePrompts(runtime.ctx);
    await drain();
    expect(cardsTo('rick').filter((t) => t.includes('A follow-up is due soon'))).toHaveLength(1);
    expect(cardsTo('megan').filter((t) => t.includes('A follow-up is due soon'))).toHaveLength(0); // hers is due 29 April

    const closed = await api('rick', apiPaths.closeFollowUp(taskId('alex', 'alert-recruitment')), { method: 'POST', body: { note: 'Added to the succession plan for KS3 lead' } });
    expect(closed.status).toBe(200);
    await drain();
    expect(cardsTo('megan').filter((t) => t.includes('A follow-up has been closed'))).toHaveLength(1);
    expect(cardsTo('alex').some((t) => t.includes('succession plan'))).toBe(false);

    // Overdue: flagged on the list, reminded no more.
    clock.now = new Date('2026-05-01T09:00:00Z');
    const later = await api('megan', apiPaths.followUps());
    expect(later.body.followUps.find((f: { key: string }) => f.key === 'direct-to-pd')).toMatchObject({ overdue: true, status: 'open' });
  });

  it('with nobody in the recruitment role, its tasks go to the PG administrators and the card says so', async () => {
    await runtime.db.collection('people').updateOne({ _id: ids.rick } as never, { $set: { roles: [] } });
    await record('una', 'unsure');
    await drain();
    const toPaula = cardsTo('paula').filter((t) => t.includes('A follow-up for you'));
    expect(toPaula).toHaveLength(1);
    expect(toPaula[0]).toContain('Nobody has the recruitment role yet, so this has come to the PG administrators');
    expect(cardsTo('rick')).toHaveLength(0);
    const closed = await api('paula', apiPaths.closeFollowUp(taskId('una', 'alert-recruitment')), { method: 'POST', body: { note: 'Noted for succession planning' } });
    expect(closed.status).toBe(200);
  });

  it('the reviewee comments on the record and the reviewer is told', async () => {
    expect(text(await press('alex', TALENT_VERBS.commentCareer, { personId: ids.alex, card: 'reviewee', text: 'Too early' }))).toContain('You can comment once your reviewer has recorded your career conversation');
    await record('alex', 'ready-within-12-months', { notes: 'Wants to lead KS3 English' });
    await drain();
    connector.reset();
    expect((await api('megan', apiPaths.careerComment(ids.alex), { method: 'PUT', body: { text: 'Not mine' } })).status).toBe(403);
    expect((await api('alex', apiPaths.careerComment(ids.alex), { method: 'PUT', body: { text: '' } })).status).toBe(422);
    const commented = await press('alex', TALENT_VERBS.commentCareer, { personId: ids.alex, card: 'reviewee', text: 'Thank you — I would love the leadership course.' });
    expect(text(commented)).toContain('Your comment has been sent.');
    await drain();
    const toMegan = cardsTo('megan').filter((t) => t.includes('I would love the leadership course'));
    expect(toMegan).toHaveLength(1);
    expect(toMegan[0]).toContain("Alex's comment");
    expect(await runtime.db.collection('auditLog').countDocuments({ action: 'careerComment.added' })).toBe(1);
  });

  it('"review at end of annual cycle" follow-ups appear on the end-of-year review', async () => {
    await record('adele', 'working-towards-2-3-years');
    await record('alex', 'ready-within-12-months');
    const open = async (who: Who) =>
      runtime.repos.yearReviews.open(ORG, {
        id: yearReviewId('end-of-year', CYCLE, ids[who]),
        organisationId: TEST_TENANT,
        cycleId: CYCLE,
        coversCycleId: CYCLE,
        personId: ids[who],
        stage: 'end-of-year',
        label: 'End-of-year review',
        eventId: eventIdFor(TEST_TENANT, '2025-26', 'end-of-year-reflection'),
        reviewerId: ids.megan,
        school: 'North School',
        roleCategory: 'teacher',
        opensAt: new Date('2026-06-05T07:00:00Z'),
        dueAt: new Date('2026-07-17T22:59:00Z'),
        reviewerDueAt: new Date('2026-07-17T22:59:00Z'),
        createdAt: new Date('2026-06-05T07:00:00Z'),
      });
    await open('adele');
    await open('alex');
    clock.now = new Date('2026-06-08T09:00:00Z');
    const view = await api('megan', apiPaths.yearReview(yearReviewId('end-of-year', CYCLE, ids.adele)));
    expect(view.status).toBe(200);
    expect(yearReviewDtoSchema.safeParse(view.body).error).toBeUndefined();
    expect(view.body.careerFollowUps).toEqual({
      routeLabel: 'Working towards a promotional opportunity within 2–3 years',
      followUps: [{ id: taskId('adele', 'review-at-end-of-cycle'), text: 'Review at the end of the annual cycle', dueOn: '2026-08-31', ownerRole: 'reviewer' }],
    });
    expect((await api('adele', apiPaths.yearReview(yearReviewId('end-of-year', CYCLE, ids.adele)))).body.careerFollowUps.followUps).toHaveLength(1);
    expect((await api('megan', apiPaths.yearReview(yearReviewId('end-of-year', CYCLE, ids.alex)))).body.careerFollowUps).toEqual({ routeLabel: 'Ready for a promotional opportunity within 12 months', followUps: [] });
  });
});
