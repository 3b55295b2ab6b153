/**
 * Every export format of real calls, parsed back and compared with the library: JSON against its zod
 * schema, CSV with csv-parse, SRT and WebVTT with the `subtitle` parser (layout limits and exact
 * times), TXT line by line, the PDF through pdftotext, and the WAV files sample by sample.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { parseSync, type NodeCue } from 'subtitle';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallExport, EXPORT_FORMATS, type ExportResult } from '../../../shared/export.js';
import { speakerLabel } from '../../../shared/format.js';
import type { TranscriptInfo } from '../../../shared/types.js';
import { gatherExportData } from '../../../electron/core/export/export-data.js';
import { renderPdf } from '../../../electron/core/export/pdf.js';
import { SUBTITLE_LIMITS } from '../../../electron/core/export/subtitles.js';
import { toTxt } from '../../../electron/core/export/txt.js';
import { FIXTURE_RECORDINGS } from '../../helpers/recorder-folder.js';
import { A1, exportRig, LONG_LINE, pdfText, Q4, wavSamples, type ExportRig } from './export-rig.js';

let rig: ExportRig;
let result: ExportResult;
const files = (callId: number, ext: string): string[] =>
  result.files.filter((f) => f.callId === callId && f.name.endsWith(ext)).map((f) => path.join(result.dir!, f.name));
const one = (callId: number, ext: string): string => {
  const [f] = files(callId, ext);
  if (f === undefined) throw new Error(`no ${ext} for call ${callId}`);
  return f;
};
const active = (callId: number): TranscriptInfo => rig.core.repos.transcripts.active(callId)!;
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

beforeAll(async () => {
  rig = await exportRig('cr-export-formats-');
  result = await rig.core.exports.run({
    callIds: [rig.ids.a1, rig.ids.f7, rig.ids.q4],
    formats: [...EXPORT_FORMATS],
    options: { redact: false, allVersions: true, txt: { speakers: true, timestamps: true } },
    target: { dir: path.join(rig.tmp, 'out') },
    overwrite: false,
    index: true,
  });
}, 60_000);
afterAll(() => rig?.close());

describe('export formats', () => {
  it('writes one file per call and format (three WAVs each), all ok', () => {
    expect(result.calls.map((c) => c.status)).toEqual(['ok', 'ok', 'ok']);
    for (const id of Object.values(rig.ids)) {
      for (const ext of ['.txt', '.json', '.srt', '.vtt', '.csv', '.pdf']) expect(files(id, ext)).toHaveLength(1);
      const wavs = files(id, '.wav').map((f) => path.basename(f).split('.').slice(1).join('.'));
      expect(wavs.sort()).toEqual(id === rig.ids.q4 ? ['agent.wav', 'caller.wav', 'wav'] : ['bot.wav', 'caller.wav', 'wav']);
    }
    expect(path.basename(one(rig.ids.a1, '.pdf'))).toBe(`2026-03-02_091504_${A1}.pdf`);
  });

  it('JSON matches its schema and the library (active version, other versions, metrics, analysis, comments, scores)', () => {
    const q4 = CallExport.parse(JSON.parse(fs.readFileSync(one(rig.ids.q4, '.json'), 'utf8')));
    expect(q4.transcript?.segments.map((s) => [s.speaker, s.start, s.end, s.text])).toEqual(active(rig.ids.q4).segments.map((s) => [s.speaker, s.start, s.end, s.text]));
    expect(q4.transcript?.segments.map((s) => s.seq)).toEqual(q4.transcript?.segments.map((_, i) => i + 1));
    expect(q4.transcriptVersions).toBe(2);
    expect(q4.otherVersions?.map((v) => v.version)).toEqual([1]);
    const a1 = CallExport.parse(JSON.parse(fs.readFileSync(one(rig.ids.a1, '.json'), 'utf8')));
    expect(a1).toMatchObject({ schema: 'callreview/call-export', redacted: false, call: { id: rig.ids.a1, externalId: A1, source: 'folder', channelRoles: ['caller', 'bot'] } });
    expect(a1.transcript?.segments.some((s) => s.text.includes('Zürich'))).toBe(true);
    expect(a1.analysis?.payload.summary).toContain('Zürich');
    expect(a1.metrics?.turns).toBeGreaterThan(0);
    expect(a1.comments.map((c) => c.text)).toEqual(['Пётр says the Ω-rated refund rule applies.', 'Bot refuses, "firmly", but politely']);
    expect(a1.scores).toHaveLength(1);
    expect(a1.scores[0]).toMatchObject({ rubricName: 'Support QA', state: 'complete', percent: 87.5 });
    expect(a1.scores[0]!.sections[0]!.criteria.map((c) => [c.text, c.answer])).toEqual([['Greets the caller', 'yes'], ['Tone', 4]]);
  });

  it('CSV has one RFC 4180 row per segment that parses back to the data', () => {
    for (const id of Object.values(rig.ids)) {
      const rows = parseCsv(fs.readFileSync(one(id, '.csv')), { bom: true, columns: true }) as Record<string, string>[];
      const t = active(id);
      expect(rows).toHaveLength(t.segments.length);
      rows.forEach((r, i) => {
        const s = t.segments[i]!;
        expect(r).toMatchObject({ call_id: String(id), version: String(t.version), seq: String(i + 1), speaker: s.speaker, text: s.text });
        expect(Number(r.start)).toBeCloseTo(s.start, 3);
        expect(Number(r.end)).toBeCloseTo(s.end, 3);
        expect(r.confidence).toBe(s.confidence === null ? '' : String(s.confidence));
      });
    }
  });

  for (const kind of ['srt', 'vtt'] as const) {
    it(`${kind.toUpperCase()} parses back to the segments: speaker, exact times, text, ≤ 2 lines × 42 characters and ≤ 6 s per cue`, () => {
      for (const id of Object.values(rig.ids)) {
        const raw = fs.readFileSync(one(id, `.${kind}`), 'utf8');
        const cues = parseSync(raw).filter((n): n is NodeCue => n.type === 'cue').map((n) => n.data);
        const segments = [...active(id).segments].sort((a, b) => a.start - b.start);
        // Cues come in time order; each belongs to the segment whose time holds it.
        for (const s of segments) {
          const mine = cues.filter((c) => c.start >= Math.round(s.start * 1000) && c.end <= Math.round(s.end * 1000) && c.text.includes(speakerLabel(s.speaker)));
          expect(mine.length).toBeGreaterThan(0);
          expect(mine[0]!.start).toBe(Math.round(s.start * 1000));
          expect(mine.at(-1)!.end).toBe(Math.round(s.end * 1000));
          const label = speakerLabel(s.speaker);
          const texts = mine.map((c) => {
            const lines = c.text.split('\n');
            expect(lines.length).toBeLessThanOrEqual(SUBTITLE_LIMITS.lines);
            if (kind === 'srt') {
              expect(lines[0]!.startsWith(`${label}: `)).toBe(true);
              for (const l of lines) expect([...l].length).toBeLessThanOrEqual(SUBTITLE_LIMITS.lineChars);
              return c.text.slice(label.length + 2);
            }
            expect(lines[0]!.startsWith(`<v ${label}>`)).toBe(true);
            const visible = c.text.slice(`<v ${label}>`.length).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
            for (const l of visible.split('\n')) expect([...l].length).toBeLessThanOrEqual(SUBTITLE_LIMITS.lineChars);
            return visible;
          });
          // A word longer than a line (the URL) is cut across lines, so only then the spaces may differ.
          if (s.text.split(/\s+/).every((w) => w.length <= SUBTITLE_LIMITS.lineChars - label.length - 2)) expect(norm(texts.join(' '))).toBe(norm(s.text));
          else expect(texts.join('').replace(/\s+/g, '')).toBe(s.text.replace(/\s+/g, ''));
          if (s.end - s.start > SUBTITLE_LIMITS.cueSec && s.text.split(/\s+/).length >= 2 * Math.ceil((s.end - s.start) / SUBTITLE_LIMITS.cueSec)) {
            expect(mine.length).toBeGreaterThan(1);
            for (const c of mine) expect(c.end - c.start).toBeLessThanOrEqual(SUBTITLE_LIMITS.cueSec * 1000);
          }
        }
        expect(cues.length).toBeGreaterThanOrEqual(segments.length);
        if (kind === 'vtt') expect(raw.startsWith('WEBVTT\n')).toBe(true);
      }
      // The long line needs several cues, and its markup is escaped in WebVTT.
      const vtt = fs.readFileSync(one(rig.ids.q4, '.vtt'), 'utf8');
      expect(vtt).toMatch(/&lt;Main&gt;\s&amp;\sFifth/);
      expect(vtt).not.toContain('<Main>');
      expect(LONG_LINE.length).toBeGreaterThan(2 * SUBTITLE_LIMITS.lineChars);
      const long = parseSync(vtt).filter((n): n is NodeCue => n.type === 'cue' && n.data.start >= 10_250);
      expect(long.length).toBeGreaterThanOrEqual(3);
      expect(long.map((c) => c.data.end - c.data.start).every((d) => d <= 6000)).toBe(true);
    });
  }

  it('TXT has the header and one [m:ss] Speaker: text line per segment, then the comments', () => {
    const text = fs.readFileSync(one(rig.ids.a1, '.txt'), 'utf8');
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe(`Call: ${A1}`);
    const t = active(rig.ids.a1);
    const body = lines.slice(lines.indexOf('') + 1, lines.indexOf('Comments:') - 1);
    expect(body).toEqual(t.segments.map((s) => `[0:0${Math.floor(s.start)}] ${speakerLabel(s.speaker)}: ${norm(s.text)}`));
    expect(lines.slice(-2)).toEqual(['[0:01–0:03] dana: Пётр says the Ω-rated refund rule applies.', '[0:05] Bot refuses, "firmly", but politely']);
  });

  it('PDF: pdftotext finds ü, П, Ω, the speakers, the sections and "Page 1 of"', () => {
    const text = pdfText(one(rig.ids.a1, '.pdf'));
    for (const needle of ['Zürich', 'Пётр', 'Ω-rated', 'Caller:', 'Bot:', 'Page 1 of', 'Call details', 'Summary', 'Action items', 'Call back about the refund', 'Questions', 'Metrics', 'Reviewer comments', 'Scorecard', 'Support QA v1: 87.5 %', 'Transcript', A1]) {
      expect(text).toContain(needle);
    }
    expect(text).not.toContain('Characters not shown');
    const q4 = pdfText(one(rig.ids.q4, '.pdf'));
    expect(q4).toContain('Привет');
    expect(q4).toContain('Ωmega');
  });

  it('PDF: a character the font lacks shows as a placeholder with a closing note; long transcripts get numbered pages', async () => {
    const data = gatherExportData(rig.core.repos, rig.ids.a1);
    data.comments[0]!.text = 'Customer wrote 你好 in the chat';
    const segments = Array.from({ length: 240 }, (_, i) => ({ ...data.transcript!.segments[i % 3]!, seq: i + 1, start: i * 4, end: i * 4 + 3 }));
    const file = path.join(rig.tmp, 'fallback.pdf');
    fs.writeFileSync(file, await renderPdf({ ...data, transcript: { ...data.transcript!, segments } }));
    const text = pdfText(file);
    expect(text).toContain('Customer wrote □□ in the chat');
    expect(text).toMatch(/2 characters of this report \(such as U\+4F60, U\+597D\) are not in its font, DejaVu Sans, and are shown as □/);
    const pages = Number(/Page 1 of (\d+)/.exec(text)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(text).toContain(`Page ${pages} of ${pages}`);
    // The other formats keep the text as it is.
    expect(toTxt(data)).toContain('你好');
  });

  it('PDF of a call without transcript, analysis, metrics, comments or scores says so', async () => {
    const data = gatherExportData(rig.core.repos, rig.ids.q4);
    const file = path.join(rig.tmp, 'empty.pdf');
    fs.writeFileSync(file, await renderPdf({ ...data, transcript: null, metrics: null, analysis: null, comments: [], scores: [] }));
    const text = pdfText(file);
    for (const note of ['There is no LLM analysis', 'No metrics have been computed', 'No comments.', 'The call has not been scored.', 'There is no transcript.', 'Page 1 of 1']) expect(text).toContain(note);
  });

  it('WAV: the stereo file is the recording byte for byte and each channel file holds exactly its channel', async () => {
    const a1Src = path.join(FIXTURE_RECORDINGS, A1, 'final_stereo_recording.wav');
    const stereo = one(rig.ids.a1, `${A1}.wav`);
    expect(fs.readFileSync(stereo).equals(fs.readFileSync(a1Src))).toBe(true);
    const [left, right] = await wavSamples(a1Src);
    const [caller] = await wavSamples(one(rig.ids.a1, '.caller.wav'));
    const [bot] = await wavSamples(one(rig.ids.a1, '.bot.wav'));
    expect(caller).toEqual(left);
    expect(bot).toEqual(right);
    expect(left!.length).toBeGreaterThan(100_000);
  });

  it('WAV of a caller + agent pair: the derived stereo, split back into the two recordings', async () => {
    const [caller] = await wavSamples(one(rig.ids.q4, '.caller.wav'));
    const [agent] = await wavSamples(one(rig.ids.q4, '.agent.wav'));
    const stereo = await wavSamples(one(rig.ids.q4, `${Q4}.wav`));
    expect(stereo).toHaveLength(2);
    const [srcCaller] = await wavSamples(path.join(FIXTURE_RECORDINGS, Q4, 'caller_audio.wav'));
    const [srcBot] = await wavSamples(path.join(FIXTURE_RECORDINGS, Q4, 'bot_audio.wav'));
    expect(caller).toEqual(srcCaller);
    expect(agent).toEqual(srcBot);
  });
});
