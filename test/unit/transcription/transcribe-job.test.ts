import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFixtureCut } from '../../fakes/openai/fixture-audio.js';
import { fixtureText } from '../../helpers/recorder-folder.js';
import { transcriptionRig, type TranscriptionRig } from '../../helpers/transcription.js';

const A1 = 'sess-a1b2c3_20260302_091504' as const;
const Q4 = 'sess-q4m8z2_20260421_160351' as const;
const F7 = 'sess-7f3k9d_20260311_144237' as const;

/** The recorder's own transcript lines with their start offsets from the call start. */
function recorderLines(session: typeof A1 | typeof Q4 | typeof F7): { speaker: string; start: number; end: number; text: string }[] {
  const t = JSON.parse(fixtureText(session, 'transcript.json')) as { start_time: string; entries: { timestamp: string; channel: string; text: string; duration_ms: number }[] };
  const t0 = Date.parse(t.start_time);
  return t.entries.map((e) => {
    const start = (Date.parse(e.timestamp) - t0) / 1000;
    return { speaker: e.channel, start, end: start + e.duration_ms / 1000, text: e.text };
  });
}

let rig: TranscriptionRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

describe('transcribe job', () => {
  it('transcribes each channel of a stereo call on its own and merges them in time order with the right speakers', async () => {
    rig = await transcriptionRig();
    const { [A1]: id } = await rig.importSessions(A1);
    const before = rig.core.repos.transcripts.list(id!);
    expect(before.map((v) => v.source)).toEqual(['recorder']);

    const req = rig.core.transcription.request([id!], { language: 'en' }, 'manual');
    expect(req.queued).toHaveLength(1);
    const run = await rig.core.jobs.runUntilIdle();
    expect(run).toMatchObject({ succeeded: 1, failed: 0 });

    // One upload per channel: the stereo file is split, never sent mixed.
    const uploads = rig.fake.requests.filter((r) => r.endpoint === 'transcriptions');
    expect(uploads).toHaveLength(2);
    expect(uploads.every((u) => u.model === 'whisper-1' && u.responseFormat === 'verbose_json' && u.language === 'en')).toBe(true);

    const active = rig.core.repos.transcripts.active(id!)!;
    expect(active).toMatchObject({ source: 'openai', model: 'whisper-1', version: 2, active: true });
    const expected = recorderLines(A1);
    expect(active.segments.map((s) => s.text)).toEqual(expected.map((e) => e.text));
    expect(active.segments.map((s) => s.speaker)).toEqual(expected.map((e) => e.speaker));
    expect(active.segments.map((s) => s.channel)).toEqual(expected.map((e) => (e.speaker === 'caller' ? 0 : 1)));
    active.segments.forEach((s, i) => {
      expect(Math.abs(s.start - expected[i]!.start)).toBeLessThan(0.15);
      expect(Math.abs(s.end - expected[i]!.end)).toBeLessThan(0.15);
    });
    const starts = active.segments.map((s) => s.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));

    // Version 1 (the recorder's) is kept; the run records what it was asked and what it cost.
    const versions = rig.core.repos.transcripts.list(id!);
    expect(versions.map((v) => [v.version, v.source, v.active])).toEqual([
      [2, 'openai', true],
      [1, 'recorder', false],
    ]);
    expect(versions[0]!.params).toMatchObject({ model: 'whisper-1', language: 'en', chunks: 2, reason: 'manual' });
    expect(versions[0]!.params.billedSec as number).toBeGreaterThan(8);
    expect(versions[0]!.params.costUsd as number).toBeGreaterThan(0);

    const history = rig.core.repos.activities.forCall(id!).map((a) => a.type);
    expect(history).toEqual(expect.arrayContaining(['transcription_requested', 'call_transcription']));
    const done = rig.core.repos.activities.forCall(id!).find((a) => a.type === 'call_transcription')!;
    expect(done.payload).toMatchObject({ version: 2, model: 'whisper-1' });
    expect(done.groupId).toBe(rig.core.repos.activities.callActivity(id!)!.groupId);
  });

  it('stores word timings in call time when the run asks for them', async () => {
    rig = await transcriptionRig();
    const { [A1]: id } = await rig.importSessions(A1);
    rig.core.transcription.request([id!], { wordTimestamps: true }, 'manual');
    expect(await rig.core.jobs.runUntilIdle()).toMatchObject({ succeeded: 1 });
    expect(rig.fake.requests.filter((r) => r.endpoint === 'transcriptions').every((r) => JSON.stringify(r.fields).includes('word'))).toBe(true);
    const db = new Database(join(rig.dataDir, 'callreview.db'), { readonly: true });
    try {
      const active = rig.core.repos.transcripts.active(id!)!;
      const rows = db.prepare(`SELECT start_sec AS start, end_sec AS end, text, words FROM segments WHERE transcript_id = ? ORDER BY start_sec`).all(active.id) as { start: number; end: number; text: string; words: string | null }[];
      expect(rows).toHaveLength(3);
      for (const r of rows) {
        const words = JSON.parse(r.words!) as [number, number, string][];
        // Every word of the line, in order, inside the line's time span (call time, not chunk time).
        expect(words.map((w) => w[2].replace(/[^\p{L}\p{N}']/gu, '')).join(' ')).toBe(r.text.replace(/[^\p{L}\p{N}' ]/gu, ''));
        expect(words[0]![0]).toBeGreaterThanOrEqual(r.start - 0.06);
        expect(words.at(-1)![1]).toBeLessThanOrEqual(r.end + 0.06);
      }
    } finally {
      db.close();
    }
  });

  it('transcribes a call recorded as two mono files, one per side', async () => {
    rig = await transcriptionRig();
    const { [Q4]: id } = await rig.importSessions(Q4);
    rig.core.transcription.request([id!], {}, 'manual');
    expect(await rig.core.jobs.runUntilIdle()).toMatchObject({ succeeded: 1 });
    const active = rig.core.repos.transcripts.active(id!)!;
    const expected = recorderLines(Q4);
    expect(active.segments.map((s) => [s.speaker, s.text])).toEqual(expected.map((e) => [e.speaker, e.text]));
  });

  it('transcribes a mono call with the diarizing model: one upload, speakers told apart', async () => {
    rig = await transcriptionRig();
    const dir = join(rig.recordings, 'loose');
    mkdirSync(dir, { recursive: true });
    // A call without overlapping speech: a mono mix cannot separate two people talking at once.
    await writeFixtureCut(join(dir, 'support-line.wav'), { session: F7, channel: 'mixed' });
    await rig.core.library.addFolder(dir, false);
    const id = rig.core.repos.calls.idByRef('support-line.wav') ?? rig.core.repos.calls.list('startedAt', 'asc', 10, 0).items[0]!.id;
    expect(rig.core.repos.audio.forCall(id).map((a) => a.variant)).toEqual(['mono']);
    rig.core.transcription.request([id], { model: 'gpt-4o-transcribe-diarize' }, 'manual');
    expect(await rig.core.jobs.runUntilIdle()).toMatchObject({ succeeded: 1 });
    const uploads = rig.fake.requests.filter((r) => r.endpoint === 'transcriptions');
    expect(uploads.map((u) => [u.model, u.responseFormat])).toEqual([['gpt-4o-transcribe-diarize', 'diarized_json']]);
    const active = rig.core.repos.transcripts.active(id)!;
    const expected = recorderLines(F7);
    expect(active.segments.map((s) => s.text)).toEqual(expected.map((e) => e.text));
    // Two voices, told apart: lines of the same person share a speaker, the other person's differ.
    const speakers = active.segments.map((s) => s.speaker);
    expect(new Set(speakers).size).toBe(2);
    expected.forEach((e, i) => expected.forEach((f, j) => expect(speakers[i] === speakers[j]).toBe(e.speaker === f.speaker)));
    expect(active.segments.every((s) => s.channel === null)).toBe(true);
  });

  it('keeps one active transcription per call and skips calls it cannot transcribe', async () => {
    rig = await transcriptionRig();
    const { [A1]: id } = await rig.importSessions(A1);
    const first = rig.core.transcription.request([id!], {}, 'manual');
    const again = rig.core.transcription.request([id!, 999], {}, 'manual');
    expect(again.queued).toEqual([]);
    expect(again.alreadyQueued).toEqual([{ callId: id, jobId: first.queued[0]!.jobId }]);
    expect(again.skipped).toEqual([{ callId: 999, reason: 'no such call' }]);
  });

  it('waits out a 429 with Retry-After and then succeeds', async () => {
    rig = await transcriptionRig();
    const { [A1]: id } = await rig.importSessions(A1);
    // The SDK retries once by itself; the second 429 reaches the queue, which waits as asked.
    rig.fake.failNext(2, 429, { retryAfterSec: 1 });
    rig.core.transcription.request([id!], {}, 'manual');
    const t0 = Date.now();
    expect(await rig.core.jobs.runUntilIdle()).toMatchObject({ succeeded: 1, failed: 0, retried: 1 });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1500);
    expect(rig.fake.stats.failed[429]).toBe(2);
    const job = rig.core.jobs.list()[0]!;
    expect(job).toMatchObject({ state: 'succeeded', attempts: 2 });
    expect(rig.core.repos.transcripts.active(id!)?.source).toBe('openai');
  });

  it('fails at once on 401 with a message a reviewer understands, and says so in the history', async () => {
    rig = await transcriptionRig({ key: 'sk-wrong-key-0000000000000000' });
    const { [A1]: id } = await rig.importSessions(A1);
    rig.core.transcription.request([id!], {}, 'manual');
    expect(await rig.core.jobs.runUntilIdle()).toMatchObject({ succeeded: 0, failed: 1, retried: 0 });
    const job = rig.core.jobs.list()[0]!;
    expect(job).toMatchObject({ state: 'failed', attempts: 1, errorCode: 'unauthorized' });
    expect(job.errorMessage).toBe('OpenAI rejected the API key (401). Check the key in Settings.');
    expect(rig.fake.requests.filter((r) => r.status === 401)).toHaveLength(1);
    expect(rig.core.repos.transcripts.active(id!)?.source).toBe('recorder');
    const failed = rig.core.repos.activities.forCall(id!).find((a) => a.type === 'transcription_failed');
    expect(failed?.payload).toMatchObject({ code: 'unauthorized' });
  });

  it('fails without retrying when no key is set', async () => {
    rig = await transcriptionRig({ core: { env: {} } });
    const { [A1]: id } = await rig.importSessions(A1);
    rig.core.transcription.request([id!], {}, 'manual');
    await rig.core.jobs.runUntilIdle();
    expect(rig.core.jobs.list()[0]).toMatchObject({ state: 'failed', attempts: 1, errorCode: 'no-key' });
    expect(rig.fake.requests).toHaveLength(0);
  });

  it('cancels a running transcription: no version is written', async () => {
    rig = await transcriptionRig({ fake: { latencyMs: 1500 } });
    const { [A1]: id } = await rig.importSessions(A1);
    const jobId = rig.core.transcription.request([id!], {}, 'manual').queued[0]!.jobId;
    rig.core.jobs.start();
    await expect.poll(() => rig!.fake.requests.length, { timeout: 5000 }).toBeGreaterThan(0);
    expect(rig.core.jobs.get(jobId)?.state).toBe('running');
    rig.core.jobs.cancel(jobId);
    await expect.poll(() => rig!.core.jobs.get(jobId)?.state, { timeout: 5000 }).toBe('canceled');
    await new Promise((r) => setTimeout(r, 1800));
    expect(rig.core.repos.transcripts.list(id!).map((v) => v.source)).toEqual(['recorder']);
    expect(rig.core.repos.activities.forCall(id!).some((a) => a.type === 'call_transcription')).toBe(false);
  });
});
