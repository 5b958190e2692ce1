// The reviewer's side of check-ins (seed 001: acknowledge every check-in, comment on at least one
// answer), the check-in timeline, the schedule and the team's overdue list.
import { startApiHarness, type ApiHarness } from './apiWorld';

describe('/api/v1 check-ins and reviews', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness();
  });
  afterAll(async () => api.stop());

  const as = async (who: 'alice' | 'rita', path: string, method = 'GET', body?: unknown) =>
    api.call(path, { method, body, token: await api.tokenFor(api.world[who]) });

  it('shows Alice every check-in event of the cycle with its state, on-time rate and scores', async () => {
    const res = await as('alice', `/api/v1/people/${api.world.alice.id}/check-ins`);
    expect(res.status).toBe(200);
    expect(res.body.entries.map((e: { title: string; state: string }) => [e.title, e.state])).toEqual([
      ['Check in 1', 'on-time'],
      ['Check in 2', 'open'],
      ['Check in 3', 'upcoming'],
    ]);
    expect(res.body.entries[0].checkIn.answers.www).toBe('Year 9 loved the practical');
    expect(res.body.onTime).toEqual({ onTime: 1, due: 1, rate: 1 });
    expect(res.body.scores).toEqual([{ date: '2026-02-13', score: 7, checkInId: api.world.aliceCheckIn.id }]);
  });

  it('tells the reviewer who has not checked in and what awaits acknowledgement', async () => {
    const res = await as('rita', '/api/v1/team');
    expect(res.body.checkIn.key).toBe('check-in-2');
    const alice = res.body.members.find((m: { person: { id: string } }) => m.person.id === api.world.alice.id);
    expect(alice.lastCheckIn).toMatchObject({ id: api.world.aliceCheckIn.id, title: 'Check in 1' });
    expect(alice.awaitingAcknowledgement.map((c: { id: string }) => c.id)).toEqual([api.world.aliceCheckIn.id]);
    expect(alice.notCheckedIn).toMatchObject({ eventId: api.world.events.open.id, state: 'open' });
  });

  it('acknowledges once: a second acknowledgement changes nothing and is audited once', async () => {
    const path = `/api/v1/check-ins/${encodeURIComponent(api.world.aliceCheckIn.id)}/acknowledge`;
    const first = await as('rita', path, 'POST', {});
    expect(first.status).toBe(200);
    expect(first.body.acknowledgement).toMatchObject({ byPersonId: api.world.rita.id, byName: 'Rita Reviewer', at: '2026-02-27T12:00:00.000Z' });
    const second = await as('rita', path, 'POST');
    expect(second.status).toBe(200);
    expect(second.body.acknowledgement).toEqual(first.body.acknowledgement);
    const audit = await api.repos.auditLog.list({ organisationId: api.world.org.id }, { subjectId: api.world.aliceCheckIn.id });
    expect(audit.items.filter((e) => e.action === 'checkIn.acknowledged')).toHaveLength(1);
    const team = await as('rita', '/api/v1/team');
    const alice = team.body.members.find((m: { person: { id: string } }) => m.person.id === api.world.alice.id);
    expect(alice.awaitingAcknowledgement).toEqual([]);
  });

  it('validates the response and names the field', async () => {
    const path = `/api/v1/check-ins/${encodeURIComponent(api.world.aliceCheckIn.id)}/respond`;
    const empty = await as('rita', path, 'POST', { text: '', anchor: 'www' });
    expect(empty.status).toBe(422);
    expect(empty.body.errors).toEqual([{ path: 'text', message: 'cannot be empty' }]);
    const badAnchor = await as('rita', path, 'POST', { text: 'Good', anchor: 'rock:not-in-this-check-in' });
    expect(badAnchor.body.errors).toEqual([{ path: 'anchor', message: expect.any(String) }]);
  });

  it('shows the check-in with what the caller may do', async () => {
    const reviewer = await as('rita', `/api/v1/check-ins/${encodeURIComponent(api.world.aliceCheckIn.id)}`);
    expect(reviewer.body).toMatchObject({ person: { displayName: 'Alice Reviewee' }, canAcknowledge: false, canRespond: true, event: { key: 'check-in-1', phase: 'closed' } });
    const self = await as('alice', `/api/v1/check-ins/${encodeURIComponent(api.world.aliceCheckIn.id)}`);
    expect(self.body).toMatchObject({ canAcknowledge: false, canRespond: false });
  });

  it('publishes the schedule with windows as instants and phases', async () => {
    const res = await as('alice', '/api/v1/schedule');
    expect(res.status).toBe(200);
    expect(res.body.events.map((e: { key: string; phase: string }) => [e.key, e.phase])).toEqual([
      ['check-in-1', 'closed'],
      ['check-in-2', 'open'],
      ['check-in-3', 'upcoming'],
    ]);
    expect(res.body.events[1]).toMatchObject({ opensAt: '2026-02-27T08:00:00.000Z', closesAt: '2026-03-05T23:59:59.999Z' });
  });

  it('answers an unknown id with a 404 problem', async () => {
    const res = await as('alice', '/api/v1/check-ins/nope');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'notFound', type: 'urn:pgteams:problem:notFound' });
  });
});
