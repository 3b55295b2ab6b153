/**
 * Re-transcription makes a new version and keeps the old ones; which version is active decides
 * what search and the text export see. The fake OpenAI respells near misses of prompt words (as
 * Whisper's vocabulary prompting does), so a run with the prompt "Zuerich" differs from one without.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers, dispatch } from '../../../electron/core/handlers.js';
import { ftsQuery } from '../../../electron/core/db/repos/search-repo.js';
import { ExportError, transcriptText } from '../../../electron/core/export/transcript-text.js';
import { CallDetail } from '../../../shared/types.js';
import { transcriptionRig, type TranscriptionRig } from '../../helpers/transcription.js';

const A1 = 'sess-a1b2c3_20260302_091504' as const;
const F7 = 'sess-7f3k9d_20260311_144237' as const;

let rig: TranscriptionRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

/** The transcript ids the search finds for `words`. */
function hitVersions(r: TranscriptionRig, words: string): number[] {
  return r.core.repos.search.segments(words).map((h) => h.transcriptId);
}

describe('transcript versions, search and export', () => {
  it('re-transcribing with another language and a prompt adds version 3, keeps 1 and 2, and the active version decides what search and export see', async () => {
    rig = await transcriptionRig();
    const { [A1]: id, [F7]: other } = await rig.importSessions(A1, F7);
    const call = id!;
    const v1 = rig.core.repos.transcripts.active(call)!;
    expect(v1).toMatchObject({ version: 1, source: 'recorder' });

    // Version 2: English, no prompt.
    rig.core.transcription.request([call], { language: 'en' }, 'manual');
    expect(await rig.core.jobs.runUntilIdle()).toMatchObject({ succeeded: 1, failed: 0 });
    // Version 3: German, with a prompt that spells the city the Swiss-German way.
    const again = rig.core.transcription.request([call], { language: 'de', prompt: 'Zuerich' }, 'retranscribe');
    expect(again.queued).toHaveLength(1);
    expect(await rig.core.jobs.runUntilIdle()).toMatchObject({ succeeded: 1, failed: 0 });

    const uploads = rig.fake.requests.filter((r) => r.endpoint === 'transcriptions');
    expect(uploads.map((u) => [u.language, u.prompt])).toEqual([
      ['en', null],
      ['en', null],
      ['de', 'Zuerich'],
      ['de', 'Zuerich'],
    ]);

    const versions = rig.core.repos.transcripts.list(call);
    expect(versions.map((v) => [v.version, v.source, v.active])).toEqual([
      [3, 'openai', true],
      [2, 'openai', false],
      [1, 'recorder', false],
    ]);
    const [v3, v2] = versions;
    expect(v2!.params).toMatchObject({ language: 'en', prompt: '', reason: 'manual', model: 'whisper-1', chunks: 2 });
    expect(v3!.params).toMatchObject({ language: 'de', prompt: 'Zuerich', reason: 'retranscribe', model: 'whisper-1', chunks: 2 });
    expect(versions.every((v) => v.segmentCount === 3)).toBe(true);
    const textOf = (tid: number) => rig!.core.repos.transcripts.get(tid)!.segments.map((s) => s.text);
    expect(textOf(v2!.id)).toContain('Refund order 48213 please, it went to Zürich.');
    expect(textOf(v3!.id)).toContain('Refund order 48213 please, it went to Zuerich.');
    expect(textOf(v1.id)).toEqual(textOf(v2!.id));

    // Version 3 active: only its spelling is found, and the export is version 3.
    expect(hitVersions(rig, 'Zuerich')).toEqual([v3!.id]);
    expect(hitVersions(rig, 'Zürich')).toEqual([]);
    const hit = rig.core.repos.search.segments('went zuerich')[0]!;
    const seg = rig.core.repos.transcripts.get(v3!.id)!.segments.find((s) => s.id === hit.segmentId)!;
    expect(hit).toEqual({ callId: call, transcriptId: v3!.id, segmentId: seg.id, speaker: 'caller', start: seg.start, end: seg.end, text: seg.text });
    let text = transcriptText(rig.core.repos, call);
    expect(text).toContain(`Call: ${A1}\n`);
    expect(text).toContain('Transcript: version 3 of 3 (openai, whisper-1)\n');
    expect(text).toMatch(/^\[0:0\d\] Caller: Refund order 48213 please, it went to Zuerich\.$/m);
    expect(text).not.toContain('Zürich');

    // Switching to version 2 through the API the renderer uses.
    const handlers = createHandlers(rig.core, { mode: 'cli', version: 'test' });
    const switched = await dispatch(handlers, 'transcripts:setActive', { callId: call, id: v2!.id });
    expect(switched.ok).toBe(true);
    const detail = CallDetail.parse((switched as { value: unknown }).value);
    expect(detail.transcript).toMatchObject({ id: v2!.id, version: 2 });
    expect(hitVersions(rig, 'Zuerich')).toEqual([]);
    // Diacritics are folded: "Zurich" finds "Zürich".
    expect(hitVersions(rig, 'Zürich')).toEqual([v2!.id]);
    expect(hitVersions(rig, 'zurich')).toEqual([v2!.id]);
    text = transcriptText(rig.core.repos, call);
    expect(text).toContain('Transcript: version 2 of 3 (openai, whisper-1)\n');
    expect(text).toContain('went to Zürich.');
    expect(text).not.toContain('Zuerich');
    // A version of another call cannot be made active here.
    const wrong = await dispatch(handlers, 'transcripts:setActive', { callId: other!, id: v2!.id });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'not-found' } });

    // Back to the recorder's version: every version was kept intact.
    expect(rig.core.repos.transcripts.setActive(call, v1.id)).toBe(true);
    expect(hitVersions(rig, 'Zürich')).toEqual([v1.id]);
    expect(transcriptText(rig.core.repos, call)).toContain('Transcript: version 1 of 3 (recorder)\n');
    expect(rig.core.repos.transcripts.list(call).map((v) => [v.version, v.active, v.segmentCount])).toEqual([
      [3, false, 3],
      [2, false, 3],
      [1, true, 3],
    ]);
  });

  it('search ANDs the words, spans calls, and never hands user syntax to FTS5', async () => {
    rig = await transcriptionRig();
    const { [A1]: a1, [F7]: f7 } = await rig.importSessions(A1, F7);
    const search = (w: string) => rig!.core.repos.search.segments(w);

    // "refund" and "order" are both said by the caller and the bot of A1.
    const both = search('refund order');
    expect(both.map((h) => [h.callId, h.speaker])).toEqual([
      [a1, 'caller'],
      [a1, 'bot'],
    ]);
    expect(both[0]!.start).toBeLessThan(both[1]!.start);
    expect(search('refund person')).toEqual([]);
    expect(search('REFUND   Person')).toEqual([]);
    expect(search('person').map((h) => h.callId)).toEqual([a1]);
    // Another call's active (recorder) transcript is searched too.
    const f7Text = rig.core.repos.transcripts.active(f7!)!.segments[0]!.text;
    const word = f7Text.split(/\W+/).find((w) => w.length >= 5)!;
    expect(search(word).map((h) => h.callId)).toContain(f7);

    // FTS5 operators and quotes are plain words: no error, no operator behaviour.
    for (const q of ['"', 'refund"', 'NEAR(refund order)', 'refund OR nothing', 'text:refund', 'refund*', '(order', '-refund', '^order']) {
      expect(() => search(q), q).not.toThrow();
    }
    expect(search('refund"').length).toBe(2);
    expect(search('refund OR nothing')).toEqual([]);
    expect(search('NEAR(refund order)')).toEqual([]);
    expect(search('   ')).toEqual([]);
    expect(search('" ... !')).toEqual([]);
    expect(ftsQuery('say "hi" now')).toBe('"say" AND """hi""" AND "now"');
    expect(ftsQuery(' - ')).toBeNull();
    expect(search('order').length).toBeGreaterThan(0);
    expect(rig.core.repos.search.segments('order', { limit: 1 })).toHaveLength(1);
  });

  it('exports a call without a transcript with its header, and refuses an unknown call', async () => {
    rig = await transcriptionRig();
    const { [A1]: a1 } = await rig.importSessions(A1);
    rig.core.repos.transcripts.removeBySource(a1!, 'recorder');
    const started = rig.core.repos.calls.row(a1!)!.started_at;
    expect(started).toMatch(/^2026-03-02T09:15:04\.\d{3}Z$/);
    expect(transcriptText(rig.core.repos, a1!)).toBe(`Call: ${A1}\nStarted: ${started}\n\n(no transcript)\n`);
    expect(() => transcriptText(rig!.core.repos, 9999)).toThrow(ExportError);
  });
});
