import { describe, it, expect, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { readWavInfo, sniffAudio, WavError, type WavErrorCode } from '../../../electron/core/audio/wav-header.js';
import { buildWav, sineWav, mulawEncode, alawEncode, type BuildWavOptions } from '../../helpers/wav-builder.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-wav-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let counter = 0;
/** Writes bytes to a fresh file in the temp dir and returns its path. */
function put(bytes: Buffer | string, name = `f${counter++}.wav`): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, bytes);
  return p;
}

async function expectWavError(p: string, code: WavErrorCode, message?: RegExp): Promise<WavError> {
  const err = await readWavInfo(p).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WavError);
  const wavErr = err as WavError;
  expect(wavErr.code).toBe(code);
  if (message) expect(wavErr.message).toMatch(message);
  return wavErr;
}

/** A hand-made fmt body, for files whose chunk order the builder does not produce. */
function fmtBody(tag: number, channels: number, rate: number, bits: number): Buffer {
  const b = Buffer.alloc(16);
  b.writeUInt16LE(tag, 0);
  b.writeUInt16LE(channels, 2);
  b.writeUInt32LE(rate, 4);
  b.writeUInt32LE((rate * channels * bits) / 8, 8);
  b.writeUInt16LE((channels * bits) / 8, 12);
  b.writeUInt16LE(bits, 14);
  return b;
}

const sine = (f: number, c: number): number => 0.6 * Math.sin((2 * Math.PI * 440 * f) / 8000 + c);

describe('readWavInfo: supported formats', () => {
  const cases: [string, BuildWavOptions, { fmt: string; bits: number; offset: number }][] = [
    ['PCM 8-bit', { bitsPerSample: 8, channels: 1, sampleRate: 8000, frames: 8000 }, { fmt: 'pcm', bits: 8, offset: 44 }],
    ['PCM 16-bit', { bitsPerSample: 16, channels: 2, sampleRate: 44100, frames: 22050 }, { fmt: 'pcm', bits: 16, offset: 44 }],
    ['PCM 24-bit', { bitsPerSample: 24, channels: 1, sampleRate: 48000, frames: 4800 }, { fmt: 'pcm', bits: 24, offset: 44 }],
    ['PCM 32-bit', { bitsPerSample: 32, channels: 2, sampleRate: 16000, frames: 1600 }, { fmt: 'pcm', bits: 32, offset: 44 }],
    ['float 32', { formatTag: 3, bitsPerSample: 32, channels: 1, sampleRate: 8000, frames: 4000 }, { fmt: 'float', bits: 32, offset: 46 }],
    ['float 64', { formatTag: 3, bitsPerSample: 64, channels: 2, sampleRate: 22050, frames: 2205 }, { fmt: 'float', bits: 64, offset: 46 }],
    ['μ-law', { formatTag: 7, channels: 1, sampleRate: 8000, frames: 12000 }, { fmt: 'mulaw', bits: 8, offset: 46 }],
    ['A-law', { formatTag: 6, channels: 2, sampleRate: 8000, frames: 800 }, { fmt: 'alaw', bits: 8, offset: 46 }],
  ];
  for (const [label, opts, want] of cases) {
    it(`reads ${label}`, async () => {
      const bytes = buildWav({ ...opts, samples: sine });
      const info = await readWavInfo(put(bytes));
      const channels = opts.channels ?? 1;
      const blockAlign = (channels * want.bits) / 8;
      expect(info).toEqual({
        container: 'wav',
        sampleFormat: want.fmt,
        formatTag: opts.formatTag ?? 1,
        extensible: false,
        channels,
        sampleRate: opts.sampleRate,
        bitsPerSample: want.bits,
        blockAlign,
        dataOffset: want.offset,
        dataBytes: (opts.frames ?? 0) * blockAlign,
        frames: opts.frames,
        durationSec: (opts.frames ?? 0) / (opts.sampleRate ?? 1),
        fileSize: bytes.length,
        warnings: [],
      });
    });
  }

  it('reads WAVE_FORMAT_EXTENSIBLE wrapping PCM, float and μ-law', async () => {
    for (const [tag, bits, fmt] of [[1, 24, 'pcm'], [3, 32, 'float'], [7, 8, 'mulaw']] as const) {
      const info = await readWavInfo(put(buildWav({ formatTag: tag, bitsPerSample: bits, extensible: true, channels: 2, frames: 500 })));
      expect(info).toMatchObject({ sampleFormat: fmt, formatTag: tag, extensible: true, channels: 2, bitsPerSample: bits, dataOffset: 68, frames: 500, warnings: [] });
    }
  });

  it('encodes real samples (PCM 16 and G.711 reference points)', () => {
    const bytes = buildWav({ frames: 3, samples: (f) => [0, 1, -1][f] ?? 0 });
    expect([bytes.readInt16LE(44), bytes.readInt16LE(46), bytes.readInt16LE(48)]).toEqual([0, 32767, -32767]);
    expect(buildWav({ bitsPerSample: 8, frames: 2, samples: (f) => f }).subarray(44)).toEqual(Buffer.from([128, 255]));
    expect([mulawEncode(0), mulawEncode(32767), mulawEncode(-32768)]).toEqual([0xff, 0x80, 0x00]);
    expect([alawEncode(0), alawEncode(32767), alawEncode(-32768)]).toEqual([0xd5, 0xaa, 0x2a]);
    // Round trip through the G.711 reference decoders stays within one quantisation step.
    const mulawDecode = (u8: number): number => {
      const u = ~u8 & 0xff;
      const t = (((u & 0x0f) << 3) + 0x84) << ((u & 0x70) >> 4);
      return u & 0x80 ? 0x84 - t : t - 0x84;
    };
    const alawDecode = (a8: number): number => {
      const a = a8 ^ 0x55;
      const seg = (a & 0x70) >> 4;
      let t = (a & 0x0f) << 4;
      t = seg === 0 ? t + 8 : (t + 0x108) << (seg - 1);
      return a & 0x80 ? t : -t;
    };
    for (let x = -32000; x <= 32000; x += 997) {
      const tol = Math.max(16, Math.abs(x) / 16) * 1.1;
      expect(Math.abs(mulawDecode(mulawEncode(x)) - x)).toBeLessThanOrEqual(tol);
      expect(Math.abs(alawDecode(alawEncode(x)) - x)).toBeLessThanOrEqual(tol);
    }
  });
});

