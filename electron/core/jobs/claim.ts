import type { JobRow } from '../db/repos/jobs-repo.js';
import { JobError } from './job-error.js';
import { markFailed, type RunnerHost } from './job-runner.js';
import { isDeadLocalOwner } from './lease-owner.js';
import type { JobHandler } from './types.js';

/** What one claim did: the job now leased to this worker (or null) and dead workers' jobs it failed on the way. */
export interface ClaimResult {
  row: JobRow | null;
  crashed: number[];
}

/**
 * One IMMEDIATE transaction: ends the leases of dead workers on this machine, fails their jobs
 * that used up every try, and claims the best due job (a queued one, or a running one whose
 * lease expired) unless `limit` jobs already hold live leases across all workers.
 */
export function claimNext(host: RunnerHost, handlers: ReadonlyMap<string, JobHandler<unknown>>, limit: number, isLocal: (id: number) => boolean): ClaimResult {
  const { db, jobs } = host.repos;
  const nowDate = host.clock();
  const now = nowDate.toISOString();
  const leaseUntil = new Date(nowDate.getTime() + host.leaseMs).toISOString();
  const crashed: number[] = [];
  const row = db
    .transaction((): JobRow | null => {
      for (const owner of jobs.runningOwners()) if (owner !== host.owner && isDeadLocalOwner(owner)) jobs.expireLeases(owner, now);
      for (;;) {
        if (jobs.liveLeaseCount(now) >= limit) return null;
        const c = jobs.nextCandidate(now);
        if (!c) return null;
        if (c.state === 'running' && isLocal(c.id)) {
          // Our own job whose heartbeat was late (a blocked event loop): renew it rather than run it twice.
          if (!jobs.heartbeat(c.id, host.owner, now, leaseUntil)) return null;
          continue;
        }
        if (c.state === 'running' && c.attempts >= c.max_attempts) {
          const why = `The worker running this job stopped (crashed or was killed) during each of its ${c.attempts} tries; it was not tried again.`;
          if (markFailed(host, c, null, new JobError('crashed', why, { retryable: false }), handlers.get(c.type))) crashed.push(c.id);
          continue;
        }
        return jobs.claim(c.id, host.owner, now, leaseUntil) ? jobs.get(c.id) : null;
      }
    })
    .immediate();
  return { row, crashed };
}
