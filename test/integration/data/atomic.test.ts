// Exactly one winner among 100 concurrent contenders, on the real local database (whose updates
// are not atomic: only the unique-index inserts behind these decisions make them hold).
import { buildCheckIn, buildScheduleEvent } from '../../support/builders';
import { useDataTestContext } from './dataTestContext';

const context = useDataTestContext('atomic');
const org = { organisationId: 'org-atomic' };
const CONTENDERS = 100;

function contenders<T>(run: (i: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: CONTENDERS }, (_, i) => run(i)));
}

describe('exactly one winner of 100 concurrent contenders', () => {
  test('Decisions.take: one caller takes the decision, and the stored winner is that caller', async () => {
    const { decisions } = context().repositories;
    const at = new Date();
    const won = await contenders((i) => decisions.take(org, 'reviewer-notified', 'check-in-1', `contender-${i}`, at));
    expect(won.filter(Boolean)).toHaveLength(1);
    expect((await decisions.find(org, 'reviewer-notified', 'check-in-1'))?.winner).toBe(`contender-${won.indexOf(true)}`);
    // The same subject in another organisation is another decision.
    expect(await decisions.take({ organisationId: 'org-atomic-other' }, 'reviewer-notified', 'check-in-1', 'elsewhere', at)).toBe(true);
    expect(await decisions.find({ organisationId: 'org-atomic-nobody' }, 'reviewer-notified', 'check-in-1')).toBeNull();
  });

  test('CheckInRepository.submit: one first submission is created, every other is a retry or an edit of it', async () => {
    const { checkIns } = context().repositories;
    const results = await contenders((i) =>
      checkIns.submit(org, buildCheckIn({ ...org, personId: 'p-atomic', eventId: 'e-atomic', answers: { www: `attempt ${i}`, ebi: '', whatsNext: '', rockProgress: [] } })),
    );
    expect(results.filter((r) => r.outcome === 'created')).toHaveLength(1);
    const stored = await context().database.db.collection('checkIns').find({ organisationId: org.organisationId, personId: 'p-atomic' }).toArray();
    expect(stored).toHaveLength(1);
    // The one document holds one contender's answers, whole.
    expect(Array.from({ length: CONTENDERS }, (_, i) => `attempt ${i}`)).toContain(stored[0]!.answers.www);
  });

  test("an admin's confirm against a version: one change moves the event on, the rest are told it changed", async () => {
    const { scheduleEvents } = context().repositories;
    const event = buildScheduleEvent({ ...org, cycleId: 'cycle-atomic' });
    await scheduleEvents.insertMany(org, [event]);
    const results = await contenders((i) => scheduleEvents.updateIfVersion(org, event.id, event.version, { title: `Moved by admin ${i}` }));
    const winners = results.filter((r) => r !== null);
    expect(winners).toHaveLength(1);
    expect(await scheduleEvents.get(org, event.id)).toMatchObject({ version: event.version + 1, title: winners[0]!.title });
  });

  test("a reviewer's acknowledgement: stored once, by the one acknowledgement that won", async () => {
    const { checkIns } = context().repositories;
    const checkIn = buildCheckIn({ ...org, personId: 'p-ack', eventId: 'e-ack' });
    await checkIns.submit(org, checkIn);
    const at = new Date();
    const won = await contenders((i) => checkIns.setAcknowledgement(org, checkIn.id, { byPersonId: `reviewer-${i}`, at }));
    expect(won.filter(Boolean)).toHaveLength(1);
    expect((await checkIns.get(org, checkIn.id))?.acknowledgement?.byPersonId).toBe(`reviewer-${won.indexOf(true)}`);
  });
});
