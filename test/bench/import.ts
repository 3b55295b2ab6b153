/**
 * Import benchmark: first import and unchanged rescan of a generated recorder tree through the real core,
 * against a plain readdir+lstat walk of the same tree. Prints figures; asserts nothing about timing.
 *
 * Env: BENCH_SESSIONS (default 2000), BENCH_RUNS (default 5), BENCH_WAV_SECONDS (default 3, 2..5).
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createCore } from '../../electron/core/app-core.js';
import { fmtMiB, fmtSeconds, fmtSummary, envNumber, machineInfo, peakRssMiB, round, runInTempDir, summarize, timed, walkAsync, walkSync } from './lib/measure.js';
import { generateTree } from './lib/session-tree.js';

const SESSIONS = Math.trunc(envNumber('BENCH_SESSIONS', 2000, 1, 1_000_000));
const RUNS = Math.trunc(envNumber('BENCH_RUNS', 5, 1, 100));
const WAV_SECONDS = envNumber('BENCH_WAV_SECONDS', 3, 2, 5);

function fileSize(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}

/** One fresh data dir: first import, then an unchanged rescan; returns both times. */
async function importRun(dataDir: string, root: string): Promise<{ importSec: number; rescanSec: number; sqlite: string }> {
  const core = createCore(dataDir);
  try {
    const first = await timed(() => core.library.addFolder(root, false));
    const r1 = first.value.report;
    if (r1.added !== SESSIONS || r1.failed !== 0 || r1.warnings.length !== 0) {
      throw new Error(`first import did not take the tree cleanly: ${JSON.stringify({ ...r1, warnings: r1.warnings.slice(0, 3) })}`);
    }
    const again = await timed(() => core.library.rescan());
    if (again.value.unchanged !== SESSIONS || again.value.added + again.value.updated + again.value.failed !== 0) {
      throw new Error(`rescan of an unchanged tree changed something: ${JSON.stringify({ ...again.value, warnings: [] })}`);
    }
    const sqlite = (core.repos.db.prepare('select sqlite_version() as v').get() as { v: string }).v;
    return { importSec: first.seconds, rescanSec: again.seconds, sqlite };
  } finally {
    core.close();
  }
}

async function main(tmp: string): Promise<void> {
  const machine = machineInfo();
  const root = join(tmp, 'call_recordings');
  console.log(`import benchmark: ${SESSIONS} sessions, ${RUNS} runs each`);
  const gen = await timed(() => generateTree(root, SESSIONS, WAV_SECONDS));
  const tree = gen.value;
  console.log(`  generated ${tree.files} files, ${fmtMiB(tree.bytes)} in ${fmtSeconds(gen.seconds)}`);

  // One untimed walk first, so every timed run below sees the same (warm) page cache.
  const warm = await walkAsync(root);
  const walks: number[] = [];
  const walksSync: number[] = [];
  const imports: number[] = [];
  const rescans: number[] = [];
  let dbBytes = 0;
  let sqlite = '';
  for (let run = 0; run < RUNS; run++) {
    walks.push((await timed(() => walkAsync(root))).seconds);
    walksSync.push((await timed(() => walkSync(root))).seconds);
    const dataDir = join(tmp, `data-${run}`);
    const r = await importRun(dataDir, root);
    // Closing the core checkpoints the WAL, so the main file holds everything the import wrote.
    if (run === 0) dbBytes = fileSize(join(dataDir, 'callreview.db')) + fileSize(join(dataDir, 'callreview.db-wal'));
    sqlite = r.sqlite;
    imports.push(r.importSec);
    rescans.push(r.rescanSec);
    rmSync(dataDir, { recursive: true, force: true });
    process.stdout.write(`  run ${run + 1}/${RUNS}: import ${fmtSeconds(r.importSec)}, rescan ${fmtSeconds(r.rescanSec)}\n`);
  }

  const imp = summarize(imports);
  const resc = summarize(rescans);
  const walk = summarize(walks);
  const walkS = summarize(walksSync);
  const rate = SESSIONS / imp.median;
  const ratio = resc.median / walk.median;
  const rss = peakRssMiB();
  const rows: [string, string][] = [
    ['machine', `${machine.cpu}, ${machine.cores} cores, ${machine.totalMemGiB} GiB RAM`],
    ['runtime', `Node ${machine.node}, ${machine.platform}, SQLite ${sqlite}`],
    ['tree', `${SESSIONS} sessions, ${tree.files} files (${warm.dirs} dirs), ${fmtMiB(tree.bytes)}; WAVs ${WAV_SECONDS} s of 16 kHz 16-bit PCM`],
    ['page cache', 'warm: one untimed warm-up walk ran before the timed runs'],
    ['runs', `${RUNS} per figure; median [min – max]`],
    ['first import', `${fmtSummary(imp)}  = ${rate.toFixed(0)} sessions/s (median)`],
    ['unchanged rescan', `${fmtSummary(resc)}  = ${ratio.toFixed(2)}× the baseline walk`],
    ['baseline walk', `${fmtSummary(walk)}  (async readdir + lstat of every entry, one call at a time)`],
    ['  same, sync', `${fmtSummary(walkS)}  (readdirSync + lstatSync)`],
    ['DB after import', fmtMiB(dbBytes)],
    ['peak RSS', `${rss} MiB (whole process, generation included)`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log('');
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);

  const s = (x: typeof imp) => ({ median: round(x.median), min: round(x.min), max: round(x.max), runs: x.runs.map((v) => round(v)) });
  const json = {
    bench: 'import',
    sessions: SESSIONS,
    runs: RUNS,
    treeFiles: tree.files,
    treeBytes: tree.bytes,
    wavSeconds: WAV_SECONDS,
    generateSec: round(gen.seconds),
    pageCache: 'warm (untimed warm-up walk first)',
    importSec: s(imp),
    importSessionsPerSec: round(rate, 1),
    rescanSec: s(resc),
    walkSec: s(walk),
    walkSyncSec: s(walkS),
    rescanToWalk: round(ratio, 2),
    dbBytes,
    peakRssMiB: rss,
    machine: { ...machine, sqlite },
  };
  console.log(`BENCH_JSON ${JSON.stringify(json)}`);
}

await runInTempDir('import', main);
