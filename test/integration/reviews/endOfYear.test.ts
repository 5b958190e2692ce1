// The end-of-year review (seed 001 "Thinking Back"; seed 000 §10, TSFE's pack) through the real
// endpoints, /api/messages and /api/v1: the reviewee's drafts (one record however often saved,
// private to them), the reviewer who cannot act before the reflection is sent, the send refused
// without a score with everything typed kept, the statement refused without the meeting date,
// the final decision that changes the outcome only with a reason and is taken once, the written
// summary released to the reviewee; and nobody outside the review can touch any part of it.
import { startBotConnectorStandIn, type BotConnectorStandIn } from '../../standins/botConnector';
import { personalWorld, startTestRuntime } from '../../support/runtime';
import { TEST_TENANT } from '../../support/activities';
import { buildCheckIn, buildRock } from '../../support/builders';
import type { Runtime } from '../../../bot/runtime';
import { cycleIdFor, ensureOrganisation, eventIdFor } from '../../../bot/usecases/organisations';
import { importDirectory, parseDirectoryFile } from '../../../bot/usecases/directory';
import { yearReviewId, type YearReview } from '../../../shared/domain';
import { apiPaths } from '../../../shared/api';
import { REVIEW_VERBS } from '../../../shared/verbs';

const PACK = 'tsfe-2025-26';
const OTHER_TENANT = '00000000-0000-0000-0000-0000000000077';
const CYCLE = cycleIdFor(TEST_TENANT, '2025-26');
const NOW = new Date('2026-06-20T10:00:00Z');
// Megan reviews Alex and Sam; Harriet is the SMT lead who makes the final decision at Alex's school;
// Oscar is SMT at another school.
const DIRECTORY = `name,email,entraObjectId,school,role,reviewer,coach,roles
Alex Wilber,alexw@example.com,oid-alex,Riverside,teacher,meganb@example.com,,
Sam Colleague,samc@example.com,oid-sam,Riverside,teacher,meganb@example.com,,
Megan Bowen,meganb@example.com,oid-megan,Riverside,leader,harriet@example.com,,
Harriet Head,harriet@example.com,oid-harriet,Riverside,leader,,,
Oscar Other,oscar@example.com,oid-oscar,Hillside,leader,,,
`;

type Who = 'alex' | 'sam' | 'megan' | 'harriet' | 'oscar';
const WHO: Who[] = ['alex', 'sam', 'megan', 'harriet', 'oscar'];
const text = (x: unknown) => JSON.stringify(x);

