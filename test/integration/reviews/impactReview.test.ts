// The March impact review and the support pause (seed 000 Appendix 4, §12) through the real
// endpoints: the reviewer records each of the three outcomes from the card or the tab's API; the
// reviewee sees the outcome and comments; support recommended pauses the person's check-in prompts
// (everyone else is still prompted), a plan is recorded, and at its review yes resumes the prompts
// with a prompt to update the rocks, no records the policy's next step. Only the people the policy
// names see any of it.
import { startBotConnectorStandIn, type BotConnectorStandIn } from '../../standins/botConnector';
import { personalWorld, startTestRuntime } from '../../support/runtime';
import { TEST_TENANT } from '../../support/activities';
import type { Runtime } from '../../../bot/runtime';
import { queueDuePrompts } from '../../../bot/usecases/promptQueue';
import { cycleIdFor, ensureOrganisation, eventIdFor } from '../../../bot/usecases/organisations';
import { importDirectory, parseDirectoryFile } from '../../../bot/usecases/directory';
import { REVIEW_VERBS } from '../../../shared/verbs';
import { apiPaths, impactOutcomeDtoSchema, supportPlanResponseSchema } from '../../../shared/api';
import { yearReviewId } from '../../../shared/domain';

const PACK = 'tsfe-2025-26';
const ORG = { organisationId: TEST_TENANT };
const CYCLE = cycleIdFor(TEST_TENANT, '2025-26');
const CAREER_CONVERSATION = eventIdFor(TEST_TENANT, '2025-26', 'career-conversation');
/** Mon 30 Mar 2026: the March impact review window (27 Mar – 2 Apr) is open. */
const IN_MARCH_WINDOW = new Date('2026-03-30T10:00:00Z');
/** Fri 24 Apr 2026 09:00 BST: Check in 8 is open. */
const AT_CHECK_IN_8 = new Date('2026-04-24T08:00:00Z');
/** Fri 8 May 2026 09:00 BST: Check in 9 is open. */
const AT_CHECK_IN_9 = new Date('2026-05-08T08:00:00Z');
// Megan reviews Alex, Adele and Sam; Ravi reviews Rosa; Sonia is SMT (TSFE: seenBy.smt false); Paula a PG admin.
const DIRECTORY = `name,email,entraObjectId,school,role,reviewer,roles
Megan Bowen,meganb@example.com,oid-megan,North School,leader,,
Alex Wilber,alexw@example.com,oid-alex,North School,teacher,meganb@example.com,
Adele Vance,adelev@example.com,oid-adele,North School,support,meganb@example.com,
Sam Colleague,samc@example.com,oid-sam,North School,teacher,meganb@example.com,
Ravi Reviewer,ravir@example.com,oid-ravi,North School,leader,,
Rosa Teacher,rosat@example.com,oid-rosa,North School,teacher,ravir@example.com,
Sonia Senior,sonias@example.com,oid-sonia,North School,leader,,smt
Paula Admin,paulaa@example.com,oid-paula,Central,central,,pg-admin
`;
type Who = 'megan' | 'alex' | 'adele' | 'sam' | 'ravi' | 'rosa' | 'sonia' | 'paula';
const WHO: Who[] = ['megan', 'alex', 'adele', 'sam', 'ravi', 'rosa', 'sonia', 'paula'];
const text = (x: unknown) => JSON.stringify(x);

