/**
 * The analyze job on a real library (SQLite in a temp dir, the fixture recordings) against the
 * fake OpenAI over loopback: a schema-true analysis stored with resolved citations and times from
 * the segments; a schema break asked again once, then a clear failure; citations of lines that do
 * not exist rejected the same way; history per transcript version; auto-analysis after a
 * transcription; a rejected key failing at once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers, dispatch } from '../../../electron/core/handlers.js';
import { LlmAnalysis } from '../../../shared/llm-analysis.js';
import { addTranscript, chatRequests, citedIds, SUPPORT_CALL } from '../../helpers/llm-analysis.js';
import { transcriptionRig, type TranscriptionRig } from '../../helpers/transcription.js';

const A1 = 'sess-a1b2c3_20260302_091504' as const;
const Q4 = 'sess-q4m8z2_20260421_160351' as const;

let rig: TranscriptionRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

/** A rig with one call whose active transcript is SUPPORT_CALL. */
async function supportCall(opts: Parameters<typeof transcriptionRig>[0] = {}) {
  rig = await transcriptionRig(opts);
  const { [A1]: callId } = await rig.importSessions(A1);
  const transcript = addTranscript(rig.core, callId!, SUPPORT_CALL);
  return { rig, callId: callId!, transcript };
}

const analyzeJobs = (r: TranscriptionRig) => r.core.jobs.list().filter((j) => j.type === 'analyze');

