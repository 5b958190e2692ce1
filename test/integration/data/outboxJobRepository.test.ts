import { buildOutboxJob } from '../../support/builders';
import { useDataTestContext } from './dataTestContext';
import { claimIdOf, leaseEpochOf, outboxJobIdFor } from '../../../bot/data/outboxJobRepository';

const context = useDataTestContext('outbox');
const outbox = () => context().repositories.outboxJobs;
const collection = (name: string) => context().database.db.collection(name);

// Leases are lease epochs of wall-clock time (30 s by default): the tests work around the real now.
const LEASE = 30_000;
const NOW = new Date();
const at = (ms: number) => new Date(NOW.getTime() + ms);
const epochNow = () => leaseEpochOf(Date.now(), LEASE);

describe('outbox jobs', () => {
  test('enqueue is idempotent on the idempotency key and never resets an existing job', async () => {
    const org = { organisationId: 'org-enqueue' };
    const key = 'prompt:org-enqueue:event-1:person-1';
    const first = buildOutboxJob({ ...org, id: outboxJobIdFor(key), idempotencyKey: key, notBefore: NOW });
    expect(await outbox().enqueue(org, first)).toEqual({ job: first, created: true });
    expect(await outbox().tryClaim(org, first.id, 'worker-a', epochNow())).toBe(true);

    // The scheduler runs again and builds the same job (a caller with a random id gets the same answer).
    const again = buildOutboxJob({ ...org, idempotencyKey: key, notBefore: at(5_000) });
    const second = await outbox().enqueue(org, again);
    expect(second.created).toBe(false);
    expect(second.job.id).toBe(first.id);
    expect(second.job.notBefore).toEqual(NOW);
    expect(await collection('outboxJobs').countDocuments({ idempotencyKey: key })).toBe(1);
    expect(await outbox().findByIdempotencyKey(org, key)).toMatchObject({ id: first.id, status: 'leased', leaseOwner: 'worker-a' });
    expect(await outbox().findByIdempotencyKey({ organisationId: 'org-other' }, key)).toBeNull();
  });

  test('a job with an id of its own is still found by its key', async () => {
    const org = { organisationId: 'org-random-id' };
    const job = buildOutboxJob({ ...org, idempotencyKey: 'notify:org-random-id:1', notBefore: at(600_000) });
    await outbox().enqueue(org, job);
    expect(await outbox().findByIdempotencyKey(org, job.idempotencyKey)).toMatchObject({ id: job.id, status: 'pending' });
  });

  test('enqueueMany counts only the new jobs when some keys are already queued', async () => {
    const org = { organisationId: 'org-bulk' };
    const jobs = Array.from({ length: 10 }, (_, i) => buildOutboxJob({ ...org, id: outboxJobIdFor(`prompt:org-bulk:e:${i}`), idempotencyKey: `prompt:org-bulk:e:${i}`, notBefore: at(600_000) }));
    expect(await outbox().enqueueMany(org, jobs.slice(0, 4))).toBe(4);
    expect(await outbox().enqueueMany(org, jobs)).toBe(6);
    expect(await outbox().enqueueMany(org, jobs)).toBe(0);
    expect((await outbox().countByStatus(org)).pending).toBe(10);
  });

  test('enqueue refuses a job of another organisation', async () => {
    await expect(outbox().enqueue({ organisationId: 'org-a' }, buildOutboxJob({ organisationId: 'org-b' }))).rejects.toThrow(/organisation/);
  });

  test('of 100 workers claiming one job at once, exactly one wins it for the epoch', async () => {
    const org = { organisationId: 'org-contenders' };
    const job = buildOutboxJob({ ...org, notBefore: NOW });
    await outbox().enqueue(org, job);
    const epoch = epochNow();
    const wins = await Promise.all(Array.from({ length: 100 }, (_, i) => outbox().tryClaim(org, job.id, `w${i}`, epoch)));
    expect(wins.filter(Boolean)).toHaveLength(1);
    // The next epoch is open again: a dead worker's job comes back.
    expect(await outbox().tryClaim(org, job.id, 'later', epoch + 1)).toBe(true);
  });

  test('four workers claiming batches get every job exactly once between them', async () => {
    const org = { organisationId: 'org-race' };
    const jobs = Array.from({ length: 60 }, () => buildOutboxJob({ ...org, kind: 'reviewer-digest', notBefore: NOW }));
    expect(await outbox().enqueueMany(org, jobs)).toBe(60);
    const epoch = epochNow();
    const due = (await outbox().dueJobs(org, at(1_000), 100)).map((j) => j.id);
    expect(new Set(due)).toEqual(new Set(jobs.map((j) => j.id)));
    // Every worker tries every job, in chunks of 8, in its own order.
    const won = await Promise.all(
      ['w1', 'w2', 'w3', 'w4'].map(async (workerId, n) => {
        const order = n % 2 === 0 ? due : [...due].reverse();
        const mine: string[] = [];
        for (let i = 0; i < order.length; i += 8) mine.push(...(await outbox().claimMany(org, order.slice(i, i + 8), workerId, [epoch])));
        return mine;
      }),
    );
    expect(won.flat().sort()).toEqual([...due].sort());
    // Counted as of the epoch they were claimed in: a slow machine may have moved on to the next one.
    expect((await outbox().countByStatus(org, new Date(epoch * LEASE))).leased).toBe(60);
  });

  test('a worker that loses a job for this epoch keeps no claim on the next one', async () => {
    const org = { organisationId: 'org-stray' };
    const job = buildOutboxJob({ ...org, notBefore: NOW });
    await outbox().enqueue(org, job);
    const epoch = epochNow();
    expect(await outbox().tryClaim(org, job.id, 'holder', epoch)).toBe(true);
    // Near the epoch's end a worker asks for this epoch and the next: it loses, and lets go of the next.
    expect(await outbox().claimMany(org, [job.id], 'late', [epoch, epoch + 1])).toEqual(new Set());
    expect(await outbox().tryClaim(org, job.id, 'holder', epoch + 1)).toBe(true);
  });

  test('due jobs are the organisation’s open jobs whose time has come', async () => {
    const org = { organisationId: 'org-due' };
    const [now, later, finished] = [0, 60_000, 0].map((ms) => buildOutboxJob({ ...org, kind: 'card-update', notBefore: at(ms) }));
    const elsewhere = buildOutboxJob({ organisationId: 'org-due-other', kind: 'card-update', notBefore: at(0) });
    await outbox().enqueueMany(org, [now!, later!, finished!]);
    await outbox().enqueue({ organisationId: 'org-due-other' }, elsewhere);
    expect(await outbox().complete(org, finished!.id, 'w', { sent: true })).toBe(true);
    expect((await outbox().dueJobs(org, at(1_000), 10)).map((j) => j.id)).toEqual([now!.id]);
    expect((await outbox().dueJobs(org, at(60_000), 10)).map((j) => j.id).sort()).toEqual([now!.id, later!.id].sort());
  });

  test('a job is finished once: a second worker’s result is refused and it is never due again', async () => {
    const org = { organisationId: 'org-finish' };
    const job = buildOutboxJob({ ...org, kind: 'activity-notification', notBefore: NOW });
    await outbox().enqueue(org, job);
    expect(await outbox().getOpen(org, job.id)).toMatchObject({ id: job.id });
    expect(await outbox().complete(org, job.id, 'worker-b', { activityId: '1:abc' })).toBe(true);
    expect(await outbox().complete(org, job.id, 'worker-dies', { activityId: 'stale' })).toBe(false);
    expect(await outbox().get(org, job.id)).toMatchObject({ status: 'done', result: { activityId: '1:abc' }, leaseOwner: 'worker-b' });
    expect(await outbox().getOpen(org, job.id)).toBeNull();
    expect(await outbox().dueJobs(org, at(10 * LEASE), 10)).toEqual([]);
    expect(await outbox().get({ organisationId: 'org-elsewhere' }, job.id)).toBeNull();
  });

  test('retryLater makes the job wait and counts the attempt; fail is final', async () => {
    const org = { organisationId: 'org-retry' };
    const job = buildOutboxJob({ ...org, kind: 'bot-message', notBefore: NOW });
    await outbox().enqueue(org, job);
    expect(await outbox().retryLater(org, job.id, at(5_000), '502 Bad Gateway', at(1))).toBe(true);
    expect(await outbox().get(org, job.id)).toMatchObject({ status: 'pending', notBefore: at(5_000), lastError: '502 Bad Gateway', attempts: 1 });
    expect(await outbox().dueJobs(org, at(4_999), 10)).toEqual([]);
    expect((await outbox().dueJobs(org, at(5_000), 10))[0]?.attempts).toBe(1);
    expect(await outbox().fail(org, job.id, 'w2', 'bad bot-message payload')).toBe(true);
    expect(await outbox().fail(org, job.id, 'w1', 'too late')).toBe(false);
    expect(await outbox().get(org, job.id)).toMatchObject({ status: 'failed', lastError: 'bad bot-message payload' });
    expect(await outbox().retryLater(org, job.id, at(6_000), 'after the fact')).toBe(false);
  });

  test('cancel and reschedule touch only the unfinished jobs selected, in their organisation', async () => {
    const org = { organisationId: 'org-admin' };
    const other = { organisationId: 'org-admin-other' };
    const prompts = Array.from({ length: 3 }, () => buildOutboxJob({ ...org, kind: 'check-in-prompt', eventId: 'event-9', notBefore: at(100_000) }));
    const reminder = buildOutboxJob({ ...org, kind: 'check-in-reminder', eventId: 'event-9', notBefore: at(100_000) });
    const otherEvent = buildOutboxJob({ ...org, kind: 'check-in-prompt', eventId: 'event-10', notBefore: at(100_000) });
    const otherOrg = buildOutboxJob({ ...other, kind: 'check-in-prompt', eventId: 'event-9', notBefore: at(100_000) });
    await outbox().enqueueMany(org, [...prompts, reminder, otherEvent]);
    await outbox().enqueue(other, otherOrg);

    expect(await outbox().reschedule(org, { eventId: 'event-9', kinds: ['check-in-prompt', 'check-in-reminder'] }, at(200_000))).toBe(4);
    expect((await outbox().get(org, reminder.id))?.notBefore).toEqual(at(200_000));
    expect((await outbox().get(org, otherEvent.id))?.notBefore).toEqual(at(100_000));
    expect((await outbox().get(other, otherOrg.id))?.notBefore).toEqual(at(100_000));

    expect(await outbox().cancel(org, { eventId: 'event-9', kinds: ['check-in-prompt'] })).toBe(3);
    expect(await outbox().cancel(org, { eventId: 'event-9', kinds: ['check-in-prompt'] })).toBe(0);
    expect(await outbox().countByStatus(org)).toEqual({ pending: 2, leased: 0, done: 0, failed: 0, cancelled: 3 });
    expect(await outbox().countByStatus(other)).toEqual({ pending: 1, leased: 0, done: 0, failed: 0, cancelled: 0 });
    // A cancelled job is finished: not moved, not due, and its worker's result is refused.
    expect(await outbox().reschedule(org, { eventId: 'event-9', kinds: ['check-in-prompt'] }, at(300_000))).toBe(0);
    expect((await outbox().dueJobs(org, at(300_000), 10)).map((j) => j.id).sort()).toEqual([reminder.id, otherEvent.id].sort());
    expect(await outbox().complete(org, prompts[0]!.id, 'w', { sent: true })).toBe(false);
  });

  test('retention deletes jobs finished before the cut-off and past claims, and nothing else', async () => {
    const org = { organisationId: 'org-retention' };
    const [old, recent, open] = [1, 2, 3].map((n) => buildOutboxJob({ ...org, kind: 'bot-message', notBefore: at(24 * 3_600_000), idempotencyKey: `retention-${n}` }));
    for (const job of [old!, recent!, open!]) await outbox().enqueue(org, job);
    const fortnightAgo = new Date(Date.now() - 15 * 24 * 3_600_000);
    expect(await outbox().complete(org, old!.id, 'w1', { activityId: '1:old' }, fortnightAgo)).toBe(true);
    expect(await outbox().complete(org, recent!.id, 'w1', { activityId: '1:recent' })).toBe(true);
    const held = epochNow();
    expect(await outbox().tryClaim(org, open!.id, 'w2', held)).toBe(true);
    expect(await outbox().tryClaim(org, open!.id, 'w2', held - 500)).toBe(true);

    const swept = await outbox().sweep(org, new Date(Date.now() - 14 * 24 * 3_600_000), new Date(Date.now() - 3_600_000));
    expect(swept).toEqual({ jobs: 1, claims: 1 });
    expect(await outbox().get(org, old!.id)).toBeNull();
    expect(await outbox().get(org, recent!.id)).toMatchObject({ status: 'done', result: { activityId: '1:recent' } });
    expect(await outbox().get(org, open!.id, new Date(held * LEASE))).toMatchObject({ status: 'leased', leaseOwner: 'w2' });
    expect(await collection('outboxClaims').findOne({ _id: claimIdOf(open!.id, held - 500) as never })).toBeNull();
  });
});
