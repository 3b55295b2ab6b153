/**
 * Export tests: a real library in a temp dir holding the three recorder fixture sessions, a fixed
 * clock, and the review data an export carries (an LLM analysis stored as a run, comments with
 * Cyrillic and Greek, a completed score, parties) plus a long line for subtitle splitting.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createCore, type Core } from '../../../electron/core/app-core.js';
import { createReviewServices } from '../../../electron/core/review/review-handlers.js';
import { readWavFrames } from '../../../electron/core/audio/wav-reader.js';
import type { LlmAnalysis } from '../../../shared/llm-analysis.js';
import { copySession, FIXTURE_SESSIONS, makeTempDir } from '../../helpers/recorder-folder.js';

export const [A1, F7, Q4] = FIXTURE_SESSIONS;

/** What the 7f3k9d fixture says that redaction must remove, in the spellings an export could carry. */
export const SECRETS = ['415 555 0132', '4155550132', 'jane.doe@example.com', '4111 1111 1111 1111', '4111111111111111', '+1 415 555 0132'];

/** The long line added to Q4: over two subtitle lines of text and over 6 s, with Cyrillic, Greek, markup and a long word. */
export const LONG_LINE =
  'Привет, I would like to book the appointment for Tuesday at ten, the Ωmega clinic on <Main> & Fifth, ' +
  'please send the confirmation to https://example.org/appointments/confirm-booking-reference and call me back.';

/** A library with the fixtures imported and review data added. */
export interface ExportRig {
  tmp: string;
  dataDir: string;
  core: Core;
  ids: { a1: number; f7: number; q4: number };
  close(): void;
}

/** Stores an LLM analysis run for the call's active version, citing its first segment. */
export function addAnalysis(core: Core, callId: number, extra: { summary: string; action: string; question: string }): void {
  const t = core.repos.transcripts.active(callId)!;
  const seg = t.segments[0]!;
  const payload: LlmAnalysis = {
    format: 1,
    summary: extra.summary,
    sentiment: {
      overall: { label: 'negative', score: -0.4 },
      bySpeaker: [{ speaker: 'caller', label: 'negative', score: -0.6 }],
      overTime: [
        { start: 0, end: 4, label: 'neutral', score: 0.1 },
        { start: 4, end: 8, label: 'negative', score: -0.7 },
      ],
    },
    keyPhrases: [{ text: 'refund', segmentIds: [seg.id] }],
    actionItems: [{ text: extra.action, owner: 'agent', due: 'Friday', segmentId: seg.id, at: seg.start }],
    questions: [{ text: extra.question, askedBy: 'caller', segmentId: seg.id, at: seg.start, answered: false, answerSegmentId: null }],
    qaFlags: [{ flag: 'escalation requested', present: true, segmentIds: [seg.id], note: 'asks for a person' }],
    model: 'gpt-4.1-mini',
    windowSec: 60,
    parts: 1,
    usage: { requests: 1, promptTokens: 100, completionTokens: 50 },
  };
  core.repos.analyses.add(callId, t.id, 'llm', 'gpt-4.1-mini', payload, core.now());
}

/** Builds the rig: imports, metrics computed, A1 reviewed, F7 carrying personal data everywhere, Q4 with a long line. */
export async function exportRig(prefix: string, sessions: readonly string[] = FIXTURE_SESSIONS): Promise<ExportRig> {
  const tmp = makeTempDir(prefix);
  const dataDir = path.join(tmp, 'data');
  const recordings = path.join(tmp, 'call_recordings');
  fs.mkdirSync(recordings);
  for (const s of sessions) copySession(s as (typeof FIXTURE_SESSIONS)[number], recordings);
  const core = createCore(dataDir, { clock: () => new Date('2026-04-30T12:00:00.000Z'), metrics: { auto: false } });
  await core.library.addFolder(recordings, false);
  const id = (ref: string): number => core.repos.calls.idByRef(ref) ?? -1;
  const ids = { a1: id(A1), f7: id(F7), q4: id(Q4) };
  const review = createReviewServices(core.repos, core.now);
  if (ids.a1 > 0) {
    await core.metrics.ensure(ids.a1);
    addAnalysis(core, ids.a1, { summary: 'The caller wants a refund for order 48213 sent to Zürich.', action: 'Call back about the refund', question: 'Can I get a refund?' });
    review.comments.add({ callId: ids.a1, start: 1, end: 3, text: 'Пётр says the Ω-rated refund rule applies.', author: 'dana' });
    review.comments.add({ callId: ids.a1, start: 5.5, end: null, text: 'Bot refuses, "firmly", but politely', author: null });
    const rubric = review.rubrics.save({ name: 'Support QA', sections: [{ id: 'open', title: 'Opening', weight: 1, criteria: [{ id: 'greet', text: 'Greets the caller', kind: 'yesno', weight: 1, autoFail: false, naAllowed: false }, { id: 'tone', text: 'Tone', kind: 'scale', weight: 1, autoFail: false, naAllowed: false }] }] });
    const draft = review.scores.save({ callId: ids.a1, rubricId: rubric.id, answers: [{ criterionId: 'greet', value: 'yes', citeSec: null, note: '' }, { criterionId: 'tone', value: 4, citeSec: 2, note: 'calm' }] });
    review.scores.complete(draft.id);
  }
  if (ids.f7 > 0) {
    await core.metrics.ensure(ids.f7);
    core.repos.contacts.setParty(ids.f7, 'from', '+1 415 555 0132');
    addAnalysis(core, ids.f7, { summary: 'Caller updates phone 415 555 0132 and e-mail jane.doe@example.com.', action: 'Charge card 4111 1111 1111 1111', question: 'Is 4155550132 right?' });
    review.comments.add({ callId: ids.f7, start: 2, end: null, text: 'Card 4111-1111-1111-1111 read out; mail jane.doe@example.com', author: 'dana' });
  }
  if (ids.q4 > 0) {
    const t = core.repos.transcripts.active(ids.q4)!;
    const segments = [...t.segments.map((s) => ({ ...s })), { speaker: 'caller' as const, channel: 0, start: 10.25, end: 18.1, text: LONG_LINE, confidence: 0.5 }].sort((a, b) => a.start - b.start);
    core.repos.transcripts.add(ids.q4, { source: 'test', engine: null, model: 'test-model', params: {}, activate: true }, segments, core.now());
  }
  return {
    tmp,
    dataDir,
    core,
    ids,
    close() {
      core.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** A PDF's text as pdftotext (poppler) reads it. */
export function pdfText(file: string): string {
  return execFileSync('/usr/bin/pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

/** Every sample of a WAV file, per channel. */
export async function wavSamples(file: string): Promise<Float32Array[]> {
  const parts: Float32Array[][] = [];
  for await (const chunk of readWavFrames(file)) parts.push(chunk);
  const channels = parts[0]?.length ?? 0;
  return Array.from({ length: channels }, (_, c) => {
    const total = parts.reduce((n, p) => n + p[c]!.length, 0);
    const out = new Float32Array(total);
    let at = 0;
    for (const p of parts) {
      out.set(p[c]!, at);
      at += p[c]!.length;
    }
    return out;
  });
}