describe('readWavInfo: chunk layout', () => {
  it('skips an odd-sized unknown chunk (with pad byte) and JUNK before fmt', async () => {
    const info = await readWavInfo(put(buildWav({
      frames: 100,
      extraChunks: [{ id: 'abcd', body: Buffer.from('xyz'), before: true }, { id: 'JUNK', body: Buffer.alloc(28), before: true }],
    })));
    expect(info).toMatchObject({ dataOffset: 12 + 12 + 36 + 24 + 8, frames: 100, dataBytes: 200, warnings: [] });
  });

  it('reads data followed by a LIST chunk', async () => {
    const list = Buffer.concat([Buffer.from('INFOINAM'), Buffer.from([5, 0, 0, 0]), Buffer.from('call\0\0')]);
    const bytes = buildWav({ frames: 8000, channels: 2, extraChunks: [{ id: 'LIST', body: list }] });
    const info = await readWavInfo(put(bytes));
    expect(info).toMatchObject({ dataOffset: 44, dataBytes: 32000, frames: 8000, durationSec: 1, fileSize: 44 + 32000 + 8 + 18, warnings: [] });
  });

  it('finds fmt after data', async () => {
    const bytes = buildWav({ omitFmt: true, frames: 50, extraChunks: [{ id: 'fmt ', body: fmtBody(1, 1, 8000, 16) }] });
    expect(await readWavInfo(put(bytes))).toMatchObject({ dataOffset: 20, frames: 50, sampleRate: 8000, warnings: [] });
  });

  it('treats an empty data chunk followed by a real chunk as empty, not as a placeholder', async () => {
    const bytes = buildWav({ frames: 0, extraChunks: [{ id: 'LIST', body: Buffer.from('INFOxxxx') }] });
    expect(await readWavInfo(put(bytes))).toMatchObject({ dataBytes: 0, frames: 0, durationSec: 0, warnings: [] });
  });
});

