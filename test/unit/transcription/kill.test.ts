/**
 * The built CLI's `transcribe`, `worker` and `jobs` as child processes against the fake OpenAI in
 * this process: a worker SIGKILLed mid-job and started again, exit codes, and the JSON shapes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/app-core.js';
import { JobInfo, QueueStatus } from '../../../shared/jobs.js';
import { TranscribeRequestResult } from '../../../shared/transcription.js';
import { FakeOpenAI } from '../../fakes/openai/fake-openai.js';
import { copySession, makeTempDir, REPO_ROOT, waitFor } from '../../helpers/recorder-folder.js';

const CLI = path.join(REPO_ROOT, 'dist', 'cli', 'callreview.js');
const A1 = 'sess-a1b2c3_20260302_091504' as const;
const F7 = 'sess-7f3k9d_20260311_144237' as const;
/** A copy of F7 without transcript.json: a call with audio and no transcript at all. */
const BARE = 'sess-bare01_20260311_144237';

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

let fake: FakeOpenAI;
let tmp: string;
let dataDir: string;
let recordings: string;

beforeAll(() => {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} does not exist: run \`npm run build\` before the unit tests.`);
});
beforeEach(async () => {
  fake = new FakeOpenAI({ latencyMs: 0 });
  fake.addFixtureScripts();
  await fake.start();
  tmp = makeTempDir('cr-tx-cli-');
  dataDir = path.join(tmp, 'data');
  recordings = path.join(tmp, 'call_recordings');
  fs.mkdirSync(recordings);
});
afterEach(async () => {
  await fake.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** The child's environment: the fake's key and URL, nothing from the user's own setup. */
function cliEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('OPENAI_') && !k.startsWith('CALLREVIEW_')) env[k] = v;
  return { ...env, HOME: path.join(tmp, 'home'), XDG_CONFIG_HOME: path.join(tmp, 'xdg'), OPENAI_API_KEY: fake.apiKey, OPENAI_BASE_URL: fake.baseURL, ...extra };
}

/** Starts the built CLI on the test's data dir (async: the fake answers from this process). */
function start(args: string[], extra: Record<string, string> = {}): { child: ChildProcess; done: Promise<Run> } {
  const child = spawn(process.execPath, [CLI, '--data-dir', dataDir, ...args], { cwd: REPO_ROOT, env: cliEnv(extra), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr?.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const done = new Promise<Run>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`callreview ${args.join(' ')} did not finish within 30 s; stderr: ${stderr}`));
    }, 30_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, done };
}

const cli = (args: string[], extra: Record<string, string> = {}): Promise<Run> => start(args, extra).done;

/** Every file under `dir` (none when it does not exist). */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => !e.isDirectory()).map((e) => path.join(e.parentPath, e.name));
}

/** Imports sessions with the CLI; returns the call ids by external id. */
async function importSessions(...names: { from: typeof A1 | typeof F7; as?: string; drop?: string }[]): Promise<Record<string, number>> {
  for (const n of names) {
    const dest = copySession(n.from, recordings, n.as ?? n.from);
    if (n.drop) fs.rmSync(path.join(dest, n.drop));
  }
  const run = await cli(['import', recordings, '--no-watch']);
  expect(run.code, run.stderr).toBe(0);
  const calls = JSON.parse((await cli(['calls', '--json'])).stdout) as { id: number; externalId: string }[];
  return Object.fromEntries(calls.map((c) => [c.externalId, c.id]));
}

/** Opens the library in this process for checks; closed by the callback's end. */
function inspect<T>(fn: (core: ReturnType<typeof createCore>) => T): T {
  const core = createCore(dataDir, { env: {} });
  try {
    return fn(core);
  } finally {
    core.close();
  }
}

