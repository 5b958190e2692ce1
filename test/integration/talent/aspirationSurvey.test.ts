// The aspiration survey (issue 13, seed 000 Appendix 3/4) through the real endpoints: the scheduler
// sends the card on the survey date to eligible staff only (Bot Connector stand-in), the person
// answers from the card (Action.Execute over /api/messages) and in the tab API, edits until the
// survey closes and is refused after; the reminder goes only to those who have not answered; the
// analysis never shows a group of fewer than 5 respondents (combined or hidden), the CSV carries the
// same aggregates and no free text; answers are the person's, their reviewer's and PG admins' only.
import { startBotConnectorStandIn, type BotConnectorStandIn } from '../../standins/botConnector';
import { personalWorld, startTestRuntime } from '../../support/runtime';
import { TEST_TENANT, postActivity } from '../../support/activities';
import type { Runtime } from '../../../bot/runtime';
import { queueDuePrompts } from '../../../bot/usecases/promptQueue';
import { ensureOrganisation, eventIdFor } from '../../../bot/usecases/organisations';
import { importDirectory, parseDirectoryFile } from '../../../bot/usecases/directory';
import { TALENT_VERBS } from '../../../shared/verbs';
import { mySurveyResponseSchema, personSurveyResponseSchema, surveyAnalysisResponseSchema } from '../../../shared/api';

const PACK = 'tsfe-2025-26';
const OTHER_TENANT = '00000000-0000-0000-0000-0000000000002';
const SURVEY = eventIdFor(TEST_TENANT, '2025-26', 'aspiration-survey');
// The survey opens 08:00 Fri 6 Feb 2026 and closes 23:59 Thu 12 Feb; the reminder is 09:00 Tue 10 Feb.
const OPENING = new Date('2026-02-06T10:00:00Z');
const clock = { now: OPENING };

// Hill School: Alex (reviewed by Megan), Megan and four more; Vale School: Sam (SMT) and five; Tiny
// School: four; Paula (PG admin) at Central. Ella is an ECT, outside the policy.
const HILL = ['hill1', 'hill2', 'hill3', 'hill4'] as const;
const VALE = ['vale1', 'vale2', 'vale3', 'vale4', 'vale5'] as const;
const TINY = ['tiny1', 'tiny2', 'tiny3', 'tiny4'] as const;
const row = (who: string, school: string, role = 'teacher', reviewer = 'megan', roles = '') => `${who} Person,${who}@example.com,oid-${who},${school},${role},${reviewer ? `${reviewer}@example.com` : ''},,${roles}`;
const DIRECTORY = [
  'name,email,entraObjectId,school,role,reviewer,coach,roles',
  'Alex Wilber,alex@example.com,oid-alex,Hill School,teacher,megan@example.com,,',
  'Megan Bowen,megan@example.com,oid-megan,Hill School,leader,,,',
  'Ella Early,ella@example.com,oid-ella,Hill School,ECT,megan@example.com,,',
  'Sam Senior,sam@example.com,oid-sam,Vale School,leader,,,smt',
  'Paula Admin,paula@example.com,oid-paula,Central,central,,,pg-admin',
  ...HILL.map((w) => row(w, 'Hill School')),
  ...VALE.map((w) => row(w, 'Vale School', 'teacher', 'sam')),
  ...TINY.map((w) => row(w, 'Tiny School', 'teaching-assistant', 'sam')),
].join('\n');
const OTHER_DIRECTORY = `name,email,entraObjectId,school,role,reviewer,coach,roles
Olive Outsider,olive@other.example.com,oid-olive,Far School,teacher,,,pg-admin
`;

const NAMED = ['alex', 'megan', 'ella', 'sam', 'paula'] as const;
const EVERYONE = [...NAMED, ...HILL, ...VALE, ...TINY];
type Who = (typeof EVERYONE)[number];
const text = (x: unknown) => JSON.stringify(x);
const SECRET = 'I would like to lead KS3 maths one day';

