import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** A worker's lease owner id: `host:pid:random`, so a worker on the same machine can tell whether the owner still lives. */
export function newOwnerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/**
 * True when `owner` names a worker process on this machine that no longer exists (killed or
 * crashed), so its jobs can be reclaimed at once instead of after the lease runs out. Owners on
 * other hosts, this process, or live (or unknowable) processes are never reported dead.
 */
export function isDeadLocalOwner(owner: string): boolean {
  const m = /^(.*):(\d+):[0-9a-z]+$/i.exec(owner);
  if (!m || m[1] !== hostname()) return false;
  const pid = Number(m[2]);
  if (pid === process.pid || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    // EPERM means the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
