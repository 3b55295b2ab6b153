/** Runs a child process while sampling its peak resident set size (VmHWM) from /proc, for memory benchmarks. */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/** How a measured child ended, with its output, wall time and peak RSS. */
export interface MeasuredRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  seconds: number;
  /** The largest VmHWM seen, in KiB; null where /proc is not available (not Linux). */
  peakKiB: number | null;
  /** How many times /proc was read. */
  samples: number;
}

/** The kernel's high-water mark of the process's resident set, in KiB, or null once it has gone. */
function vmHwmKiB(pid: number): number | null {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/**
 * Runs `command args` and reads its VmHWM every `everyMs`. VmHWM only grows, so the last reading
 * before exit is the peak up to then; what is missed is a new peak inside the final interval,
 * which for the CLI is its shutdown. Fails when the child runs past `timeoutMs`.
 */
export function runMeasured(command: string, args: string[], opts: { env: NodeJS.ProcessEnv; cwd: string; everyMs?: number; timeoutMs?: number }): Promise<MeasuredRun> {
  const canMeasure = existsSync('/proc/self/status');
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(command, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peak: number | null = null;
    let samples = 0;
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const sample = (): void => {
      if (!canMeasure || child.pid === undefined || child.exitCode !== null) return;
      const kib = vmHwmKiB(child.pid);
      samples++;
      if (kib !== null) peak = Math.max(peak ?? 0, kib);
    };
    const poll = setInterval(sample, opts.everyMs ?? 20);
    child.once('spawn', sample);
    const limit = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} ran longer than ${opts.timeoutMs} ms; stderr: ${stderr.slice(-2000)}`));
    }, opts.timeoutMs ?? 30 * 60_000);
    child.on('error', (err) => {
      clearInterval(poll);
      clearTimeout(limit);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearInterval(poll);
      clearTimeout(limit);
      resolve({ code, signal, stdout, stderr, seconds: Number(process.hrtime.bigint() - t0) / 1e9, peakKiB: peak, samples });
    });
  });
}
