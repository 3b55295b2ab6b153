// The import bad-input matrix: one good session plus one session (or loose file) per kind of broken
// input, imported in a single batch. Each case checks the calls made, the warning kept for it, and
// that the valid files next to the broken one were still imported.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createCore, type Core } from '../../../electron/core/app-core.js';
import { createHandlers, dispatch } from '../../../electron/core/handlers.js';
import type { AudioFileInfo, CallDetail, CallSummary, ImportReport } from '../../../shared/types.js';
import { sineWav } from '../../helpers/wav-builder.js';
import { REPO_ROOT, copySession, fakeMp3, fixtureText, makeTempDir, withinMs, writeSession } from '../../helpers/recorder-folder.js';

const GOOD = 'sess-a1b2c3_20260302_091504';
const TRANSCRIPT = fixtureText(GOOD, 'transcript.json');
const METADATA = fixtureText(GOOD, 'call_metadata.json');
const TEXTS = (JSON.parse(TRANSCRIPT) as { entries: { text: string }[] }).entries.map((e) => e.text);

/** A 16 kHz stereo 16-bit sine WAV of the given length, with header overrides. */
const stereoWav = (seconds: number, opts: Parameters<typeof sineWav>[1] = {}) => sineWav(seconds, { channels: 2, sampleRate: 16000, ...opts });
/** A 16 kHz mono 16-bit sine WAV. */
const monoWav = (seconds: number) => sineWav(seconds, { sampleRate: 16000 });

/** The transcript with one entry changed, as JSON text. */
function transcriptWith(change: (doc: { entries: Record<string, unknown>[] }) => void): string {
  const doc = JSON.parse(TRANSCRIPT) as { entries: Record<string, unknown>[] };
  change(doc);
  return JSON.stringify(doc, null, 2);
}

// Session folder names: `{session_id}_{YYYYMMDD_HHMMSS}`.
const S = {
  good: GOOD,
  wavTruncated: 'sess-wavtrunc_20260302_100001',
  placeholderZero: 'sess-phzero_20260302_100002',
  placeholderFull: 'sess-phfull_20260302_100003',
  riffWrong: 'sess-riffsize_20260302_100004',
  g711: 'sess-g711_20260302_100005',
  float32: 'sess-float32_20260302_100006',
  pcm24: 'sess-pcm24_20260302_100007',
  extensible: 'sess-extensible_20260302_100008',
  mp3: 'sess-mp3_20260302_100009',
  empty: 'sess-empty_20260302_100010',
  bom: 'sess-bom_20260302_100011',
  jsonTruncated: 'sess-jsontrunc_20260302_100012',
  wrongShape: 'sess-shape_20260302_100013',
  wrongTypes: 'sess-types_20260302_100014',
  unknownChannel: 'sess-channel_20260302_100015',
  proto: 'sess-proto_20260302_100016',
  symlink: 'sess-symlink_20260302_100017',
  fifo: 'sess-fifo_20260302_100018',
  halfWritten: 'sess-half_20260302_100019',
  monoFinal: 'sess-mono_20260302_100020',
  nothing: 'sess-nothing_20260302_100021',
} as const;
const LOOSE_WAV = 'loose-call.wav';
const LOOSE_MP3 = 'voicemail.mp3';
const LOOSE_BAD_MP3 = 'notes.mp3';
const LOOSE_OGG = 'voicemail.ogg';
const LOOSE_FIFO = 'pipe.wav';
const LOOSE_LINK = 'link.wav';

/** Every unit that must become a call; the others must not. */
const EXPECTED_CALLS = [...Object.values(S).filter((s) => s !== S.nothing), LOOSE_WAV, LOOSE_MP3].sort();
const EXPECTED_PROBLEMS = [S.nothing, LOOSE_BAD_MP3, LOOSE_OGG, LOOSE_FIFO, LOOSE_LINK];
/** A real 8 kHz mono MP3 (Twilio's format); soxi -D says 9.288 s. */
const SPEECH_MP3 = path.join(REPO_ROOT, 'test', 'fixtures', 'twilio', 'speech-8k.mp3');

