// What the outbox worker does with its jobs' records: takes due jobs (claims, leases), re-reads a
// claimed job, and records how it ended. Thin on purpose: each is one repository call the worker
// used to make itself, so the worker's database work per job is unchanged.
import type { OutboxJob } from '../../shared/domain';
import type { OutboxJobRepository } from '../data/outboxJobRepository';
import type { UseCaseContext } from './context';

export { DEFAULT_LEASE_MS, leaseEpochOf } from '../data/outboxJobRepository';

type Org = { organisationId: string };

/** The claim operations a worker's queues and lease guards use (see outbox/tenantQueue.ts, lease.ts). */
export type OutboxClaims = Pick<OutboxJobRepository, 'dueJobs' | 'claimMany' | 'tryClaim'>;

export function outboxClaims(ctx: UseCaseContext): OutboxClaims {
  return ctx.repos.outboxJobs;
}

/** The job as it is now, or null if another worker finished it or an admin cancelled it since. */
export function openJob(ctx: UseCaseContext, org: Org, jobId: string): Promise<OutboxJob | null> {
  return ctx.repos.outboxJobs.getOpen(org, jobId);
}

/** Done: sent, skipped or blocked, with what happened. */
export async function completeJob(ctx: UseCaseContext, org: Org, jobId: string, workerId: string, result: Record<string, unknown>, at: Date): Promise<void> {
  await ctx.repos.outboxJobs.complete(org, jobId, workerId, result, at);
}

/** Failed for good. */
export async function failJob(ctx: UseCaseContext, org: Org, jobId: string, workerId: string, error: string, at: Date): Promise<void> {
  await ctx.repos.outboxJobs.fail(org, jobId, workerId, error, at);
}

/** Due again at `notBefore`. */
export async function retryJobLater(ctx: UseCaseContext, org: Org, jobId: string, notBefore: Date, error: string, at: Date): Promise<void> {
  await ctx.repos.outboxJobs.retryLater(org, jobId, notBefore, error, at);
}

/** Announces the worker as alive now; returns the ids of every worker seen since `activeSince`. */
export async function workerHeartbeat(ctx: UseCaseContext, workerId: string, now: Date, activeSince: Date): Promise<string[]> {
  await ctx.repos.workers.heartbeat(workerId, now);
  return ctx.repos.workers.activeIds(activeSince);
}

/** The worker stops: the others take its share at their next heartbeat. */
export function workerLeaves(ctx: UseCaseContext, workerId: string): Promise<void> {
  return ctx.repos.workers.remove(workerId);
}

/** The organisations whose jobs a worker serves: every one. */
export async function organisationIdsToServe(ctx: UseCaseContext): Promise<string[]> {
  return (await ctx.repos.organisations.list()).map((organisation) => organisation.id);
}
