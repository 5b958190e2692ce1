// The next cycle through /api/v1 as the tab calls it (issue 14): a PG admin's options, preview and
// confirm (once: a second or concurrent confirm is a 409), validation naming the line or field, 403
// for anyone else, and history: past cycles still listed and readable, another organisation's 404.
import { startApiHarness, type ApiHarness } from './apiWorld';
import type { Person } from '../../../shared/domain';

describe('/api/v1/cycles and the next cycle', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness();
  });
  afterAll(async () => api.stop());

  const as = async (person: Person, path: string, init: { method?: string; body?: unknown } = {}) => api.call(path, { ...init, token: await api.tokenFor(person) });
  const roll = { source: { kind: 'roll-forward' } };

  it('lists the cycles for anyone in the organisation', async () => {
    const res = await as(api.world.alice, '/api/v1/cycles');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([expect.objectContaining({ id: api.world.cycleId, label: '2025-26', current: true, rockWindows: [expect.objectContaining({ id: 'spring' })] })]);
  });

  it('refuses the options, preview and confirm to someone who is not a PG admin (403), and to another organisation', async () => {
    for (const person of [api.world.alice, api.world.rita]) {
      expect((await as(person, '/api/v1/cycles/next')).status).toBe(403);
      expect((await as(person, '/api/v1/cycles/next/preview', { method: 'POST', body: roll })).status).toBe(403);
      expect((await as(person, '/api/v1/cycles/next', { method: 'POST', body: { ...roll, digest: 'x' } })).status).toBe(403);
    }
    // Oscar's organisation's cycle is not Alice's to read, and hers is not his.
    const theirs = await as(api.world.oscar, `/api/v1/schedule?cycleId=${encodeURIComponent(api.world.cycleId)}`);
    expect(theirs.status).toBe(404);
    expect((await as(api.world.alice, '/api/v1/schedule?cycleId=no-such-cycle')).status).toBe(404);
  });

  it('names the bad line of a pasted table and an unknown pack (422)', async () => {
    const table = await as(api.world.paula, '/api/v1/cycles/next/preview', {
      method: 'POST',
      body: { source: { kind: 'table', text: '12/03/2027\tFriday\tCheck in 1\t0.25\n19/03/2027\tThursday\tCheck in 2\t0.25\n26/03/2027\tFriday\tCheck in\t0.25' } },
    });
    expect(table.status).toBe(422);
    expect(table.body.errors).toEqual([
      { path: 'source.text', message: 'line 2: 19/03/2027 is a Friday, not a Thursday' },
      { path: 'source.text', message: 'line 3: "Check in" needs its number, e.g. "Check in 6".' },
    ]);
    const pack = await as(api.world.paula, '/api/v1/cycles/next/preview', { method: 'POST', body: { source: { kind: 'pack', packId: 'nope' } } });
    expect(pack.status).toBe(422);
    expect(pack.body.errors[0]).toEqual({ path: 'source.packId', message: expect.stringContaining('there is no shipped pack "nope"') });
    const shapeless = await as(api.world.paula, '/api/v1/cycles/next/preview', { method: 'POST', body: { source: { kind: 'table' } } });
    expect(shapeless.status).toBe(422);
    expect(shapeless.body.errors[0].path).toBe('source.text');
  });

  it('previews the roll-forward, confirms once (concurrent confirms: one 201, one 409), and keeps last year readable', async () => {
    const rock = await as(api.world.alice, '/api/v1/rocks', { method: 'POST', body: { slotId: 'trust', title: 'Raise KS3 reading ages', successCriteria: [{ text: 'Reading age +1 year for 80%' }] } });
    expect(rock.status).toBe(201);
    const options = await as(api.world.paula, '/api/v1/cycles/next');
    expect(options.status).toBe(200);
    expect(options.body).toMatchObject({ from: { id: api.world.cycleId }, rollForward: { key: '2026-27', startsOn: '2026-09-01', endsOn: '2027-07-22' }, carryOver: 'none' });

    const preview = await as(api.world.paula, '/api/v1/cycles/next/preview', { method: 'POST', body: roll });
    expect(preview.status).toBe(200);
    expect(preview.body.cycle).toMatchObject({ key: '2026-27', label: '2026-27', startsOn: '2026-09-01', endsOn: '2027-07-22' });
    expect(preview.body.events.map((e: { key: string; date: string; window: unknown; differences: string[] }) => [e.key, e.date, e.window, e.differences[0]])).toEqual([
      ['check-in-1', '2027-02-12', { opens: '2027-02-12T08:00', closes: '2027-02-18T23:59' }, 'was Fri 13 Feb 2026 (52 weeks on)'],
      ['check-in-2', '2027-02-26', { opens: '2027-02-26T08:00', closes: '2027-03-04T23:59' }, 'was Fri 27 Feb 2026 (52 weeks on)'],
      ['check-in-3', '2027-03-12', { opens: '2027-03-12T08:00', closes: '2027-03-18T23:59' }, 'was Fri 13 Mar 2026 (52 weeks on)'],
    ]);
    expect(preview.body.cycle.rockWindows).toEqual([{ id: 'spring', label: 'Jan–Mar 2027', startsOn: '2027-01-01', endsOn: '2027-03-31' }]);
    // A stale digest is a conflict, and creates nothing.
    const stale = await as(api.world.paula, '/api/v1/cycles/next', { method: 'POST', body: { ...roll, digest: 'not-the-preview' } });
    expect(stale.status).toBe(409);

    const body = { ...roll, digest: preview.body.digest };
    const [a, b] = await Promise.all([as(api.world.paula, '/api/v1/cycles/next', { method: 'POST', body }), as(api.world.paula, '/api/v1/cycles/next', { method: 'POST', body })]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const created = a.status === 201 ? a.body : b.body;
    expect(created).toMatchObject({ cycle: { key: '2026-27', startsOn: '2026-09-01', current: false, startedFrom: { kind: 'roll-forward', fromCycleId: api.world.cycleId } }, events: 3, carriedOver: 0 });
    const again = await as(api.world.paula, '/api/v1/cycles/next', { method: 'POST', body });
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/You already started 2026-27/);

    // History: both cycles listed, newest first; last year's schedule and check-ins still readable by id.
    const cycles = await as(api.world.alice, '/api/v1/cycles');
    expect(cycles.body.items.map((c: { label: string; current: boolean }) => [c.label, c.current])).toEqual([['2026-27', false], ['2025-26', true]]);
    const nextSchedule = await as(api.world.alice, `/api/v1/schedule?cycleId=${encodeURIComponent(created.cycle.id)}`);
    expect(nextSchedule.status).toBe(200);
    expect(nextSchedule.body.events.map((e: { date: string }) => e.date)).toEqual(['2027-02-12', '2027-02-26', '2027-03-12']);
    const lastYear = await as(api.world.alice, `/api/v1/people/${api.world.alice.id}/check-ins?cycleId=${encodeURIComponent(api.world.cycleId)}`);
    expect(lastYear.status).toBe(200);
    expect(lastYear.body.entries.find((e: { eventId: string }) => e.eventId === api.world.events.closed.id).checkIn.id).toBe(api.world.aliceCheckIn.id);
    const nextYear = await as(api.world.alice, `/api/v1/people/${api.world.alice.id}/check-ins?cycleId=${encodeURIComponent(created.cycle.id)}`);
    expect(nextYear.body.entries).toHaveLength(3);
    expect(nextYear.body.entries.every((e: { checkIn?: unknown }) => e.checkIn === undefined)).toBe(true);
    // Rocks by cycle: last year's listed, an unknown (or another organisation's) cycle is not found.
    const lastYearRocks = await as(api.world.alice, `/api/v1/people/${api.world.alice.id}/rocks?cycleId=${encodeURIComponent(api.world.cycleId)}`);
    expect(lastYearRocks.body.items.map((r: { id: string }) => r.id)).toEqual([rock.body.id]);
    const nextYearRocks = await as(api.world.alice, `/api/v1/people/${api.world.alice.id}/rocks?cycleId=${encodeURIComponent(created.cycle.id)}`);
    expect(nextYearRocks.body.items).toEqual([]);
    expect((await as(api.world.alice, `/api/v1/people/${api.world.alice.id}/rocks?cycleId=elsewhere`)).status).toBe(404);
    // Another organisation cannot read the new cycle either.
    expect((await as(api.world.oscar, `/api/v1/people/${api.world.alice.id}/check-ins?cycleId=${encodeURIComponent(created.cycle.id)}`)).status).toBe(404);
  });
});