const PROTO_TRANSCRIPT = `{
  "__proto__": { "polluted": "top" },
  "constructor": { "prototype": { "polluted": "ctor" } },
  "session_id": "sess-proto",
  "start_time": "2026-03-02T09:15:04.120Z",
  "entries": [
    { "timestamp": "2026-03-02T09:15:04.420Z", "channel": "caller", "type": "transcript", "text": ${JSON.stringify(TEXTS[0])}, "confidence": 0.91, "duration_ms": 3745 },
    { "__proto__": { "polluted": "entry" }, "timestamp": "2026-03-02T09:15:08.915Z", "channel": "bot", "type": "transcript", "text": ${JSON.stringify(TEXTS[1])}, "confidence": 0.98, "duration_ms": 2996 },
    { "timestamp": "2026-03-02T09:15:10.000Z", "channel": "__proto__", "text": "proto channel", "duration_ms": 100 },
    { "timestamp": "2026-03-02T09:15:10.500Z", "channel": "constructor", "text": "constructor channel", "duration_ms": 100 },
    { "timestamp": "2026-03-02T09:15:11.491Z", "channel": "caller", "type": "transcript", "text": ${JSON.stringify(TEXTS[2])}, "confidence": 0.87, "duration_ms": 1427 }
  ]
}`;
const PROTO_METADATA = `{
  "__proto__": { "polluted": "meta" },
  "duration_seconds": 9.098,
  "function_calls": [
    { "timestamp": "2026-03-02T09:15:08.345Z", "function_name": "lookup_order", "arguments": { "__proto__": { "polluted": "args" }, "order_id": "48213" }, "call_id": "fc_01" }
  ]
}`;

let tmp: string;
let root: string;
let core: Core;
let report: ImportReport;
let handlers: ReturnType<typeof createHandlers>;

