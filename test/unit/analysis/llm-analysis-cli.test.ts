/**
 * `callreview analyze` and `show --json` run through the CLI's own entry point (main) in this
 * process, against a real library in a temp dir and the fake OpenAI on loopback: exit codes, the
 * text and --json output, and a job failed by malformed answers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/app-core.js';
import { AnalysisRecord } from '../../../shared/analysis.js';
import { JobInfo } from '../../../shared/jobs.js';
import { AnalyzeRequestResult, LlmAnalysis } from '../../../shared/llm-analysis.js';
import { FakeOpenAI } from '../../fakes/openai/fake-openai.js';
import { chatRequests } from '../../helpers/llm-analysis.js';
import { copySession, makeTempDir } from '../../helpers/recorder-folder.js';
import { runCliInProcess, type CliRun } from '../../helpers/cli-in-process.js';

const A1 = 'sess-a1b2c3_20260302_091504' as const;
const Q4 = 'sess-q4m8z2_20260421_160351' as const;

let fake: FakeOpenAI;
let tmp: string;
let dataDir: string;
const savedEnv = { ...process.env };

/** Runs the CLI in this process with stdout and stderr captured. */
const cli = (...args: string[]): Promise<CliRun> => runCliInProcess(dataDir, args);

beforeAll(async () => {
  fake = new FakeOpenAI();
  await fake.start();
  tmp = makeTempDir('cr-analyze-cli-');
  dataDir = path.join(tmp, 'data');
  const recordings = path.join(tmp, 'call_recordings');
  fs.mkdirSync(recordings);
  copySession(A1, recordings);
  copySession(Q4, recordings);
  // The CLI reads the key and the API base from the environment, as a user's shell would give them.
  process.env.OPENAI_API_KEY = fake.apiKey;
  process.env.OPENAI_BASE_URL = fake.baseURL;
  const core = createCore(dataDir);
  await core.library.addFolder(recordings, false);
  core.close();
});
afterEach(() => {
  fake.clearFaults();
});
afterAll(async () => {
  process.env = savedEnv;
  await fake?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('callreview analyze', () => {
  it('--wait --json: queues, runs and prints the stored analysis; show --json includes it', async () => {
    const run = await cli('analyze', A1, '--wait', '--json');
    expect(run.code, run.stderr).toBe(0);
    const body = JSON.parse(run.stdout) as { queued: unknown[]; jobs: unknown[]; run: { failed: number }; analyses: Array<{ callId: number; analysis: unknown }> };
    expect(AnalyzeRequestResult.parse(body).queued).toHaveLength(1);
    const [job] = JobInfo.array().parse(body.jobs);
    expect(job).toMatchObject({ type: 'analyze', state: 'succeeded' });
    expect(body.run.failed).toBe(0);
    const stored = AnalysisRecord.parse(body.analyses[0]!.analysis);
    expect(stored).toMatchObject({ kind: 'llm', run: 1, callId: job!.callId });
    const a = LlmAnalysis.parse(stored.payload);
    expect(a.qaFlags.find((f) => f.flag === 'escalation requested')).toMatchObject({ present: true });

    const show = await cli('show', A1, '--json');
    expect(show.code, show.stderr).toBe(0);
    const detail = JSON.parse(show.stdout) as { id: number; analysis: unknown };
    expect(AnalysisRecord.parse(detail.analysis)).toMatchObject({ id: stored.id, run: 1 });
    const text = await cli('show', A1);
    expect(text.stdout).toMatch(/^analysis \(run 1, gpt-4\.1-mini\): A call between caller and bot/m);
  });

  it('text output with --model; a second run is run 2', async () => {
    const run = await cli('analyze', A1, '--model', 'gpt-4o-mini', '--wait');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^1 queued, 0 already queued, 0 skipped\n/);
    expect(run.stdout).toMatch(/^call \d+: run 2 \(gpt-4o-mini\): A call between/m);
    expect(chatRequests(fake).at(-1)!.model).toBe('gpt-4o-mini');
  });

  it('exit 1 for an unknown call (the known one is still queued) and for a job failed by malformed answers', async () => {
    const mixed = await cli('analyze', Q4, 'no-such-call');
    expect(mixed).toMatchObject({ code: 1, stdout: '1 queued, 0 already queued, 1 skipped\n' });
    expect(mixed.stderr).toContain('skipped: no call no-such-call');

    const before = chatRequests(fake).length;
    fake.malformedNext(2, 'bad-reference');
    const failed = await cli('analyze', Q4, '--wait');
    expect(failed.code).toBe(1);
    // The job queued by the previous command is the one that ran (one active job per call).
    expect(failed.stdout).toMatch(/^0 queued, 1 already queued, 0 skipped\n0 succeeded, 1 failed, 0 retries\n$/);
    expect(failed.stderr).toMatch(/failed: job \d+ \(call \d+\): The analysis cited segments that are not in the transcript \(s9999\)\. The model was asked twice; no analysis was saved\./);
    expect(chatRequests(fake).length - before).toBe(2);
  });

  it('exit 2 for usage errors', async () => {
    const none = await cli('analyze');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/analyze needs at least one call id/);
    const model = await cli('analyze', A1, '--model', 'not a model!');
    expect(model.code).toBe(2);
    expect(model.stderr).toMatch(/--model: a model id such as gpt-4\.1-mini/);
  });
});
