/**
 * Transcription benchmark against an in-process FakeOpenAI that adds a fixed latency to every request.
 * 1. Throughput: N stereo calls (copies of a fixture session) transcribed by the job queue at concurrency C,
 *    wall time beside the ideal N·channels·L/C (each side is one request and a job sends its sides in turn),
 *    and the same work with no latency (what chunking, uploads and the fake cost by themselves).
 * 2. Memory: peak RSS (VmHWM) of the built CLI's `transcribe <call> --wait` on a long stereo 16 kHz call,
 *    beside `callreview jobs` on the same library (the process's fixed cost).
 * Fails only when a transcription is missing or wrong.
 *
 * Env: BENCH_CALLS (default 200), BENCH_LATENCY_MS (300), BENCH_CONCURRENCY (4, 1–8), BENCH_RUNS (3),
 * BENCH_LONG_MINUTES (120; 0 skips part 2).
 */
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../electron/core/app-core.js';
import { DEFAULT_MAX_CHUNK_BYTES } from '../../electron/core/transcription/chunk-audio.js';
import { JobInfo } from '../../shared/jobs.js';
import { FakeOpenAI } from '../fakes/openai/fake-openai.js';
import { copySession, FIXTURE_RECORDINGS, REPO_ROOT } from '../helpers/recorder-folder.js';
import { runMeasured, type MeasuredRun } from './lib/child-rss.js';
import { freeBytes, writeLongCall } from './lib/long-call.js';
import { envNumber, fmtMiB, fmtSeconds, fmtSummary, machineInfo, round, runInTempDir, summarize, timed, type Summary } from './lib/measure.js';

const CALLS = Math.trunc(envNumber('BENCH_CALLS', 200, 1, 5000));
const LATENCY_MS = envNumber('BENCH_LATENCY_MS', 300, 0, 5000);
const CONCURRENCY = Math.trunc(envNumber('BENCH_CONCURRENCY', 4, 1, 8));
const RUNS = Math.trunc(envNumber('BENCH_RUNS', 3, 1, 100));
const LONG_MINUTES = envNumber('BENCH_LONG_MINUTES', 120, 0, 600);
const CHANNELS = 2;
/** 11.8 s, stereo_recording.wav only, with the recorder's transcript to check the results against. */
const SOURCE = 'sess-7f3k9d_20260311_144237' as const;
/** 9.1 s of stereo speech, repeated every minute for the long call. */
const LONG_SOURCE = join(FIXTURE_RECORDINGS, 'sess-a1b2c3_20260302_091504', 'final_stereo_recording.wav');
const CLI = join(REPO_ROOT, 'dist', 'cli', 'callreview.js');

/** Time spent in requests, summed: divided by wall time it is the mean number of uploads in flight. */
interface Meter {
  busyMs: number;
}

function meteredFetch(meter: Meter): typeof fetch {
  return async (input, init) => {
    const t0 = performance.now();
    try {
      return await fetch(input, init);
    } finally {
      meter.busyMs += performance.now() - t0;
    }
  };
}