describe('readWavInfo: sizes that lie', () => {
  it('clamps a truncated data chunk and warns', async () => {
    const info = await readWavInfo(put(sineWav(1, { sampleRate: 8000, truncateTo: 44 + 8001 })));
    expect(info).toMatchObject({ dataBytes: 8000, frames: 4000, durationSec: 0.5, fileSize: 8045 });
    // One warning: the RIFF size is wrong too, but only because the file was cut off.
    expect(info.warnings).toEqual(['The data chunk says 16000 bytes but only 8001 follow; the file looks truncated — using 8001.']);
  });

  it('warns when the RIFF size disagrees with the file size', async () => {
    const info = await readWavInfo(put(buildWav({ frames: 10, riffSizeOverride: 1000 })));
    expect(info).toMatchObject({ frames: 10, dataBytes: 20 });
    expect(info.warnings).toEqual(['The RIFF header says 1008 bytes but the file is 64 bytes; ignoring the RIFF size.']);
  });

  for (const placeholder of [0, 0xffffffff]) {
    it(`uses the bytes to EOF when header sizes are ${placeholder} (recorder still writing)`, async () => {
      const bytes = sineWav(0.5, { dataSizeOverride: placeholder, riffSizeOverride: placeholder });
      const info = await readWavInfo(put(bytes));
      expect(info).toMatchObject({ dataOffset: 44, dataBytes: 8000, frames: 4000, durationSec: 0.5 });
      expect(info.warnings).toHaveLength(1);
      expect(info.warnings[0]).toMatch(/header sizes were not filled in.*may still be being written.*8000 bytes/);
    });
  }

  it('drops a partial trailing frame', async () => {
    const bytes = buildWav({ channels: 2, omitData: true, extraChunks: [{ id: 'data', body: Buffer.alloc(402) }] });
    const info = await readWavInfo(put(bytes));
    expect(info).toMatchObject({ dataBytes: 400, frames: 100 });
    expect(info.warnings).toEqual(['Dropped a partial frame of 2 byte(s) at the end of the data.']);
  });

  it('recomputes an inconsistent blockAlign and warns', async () => {
    const info = await readWavInfo(put(buildWav({ channels: 2, frames: 10, blockAlignOverride: 3 })));
    expect(info).toMatchObject({ blockAlign: 4, frames: 10 });
    expect(info.warnings[0]).toMatch(/says 3 bytes per frame.*using 4/);
  });
});

