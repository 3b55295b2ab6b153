/**
 * A 40-minute stereo call through the whole transcription path: imported from a recorder-style
 * session folder, each channel chunked at the default 24 MiB limit and uploaded to the fake
 * OpenAI, segments placed back on the call's timeline. Tone bursts at known times (different on
 * each side) are the "speech", so every stored segment can be checked against where it really is.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_CHUNK_BYTES } from '../../../electron/core/transcription/chunk-audio.js';
import { MAX_FILE_BYTES } from '../../fakes/openai/fake-openai.js';
import { transcriptionRig, type TranscriptionRig } from '../../helpers/transcription.js';
import { writeSignalWav, type Signal } from './chunk-helpers.js';

const RATE = 16000;
const MINUTES = 40;
const FRAMES = MINUTES * 60 * RATE;
const SESSION = 'sess-long40_20260501_120000';

/** Bursts every `periodSec` from `firstSec`, their lengths cycling through `lengthsSec`; a tone of `freq` Hz. */
interface BurstPlan {
  firstSec: number;
  periodSec: number;
  lengthsSec: number[];
  freq: number;
  amp: number;
}

// Sides alternate 20 s apart with lengths that differ burst to burst, so no two segments share a start
// and chunk cuts (searched up to 30 s back from the size limit) always find a silence.
const CALLER: BurstPlan = { firstSec: 5, periodSec: 45, lengthsSec: [0.8, 1.6, 2.4, 1.2], freq: 440, amp: 0.4 };
const BOT: BurstPlan = { firstSec: 25.5, periodSec: 45, lengthsSec: [2.0, 0.6, 1.4], freq: 620, amp: 0.3 };

/** Where each burst of a plan is, in seconds from the call start. */
function burstTimes(p: BurstPlan): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (let k = 0, s = p.firstSec; s * RATE < FRAMES; k++, s += p.periodSec) out.push({ start: s, end: s + p.lengthsSec[k % p.lengthsSec.length]! });
  return out;
}

/** The plan as samples: a cosine from each burst's first frame, silence elsewhere. */
function signal(p: BurstPlan): Signal {
  const first = Math.round(p.firstSec * RATE);
  const period = Math.round(p.periodSec * RATE);
  const lengths = p.lengthsSec.map((l) => Math.round(l * RATE));
  const w = (2 * Math.PI * p.freq) / RATE;
  return (i) => {
    if (i < first) return 0;
    const k = Math.floor((i - first) / period);
    const local = i - first - k * period;
    return local < lengths[k % lengths.length]! ? p.amp * Math.cos(w * local) : 0;
  };
}

let rig: TranscriptionRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

describe('transcribing a 40-minute stereo call', () => {
  it('sends each channel as ≥ 2 chunks under the upload limit and places every segment within 0.1 s of its burst, by speaker, in time order', { timeout: 120_000 }, async () => {
    rig = await transcriptionRig();
    const folder = path.join(rig.recordings, SESSION);
    fs.mkdirSync(folder, { recursive: true });
    await writeSignalWav(path.join(folder, 'stereo_recording.wav'), [signal(CALLER), signal(BOT)], FRAMES, RATE);
    await rig.core.library.addFolder(rig.recordings, false);
    const id = rig.core.repos.calls.idByRef(SESSION)!;
    expect(id).not.toBeNull();
    expect(rig.core.repos.calls.summary(id)).toMatchObject({ channels: 2, durationSec: MINUTES * 60 });

    rig.core.transcription.request([id], { language: 'en' }, 'manual');
    expect(await rig.core.jobs.runUntilIdle()).toMatchObject({ succeeded: 1, failed: 0, retried: 0 });

    // The job sends the left side, then the right: the uploads split where their lengths add up to the call.
    const uploads = rig.fake.requests.filter((r) => r.endpoint === 'transcriptions');
    expect(uploads.every((u) => u.status === 200)).toBe(true);
    let sum = 0;
    const firstOfRight = uploads.findIndex((u) => (sum += u.durationSec!) > MINUTES * 60 + 0.01);
    const sides = [uploads.slice(0, firstOfRight), uploads.slice(firstOfRight)];
    for (const side of sides) {
      expect(side.length).toBeGreaterThanOrEqual(2);
      expect(side.reduce((n, u) => n + u.durationSec!, 0)).toBeCloseTo(MINUTES * 60, 3);
      for (const u of side) {
        expect(u.file!.bytes).toBeLessThanOrEqual(DEFAULT_MAX_CHUNK_BYTES);
        expect(u.file!.bytes).toBeLessThan(MAX_FILE_BYTES);
      }
    }
    // Full chunks are as big as the limit allows (no premature cuts), bar the cut back to a silence.
    expect(sides[0]![0]!.file!.bytes).toBeGreaterThan(DEFAULT_MAX_CHUNK_BYTES - 30 * RATE * 2 - 44);

    const active = rig.core.repos.transcripts.active(id)!;
    expect(active).toMatchObject({ source: 'openai', version: 1 });
    expect(active.params).toMatchObject({ chunks: uploads.length, segments: active.segments.length });
    const expected = [
      ...burstTimes(CALLER).map((b) => ({ ...b, speaker: 'caller', channel: 0 })),
      ...burstTimes(BOT).map((b) => ({ ...b, speaker: 'bot', channel: 1 })),
    ].sort((a, b) => a.start - b.start);
    expect(active.segments).toHaveLength(expected.length);
    active.segments.forEach((s, i) => {
      const e = expected[i]!;
      const where = `segment ${i} (${s.speaker} ${s.start}–${s.end}) vs burst ${e.speaker} ${e.start}–${e.end}`;
      expect(Math.abs(s.start - e.start), where).toBeLessThan(0.1);
      expect(Math.abs(s.end - e.end), where).toBeLessThan(0.1);
      expect([s.speaker, s.channel], where).toEqual([e.speaker, e.channel]);
    });
    const starts = active.segments.map((s) => s.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    // Segments late in the call prove the later chunks' offsets were added.
    expect(starts.at(-1)).toBeGreaterThan(MINUTES * 60 - 60);
    expect(fs.readdirSync(path.join(rig.dataDir, 'tmp'))).toEqual([]);
  });
});
