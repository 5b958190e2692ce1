import { buildCheckIn } from '../../support/builders';
import { useDataTestContext } from './dataTestContext';

const context = useDataTestContext('checkins');
const checkIns = () => context().repositories.checkIns;
const stored = () => context().database.db.collection('checkIns');

const org = { organisationId: 'org-checkins' };
const submittedAt = new Date('2026-02-27T10:00:00.000Z');
const later = new Date('2026-02-27T10:05:00.000Z');

describe('check-ins', () => {
  test('a retried submit with the same answers stores one document and changes nothing', async () => {
    const checkIn = buildCheckIn({ ...org, personId: 'p-retry', eventId: 'e-1', submittedAt });
    expect(await checkIns().submit(org, checkIn)).toEqual({ checkIn, outcome: 'created', sideEffectsPending: true });

    // Teams retries the Action.Execute: same answers, a new id from the handler.
    const retry = buildCheckIn({ ...org, personId: 'p-retry', eventId: 'e-1', submittedAt: later, updatedAt: later });
    const result = await checkIns().submit(org, retry);
    expect(result.outcome).toBe('unchanged');
    expect(result.checkIn).toEqual(checkIn);
    expect(await stored().countDocuments({ organisationId: org.organisationId, personId: 'p-retry', eventId: 'e-1' })).toBe(1);
  });

  test('a second submit with new answers is merged into the first: one document, first id and submission time kept', async () => {
    const first = buildCheckIn({ ...org, personId: 'p-edit', eventId: 'e-1', submittedAt, reviewerId: 'p-manager' });
    await checkIns().submit(org, first);
    await checkIns().setAcknowledgement(org, first.id, { byPersonId: 'p-manager', at: submittedAt });

    const edit = buildCheckIn({
      ...org,
      personId: 'p-edit',
      eventId: 'e-1',
      answers: { www: 'Edited: the practical went well', ebi: '', whatsNext: '', rockProgress: [], score: 9 },
      praise: [{ personId: 'p-colleague', displayName: 'A Colleague' }],
      praiseMessage: 'Thanks!',
      submittedAt: later,
      timeliness: 'late',
      updatedAt: later,
    });
    const result = await checkIns().submit(org, edit);
    expect(result.outcome).toBe('edited');
    expect(result.checkIn).toMatchObject({
      id: first.id,
      submittedAt,
      timeliness: 'on-time',
      reviewerId: 'p-manager',
      acknowledgement: { byPersonId: 'p-manager', at: submittedAt },
      answers: edit.answers,
      praise: edit.praise,
      praiseMessage: 'Thanks!',
      editedAt: later,
      updatedAt: later,
    });
    expect(await checkIns().findForPersonAndEvent(org, 'p-edit', 'e-1')).toEqual(result.checkIn);
    expect(await stored().countDocuments({ organisationId: org.organisationId, personId: 'p-edit' })).toBe(1);
  });

  test('concurrent submits for the same person and event store one document', async () => {
    const attempts = Array.from({ length: 8 }, (_, i) =>
      buildCheckIn({ ...org, personId: 'p-race', eventId: 'e-race', answers: { www: `attempt ${i % 2}`, ebi: '', whatsNext: '', rockProgress: [] } }),
    );
    const results = await Promise.all(attempts.map((checkIn) => checkIns().submit(org, checkIn)));

    expect(results.filter((r) => r.outcome === 'created')).toHaveLength(1);
    expect(new Set(results.map((r) => r.checkIn.id)).size).toBe(1);
    expect(await stored().countDocuments({ organisationId: org.organisationId, personId: 'p-race', eventId: 'e-race' })).toBe(1);
  });

  test('the unique index itself refuses a second document for the same person and event', async () => {
    const first = buildCheckIn({ ...org, personId: 'p-index', eventId: 'e-1' });
    await checkIns().submit(org, first);
    const { id, ...rest } = buildCheckIn({ ...org, personId: 'p-index', eventId: 'e-1' });
    await expect(stored().insertOne({ _id: id as never, ...rest })).rejects.toMatchObject({ code: 11000 });
  });

  test('the same person may check in once per event', async () => {
    for (const eventId of ['e-a', 'e-b', 'e-c']) await checkIns().submit(org, buildCheckIn({ ...org, personId: 'p-many', eventId, cycleId: eventId === 'e-c' ? 'cycle-2' : 'cycle-1' }));
    expect(await checkIns().listForPerson(org, 'p-many')).toHaveLength(3);
    expect(await checkIns().listForPerson(org, 'p-many', { cycleId: 'cycle-1' })).toHaveLength(2);
  });

  test('listForEvent and countForEvent see every person once', async () => {
    for (const personId of ['p-1', 'p-2', 'p-3']) {
      await checkIns().submit(org, buildCheckIn({ ...org, personId, eventId: 'e-count' }));
      await checkIns().submit(org, buildCheckIn({ ...org, personId, eventId: 'e-count' }));
    }
    expect(await checkIns().countForEvent(org, 'e-count')).toBe(3);
    expect((await checkIns().listForEvent(org, 'e-count')).map((c) => c.personId).sort()).toEqual(['p-1', 'p-2', 'p-3']);
  });

  test('acknowledgement is set once, even when reviewer and coach acknowledge at the same moment', async () => {
    const checkIn = buildCheckIn({ ...org, personId: 'p-ack', eventId: 'e-1' });
    await checkIns().submit(org, checkIn);
    const reviewers = ['reviewer-1', 'reviewer-2', 'coach-1', 'coach-2'];
    const changed = await Promise.all(reviewers.map((byPersonId) => checkIns().setAcknowledgement(org, checkIn.id, { byPersonId, at: submittedAt })));
    expect(changed.filter(Boolean)).toHaveLength(1);
    const first = (await checkIns().get(org, checkIn.id))?.acknowledgement;
    expect(first?.byPersonId).toBe(reviewers[changed.indexOf(true)]);
    expect(await checkIns().setAcknowledgement(org, checkIn.id, { byPersonId: 'reviewer-3', at: later })).toBe(false);
    expect((await checkIns().get(org, checkIn.id))?.acknowledgement).toEqual(first);
    expect(await checkIns().setAcknowledgement(org, 'no-such-check-in', { byPersonId: 'reviewer-1', at: later })).toBe(false);
  });

  test('reviewer response and card are recorded', async () => {
    const checkIn = buildCheckIn({ ...org, personId: 'p-response', eventId: 'e-1' });
    await checkIns().submit(org, checkIn);
    const response = { byPersonId: 'reviewer-1', at: later, text: 'Lovely reflection on plenaries', anchor: 'ebi' as const };
    expect(await checkIns().setReviewerResponse(org, checkIn.id, response)).toMatchObject({ id: checkIn.id, reviewerResponse: response, updatedAt: later });
    expect(await checkIns().setReviewerResponse(org, 'missing', response)).toBeNull();
    expect(await checkIns().setCard(org, checkIn.id, { conversationId: 'a:conv', activityId: '1:act' })).toBe(true);
    expect((await checkIns().get(org, checkIn.id))?.card).toEqual({ conversationId: 'a:conv', activityId: '1:act' });
  });

  test('optional fields left undefined are not stored as null', async () => {
    const checkIn = buildCheckIn({ ...org, personId: 'p-optional', eventId: 'e-1', reviewerId: undefined, editedAt: undefined });
    await checkIns().submit(org, checkIn);
    const raw = await stored().findOne({ _id: checkIn.id as never });
    expect(raw).not.toHaveProperty('reviewerId');
    expect(raw).not.toHaveProperty('editedAt');
    expect(raw).not.toHaveProperty('id');
    const read = await checkIns().get(org, checkIn.id);
    expect(read).toEqual(checkIn);
    expect(read).not.toHaveProperty('_id');
  });

  test('a stored revision stays pending until its side effects are marked done, and an edit is pending again', async () => {
    const scope = { organisationId: 'org-checkins-pending' };
    const first = buildCheckIn({ ...scope, personId: 'p-pending', eventId: 'e-1', submittedAt });
    await checkIns().submit(scope, first);
    // A crash here (before the side effects): the retry is unchanged but says they are still due, and so does the sweep.
    expect(await checkIns().submit(scope, { ...first, updatedAt: later })).toMatchObject({ outcome: 'unchanged', sideEffectsPending: true });
    expect((await checkIns().listWithSideEffectsPending(scope)).map((c) => c.id)).toEqual([first.id]);

    await checkIns().markSideEffectsDone(scope, first);
    expect(await checkIns().submit(scope, { ...first, updatedAt: later })).toMatchObject({ outcome: 'unchanged', sideEffectsPending: false });
    expect(await checkIns().listWithSideEffectsPending(scope)).toEqual([]);

    const edit = await checkIns().submit(scope, { ...first, answers: { ...first.answers, www: 'An edit' }, updatedAt: later });
    expect(edit).toMatchObject({ outcome: 'edited', sideEffectsPending: true });
    // Finishing the first revision late does not mark the edit done.
    await checkIns().markSideEffectsDone(scope, first);
    expect((await checkIns().listWithSideEffectsPending(scope)).map((c) => c.id)).toEqual([first.id]);
    await checkIns().markSideEffectsDone(scope, edit.checkIn);
    expect(await checkIns().listWithSideEffectsPending(scope)).toEqual([]);
    // The bookkeeping is not part of the check-in.
    expect(await checkIns().get(scope, first.id)).not.toHaveProperty('sideEffects');
    // Another organisation's sweep never sees it.
    await checkIns().submit(scope, buildCheckIn({ ...scope, personId: 'p-pending-2', eventId: 'e-1' }));
    expect(await checkIns().listWithSideEffectsPending({ organisationId: 'org-checkins-elsewhere' })).toEqual([]);
  });
});