/** Copies the source session `n` times under distinct session names; returns the names. */
function makeCalls(root: string, n: number, prefix: string): string[] {
  mkdirSync(root, { recursive: true });
  const names = Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(5, '0')}_20260311_144237`);
  for (const name of names) copySession(SOURCE, root, name);
  return names;
}

interface ThroughputRun {
  seconds: number;
  uploads: number;
  inFlight: number;
  segments: number;
}

/** Imports `names` into a fresh library, transcribes them all at concurrency `c`; throws unless every call got the recorder's texts. */
async function throughputRun(fake: FakeOpenAI, recordings: string, names: string[], dataDir: string, c: number): Promise<ThroughputRun> {
  const meter: Meter = { busyMs: 0 };
  const env = { OPENAI_API_KEY: fake.apiKey, OPENAI_BASE_URL: fake.baseURL };
  const core = createCore(dataDir, { env, fetch: meteredFetch(meter), metrics: { auto: false } }); // transcription alone: metrics jobs would take queue slots
  try {
    await core.library.addFolder(recordings, false);
    const ids = names.map((n) => core.repos.calls.idByRef(n));
    if (ids.some((id) => id === null)) throw new Error(`only ${ids.filter((id) => id !== null).length} of ${names.length} calls were imported`);
    core.jobs.setConcurrency(c);
    const from = fake.requests.length;
    const { value: summary, seconds } = await timed(() => {
      core.transcription.request(ids as number[], { language: 'en' }, 'batch');
      return core.jobs.runUntilIdle();
    });
    const uploads = fake.requests.slice(from).filter((r) => r.endpoint === 'transcriptions');
    const problems: string[] = [];
    if (summary.succeeded !== names.length || summary.failed + summary.retried > 0) problems.push(`run: ${JSON.stringify(summary)}`);
    if (uploads.length !== names.length * CHANNELS || uploads.some((u) => u.status !== 200)) problems.push(`${uploads.length} uploads, ${uploads.filter((u) => u.status !== 200).length} not 200`);
    let segments = 0;
    for (const id of ids as number[]) {
      const versions = core.repos.transcripts.list(id);
      const active = core.repos.transcripts.active(id);
      const recorder = versions.find((v) => v.source === 'recorder');
      const want = recorder ? core.repos.transcripts.get(recorder.id)!.segments.map((s) => `${s.speaker}: ${s.text}`) : [];
      const got = active?.source === 'openai' ? active.segments.map((s) => `${s.speaker}: ${s.text}`) : [];
      segments += got.length;
      if (want.length === 0 || JSON.stringify(got) !== JSON.stringify(want)) problems.push(`call ${id}: ${JSON.stringify(got)} instead of ${JSON.stringify(want)}`);
    }
    if (problems.length > 0) throw new Error(`transcription at concurrency ${c} went wrong: ${problems.slice(0, 3).join('; ')}`);
    return { seconds, uploads: uploads.length, inFlight: meter.busyMs / 1000 / seconds, segments };
  } finally {
    core.close();
  }
}

interface MemoryResult {
  minutes: number;
  wavBytes: number;
  repeats: number;
  transcribe: MeasuredRun;
  baseline: MeasuredRun;
  job: JobInfo;
}

/** Part 2: a long call on disk, its transcription by the built CLI as a child, and that child's peak RSS. */
async function memoryRun(fake: FakeOpenAI, tmp: string): Promise<MemoryResult | null> {
  const session = 'sess-longcall_20260101_090000';
  const rate = 16000;
  const wavBytes = Math.round(LONG_MINUTES * 60 * rate) * 2 * CHANNELS + 44;
  // The WAV, one chunk per side being written and the fake's copy of an upload, plus room for the database.
  const need = wavBytes + 3 * DEFAULT_MAX_CHUNK_BYTES + 64 * 2 ** 20;
  const free = freeBytes(tmp);
  if (free !== null && free < need) {
    console.log(`  skipped the ${LONG_MINUTES}-minute call: ${fmtMiB(free)} free in ${tmp}, ${fmtMiB(need)} needed (set BENCH_LONG_MINUTES lower)`);
    return null;
  }
  const recordings = join(tmp, 'long', 'call_recordings');
  const folder = join(recordings, session);
  mkdirSync(folder, { recursive: true });
  const wav = join(folder, 'stereo_recording.wav');
  const long = await writeLongCall(wav, LONG_SOURCE, LONG_MINUTES, rate);
  const dataDir = join(tmp, 'long', 'data');
  const setup = createCore(dataDir, { env: {}, metrics: { auto: false } });
  try {
    await setup.library.addFolder(recordings, false);
    if (setup.repos.calls.idByRef(session) === null) throw new Error('the long call was not imported');
  } finally {
    setup.close();
  }
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('OPENAI_') && !k.startsWith('CALLREVIEW_')) env[k] = v;
  Object.assign(env, { OPENAI_API_KEY: fake.apiKey, OPENAI_BASE_URL: fake.baseURL });
  const node = process.execPath;
  const baseline = await runMeasured(node, [CLI, '--data-dir', dataDir, 'jobs'], { env, cwd: REPO_ROOT, everyMs: 5 });
  if (baseline.code !== 0) throw new Error(`callreview jobs exited ${baseline.code}: ${baseline.stderr}`);
  const transcribe = await runMeasured(node, [CLI, '--data-dir', dataDir, 'transcribe', session, '--wait', '--json', '--language', 'en'], { env, cwd: REPO_ROOT });
  if (transcribe.code !== 0) throw new Error(`callreview transcribe exited ${transcribe.code ?? transcribe.signal}: ${transcribe.stderr.slice(-2000)}`);
  const job = JobInfo.parse((JSON.parse(transcribe.stdout) as { jobs: unknown[] }).jobs[0]);
  if (job.state !== 'succeeded') throw new Error(`the long call's job ended ${job.state}: ${job.errorMessage}`);
  const wavOnDisk = statSync(wav).size;
  rmSync(join(tmp, 'long'), { recursive: true, force: true });
  return { minutes: LONG_MINUTES, wavBytes: wavOnDisk, repeats: long.repeats, transcribe, baseline, job };
}