beforeAll(async () => {
  tmp = makeTempDir('cr-matrix-');
  root = path.join(tmp, 'call_recordings');
  fs.mkdirSync(root);
  const outside = path.join(tmp, 'outside');
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(outside, 'outside.wav'), stereoWav(1));

  copySession(GOOD, root);
  // 2 s declared, 1.5 s (plus half a frame) present.
  writeSession(root, S.wavTruncated, { 'final_stereo_recording.wav': stereoWav(2, { truncateTo: 44 + 1.5 * 16000 * 4 + 2 }), 'transcript.json': TRANSCRIPT });
  writeSession(root, S.placeholderZero, { 'final_stereo_recording.wav': stereoWav(1, { dataSizeOverride: 0, riffSizeOverride: 0 }), 'transcript.json': TRANSCRIPT });
  writeSession(root, S.placeholderFull, {
    'final_stereo_recording.wav': stereoWav(1, { dataSizeOverride: 0xffffffff, riffSizeOverride: 0xffffffff }),
    'transcript.json': TRANSCRIPT,
  });
  writeSession(root, S.riffWrong, { 'final_stereo_recording.wav': stereoWav(1, { riffSizeOverride: 1000 }), 'transcript.json': TRANSCRIPT });
  writeSession(root, S.g711, {
    'caller_audio.wav': sineWav(1, { formatTag: 7 }),
    'bot_audio.wav': sineWav(1, { formatTag: 6 }),
    'transcript.json': TRANSCRIPT,
  });
  writeSession(root, S.float32, { 'final_stereo_recording.wav': stereoWav(1, { formatTag: 3 }), 'transcript.json': TRANSCRIPT });
  writeSession(root, S.pcm24, { 'final_stereo_recording.wav': stereoWav(1, { bitsPerSample: 24, sampleRate: 48000 }), 'transcript.json': TRANSCRIPT });
  writeSession(root, S.extensible, { 'final_stereo_recording.wav': stereoWav(1, { extensible: true }), 'transcript.json': TRANSCRIPT });
  writeSession(root, S.mp3, {
    'final_stereo_recording.wav': fakeMp3(),
    'caller_audio.wav': monoWav(1),
    'bot_audio.wav': monoWav(1),
    'transcript.json': TRANSCRIPT,
  });
  writeSession(root, S.empty, { 'final_stereo_recording.wav': Buffer.alloc(0), 'stereo_recording.wav': stereoWav(1.25), 'transcript.json': TRANSCRIPT });
  writeSession(root, S.bom, { 'final_stereo_recording.wav': stereoWav(1), 'transcript.json': '\ufeff' + TRANSCRIPT });
  writeSession(root, S.jsonTruncated, {
    'final_stereo_recording.wav': stereoWav(1),
    'transcript.json': TRANSCRIPT.slice(0, Math.floor(TRANSCRIPT.length / 2)),
    'call_metadata.json': METADATA,
  });
  writeSession(root, S.wrongShape, { 'final_stereo_recording.wav': stereoWav(1), 'transcript.json': '{"entries": "oops"}' });
  writeSession(root, S.wrongTypes, {
    'final_stereo_recording.wav': stereoWav(1),
    'transcript.json': transcriptWith((d) => void (d.entries[1]!.text = 5)),
  });
  writeSession(root, S.unknownChannel, {
    'final_stereo_recording.wav': stereoWav(1),
    'transcript.json': transcriptWith((d) => void (d.entries[1]!.channel = 'operator')),
  });
  writeSession(root, S.proto, { 'final_stereo_recording.wav': stereoWav(1), 'transcript.json': PROTO_TRANSCRIPT, 'call_metadata.json': PROTO_METADATA });
  const linked = writeSession(root, S.symlink, { 'raw/bot.wav': monoWav(1), 'transcript.json': TRANSCRIPT });
  fs.symlinkSync(path.join(outside, 'outside.wav'), path.join(linked, 'final_stereo_recording.wav'));
  // A link that stays inside the session folder is fine.
  fs.symlinkSync(path.join('raw', 'bot.wav'), path.join(linked, 'bot_audio.wav'));
  const fifo = writeSession(root, S.fifo, { 'stereo_recording.wav': stereoWav(1), 'transcript.json': TRANSCRIPT });
  execFileSync('mkfifo', [path.join(fifo, 'final_stereo_recording.wav')]);
  writeSession(root, S.halfWritten, { 'final_stereo_recording.wav': stereoWav(1, { dataSizeOverride: 0, riffSizeOverride: 0 }) });
  writeSession(root, S.monoFinal, { 'final_stereo_recording.wav': monoWav(1), 'transcript.json': TRANSCRIPT });
  writeSession(root, S.nothing, { 'final_stereo_recording.wav': fakeMp3() });

  fs.writeFileSync(path.join(root, LOOSE_WAV), sineWav(1.5));
  fs.copyFileSync(SPEECH_MP3, path.join(root, LOOSE_MP3));
  fs.writeFileSync(path.join(root, LOOSE_BAD_MP3), 'not audio at all, just notes with an .mp3 name\n');
  fs.writeFileSync(path.join(root, LOOSE_OGG), Buffer.concat([Buffer.from('OggS'), Buffer.alloc(60)]));
  execFileSync('mkfifo', [path.join(root, LOOSE_FIFO)]);
  fs.symlinkSync(path.join(outside, 'outside.wav'), path.join(root, LOOSE_LINK));

  core = createCore(path.join(tmp, 'data'));
  handlers = createHandlers(core, { mode: 'cli', version: 'test' });
  // A FIFO opened for reading blocks forever, so a hang must fail the test instead of stalling it.
  report = (await withinMs(core.library.addFolder(root, false), 20_000, 'importing the matrix folder')).report;
});

