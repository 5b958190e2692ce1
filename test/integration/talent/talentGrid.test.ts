// The talent pool and 9-box grid (seed 000 §11.4, Appendix 4) and the SMT's moderation of rocks
// (seed 000 §3, §6) through the real endpoints. Reviews and career conversations are seeded
// through the repositories (their own use cases are built elsewhere); the reads and the notes go
// through the tab's API, and the reviewer's card through the Bot Connector stand-in.
import { randomUUID } from 'node:crypto';
import { startBotConnectorStandIn, type BotConnectorStandIn } from '../../standins/botConnector';
import { personalWorld, startTestRuntime } from '../../support/runtime';
import { TEST_TENANT } from '../../support/activities';
import type { Runtime } from '../../../bot/runtime';
import { cycleIdFor, ensureOrganisation, eventIdFor } from '../../../bot/usecases/organisations';
import { importDirectory, parseDirectoryFile } from '../../../bot/usecases/directory';
import { apiPaths, meResponseSchema, moderationRocksResponseSchema, talentGridResponseSchema, talentPoolResponseSchema } from '../../../shared/api';
import { careerConversationId, yearReviewId, yearReviewRecordId, type ReviewStageKind, type Rock } from '../../../shared/domain';

const PACK = 'tsfe-2025-26';
const ORG = { organisationId: TEST_TENANT };
const OTHER_TENANT = '00000000-0000-0000-0000-0000000000002';
const CYCLE = cycleIdFor(TEST_TENANT, '2025-26');
/** Mon 13 Apr 2026: after the March impact review and career conversations. */
const NOW = new Date('2026-04-13T10:00:00Z');
// North: Megan reviews Alex, Adele and Sam; Sonia is North's SMT lead. South: Ravi reviews Tom;
// Steve is South's SMT lead. Paula is a PG admin, Rachel in recruitment (both central).
const DIRECTORY = `name,email,entraObjectId,school,role,reviewer,roles
Megan Bowen,meganb@example.com,oid-megan,North School,leader,,
Alex Wilber,alexw@example.com,oid-alex,North School,teacher,meganb@example.com,
Adele Vance,adelev@example.com,oid-adele,North School,support,meganb@example.com,
Sam Colleague,samc@example.com,oid-sam,North School,teacher,meganb@example.com,
Sonia Senior,sonias@example.com,oid-sonia,North School,leader,,smt
Ravi Reviewer,ravir@example.com,oid-ravi,South School,leader,,
Tom Teacher,tomt@example.com,oid-tom,South School,teacher,ravir@example.com,
Steve Senior,steves@example.com,oid-steve,South School,leader,,smt
Paula Admin,paulaa@example.com,oid-paula,Central,central,,pg-admin
Rachel Recruiter,rachelr@example.com,oid-rachel,Central,central,,recruitment
Rita Lead,rital@example.com,oid-rita,South School,leader,,smt;recruitment
`;
const OTHER_DIRECTORY = `name,email,entraObjectId,school,role,reviewer,roles
Olga Other,olgao@example.com,oid-olga,North School,central,,pg-admin
`;
type Who = 'megan' | 'alex' | 'adele' | 'sam' | 'sonia' | 'ravi' | 'tom' | 'steve' | 'paula' | 'rachel' | 'rita';
const WHO: Who[] = ['megan', 'alex', 'adele', 'sam', 'sonia', 'ravi', 'tom', 'steve', 'paula', 'rachel', 'rita'];
const text = (x: unknown) => JSON.stringify(x);

