import { describe, expect, it } from 'vitest';
import { initialPair } from '../../renderer/src/components/CompareDialog.js';
import { activeTranscription, isMonoCall, jobStateLabel, justEnded, latestTranscription, mergeJobs, transcribeBlocker, transcribingText, upsertJob } from '../../renderer/src/jobs-logic.js';
import { describeRunResult, formatEta, formatPercent, isLanguage, versionLabel, versionOptionLabel } from '../../renderer/src/transcription-format.js';
import type { TranscriptVersion } from '../../shared/types.js';
import { detail, job, openAiStatus } from './fake-bridge.js';

function version(id: number, n: number, over: Partial<TranscriptVersion> = {}): TranscriptVersion {
  return { id, version: n, source: 'openai', engine: 'openai', model: 'whisper-1', createdAt: '2026-03-02T09:20:00.000Z', active: false, params: {}, segmentCount: 3, ...over };
}

describe('job list', () => {
  it('keeps jobs newest first, replaces a changed job in place and stays within its limit', () => {
    let jobs = [job(5, 1), job(3, 1), job(2, 2)];
    jobs = upsertJob(jobs, job(4, 2));
    expect(jobs.map((j) => j.id)).toEqual([5, 4, 3, 2]);
    jobs = upsertJob(jobs, job(3, 1, { state: 'running', progress: 0.5 }));
    expect(jobs.map((j) => j.id)).toEqual([5, 4, 3, 2]);
    expect(jobs[2]?.progress).toBe(0.5);
    expect(upsertJob(jobs, job(9, 1), 3).map((j) => j.id)).toEqual([9, 5, 4]);
    expect(upsertJob([], job(1, 1)).map((j) => j.id)).toEqual([1]);
  });

  it('ignores a copy older than the one known, such as a reply that arrives after the next event', () => {
    const at = (sec: number): string => `2026-03-02T09:20:${String(sec).padStart(2, '0')}.000Z`;
    const jobs = [job(3, 1, { state: 'succeeded', updatedAt: at(9) })];
    expect(upsertJob(jobs, job(3, 1, { state: 'queued', updatedAt: at(1) }))).toBe(jobs);
    expect(upsertJob(jobs, job(3, 1, { state: 'failed', updatedAt: at(9) }))[0]?.state).toBe('failed');
  });

  it('merges a fetched list with newer event copies and jobs created after it was read', () => {
    const at = (sec: number): string => `2026-03-02T09:20:${String(sec).padStart(2, '0')}.000Z`;
    const current = [job(6, 1, { updatedAt: at(8) }), job(5, 1, { state: 'succeeded', updatedAt: at(7) }), job(1, 2, { updatedAt: at(1) })];
    const fresh = [job(5, 1, { state: 'running', updatedAt: at(5) }), job(4, 2, { state: 'failed', updatedAt: at(4) }), job(1, 2, { state: 'canceled', updatedAt: at(6) })];
    expect(mergeJobs(current, fresh).map((j) => [j.id, j.state])).toEqual([
      [6, 'queued'],
      [5, 'succeeded'],
      [4, 'failed'],
      [1, 'canceled'],
    ]);
    expect(mergeJobs(current, fresh, 2).map((j) => j.id)).toEqual([6, 5]);
  });

  it('announces an ending once: a state change to an end state, or an unknown job that already ended', () => {
    const before = [job(1, 1, { state: 'running' }), job(2, 1, { state: 'failed' })];
    expect(justEnded(before, job(1, 1, { state: 'succeeded' }))).toBe(true);
    expect(justEnded(before, job(1, 1, { state: 'running', progress: 0.3 }))).toBe(false);
    expect(justEnded(before, job(2, 1, { state: 'failed' }))).toBe(false);
    expect(justEnded(before, job(3, 1, { state: 'canceled' }))).toBe(true);
  });

  it("finds a call's active and latest transcription", () => {
    const jobs = [job(7, 2, { state: 'running' }), job(6, 1, { state: 'failed' }), job(5, 1, { state: 'queued' }), job(4, 1, { type: 'peaks', state: 'running' })];
    expect(latestTranscription(jobs, 1)?.id).toBe(6);
    expect(activeTranscription(jobs, 1)?.id).toBe(5);
    expect(activeTranscription(jobs, 3)).toBeNull();
  });

  it('says why a queued job waits and how far a running one is', () => {
    expect(jobStateLabel(job(1, 1), true)).toBe('Queued (queue paused)');
    expect(jobStateLabel(job(1, 1, { attempts: 1, nextRunAt: '2026-03-02T09:21:00.000Z' }), false)).toBe('Waiting to retry (attempt 2 of 5)');
    expect(jobStateLabel(job(1, 1, { state: 'failed' }), false)).toBe('Failed');
    expect(transcribingText(job(1, 1), false)).toBe('Queued…');
    expect(transcribingText(job(1, 1, { state: 'running' }), false)).toBe('Transcribing…');
    expect(transcribingText(job(1, 1, { state: 'running', progress: 0.426 }), false)).toBe('Transcribing 42%');
  });
});

