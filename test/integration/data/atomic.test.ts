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

  test("Decisions.claimId: one server-made id per author's key, never the key; another author or organisation gets its own", async () => {
    const { decisions } = context().repositories;
    const at = new Date();
    const claims = await contenders(() => decisions.claimId(org, 'rock', 'person-a', 'client-key', at));
    expect(claims.filter((c) => c.first)).toHaveLength(1);
    expect(new Set(claims.map((c) => c.id)).size).toBe(1);
    expect(claims[0]!.id).not.toContain('client-key');
    const otherAuthor = await decisions.claimId(org, 'rock', 'person-b', 'client-key', at);
    const otherOrg = await decisions.claimId({ organisationId: 'org-atomic-other' }, 'rock', 'person-a', 'client-key', at);
    const otherKind = await decisions.claimId(org, 'comment', 'person-a', 'client-key', at);
    expect([otherAuthor, otherOrg, otherKind].every((c) => c.first)).toBe(true);
    expect(new Set([claims[0]!.id, otherAuthor.id, otherOrg.id, otherKind.id]).size).toBe(4);
    // Author and key cannot be shifted into each other ("a/b" + "c" is not "a" + "b/c").
    expect((await decisions.claimId(org, 'x', 'a/b', 'c', at)).first).toBe(true);
    expect((await decisions.claimId(org, 'x', 'a', 'b/c', at)).first).toBe(true);
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
