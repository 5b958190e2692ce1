import { buildOutboxJob } from '../../support/builders';
import { useDataTestContext } from './dataTestContext';
import type { OutboxJob } from '../../../shared/domain';

const context = useDataTestContext('outbox');
const outbox = () => context().repositories.outboxJobs;

const T0 = new Date('2026-03-06T08:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

describe('outbox jobs', () => {
  test('enqueue is idempotent on the idempotency key and never resets an existing job', async () => {
    const org = { organisationId: 'org-enqueue' };
    const first = buildOutboxJob({ ...org, idempotencyKey: 'prompt:org-enqueue:event-1:person-1', notBefore: T0 });
    expect(await outbox().enqueue(org, first)).toEqual({ job: first, created: true });

    const claimed = await outbox().claimNextAcrossOrganisations('worker-a', at(1), 60_000, { kinds: ['check-in-prompt'] });
    expect(claimed?.id).toBe(first.id);

    // The scheduler runs again and builds the same job with a new id.
    const again = buildOutboxJob({ ...org, idempotencyKey: first.idempotencyKey, notBefore: at(5_000) });
    const second = await outbox().enqueue(org, again);
    expect(second.created).toBe(false);
    expect(second.job.id).toBe(first.id);
    expect(second.job.status).toBe('leased');
    expect(second.job.leaseOwner).toBe('worker-a');
    expect(second.job.notBefore).toEqual(T0);
    expect(await context().database.db.collection('outboxJobs').countDocuments({ idempotencyKey: first.idempotencyKey })).toBe(1);
  });

  test('enqueueMany counts only the new jobs when some keys are already queued', async () => {
    const org = { organisationId: 'org-bulk' };
    const jobs = Array.from({ length: 10 }, (_, i) => buildOutboxJob({ ...org, idempotencyKey: `prompt:org-bulk:event-1:person-${i}` }));
    expect(await outbox().enqueueMany(org, jobs.slice(0, 4))).toBe(4);
    const rerun = jobs.map((job) => buildOutboxJob({ ...org, idempotencyKey: job.idempotencyKey }));
    expect(await outbox().enqueueMany(org, rerun)).toBe(6);
    expect(await outbox().enqueueMany(org, rerun)).toBe(0);
    expect((await outbox().countByStatus(org)).pending).toBe(10);
  });

  test('enqueue refuses a job of another organisation', async () => {
    await expect(outbox().enqueue({ organisationId: 'org-a' }, buildOutboxJob({ organisationId: 'org-b' }))).rejects.toThrow(/organisation/);
  });

  test('four concurrent claimers never get the same job, and every job is claimed once', async () => {
    const org = { organisationId: 'org-race' };
    const jobs = Array.from({ length: 200 }, (_, i) => buildOutboxJob({ ...org, kind: 'reviewer-digest', notBefore: at(i) }));
    expect(await outbox().enqueueMany(org, jobs)).toBe(200);

    const now = at(10_000);
    const claimsByWorker = await Promise.all(
      ['w1', 'w2', 'w3', 'w4'].map(async (workerId) => {
        const claimed: OutboxJob[] = [];
        for (;;) {
          const job = await outbox().claimNextAcrossOrganisations(workerId, now, 60_000, { kinds: ['reviewer-digest'] });
          if (!job) return claimed;
          expect(job.leaseOwner).toBe(workerId);
          claimed.push(job);
        }
      }),
    );

    const claimedIds = claimsByWorker.flat().map((job) => job.id);
    expect(claimedIds).toHaveLength(200);
    expect(new Set(claimedIds).size).toBe(200);
    expect(new Set(claimedIds)).toEqual(new Set(jobs.map((job) => job.id)));
    // More than one worker got work, so the test did race.
    expect(claimsByWorker.filter((claims) => claims.length > 0).length).toBeGreaterThan(1);
    const stored = await context().database.db.collection('outboxJobs').find({ organisationId: org.organisationId }).toArray();
    expect(stored.every((job) => job.status === 'leased' && job.attempts === 1)).toBe(true);
  });

  test('batch claims by concurrent workers lease every job exactly once', async () => {
    const org = { organisationId: 'org-batch' };
    const jobs = Array.from({ length: 120 }, (_, i) => buildOutboxJob({ ...org, kind: 'bot-message', notBefore: at(i) }));
    await outbox().enqueueMany(org, jobs);
    const now = at(10_000);
    const claimsByWorker = await Promise.all(
      ['b1', 'b2', 'b3'].map(async (workerId) => {
        const claimed: OutboxJob[] = [];
        for (;;) {
          const batch = await outbox().claimBatchAcrossOrganisations(workerId, now, 60_000, { kinds: ['bot-message'], limit: 10 });
          if (batch.length === 0) return claimed;
          expect(batch.length).toBeLessThanOrEqual(10);
          expect(batch.every((job) => job.leaseOwner === workerId && job.status === 'leased')).toBe(true);
          claimed.push(...batch);
        }
      }),
    );
    const claimedIds = claimsByWorker.flat().map((job) => job.id);
    expect(claimedIds).toHaveLength(120);
    expect(new Set(claimedIds)).toEqual(new Set(jobs.map((job) => job.id)));
    expect(await context().database.db.collection('writeTickets').countDocuments({})).toBe(0);
    const completed = await Promise.all(claimsByWorker.flatMap((claims) => claims.map((job) => outbox().complete(job.id, job.leaseOwner!))));
    expect(completed.every(Boolean)).toBe(true);
  });

  test('a worker killed between taking the ticket and leasing does not strand the job', async () => {
    const org = { organisationId: 'org-killed' };
    const job = buildOutboxJob({ ...org, kind: 'check-in-prompt', eventId: 'event-killed', notBefore: T0 });
    await outbox().enqueue(org, job);
    // What kill -9 leaves behind: the ticket for attempt 0, the job untouched.
    await context().database.db.collection('writeTickets').insertOne({
      _id: `outboxJob:${job.id}#0~0` as never,
      key: `outboxJob:${job.id}#0`,
      generation: 0,
      holder: 'killed-worker',
      takenAt: at(0),
      expiresAt: at(30_000),
    });
    const only = { kinds: ['check-in-prompt' as const] };
    // Other due prompts from earlier tests may exist; look only at this one.
    const claimThis = async (now: Date) => {
      for (;;) {
        const claimed = await outbox().claimBatchAcrossOrganisations('survivor', now, 30_000, { ...only, limit: 50 });
        if (claimed.length === 0) return null;
        const mine = claimed.find((c) => c.id === job.id);
        if (mine) return mine;
      }
    };
    expect(await claimThis(at(10_000))).toBeNull();
    expect(await claimThis(at(30_001))).toMatchObject({ id: job.id, leaseOwner: 'survivor', attempts: 1 });
  });

  test('claims the earliest due job first and ignores jobs not yet due', async () => {
    const org = { organisationId: 'org-order' };
    const later = buildOutboxJob({ ...org, kind: 'card-update', notBefore: at(2_000) });
    const earlier = buildOutboxJob({ ...org, kind: 'card-update', notBefore: at(1_000) });
    const future = buildOutboxJob({ ...org, kind: 'card-update', notBefore: at(60_000) });
    await outbox().enqueueMany(org, [later, future, earlier]);

    const now = at(5_000);
    expect((await outbox().claimNextAcrossOrganisations('w', now, 1_000, { kinds: ['card-update'] }))?.id).toBe(earlier.id);
    expect((await outbox().claimNextAcrossOrganisations('w', now, 1_000, { kinds: ['card-update'] }))?.id).toBe(later.id);
    expect(await outbox().claimNextAcrossOrganisations('w', now, 1_000, { kinds: ['card-update'] })).toBeNull();
  });

  test('an expired lease is reclaimed by another worker, and the old worker can no longer complete it', async () => {
    const org = { organisationId: 'org-lease' };
    const job = buildOutboxJob({ ...org, kind: 'activity-notification', notBefore: T0 });
    await outbox().enqueue(org, job);
    const kinds = { kinds: ['activity-notification' as const] };

    const first = await outbox().claimNextAcrossOrganisations('worker-dies', at(0), 30_000, kinds);
    expect(first).toMatchObject({ id: job.id, status: 'leased', leaseOwner: 'worker-dies', attempts: 1, leaseExpiresAt: at(30_000) });
    // While the lease holds, nobody else gets it.
    expect(await outbox().claimNextAcrossOrganisations('worker-b', at(29_999), 30_000, kinds)).toBeNull();

    const reclaimed = await outbox().claimNextAcrossOrganisations('worker-b', at(30_001), 30_000, kinds);
    expect(reclaimed).toMatchObject({ id: job.id, leaseOwner: 'worker-b', attempts: 2 });

    expect(await outbox().complete(job.id, 'worker-dies', { activityId: 'stale' })).toBe(false);
    expect(await outbox().complete(job.id, 'worker-b', { activityId: '1:abc' })).toBe(true);
    const done = await outbox().get(org, job.id);
    expect(done).toMatchObject({ status: 'done', result: { activityId: '1:abc' }, leaseOwner: 'worker-b' });
    expect(done?.leaseExpiresAt).toBeUndefined();
    // Done jobs are never claimed again.
    expect(await outbox().claimNextAcrossOrganisations('worker-c', at(10_000_000), 30_000, kinds)).toBeNull();
  });

  test('retryLater releases the lease until notBefore; fail is final; both only for the lease holder', async () => {
    const org = { organisationId: 'org-retry' };
    const job = buildOutboxJob({ ...org, kind: 'bot-message', notBefore: T0 });
    await outbox().enqueue(org, job);
    const kinds = { kinds: ['bot-message' as const] };

    await outbox().claimNextAcrossOrganisations('w1', at(0), 60_000, kinds);
    expect(await outbox().retryLater(job.id, 'someone-else', at(5_000), '429')).toBe(false);
    expect(await outbox().retryLater(job.id, 'w1', at(5_000), '429 Too Many Requests')).toBe(true);
    const waiting = await outbox().get(org, job.id);
    expect(waiting).toMatchObject({ status: 'pending', notBefore: at(5_000), lastError: '429 Too Many Requests', attempts: 1 });
    expect(waiting?.leaseOwner).toBeUndefined();

    expect(await outbox().claimNextAcrossOrganisations('w2', at(4_999), 60_000, kinds)).toBeNull();
    expect((await outbox().claimNextAcrossOrganisations('w2', at(5_000), 60_000, kinds))?.attempts).toBe(2);
    expect(await outbox().fail(job.id, 'w1', 'too late')).toBe(false);
    expect(await outbox().fail(job.id, 'w2', '403 MessageWritesBlocked')).toBe(true);
    expect(await outbox().get(org, job.id)).toMatchObject({ status: 'failed', lastError: '403 MessageWritesBlocked' });
    expect(await outbox().claimNextAcrossOrganisations('w3', at(10_000_000), 60_000, kinds)).toBeNull();
  });

  test('extendLease keeps a slow job from being reclaimed', async () => {
    const org = { organisationId: 'org-extend' };
    const job = buildOutboxJob({ ...org, kind: 'check-in-reminder', notBefore: T0 });
    await outbox().enqueue(org, job);
    const kinds = { kinds: ['check-in-reminder' as const] };
    await outbox().claimNextAcrossOrganisations('slow', at(0), 1_000, kinds);
    expect(await outbox().extendLease(job.id, 'slow', at(120_000))).toBe(true);
    expect(await outbox().claimNextAcrossOrganisations('eager', at(60_000), 1_000, kinds)).toBeNull();
    expect(await outbox().extendLease(job.id, 'eager', at(240_000))).toBe(false);
  });

  test('cancel and reschedule touch only the pending jobs selected, in their organisation', async () => {
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
    expect(await outbox().countByStatus(org)).toEqual({ pending: 2, leased: 0, done: 0, failed: 0, cancelled: 3 });
    expect(await outbox().countByStatus(other)).toEqual({ pending: 1, leased: 0, done: 0, failed: 0, cancelled: 0 });
    // Cancelled jobs are not claimed.
    const claimedIds: string[] = [];
    for (;;) {
      const job = await outbox().claimNextAcrossOrganisations('w', at(10_000_000), 1_000, { kinds: ['check-in-prompt'] });
      if (!job) break;
      claimedIds.push(job.id);
    }
    expect(claimedIds).not.toEqual(expect.arrayContaining([prompts[0]!.id]));
  });
});
