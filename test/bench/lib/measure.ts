/** Timing helpers for benchmarks: a summary of repeated runs, the machine's figures, and a baseline file walk. */
import { lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';

/** Median, min and max of repeated runs, in seconds, plus every run. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

/** Summarises run times in seconds. */
export function summarize(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, runs: values };
}

/** Runs `fn` once and returns its result and the wall time in seconds. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ value: T; seconds: number }> {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return { value, seconds: Number(process.hrtime.bigint() - t0) / 1e9 };
}

/** Files and folders a walk saw. */
export interface WalkCount {
  dirs: number;
  files: number;
}

/** The least any rescan does: readdir every folder and lstat every entry, one awaited call at a time. */
export async function walkAsync(dir: string, count: WalkCount = { dirs: 0, files: 0 }): Promise<WalkCount> {
  count.dirs++;
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    await lstat(path);
    if (e.isDirectory()) await walkAsync(path, count);
    else count.files++;
  }
  return count;
}

/** The same walk with blocking calls (no thread-pool round trips), for comparison. */
export function walkSync(dir: string, count: WalkCount = { dirs: 0, files: 0 }): WalkCount {
  count.dirs++;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    lstatSync(path);
    if (e.isDirectory()) walkSync(path, count);
    else count.files++;
  }
  return count;
}

/** The machine a benchmark ran on. */
export interface MachineInfo {
  cpu: string;
  cores: number;
  totalMemGiB: number;
  node: string;
  platform: string;
}

/** CPU model, core count, memory, Node version and platform. */
export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    totalMemGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

/** Peak resident set size of this process so far, in MiB. */
export function peakRssMiB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** Seconds with three decimals, for tables. */
export function fmtSeconds(s: number): string {
  return `${s.toFixed(3)} s`;
}

/** `median [min – max]` in seconds. */
export function fmtSummary(s: Summary): string {
  return `${fmtSeconds(s.median)}  [${s.min.toFixed(3)} – ${s.max.toFixed(3)}]`;
}

/** Bytes as MiB with one decimal. */
export function fmtMiB(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

/** Rounds for the JSON line so it stays readable. */
export function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Runs a benchmark's main in a temp dir that is removed afterwards, even on Ctrl+C; a failure sets exit code 1. */
export async function runInTempDir(name: string, main: (tmp: string) => Promise<void>): Promise<void> {
  const tmp = mkdtempSync(join(tmpdir(), `callreview-bench-${name}-`));
  const cleanup = () => rmSync(tmp, { recursive: true, force: true });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      cleanup();
      process.exit(130);
    });
  }
  try {
    await main(tmp);
  } catch (err) {
    console.error(`${name} benchmark failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exitCode = 1;
  } finally {
    cleanup();
  }
}

/** A numeric setting from the environment, within bounds; a bad value stops the benchmark with a clear message. */
export function envNumber(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) throw new Error(`${name} must be a number from ${min} to ${max}, not "${raw}"`);
  return n;
}