describe('Transcribe availability', () => {
  it('gives the reason a call cannot be transcribed', () => {
    const call = detail(1);
    expect(transcribeBlocker(call, openAiStatus())).toBeNull();
    expect(transcribeBlocker(call, null)).toBe('Checking the OpenAI key…');
    expect(transcribeBlocker(call, openAiStatus({ configured: false }))).toContain('set OPENAI_API_KEY');
    expect(transcribeBlocker(call, openAiStatus({ configured: false, origin: 'safeStorage' }))).toContain('add one under Transcription');
    expect(transcribeBlocker(call, openAiStatus({ configError: 'OPENAI_BASE_URL is not a URL: x' }))).toBe('OPENAI_BASE_URL is not a URL: x');
    expect(transcribeBlocker({ ...call, hasAudio: false, audio: [] }, openAiStatus())).toBe('This call has no audio to transcribe.');
    expect(transcribeBlocker({ ...call, audio: call.audio.map((a) => ({ ...a, missing: true })) }, openAiStatus())).toContain('missing on disk');
  });

  it('tells mono calls from calls with a channel per side', () => {
    const call = detail(1);
    const file = call.audio[0]!;
    expect(isMonoCall(call)).toBe(false);
    expect(isMonoCall({ audio: [{ ...file, variant: 'mono', channels: 1 }] })).toBe(true);
    expect(isMonoCall({ audio: [{ ...file, variant: 'caller', channels: 1 }, { ...file, id: 2, variant: 'agent', channels: 1 }] })).toBe(false);
    expect(isMonoCall({ audio: [{ ...file, variant: 'stereo', channels: 1 }] })).toBe(true);
    expect(isMonoCall({ audio: [{ ...file, missing: true }, { ...file, id: 2, variant: 'mono', channels: 1 }] })).toBe(true);
  });
});

describe('formatting', () => {
  it('formats percentages and times left', () => {
    expect(formatPercent(null)).toBeNull();
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(0.999)).toBe('99%');
    expect(formatPercent(1.2)).toBe('100%');
    expect(formatEta(null)).toBeNull();
    expect(formatEta(12.4)).toBe('about 12 s left');
    expect(formatEta(120)).toBe('about 2 min left');
    expect(formatEta(125)).toBe('about 2 min 5 s left');
    expect(formatEta(3 * 3600 + 60 * 7)).toBe('about 3 h 7 min left');
  });

  it('accepts auto and two-letter codes as languages', () => {
    expect(['auto', 'en', 'ca'].every(isLanguage)).toBe(true);
    expect(['', 'e', 'EN', 'eng', 'e1'].some(isLanguage)).toBe(false);
  });

  it('names versions by number, engine and language, and marks the active one', () => {
    expect(versionLabel(version(1, 1, { source: 'recorder', engine: 'recorder', model: null }))).toBe('v1 · recorder');
    expect(versionLabel(version(2, 2, { params: { language: 'en' } }))).toBe('v2 · whisper-1 · en');
    expect(versionLabel(version(3, 3, { params: { language: 'unknown' } }))).toBe('v3 · whisper-1');
    expect(versionOptionLabel(version(2, 2, { active: true }))).toMatch(/^v2 · whisper-1 · .+ · active$/);
    expect(versionOptionLabel(version(2, 2))).not.toContain('active');
  });

  it('summarises what a transcription job made, and nothing for other results', () => {
    const res = { model: 'whisper-1', language: 'en', billedSec: 18.4, costUsd: 0.002, chunks: 2, segments: 12 };
    expect(describeRunResult(res)).toBe('whisper-1 · en · 12 segments · 18 s billed · ≈ $0.002');
    expect(describeRunResult({ ...res, language: 'unknown', segments: 1 })).toBe('whisper-1 · 1 segment · 18 s billed · ≈ $0.002');
    expect(describeRunResult(null)).toBeNull();
    expect(describeRunResult({ peaks: 3 })).toBeNull();
  });
});

describe('compare: first pair', () => {
  // Newest first, as transcripts:list answers.
  const versions = [version(13, 3), version(12, 2, { active: true }), version(11, 1, { source: 'recorder', model: null })];

  it('puts the version being read against the active one, older on the left', () => {
    expect(initialPair(versions, 11)).toEqual([11, 12]);
    expect(initialPair(versions, 13)).toEqual([12, 13]);
  });

  it('compares the active version with the one made before it, or after it when it is the first', () => {
    expect(initialPair(versions, 12)).toEqual([11, 12]);
    expect(initialPair(versions, null)).toEqual([11, 12]);
    const firstActive = [version(22, 2), version(21, 1, { active: true })];
    expect(initialPair(firstActive, null)).toEqual([21, 22]);
  });
});