describe('analyze job', () => {
  it('stores a schema-true analysis of the active version: every citation a real segment, times from the segments, an activity in the call’s group', async () => {
    const { rig, callId, transcript } = await supportCall();
    const req = rig.core.llm.request([callId]);
    expect(req).toMatchObject({ queued: [{ callId }], alreadyQueued: [], skipped: [] });
    expect(await rig.core.jobs.runUntilIdle()).toMatchObject({ failed: 0 });

    const [job] = analyzeJobs(rig);
    expect(job).toMatchObject({ state: 'succeeded', attempts: 1, result: { model: 'gpt-4.1-mini', transcriptId: transcript.id, parts: 1, requests: 1 } });
    const stored = rig.core.llm.current(callId)!;
    expect(stored).toMatchObject({ kind: 'llm', transcriptId: transcript.id, model: 'gpt-4.1-mini', run: 1 });
    const a = LlmAnalysis.parse(stored.payload);
    const byId = new Map(transcript.segments.map((s) => [s.id, s]));
    const cited = citedIds(a);
    expect(cited.length).toBeGreaterThan(5);
    expect(cited.filter((id) => !byId.has(id))).toEqual([]);

    const [s1, s2, s3, s4, s5, s6] = transcript.segments;
    expect(a.questions).toEqual([{ text: 'Can you read me the invoice number?', askedBy: 'agent', segmentId: s3!.id, at: s3!.start, answered: true, answerSegmentId: s4!.id }]);
    expect(a.actionItems).toEqual([{ text: "I'll send you a corrected invoice by Friday", owner: 'agent', due: 'by Friday', segmentId: s5!.id, at: 70.3 }]);
    expect(a.qaFlags).toEqual([
      { flag: 'escalation requested', present: true, segmentIds: [s6!.id], note: expect.stringContaining('manager') },
      { flag: 'recording disclosure given', present: true, segmentIds: [s1!.id], note: expect.any(String) },
      { flag: 'customer frustration', present: true, segmentIds: [s2!.id], note: expect.any(String) },
      { flag: 'compliance phrase', present: false, segmentIds: [], note: expect.any(String) },
    ]);
    // Windows of 60 s, with times from the transcript: lines at 0–14 s and at 70–75 s.
    expect(a.sentiment.overTime.map((w) => [w.start, w.end])).toEqual([
      [0, 60],
      [60, 78.6],
    ]);
    expect(a).toMatchObject({ model: 'gpt-4.1-mini', windowSec: 60, parts: 1, usage: { requests: 1 } });
    expect(a.usage.promptTokens).toBeGreaterThan(100);

    // What was sent: a strict json_schema and the lines with their segment ids.
    const [sent] = chatRequests(rig.fake);
    expect(sent!.chat).toMatchObject({ schemaName: 'call_analysis', strict: true, lines: 6, refs: transcript.segments.map((s) => `s${s.id}`) });
    expect(sent!.chat!.messages[1]!.content).toContain(`[s${s5!.id} 01:10 agent] Thanks. I'll send you a corrected invoice by Friday.`);

    const done = rig.core.repos.activities.forCall(callId).find((x) => x.type === 'analysis_completed')!;
    expect(done.payload).toMatchObject({ analysisId: stored.id, run: 1, model: 'gpt-4.1-mini', transcriptId: transcript.id, version: transcript.version });
    expect(done.groupId).toBe(rig.core.repos.activities.callActivity(callId)!.groupId);
  });

  it('a schema break is asked again once and then succeeds', async () => {
    const { rig, callId } = await supportCall();
    rig.fake.malformedNext(1, 'schema');
    rig.core.llm.request([callId]);
    await rig.core.jobs.runUntilIdle();
    expect(chatRequests(rig.fake).map((r) => r.chat?.malformed)).toEqual(['schema', null]);
    expect(analyzeJobs(rig)[0]).toMatchObject({ state: 'succeeded', attempts: 1, result: { requests: 2 } });
    expect(LlmAnalysis.parse(rig.core.llm.current(callId)!.payload).usage.requests).toBe(2);
  });

  it.each([
    ['not-json', /^The model's answer was not valid JSON \(.+\)\. The model was asked twice; no analysis was saved\.$/],
    ['schema', /^The model's answer did not fit the analysis schema \(.*summary: .*sentiment\.overall\.score: .*\)\. The model was asked twice; no analysis was saved\.$/],
    ['bad-reference', /^The analysis cited segments that are not in the transcript \(s9999\)\. The model was asked twice; no analysis was saved\.$/],
    ['refusal', /^The model refused to analyse the call: .+ The model was asked twice/],
  ] as const)('%s twice: the job fails at once with a clear message after exactly 2 requests, nothing is stored', async (mode, message) => {
    const { rig, callId } = await supportCall();
    rig.fake.malformedNext(2, mode);
    rig.core.llm.request([callId]);
    expect(await rig.core.jobs.runUntilIdle()).toMatchObject({ retried: 0 });
    expect(chatRequests(rig.fake)).toHaveLength(2);
    const [job] = analyzeJobs(rig);
    expect(job).toMatchObject({ state: 'failed', attempts: 1, errorCode: 'bad-analysis' });
    expect(job!.errorMessage).toMatch(message);
    expect(rig.core.repos.analyses.list(callId, 'llm')).toEqual([]);
    const failed = rig.core.repos.activities.forCall(callId).find((x) => x.type === 'analysis_failed')!;
    expect(failed.payload).toMatchObject({ code: 'bad-analysis', message: job!.errorMessage });
  });

  it('a citation of a segment that does not exist once: rejected, asked again, the second answer is stored', async () => {
    const { rig, callId } = await supportCall();
    rig.fake.malformedNext(1, 'bad-reference');
    rig.core.llm.request([callId]);
    await rig.core.jobs.runUntilIdle();
    expect(chatRequests(rig.fake).map((r) => r.chat?.malformed)).toEqual(['bad-reference', null]);
    // Asked again inside the same try: the queue never saw a failure.
    expect(analyzeJobs(rig)[0]).toMatchObject({ state: 'succeeded', attempts: 1, result: { requests: 2 } });
    const a = LlmAnalysis.parse(rig.core.llm.current(callId)!.payload);
    expect(a.keyPhrases.map((k) => k.text)).not.toContain('phantom topic');
  });

  it('re-runs keep history per transcript version: runs 1 and 2, then run 1 of a new version', async () => {
    const { rig, callId, transcript } = await supportCall();
    rig.core.llm.request([callId]);
    await rig.core.jobs.runUntilIdle();
    // A second request while nothing is active is a new run; a third while it is queued joins it.
    const second = rig.core.llm.request([callId], { model: 'gpt-4o-mini' });
    expect(rig.core.llm.request([callId])).toMatchObject({ queued: [], alreadyQueued: [{ callId, jobId: second.queued[0]!.jobId }] });
    await rig.core.jobs.runUntilIdle();
    const runs = rig.core.repos.analyses.list(callId, 'llm');
    expect(runs.map((r) => [r.run, r.model, r.transcriptId])).toEqual([
      [2, 'gpt-4o-mini', transcript.id],
      [1, 'gpt-4.1-mini', transcript.id],
    ]);
    expect(rig.core.llm.current(callId)).toMatchObject({ run: 2, model: 'gpt-4o-mini' });

    const next = addTranscript(rig.core, callId, SUPPORT_CALL.slice(0, 4));
    expect(rig.core.llm.current(callId)).toBeNull();
    rig.core.llm.request([callId]);
    await rig.core.jobs.runUntilIdle();
    expect(rig.core.llm.current(callId)).toMatchObject({ run: 1, transcriptId: next.id });
    const view = rig.core.llm.view(callId);
    expect(view).toMatchObject({ callId, transcriptId: next.id, llm: { run: 1, transcriptId: next.id } });
    expect(view.history.filter((h) => h.kind === 'llm').map((h) => [h.transcriptId, h.run])).toEqual([
      [next.id, 1],
      [transcript.id, 2],
      [transcript.id, 1],
    ]);
    // Switching back to the first version shows its newest run again.
    rig.core.repos.transcripts.setActive(callId, transcript.id);
    expect(rig.core.llm.current(callId)).toMatchObject({ run: 2, transcriptId: transcript.id });
  });

  it('auto-analysis: with the setting on, a successful transcription queues an analysis of the new version; off, none', async () => {
    rig = await transcriptionRig();
    const { [A1]: a1, [Q4]: q4 } = await rig.importSessions(A1, Q4);
    rig.core.transcription.request([a1!], { language: 'en' }, 'manual');
    await rig.core.jobs.runUntilIdle();
    expect(analyzeJobs(rig)).toEqual([]);

    expect(rig.core.llm.setSettings({ autoAnalyze: true })).toMatchObject({ autoAnalyze: true, model: 'gpt-4.1-mini' });
    rig.core.transcription.request([q4!], { language: 'en' }, 'manual');
    await rig.core.jobs.runUntilIdle();
    const active = rig.core.repos.transcripts.active(q4!)!;
    expect(active).toMatchObject({ source: 'openai', version: 2 });
    expect(analyzeJobs(rig)).toMatchObject([{ callId: q4, state: 'succeeded', result: { transcriptId: active.id, version: 2 } }]);
    const a = LlmAnalysis.parse(rig.core.llm.current(q4!)!.payload);
    expect(a.questions.map((q) => [q.text, q.askedBy, q.answered])).toEqual([
      ['Can I book a cleaning Tuesday?', 'caller', true],
      ['Shall I book it?', 'bot', true],
    ]);
    expect(rig.core.repos.activities.forCall(q4!).map((x) => x.type)).toEqual(expect.arrayContaining(['call_transcription', 'analysis_completed']));
  });

  it('a rejected key (401) fails the job at once, after one request', async () => {
    const { rig, callId } = await supportCall({ key: 'sk-not-the-fake-key-0000' });
    rig.core.llm.request([callId]);
    await rig.core.jobs.runUntilIdle();
    expect(chatRequests(rig.fake).map((r) => r.status)).toEqual([401]);
    expect(analyzeJobs(rig)[0]).toMatchObject({ state: 'failed', attempts: 1, errorCode: 'unauthorized', errorMessage: expect.stringMatching(/OpenAI rejected the API key \(401\)/) });
  });

  it('a server error is retried by the queue and the retry succeeds', async () => {
    const { rig, callId } = await supportCall();
    // Two 500s: the SDK's one retry meets the second, so the queue schedules the job again.
    rig.fake.failNext(2, 500, { target: 'chat', retryAfterMs: 10 });
    rig.core.llm.request([callId]);
    const run = await rig.core.jobs.runUntilIdle();
    expect(run.retried).toBe(1);
    expect(chatRequests(rig.fake).map((r) => r.status)).toEqual([500, 500, 200]);
    expect(analyzeJobs(rig)[0]).toMatchObject({ state: 'succeeded', attempts: 2 });
  });

  it('over IPC: analysis:request queues, analysis:get shows the current run and history, settings are read and validated', async () => {
    const { rig, callId, transcript } = await supportCall();
    const h = createHandlers(rig.core, { mode: 'cli', version: 'test' });
    expect(await dispatch(h, 'analysis:request', { callIds: [callId], model: 'gpt-4.1-nano' })).toMatchObject({ ok: true, value: { queued: [{ callId }] } });
    await rig.core.jobs.runUntilIdle();
    const got = await dispatch(h, 'analysis:get', { callId });
    expect(got).toMatchObject({ ok: true, value: { callId, transcriptId: transcript.id, llm: { run: 1, model: 'gpt-4.1-nano', payload: { format: 1 } } } });
    expect(await dispatch(h, 'analysis:get', { callId: 424242 })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await dispatch(h, 'analysis:setSettings', { autoAnalyze: true })).toMatchObject({ ok: true, value: { autoAnalyze: true, model: 'gpt-4.1-mini' } });
    expect(await dispatch(h, 'analysis:settings', {})).toMatchObject({ ok: true, value: { autoAnalyze: true, windowSec: 60 } });
    expect(await dispatch(h, 'analysis:setSettings', { windowSec: 2 })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await dispatch(h, 'analysis:request', { callIds: [] })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('requests skip unknown calls and calls without a transcript', async () => {
    rig = await transcriptionRig();
    const { [A1]: a1 } = await rig.importSessions(A1);
    addTranscript(rig.core, a1!, [[0, 'caller', '   ']]);
    expect(rig.core.llm.request([a1!, 999])).toEqual({
      queued: [],
      alreadyQueued: [],
      skipped: [
        { callId: a1, reason: 'no transcript to analyse' },
        { callId: 999, reason: 'no such call' },
      ],
    });
    expect(() => rig!.core.llm.request([a1!], { model: 'bad model!' })).toThrow(/Invalid model/);
  });
});