describe('readWavInfo: errors', () => {
  it('empty file', () => expectWavError(put(''), 'empty'));
  it('text file', () => expectWavError(put('hello, this is not audio\n'), 'not-wav', /starts with "hell"/));
  it('too short', () => expectWavError(put('RIFF'), 'not-wav', /only 4 bytes/));
  it('RIFF but not WAVE', () => expectWavError(put(Buffer.from('RIFF\x10\0\0\0AVI LIST')), 'not-wav', /"AVI "/));
  it('MP3 with ID3 tag', () => expectWavError(put(Buffer.concat([Buffer.from('ID3\x04\0\0\0\0\0\0'), Buffer.alloc(100)])), 'mp3', /MP3 file with a \.wav name/));
  it('MP3 with bare frame sync', () => expectWavError(put(Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(100)])), 'mp3'));
  it('RF64 and BW64', async () => {
    for (const magic of ['RF64', 'BW64']) {
      const bytes = buildWav({ frames: 10 });
      bytes.write(magic, 0, 'latin1');
      await expectWavError(put(bytes), 'rf64-unsupported', new RegExp(magic));
    }
  });
  it('no fmt chunk', () => expectWavError(put(buildWav({ omitFmt: true })), 'no-fmt'));
  it('channels 0', () => expectWavError(put(buildWav({ channels: 0 })), 'bad-fmt', /0 channels/));
  it('sample rate 0', () => expectWavError(put(buildWav({ sampleRate: 0, frames: 10 })), 'bad-fmt', /0 Hz/));
  it('fmt too short', () => expectWavError(put(buildWav({ omitFmt: true, extraChunks: [{ id: 'fmt ', body: Buffer.alloc(14), before: true }] })), 'bad-fmt', /only 14 bytes/));
  it('extensible fmt too short', () => {
    const body = fmtBody(0xfffe, 1, 8000, 16);
    return expectWavError(put(buildWav({ omitFmt: true, extraChunks: [{ id: 'fmt ', body, before: true }] })), 'bad-fmt', /EXTENSIBLE/);
  });
  it('12-bit PCM', () => expectWavError(put(buildWav({ bitsPerSample: 12, frames: 10 })), 'unsupported-format', /12-bit PCM/));
  it('0 bits', () => expectWavError(put(buildWav({ bitsPerSample: 0, frames: 10 })), 'unsupported-format'));
  it('ADPCM (tag 2)', () => expectWavError(put(buildWav({ formatTag: 2, bitsPerSample: 4, frames: 10 })), 'unsupported-format', /ADPCM \(format tag 0x0002\)/));
  it('GSM 6.10 (tag 0x31)', () => expectWavError(put(buildWav({ formatTag: 0x31, bitsPerSample: 0, frames: 0 })), 'unsupported-format', /GSM/));
  it('no data chunk', () => expectWavError(put(buildWav({ omitData: true })), 'no-data'));
  it('a directory', () => expectWavError(fs.mkdtempSync(path.join(dir, 'd-')), 'unreadable', /directory/));
  it('a missing file', () => expectWavError(path.join(dir, 'nope.wav'), 'unreadable', /does not exist/));
  it('a FIFO, without hanging', async () => {
    const p = path.join(dir, 'pipe.wav');
    execFileSync('mkfifo', [p]);
    await expectWavError(p, 'unreadable', /not a regular file/);
  });
  it.skipIf(process.getuid?.() === 0)('a file without read permission', async () => {
    const p = put(buildWav({ frames: 10 }));
    fs.chmodSync(p, 0o000);
    await expectWavError(p, 'unreadable', /Permission denied/);
  });
});

describe('sniffAudio', () => {
  it('classifies first bytes', () => {
    expect(sniffAudio(buildWav({ frames: 1 }).subarray(0, 12))).toBe('wav');
    expect(sniffAudio(Buffer.from('RF64\xff\xff\xff\xffWAVE', 'latin1'))).toBe('rf64');
    expect(sniffAudio(Buffer.from('BW64'))).toBe('rf64');
    expect(sniffAudio(Buffer.from('ID3\x03'))).toBe('mp3');
    expect(sniffAudio(Uint8Array.from([0xff, 0xf3, 0x44]))).toBe('mp3');
    expect(sniffAudio(Buffer.from('RIFF\0\0\0\0AVI '))).toBe('unknown');
    expect(sniffAudio(Buffer.from('OggS'))).toBe('unknown');
    expect(sniffAudio(new Uint8Array(0))).toBe('unknown');
  });
});

describe('readWavInfo: large files', () => {
  it('reads the header of a 200 MB sparse file quickly without loading it', async () => {
    const dataBytes = 200 * 1024 * 1024;
    const p = put(buildWav({ frames: 0, dataSizeOverride: dataBytes, riffSizeOverride: 36 + dataBytes }));
    fs.truncateSync(p, 44 + dataBytes);
    const rssBefore = process.memoryUsage().rss;
    const t0 = performance.now();
    const info = await readWavInfo(p);
    const elapsed = performance.now() - t0;
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(50 * 1024 * 1024);
    expect(elapsed).toBeLessThan(1000);
    expect(info).toMatchObject({ dataBytes, frames: dataBytes / 2, durationSec: dataBytes / 2 / 8000, fileSize: 44 + dataBytes, warnings: [] });
  });
});