describe('End-of-year review: reflection, statement, final decision and summary', () => {
  let connector: BotConnectorStandIn;
  let runtime: Runtime;
  let ids: Record<Who, string>;
  let reviewId: string;
  let rockIds: string[];

  const world = personalWorld<Who>({ runtime: () => runtime, connector: () => connector });
  const { drain, api, install, say } = world;
  const invoke = (who: Who, verb: string, data: Record<string, unknown>) => world.invoke(who, verb, { reviewId, ...data });
  const put = (who: Who | `${string}@${string}`, part: 'reflection' | 'statement' | 'final-decision' | 'comment', body: unknown) => api(who, apiPaths.yearReviewPart(reviewId, part), { method: 'PUT', body });
  const records = (kind: string) => runtime.db.collection('yearReviewRecords').find({ reviewId, kind }).toArray();
  const jobsTo = async (who: Who) => (await runtime.db.collection('outboxJobs').find({ personId: ids[who] }).toArray()).map((j) => j.payload?.message).filter((m) => m?.kind === 'year-review');
  const statementBody = { meetingOn: '2026-06-18', statement: 'Alex has led the department through a hard year.', rolePerformance: 'Meets the teaching standards.', developmentNeeds: 'Middle leadership course.', outcome: 'not-met-commence-support' };

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
    await importDirectory(runtime.ctx, OTHER_TENANT, parseDirectoryFile('name,email,entraObjectId,school,role,reviewer,coach,roles\nOtto Elsewhere,otto@elsewhere.example,oid-otto,Far,leader,,,\n', 'csv'));
    ids = await install(WHO);
    const org = { organisationId: TEST_TENANT };
    const rocks = [
      buildRock({ organisationId: TEST_TENANT, personId: ids.alex, cycleId: CYCLE, slotId: 'rock-1', title: 'Raise KS4 attainment in science', status: 'agreed' }),
      buildRock({ organisationId: TEST_TENANT, personId: ids.alex, cycleId: CYCLE, slotId: 'rock-2', title: 'Mentor an early-career teacher', status: 'agreed' }),
    ];
    for (const rock of rocks) await runtime.repos.rocks.create(org, rock);
    rockIds = rocks.map((r) => r.id);
    const days = ['2025-10-03', '2025-10-17', '2025-11-07', '2025-11-21', '2025-12-05', '2026-01-16'];
    for (const [i, day] of days.entries()) {
      await runtime.repos.checkIns.submit(org, buildCheckIn({ organisationId: TEST_TENANT, personId: ids.alex, cycleId: CYCLE, eventId: `ev-${i}`, submittedAt: new Date(`${day}T12:00:00Z`), timeliness: i === 2 ? 'late' : 'on-time' }));
    }
    reviewId = yearReviewId('end-of-year', CYCLE, ids.alex);
    const review: YearReview = {
      id: reviewId,
      organisationId: TEST_TENANT,
      cycleId: CYCLE,
      coversCycleId: CYCLE,
      personId: ids.alex,
      stage: 'end-of-year',
      label: 'End-of-year review',
      eventId: eventIdFor(TEST_TENANT, '2025-26', 'end-of-year-reflection'),
      reviewerId: ids.megan,
      deciderId: ids.harriet,
      school: 'Riverside',
      roleCategory: 'teacher',
      opensAt: new Date('2026-06-05T08:00:00Z'),
      dueAt: new Date('2026-07-17T16:00:00Z'),
      reviewerDueAt: new Date('2026-07-17T16:00:00Z'),
      decisionDueAt: new Date('2026-07-17T16:00:00Z'),
      createdAt: NOW,
    };
    expect(await runtime.repos.yearReviews.open(org, review)).toBe(true);
    connector.reset();
  });
  afterEach(async () => {
    await runtime.stop();
  });

  it('runs the whole review through the bot: drafts, the reviewer kept waiting, a refused send that keeps every word, statement, decision and summary', async () => {
    const opened = await say('alex', 'my review');
    const card = text(opened.body);
    expect(card).toContain('Raise KS4 attainment in science');
    expect(card).toContain('Measured: 83% on time (5 of 6)');
    expect(card).toContain('How often do you submit your fortnightly check-in on time?');
    expect(card).toContain(REVIEW_VERBS.saveReflection);

    const first = await invoke('alex', REVIEW_VERBS.saveReflection, { www: 'Led the Year 11 trip', rock_0: rockIds[0], rock_0_progress: 'Half the cohort at grade 5' });
    expect(text(first.body.value)).toContain('Draft saved');
    const second = await invoke('alex', REVIEW_VERBS.saveReflection, { www: 'Led the Year 11 trip and the revision club', rock_0: rockIds[0], rock_0_progress: 'Two thirds at grade 5' });
    expect(text(second.body.value)).toContain('Two thirds at grade 5');
    expect(await records('reflection')).toHaveLength(1);
    expect((await records('reflection'))[0]!.submittedAt).toBeUndefined();
    const drafted = await runtime.db.collection('auditLog').find({ action: 'yearReview.reflection.drafted', 'subject.id': reviewId }).toArray();
    expect(drafted).toHaveLength(1);
    const badPercent = await invoke('alex', REVIEW_VERBS.saveReflection, { www: 'Led the Year 11 trip and the revision club', rock_0: rockIds[0], rock_0_percentComplete: 'most' });
    expect(text(badPercent.body.value)).toContain('Rock 1: % complete — a whole number from 0 to 100');
    expect(text(badPercent.body.value)).toContain('"value":"most"');

    // The draft is Alex's alone: Megan's card waits and does not show it.
    const early = await invoke('megan', REVIEW_VERBS.submitStatement, statementBody);
    expect(text(early.body.value)).toContain("Waiting for Alex Wilber's reflection");
    expect(text(early.body.value)).not.toContain('revision club');
    expect((await put('megan', 'statement', statementBody)).status).toBe(409);

    const noScore = await invoke('alex', REVIEW_VERBS.submitReflection, { www: 'Led the Year 11 trip and the revision club', ebi: 'Start coursework sooner', rock_0: rockIds[0], rock_0_progress: 'Two thirds at grade 5', selfAssessment: 'met' });
    const refused = text(noScore.body.value);
    expect(refused).toContain('Score (1-10)');
    expect(refused).toContain('Start coursework sooner');
    expect(refused).toContain('Two thirds at grade 5');
    expect((await records('reflection'))[0]!.submittedAt).toBeUndefined();

    const sent = await invoke('alex', REVIEW_VERBS.submitReflection, { www: 'Led the Year 11 trip and the revision club', ebi: 'Start coursework sooner', rock_0: rockIds[0], rock_0_progress: 'Two thirds at grade 5', score: '7', onTime: 'often', selfAssessment: 'met' });
    expect(text(sent.body.value)).toContain('Sent.');
    expect(await jobsTo('megan')).toEqual([expect.objectContaining({ audience: 'reviewer', reason: 'submitted' })]);
    await drain();
    const toMegan = text(connector.sentTo('a:29:megan'));
    expect(toMegan).toContain('revision club');
    expect(toMegan).toContain(REVIEW_VERBS.submitStatement);
    expect(toMegan).toContain("See the year's check-ins in the tab");

    const { meetingOn: _m, ...withoutMeeting } = statementBody;
    const noMeeting = await invoke('megan', REVIEW_VERBS.submitStatement, withoutMeeting);
    expect(text(noMeeting.body.value)).toContain('Date of the review meeting');
    expect(text(noMeeting.body.value)).toContain('Alex has led the department');
    const stated = await invoke('megan', REVIEW_VERBS.submitStatement, statementBody);
    expect(text(stated.body.value)).toContain('Statement saved');
    expect(await jobsTo('harriet')).toEqual([expect.objectContaining({ audience: 'decider', reason: 'submitted' })]);
    await drain();
    const toHarriet = text(connector.sentTo('a:29:harriet'));
    expect(toHarriet).toContain('Final decision: Alex Wilber');
    expect(toHarriet).toContain('Alex has led the department');
    expect(toHarriet).toContain(REVIEW_VERBS.decide);
    const tooLate = await invoke('alex', REVIEW_VERBS.saveReflection, { www: 'x', rock_0: rockIds[0] });
    expect(text(tooLate.body.value)).toContain('Megan Bowen has written the review statement');

    // Alex can no longer change the reflection once the statement is written.
    const late = await put('alex', 'reflection', { www: 'One more thing', score: 7, selfAssessment: 'met', submit: true });
    expect(late.status).toBe(409);
    expect(late.body.detail).toMatch(/Megan Bowen has written the review statement/);

    const noReason = await invoke('harriet', REVIEW_VERBS.decide, { outcome: 'met' });
    expect(text(noReason.body.value)).toContain('Reason');
    const decided = await invoke('harriet', REVIEW_VERBS.decide, { outcome: 'met', reason: 'The support already in place covers it' });
    expect(text(decided.body.value)).toContain('Final decision made');
    const [decision] = await records('final-decision');
    expect(decision).toMatchObject({ outcome: 'met', confirmed: false, authorId: ids.harriet });
    expect(await records('summary')).toHaveLength(1);
    expect(await jobsTo('alex')).toEqual([expect.objectContaining({ audience: 'reviewee', reason: 'summary' })]);
    expect(await jobsTo('megan')).toEqual(expect.arrayContaining([expect.objectContaining({ audience: 'reviewer', reason: 'decided' })]));

    const again = await put('harriet', 'final-decision', { outcome: 'above', reason: 'second thoughts' });
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/already made by you/);
    await drain();
    const toAlex = text(connector.sentTo('a:29:alex'));
    expect(toAlex).toContain('written summary');
    expect(toAlex).toContain(REVIEW_VERBS.comment);
  });

  it('runs the same review over /api/v1, with the fields named on each refusal and one winner when two decide at once', async () => {
    const draft = await put('alex', 'reflection', { www: 'Started a STEM club', submit: false });
    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({ status: 'waiting-for-reviewee', reflection: { www: 'Started a STEM club' } });
    expect(draft.body.reflection.submittedAt).toBeUndefined();
    await put('alex', 'reflection', { www: 'Started a STEM club', ebi: 'More girls', submit: false });
    expect(await records('reflection')).toHaveLength(1);

    const missing = await put('alex', 'reflection', { www: '', submit: true, rocks: [{ rockId: 'not-mine' }] });
    expect(missing.status).toBe(422);
    expect(missing.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['rocks.0.rockId', 'score', 'selfAssessment', 'www']);
    expect((await put('megan', 'reflection', { www: 'x', submit: false })).status).toBe(403);

    const sent = await put('alex', 'reflection', { www: 'Started a STEM club', score: 8, selfAssessment: 'above', rocks: [{ rockId: rockIds[1], progress: 'Mentored Jo all year', completed: 'yes' }], submit: true });
    expect(sent.status).toBe(200);
    expect(sent.body.status).toBe('waiting-for-reviewer');

    const noMeeting = await put('megan', 'statement', { ...statementBody, meetingOn: undefined });
    expect(noMeeting.status).toBe(422);
    expect(noMeeting.body.errors).toEqual([expect.objectContaining({ path: 'meetingOn' })]);
    const badOutcome = await put('megan', 'statement', { ...statementBody, outcome: 'brilliant' });
    expect(badOutcome.status).toBe(422);
    expect(badOutcome.body.errors[0].message).toContain('Above expectation');
    expect((await put('harriet', 'final-decision', { outcome: 'met' })).status).toBe(409);
    const stated = await put('megan', 'statement', statementBody);
    expect(stated.body.status).toBe('waiting-for-decider');
    const rewritten = await put('megan', 'statement', { ...statementBody, statement: 'Rewritten after the meeting notes.' });
    expect(rewritten.body.statement.statement).toBe('Rewritten after the meeting notes.');

    expect((await put('megan', 'final-decision', { outcome: 'not-met-commence-support' })).status).toBe(403);
    const noReason = await put('harriet', 'final-decision', { outcome: 'met' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors).toEqual([expect.objectContaining({ path: 'reason' })]);

    const both = await Promise.all([put('harriet', 'final-decision', { outcome: 'not-met-commence-support' }), put('harriet', 'final-decision', { outcome: 'not-met-commence-support' })]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await records('final-decision')).toHaveLength(1);
    const winner = both.find((r) => r.status === 200)!;
    expect(winner.body).toMatchObject({ status: 'complete', outcomeLabel: 'Did not meet expectations – commence support', finalDecision: { confirmed: true } });
    expect((await put('megan', 'statement', statementBody)).status).toBe(409);
    // "Did not meet expectations – commence support": Alex's professional growth is paused (no more check-in prompts).
    expect(await runtime.repos.people.get({ organisationId: TEST_TENANT }, ids.alex)).toMatchObject({ status: 'paused' });
    // The summary is released: Alex comments on it, and only then.
    const comment = await put('alex', 'comment', { text: 'I would like the support plan to include time with a coach.' });
    expect(comment.status).toBeLessThan(300);
    const stored = await runtime.repos.yearReviews.listRecords({ organisationId: TEST_TENANT }, reviewId);
    expect(stored.find((r) => r.kind === 'staff-comment')).toMatchObject({ text: 'I would like the support plan to include time with a coach.' });
    const audits = await runtime.db.collection('auditLog').find({ 'subject.id': reviewId }).toArray();
    expect(audits.map((a) => a.action).sort()).toEqual(
      ['yearReview.decision.confirmed', 'yearReview.reflection.drafted', 'yearReview.reflection.submitted', 'yearReview.statement.changed', 'yearReview.statement.written', 'yearReview.summary.released'].sort(),
    );
  });

  it('keeps an answer too long for the chat as written when the card is saved; "my review" brings the reviewer and the decider what waits for them', async () => {
    const long = (what: string, n: number) => `${what}. `.repeat(Math.ceil(n / (what.length + 2))).slice(0, n);
    const recognition = long('Thanked by the head for the open evening', 4000);
    await put('alex', 'reflection', {
      recognition,
      www: long('Results', 4000),
      ebi: long('Coursework', 4000),
      whatNext: long('Keep the club', 4000),
      anythingElse: long('More', 3000),
      supportReceived: long('Coaching', 3000),
      rocks: rockIds.map((rockId) => ({ rockId, progress: long('Progress', 3000), challenges: long('Staffing', 3000) })),
      submit: false,
    });
    const opened = await say('alex', 'my review');
    expect(text(opened.body)).toContain('too long to edit in the chat');
    const card = opened.body.activities.find((a: { attachments?: unknown[] }) => a.attachments?.length)!.attachments[0].content;
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(28_000);
    expect(JSON.stringify(card)).not.toContain('"id":"recognition"');

    // The card carries only what it shows; what it left off stays as stored.
    await invoke('alex', REVIEW_VERBS.saveReflection, { www: 'Short and new', rock_0: rockIds[0], rock_0_progress: 'Rewritten in the chat' });
    const [stored] = await records('reflection');
    expect(stored).toMatchObject({ recognition, www: 'Short and new' });
    expect(stored!.rocks[0]).toMatchObject({ rockId: rockIds[0], progress: 'Rewritten in the chat', challenges: long('Staffing', 3000).trim() });
    expect(stored!.rocks).toHaveLength(2);

    expect(text((await say('megan', 'my review')).body)).toContain('Nothing is waiting for you: 1 review you are part of is with someone else');
    await put('alex', 'reflection', { ...stored, score: 6, selfAssessment: 'met', submit: true });
    const forMegan = text((await say('megan', 'my review')).body);
    expect(forMegan).toContain(REVIEW_VERBS.submitStatement);
    expect(forMegan).toContain('Short and new');
    await put('megan', 'statement', statementBody);
    expect(text((await say('harriet', 'my review')).body)).toContain(REVIEW_VERBS.decide);
    expect(text((await say('sam', 'my review')).body)).toContain('no review open');
  });

  it('where no decider was found, the statement completes the review: the reviewee is told of the outcome and it can no longer be rewritten', async () => {
    const samReview = yearReviewId('end-of-year', CYCLE, ids.sam);
    const org = { organisationId: TEST_TENANT };
    const review = (await runtime.repos.yearReviews.get(org, reviewId))!;
    const { deciderId: _d, decisionDueAt: _due, ...rest } = review;
    await runtime.repos.yearReviews.open(org, { ...rest, id: samReview, personId: ids.sam });
    const part = (who: Who, name: 'reflection' | 'statement' | 'final-decision', body: unknown) => api(who, apiPaths.yearReviewPart(samReview, name), { method: 'PUT', body });
    expect((await part('sam', 'reflection', { www: 'Ran the reading scheme', score: 6, selfAssessment: 'met', submit: true })).body.status).toBe('waiting-for-reviewer');
    const done = await part('megan', 'statement', { ...statementBody, outcome: 'above' });
    expect(done.body).toMatchObject({ status: 'complete', outcomeLabel: 'Above expectation' });
    expect((await part('megan', 'statement', statementBody)).status).toBe(409);
    expect((await part('harriet', 'final-decision', { outcome: 'met', reason: 'x' })).status).toBe(404);
    const toSam = (await runtime.db.collection('outboxJobs').find({ personId: ids.sam }).toArray()).map((j) => j.payload?.message);
    expect(toSam).toEqual([expect.objectContaining({ reviewId: samReview, audience: 'reviewee', reason: 'summary' })]);
  });

  it('is not found, on every part, for anyone not named on it: a colleague, SMT of another school, another organisation', async () => {
    await put('alex', 'reflection', { www: 'Started a STEM club', score: 8, selfAssessment: 'above', submit: true });
    await put('megan', 'statement', statementBody);
    const outsiders = ['sam', 'oscar', `oid-otto@${OTHER_TENANT}`] as const;
    for (const who of outsiders) {
      for (const [part, body] of [
        ['reflection', { www: 'x', score: 5, selfAssessment: 'met', submit: true }],
        ['statement', statementBody],
        ['final-decision', { outcome: 'met', reason: 'because' }],
      ] as const) {
        const res = await put(who, part, body);
        expect({ who, part, status: res.status }).toEqual({ who, part, status: 404 });
        expect(text(res.body)).not.toContain('Alex');
      }
    }
    const byColleague = await invoke('sam', REVIEW_VERBS.decide, { outcome: 'met', reason: 'because' });
    expect(text(byColleague.body.value)).not.toContain('STEM club');
    expect(text(byColleague.body.value)).toMatch(/doesn't exist, or you can't see it/);
    expect(await records('final-decision')).toHaveLength(0);
    expect(await records('reflection')).toHaveLength(1);
  });
});