const kib = (k: number | null): string => (k === null ? 'n/a (no /proc)' : `${(k / 1024).toFixed(1)} MiB`);

async function main(tmp: string): Promise<void> {
  if (!existsSync(CLI)) throw new Error(`${CLI} does not exist: run \`npm run build\` first`);
  const machine = machineInfo();
  const ideal = (Math.ceil(CALLS / CONCURRENCY) * CHANNELS * LATENCY_MS) / 1000;
  console.log(`transcription benchmark: ${CALLS} stereo calls, ${LATENCY_MS} ms per request, concurrency ${CONCURRENCY}, ${RUNS} runs; then a ${LONG_MINUTES}-minute call through the CLI`);
  const fake = new FakeOpenAI();
  fake.addFixtureScripts();
  await fake.start();
  try {
    const recordings = join(tmp, 'calls', 'call_recordings');
    const names = makeCalls(recordings, CALLS, 'sess-b');
    const warmRecordings = join(tmp, 'warm', 'call_recordings');
    const warmNames = makeCalls(warmRecordings, Math.min(CALLS, 2 * CONCURRENCY), 'sess-w');
    const bytes = statSync(join(recordings, names[0]!, 'stereo_recording.wav')).size;

    // Untimed warm-up (module loading, first SQLite open, connections), then the same work with no latency.
    fake.setLatency(0);
    await throughputRun(fake, warmRecordings, warmNames, join(tmp, 'data-warm'), CONCURRENCY);
    const bare = await throughputRun(fake, recordings, names, join(tmp, 'data-bare'), CONCURRENCY);
    rmSync(join(tmp, 'data-bare'), { recursive: true, force: true });
    process.stdout.write(`  no latency: ${fmtSeconds(bare.seconds)}\n`);

    fake.setLatency(LATENCY_MS);
    const walls: number[] = [];
    let inFlight = 0;
    let last: ThroughputRun | null = null;
    for (let run = 0; run < RUNS; run++) {
      const dataDir = join(tmp, `data-${run}`);
      const r = await throughputRun(fake, recordings, names, dataDir, CONCURRENCY);
      rmSync(dataDir, { recursive: true, force: true });
      walls.push(r.seconds);
      inFlight += r.inFlight / RUNS;
      last = r;
      process.stdout.write(`  run ${run + 1}/${RUNS}: ${fmtSeconds(r.seconds)} (ideal ${fmtSeconds(ideal)})\n`);
    }
    const wall: Summary = summarize(walls);

    const mem = LONG_MINUTES > 0 ? await memoryRun(fake, tmp) : null;

    const rows: [string, string][] = [
      ['machine', `${machine.cpu}, ${machine.cores} cores, ${machine.totalMemGiB} GiB RAM`],
      ['runtime', `Node ${machine.node}, ${machine.platform}; data under ${tmpdir()}`],
      ['calls', `${CALLS} copies of ${SOURCE} (11.8 s stereo 16 kHz, ${fmtMiB(bytes)}); one upload per side, whisper-1, language en`],
      ['fake', `in-process FakeOpenAI, ${LATENCY_MS} ms added to every request; one untimed warm-up run first`],
      ['ideal', `ceil(N / C) × channels × latency = ceil(${CALLS} / ${CONCURRENCY}) × ${CHANNELS} × ${LATENCY_MS} ms = ${fmtSeconds(ideal)}`],
      [`C=${CONCURRENCY} wall`, `${fmtSummary(wall)}  wall/ideal ${(wall.median / ideal).toFixed(2)}  ${(CALLS / wall.median).toFixed(1)} calls/s`],
      ['  uploads', `${last?.uploads ?? 0} per run, mean in flight ${inFlight.toFixed(2)} of ${CONCURRENCY}; ${last?.segments ?? 0} segments, all equal to the recorder's`],
      ['  no latency', `${fmtSeconds(bare.seconds)} for the same work (chunking, uploads, the fake's decoding; ${bare.inFlight.toFixed(2)} in flight)`],
    ];
    if (mem) {
      const r = mem.job.result as { chunks?: number; segments?: number; billedSec?: number } | null;
      rows.push(
        ['long call', `${mem.minutes} min stereo 16 kHz, ${fmtMiB(mem.wavBytes)}; A1's 9.1 s of speech every minute (${mem.repeats}×)`],
        ['  transcribe', `${fmtSeconds(mem.transcribe.seconds)} (\`transcribe <call> --wait\`, built CLI): ${r?.chunks ?? '?'} chunks, ${r?.segments ?? '?'} segments`],
        ['peak RSS', `${kib(mem.transcribe.peakKiB)} while transcribing (VmHWM, ${mem.transcribe.samples} samples)`],
        ['  baseline', `${kib(mem.baseline.peakKiB)} for \`callreview jobs\` on the same library (the process's fixed cost)`],
      );
      if (mem.transcribe.peakKiB !== null && mem.baseline.peakKiB !== null) rows.push(['  difference', `${kib(mem.transcribe.peakKiB - mem.baseline.peakKiB)} for a ${fmtMiB(mem.wavBytes)} file`]);
    }
    const width = Math.max(...rows.map(([key]) => key.length));
    console.log('');
    for (const [key, v] of rows) console.log(`  ${key.padEnd(width)}  ${v}`);

    const json = {
      bench: 'transcribe',
      calls: CALLS,
      channels: CHANNELS,
      callBytes: bytes,
      latencyMs: LATENCY_MS,
      concurrency: CONCURRENCY,
      runs: RUNS,
      wallSec: { median: round(wall.median), min: round(wall.min), max: round(wall.max), runs: wall.runs.map((v) => round(v)) },
      idealSec: round(ideal),
      wallToIdeal: round(wall.median / ideal, 3),
      meanInFlight: round(inFlight, 2),
      noLatencySec: round(bare.seconds),
      long: mem && {
        minutes: mem.minutes,
        wavBytes: mem.wavBytes,
        seconds: round(mem.transcribe.seconds, 2),
        result: mem.job.result,
        peakRssMiB: mem.transcribe.peakKiB === null ? null : round(mem.transcribe.peakKiB / 1024, 1),
        baselinePeakRssMiB: mem.baseline.peakKiB === null ? null : round(mem.baseline.peakKiB / 1024, 1),
      },
      machine,
    };
    console.log(`BENCH_JSON ${JSON.stringify(json)}`);
  } finally {
    await fake.stop();
  }
}

await runInTempDir('transcribe', main);
