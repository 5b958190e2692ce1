// Issue 16: a legal hold and an erasure asked for at the same moment, through the real /api/v1.
// FerretDB updates are not atomic and nothing is locked, so the two are made safe with unique
// inserts: the erasure first takes an "erasing" decision and then looks for a hold; putting a hold
// looks for that decision after its own insert. Whatever the interleaving, a held person is never
// erased: one of them wins, or both refuse (409, saying why), and the database shows exactly that.
import { randomUUID } from 'node:crypto';
import { ERASING_DECISION, erasingSubject } from '../../../bot/usecases/legalHold';
import { apiPaths as paths } from '../../../shared/api';
import { buildCheckIn, buildPerson } from '../../support/builders';
import { NOW, startApiHarness, type ApiHarness } from '../api/apiWorld';

describe('erasure and a legal hold at the same time', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness();
  });
  afterAll(async () => api.stop());

  /** A new colleague with a check-in: one per round, so each round races over a person of its own. */
  async function newColleague(n: number) {
    const o = api.world.org.id;
    const person = buildPerson({ organisationId: o, entraObjectId: randomUUID(), displayName: `Race Person ${n}`, email: `race${n}@school.example` });
    await api.repos.people.upsertMany({ organisationId: o }, [person]);
    await api.repos.checkIns.submit({ organisationId: o }, buildCheckIn({ organisationId: o, personId: person.id, cycleId: api.world.cycleId, eventId: api.world.events.open.id, reviewerId: api.world.rita.id, submittedAt: NOW, createdAt: NOW, updatedAt: NOW }));
    return person;
  }

  it('never erases a held person, whichever request gets there first (repeated); a refusal says why and changes nothing', async () => {
    const token = await api.tokenFor(api.world.paula);
    const outcomes = new Set<string>();
    for (let round = 0; round < 8; round += 1) {
      const person = await newColleague(round);
      const [hold, erasure] = await Promise.all([
        api.call(paths.legalHold(person.id), { method: 'PUT', token, body: { reason: `Tribunal ${round}` } }),
        api.call(`/api/v1/people/${encodeURIComponent(person.id)}/erasure`, { method: 'POST', token, body: { reason: 'Asked by letter', confirm: person.displayName } }),
      ]);
      expect([201, 409]).toContain(hold.status);
      expect([200, 409]).toContain(erasure.status);
      const held = (await api.db.collection('legalHolds').countDocuments({ organisationId: api.world.org.id, personId: person.id })) === 1;
      const stored = await api.db.collection('people').findOne({ _id: person.id as never });
      const checkIns = await api.db.collection('checkIns').countDocuments({ personId: person.id });
      const erased = stored?.statusReason === 'erased';
      outcomes.add(`hold ${hold.status}, erasure ${erasure.status}`);
      // What the answers said is what the database holds.
      expect({ round, held, erased }).toEqual({ round, held: hold.status === 201, erased: erasure.status === 200 });
      expect({ round, heldAndErased: held && erased }).toEqual({ round, heldAndErased: false });
      if (!erased) expect([round, stored?.displayName, checkIns]).toEqual([round, person.displayName, 1]);
      if (erased) expect([round, checkIns]).toEqual([round, 0]);
      if (hold.status === 409) expect(hold.body.detail).toMatch(/records are being erased|were erased/);
      if (erasure.status === 409) expect(erasure.body.detail).toMatch(/legal hold|being erased/);
      for (const res of [hold, erasure]) expect(JSON.stringify(res.body)).not.toMatch(/stack|mongo|ferret|decision/i);
      // Exactly one audit entry for what happened, none for what was refused.
      const holdPuts = await api.db.collection('auditLog').countDocuments({ action: 'retention.holdPut', 'subject.id': person.id });
      expect([round, holdPuts]).toEqual([round, hold.status === 201 ? 1 : 0]);
    }
    console.log([...outcomes].join('; '));
  });

  it('an erasure refused by a hold gives its marker back: once the hold is lifted, a hold can be put again and the erasure made', async () => {
    const token = await api.tokenFor(api.world.paula);
    const person = await newColleague(200);
    const erasure = () => api.call(`/api/v1/people/${encodeURIComponent(person.id)}/erasure`, { method: 'POST', token, body: { reason: 'Asked by letter', confirm: person.displayName } });
    expect((await api.call(paths.legalHold(person.id), { method: 'PUT', token, body: { reason: 'Tribunal' } })).status).toBe(201);
    const refused = await erasure();
    expect([refused.status, refused.body.detail]).toEqual([409, expect.stringMatching(/legal hold/)]);
    expect((await api.call(paths.legalHold(person.id), { method: 'DELETE', token, body: { reason: 'Settled' } })).body.lifted).toBe(true);
    expect((await api.call(paths.legalHold(person.id), { method: 'PUT', token, body: { reason: 'Another claim' } })).status).toBe(201);
    expect((await api.call(paths.legalHold(person.id), { method: 'DELETE', token, body: { reason: 'Withdrawn' } })).body.lifted).toBe(true);
    expect((await erasure()).status).toBe(200);
    expect(await api.db.collection('checkIns').countDocuments({ personId: person.id })).toBe(0);
  });

  it('an erasure that died part-way (its marker left behind) blocks holds and erasures for a while, then a new erasure or a hold takes over', async () => {
    const token = await api.tokenFor(api.world.paula);
    const o = { organisationId: api.world.org.id };
    const erasure = (p: { id: string; displayName: string }) => api.call(`/api/v1/people/${encodeURIComponent(p.id)}/erasure`, { method: 'POST', token, body: { reason: 'Asked by letter', confirm: p.displayName } });
    const fresh = await newColleague(300);
    expect(await api.repos.decisions.take(o, ERASING_DECISION, erasingSubject(o.organisationId, fresh.id), 'a-crashed-request', NOW)).toBe(true);
    const busy = await erasure(fresh);
    expect([busy.status, busy.body.detail]).toEqual([409, expect.stringMatching(/being erased by another request/)]);
    const hold = await api.call(paths.legalHold(fresh.id), { method: 'PUT', token, body: { reason: 'Tribunal' } });
    expect([hold.status, hold.body.detail]).toEqual([409, expect.stringMatching(/being erased/)]);
    expect(await api.db.collection('legalHolds').countDocuments({ personId: fresh.id })).toBe(0);
    expect(await api.db.collection('checkIns').countDocuments({ personId: fresh.id })).toBe(1);
    const stale = await newColleague(301);
    expect(await api.repos.decisions.take(o, ERASING_DECISION, erasingSubject(o.organisationId, stale.id), 'a-crashed-request', new Date(NOW.getTime() - 60 * 60 * 1000))).toBe(true);
    expect((await erasure(stale)).status).toBe(200);
    expect(await api.db.collection('checkIns').countDocuments({ personId: stale.id })).toBe(0);
    // A hold, too, stands over a dead erasure's marker, and the erasure after it sees the hold.
    const dead = await newColleague(302);
    expect(await api.repos.decisions.take(o, ERASING_DECISION, erasingSubject(o.organisationId, dead.id), 'a-crashed-request', new Date(NOW.getTime() - 60 * 60 * 1000))).toBe(true);
    expect((await api.call(paths.legalHold(dead.id), { method: 'PUT', token, body: { reason: 'Tribunal' } })).status).toBe(201);
    const refused = await erasure(dead);
    expect([refused.status, refused.body.detail]).toEqual([409, expect.stringMatching(/legal hold/)]);
    expect(await api.db.collection('checkIns').countDocuments({ personId: dead.id })).toBe(1);
  });

  it('refuses a hold on someone already erased, and a second erasure, with a clear 409 and nothing stored', async () => {
    const token = await api.tokenFor(api.world.paula);
    const person = await newColleague(100);
    const erased = await api.call(`/api/v1/people/${encodeURIComponent(person.id)}/erasure`, { method: 'POST', token, body: { reason: 'Asked by letter', confirm: person.displayName } });
    expect(erased.status).toBe(200);
    const hold = await api.call(paths.legalHold(person.id), { method: 'PUT', token, body: { reason: 'Too late' } });
    expect(hold.status).toBe(409);
    expect(hold.body.detail).toMatch(/were erased/);
    expect(await api.db.collection('legalHolds').countDocuments({ personId: person.id })).toBe(0);
    const again = await api.call(`/api/v1/people/${encodeURIComponent(person.id)}/erasure`, { method: 'POST', token, body: { reason: 'Again', confirm: 'A former colleague' } });
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/were erased/);
    expect(await api.db.collection('auditLog').countDocuments({ action: 'subjectAccess.erased', 'details.personId': person.id })).toBe(1);
  });
});
