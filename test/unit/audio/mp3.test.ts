import { describe, it, expect, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { Mp3Error, readMp3Format, readMp3Frames, readMp3Info } from '../../../electron/core/audio/mp3.js';
import { parseFrameHeader } from '../../../electron/core/audio/mp3-frames.js';
import { REPO_ROOT } from '../../helpers/recorder-folder.js';
import { sineWav } from '../../helpers/wav-builder.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-mp3-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const SPEECH = path.join(REPO_ROOT, 'test', 'fixtures', 'twilio', 'speech-8k.mp3');
/** What `soxi -D` printed for the fixture when it was committed (used when sox is not installed). */
const SPEECH_SOXI_SEC = 9.288;

const hasSox = spawnSync('sox', ['--version']).status === 0;
/** sox can write MP3 only when it was built with LAME; its help lists the formats it has. */
const soxWritesMp3 = hasSox && / mp3 /.test(`${spawnSync('sox', ['-h'], { encoding: 'utf8' }).stdout} `);

function soxiSeconds(p: string): number {
  return Number(execFileSync('soxi', ['-D', p], { encoding: 'utf8' }).trim());
}

/** Decodes a whole file and returns the samples per channel and the channel count. */
async function decodeAll(p: string, opts: Parameters<typeof readMp3Frames>[1] = {}): Promise<{ frames: number; channels: number; samples: Float32Array[] }> {
  const parts: Float32Array[][] = [];
  for await (const chunk of readMp3Frames(p, opts)) parts.push(chunk);
  const channels = parts[0]?.length ?? 0;
  const samples = Array.from({ length: channels }, (_, c) => {
    const out = new Float32Array(parts.reduce((s, x) => s + x[c]!.length, 0));
    let at = 0;
    for (const x of parts) {
      out.set(x[c]!, at);
      at += x[c]!.length;
    }
    return out;
  });
  return { frames: samples[0]?.length ?? 0, channels, samples };
}

describe('readMp3Info / readMp3Frames: the Twilio fixture', () => {
  it('has the duration soxi reports (±0.05 s), 8 kHz mono, and decodes to exactly that many samples', async () => {
    const expected = hasSox ? soxiSeconds(SPEECH) : SPEECH_SOXI_SEC;
    const info = await readMp3Info(SPEECH);
    expect(Math.abs(info.durationSec - expected)).toBeLessThanOrEqual(0.05);
    expect(info).toMatchObject({ container: 'mp3', sampleFormat: 'mp3', sampleRate: 8000, channels: 1, layer: 3, mpegVersion: 2.5, warnings: [] });
    expect(info.bitrateKbps).toBeGreaterThan(10);
    const decoded = await decodeAll(SPEECH);
    expect(decoded).toMatchObject({ channels: 1, frames: info.frames });
    // Speech, not silence.
    expect(Math.max(...decoded.samples[0]!.map(Math.abs))).toBeGreaterThan(0.1);
  });

  it('cuts by time while decoding', async () => {
    const cut = await decodeAll(SPEECH, { startSec: 1, endSec: 2.5 });
    expect(cut.frames).toBe(12000);
    const whole = await decodeAll(SPEECH);
    expect(cut.samples[0]).toEqual(whole.samples[0]!.subarray(8000, 20000));
  });
});

describe.skipIf(!soxWritesMp3)('readMp3Info: MP3s made by sox', () => {
  const cases: [string, number, number, number][] = [
    ['16 kHz stereo', 16000, 2, 3.3],
    ['44.1 kHz mono', 44100, 1, 2.5],
    ['8 kHz mono', 8000, 1, 12.34],
    ['48 kHz stereo', 48000, 2, 1.01],
  ];
  for (const [label, rate, channels, seconds] of cases) {
    it(`${label}: duration within 0.05 s of soxi and of the decoded length`, async () => {
      const wav = path.join(dir, `${rate}-${channels}.wav`);
      const mp3 = path.join(dir, `${rate}-${channels}.mp3`);
      fs.writeFileSync(wav, sineWav(seconds, { sampleRate: rate, channels, frequency: 440 }));
      execFileSync('sox', [wav, mp3], { stdio: 'ignore' });
      const info = await readMp3Info(mp3);
      expect(info).toMatchObject({ sampleRate: rate, channels });
      expect(Math.abs(info.durationSec - soxiSeconds(mp3))).toBeLessThanOrEqual(0.05);
      const decoded = await decodeAll(mp3);
      expect(decoded.channels).toBe(channels);
      expect(decoded.frames).toBe(info.frames);
      expect(await readMp3Format(mp3)).toEqual({ sampleRate: rate, channels });
    });
  }

  it('subtracts the encoder delay and padding of a LAME Info frame exactly as the gapless decoder does', async () => {
    const wav = path.join(dir, 'gapless.wav');
    const plain = path.join(dir, 'gapless-plain.mp3');
    fs.writeFileSync(wav, sineWav(2, { sampleRate: 44100, channels: 2 }));
    execFileSync('sox', [wav, plain], { stdio: 'ignore' });
    for (const [delay, padding] of [[576, 1200], [1105, 300], [0, 0]] as const) {
      const tagged = path.join(dir, `gapless-${delay}-${padding}.mp3`);
      fs.writeFileSync(tagged, withInfoFrame(fs.readFileSync(plain), delay, padding));
      const info = await readMp3Info(tagged);
      const decoded = await decodeAll(tagged);
      expect(info.frames, `delay ${delay}, padding ${padding}`).toBe(decoded.frames);
    }
  });
});

/** Prepends a Xing "Info" frame with a LAME extension (as LAME writes for CBR) carrying the given delay and padding. */
function withInfoFrame(mp3: Buffer, delay: number, padding: number): Buffer {
  const h = parseFrameHeader(mp3, 0);
  if (!h) throw new Error('sox output does not start with a frame');
  let frames = 0;
  for (let at = 0; ; frames++) {
    const f = parseFrameHeader(mp3, at);
    if (!f) break;
    at += f.frameBytes;
  }
  const frame = Buffer.alloc(h.frameBytes);
  mp3.copy(frame, 0, 0, 4);
  const at = 4 + (h.version === 1 ? (h.channels === 1 ? 17 : 32) : h.channels === 1 ? 9 : 17);
  frame.write('Info', at, 'latin1');
  frame.writeUInt32BE(1, at + 4); // flags: frame count present
  frame.writeUInt32BE(frames, at + 8);
  frame.write('LAME3.100', at + 12, 'latin1');
  frame[at + 12 + 21] = delay >> 4;
  frame[at + 12 + 22] = ((delay & 0x0f) << 4) | (padding >> 8);
  frame[at + 12 + 23] = padding & 0xff;
  return Buffer.concat([frame, mp3]);
}

describe('readMp3Info: files that are not usable MP3s', () => {
  const put = (name: string, bytes: Buffer | string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, bytes);
    return p;
  };
  const codeOf = (p: string) => readMp3Info(p).then(() => 'ok', (e: unknown) => (e instanceof Mp3Error ? `${e.code}: ${e.message}` : String(e)));

  it('an empty file', async () => expect(await codeOf(put('empty.mp3', ''))).toMatch(/^empty:/));
  it('a text file', async () => expect(await codeOf(put('text.mp3', 'hello, not audio\n'.repeat(50)))).toMatch(/^not-mp3: No MPEG audio frames/));
  it('a WAV with an .mp3 name', async () => expect(await codeOf(put('wav.mp3', sineWav(0.1)))).toMatch(/^not-mp3: It is a WAV file/));
  it('a missing file', async () => expect(await codeOf(path.join(dir, 'absent.mp3'))).toMatch(/^unreadable: The file does not exist/));
  it('a directory', async () => expect(await codeOf(fs.mkdtempSync(path.join(dir, 'd-')))).toMatch(/^unreadable: It is a directory/));

  it('junk between frames is skipped with a warning and does not change the length', async () => {
    const bytes = fs.readFileSync(SPEECH);
    let cut = 0;
    for (let i = 0; i < 20; i++) cut += parseFrameHeader(bytes, cut)!.frameBytes;
    const junky = put('junk.mp3', Buffer.concat([bytes.subarray(0, cut), Buffer.from('JUNKJUNKJUNK'), bytes.subarray(cut)]));
    const info = await readMp3Info(junky);
    expect(info.frames).toBe((await readMp3Info(SPEECH)).frames);
    expect(info.warnings).toEqual(['12 byte(s) between MPEG frames were not audio and were skipped.']);
  });
});