describe('callreview transcribe / worker / jobs (built CLI)', () => {
  it('a worker SIGKILLed mid-job: a restarted worker finishes it, one new version exists, no chunk files are left, the database is sound', { timeout: 60_000 }, async () => {
    const { [A1]: id } = await importSessions({ from: A1 });
    const queued = await cli(['transcribe', A1]);
    expect(queued).toMatchObject({ code: 0, stdout: '1 queued, 0 already queued, 0 skipped\n', stderr: '' });
    expect(fake.requests).toEqual([]);

    // Slow answers: the left side's chunk comes back, the right side's is in flight when the kill lands.
    fake.setLatency(1500);
    const first = start(['worker']);
    const tmpDir = path.join(dataDir, 'tmp');
    const midway = await waitFor(() => filesUnder(tmpDir).some((f) => path.basename(f).startsWith('ch1-')), 20_000, 10);
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(midway, `the worker was not caught mid-job; stderr: ${killed.stderr}`).toBe(true);
    expect(killed.signal).toBe('SIGKILL');
    // Importing queued metrics jobs too (local, no network); the transcription is the one in question here.
    const running = inspect((core) => core.jobs.list().filter((j) => j.type === 'transcribe'));
    expect(running).toHaveLength(1);
    expect(running[0]).toMatchObject({ state: 'running', attempts: 1, callId: id });
    expect(fake.requests.filter((r) => r.endpoint === 'transcriptions' && r.status === 200)).toHaveLength(1);
    // The killed worker left its half-done chunk behind.
    expect(filesUnder(tmpDir).map((f) => path.relative(tmpDir, f))).toEqual([path.join(`transcribe-${running[0]!.id}`, 'ch1-000.wav')]);
    expect(inspect((core) => core.repos.transcripts.list(id!).map((v) => v.source))).toEqual(['recorder']);

    // The dead worker's lease is taken over at once (its pid is gone): waiting out the 60 s lease would trip cli()'s 30 s limit.
    fake.setLatency(100);
    const second = await cli(['worker', '--json']);
    expect(second.code, second.stderr).toBe(0);
    // The transcription plus the metrics jobs (of the import and of the new version) all succeed.
    const summary = JSON.parse(second.stdout) as { succeeded: number };
    expect(summary).toMatchObject({ failed: 0, retried: 0, paused: false });
    expect(summary.succeeded).toBeGreaterThanOrEqual(1);

    inspect((core) => {
      const versions = core.repos.transcripts.list(id!);
      expect(versions.map((v) => [v.version, v.source, v.active])).toEqual([
        [2, 'openai', true],
        [1, 'recorder', false],
      ]);
      expect(core.repos.transcripts.active(id!)!.segments.map((s) => s.speaker)).toEqual(['caller', 'bot', 'caller']);
      const jobs = core.jobs.list().filter((j) => j.type === 'transcribe');
      expect(jobs).toHaveLength(1);
      expect(core.jobs.list().every((j) => j.state === 'succeeded')).toBe(true);
      expect(jobs[0]).toMatchObject({ state: 'succeeded', attempts: 2, errorCode: null, result: { chunks: 2, segments: 3 } });
      expect(core.repos.activities.forCall(id!).filter((a) => a.type === 'call_transcription')).toHaveLength(1);
      expect(core.repos.db.prepare('PRAGMA integrity_check').pluck().all()).toEqual(['ok']);
    });
    expect(filesUnder(tmpDir)).toEqual([]);
  });

  it('jobs --json lists the queue status and every JobInfo field; --state filters; a bad --state exits 2', async () => {
    const { [A1]: a1, [F7]: f7 } = await importSessions({ from: A1 }, { from: F7 });
    expect((await cli(['transcribe', String(a1), String(f7), '--language', 'en'])).code).toBe(0);
    const run = await cli(['jobs', '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { status: unknown; jobs: unknown[] };
    expect(Object.keys(out).sort()).toEqual(['jobs', 'status']);
    for (const j of out.jobs) expect(Object.keys(j as object).sort()).toEqual(Object.keys(JobInfo.shape).sort());
    const all = JobInfo.array().parse(out.jobs);
    // The import queued a metrics job per call as well; every job is listed and counted.
    expect(QueueStatus.parse(out.status)).toEqual({ paused: false, concurrency: 2, counts: { queued: all.length, running: 0, succeeded: 0, failed: 0, canceled: 0 } });
    const jobs = all.filter((j) => j.type === 'transcribe');
    // Newest first.
    expect(jobs.map((j) => [j.type, j.callId, j.state, j.attempts, j.maxAttempts])).toEqual([
      ['transcribe', f7, 'queued', 0, 5],
      ['transcribe', a1, 'queued', 0, 5],
    ]);

    expect(JSON.parse((await cli(['jobs', '--json', '--state', 'succeeded'])).stdout)).toMatchObject({ jobs: [] });
    const text = await cli(['jobs']);
    expect(text.stdout).toMatch(new RegExp(`^queue running, concurrency 2: ${all.length} queued, 0 running, 0 succeeded, 0 failed, 0 canceled\n`));
    const bad = await cli(['jobs', '--state', 'done']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--state must be one of queued, running, succeeded, failed, canceled/);
  });

  it('transcribe exits 1 for an unknown call (with a skipped entry) and 2 for bad options or ids with --missing', async () => {
    const { [A1]: a1 } = await importSessions({ from: A1 });
    const unknown = await cli(['transcribe', 'no-such-call', '--json']);
    expect(unknown.code).toBe(1);
    const res = JSON.parse(unknown.stdout) as { jobs: unknown[]; run: unknown };
    expect(TranscribeRequestResult.parse(res).skipped).toHaveLength(1);
    expect(res).toEqual({ queued: [], alreadyQueued: [], skipped: [{ callId: 0, reason: 'no call no-such-call' }], jobs: [], run: null });
    const mixed = await cli(['transcribe', A1, 'nope']);
    expect(mixed.code).toBe(1);
    expect(mixed.stdout).toBe('1 queued, 0 already queued, 1 skipped\n');
    expect(mixed.stderr).toBe('skipped: no call nope\n');
    // Asking again for a queued call is not an error.
    expect(await cli(['transcribe', String(a1)])).toMatchObject({ code: 0, stdout: '0 queued, 1 already queued, 0 skipped\n' });

    for (const [args, message] of [
      [['transcribe', A1, '--language', 'english'], /--language: a language is auto or a two-letter ISO-639-1 code/],
      [['transcribe', A1, '--temperature', '2'], /--temperature: /],
      [['transcribe', A1, '--temperature', 'warm'], /--temperature: /],
      [['transcribe', A1, '--model', 'whisper-2'], /--model: /],
      [['transcribe', A1, '--missing'], /transcribe takes call ids or --missing \(not both\)/],
      [['transcribe'], /transcribe takes call ids or --missing \(not both\)/],
      [['transcribe', A1, '--loud'], /Unknown option '--loud'/],
      [['worker', 'now'], /worker takes no arguments/],
    ] as const) {
      const run = await cli([...args]);
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stdout).toBe('');
    }
    // Nothing was sent, and the usage errors queued nothing.
    expect(fake.requests).toEqual([]);
    expect(inspect((core) => core.jobs.list().filter((j) => j.type === 'transcribe').length)).toBe(1);
  });

  it('transcribe --missing --wait --json queues and runs only calls without a transcript; worker --json reports an empty run', async () => {
    const ids = await importSessions({ from: A1 }, { from: F7, as: BARE, drop: 'transcript.json' });
    const run = await cli(['transcribe', '--missing', '--wait', '--json', '--language', 'en', '--prompt', 'Jane Doe']);
    expect(run.code, run.stderr).toBe(0);
    const res = JSON.parse(run.stdout) as { queued: { callId: number; jobId: number }[]; alreadyQueued: unknown[]; skipped: unknown[]; jobs: unknown[]; run: unknown };
    expect(res.queued.map((q) => q.callId)).toEqual([ids[BARE]]);
    // The run also does the metrics jobs the import queued: all succeed, nothing fails.
    expect(res).toMatchObject({ alreadyQueued: [], skipped: [], run: { failed: 0, retried: 0, paused: false } });
    expect((res.run as { succeeded: number }).succeeded).toBeGreaterThanOrEqual(1);
    const [job] = JobInfo.array().parse(res.jobs);
    expect(job).toMatchObject({ id: res.queued[0]!.jobId, state: 'succeeded', callId: ids[BARE], result: { model: 'whisper-1', language: 'en', chunks: 2 } });
    const uploads = fake.requests.filter((r) => r.endpoint === 'transcriptions');
    expect(uploads.map((u) => [u.language, u.prompt])).toEqual([
      ['en', 'Jane Doe'],
      ['en', 'Jane Doe'],
    ]);
    inspect((core) => {
      expect(core.repos.transcripts.list(ids[BARE]!).map((v) => [v.version, v.source, v.params.prompt])).toEqual([[1, 'openai', 'Jane Doe']]);
      expect(core.repos.transcripts.list(ids[A1]!).map((v) => v.source)).toEqual(['recorder']);
    });

    // Nothing is missing any more: nothing is queued, and a worker has nothing to do.
    const again = await cli(['transcribe', '--missing', '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ queued: [], alreadyQueued: [], skipped: [], jobs: [], run: null });
    const idle = await cli(['worker', '--json']);
    expect(idle.code).toBe(0);
    expect(JSON.parse(idle.stdout)).toEqual({ succeeded: 0, failed: 0, retried: 0, paused: false });
    expect(fake.requests.filter((r) => r.endpoint === 'transcriptions')).toHaveLength(2);
  });

  it('transcribe --wait exits 1 and names the failed job when OpenAI rejects the key', async () => {
    const { [A1]: a1 } = await importSessions({ from: A1 });
    const run = await cli(['transcribe', String(a1), '--wait'], { OPENAI_API_KEY: 'sk-wrong-key-0000000000000000' });
    expect(run.code).toBe(1);
    // The import's metrics job succeeds in the same run; the transcription fails.
    expect(run.stdout).toMatch(/^1 queued, 0 already queued, 0 skipped\n\d+ succeeded, 1 failed, 0 retries\n$/);
    expect(run.stderr).toMatch(/^failed: job \d+ \(call \d+\): OpenAI rejected the API key \(401\)\. Check the key in Settings\.\n$/);
    const worker = await cli(['worker']);
    expect(worker).toMatchObject({ code: 0, stdout: '0 succeeded, 0 failed, 0 retries\n' });
  });
});
