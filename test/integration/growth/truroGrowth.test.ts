// The Truro and Penwith pack (seed 002) through the real endpoints: the coach, not the line
// manager, receives and acknowledges a check-in; the person is then asked for a growth-log entry;
// the growth plan is the person's and their coach's only; a term that ends without feedback is
// flagged to the coach exactly once; the end-of-cycle stage sends its card once.
import { randomUUID } from 'node:crypto';
import { startBotConnectorStandIn, type BotConnectorStandIn } from '../../standins/botConnector';
import { personalWorld, startTestRuntime } from '../../support/runtime';
import { TEST_TENANT } from '../../support/activities';
import type { Runtime } from '../../../bot/runtime';
import { queueDuePrompts } from '../../../bot/usecases/promptQueue';
import { cycleIdFor, ensureOrganisation, eventIdFor } from '../../../bot/usecases/organisations';
import { importDirectory, parseDirectoryFile } from '../../../bot/usecases/directory';
import { countGrowthLogEntries, countTermsWithoutFeedback } from '../../../bot/usecases/growthFeedback';
import { VERBS } from '../../../shared/verbs';
import { growthResponseSchema, growthSummaryResponseSchema } from '../../../shared/api';

const PACK = 'truro-penwith-2026-27';
const CYCLE = cycleIdFor(TEST_TENANT, '2026-27');
const CHECK_IN_2 = eventIdFor(TEST_TENANT, '2026-27', 'check-in-2');
const NOW = new Date('2026-12-01T10:00:00Z');
const clock = { now: NOW };
// Colin coaches Alex and Adele; Megan is their line manager and Sam's coach; Paula is a PG admin.
const DIRECTORY = `name,email,entraObjectId,school,role,reviewer,coach,roles
Alex Wilber,alexw@example.com,oid-alex,Penwith,teacher,meganb@example.com,colinc@example.com,
Adele Vance,adelev@example.com,oid-adele,Penwith,teaching-assistant,meganb@example.com,colinc@example.com,
Sam Colleague,samc@example.com,oid-sam,Penwith,teacher,meganb@example.com,meganb@example.com,
Colin Coach,colinc@example.com,oid-colin,Penwith,leader,,,
Megan Bowen,meganb@example.com,oid-megan,Penwith,leader,,,
Paula Admin,paulaa@example.com,oid-paula,Central,central,,,pg-admin
`;

type Who = 'alex' | 'adele' | 'sam' | 'colin' | 'megan' | 'paula';
const WHO: Who[] = ['alex', 'adele', 'sam', 'colin', 'megan', 'paula'];
const text = (x: unknown) => JSON.stringify(x);

