import { buildOutboxJob } from '../../support/builders';
import { useDataTestContext } from './dataTestContext';
import type { OutboxJob } from '../../../shared/domain';
import { CANDIDATE_MAX_AGE_MS, claimIdOf, leaseEpochOf, outboxJobIdFor } from '../../../bot/data/outboxJobRepository';

const context = useDataTestContext('outbox');
const outbox = () => context().repositories.outboxJobs;
const collection = (name: string) => context().database.db.collection(name);

// Leases are lease epochs of wall-clock time (30 s by default): the tests work around the real now.
const LEASE = 30_000;
const epochStart = (epoch: number) => new Date(epoch * LEASE);
const T0 = epochStart(leaseEpochOf(Date.now(), LEASE));
const at = (ms: number) => new Date(T0.getTime() + ms);
const jobEpoch = leaseEpochOf(T0.getTime(), LEASE);

describe('outbox jobs', () => {
  test('enqueue is idempotent on the idempotency key and never resets an existing job', async () => {
    const org = { organisationId: 'org-enqueue' };
    const key = 'prompt:org-enqueue:event-1:person-1';
    const first = buildOutboxJob({ ...org, id: outboxJobIdFor(key), idempotencyKey: key, notBefore: T0 });
    expect(await outbox().enqueue(org, first)).toEqual({ job: first, created: true });

    const claimed = await outbox().claimNextAcrossOrganisations('worker-a', at(1), LEASE, { kinds: ['check-in-prompt'] });
    expect(claimed?.id).toBe(first.id);

    // The scheduler runs again and builds the same job (a caller with a random id gets the same answer).
    const again = buildOutboxJob({ ...org, idempotencyKey: key, notBefore: at(5_000) });
    const second = await outbox().enqueue(org, again);
    expect(second.created).toBe(false);
    expect(second.job.id).toBe(first.id);
    expect(second.job.notBefore).toEqual(T0);
    expect(await collection('outboxJobs').countDocuments({ idempotencyKey: key })).toBe(1);
    const seen = await outbox().findByIdempotencyKey(org, key, at(2));
    expect(seen).toMatchObject({ id: first.id, status: 'leased', leaseOwner: 'worker-a', leaseExpiresAt: epochStart(jobEpoch + 1) });
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
    const jobs = Array.from({ length: 10 }, (_, i) => buildOutboxJob({ ...org, idempotencyKey: `prompt:org-bulk:event-1:person-${i}`, notBefore: at(600_000) }));
    expect(await outbox().enqueueMany(org, jobs.slice(0, 4))).toBe(4);
    const rerun = jobs.map((job) => buildOutboxJob({ ...org, idempotencyKey: job.idempotencyKey, notBefore: at(600_000) }));
    expect(await outbox().enqueueMany(org, rerun)).toBe(6);
    expect(await outbox().enqueueMany(org, rerun)).toBe(0);
    expect((await outbox().countByStatus(org)).pending).toBe(10);
  });

  test('enqueue refuses a job of another organisation', async () => {
    await expect(outbox().enqueue({ organisationId: 'org-a' }, buildOutboxJob({ organisationId: 'org-b' }))).rejects.toThrow(/organisation/);
  });

  test('four concurrent claimers never get the same job in one epoch, and every job is claimed once', async () => {
    const org = { organisationId: 'org-race' };
    const jobs = Array.from({ length: 100 }, (_, i) => buildOutboxJob({ ...org, kind: 'reviewer-digest', notBefore: at(i) }));
    expect(await outbox().enqueueMany(org, jobs)).toBe(100);

    const now = at(1_000);
    const claimsByWorker = await Promise.all(
      ['w1', 'w2', 'w3', 'w4'].map(async (workerId) => {
        const claimed: OutboxJob[] = [];
        for (;;) {
          const batch = await outbox().claimBatchAcrossOrganisations(workerId, now, LEASE, { kinds: ['reviewer-digest'], limit: 10 });
          if (batch.length === 0) return claimed;
          expect(batch.every((job) => job.leaseOwner === workerId && job.status === 'leased')).toBe(true);
          claimed.push(...batch);
        }
      }),
    );
    const claimedIds = claimsByWorker.flat().map((job) => job.id);
    expect(claimedIds).toHaveLength(100);
    expect(new Set(claimedIds)).toEqual(new Set(jobs.map((job) => job.id)));
    expect(claimsByWorker.filter((claims) => claims.length > 0).length).toBeGreaterThan(1);
    // The hot path never updates a job: claims are inserted beside them.
    expect(await collection('outboxClaims').countDocuments({ jobId: { $in: jobs.map((j) => j.id) } })).toBe(100);
    expect((await outbox().countByStatus(org, now)).leased).toBe(100);

    const completed = await Promise.all(claimsByWorker.flatMap((claims) => claims.map((job) => outbox().complete(job.id, job.leaseOwner!, { sent: true }))));
    expect(completed.every(Boolean)).toBe(true);
    expect(await outbox().countByStatus(org, now)).toEqual({ pending: 0, leased: 0, done: 100, failed: 0, cancelled: 0 });
  });

  test('claims the earliest due job first and ignores jobs not yet due', async () => {
    const org = { organisationId: 'org-order' };
    const later = buildOutboxJob({ ...org, kind: 'card-update', notBefore: at(2_000) });
    const earlier = buildOutboxJob({ ...org, kind: 'card-update', notBefore: at(1_000) });
    const future = buildOutboxJob({ ...org, kind: 'card-update', notBefore: at(60_000) });
    await outbox().enqueueMany(org, [later, future, earlier]);

    const now = at(5_000);
    expect((await outbox().claimNextAcrossOrganisations('w', now, LEASE, { kinds: ['card-update'] }))?.id).toBe(earlier.id);
    expect((await outbox().claimNextAcrossOrganisations('w', now, LEASE, { kinds: ['card-update'] }))?.id).toBe(later.id);
    expect(await outbox().claimNextAcrossOrganisations('w', now, LEASE, { kinds: ['card-update'] })).toBeNull();
    const candidates = await outbox().scanCandidates(at(60_000), { kinds: ['card-update'], leaseNow: now });
    expect(candidates.map((c) => c.id)).toEqual([future.id]);
  });

  test('a lease ends with its epoch: another worker takes the job, and only the first result counts', async () => {
    const org = { organisationId: 'org-lease' };
    const job = buildOutboxJob({ ...org, kind: 'activity-notification', notBefore: T0 });
    await outbox().enqueue(org, job);
    const kinds = { kinds: ['activity-notification' as const] };

    const first = await outbox().claimNextAcrossOrganisations('worker-dies', at(0), LEASE, kinds);
    expect(first).toMatchObject({ id: job.id, status: 'leased', leaseOwner: 'worker-dies', leaseExpiresAt: at(LEASE) });
    // While the epoch lasts, nobody else gets it.
    expect(await outbox().claimNextAcrossOrganisations('worker-b', at(LEASE - 1), LEASE, kinds)).toBeNull();
    expect(await outbox().tryClaim(job.id, 'worker-b', jobEpoch, LEASE)).toBe(false);

    const reclaimed = await outbox().claimNextAcrossOrganisations('worker-b', at(LEASE + 1), LEASE, kinds);
    expect(reclaimed).toMatchObject({ id: job.id, leaseOwner: 'worker-b' });

    expect(await outbox().complete(job.id, 'worker-b', { activityId: '1:abc' })).toBe(true);
    expect(await outbox().complete(job.id, 'worker-dies', { activityId: 'stale' })).toBe(false);
    const done = await outbox().get(org, job.id);
    expect(done).toMatchObject({ status: 'done', result: { activityId: '1:abc' }, leaseOwner: 'worker-b' });
    expect(done?.leaseExpiresAt).toBeUndefined();
    // Done jobs are never claimed again.
    expect(await outbox().claimNextAcrossOrganisations('worker-c', at(10 * LEASE), LEASE, kinds)).toBeNull();
    expect(await outbox().isFinished(job.id)).toBe(true);
  });

  test('a finished job cannot be claimed by a worker still acting on a view from before it finished', async () => {
    const org = { organisationId: 'org-finished-view' };
    const job = buildOutboxJob({ ...org, kind: 'check-in-prompt', notBefore: T0 });
    await outbox().enqueue(org, job);
    // A second worker read the candidates now; the first claims, sends and finishes the job.
    const view = await outbox().scanCandidates(at(0), { includeLeased: true });
    expect(view.map((c) => c.id)).toContain(job.id);
    const nowEpoch = leaseEpochOf(Date.now(), LEASE);
    expect(await outbox().tryClaim(job.id, 'first', nowEpoch, LEASE)).toBe(true);
    expect(await outbox().complete(job.id, 'first', { activityId: '1:sent' })).toBe(true);
    // Every epoch the second worker may still act on that view in is taken.
    const lastEpoch = leaseEpochOf(Date.now() + CANDIDATE_MAX_AGE_MS, LEASE);
    for (let epoch = nowEpoch; epoch <= lastEpoch; epoch++) expect(await outbox().tryClaim(job.id, 'second', epoch, LEASE)).toBe(false);
    // A later view does not offer it at all.
    expect((await outbox().scanCandidates(at(0), { includeLeased: true })).map((c) => c.id)).not.toContain(job.id);
  });

  test('retention deletes jobs finished before the cut-off with their results, and past claims, and nothing else', async () => {
    const org = { organisationId: 'org-retention' };
    // Not due for a day, so the other tests' claims never pick them up.
    const [old, recent, open] = [1, 2, 3].map((n) => buildOutboxJob({ ...org, kind: 'bot-message', notBefore: at(24 * 3_600_000), idempotencyKey: `retention-${n}` }));
    for (const job of [old!, recent!, open!]) await outbox().enqueue(org, job);
    const fortnightAgo = new Date(Date.now() - 15 * 24 * 3_600_000);
    expect(await outbox().complete(old!.id, 'w1', { activityId: '1:old' }, fortnightAgo)).toBe(true);
    expect(await outbox().complete(recent!.id, 'w1', { activityId: '1:recent' })).toBe(true);
    const heldEpoch = leaseEpochOf(Date.now(), LEASE);
    expect(await outbox().tryClaim(open!.id, 'w2', heldEpoch, LEASE)).toBe(true);
    expect(await outbox().tryClaim(open!.id, 'w2', heldEpoch - 500, LEASE)).toBe(true);

    const swept = await outbox().sweep(new Date(Date.now() - 14 * 24 * 3_600_000), new Date(Date.now() - 3_600_000));
    expect(swept.jobs).toBeGreaterThanOrEqual(1);
    expect(await outbox().get(org, old!.id)).toBeNull();
    expect(await outbox().isFinished(old!.id)).toBe(false);
    expect(await outbox().get(org, recent!.id)).toMatchObject({ status: 'done', result: { activityId: '1:recent' } });
    // The open job keeps its current lease; its claim from a long-past epoch is gone.
    expect(await outbox().get(org, open!.id)).toMatchObject({ status: 'leased', leaseOwner: 'w2' });
    expect(await outbox().tryClaim(open!.id, 'w3', heldEpoch, LEASE)).toBe(false);
    expect(await collection('outboxClaims').findOne({ _id: claimIdOf(open!.id, heldEpoch - 500) as never })).toBeNull();
  });

  test('retryLater releases the lease until notBefore; fail is final', async () => {
    const org = { organisationId: 'org-retry' };
    const job = buildOutboxJob({ ...org, kind: 'bot-message', notBefore: T0 });
    await outbox().enqueue(org, job);
    const kinds = { kinds: ['bot-message' as const] };

    await outbox().claimNextAcrossOrganisations('w1', at(0), LEASE, kinds);
    // Released in the claim's epoch: the outcome must not depend on when the test happens to run.
    expect(await outbox().retryLater(job.id, 'w1', at(5_000), '429 Too Many Requests', at(1), at(1))).toBe(true);
    const waiting = await outbox().get(org, job.id);
    expect(waiting).toMatchObject({ status: 'pending', notBefore: at(5_000), lastError: '429 Too Many Requests', attempts: 1 });
    expect(waiting?.leaseOwner).toBeUndefined();

    expect(await outbox().claimNextAcrossOrganisations('w2', at(4_999), LEASE, kinds)).toBeNull();
    expect((await outbox().claimNextAcrossOrganisations('w2', at(5_000), LEASE, kinds))?.attempts).toBe(1);
    expect(await outbox().fail(job.id, 'w2', '403 MessageWritesBlocked')).toBe(true);
    expect(await outbox().fail(job.id, 'w1', 'too late')).toBe(false);
    expect(await outbox().get(org, job.id)).toMatchObject({ status: 'failed', lastError: '403 MessageWritesBlocked' });
    expect(await outbox().retryLater(job.id, 'w2', at(6_000), 'after the fact')).toBe(false);
    expect(await outbox().claimNextAcrossOrganisations('w3', at(10 * LEASE), LEASE, kinds)).toBeNull();
  });

  test('extendLease claims the following epochs, so a slow job is not taken by another worker', async () => {
    const org = { organisationId: 'org-extend' };
    const job = buildOutboxJob({ ...org, kind: 'check-in-reminder', notBefore: T0 });
    await outbox().enqueue(org, job);
    const kinds = { kinds: ['check-in-reminder' as const] };
    await outbox().claimNextAcrossOrganisations('slow', at(0), LEASE, kinds);
    expect(await outbox().extendLease(job.id, 'eager', at(3 * LEASE), at(1), LEASE)).toBe(false);
    expect(await outbox().extendLease(job.id, 'slow', at(3 * LEASE), at(1), LEASE)).toBe(true);
    expect(await collection('outboxClaims').findOne({ _id: claimIdOf(job.id, jobEpoch + 2) as never })).toMatchObject({ workerId: 'slow' });
    expect(await outbox().claimNextAcrossOrganisations('eager', at(2 * LEASE + 1), LEASE, kinds)).toBeNull();
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
    // A cancelled job is finished: not moved, not claimed, and its worker's result is refused.
    expect(await outbox().reschedule(org, { eventId: 'event-9', kinds: ['check-in-prompt'] }, at(300_000))).toBe(0);
    const claimedIds: string[] = [];
    for (;;) {
      const job = await outbox().claimNextAcrossOrganisations('w', at(300_000), LEASE, { kinds: ['check-in-prompt'] });
      if (!job) break;
      claimedIds.push(job.id);
    }
    expect(claimedIds).not.toEqual(expect.arrayContaining([prompts[0]!.id]));
    expect(await outbox().complete(prompts[0]!.id, 'w', { sent: true })).toBe(false);
  });
});
