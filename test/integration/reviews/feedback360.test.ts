// 360-degree feedback (seed 000 §8, §11.2) through the real endpoints: a person asks named
// colleagues about one of their rocks over /api/v1; the colleague gets a card (Bot Connector
// stand-in) and answers from it over /api/messages; the asker is told; the answer becomes their
// supporting information, named or anonymous as the policy says. Nobody outside the organisation can be
// asked (and nothing about them leaks); nobody but the colleague asked can answer.
import { randomUUID } from 'node:crypto';
import { startBotConnectorStandIn, type BotConnectorStandIn } from '../../standins/botConnector';
import { personalWorld, startTestRuntime } from '../../support/runtime';
import { TEST_TENANT } from '../../support/activities';
import type { Runtime } from '../../../bot/runtime';
import { cycleIdFor, ensureOrganisation } from '../../../bot/usecases/organisations';
import { importDirectory, parseDirectoryFile } from '../../../bot/usecases/directory';
import { queueFeedbackReminders, supportingFeedback } from '../../../bot/usecases/feedbackRequests';
import { REVIEW_VERBS } from '../../../shared/verbs';
import { feedbackRequestDtoSchema, feedbackRequestListResponseSchema } from '../../../shared/api/yearReviews';
import type { Rock } from '../../../shared/domain';

const PACK = 'tsfe-2026-27';
const CYCLE = cycleIdFor(TEST_TENANT, '2026-27');
const OTHER_TENANT = '00000000-0000-0000-0000-0000000000002';
const NOW = new Date('2026-12-01T10:00:00Z');
const clock = { now: NOW };
const DIRECTORY = `name,email,entraObjectId,school,role,reviewer,coach,roles
Alex Wilber,alexw@example.com,oid-alex,Hill School,teacher,meganb@example.com,,
Sam Colleague,samc@example.com,oid-sam,Hill School,teacher,meganb@example.com,,
Adele Vance,adelev@example.com,oid-adele,Hill School,teacher,meganb@example.com,,
Megan Bowen,meganb@example.com,oid-megan,Hill School,leader,,,
`;
const OTHER_DIRECTORY = `name,email,entraObjectId,school,role,reviewer,coach,roles
Olive Outsider,olive@other.example.com,oid-olive,Far School,teacher,,,
`;

type Who = 'alex' | 'sam' | 'adele' | 'megan';
const WHO: Who[] = ['alex', 'sam', 'adele', 'megan'];
const text = (x: unknown) => JSON.stringify(x);

