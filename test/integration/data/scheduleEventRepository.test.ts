import { buildScheduleEvent } from '../../support/builders';
import { useDataTestContext } from './dataTestContext';

const context = useDataTestContext('schedule');
const events = () => context().repositories.scheduleEvents;
const org = { organisationId: 'org-schedule' };

describe('schedule events', () => {
  test('lists a cycle in date order; publishing again inserts nothing twice', async () => {
    const cycleId = 'cycle-list';
    const published = [
      buildScheduleEvent({ ...org, cycleId, key: 'check-in-2', date: '2025-10-10', window: { opens: '2025-10-10T08:00', closes: '2025-10-17T17:00' } }),
      buildScheduleEvent({ ...org, cycleId, key: 'check-in-1', date: '2025-09-26', window: { opens: '2025-09-26T08:00', closes: '2025-10-03T17:00' } }),
    ];
    expect(await events().insertMany(org, published)).toBe(2);
    // Same keys, new ids: the unique (organisation, cycle, key) index keeps the first.
    const again = published.map((event) => buildScheduleEvent({ ...event, id: `${event.id}-again` }));
    expect(await events().insertMany(org, [...again, buildScheduleEvent({ ...org, cycleId, key: 'check-in-3', date: '2025-10-24' })])).toBe(1);
    expect((await events().list(org, cycleId)).map((e) => e.key)).toEqual(['check-in-1', 'check-in-2', 'check-in-3']);
    expect((await events().findByKey(org, cycleId, 'check-in-1'))?.id).toBe(published[1]!.id);
  });

  test('updateIfVersion applies a change at the expected version and bumps it', async () => {
    const event = buildScheduleEvent({ ...org, cycleId: 'cycle-move' });
    await events().insertMany(org, [event]);
    const moved = await events().updateIfVersion(org, event.id, 0, { date: '2026-03-06', window: { opens: '2026-03-06T08:00', closes: '2026-03-13T17:00' } });
    expect(moved).toMatchObject({ id: event.id, version: 1, date: '2026-03-06', key: event.key, title: event.title });
    expect(await events().updateIfVersion(org, event.id, 0, { status: 'cancelled' })).toBeNull();
    expect((await events().get(org, event.id))?.status).toBe('scheduled');
    expect(await events().updateIfVersion(org, event.id, 1, { status: 'cancelled' })).toMatchObject({ version: 2, status: 'cancelled', date: '2026-03-06' });
  });

  test('two admins editing the same version at once: exactly one wins', async () => {
    const event = buildScheduleEvent({ ...org, cycleId: 'cycle-race' });
    await events().insertMany(org, [event]);
    const dates = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-09'];
    const results = await Promise.all(dates.map((date) => events().updateIfVersion(org, event.id, 0, { date })));
    const winners = results.filter((r) => r !== null);
    expect(winners).toHaveLength(1);
    const stored = await events().get(org, event.id);
    expect(stored).toMatchObject({ version: 1, date: winners[0]!.date });
  });

  test('changes cannot move an event to another organisation, cycle or key', async () => {
    const event = buildScheduleEvent({ ...org, cycleId: 'cycle-identity' });
    await events().insertMany(org, [event]);
    const sneaky = { title: 'Renamed', organisationId: 'org-other', cycleId: 'other', key: 'other', version: 99 } as unknown as { title: string };
    expect(await events().updateIfVersion(org, event.id, 0, sneaky)).toMatchObject({ organisationId: org.organisationId, cycleId: 'cycle-identity', key: event.key, version: 1, title: 'Renamed' });
  });

  test('another organisation cannot update the event', async () => {
    const event = buildScheduleEvent({ ...org, cycleId: 'cycle-tenant' });
    await events().insertMany(org, [event]);
    expect(await events().updateIfVersion({ organisationId: 'org-intruder' }, event.id, 0, { title: 'Hijacked' })).toBeNull();
    expect((await events().get(org, event.id))?.title).toBe(event.title);
  });

  test('an admin whose server died between winning a version and writing it neither loses the change nor blocks the event', async () => {
    const event = buildScheduleEvent({ ...org, cycleId: 'cycle-crash' });
    await events().insertMany(org, [event]);
    const longAgo = new Date(Date.now() - 60 * 60_000);
    // What a writer killed after its decision leaves: version 0 decided, with its change, never written.
    const decided = await context().repositories.decisions.take(org, 'event-version', `${event.id}@v0`, 'crashed-admin', longAgo, { set: { title: 'Moved before the crash' }, unset: [] });
    expect(decided).toBe(true);
    expect((await events().get(org, event.id))?.version).toBe(0);
    // The next admin, still looking at version 0, is told someone changed it first, and that change is now there.
    expect(await events().updateIfVersion(org, event.id, 0, { title: 'Too late' })).toBeNull();
    expect(await events().get(org, event.id)).toMatchObject({ version: 1, title: 'Moved before the crash' });
    expect(await events().updateIfVersion(org, event.id, 1, { title: 'After the crash' })).toMatchObject({ version: 2, title: 'After the crash' });
  });
});
