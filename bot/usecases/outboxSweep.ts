// Outbox retention: the outbox grows by a job per prompt and a claim per job; finished jobs and
// past claims go.
import type { UseCaseContext } from './context';

/** Deletes, in every organisation, jobs finished more than `retentionMs` ago and claims whose lease ended more than `claimsMs` ago. */
export async function sweepOutbox(ctx: UseCaseContext, retentionMs: number, claimsMs: number): Promise<void> {
  const now = Date.now();
  for (const organisation of await ctx.repos.organisations.list()) {
    const swept = await ctx.repos.outboxJobs.sweep({ organisationId: organisation.id }, new Date(now - retentionMs), new Date(now - claimsMs));
    if (swept.jobs + swept.claims > 0) ctx.logger.info({ organisationId: organisation.id, ...swept }, 'outbox retention: finished jobs and past claims deleted');
  }
}
