// One of the year's reviews as each part sees it (issue 12), through GET /api/v1/reviews/:id: the
// reviewee's reflection pre-filled from the year (praise, check-in answers, rock progress and how
// much of each rock is done); the reviewer reading the reflection only once it is sent, beside the
// year's check-ins with their own responses; nobody else finding it at all; the support plan only
// for those the policy lets see it; and the written summary's new-year rocks and limits.
import { randomUUID } from 'node:crypto';
import { startApiHarness, NOW, type ApiHarness } from '../api/apiWorld';
import { buildCheckIn, buildCycle, buildPerson, buildRock, buildScheduleEvent } from '../../support/builders';
import { createLogger } from '../../../bot/logger';
import type { UseCaseContext } from '../../../bot/usecases/context';
import { buildWrittenSummary, prefillReflection } from '../../../bot/usecases/yearReviewView';
import { yearReviewDtoSchema } from '../../../shared/api';
import { POLICY_PACKS } from '../../../shared/policy';
import {
  reflectionContentSchema,
  yearReviewId,
  yearReviewRecordId,
  type Organisation,
  type Rock,
  type YearReview,
  type YearReviewRecord,
  type YearReviewRecordKind,
} from '../../../shared/domain';

const REVIEWS = POLICY_PACKS['tsfe-2025-26']!.policy.reviews!;

