/**
 * Runs every benchmark in test/bench (each top-level `*.ts` but this file; helpers live in lib/) one after
 * another, each in its own Node process so peak RSS and caches are its own, and prints their figures.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The benchmark files, in name order. */
export function listBenchmarks(dir: string = benchDir): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && e.name !== 'run-all.ts' && !e.name.endsWith('.d.ts'))
    .map((e) => join(dir, e.name))
    .sort();
}

/** Runs one benchmark under tsx with its output passed through; resolves with its exit code. */
function runOne(file: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file], { cwd: repoRoot, stdio: 'inherit' });
    child.on('error', (err) => {
      console.error(`${basename(file)}: could not start (${err.message})`);
      resolve(1);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

const files = listBenchmarks();
const results: { name: string; code: number; seconds: number }[] = [];
for (const file of files) {
  const name = basename(file, '.ts');
  console.log(`\n=== ${name} ===`);
  const t0 = Date.now();
  const code = await runOne(file);
  results.push({ name, code, seconds: (Date.now() - t0) / 1000 });
}

console.log('\n=== summary ===');
for (const r of results) console.log(`  ${r.name.padEnd(12)} ${r.code === 0 ? 'ok    ' : `FAILED (exit ${r.code})`} ${r.seconds.toFixed(1)} s`);
if (results.some((r) => r.code !== 0)) process.exitCode = 1;