afterAll(() => {
  core?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

function calls(): CallSummary[] {
  return core.repos.calls.list('startedAt', 'asc', 1000, 0).items;
}

/** The one call imported from a unit; fails when there is none or more than one. */
function call(unit: string): CallSummary {
  const found = calls().filter((c) => c.externalId === unit);
  expect(found, `calls for ${unit}`).toHaveLength(1);
  return found[0]!;
}

/** The call detail as the `library:get` channel returns it. */
async function detail(unit: string): Promise<CallDetail> {
  const res = await dispatch(handlers, 'library:get', { id: call(unit).id });
  if (!res.ok) throw new Error(`library:get failed: ${res.error.message}`);
  return res.value as CallDetail;
}

async function audio(unit: string): Promise<Record<string, AudioFileInfo>> {
  return Object.fromEntries((await detail(unit)).audio.map((a) => [a.variant, a]));
}

const unitPath = (unit: string) => path.join(root, unit);
const reportMessages = (unit: string) => report.warnings.filter((w) => w.path === unitPath(unit)).map((w) => w.message);
const issueMessages = (unit: string) => core.repos.issues.list().filter((i) => i.path === unitPath(unit)).map((i) => i.message);

/**
 * Asserts that exactly one warning about `file` matching `problem` is in the import report (under the
 * unit's path), among the stored import issues, and on the call when the unit made one.
 */
function expectWarning(unit: string, file: string | null, problem: RegExp): void {
  const hit = (m: string) => (file === null || m.includes(file)) && problem.test(m);
  const fromReport = reportMessages(unit);
  expect(fromReport.filter(hit), `report warnings of ${unit}: ${JSON.stringify(fromReport)}`).toHaveLength(1);
  const fromIssues = issueMessages(unit);
  expect(fromIssues.filter(hit), `stored issues of ${unit}: ${JSON.stringify(fromIssues)}`).toHaveLength(1);
  const made = calls().find((c) => c.externalId === unit);
  if (made) expect(made.warnings.filter(hit), `warnings on call ${unit}: ${JSON.stringify(made.warnings)}`).toHaveLength(1);
}

/** Asserts the unit produced no warning anywhere. */
function expectNoWarnings(unit: string): void {
  expect(reportMessages(unit)).toEqual([]);
  expect(issueMessages(unit)).toEqual([]);
  expect(call(unit).warnings).toEqual([]);
}

/** Asserts the call has the fixture transcript (all three lines, in order). */
async function expectFullTranscript(unit: string): Promise<void> {
  const d = await detail(unit);
  expect(d.hasTranscript).toBe(true);
  expect(d.transcript?.segments.map((s) => s.text)).toEqual(TEXTS);
}

describe('import matrix: the batch', () => {
  it('creates exactly the expected calls and records every unit that could not be one', () => {
    expect(calls().map((c) => c.externalId).sort()).toEqual(EXPECTED_CALLS);
    expect(report.added).toBe(EXPECTED_CALLS.length);
    expect(report.failed).toBe(EXPECTED_PROBLEMS.length);
    expect(report.scanned).toBe(EXPECTED_CALLS.length + EXPECTED_PROBLEMS.length);
    for (const p of EXPECTED_PROBLEMS) expect(issueMessages(p).length, `issues of ${p}`).toBeGreaterThan(0);
    // Every warning points at a unit of this folder.
    for (const w of report.warnings) expect(w.path.startsWith(root + path.sep), w.path).toBe(true);
  });

  it('imports the good session completely and without warnings', async () => {
    const c = call(S.good);
    expect(c).toMatchObject({ source: 'folder', channels: 2, hasAudio: true, audioMissing: false, hasTranscript: true, segmentCount: 3, functionCallCount: 2 });
    expect(c.durationSec).toBeCloseTo(9.098, 2);
    expect(Object.keys(await audio(S.good)).sort()).toEqual(['agent', 'caller', 'stereo']);
    expectNoWarnings(S.good);
  });

  it('never leaks a parsed __proto__ key into Object.prototype', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
  });
});

describe('import matrix: WAV headers', () => {
  it('a truncated WAV is imported with the duration of the bytes present and a "truncated" warning', async () => {
    const c = call(S.wavTruncated);
    expect(c.hasAudio).toBe(true);
    expect(c.durationSec).toBeCloseTo(1.5, 6);
    const { stereo } = await audio(S.wavTruncated);
    expect(stereo).toMatchObject({ fileName: 'final_stereo_recording.wav', channels: 2, sampleRate: 16000, bitsPerSample: 16 });
    expect(stereo!.durationSec).toBeCloseTo(1.5, 6);
    expectWarning(S.wavTruncated, 'final_stereo_recording.wav', /truncated/);
    await expectFullTranscript(S.wavTruncated);
  });

  it.each([
    ['placeholder 0 sizes', S.placeholderZero, /data size 0\b.*may still be being written/],
    ['placeholder 0xFFFFFFFF sizes', S.placeholderFull, /data size 0xFFFFFFFF.*may still be being written/],
  ])('%s: the data runs to the end of the file, with a warning', async (_label, unit, problem) => {
    expect(call(unit).durationSec).toBeCloseTo(1, 6);
    expect((await audio(unit)).stereo?.durationSec).toBeCloseTo(1, 6);
    expectWarning(unit, 'final_stereo_recording.wav', problem);
    await expectFullTranscript(unit);
  });

  it('a wrong RIFF size is ignored with a warning; the data chunk size is used', async () => {
    expect(call(S.riffWrong).durationSec).toBeCloseTo(1, 6);
    expectWarning(S.riffWrong, 'final_stereo_recording.wav', /RIFF header says 1008 bytes but the file is \d+ bytes/);
    await expectFullTranscript(S.riffWrong);
  });

  it('μ-law and A-law mono files import with their format recorded and no warning', async () => {
    const a = await audio(S.g711);
    expect(a.caller).toMatchObject({ fileName: 'caller_audio.wav', format: 'mulaw', bitsPerSample: 8, sampleRate: 8000, channels: 1, missing: false });
    expect(a.agent).toMatchObject({ fileName: 'bot_audio.wav', format: 'alaw', bitsPerSample: 8, sampleRate: 8000, channels: 1, missing: false });
    expect(a.caller!.durationSec).toBeCloseTo(1, 6);
    expect(call(S.g711)).toMatchObject({ channels: 2, hasAudio: true });
    expectNoWarnings(S.g711);
  });

  it.each([
    ['float32', S.float32, { format: 'float', bitsPerSample: 32, sampleRate: 16000 }],
    ['24-bit PCM', S.pcm24, { format: 'pcm', bitsPerSample: 24, sampleRate: 48000 }],
    ['WAVE_FORMAT_EXTENSIBLE PCM', S.extensible, { format: 'pcm', bitsPerSample: 16, sampleRate: 16000 }],
  ])('%s stereo imports with its format recorded and no warning', async (_label, unit, expected) => {
    const { stereo } = await audio(unit);
    expect(stereo).toMatchObject({ ...expected, channels: 2, missing: false });
    expect(stereo!.durationSec).toBeCloseTo(1, 6);
    expect(call(unit)).toMatchObject({ channels: 2, hasAudio: true });
    expectNoWarnings(unit);
    await expectFullTranscript(unit);
  });
});

describe('import matrix: files that are not WAV audio', () => {
  it('an MP3 named .wav gives an "MP3" warning and no audio for that variant; the mono pair is kept', async () => {
    const a = await audio(S.mp3);
    expect(Object.keys(a).sort()).toEqual(['agent', 'caller']);
    expect(call(S.mp3)).toMatchObject({ channels: 2, hasAudio: true });
    expect(call(S.mp3).durationSec).toBeCloseTo(1, 6);
    expectWarning(S.mp3, 'final_stereo_recording.wav', /MP3/);
    await expectFullTranscript(S.mp3);
  });

  it('an empty 0-byte WAV gives a warning and the other stereo file is used', async () => {
    const { stereo } = await audio(S.empty);
    expect(stereo?.fileName).toBe('stereo_recording.wav');
    expect(call(S.empty).durationSec).toBeCloseTo(1.25, 6);
    expectWarning(S.empty, 'final_stereo_recording.wav', /empty \(0 bytes\)/);
    await expectFullTranscript(S.empty);
  });

  it('a symlink pointing outside the session is not followed; a link inside it is', async () => {
    const a = await audio(S.symlink);
    expect(Object.keys(a)).toEqual(['agent']);
    expect(a.agent?.fileName).toBe('bot_audio.wav');
    expectWarning(S.symlink, 'final_stereo_recording.wav', /symbolic link pointing outside the folder; it was not followed/);
    await expectFullTranscript(S.symlink);
  });

  it('a FIFO named final_stereo_recording.wav is skipped without hanging; stereo_recording.wav is used', async () => {
    const { stereo } = await audio(S.fifo);
    expect(stereo?.fileName).toBe('stereo_recording.wav');
    expect(call(S.fifo).durationSec).toBeCloseTo(1, 6);
    expectWarning(S.fifo, 'final_stereo_recording.wav', /FIFO/);
    await expectFullTranscript(S.fifo);
  });

  it('a one-channel final_stereo_recording.wav is kept as the mono recording', async () => {
    const a = await audio(S.monoFinal);
    expect(Object.keys(a)).toEqual(['mono']);
    expect(a.mono).toMatchObject({ fileName: 'final_stereo_recording.wav', channels: 1 });
    expect(call(S.monoFinal)).toMatchObject({ channels: 1, hasAudio: true });
    expectWarning(S.monoFinal, 'final_stereo_recording.wav', /one channel; it is used as a mono recording/);
    await expectFullTranscript(S.monoFinal);
  });

  it('a session with nothing usable makes no call but records why, without stopping the batch', () => {
    expect(calls().some((c) => c.externalId === S.nothing)).toBe(false);
    expectWarning(S.nothing, 'final_stereo_recording.wav', /MP3/);
    expectWarning(S.nothing, null, /nothing in this session folder could be imported/);
  });
});

describe('import matrix: transcript.json', () => {
  it('a UTF-8 BOM is tolerated: the transcript is imported, with a warning', async () => {
    await expectFullTranscript(S.bom);
    expectWarning(S.bom, 'transcript.json', /byte-order mark/);
  });

  it('a truncated transcript.json gives a warning; audio, duration and function calls are kept', async () => {
    const c = call(S.jsonTruncated);
    expect(c).toMatchObject({ hasTranscript: false, segmentCount: 0, hasAudio: true, channels: 2, functionCallCount: 2 });
    expect(c.durationSec).toBeCloseTo(1, 6);
    expect((await detail(S.jsonTruncated)).transcript).toBeNull();
    expectWarning(S.jsonTruncated, 'transcript.json', /not valid JSON.*truncated/);
  });

  it('a transcript.json of the wrong shape gives a warning; the audio is kept', async () => {
    expect(call(S.wrongShape)).toMatchObject({ hasTranscript: false, hasAudio: true });
    expectWarning(S.wrongShape, 'transcript.json', /wrong shape.*entries/);
  });

  it('an entry with a wrong type is skipped with a warning; the other entries are kept', async () => {
    const d = await detail(S.wrongTypes);
    expect(d.transcript?.segments.map((s) => s.text)).toEqual([TEXTS[0], TEXTS[2]]);
    expectWarning(S.wrongTypes, 'transcript.json', /1 entry was skipped \(entries\.1: text: .*expected string/);
  });

  it('an entry on an unknown channel is skipped with a warning; the other entries are kept', async () => {
    const d = await detail(S.unknownChannel);
    expect(d.transcript?.segments.map((s) => s.text)).toEqual([TEXTS[0], TEXTS[2]]);
    expectWarning(S.unknownChannel, 'transcript.json', /entries\.1: unknown channel "operator"/);
  });

  it('__proto__ keys are plain data: valid entries import, "__proto__"/"constructor" channels are skipped', async () => {
    const d = await detail(S.proto);
    expect(d.transcript?.segments.map((s) => [s.speaker, s.text])).toEqual([
      ['caller', TEXTS[0]],
      ['bot', TEXTS[1]],
      ['caller', TEXTS[2]],
    ]);
    expectWarning(S.proto, 'transcript.json', /2 entries were skipped.*unknown channel "__proto__".*unknown channel "constructor"/);
    const fc = d.activities.filter((a) => a.type === 'function_call');
    expect(fc).toHaveLength(1);
    expect(fc[0]!.payload.name).toBe('lookup_order');
    expect((fc[0]!.payload.arguments as Record<string, unknown>).order_id).toBe('48213');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('import matrix: loose files at the top level', () => {
  it('a loose WAV becomes an audio-only call named after the file', async () => {
    const c = call(LOOSE_WAV);
    expect(c).toMatchObject({ source: 'folder', hasAudio: true, hasTranscript: false, channels: 1, segmentCount: 0 });
    expect(c.durationSec).toBeCloseTo(1.5, 6);
    expect(Object.keys(await audio(LOOSE_WAV))).toEqual(['mono']);
    expectNoWarnings(LOOSE_WAV);
  });

  it('a loose .mp3 becomes an audio-only call (format mp3, duration from its frames)', async () => {
    const c = call(LOOSE_MP3);
    expect(c).toMatchObject({ source: 'folder', hasAudio: true, hasTranscript: false, channels: 1, segmentCount: 0 });
    expect(c.durationSec).toBeCloseTo(9.288, 3);
    const a = await audio(LOOSE_MP3);
    expect(Object.keys(a)).toEqual(['mono']);
    expect(a.mono).toMatchObject({ fileName: LOOSE_MP3, format: 'mp3', sampleRate: 8000, channels: 1 });
    expectNoWarnings(LOOSE_MP3);
  });

  it('a loose .mp3 without MPEG audio in it is a recorded problem, not a call', () => {
    expect(calls().some((c) => c.externalId === LOOSE_BAD_MP3)).toBe(false);
    expectWarning(LOOSE_BAD_MP3, LOOSE_BAD_MP3, /No MPEG audio frames were found/);
  });

  it('other formats (.ogg, .m4a, …) stay recorded problems', () => {
    expect(calls().some((c) => c.externalId === LOOSE_OGG)).toBe(false);
    expectWarning(LOOSE_OGG, null, /OGG audio; this version imports WAV and MP3 recordings only/);
  });

  it('a loose FIFO and a loose symlink are recorded problems, not calls', () => {
    expect(calls().some((c) => c.externalId === LOOSE_FIFO || c.externalId === LOOSE_LINK)).toBe(false);
    expectWarning(LOOSE_FIFO, null, /not a regular file/);
    expectWarning(LOOSE_LINK, null, /symbolic link/);
  });
});

// Runs last: it changes the folder and rescans.
describe('import matrix: a half-written session', () => {
  it('is imported with what is valid and a warning, then updated in place once complete', async () => {
    const before = call(S.halfWritten);
    expect(before).toMatchObject({ hasAudio: true, hasTranscript: false, channels: 2 });
    expect(before.durationSec).toBeCloseTo(1, 6);
    expectWarning(S.halfWritten, 'final_stereo_recording.wav', /may still be being written/);

    writeSession(root, S.halfWritten, { 'final_stereo_recording.wav': stereoWav(2), 'transcript.json': TRANSCRIPT });
    const again = await withinMs(core.library.rescan(), 20_000, 'the rescan');
    expect(again).toMatchObject({ added: 0, updated: 1, unchanged: EXPECTED_CALLS.length - 1, failed: EXPECTED_PROBLEMS.length });

    const after = call(S.halfWritten);
    expect(after.id).toBe(before.id);
    expect(calls()).toHaveLength(EXPECTED_CALLS.length);
    expect(after).toMatchObject({ hasAudio: true, hasTranscript: true, segmentCount: 3, warnings: [] });
    expect(after.durationSec).toBeCloseTo(2, 6);
    expect(again.warnings.filter((w) => w.path === unitPath(S.halfWritten))).toEqual([]);
    expect(issueMessages(S.halfWritten)).toEqual([]);
    expect((await detail(S.halfWritten)).transcriptVersions).toBe(1);
  });
});

// Runs after the half-written case: it breaks an imported session and rescans.
describe('import matrix: an imported session whose files all break', () => {
  it('keeps its call, and the call shows the warnings', async () => {
    const before = call(S.float32);
    writeSession(root, S.float32, { 'final_stereo_recording.wav': fakeMp3(), 'transcript.json': TRANSCRIPT.slice(0, 40) });
    const again = await withinMs(core.library.rescan(), 20_000, 'the rescan');
    expect(again).toMatchObject({ added: 0, updated: 0, failed: EXPECTED_PROBLEMS.length + 1 });

    const after = call(S.float32);
    expect(after.id).toBe(before.id);
    expect(after.hasTranscript).toBe(true);
    expect(after.warnings).toEqual([
      expect.stringMatching(/^final_stereo_recording\.wav: .*MP3/),
      expect.stringMatching(/^transcript\.json is not valid JSON/),
      expect.stringMatching(/^nothing in this session folder could be imported yet/),
    ]);
    expect(issueMessages(S.float32)).toHaveLength(3);
  });
});