describe('the March impact review and the support pause (TSFE)', () => {
  let connector: BotConnectorStandIn;
  let runtime: Runtime;
  let ids: Record<Who, string>;
  const clock = { now: IN_MARCH_WINDOW };

  const { drain, api, install, press } = personalWorld<Who>({ runtime: () => runtime, connector: () => connector });
  const cardsTo = (who: Who) => connector.sentTo(`a:29:${who}`).map((a) => text(a.activity));
  const checkInPromptsTo = (who: Who) => cardsTo(who).filter((t) => t.includes('checkIn.submit'));
  const reviewOf = (who: Who) => yearReviewId('impact', CYCLE, ids[who]);
  /** The scheduler's part (the "open" helper's): the review opened for the person and their reviewer. */
  const openReview = async (who: Who, reviewer: Who) => {
    await runtime.repos.yearReviews.open(ORG, {
      id: reviewOf(who),
      organisationId: TEST_TENANT,
      cycleId: CYCLE,
      coversCycleId: CYCLE,
      personId: ids[who],
      stage: 'impact',
      label: 'March impact review',
      eventId: CAREER_CONVERSATION,
      reviewerId: ids[reviewer],
      school: 'North School',
      roleCategory: 'teacher',
      opensAt: new Date('2026-03-27T08:00:00Z'),
      dueAt: new Date('2026-04-02T22:59:00Z'),
      reviewerDueAt: new Date('2026-04-02T22:59:00Z'),
      createdAt: new Date('2026-03-27T08:00:00Z'),
    });
  };
  const recordImpact = (who: Who, outcome: string, extra: Record<string, unknown> = {}) =>
    press('megan', REVIEW_VERBS.recordImpact, { reviewId: reviewOf(who), card: 'impact', outcome, meetingOn: '2026-03-30', notes: '', stretch: '', ...extra });
  const status = async (who: Who) => (await runtime.repos.people.get(ORG, ids[who]))!.status;

  beforeAll(async () => {
    connector = await startBotConnectorStandIn();
  });
  afterAll(async () => {
    await connector.close();
  });
  beforeEach(async () => {
    clock.now = IN_MARCH_WINDOW;
    runtime = await startTestRuntime({}, { clock: () => clock.now });
    await ensureOrganisation(runtime.ctx, { organisationId: TEST_TENANT, policyId: PACK });
    await importDirectory(runtime.ctx, TEST_TENANT, parseDirectoryFile(DIRECTORY, 'csv'));
    ids = await install(WHO);
    for (const who of ['alex', 'adele', 'sam'] as const) await openReview(who, 'megan');
    await openReview('rosa', 'ravi');
    await drain();
    connector.reset();
  });
  afterEach(async () => {
    await runtime.stop();
  });

  it('exceeding: a bad date keeps what was typed; then the person is flagged, the stretch prompted, and their comment reaches the reviewer', async () => {
    const early = await press('alex', REVIEW_VERBS.comment, { reviewId: reviewOf('alex'), text: 'Thanks!' });
    expect(text(early)).toContain('You can comment once your reviewer has recorded the outcome');

    const typed = { outcome: 'exceeding', meetingOn: '30/03/2026', notes: 'Year 9 results well above target', stretch: 'Lead the department CPD session on questioning' };
    const refused = await recordImpact('alex', 'exceeding', typed);
    expect(text(refused)).toContain('Please check: Date of the 1:1 meeting — use a date like 2026-02-27');
    for (const kept of ['30/03/2026', 'Year 9 results well above target', 'Lead the department CPD session on questioning']) expect(text(refused)).toContain(kept);
    expect(await runtime.db.collection('yearReviewRecords').countDocuments({ kind: 'impact-outcome' })).toBe(0);
    expect(text(await recordImpact('alex', 'exceeding', { ...typed, meetingOn: '2026-04-01' }))).toContain('record the outcome after the 1:1 meeting has taken place');

    const recorded = await recordImpact('alex', 'exceeding', { ...typed, meetingOn: '2026-03-30' });
    expect(text(recorded)).toContain('Recorded: Exceeding (1:1 on 2026-03-30)');
    expect(text(recorded)).toContain('Consider a stretch in a rock to support a final judgement of Exceptional. Flagged on the talent 9-box.');
    expect(text(recorded)).toContain('Stretch agreed: Lead the department CPD session on questioning');
    // Refreshed for the reviewee and the reviewer, each their own view.
    expect((recorded.refresh as { userIds: string[] }).userIds.sort()).toEqual(['29:alex', '29:megan']);
    await recordImpact('alex', 'exceeding', { ...typed, meetingOn: '2026-03-30' }); // Teams retried
    // The record is the talent-grid flag.
    expect(await runtime.db.collection('yearReviewRecords').findOne({ kind: 'impact-outcome', personId: ids.alex })).toMatchObject({ outcome: 'exceeding', authorId: ids.megan });
    expect(await runtime.db.collection('auditLog').countDocuments({ action: 'impactOutcome.recorded' })).toBe(1);
    expect(await status('alex')).toBe('active');

    await drain();
    const told = cardsTo('alex');
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('Consider a stretch in a rock');
    expect(told[0]).toContain(REVIEW_VERBS.comment);
    const refreshed = await press('alex', REVIEW_VERBS.refresh, { reviewId: reviewOf('alex'), card: 'impact' });
    expect(text(refreshed)).toContain('Your comment on the outcome');
    expect(text(refreshed)).not.toContain(REVIEW_VERBS.recordImpact);

    const byReviewer = await press('megan', REVIEW_VERBS.comment, { reviewId: reviewOf('alex'), text: 'Not mine to write' });
    expect(text(byReviewer)).toContain('Only the person reviewed comments on their review');
    const commented = await press('alex', REVIEW_VERBS.comment, { reviewId: reviewOf('alex'), card: 'impact', text: 'Thank you — happy to take on the CPD session.' });
    expect(text(commented)).toContain('Your comment has been sent.');
    await drain();
    const toReviewer = cardsTo('megan').filter((t) => t.includes('happy to take on the CPD session'));
    expect(toReviewer).toHaveLength(1);
    expect(toReviewer[0]).toContain("Alex's comment");
    expect(await runtime.db.collection('auditLog').countDocuments({ action: 'staffComment.added' })).toBe(1);
  });

  it('expected through the tab API: check-ins continue; re-recording is audited before → after', async () => {
    const path = apiPaths.yearReviewPart(reviewOf('sam'), 'impact-outcome');
    const missing = await api('megan', path, { method: 'PUT', body: { outcome: 'expected' } });
    expect(missing.status).toBe(422);
    expect(text(missing.body)).toContain('meetingOn');
    const unknown = await api('megan', path, { method: 'PUT', body: { outcome: 'brilliant', meetingOn: '2026-03-30' } });
    expect(unknown.status).toBe(422);
    expect(text(unknown.body)).toContain('choose one of: Exceeding; Expected; Support recommended');
    expect((await api('alex', path, { method: 'PUT', body: { outcome: 'expected', meetingOn: '2026-03-30' } })).status).toBe(404);
    expect((await api('ravi', path, { method: 'PUT', body: { outcome: 'expected', meetingOn: '2026-03-30' } })).status).toBe(404);

    const first = await api('megan', path, { method: 'PUT', body: { outcome: 'exceeding', meetingOn: '2026-03-30' } });
    expect(first.status).toBe(200);
    const saved = await api('megan', path, { method: 'PUT', body: { outcome: 'expected', meetingOn: '2026-03-30', notes: 'Steady progress' } });
    expect(saved.status).toBe(200);
    expect(impactOutcomeDtoSchema.safeParse(saved.body).error).toBeUndefined();
    expect(saved.body).toMatchObject({ outcome: 'expected', outcomeLabel: 'Expected', effect: 'none', notes: 'Steady progress', authorId: ids.megan });
    expect(await runtime.db.collection('auditLog').findOne({ action: 'impactOutcome.changed' })).toMatchObject({ details: { before: { outcome: 'exceeding' }, after: { outcome: 'expected' } } });

    await drain();
    expect(cardsTo('sam').some((t) => t.includes('Continue to monitor and update via fortnightly check-ins.'))).toBe(true);
    clock.now = AT_CHECK_IN_8;
    await queueDuePrompts(runtime.ctx);
    await drain();
    expect(checkInPromptsTo('sam')).toHaveLength(1);
    expect(await status('sam')).toBe('active');
  });

  it('support recommended: prompts stop for that person only, they are told kindly, a plan is recorded; at its review yes resumes the prompts with a rocks prompt', async () => {
    const recorded = await recordImpact('adele', 'support-recommended', { notes: 'We agreed some support with behaviour routines' });
    expect(text(recorded)).toContain('Their professional growth is paused: record the support plan next.');
    expect(text(recorded)).toContain(REVIEW_VERBS.open); // "Write the support plan"
    expect(await status('adele')).toBe('paused');
    expect(await runtime.db.collection('auditLog').findOne({ action: 'person.paused' })).toMatchObject({ subject: { id: ids.adele }, details: { before: 'active', after: 'paused' } });

    await drain();
    const toAdele = cardsTo('adele').join('\n');
    expect(toAdele).toContain('Your professional growth is paused for now');
    expect(toAdele).toContain('Your fortnightly check-ins pause');
    expect(toAdele).toContain('Who to talk to');
    expect(toAdele).not.toContain(REVIEW_VERBS.saveSupportPlan);
    const planCard = cardsTo('megan').find((t) => t.includes(REVIEW_VERBS.saveSupportPlan));
    expect(planCard).toContain('Support plan: Adele Vance');
    expect(planCard).toContain('Informal support');

    const opened = await press('megan', REVIEW_VERBS.open, { reviewId: reviewOf('adele'), card: 'support' }); // "Write the support plan"
    expect(text(opened)).toContain(REVIEW_VERBS.saveSupportPlan);
    const support = { reviewId: reviewOf('adele'), card: 'support', route: 'informal', whatWillHelp: 'Weekly coaching with the behaviour lead', reviewOn: '2026-03-01', notes: 'Observed lessons fortnightly' };
    const refused = await press('megan', REVIEW_VERBS.saveSupportPlan, support);
    expect(text(refused)).toContain('Review date — choose a date after today for the review of the plan');
    expect(text(refused)).toContain('Weekly coaching with the behaviour lead');
    const planned = await press('megan', REVIEW_VERBS.saveSupportPlan, { ...support, reviewOn: '2026-05-01' });
    expect(text(planned)).toContain('The support plan is recorded');
    expect(text(planned)).toContain(REVIEW_VERBS.recordSupportOutcome);

    // Check in 8: everyone else is prompted; Adele is not.
    clock.now = AT_CHECK_IN_8;
    await queueDuePrompts(runtime.ctx);
    await drain();
    expect(checkInPromptsTo('alex')).toHaveLength(1);
    expect(checkInPromptsTo('sam')).toHaveLength(1);
    expect(checkInPromptsTo('adele')).toHaveLength(0);
    expect(cardsTo('adele').some((t) => t.includes('Weekly coaching with the behaviour lead'))).toBe(true); // she was sent the plan

    const noAnswer = await press('megan', REVIEW_VERBS.recordSupportOutcome, { reviewId: reviewOf('adele'), note: 'Much improved' });
    expect(text(noAnswer)).toContain('Has it been successful? — choose yes or no');
    expect(text(noAnswer)).toContain('Much improved');
    const yes = await press('megan', REVIEW_VERBS.recordSupportOutcome, { reviewId: reviewOf('adele'), succeeded: 'yes', note: 'Much improved' });
    expect(text(yes)).toContain('Recorded: the plan succeeded');
    expect(await status('adele')).toBe('active');
    connector.reset();
    await drain();
    const resumed = cardsTo('adele').join('\n');
    expect(resumed).toContain('Welcome back to professional growth');
    expect(resumed).toContain('Review my rocks');

    clock.now = AT_CHECK_IN_9;
    await queueDuePrompts(runtime.ctx);
    await drain();
    expect(checkInPromptsTo('adele')).toHaveLength(1);
    expect(await runtime.db.collection('auditLog').countDocuments({ action: { $in: ['supportPlan.recorded', 'supportOutcome.recorded', 'person.resumed'] } })).toBe(3);
    // Her timeline: Check in 8, while she was paused, was not hers to answer, so it is neither listed nor missed; Check in 9 is open.
    const timeline = await api('adele', apiPaths.personCheckIns(ids.adele));
    expect(timeline.status).toBe(200);
    const entries = timeline.body.entries as Array<{ title: string; state: string; kind: string }>;
    expect(entries.find((e) => e.title.startsWith('Check in 8'))).toBeUndefined();
    expect(entries.find((e) => e.title.startsWith('Check in 9'))).toMatchObject({ state: 'open' });
    expect(timeline.body.onTime.due).toBe(entries.filter((e) => e.kind === 'check-in' && ['on-time', 'late', 'missed'].includes(e.state)).length);
  });

  it('support that does not succeed records the policy’s next step; only the person, their reviewer and PG admins (policy) read the plan', async () => {
    await recordImpact('sam', 'support-recommended');
    const planPath = apiPaths.yearReviewPart(reviewOf('sam'), 'support-plan');
    const bad = await api('megan', planPath, { method: 'PUT', body: { route: 'gentle', whatWillHelp: 'Mentoring', reviewOn: '2026-05-01' } });
    expect(bad.status).toBe(422);
    expect(text(bad.body)).toContain('choose one of: Informal support; Formal support');
    const early = await api('megan', apiPaths.yearReviewPart(reviewOf('sam'), 'support-outcome'), { method: 'PUT', body: { succeeded: false } });
    expect(early.status).toBe(409);
    expect((await api('megan', planPath, { method: 'PUT', body: { route: 'formal', whatWillHelp: 'Mentoring and a reduced timetable', reviewOn: '2026-05-01' } })).status).toBe(200);

    for (const who of ['ravi', 'sonia', 'alex'] as const) {
      const refused = await api(who, planPath);
      expect(refused.status).toBe(404);
      expect(text(refused.body)).not.toContain('Mentoring');
      expect(text(await press(who, REVIEW_VERBS.open, { reviewId: reviewOf('sam'), card: 'support' }))).not.toContain('Mentoring');
      expect(text(await press(who, REVIEW_VERBS.open, { reviewId: reviewOf('sam'), card: 'impact' }))).toContain("That item doesn't exist, or you can't see it.");
    }
    expect((await api('ravi', apiPaths.yearReviewPart(reviewOf('sam'), 'support-outcome'), { method: 'PUT', body: { succeeded: true } })).status).toBe(404);
    const asAdmin = await api('paula', planPath);
    expect(asAdmin.status).toBe(200);
    expect(supportPlanResponseSchema.safeParse(asAdmin.body).error).toBeUndefined();
    expect(asAdmin.body).toMatchObject({ paused: true, canEdit: false, plan: { route: 'formal', routeLabel: 'Formal support' } });
    const adminCard = text(await press('paula', REVIEW_VERBS.open, { reviewId: reviewOf('sam'), card: 'support' }));
    expect(adminCard).toContain('Mentoring and a reduced timetable');
    expect(adminCard).not.toContain(REVIEW_VERBS.saveSupportPlan);
    expect((await api('sam', planPath)).body).toMatchObject({ plan: { whatWillHelp: 'Mentoring and a reduced timetable' } });

    const no = await api('megan', apiPaths.yearReviewPart(reviewOf('sam'), 'support-outcome'), { method: 'PUT', body: { succeeded: false, note: 'Targets not met' } });
    expect(no.status).toBe(200);
    expect(no.body).toMatchObject({ succeeded: false, nextStep: 'Consider moving to the capability process or other options (take the next steps from the capability policy).' });
    expect(await status('sam')).toBe('paused');
    connector.reset();
    await drain();
    expect(cardsTo('megan').join('\n')).toContain('Next step: Consider moving to the capability process');
    const toSam = cardsTo('sam').join('\n');
    expect(toSam).toContain('Your support plan has been reviewed');
    expect(toSam).toContain('will talk with you about what this means');
  });
});
