// Issue 15: checking in from the tab through the real HTTP endpoint. GET /check-ins/current gives the
// open check-in with the card's questions, the rocks to report on and what was already sent; POST
// /check-ins is the card's use case (refusals name the field, edits until close answer 200); someone
// the policy leaves out is told so, and their timeline shows nothing missed and no on-time rate.
import { randomUUID } from 'node:crypto';
import { AT_LEAST_ONE_ANSWER } from '../../../bot/cards/parseCheckInSubmission';
import { botChatUrl } from '../../../bot/http/api/currentCheckIn';
import { currentCheckInResponseSchema } from '../../../shared/api';
import { buildPerson, buildRock } from '../../support/builders';
import { startApiHarness, type ApiHarness } from './apiWorld';

describe('/api/v1/check-ins/current and checking in from the tab', () => {
  let api: ApiHarness;
  let rockId: string;
  beforeAll(async () => {
    api = await startApiHarness();
    const { org, alice, cycleId } = api.world;
    const rock = buildRock({ organisationId: org.id, personId: alice.id, cycleId, rockWindowId: 'spring', slotId: 'trust', title: 'Raise reading ages in Year 5', status: 'agreed' });
    await api.repos.rocks.create({ organisationId: org.id }, rock);
    rockId = rock.id;
  });
  afterAll(async () => api.stop());

  const asAlice = async (path: string, method = 'GET', body?: unknown) => api.call(path, { method, body, token: await api.tokenFor(api.world.alice) });

  it('gives the open check-in with the card’s questions, the agreed rocks and the reviewer, and nothing sent yet', async () => {
    const res = await asAlice('/api/v1/check-ins/current');
    expect(res.status).toBe(200);
    const body = currentCheckInResponseSchema.parse(res.body);
    expect(body).toMatchObject({ state: 'open', event: { id: api.world.events.open.id, title: 'Check in 2', phase: 'open' }, reviewer: { displayName: 'Rita Reviewer' } });
    expect(body.checkIn).toBeUndefined();
    expect(body.now).toBe('2026-02-27T12:00:00.000Z');
    expect(body.rocks).toEqual([{ id: rockId, title: 'Raise reading ages in Year 5', label: 'Rock 1: Raise reading ages in Year 5' }]);
    expect(body.questions.www).toMatchObject({ label: 'What went well', max: 1000 });
    expect(body.questions.score.label).toBe('Score out of 10');
    expect(body.intro[1]).toContain('Rita Reviewer');
    // No bot registration in this world: no chat link rather than a broken one.
    expect(body.chatUrl).toBeUndefined();
    expect(botChatUrl({ BOT_ID: 'b0t-id' })).toBe('https://teams.microsoft.com/l/chat/0/0?users=28%3Ab0t-id');
  });

  it('refuses an empty check-in and an over-long answer, naming the field, and stores nothing', async () => {
    const empty = await asAlice('/api/v1/check-ins', 'POST', { eventId: api.world.events.open.id, answers: { www: '   ' } });
    expect(empty.status).toBe(422);
    expect(empty.body).toMatchObject({ code: 'invalidInput', errors: [{ path: 'answers', message: AT_LEAST_ONE_ANSWER }] });
    const long = await asAlice('/api/v1/check-ins', 'POST', { eventId: api.world.events.open.id, answers: { www: 'x'.repeat(1001), ebi: 'Plan the plenary' } });
    expect(long.status).toBe(422);
    expect(long.body.errors).toEqual([{ path: 'answers.www', message: 'keep it under 1000 characters' }]);
    expect((await asAlice('/api/v1/check-ins/current')).body.checkIn).toBeUndefined();
  });

  it('checks in (201), shows the answers to edit, and takes an edit while the window is open (200)', async () => {
    const eventId = api.world.events.open.id;
    const first = await asAlice('/api/v1/check-ins', 'POST', { eventId, answers: { www: 'Reading buddies started', score: 7, rockProgress: [{ rockId, progress: 'Baseline tests done' }] } });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ timeliness: 'on-time', answers: { www: 'Reading buddies started', score: 7, rockProgress: [{ rockId, rockTitle: 'Raise reading ages in Year 5', progress: 'Baseline tests done' }] } });
    const current = currentCheckInResponseSchema.parse((await asAlice('/api/v1/check-ins/current')).body);
    expect(current.checkIn).toMatchObject({ id: first.body.id, answers: { www: 'Reading buddies started', score: 7 } });

    const edit = await asAlice('/api/v1/check-ins', 'POST', { eventId, answers: { www: 'Reading buddies started in all classes', score: 8, rockProgress: [{ rockId, progress: 'Baseline tests done' }] } });
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({ id: first.body.id, answers: { www: 'Reading buddies started in all classes', score: 8 } });
    expect(edit.body.editedAt).toBeDefined();
    const audit = await api.repos.auditLog.list({ organisationId: api.world.org.id }, { subjectId: first.body.id });
    expect(audit.items.map((a) => a.action).sort()).toEqual(['checkIn.edited', 'checkIn.submitted']);
  });

  it('tells someone the policy leaves out that they are not asked; their timeline has nothing missed and no rate', async () => {
    const { org } = api.world;
    const ect = buildPerson({ organisationId: org.id, entraObjectId: randomUUID(), displayName: 'Eve Excluded', status: 'excluded', statusReason: 'long-term absence' });
    await api.repos.people.upsertMany({ organisationId: org.id }, [ect]);
    const token = await api.tokenFor(ect);
    const current = await api.call('/api/v1/check-ins/current', { token });
    expect(current.status).toBe(200);
    expect(current.body).toMatchObject({ state: 'not-asked', message: expect.stringContaining("You're not asked"), rocks: [] });
    expect(current.body.event).toBeUndefined();

    const timeline = await api.call(`/api/v1/people/${ect.id}/check-ins`, { token });
    expect(timeline.status).toBe(200);
    expect(timeline.body.participation).toEqual({ asked: false, reason: 'excluded from professional growth (long-term absence)' });
    expect(timeline.body.entries.map((e: { state: string }) => e.state)).toEqual(['not-asked', 'not-asked', 'not-asked']);
    expect(timeline.body.onTime).toEqual({ onTime: 0, due: 0, rate: null });

    // Alice, who is asked: her closed check-in 1 is on time, the open one open.
    const alice = await asAlice(`/api/v1/people/${api.world.alice.id}/check-ins`);
    expect(alice.body.participation).toEqual({ asked: true });
    expect(alice.body.entries.map((e: { state: string }) => e.state)).toEqual(['on-time', 'on-time', 'upcoming']);
  });
});