describe('GET /api/v1/reviews/:id: one review as each part sees it', () => {
  let api: ApiHarness;
  let ctx: UseCaseContext;
  let org: Organisation;
  let review: YearReview;
  let rockA: Rock;
  let rockB: Rock;
  const scope = () => ({ organisationId: org.id });

  const as = async (who: 'alice' | 'rita' | 'colin' | 'paula' | 'sam' | 'oscar', id = review.id) =>
    api.call(`/api/v1/reviews/${encodeURIComponent(id)}`, { token: await api.tokenFor(api.world[who]) });

  /** A record as its author saves it; `sent` sets submittedAt (sent on), otherwise it is a draft. */
  const put = async (kind: YearReviewRecordKind, authorId: string, content: Record<string, unknown>, sent: boolean) =>
    api.repos.yearReviews.putRecord(scope(), {
      id: yearReviewRecordId(kind, review.id),
      organisationId: org.id,
      reviewId: review.id,
      cycleId: review.cycleId,
      personId: review.personId,
      authorId,
      kind,
      createdAt: NOW,
      updatedAt: NOW,
      ...(sent ? { submittedAt: NOW } : {}),
      ...content,
    } as YearReviewRecord);
  const setPolicy = async (change: (o: Organisation) => Organisation) => {
    org = change(org);
    await api.repos.organisations.upsert(org);
  };

  beforeAll(async () => {
    api = await startApiHarness();
    ctx = { repos: api.repos, now: () => NOW, logger: createLogger('silent') };
    const { world } = api;
    org = { ...world.org, policy: { ...world.org.policy, reviews: REVIEWS } };
    await api.repos.organisations.upsert(org);
    const a = scope();
    // The year so far: Check in 7 (early, with a first word on rock A), the world's Check in 1, Check in 2
    // (open, already answered, with the latest word on rock A), and a closed one Alice missed.
    rockA = buildRock({ organisationId: org.id, personId: world.alice.id, cycleId: world.cycleId, rockWindowId: 'spring', status: 'agreed', title: 'Cold-calling in KS3', createdAt: new Date('2026-01-05T09:00:00Z'),
      successCriteria: [{ id: 'a1', text: 'Observed in two lessons', done: true }, { id: 'a2', text: 'Shared at a department meeting', done: false }] });
    rockB = buildRock({ organisationId: org.id, personId: world.alice.id, cycleId: world.cycleId, rockWindowId: 'spring', slotId: 'others', status: 'completed', title: 'Mentor an ECT', createdAt: new Date('2026-01-06T09:00:00Z'),
      successCriteria: [{ id: 'b1', text: 'Six mentor meetings', done: true }] });
    const draft = buildRock({ organisationId: org.id, personId: world.alice.id, cycleId: world.cycleId, rockWindowId: 'spring', slotId: 'self', status: 'draft', title: 'Lead a CPD session next year' });
    for (const rock of [rockA, rockB, draft]) await api.repos.rocks.create(a, rock);
    const event = (key: string, n: number, date: string, opens: string, closes: string) =>
      buildScheduleEvent({ organisationId: org.id, cycleId: world.cycleId, key, number: n, title: `Check in ${n}`, date, window: { opens, closes } });
    const early = event('check-in-7', 7, '2026-01-30', '2026-01-30T08:00', '2026-02-05T23:59');
    const missed = event('check-in-x', 9, '2026-01-16', '2026-01-16T08:00', '2026-01-22T23:59');
    await api.repos.scheduleEvents.insertMany(a, [early, missed]);
    const progress = (text: string) => [{ rockId: rockA.id, rockTitle: rockA.title, progress: text }];
    await api.repos.checkIns.submit(a, buildCheckIn({ organisationId: org.id, personId: world.alice.id, cycleId: world.cycleId, eventId: early.id, reviewerId: world.rita.id, submittedAt: new Date('2026-01-31T10:00:00Z'),
      answers: { www: 'Planned the unit', ebi: '', whatsNext: 'Start cold-calling', rockProgress: progress('Started planning'), score: 5 } }));
    await api.repos.checkIns.submit(a, buildCheckIn({ organisationId: org.id, personId: world.alice.id, cycleId: world.cycleId, eventId: world.events.open.id, reviewerId: world.rita.id, submittedAt: new Date('2026-02-27T10:00:00Z'),
      answers: { www: 'Cold-calling is\nbedding in', ebi: 'Quiet students still hide', whatsNext: 'Try mini whiteboards', rockProgress: progress('Cold-calling in 3 of 5 lessons'), score: 8 } }));
    // Rita's response on Check in 1, her reply in its thread, and Alice's own reply (not Rita's).
    await api.repos.checkIns.setReviewerResponse(a, world.aliceCheckIn.id, { byPersonId: world.rita.id, at: NOW, text: 'Great practical: share it with the department', anchor: 'www' });
    for (const [author, text] of [[world.rita.id, 'Can I come and watch?'], [world.alice.id, 'Yes please, Tuesday P3']] as const) {
      await api.repos.comments.add(a, { id: randomUUID(), organisationId: org.id, subject: { kind: 'check-in', id: world.aliceCheckIn.id }, ownerPersonId: world.alice.id, authorPersonId: author, text, createdAt: NOW });
    }
    review = {
      id: yearReviewId('end-of-year', world.cycleId, world.alice.id),
      organisationId: org.id,
      cycleId: world.cycleId,
      coversCycleId: world.cycleId,
      personId: world.alice.id,
      stage: 'end-of-year',
      label: 'End-of-year review',
      eventId: 'end-of-year-reflection',
      reviewerId: world.rita.id,
      deciderId: world.colin.id,
      school: '',
      roleCategory: 'Teacher',
      opensAt: new Date('2026-02-20T08:00:00Z'),
      dueAt: new Date('2026-07-17T23:59:00Z'),
      reviewerDueAt: new Date('2026-07-17T23:59:00Z'),
      createdAt: new Date('2026-02-20T08:00:00Z'),
    };
    expect(await api.repos.yearReviews.open(a, review)).toBe(true);
  });
  afterAll(async () => api.stop());

  it("pre-fills the reviewee's reflection from the year: praise received, check-in answers, each rock's latest progress and how much is done", async () => {
    const res = await as('alice');
    expect(res.status).toBe(200);
    expect(() => yearReviewDtoSchema.parse(res.body)).not.toThrow();
    const { reflection } = res.body;
    expect(reflection).toMatchObject({ prefilled: true, recognition: 'From Sam Colleague: Brilliant assembly, Alice', score: 8 });
    expect(reflection.www.split('\n')).toEqual(['• Check in 2: Cold-calling is bedding in', '• Check in 1: Year 9 loved the practical', '• Check in 7: Planned the unit']);
    expect(reflection.ebi).toBe('• Check in 2: Quiet students still hide\n• Check in 1: More time for plenaries');
    expect(reflection.whatNext).toContain('• Check in 7: Start cold-calling');
    expect(reflection.rocks).toEqual([
      expect.objectContaining({ rockId: rockA.id, progress: 'Cold-calling in 3 of 5 lessons', percentComplete: 50, completed: 'no' }),
      expect.objectContaining({ rockId: rockB.id, progress: '', percentComplete: 100, completed: 'yes' }),
    ]);
    // Measured: Check ins 7, 1 and 2 on time, the one in January missed; the upcoming one not yet due.
    expect(res.body.measured).toEqual({ onTimeRate: 0.75, checkInsSubmitted: 3, checkInsDue: 4, praiseReceived: 1 });
    expect(res.body.as).toEqual({ reviewee: true, reviewer: false, decider: false, pgAdmin: false });
    expect(res.body.canEdit).toMatchObject({ reflection: true, statement: false, finalDecision: false, comment: false });
    expect(res.body.myNextStep).toBe('Write your reflection');
    expect(res.body.rocks.map((r: { title: string }) => r.title)).toEqual(['Cold-calling in KS3', 'Mentor an ECT']);
    expect(res.body.supportingInformation).toEqual([{ kind: 'praise', from: 'Sam Colleague', text: 'Brilliant assembly, Alice', at: '2026-02-14T10:00:00.000Z' }]);
    expect(res.body.outcomes.map((o: { label: string }) => o.label)).toContain('Met expectations');
  });

  it('keeps a draft reflection private to the reviewee; once sent, the reviewer reads it beside the check-ins with their own responses', async () => {
    await put('reflection', api.world.alice.id, { recognition: 'My draft', www: 'Draft www', ebi: '', whatNext: '', rocks: [], anythingElse: '', supportReceived: '' }, false);
    const before = await as('rita');
    expect(before.status).toBe(200);
    expect(before.body.reflection).toBeNull();
    expect(JSON.stringify(before.body)).not.toContain('My draft');
    expect(before.body.canEdit.statement).toBe(false);
    const mine = await as('alice');
    expect(mine.body.reflection).toMatchObject({ recognition: 'My draft', prefilled: false });
    expect(mine.body.myNextStep).toBe('Finish and send your reflection');

    await put('reflection', api.world.alice.id, { recognition: 'My reflection', www: 'It went well', ebi: '', whatNext: 'More of it', rocks: [], anythingElse: '', supportReceived: '' }, true);
    const after = await as('rita');
    expect(after.body.reflection).toMatchObject({ recognition: 'My reflection', www: 'It went well', prefilled: false, authorId: api.world.alice.id, submittedAt: NOW.toISOString() });
    expect(after.body.as).toMatchObject({ reviewer: true, reviewee: false });
    expect(after.body.canEdit).toMatchObject({ statement: true, reflection: false });
    expect(after.body.myNextStep).toBe('Write the review statement');
    expect(after.body.status).toBe('waiting-for-reviewer');
    expect(after.body.checkIns.map((c: { eventTitle: string }) => c.eventTitle)).toEqual(['Check in 7', 'Check in 1', 'Check in 2']);
    const checkIn1 = after.body.checkIns.find((c: { id: string }) => c.id === api.world.aliceCheckIn.id);
    expect(checkIn1).toMatchObject({ onTime: true, score: 7, www: 'Year 9 loved the practical', responses: ['Great practical: share it with the department', 'Can I come and watch?'] });
    // The decider reads the sent reflection and the check-ins too, but it is not their turn yet.
    const decider = await as('colin');
    expect(decider.body.as.decider).toBe(true);
    expect(decider.body.reflection.recognition).toBe('My reflection');
    expect(decider.body.canEdit.finalDecision).toBe(false);
    expect(decider.body.checkIns).toHaveLength(3);
  });

  it('is not found for a colleague with no part in it, for someone in another organisation, and for an id that does not exist', async () => {
    for (const who of ['sam', 'oscar'] as const) {
      const res = await as(who);
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('Alice');
    }
    expect((await as('alice', 'end-of-year:nope:nope')).status).toBe(404);
  });

  it("leaves the support plan's keys out for a PG admin when the policy does not let PG admins see support plans", async () => {
    await put('statement', api.world.rita.id, { statement: 'Alice needs support with behaviour', rolePerformance: '', developmentNeeds: '', outcome: 'not-met-commence-support' }, true);
    await put('support-plan', api.world.rita.id, { route: 'informal', whatWillHelp: 'Weekly coaching', reviewOn: '2026-09-30', notes: '' }, true);
    await setPolicy((o) => ({ ...o, policy: { ...o.policy, reviews: { ...REVIEWS, support: { ...REVIEWS.support!, seenBy: { pgAdmins: false, smt: false } } } } }));
    const hidden = await as('paula');
    expect(hidden.status).toBe(200);
    expect(hidden.body.as.pgAdmin).toBe(true);
    expect(hidden.body).not.toHaveProperty('supportPlan');
    expect(hidden.body).not.toHaveProperty('supportOutcome');
    expect(JSON.stringify(hidden.body)).not.toContain('Weekly coaching');
    const reviewer = await as('rita');
    expect(reviewer.body.supportPlan).toMatchObject({ route: 'informal', whatWillHelp: 'Weekly coaching' });
    expect(reviewer.body.supportOutcome).toBeNull();
    expect(reviewer.body.canEdit).toMatchObject({ supportPlan: true, supportOutcome: true });
    await setPolicy((o) => ({ ...o, policy: { ...o.policy, reviews: REVIEWS } }));
    expect((await as('paula')).body.supportPlan).toMatchObject({ whatWillHelp: 'Weekly coaching' });
    // The reviewee is not shown the statement before the decider has had their say.
    expect((await as('alice')).body.statement).toBeNull();
  });

  it("shows a PG admin the year's check-ins only where the policy lets PG admins read check-ins", async () => {
    expect((await as('paula')).body.checkIns).toHaveLength(3);
    await setPolicy((o) => ({ ...o, policy: { ...o.policy, access: { ...o.policy.access, pgAdminsSeeCheckIns: false } } }));
    const res = await as('paula');
    expect(res.status).toBe(200);
    expect(res.body.checkIns).toEqual([]);
    expect(JSON.stringify(res.body)).not.toContain('Can I come and watch?');
    expect((await as('rita')).body.checkIns).toHaveLength(3);
    await setPolicy((o) => ({ ...o, policy: { ...o.policy, access: { ...o.policy.access, pgAdminsSeeCheckIns: true } } }));
  });

  it("builds the written summary: each rock's progress from the reflection, the outcome, the standards for the role, and next year's rocks from the next cycle once it exists", async () => {
    const records: YearReviewRecord[] = [
      { id: 'r', organisationId: org.id, reviewId: review.id, cycleId: review.cycleId, personId: review.personId, authorId: api.world.alice.id, kind: 'reflection', createdAt: NOW, updatedAt: NOW, submittedAt: NOW,
        recognition: '', www: '', ebi: '', whatNext: 'Coach others in cold-calling', anythingElse: '', supportReceived: '',
        rocks: [{ rockId: rockA.id, progress: 'Embedded in Year 9', challenges: '', takeForward: '', completed: 'no', percentComplete: 60, comments: '', supportReceived: '' }] },
      { id: 's', organisationId: org.id, reviewId: review.id, cycleId: review.cycleId, personId: review.personId, authorId: api.world.rita.id, kind: 'statement', createdAt: NOW, updatedAt: NOW, submittedAt: NOW,
        statement: 'A strong year.', rolePerformance: 'Meets the standards', developmentNeeds: 'Leadership course', outcome: 'met' },
      { id: 'f', organisationId: org.id, reviewId: review.id, cycleId: review.cycleId, personId: review.personId, authorId: api.world.colin.id, kind: 'final-decision', createdAt: NOW, updatedAt: NOW, submittedAt: NOW,
        outcome: 'above', reason: 'Exceptional mentoring', confirmed: false },
    ];
    const alice = api.world.alice;
    const before = await buildWrittenSummary(ctx, org, review, alice, records);
    expect(before.rocks).toEqual([
      { rockId: rockA.id, title: 'Cold-calling in KS3', progress: '60% complete — Embedded in Year 9', completed: 'Not completed' },
      { rockId: rockB.id, title: 'Mentor an ECT', progress: '', completed: 'Completed' },
    ]);
    expect(before).toMatchObject({ rolePerformance: 'Meets the standards', statement: 'A strong year.', outcomeLabel: 'Above expectation' });
    expect(before.supportingInformation).toEqual(['Praise received from colleagues: 1 message']);
    expect(before.nextYear).toEqual({
      rocks: [{ title: 'Lead a CPD session next year', successCriteria: ['Observed cold-calling in two lessons'] }],
      standards: "the Teachers' Standards",
      growthPlan: 'Leadership course\n\nCoach others in cold-calling',
    });

    const next = buildCycle({ organisationId: org.id, key: '2026-27', label: '2026-27', startsOn: '2026-09-01', endsOn: '2027-07-21' });
    await api.repos.cycles.upsert(scope(), next);
    await api.repos.rocks.create(scope(), buildRock({ organisationId: org.id, personId: alice.id, cycleId: next.id, rockWindowId: 'autumn', title: 'Raise Year 10 attainment', status: 'agreed',
      successCriteria: [{ id: 'n1', text: 'Mock grades up by half a grade', done: false }] }));
    const after = await buildWrittenSummary(ctx, org, { ...review, roleCategory: 'support' }, alice, records);
    expect(after.nextYear.rocks).toEqual([{ title: 'Raise Year 10 attainment', successCriteria: ['Mock grades up by half a grade'] }]);
    expect(after.nextYear.standards).toBe('the standards and accountabilities in your job description');
  });

  it('keeps the pre-fill within every limit for a person with 200 long check-ins, 200 long praise and more rocks than a reflection holds', async () => {
    const lara = buildPerson({ organisationId: org.id, displayName: 'Lara Long', reviewerId: api.world.rita.id });
    await api.repos.people.upsertMany(scope(), [lara]);
    const long = (word: string, n: number) => `${word} `.repeat(n).trim();
    const events = Array.from({ length: 200 }, (_, i) =>
      buildScheduleEvent({ organisationId: org.id, cycleId: api.world.cycleId, key: `long-${i}`, number: 100 + i, title: `Check in ${100 + i}`, date: '2026-01-09', window: { opens: '2026-01-09T08:00', closes: '2026-01-15T23:59' } }));
    await api.repos.scheduleEvents.insertMany(scope(), events);
    const rocks = Array.from({ length: 14 }, (_, i) => buildRock({ organisationId: org.id, personId: lara.id, cycleId: api.world.cycleId, rockWindowId: 'spring', status: 'agreed', title: `Rock ${i}` }));
    for (const rock of rocks) await api.repos.rocks.create(scope(), rock);
    for (const [i, e] of events.entries()) {
      await api.repos.checkIns.submit(scope(), buildCheckIn({ organisationId: org.id, personId: lara.id, cycleId: api.world.cycleId, eventId: e.id, submittedAt: new Date(Date.UTC(2026, 0, 10, 0, i)),
        answers: { www: long('won', 250).slice(0, 1000), ebi: long('ebi', 250).slice(0, 1000), whatsNext: long('next', 200).slice(0, 1000), rockProgress: rocks.map((r) => ({ rockId: r.id, rockTitle: r.title, progress: long('progress', 120).slice(0, 1000) })), score: 6 } }));
    }
    await api.repos.praise.insert(scope(), Array.from({ length: 200 }, (_, i) => ({ id: randomUUID(), organisationId: org.id, fromPersonId: api.world.sam.id, toPersonId: lara.id, message: long('thanks', 80).slice(0, 500), createdAt: new Date(Date.UTC(2026, 1, 1, 0, i)) })));
    const prefill = await prefillReflection(ctx, org, { ...review, id: yearReviewId('end-of-year', api.world.cycleId, lara.id), personId: lara.id }, lara);
    expect(reflectionContentSchema.safeParse(prefill).success).toBe(true);
    for (const field of ['recognition', 'www', 'ebi', 'whatNext'] as const) {
      expect(prefill[field].length).toBeLessThanOrEqual(4000);
      expect(prefill[field].length).toBeGreaterThan(3000);
      expect(prefill[field].endsWith('…')).toBe(true);
    }
    expect(prefill.recognition.split('\n')[0]).toMatch(/^From Sam Colleague: thanks thanks/);
    expect(prefill.rocks).toHaveLength(12);
    for (const rock of prefill.rocks) expect(rock.progress.length).toBeLessThanOrEqual(3000);
    expect(prefill.score).toBe(6);
  });
});