describe('Truro and Penwith: coach-led growth', () => {
  let connector: BotConnectorStandIn;
  let runtime: Runtime;
  let ids: Record<Who, string>;

  const { drain, api, install, say, invoke } = personalWorld<Who>({ runtime: () => runtime, connector: () => connector });
  const submitCheckIn = async (who: Who, www: string) => {
    const res = await invoke(who, VERBS.submitCheckIn, { eventId: CHECK_IN_2, www, score: '7' }, `${who}-prompt-card`);
    expect(res.status).toBe(200);
    // The confirmation leads on to the growth log and plan (seed 002 §11.3).
    expect(text(res.body.value)).toContain('Add to my growth log');
    expect(text(res.body.value)).toContain(VERBS.openGrowthCard);
    return (await runtime.db.collection('checkIns').findOne({ personId: ids[who], eventId: CHECK_IN_2 }))!;
  };

  beforeAll(async () => {
    connector = await startBotConnectorStandIn();
  });
  afterAll(async () => {
    await connector.close();
  });
  beforeEach(async () => {
    clock.now = NOW;
    runtime = await startTestRuntime({}, { clock: () => clock.now });
    await ensureOrganisation(runtime.ctx, { organisationId: TEST_TENANT, policyId: PACK });
    await importDirectory(runtime.ctx, TEST_TENANT, parseDirectoryFile(DIRECTORY, 'csv'));
    ids = await install(WHO);
    connector.reset();
  });
  afterEach(async () => {
    await runtime.stop();
  });

  it('puts the check-in in front of the coach, not the line manager; after the coach acknowledges, the person is asked for a growth-log entry', async () => {
    const checkIn = await submitCheckIn('alex', 'Tried cold-calling with Year 9');
    expect(checkIn.reviewerId).toBe(ids.colin);
    await drain();
    expect(text(connector.sentTo('a:29:colin'))).toContain('Tried cold-calling with Year 9');
    expect(connector.sentTo('a:29:megan')).toHaveLength(0);

    const byLineManager = await invoke('megan', VERBS.acknowledgeCheckIn, { checkInId: checkIn._id });
    expect(text(byLineManager.body.value)).toMatch(/Only the reviewer named/);
    expect(connector.sentTo('a:29:alex')).toHaveLength(0);

    const byCoach = await invoke('colin', VERBS.acknowledgeCheckIn, { checkInId: checkIn._id });
    expect(text(byCoach.body.value)).toContain('Acknowledged by you');
    await invoke('colin', VERBS.acknowledgeCheckIn, { checkInId: checkIn._id }); // a retry
    await drain();
    const prompts = connector.sentTo('a:29:alex').filter((a) => a.kind !== 'update' && text(a.activity).includes(VERBS.addGrowthLogEntry));
    expect(prompts).toHaveLength(1);
    expect(text(prompts[0]!.activity)).toContain('My growth log — after Check in 2');
    expect(text(prompts[0]!.activity)).toContain('with Colin Coach');

    const empty = await invoke('alex', VERBS.addGrowthLogEntry, { card: 'growth-log', checkInId: checkIn._id, whatIDid: 'Cold-called in three lessons', whatILearned: '', next: '' });
    expect(text(empty.body.value)).toMatch(/What I learned — cannot be empty/);
    expect(text(empty.body.value)).toContain('Cold-called in three lessons');
    expect(await runtime.db.collection('growthRecords').countDocuments({ kind: 'growth-log' })).toBe(0);

    const entry = { card: 'growth-log', checkInId: checkIn._id, whatIDid: 'Cold-called in three lessons', whatILearned: 'Wait time matters', next: 'Try mini whiteboards', feedback: 'Colin: more wait time', feedbackFrom: 'Colin Coach' };
    const saved = await invoke('alex', VERBS.addGrowthLogEntry, entry);
    expect(text(saved.body.value)).toContain('Saved to your growth log');
    await invoke('alex', VERBS.addGrowthLogEntry, entry); // Teams retried
    expect(await countGrowthLogEntries(runtime.ctx, TEST_TENANT, CYCLE)).toBe(1);
    expect(await runtime.db.collection('auditLog').countDocuments({ action: 'growth.log.added' })).toBe(1);

    const asCoach = await api('colin', `/people/${ids.alex}/growth`);
    expect(asCoach.status).toBe(200);
    expect(asCoach.body.log).toEqual([expect.objectContaining({ checkInId: checkIn._id, whatILearned: 'Wait time matters' })]);
    expect(asCoach.body.feedback[0]).toMatchObject({ key: 'autumn-2026', feedbackCount: 1, ended: false, flagged: false });
  });

  it('keeps the growth plan to the person and their coach: saved by the person, read by the coach, 404 to anyone else', async () => {
    const plan = { howIWillLearn: 'Observe Colin; read Rosenshine', checkInDates: ['2027-01-25', '2026-11-30'], completionOn: '2027-07-16', notes: 'Maths hub network' };
    const bad = await api('alex', '/growth/plan', { method: 'PUT', body: { ...plan, completionOn: '16/07/2027' } });
    expect(bad.status).toBe(422);
    expect(text(bad.body)).toContain('completionOn');
    const impossible = await api('alex', '/growth/plan', { method: 'PUT', body: { ...plan, checkInDates: ['2027-02-30'] } });
    expect(impossible.status).toBe(422);
    expect(text(impossible.body)).toContain('2027-02-30 is not a date in the calendar');
    const outside = await api('alex', '/growth/plan', { method: 'PUT', body: { ...plan, completionOn: '2028-01-01' } });
    expect(outside.status).toBe(422);
    expect(text(outside.body)).toMatch(/outside TPAT 2026-27/);

    const saved = await api('alex', '/growth/plan', { method: 'PUT', body: plan });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ howIWillLearn: plan.howIWillLearn, checkInDates: ['2026-11-30', '2027-01-25'], completionOn: '2027-07-16' });
    expect((await api('alex', '/growth/self-reflection', { method: 'PUT', body: { strengths: 'Relationships', growthAreas: 'Questioning' } })).status).toBe(200);

    const asCoach = await api('colin', `/people/${ids.alex}/growth`);
    expect(asCoach.status).toBe(200);
    // The tab parses these answers with the same schemas.
    expect(growthResponseSchema.safeParse(asCoach.body).error).toBeUndefined();
    expect(asCoach.body).toMatchObject({ coach: { id: ids.colin }, standard: "the Teachers' Standards", plan: { howIWillLearn: plan.howIWillLearn }, selfReflection: { growthAreas: 'Questioning' }, canEdit: false });
    for (const who of ['sam', 'megan', 'paula'] as const) {
      const refused = await api(who, `/people/${ids.alex}/growth`);
      expect(refused.status).toBe(404);
      expect(text(refused.body)).not.toContain('Rosenshine');
    }
    // The coach cannot write the person's plan: a PUT is always the caller's own.
    await api('colin', '/growth/plan', { method: 'PUT', body: { howIWillLearn: 'Colin’s own plan' } });
    expect((await api('alex', `/people/${ids.alex}/growth`)).body.plan.howIWillLearn).toBe(plan.howIWillLearn);

    const card = await say('alex', 'my plan');
    expect(text(card.body.activities)).toContain('My professional growth plan · TPAT 2026-27');
    expect(text(card.body.activities)).toContain('Observe Colin; read Rosenshine');
    expect(await runtime.db.collection('auditLog').countDocuments({ action: { $in: ['growth.plan.saved', 'growth.plan.changed'] } })).toBe(2);

    await drain();
    const told = connector.sentTo('a:29:colin').filter((a) => text(a.activity).includes('has written their'));
    expect(told.map((a) => (a.activity as { text: string }).text).sort()).toEqual([
      'Alex Wilber has written their professional growth plan. You can read it in the tab, under their name in My team.',
      'Alex Wilber has written their self-reflection. You can read it in the tab, under their name in My team.',
    ]);
    expect(connector.sentTo('a:29:megan')).toHaveLength(0);

    const summary = await api('paula', '/growth/summary');
    expect(summary.status).toBe(200);
    expect(growthSummaryResponseSchema.safeParse(summary.body).error).toBeUndefined();
    expect(summary.body).toMatchObject({ plans: 2, selfReflections: 1, growthLogEntries: 0, termsWithoutFeedback: 0 });
    expect((await api('alex', '/growth/summary')).status).toBe(403);
  });

  it('writes the plan and its commitment from the bot card; the commitment goes to the coach to agree', async () => {
    const card = await say('alex', 'my plan');
    const sent = text(card.body.activities);
    expect(sent).toContain('My commitment to grow');
    const commitmentId = /"commitmentId":"([^"]+)"/.exec(sent.replace(/\\"/g, '"'))![1]!;
    const data = {
      card: 'growth-plan',
      commitmentId,
      commitment: 'Better questioning in Year 9 maths',
      successLooksLike: 'Cold-call in every lesson by 2027-02-12\n- Pupils explain their reasoning — by 2027-05-28',
      howIWillLearn: 'Observe Colin',
      checkInDates: '2026-11-30, 2027-01-25',
      completionOn: '',
    };
    const saved = await invoke('alex', VERBS.saveGrowthPlan, data);
    expect(text(saved.body.value)).toContain('has gone to your coach to agree');
    await invoke('alex', VERBS.saveGrowthPlan, data); // Teams retried
    const rocks = await runtime.db.collection('rocks').find({ personId: ids.alex }).toArray();
    expect(rocks).toHaveLength(1);
    expect(rocks[0]).toMatchObject({ title: 'Better questioning in Year 9 maths', status: 'proposed' });
    expect(rocks[0]!.successCriteria.map((c: { text: string; targetDate?: string }) => [c.text, c.targetDate])).toEqual([
      ['Cold-call in every lesson', '2027-02-12'],
      ['Pupils explain their reasoning', '2027-05-28'],
    ]);
    const asCoach = await api('colin', `/people/${ids.alex}/growth`);
    expect(growthResponseSchema.safeParse(asCoach.body).error).toBeUndefined();
    expect(asCoach.body.commitments).toEqual([expect.objectContaining({ title: 'Better questioning in Year 9 maths', status: 'proposed' })]);
    expect(asCoach.body.plan).toMatchObject({ howIWillLearn: 'Observe Colin', checkInDates: ['2026-11-30', '2027-01-25'] });
  });

  it("adds a growth-log entry once per retry key; the key is the author's own and never the stored id (issue 16)", async () => {
    const key = `tab-${randomUUID()}`;
    const entry = { entryId: key, whatIDid: 'Observed a Year 9 lesson', whatILearned: 'Cold-calling needs wait time', next: 'Try it on Monday' };
    const first = await api('alex', '/growth/log', { method: 'POST', body: entry });
    expect(first.status).toBe(201);
    expect(first.body.id).not.toContain(key);
    const retry = await api('alex', '/growth/log', { method: 'POST', body: entry });
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(first.body.id);
    const logs = runtime.db.collection('growthRecords');
    expect(await logs.countDocuments({ kind: 'growth-log', personId: ids.alex })).toBe(1);
    // A colleague sending the same key writes an entry of their own; Alex's is untouched.
    const adeles = await api('adele', '/growth/log', { method: 'POST', body: { ...entry, whatIDid: 'Phonics groups' } });
    expect(adeles.status).toBe(201);
    expect(adeles.body.id).not.toBe(first.body.id);
    expect(await logs.findOne({ _id: first.body.id })).toMatchObject({ personId: ids.alex, whatIDid: 'Observed a Year 9 lesson' });
    expect(await logs.countDocuments({ kind: 'growth-log', personId: ids.adele })).toBe(1);
    // Five identical saves at once: every one answered, one entry stored.
    const raced = { ...entry, entryId: `tab-${randomUUID()}`, whatIDid: 'Sent five times at once' };
    const replies = await Promise.all(Array.from({ length: 5 }, () => api('alex', '/growth/log', { method: 'POST', body: raced })));
    expect(replies.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
    expect(await logs.countDocuments({ kind: 'growth-log', personId: ids.alex, whatIDid: 'Sent five times at once' })).toBe(1);
  });

  it('tells each coach once, after the term ends, which coachees had no feedback that term', async () => {
    const alexCheckIn = await submitCheckIn('alex', 'Tried cold-calling');
    await submitCheckIn('adele', 'Phonics groups');
    const response = await invoke('colin', VERBS.respondToCheckIn, { checkInId: alexCheckIn._id, responseAnchor: 'www', responseText: 'Lovely — add more wait time' });
    expect(text(response.body.value)).toContain('Lovely');
    // Sam's coach answers in the check-in's feedback thread instead: that is feedback too.
    const samCheckIn = await submitCheckIn('sam', 'Marking routine');
    const comment = await api('megan', `/threads/check-in/${samCheckIn._id}/comments`, { method: 'POST', body: { id: randomUUID(), text: 'Try whole-class feedback sheets' } });
    expect(comment.status).toBe(201);
    await drain();
    connector.reset();

    clock.now = new Date('2026-12-18T16:00:00Z'); // the last day of term: not yet
    expect((await queueDuePrompts(runtime.ctx)).feedbackFlagsQueued).toBe(0);
    clock.now = new Date('2026-12-19T09:00:00Z');
    expect((await queueDuePrompts(runtime.ctx)).feedbackFlagsQueued).toBe(1); // Colin, for Adele
    expect((await queueDuePrompts(runtime.ctx)).feedbackFlagsQueued).toBe(0);
    await drain();
    // A crash after the coaches' messages were queued but before the term was marked checked: the
    // next tick checks the term again and queues nothing new.
    await runtime.db.collection('decisions').deleteMany({ kind: 'feedback-term-checked' });
    expect((await queueDuePrompts(runtime.ctx)).feedbackFlagsQueued).toBe(0);
    await drain();

    // (The check-in's reviewer digest also goes out now: its window closed on the last day of term.)
    const flags = (chat: string) => connector.sentTo(chat).filter((a) => text(a.activity).includes('without feedback'));
    const toColin = flags('a:29:colin');
    expect(toColin).toHaveLength(1);
    expect(text(toColin[0]!.activity)).toContain('Autumn term 2026 has ended without feedback for Adele Vance');
    expect(text(toColin[0]!.activity)).not.toContain('Alex');
    expect(flags('a:29:megan')).toHaveLength(0);
    expect(flags('a:29:alex')).toHaveLength(0);
    expect(flags('a:29:adele')).toHaveLength(0);
    const checked = await runtime.db.collection('auditLog').find({ action: 'growth.feedbackTermChecked' }).toArray();
    expect(checked).toHaveLength(1);
    expect(checked[0]!.details.withoutFeedback).toContain(ids.adele);
    expect(checked[0]!.details.withoutFeedback).not.toContain(ids.sam);

    // Everyone in scope without feedback is counted, coach or not (Adele, Colin, Megan, Paula).
    expect(await countTermsWithoutFeedback(runtime.ctx, TEST_TENANT, CYCLE)).toBe(4);
    const summary = await api('paula', '/growth/summary');
    expect(summary.body.termsWithoutFeedback).toBe(4);
    expect(summary.body.byTerm[0]).toEqual({ key: 'autumn-2026', label: 'Autumn term 2026', withoutFeedback: 4 });
    expect(text(summary.body)).not.toContain('Adele');
    expect((await api('megan', `/people/${ids.sam}/growth`)).body.feedback[0]).toMatchObject({ feedbackCount: 1, ended: true, flagged: false });
    const adele = await api('colin', `/people/${ids.adele}/growth`);
    expect(adele.body.feedback[0]).toMatchObject({ feedbackCount: 0, ended: true, flagged: true });
  });

  it('asks someone with no coach for their growth-log entry as soon as they submit, since nobody will acknowledge', async () => {
    await submitCheckIn('colin', 'Coaching two colleagues');
    await drain();
    const prompts = connector.sentTo('a:29:colin').filter((a) => text(a.activity).includes(VERBS.addGrowthLogEntry));
    expect(prompts).toHaveLength(1);
  });

  it('sends a starter who joined after stage one opened the self-reflection card once (seed 002 §7.3)', async () => {
    await runtime.db.collection('people').updateOne({ _id: ids.adele } as never, { $set: { startedOn: '2026-12-01' } });
    expect((await queueDuePrompts(runtime.ctx)).growthPromptsQueued).toBe(1);
    expect((await queueDuePrompts(runtime.ctx)).growthPromptsQueued).toBe(0);
    clock.now = new Date('2026-12-02T10:00:00Z'); // the next day's check finds her already asked
    expect((await queueDuePrompts(runtime.ctx)).growthPromptsQueued).toBe(0);
    await drain();
    const stageOne = (chat: string) => connector.sentTo(chat).filter((a) => text(a.activity).includes(VERBS.saveSelfReflection));
    const toAdele = stageOne('a:29:adele');
    expect(toAdele).toHaveLength(1);
    expect(text(toAdele[0]!.activity)).toContain('Stage one: establishing a starting point');
    expect(text(toAdele[0]!.activity)).toContain('the teaching assistant standards (GGP Toolkit Resource 2)');
    expect(stageOne('a:29:alex')).toHaveLength(0);
  });

  it('sends the stage four card once when reflection, review and sharing opens, and saves what is written', async () => {
    clock.now = new Date('2027-06-07T08:30:00Z');
    const first = await queueDuePrompts(runtime.ctx);
    expect(first.growthPromptsQueued).toBe(6);
    expect((await queueDuePrompts(runtime.ctx)).growthPromptsQueued).toBe(0);
    await drain();
    const toAlex = connector.sentTo('a:29:alex');
    expect(toAlex).toHaveLength(1);
    expect(text(toAlex[0]!.activity)).toContain('Stage four: reflection, review and sharing');
    const saved = await invoke('alex', VERBS.saveEndReflection, { card: 'end-reflection', successes: 'Questioning improved', growth: 'More confident', sharing: 'Maths department meeting' });
    expect(text(saved.body.value)).toContain('Saved. Share it with your coach');
    const asCoach = await api('colin', `/people/${ids.alex}/growth`);
    expect(asCoach.body.endReflection).toMatchObject({ successes: 'Questioning improved', sharing: 'Maths department meeting' });
  });
});