describe('the talent pool, the 9-box grid and moderation (TSFE)', () => {
  let connector: BotConnectorStandIn;
  let runtime: Runtime;
  let ids: Record<Who, string>;

  const { drain, api, install } = personalWorld<Who | 'olga'>({ runtime: () => runtime, connector: () => connector });
  const withSchool = (path: string, school?: string) => (school ? `${path}?school=${encodeURIComponent(school)}` : path);
  const cardsTo = (who: Who) => connector.sentTo(`a:29:${who}`).map((a) => text(a.activity));

  /** An opened review with the reviewer's outcome sent on (the impact / end-of-year helpers' part). */
  const recordOutcome = async (who: Who, reviewer: Who, stage: ReviewStageKind, outcome: string, kind: 'impact-outcome' | 'statement' | 'final-decision' = 'impact-outcome') => {
    const reviewId = yearReviewId(stage, CYCLE, ids[who]);
    const at = new Date('2026-03-30T10:00:00Z');
    await runtime.repos.yearReviews.open(ORG, {
      id: reviewId,
      organisationId: TEST_TENANT,
      cycleId: CYCLE,
      coversCycleId: CYCLE,
      personId: ids[who],
      stage,
      label: stage === 'impact' ? 'March impact review' : 'End-of-year review',
      eventId: eventIdFor(TEST_TENANT, '2025-26', stage === 'impact' ? 'career-conversation' : 'end-of-year-reflection'),
      reviewerId: ids[reviewer],
      school: '',
      roleCategory: 'teacher',
      opensAt: at,
      dueAt: at,
      reviewerDueAt: at,
      createdAt: at,
    });
    const common = { id: yearReviewRecordId(kind, reviewId), organisationId: TEST_TENANT, reviewId, cycleId: CYCLE, personId: ids[who], authorId: ids[reviewer], createdAt: at, updatedAt: at, submittedAt: at, outcome };
    if (kind === 'impact-outcome') await runtime.repos.yearReviews.putRecord(ORG, { ...common, kind, meetingOn: '2026-03-30', notes: '', stretch: '' });
    else if (kind === 'statement') await runtime.repos.yearReviews.putRecord(ORG, { ...common, kind, statement: 'A good year.', rolePerformance: '', developmentNeeds: '' });
    else await runtime.repos.yearReviews.putRecord(ORG, { ...common, kind, reason: '', confirmed: true });
  };
  const recordRoute = async (who: Who, reviewer: Who, route: string) => {
    const at = new Date('2026-03-30T11:00:00Z');
    await runtime.repos.talent.careerConversations.put(ORG, {
      id: careerConversationId(CYCLE, ids[who]),
      organisationId: TEST_TENANT,
      cycleId: CYCLE,
      personId: ids[who],
      reviewerId: ids[reviewer],
      route,
      meetingOn: '2026-03-30',
      notes: '',
      school: '',
      roleCategory: 'teacher',
      createdAt: at,
      updatedAt: at,
    });
  };
  const addRock = async (who: Who, title: string, status: Rock['status'] = 'agreed'): Promise<string> => {
    const id = randomUUID();
    await runtime.repos.rocks.create(ORG, {
      id,
      organisationId: TEST_TENANT,
      personId: ids[who],
      cycleId: CYCLE,
      slotId: 'rock-1',
      rockWindowId: 'jan-mar',
      title,
      description: '',
      alignment: ['strategic-plan'],
      successCriteria: [{ id: randomUUID(), text: 'Attendance up to 96%', done: false }],
      status,
      history: [],
      version: 0,
      createdAt: NOW,
      updatedAt: NOW,
    });
    return id;
  };

  beforeAll(async () => {
    connector = await startBotConnectorStandIn();
  });
  afterAll(async () => {
    await connector.close();
  });
  beforeEach(async () => {
    runtime = await startTestRuntime({}, { clock: () => NOW });
    await ensureOrganisation(runtime.ctx, { organisationId: TEST_TENANT, policyId: PACK });
    await importDirectory(runtime.ctx, TEST_TENANT, parseDirectoryFile(DIRECTORY, 'csv'));
    await ensureOrganisation(runtime.ctx, { organisationId: OTHER_TENANT, policyId: PACK });
    await importDirectory(runtime.ctx, OTHER_TENANT, parseDirectoryFile(OTHER_DIRECTORY, 'csv'));
    ids = await install(WHO);

    await recordOutcome('alex', 'megan', 'impact', 'exceeding');
    await recordRoute('alex', 'megan', 'ready-within-12-months');
    await recordOutcome('adele', 'megan', 'impact', 'support-recommended');
    await recordRoute('adele', 'megan', 'not-looking');
    // Sam: expected, unsure of a route; the aspiration survey says promotion within 12 months.
    await recordOutcome('sam', 'megan', 'impact', 'expected');
    await recordRoute('sam', 'megan', 'unsure');
    const surveyEvent = eventIdFor(TEST_TENANT, '2025-26', 'aspiration-survey');
    await runtime.repos.talent.surveyResponses.put(ORG, {
      id: `${surveyEvent}:${ids.sam}`,
      organisationId: TEST_TENANT,
      cycleId: CYCLE,
      eventId: surveyEvent,
      personId: ids.sam,
      answers: { promotion: 'within-12-months' },
      school: 'North School',
      roleCategory: 'teacher',
      createdAt: NOW,
      updatedAt: NOW,
    });
    // Tom (South): exceeding, working towards a promotion in 2–3 years.
    await recordOutcome('tom', 'ravi', 'impact', 'exceeding');
    await recordRoute('tom', 'ravi', 'working-towards-2-3-years');
    await drain();
    connector.reset();
  });
  afterEach(async () => {
    await runtime.stop();
  });

  it('places people on the grid from their outcomes and routes, signposts the programmes and lists the flagged in the pool', async () => {
    const grid = await api('paula', apiPaths.talentGrid());
    expect(grid.status).toBe(200);
    expect(talentGridResponseSchema.safeParse(grid.body).error).toBeUndefined();
    const boxes = grid.body.boxes as Array<{ key: string; count: number; label: string; people: Array<{ name: string; reasons: string[]; programmes: Array<{ name: string }> }> }>;
    // Rows performance high → low; within a row potential low → high.
    expect(boxes.map((b) => b.key)).toEqual(['high-low', 'high-medium', 'high-high', 'medium-low', 'medium-medium', 'medium-high', 'low-low', 'low-medium', 'low-high']);
    const box = (key: string) => boxes.find((b) => b.key === key)!;
    expect(box('high-high').people.map((p) => p.name)).toEqual(['Alex Wilber']);
    expect(box('high-high').label).toBe('High performance, high potential');
    const alex = box('high-high').people[0]!;
    expect(alex.reasons).toEqual(['Exceeding at the March impact review', 'Ready for a promotional opportunity within 12 months']);
    expect(alex.programmes.map((p) => p.name)).toEqual(['Aspiring leaders programme']);
    // Support recommended → low performance.
    expect(box('low-low').people.map((p) => p.name)).toEqual(['Adele Vance']);
    expect(box('low-low').people[0]!.reasons).toContain('Support recommended at the March impact review');
    // "Unsure" falls back on the survey's promotion answer.
    expect(box('medium-high').people.map((p) => p.name)).toEqual(['Sam Colleague']);
    expect(box('medium-high').people[0]!.reasons).toContain('Aspiration survey, interest in promotion: Yes, within 12 months');
    expect(box('high-medium').people.map((p) => p.name)).toEqual(['Tom Teacher']);
    expect(box('high-medium').people[0]!.programmes.map((p) => p.name)).toEqual(['Specialist pathway']);

    const pool = await api('rachel', apiPaths.talentPool());
    expect(pool.status).toBe(200);
    expect(talentPoolResponseSchema.safeParse(pool.body).error).toBeUndefined();
    // The flagged: exceeding or a high/medium route. Adele (support, not looking) and Sam (expected, unsure) are not.
    expect(pool.body.people.map((p: { name: string }) => p.name)).toEqual(['Alex Wilber', 'Tom Teacher']);
    expect(pool.body.schools).toEqual(['Central', 'North School', 'South School']);

    // The end-of-year outcome, once decided, replaces the impact review's performance.
    await recordOutcome('adele', 'megan', 'end-of-year', 'met', 'statement');
    await recordOutcome('tom', 'ravi', 'end-of-year', 'not-met-commence-support', 'statement');
    await recordOutcome('tom', 'ravi', 'end-of-year', 'above', 'final-decision');
    const later = await api('paula', apiPaths.talentGrid());
    expect(later.body.boxes.find((b: { key: string }) => b.key === 'medium-low').people.map((p: { name: string }) => p.name)).toEqual(['Adele Vance']);
    expect(later.body.boxes.find((b: { key: string }) => b.key === 'high-medium').people[0].reasons).toContain('Above expectation at the End-of-year review');

    // Every read is audited.
    expect(await runtime.db.collection('auditLog').countDocuments({ organisationId: TEST_TENANT, action: 'talent.grid.read' })).toBe(2);
    expect(await runtime.db.collection('auditLog').countDocuments({ organisationId: TEST_TENANT, action: 'talent.pool.read' })).toBe(1);
  });

  it('filters by school; an SMT lead sees their own school only; staff, reviewers and other organisations see nothing', async () => {
    const south = await api('paula', withSchool(apiPaths.talentGrid(), 'South School'));
    expect(south.status).toBe(200);
    expect(south.body.school).toBe('South School');
    expect(south.body.boxes.flatMap((b: { people: Array<{ name: string }> }) => b.people.map((p) => p.name))).toEqual(['Tom Teacher']);

    const sonia = await api('sonia', apiPaths.talentGrid());
    expect(sonia.status).toBe(200);
    expect(sonia.body.school).toBe('North School');
    expect(sonia.body.schools).toEqual(['North School']);
    expect(text(sonia.body)).not.toContain('Tom Teacher');
    const soniaPool = await api('sonia', apiPaths.talentPool());
    expect(soniaPool.body.people.map((p: { name: string }) => p.name)).toEqual(['Alex Wilber']);
    const across = await api('sonia', withSchool(apiPaths.talentPool(), 'South School'));
    expect(across.status).toBe(403);
    expect(across.body.detail).toContain('your own school only (North School)');
    // A senior leader who is also in recruitment sees the trust, as recruitment does.
    const rita = await api('rita', withSchool(apiPaths.talentPool(), 'North School'));
    expect(rita.status).toBe(200);
    expect(rita.body.people.map((p: { name: string }) => p.name)).toEqual(['Alex Wilber']);

    // Staff, even on the grid, and reviewers who are not talent viewers: 403, nothing of it in the answer.
    for (const who of ['alex', 'tom', 'megan'] as const) {
      for (const path of [apiPaths.talentGrid(), apiPaths.talentPool()]) {
        const refused = await api(who, path);
        expect(refused.status).toBe(403);
        expect(text(refused.body)).not.toContain('Alex Wilber');
      }
    }
    const me = await api('alex', apiPaths.me());
    expect(meResponseSchema.parse(me.body)).toMatchObject({ talent: false, moderation: false });
    expect(meResponseSchema.parse((await api('rachel', apiPaths.me())).body)).toMatchObject({ talent: true, moderation: false });
    expect(meResponseSchema.parse((await api('sonia', apiPaths.me())).body)).toMatchObject({ talent: true, moderation: true });
    // Own placement is not shown under TSFE's policy.
    expect((await api('alex', '/api/v1/talent/me')).status).toBe(404);

    // Another organisation's PG admin: an empty grid of their own, and our cycle is not found.
    const other = await api('olga', apiPaths.talentGrid(), { tenant: OTHER_TENANT });
    expect(other.status).toBe(200);
    expect(other.body.boxes.every((b: { count: number }) => b.count === 0)).toBe(true);
    expect((await api('olga', `${apiPaths.talentPool()}?cycleId=${encodeURIComponent(CYCLE)}`, { tenant: OTHER_TENANT })).status).toBe(404);
  });

  it('moderation: the SMT lead sees every rock of their school and notes one; the reviewer is told and reads it; no one else', async () => {
    const rock = await addRock('alex', 'Improve Year 9 attendance');
    await addRock('adele', 'Streamline reprographics', 'proposed');
    await addRock('sam', 'Not yet proposed', 'draft');
    const tomRock = await addRock('tom', 'Reading for pleasure');

    const listed = await api('sonia', apiPaths.moderationRocks());
    expect(listed.status).toBe(200);
    expect(moderationRocksResponseSchema.safeParse(listed.body).error).toBeUndefined();
    expect(listed.body.rocks.map((r: { title: string }) => r.title)).toEqual(['Streamline reprographics', 'Improve Year 9 attendance']);
    expect(listed.body.rocks[1]).toMatchObject({
      status: 'agreed',
      owner: { displayName: 'Alex Wilber', school: 'North School' },
      reviewer: { displayName: 'Megan Bowen' },
      successCriteria: [{ text: 'Attendance up to 96%', done: false }],
      alignment: [{ code: 'strategic-plan', label: 'TSfE Strategic Plan' }],
      notes: [],
    });
    expect(listed.body.canAddNotes).toBe(true);
    expect((await api('sonia', withSchool(apiPaths.moderationRocks(), 'South School'))).status).toBe(403);
    expect((await api('megan', apiPaths.moderationRocks())).status).toBe(403);
    expect((await api('paula', withSchool(apiPaths.moderationRocks(), 'South School'))).body.rocks.map((r: { title: string }) => r.title)).toEqual(['Reading for pleasure']);

    const empty = await api('sonia', apiPaths.moderationNotes(rock), { method: 'POST', body: { text: '   ' } });
    expect(empty.status).toBe(422);
    expect(text(empty.body)).toContain('write the note');
    const noteId = randomUUID();
    const added = await api('sonia', apiPaths.moderationNotes(rock), { method: 'POST', body: { text: 'Could the criteria say by when?', id: noteId } });
    expect(added.status).toBe(201);
    // The tab retried: the same note, not a second one.
    const retried = await api('sonia', apiPaths.moderationNotes(rock), { method: 'POST', body: { text: 'Could the criteria say by when?', id: noteId } });
    expect(retried.status).toBe(200);
    // The client's id is only the retry's key: the note's id is the server's (issue 16).
    expect(retried.body.id).toBe(added.body.id);
    expect(added.body.id).not.toBe(noteId);
    expect(added.body).toMatchObject({ rockId: rock, author: { displayName: 'Sonia Senior' }, text: 'Could the criteria say by when?' });
    // South's SMT lead cannot moderate North's rocks, nor North's South's; a PG admin reads but does not write.
    expect((await api('steve', apiPaths.moderationNotes(rock), { method: 'POST', body: { text: 'x' } })).status).toBe(404);
    expect((await api('sonia', apiPaths.moderationNotes(tomRock), { method: 'POST', body: { text: 'x' } })).status).toBe(404);
    expect((await api('paula', apiPaths.moderationNotes(rock), { method: 'POST', body: { text: 'x' } })).status).toBe(404);
    expect((await api('olga', apiPaths.moderationNotes(rock), { method: 'POST', body: { text: 'x' }, tenant: OTHER_TENANT })).status).toBe(404);
    expect(await runtime.db.collection('moderationNotes').countDocuments({})).toBe(1);
    expect(await runtime.db.collection('auditLog').countDocuments({ action: 'moderation.note.added' })).toBe(1);

    await drain();
    const toMegan = cardsTo('megan');
    expect(toMegan).toHaveLength(1);
    expect(toMegan[0]).toContain("Sonia Senior left a moderation note on Alex's rock Improve Year 9 attendance: Could the criteria say by when?");
    expect(toMegan[0]).toContain(encodeURIComponent(`rock:${rock}`));
    expect(cardsTo('alex')).toHaveLength(0);

    const read = await api('megan', apiPaths.moderationNotes(rock));
    expect(read.status).toBe(200);
    expect(read.body.notes.map((n: { text: string }) => n.text)).toEqual(['Could the criteria say by when?']);
    expect((await api('paula', apiPaths.moderationNotes(rock))).status).toBe(200);
    for (const who of ['alex', 'steve', 'ravi'] as const) expect((await api(who, apiPaths.moderationNotes(rock))).status).toBe(404);
    expect((await api('olga', apiPaths.moderationNotes(rock), { tenant: OTHER_TENANT })).status).toBe(404);
    const forTeam = await api('megan', '/api/v1/moderation/notes');
    expect(forTeam.body.items).toMatchObject([{ rockTitle: 'Improve Year 9 attendance', owner: { displayName: 'Alex Wilber' }, text: 'Could the criteria say by when?' }]);
    expect((await api('ravi', '/api/v1/moderation/notes')).body.items).toEqual([]);
    // The SMT lead's list shows the note on the rock.
    const again = await api('sonia', apiPaths.moderationRocks());
    expect(again.body.rocks[1].notes.map((n: { text: string }) => n.text)).toEqual(['Could the criteria say by when?']);
  });
});