describe('the aspiration survey', () => {
  let connector: BotConnectorStandIn;
  let runtime: Runtime;
  let ids: Record<Who, string>;

  const world = personalWorld<Who>({ runtime: () => runtime, connector: () => connector });
  const { base, drain, api, install, say } = world;
  const invoke = (who: Who, verb: string, data: Record<string, unknown>) => world.invoke(who, verb, data, `${who}-card`);
  const answer = (who: Who, answers: Record<string, unknown>) => api(who, `/aspiration-survey/${encodeURIComponent(SURVEY)}/response`, { method: 'PUT', body: { answers } });
  /** Survey cards (not check-in prompts) the stand-in delivered to `who`. */
  const surveyCards = (who: Who) => connector.sentTo(`a:29:${who}`).filter((a) => a.kind !== 'update' && text(a.activity).includes(TALENT_VERBS.answerSurvey));
  const tick = async () => {
    await queueDuePrompts(runtime.ctx);
    await drain();
  };

  beforeAll(async () => {
    connector = await startBotConnectorStandIn();
  });
  afterAll(async () => {
    await connector.close();
  });
  beforeEach(async () => {
    clock.now = new Date('2026-02-05T10:00:00Z');
    runtime = await startTestRuntime({}, { clock: () => clock.now });
    await ensureOrganisation(runtime.ctx, { organisationId: TEST_TENANT, policyId: PACK });
    await importDirectory(runtime.ctx, TEST_TENANT, parseDirectoryFile(DIRECTORY, 'csv'));
    await ensureOrganisation(runtime.ctx, { organisationId: OTHER_TENANT, policyId: PACK });
    await importDirectory(runtime.ctx, OTHER_TENANT, parseDirectoryFile(OTHER_DIRECTORY, 'csv'));
    ids = await install(EVERYONE);
    connector.reset();
  });
  afterEach(async () => {
    await runtime.stop();
  });

  it('is sent on the survey date to eligible staff only, once; answered from the card, edited, refused after close; the reminder goes only to those who have not answered', async () => {
    await tick(); // the day before: nothing
    expect(surveyCards('alex')).toHaveLength(0);

    clock.now = OPENING;
    await tick();
    await tick(); // a second tick the same day sends nothing more
    const toAlex = surveyCards('alex');
    expect(toAlex).toHaveLength(1);
    const card = text(toAlex[0]!.activity);
    expect(card).toContain('Aspiration Survey');
    expect(card).toContain('Are you interested in promotion?');
    expect(card).toContain('Input.ChoiceSet');
    expect(card).toContain('isMultiSelect":true');
    expect(card).toContain('Thursday 12 February');
    expect(surveyCards('ella')).toHaveLength(0); // an ECT is outside the policy
    expect(surveyCards('tiny1')).toHaveLength(1);
    expect(await runtime.db.collection('outboxJobs').countDocuments({ organisationId: TEST_TENANT, idempotencyKey: { $regex: '^message:aspiration-survey:.*:opened$' } })).toBe(EVERYONE.length - 1);

    // Someone who joins during the window gets theirs (checked daily); nobody gets a second.
    await importDirectory(runtime.ctx, TEST_TENANT, parseDirectoryFile(`${DIRECTORY}\n${row('late', 'Hill School')}`, 'csv'));
    await postActivity(runtime.url!, { ...base('late' as Who), type: 'installationUpdate', action: 'add' });
    clock.now = new Date('2026-02-07T10:00:00Z');
    await tick();
    expect(surveyCards('late' as Who)).toHaveLength(1);
    expect(surveyCards('alex')).toHaveLength(1);

    // From the card: a choice that is not an option is refused, and everything typed is kept.
    const wrong = await invoke('alex', TALENT_VERBS.answerSurvey, { eventId: SURVEY, q_promotion: 'astronaut', 'q_anything-else': SECRET });
    expect(wrong.status).toBe(200);
    expect(text(wrong.body.value)).toContain('Are you interested in promotion?');
    expect(text(wrong.body.value)).toMatch(/astronaut.*not one of the options/);
    expect(text(wrong.body.value)).toContain(SECRET);
    expect(await runtime.db.collection('surveyResponses').countDocuments({})).toBe(0);

    const saved = await invoke('alex', TALENT_VERBS.answerSurvey, { eventId: SURVEY, q_promotion: 'within-12-months', 'q_development-areas': 'leadership,coaching', 'q_anything-else': SECRET });
    expect(text(saved.body.value)).toContain('Saved — you can change your answers until Thursday 12 February');
    expect(text(saved.body.value)).toContain('"value":"leadership,coaching"');
    const mine = mySurveyResponseSchema.parse((await api('alex', '/aspiration-survey')).body);
    expect(mine).toMatchObject({ canEdit: true, survey: { eventId: SURVEY, open: true } });
    expect(mine.mine?.answers).toEqual({ promotion: 'within-12-months', 'development-areas': ['leadership', 'coaching'], 'anything-else': SECRET });

    // Edited in the tab API; the card opened again shows the new answers.
    const edited = await answer('alex', { promotion: 'in-2-3-years', 'development-areas': ['subject'], wellbeing: 'good' });
    expect(edited.status).toBe(200);
    const reopened = await say('alex', 'survey');
    expect(text(reopened.body)).toContain('"value":"in-2-3-years"');
    expect(text(reopened.body)).not.toContain(SECRET); // left out this time: that question is now unanswered
    const audits = await runtime.db.collection('auditLog').find({ action: { $in: ['survey.answered', 'survey.edited'] } }).toArray();
    expect(audits.map((a) => a.action).sort()).toEqual(['survey.answered', 'survey.edited']);
    expect(text(audits)).not.toContain('in-2-3-years');

    // Sam answers; on Tuesday at 09:00 everyone else eligible is reminded, once.
    expect((await answer('sam', { workload: 'manageable' })).status).toBe(201);
    clock.now = new Date('2026-02-10T08:59:00Z');
    await tick();
    expect(connector.sentTo('a:29:megan').filter((a) => text(a.activity).includes('A reminder'))).toHaveLength(0);
    clock.now = new Date('2026-02-10T09:05:00Z');
    await tick();
    await tick();
    const reminded = (who: Who) => surveyCards(who).filter((a) => text(a.activity).includes('A reminder: the survey closes on Thursday 12 February'));
    expect(reminded('megan')).toHaveLength(1);
    expect(reminded('tiny4')).toHaveLength(1);
    expect(reminded('alex')).toHaveLength(0);
    expect(reminded('sam')).toHaveLength(0);
    expect(reminded('ella')).toHaveLength(0);

    // After the close: refused with a clear message, from the API and from the card.
    clock.now = new Date('2026-02-13T09:00:00Z');
    const late = await answer('alex', { promotion: 'not-now' });
    expect(late.status).toBe(409);
    expect(late.body.detail).toBe('The aspiration survey closed on Thursday 12 February, so answers can no longer be given or changed.');
    const lateCard = await invoke('alex', TALENT_VERBS.answerSurvey, { eventId: SURVEY, q_promotion: 'not-now' });
    expect(text(lateCard.body.value)).toContain('closed on Thursday 12 February');
    expect(text(lateCard.body.value)).toContain('Yes, in 2–3 years');
    expect((await api('alex', '/aspiration-survey')).body).toMatchObject({ canEdit: false, mine: { answers: { promotion: 'in-2-3-years' } } });
  });

  it('validates answers against the policy questions in the API: an unknown question is named, choices must be options, text has a limit', async () => {
    clock.now = OPENING;
    const unknown = await answer('alex', { 'favourite-colour': 'blue', promotion: 'unsure' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ path: 'favourite-colour', message: expect.stringContaining('not a question') })]);
    const notSubset = await answer('alex', { 'development-areas': ['leadership', 'juggling'] });
    expect(notSubset.status).toBe(422);
    expect(notSubset.body.errors[0]).toMatchObject({ path: 'development-areas', message: expect.stringContaining('"juggling"') });
    const tooLong = await answer('alex', { 'anything-else': 'x'.repeat(2001) });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.errors[0]).toMatchObject({ path: 'anything-else', message: expect.stringContaining('at most 2000') });
    const empty = await answer('alex', {});
    expect(empty.status).toBe(201); // every question is optional
    expect((await answer('ella', { promotion: 'unsure' })).status).toBe(403);
  });

  it('analyses by school: a school of 4 respondents is hidden, or combined when that makes 5; the CSV is the same aggregates without free text; only PG admins and SMT see it', async () => {
    clock.now = OPENING;
    for (const who of ['alex', 'megan', ...HILL] as Who[]) expect((await answer(who, { promotion: 'within-12-months', 'anything-else': SECRET })).status).toBe(201);
    for (const who of ['sam', ...VALE] as Who[]) expect((await answer(who, { promotion: 'not-now', 'development-areas': ['leadership', 'digital'] })).status).toBe(201);
    for (const who of TINY) expect((await answer(who, { promotion: 'unsure' })).status).toBe(201);

    const hidden = await api('paula', '/aspiration-survey/analysis?by=school');
    expect(hidden.status).toBe(200);
    const a = surveyAnalysisResponseSchema.parse(hidden.body);
    expect(a.groups.map((g) => [g.name, g.eligible, g.responded])).toEqual([
      ['Hill School', 6, 6],
      ['Vale School', 6, 6],
    ]);
    expect(a).toMatchObject({ minGroupSize: 5, suppressedGroups: 2, mergedGroups: 0, trust: { eligible: 17, responded: 16, responseRate: 94 } });
    const promotion = a.questions.find((q) => q.key === 'promotion')!;
    expect(promotion.options.find((o) => o.key === 'unsure')).toMatchObject({ counts: [0, 0], total: 0 }); // Tiny School's answers are nowhere
    expect(promotion.options.find((o) => o.key === 'within-12-months')).toMatchObject({ counts: [6, 0], total: 6 });
    expect(a.questions.map((q) => q.key)).not.toContain('anything-else');
    expect(text(a)).not.toContain(SECRET);
    expect(text(a)).not.toContain('Tiny School');

    // Paula (Central, the only one there) answers: Tiny School and Central together reach 5.
    expect((await answer('paula', { promotion: 'unsure' })).status).toBe(201);
    const combined = surveyAnalysisResponseSchema.parse((await api('sam', '/aspiration-survey/analysis?by=school')).body);
    expect(combined.groups.map((g) => [g.name, g.responded, g.combined])).toEqual([
      ['Hill School', 6, false],
      ['Vale School', 6, false],
      ['Other schools', 5, true],
    ]);
    expect(combined).toMatchObject({ suppressedGroups: 0, mergedGroups: 2 });
    expect(combined.questions.find((q) => q.key === 'promotion')!.options.find((o) => o.key === 'unsure')).toMatchObject({ counts: [0, 0, 5], total: 5 });

    const byRole = surveyAnalysisResponseSchema.parse((await api('paula', '/aspiration-survey/analysis?by=roleCategory')).body);
    expect(byRole.groups.map((g) => g.name)).toEqual(['teacher', 'Other roles']);

    const csv = await api('paula', `/aspiration-survey/analysis.csv?by=school&eventId=${encodeURIComponent(SURVEY)}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="aspiration-survey-by-school-2026-02-06\.csv"$/);
    const rows = csv.raw.trim().split('\r\n').map((line) => line.slice(1, -1).split('","'));
    expect(rows[0]).toEqual(['Group', 'Measure', 'Question', 'Answer', 'Value']);
    expect(rows).toContainEqual(['Trust', 'Responded', '', '', '17']);
    for (const g of combined.groups) expect(rows).toContainEqual([g.name, 'Responded', '', '', String(g.responded)]);
    for (const q of combined.questions) {
      for (const o of q.options) combined.groups.forEach((g, i) => expect(rows).toContainEqual([g.name, 'Answers', q.text, o.label, String(o.counts[i])]));
    }
    expect(csv.raw).not.toContain(SECRET);
    expect(csv.raw).not.toContain('Tiny School');
    const exports = await runtime.db.collection('auditLog').find({ action: { $in: ['survey.analysis.read', 'survey.analysis.exported'] } }).toArray();
    expect(exports.map((e) => e.action).sort()).toEqual(['survey.analysis.exported', 'survey.analysis.read', 'survey.analysis.read', 'survey.analysis.read']);

    // Staff: 403 on the analysis and its download.
    expect((await api('alex', '/aspiration-survey/analysis')).status).toBe(403);
    expect((await api('megan', '/aspiration-survey/analysis.csv')).status).toBe(403);
  });

  it("keeps answers to the person, their reviewer and PG admins (404 for anyone else); another organisation sees nothing", async () => {
    clock.now = OPENING;
    expect((await answer('alex', { promotion: 'within-12-months', 'anything-else': SECRET })).status).toBe(201);

    const asReviewer = await api('megan', `/people/${ids.alex}/aspiration-survey`);
    expect(asReviewer.status).toBe(200);
    expect(personSurveyResponseSchema.parse(asReviewer.body)).toMatchObject({ person: { displayName: 'Alex Wilber' }, answers: { answers: { 'anything-else': SECRET } } });
    expect((await api('paula', `/people/${ids.alex}/aspiration-survey`)).status).toBe(200);
    expect((await api('alex', `/people/${ids.alex}/aspiration-survey`)).status).toBe(200);
    expect((await runtime.db.collection('auditLog').find({ action: 'survey.answers.read' }).toArray()).map((e) => e.details.as).sort()).toEqual(['pg-admin', 'reviewer']);

    const colleague = await api('hill1', `/people/${ids.alex}/aspiration-survey`);
    expect(colleague.status).toBe(404);
    expect(text(colleague.body)).not.toContain(SECRET);
    expect((await api('sam', `/people/${ids.alex}/aspiration-survey`)).status).toBe(404); // SMT read totals, not answers

    const olive = `oid-olive@${OTHER_TENANT}` as const;
    expect((await api(olive, `/people/${ids.alex}/aspiration-survey`)).status).toBe(404);
    expect((await api(olive, `/aspiration-survey/${encodeURIComponent(SURVEY)}/response`, { method: 'PUT', body: { answers: { promotion: 'unsure' } } })).status).toBe(404);
    const theirs = await api(olive, '/aspiration-survey/analysis');
    expect(theirs.status).toBe(200);
    expect(theirs.body).toMatchObject({ trust: { responded: 0 }, groups: [] });
    expect((await api(olive, `/aspiration-survey/analysis?eventId=${encodeURIComponent(SURVEY)}`)).status).toBe(404);
    const hers = mySurveyResponseSchema.parse((await api(olive, '/aspiration-survey')).body);
    expect(hers.survey?.eventId).not.toBe(SURVEY);
    expect(hers.mine).toBeNull();
  });
});
