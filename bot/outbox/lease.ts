// A worker's hold on one claimed job. A claim is a unique insert of `${jobId}@${epoch}` (see
// OutboxJobRepository); it lasts until its lease epoch ends. Before every call to Teams the
// worker checks it still holds the job for long enough, claiming the next epoch when a third or
// less of the current one is left, so a slow job is never taken by another worker mid-send.
import { leaseEpochOf, type OutboxClaims } from '../usecases/outboxJobs';

export function leaseGuard(claims: OutboxClaims, org: { organisationId: string }, jobId: string, workerId: string, claimedEpoch: number, leaseMs: number): () => Promise<boolean> {
  let held = claimedEpoch;
  return async () => {
    const now = Date.now();
    const current = leaseEpochOf(now, leaseMs);
    const left = (epoch: number) => (epoch + 1) * leaseMs - now;
    // Lapsed: someone else may hold (or have finished) the job since; drop it.
    if (held < current) return false;
    while (left(held) < leaseMs / 3) {
      if (!(await claims.tryClaim(org, jobId, workerId, held + 1))) return false;
      held += 1;
    }
    return true;
  };
}