describe('360-degree feedback from named colleagues', () => {
  let connector: BotConnectorStandIn;
  let runtime: Runtime;
  let ids: Record<Who, string>;
  let rock: Rock;

  const world = personalWorld<Who>({ runtime: () => runtime, connector: () => connector });
  const { drain, api, install, say } = world;
  const invoke = (who: Who, verb: string, data: Record<string, unknown>) => world.invoke(who, verb, data, `${who}-card`);
  const ask = (who: Who, body: unknown) => api(who, '/feedback-requests', { method: 'POST', body });
  const organisation = async () => (await runtime.repos.organisations.get(TEST_TENANT))!;
  const cards = (who: Who) => connector.sentTo(`a:29:${who}`).filter((a) => a.kind !== 'update');

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
    await ensureOrganisation(runtime.ctx, { organisationId: OTHER_TENANT, policyId: PACK });
    await importDirectory(runtime.ctx, OTHER_TENANT, parseDirectoryFile(OTHER_DIRECTORY, 'csv'));
    ids = await install(WHO);
    const org = { organisationId: TEST_TENANT };
    rock = (
      await runtime.repos.rocks.create(org, {
        id: randomUUID(),
        organisationId: TEST_TENANT,
        personId: ids.alex,
        cycleId: CYCLE,
        slotId: 'school',
        rockWindowId: 'autumn',
        title: 'Year 9 reading fluency',
        description: '',
        alignment: [],
        successCriteria: [{ id: 'sc1', text: 'Reading ages up by a year', done: false }],
        status: 'agreed',
        history: [],
        version: 0,
        createdAt: NOW,
        updatedAt: NOW,
      })
    ).rock;
    connector.reset();
  });
  afterEach(async () => {
    await runtime.stop();
  });

  it('asks a colleague, who answers from the card; the asker is told; the answer is supporting information with the name', async () => {
    const asked = await ask('alex', { askedPersonIds: [ids.sam], rockId: rock.id, question: 'How did my guided reading look?', id: 'client-chosen' });
    expect(asked.status).toBe(201);
    const lists = feedbackRequestListResponseSchema.parse(asked.body);
    expect(lists.askedByMe).toHaveLength(1);
    const request = lists.askedByMe[0]!;
    expect(request.id).not.toBe('client-chosen');
    expect(request).toMatchObject({ asked: { displayName: 'Sam Colleague' }, rockTitle: 'Year 9 reading fluency', question: 'How did my guided reading look?' });

    await drain();
    const toSam = cards('sam');
    expect(toSam).toHaveLength(1);
    const card = text(toSam[0]!.activity);
    expect(card).toContain('Alex Wilber asks for your feedback');
    expect(card).toContain('Year 9 reading fluency');
    expect(card).toContain('Reading ages up by a year');
    expect(card).toContain('How did my guided reading look?');
    expect(card).toContain(REVIEW_VERBS.answerFeedback);
    expect(card).toContain(REVIEW_VERBS.declineFeedback);

    // An empty answer is refused on the card, which keeps the form.
    const empty = await invoke('sam', REVIEW_VERBS.answerFeedback, { requestId: request.id, answer: '  ' });
    expect(text(empty.body.value)).toMatch(/Your feedback — cannot be empty/);

    const answered = await invoke('sam', REVIEW_VERBS.answerFeedback, { requestId: request.id, answer: 'Clear modelling; try more paired reading.' });
    expect(answered.status).toBe(200);
    const answeredCard = text(answered.body.value);
    expect(answeredCard).toContain('Sent to Alex Wilber');
    expect(answeredCard).toContain('Clear modelling; try more paired reading.');
    expect(answeredCard).toContain('"title":"Edit"');

    await drain();
    const toAlex = cards('alex');
    expect(toAlex).toHaveLength(1);
    expect(text(toAlex[0]!.activity)).toContain('Sam Colleague answered your feedback request on your rock \\"Year 9 reading fluency\\"');
    expect(text(toAlex[0]!.activity)).toContain('Clear modelling; try more paired reading.');

    // Sam edits the answer (until the cycle ends); Alex is not told twice.
    const edit = await invoke('sam', REVIEW_VERBS.answerFeedback, { requestId: request.id, mode: 'edit' });
    expect(text(edit.body.value)).toContain('Clear modelling; try more paired reading.');
    expect(text(edit.body.value)).toContain('Save my changes');
    const edited = await api('sam', `/feedback-requests/${request.id}/answer`, { method: 'POST', body: { answer: 'Clear modelling; more paired reading next term.' } });
    expect(edited.status).toBe(200);
    expect(feedbackRequestDtoSchema.parse(edited.body).answer).toBe('Clear modelling; more paired reading next term.');
    await drain();
    expect(cards('alex')).toHaveLength(1);

    const mine = feedbackRequestListResponseSchema.parse((await api('alex', '/feedback-requests')).body);
    expect(mine.askedByMe[0]).toMatchObject({ answer: 'Clear modelling; more paired reading next term.' });
    const samsView = feedbackRequestListResponseSchema.parse((await api('sam', '/feedback-requests')).body);
    expect(samsView.askedOfMe).toHaveLength(1);
    expect(samsView.askedByMe).toHaveLength(0);

    const supporting = await supportingFeedback(runtime.ctx, await organisation(), ids.alex, CYCLE);
    expect(supporting).toEqual([{ from: 'Sam Colleague', text: 'Clear modelling; more paired reading next term.', rockId: rock.id, at: expect.any(Date) }]);

    const audit = await runtime.db.collection('auditLog').find({ 'subject.id': request.id }).toArray();
    expect(audit.map((a) => a.action).sort()).toEqual(['feedback-request.answer-edited', 'feedback-request.answered', 'feedback-request.asked']);
  });

  it('gives no name with the supporting information where the policy makes 360 feedback anonymous', async () => {
    const org = await organisation();
    const reviews = org.policy.reviews!;
    await runtime.repos.organisations.setPolicy(TEST_TENANT, { ...org.policy, reviews: { ...reviews, feedback360: { ...reviews.feedback360, anonymous: true } } }, (org.policyVersion ?? 1) + 1, NOW);
    const { body } = await ask('alex', { askedPersonIds: [ids.sam], rockId: rock.id });
    const requestId = feedbackRequestListResponseSchema.parse(body).askedByMe[0]!.id;
    await api('sam', `/feedback-requests/${requestId}/answer`, { method: 'POST', body: { answer: 'Great questioning.' } });
    const supporting = await supportingFeedback(runtime.ctx, await organisation(), ids.alex, CYCLE);
    expect(supporting).toEqual([expect.objectContaining({ from: null, text: 'Great questioning.' })]);
    await drain();
    expect(text(cards('alex')[0]!.activity)).toContain('A colleague answered your feedback request');
    expect(text(cards('alex')[0]!.activity)).not.toContain('Sam Colleague');
  });

  it("cannot ask a colleague of another organisation (422, nothing about them said), nor oneself, nor about someone else's rock", async () => {
    const olive = (await runtime.repos.people.findByEntraObjectId({ organisationId: OTHER_TENANT }, 'oid-olive'))!;
    const outsider = await ask('alex', { askedPersonIds: [olive.id] });
    expect(outsider.status).toBe(422);
    expect(text(outsider.body)).toContain('askedPersonIds');
    expect(text(outsider.body)).not.toMatch(/Olive|Far School|other\.example/);
    const unknown = await ask('alex', { askedPersonIds: ['no-such-person'] });
    expect(unknown.status).toBe(422);
    expect(text(unknown.body).replace('no-such-person', '')).toBe(text(outsider.body).replace(olive.id, ''));

    // The ask form's people search: colleagues of my organisation only, never me.
    const search = async (q: string) => {
      const res = await api('alex', `/feedback-requests/colleagues?q=${q}`);
      expect(res.status).toBe(200);
      return (res.body.items as Array<{ displayName: string }>).map((p) => p.displayName);
    };
    expect(await search('sam')).toEqual(['Sam Colleague']);
    expect(await search('olive')).toEqual([]);
    expect(await search('alex')).toEqual([]);

    expect((await ask('alex', { askedPersonIds: [ids.alex] })).status).toBe(422);
    const notMine = await ask('sam', { askedPersonIds: [ids.adele], rockId: rock.id });
    expect(notMine.status).toBe(422);
    expect(text(notMine.body)).toContain('rockId');
    expect(await runtime.db.collection('feedbackRequests').countDocuments({})).toBe(0);
  });

  it('lets nobody but the colleague asked answer or decline (404)', async () => {
    const { body } = await ask('alex', { askedPersonIds: [ids.sam], rockId: rock.id });
    const requestId = feedbackRequestListResponseSchema.parse(body).askedByMe[0]!.id;
    expect((await api('adele', `/feedback-requests/${requestId}/answer`, { method: 'POST', body: { answer: 'Pretending to be Sam' } })).status).toBe(404);
    expect((await api('alex', `/feedback-requests/${requestId}/answer`, { method: 'POST', body: { answer: 'Answering myself' } })).status).toBe(404);
    expect((await api('megan', `/feedback-requests/${requestId}/decline`, { method: 'POST' })).status).toBe(404);
    const onCard = await invoke('adele', REVIEW_VERBS.answerFeedback, { requestId, answer: 'Pretending to be Sam' });
    expect(text(onCard.body.value)).not.toContain('Sent to');
    const stored = await runtime.db.collection('feedbackRequests').findOne({ _id: requestId as never });
    expect(stored?.answer).toBeUndefined();

    // Sam declines; Alex is told kindly, and no reason is kept.
    const declined = await invoke('sam', REVIEW_VERBS.declineFeedback, { requestId });
    expect(text(declined.body.value)).toContain("can't give feedback this time");
    await drain();
    expect(text(cards('alex').at(-1)!.activity)).toContain("Sam Colleague can't give feedback on your rock");
  });

  it('does not ask the same colleague twice about the same rock while one ask is open, and refuses asks over the limit', async () => {
    const first = await ask('alex', { askedPersonIds: [ids.sam], rockId: rock.id, question: 'First' });
    expect(first.status).toBe(201);
    const again = await ask('alex', { askedPersonIds: [ids.sam], rockId: rock.id, question: 'Again' });
    expect(again.status).toBe(200);
    expect(feedbackRequestListResponseSchema.parse(again.body).askedByMe).toHaveLength(1);
    await drain();
    expect(cards('sam')).toHaveLength(1);

    const org = await organisation();
    const reviews = org.policy.reviews!;
    await runtime.repos.organisations.setPolicy(TEST_TENANT, { ...org.policy, reviews: { ...reviews, feedback360: { ...reviews.feedback360, maxAsksPerRock: 2 } } }, (org.policyVersion ?? 1) + 1, NOW);
    const over = await ask('alex', { askedPersonIds: [ids.adele, ids.megan], rockId: rock.id });
    expect(over.status).toBe(422);
    expect(text(over.body)).toMatch(/up to 2 requests waiting/);
    expect((await ask('alex', { askedPersonIds: [ids.adele], rockId: rock.id })).status).toBe(201);
    // The year as a whole is counted on its own.
    expect((await ask('alex', { askedPersonIds: [ids.megan] })).status).toBe(201);
  });

  it('asks from the chat: "ask feedback" sends the picker card; its Ask keeps what was typed when refused', async () => {
    expect(text((await say('alex', 'help')).body)).toContain('ask feedback');
    const reply = await say('alex', 'ask feedback');
    const card = text(reply.body);
    expect(card).toContain('Ask colleagues for feedback');
    expect(card).toContain('pgteams.people');
    expect(card).toContain('Year 9 reading fluency');
    const refused = await invoke('alex', REVIEW_VERBS.askFeedback, { askedPersonIds: '', rockId: rock.id, question: 'What should I keep doing?' });
    expect(text(refused.body.value)).toContain('Colleagues to ask — choose at least one colleague');
    expect(text(refused.body.value)).toContain('What should I keep doing?');
    const sent = await invoke('alex', REVIEW_VERBS.askFeedback, { askedPersonIds: `${ids.sam},${ids.adele}`, rockId: rock.id, question: 'What should I keep doing?' });
    expect(text(sent.body.value)).toContain('Asked Sam Colleague and Adele Vance');
    await drain();
    expect(cards('sam')).toHaveLength(1);
    expect(cards('adele')).toHaveLength(1);

    // A week on, unanswered: one reminder, once.
    clock.now = new Date(NOW.getTime() + 8 * 86_400_000);
    expect(await queueFeedbackReminders(runtime.ctx, await organisation())).toBe(2);
    expect(await queueFeedbackReminders(runtime.ctx, await organisation())).toBe(0);
    await drain();
    expect(text(cards('sam').at(-1)!.activity)).toContain('Reminder: Alex Wilber asked for your feedback');
  });
});
