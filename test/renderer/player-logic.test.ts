import { describe, expect, it } from 'vitest';
import type { Peaks } from '../../shared/audio.js';
import type { Activity, AudioFileInfo } from '../../shared/types.js';
import {
  activeSegmentIndex,
  bestAudio,
  channelGains,
  formatClock,
  labelRows,
  lanesFor,
  markersOf,
  pickPeaksLevel,
  segmentLane,
  stepSpeed,
  stepZoom,
} from '../../renderer/src/player/player-logic.js';

const segs = [
  { start: 0.3, end: 4.0 },
  { start: 4.8, end: 7.8 },
  // Overlaps the one before: the caller interrupts.
  { start: 7.4, end: 8.8 },
  { start: 10, end: 12 },
];

describe('activeSegmentIndex', () => {
  it('finds the segment containing the time', () => {
    expect(activeSegmentIndex(segs, 0.3)).toBe(0);
    expect(activeSegmentIndex(segs, 3.99)).toBe(0);
    expect(activeSegmentIndex(segs, 5)).toBe(1);
    expect(activeSegmentIndex(segs, 11.5)).toBe(3);
  });

  it('is -1 before the first, between segments and after the last', () => {
    expect(activeSegmentIndex(segs, 0)).toBe(-1);
    expect(activeSegmentIndex(segs, 4.0)).toBe(-1);
    expect(activeSegmentIndex(segs, 9.5)).toBe(-1);
    expect(activeSegmentIndex(segs, 12)).toBe(-1);
    expect(activeSegmentIndex([], 3)).toBe(-1);
  });

  it('prefers the later of two overlapping segments, and falls back to the earlier once the later has ended', () => {
    expect(activeSegmentIndex(segs, 7.5)).toBe(2);
    const nested = [
      { start: 0, end: 10 },
      { start: 2, end: 3 },
    ];
    expect(activeSegmentIndex(nested, 2.5)).toBe(1);
    expect(activeSegmentIndex(nested, 5)).toBe(0);
  });

  it('agrees with a linear scan on a long transcript', () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({ start: i * 2, end: i * 2 + 1.5 }));
    for (const t of [0, 1.49, 1.5, 1.99, 4001.2, 9998.5, 9999.6]) {
      const linear = many.findIndex((s) => s.start <= t && t < s.end);
      expect(activeSegmentIndex(many, t)).toBe(linear);
    }
  });
});

describe('pickPeaksLevel', () => {
  const level = (buckets: number) => ({ framesPerBucket: 1, buckets, channels: [] });
  const peaks = (...b: number[]): Peaks => ({ channels: 1, sampleRate: 8000, durationSec: 1, frames: 1, levels: b.map(level) });

  it('takes the finest level within the budget', () => {
    expect(pickPeaksLevel(peaks(360_000, 90_000, 22_500))?.buckets).toBe(90_000);
    expect(pickPeaksLevel(peaks(1_000_000, 400_000, 100_000), 500_000)?.buckets).toBe(400_000);
    expect(pickPeaksLevel(peaks(100, 800))?.buckets).toBe(800);
  });

  it('takes the coarsest when every level is over, and null when there are none', () => {
    expect(pickPeaksLevel(peaks(2_000_000, 900_000))?.buckets).toBe(900_000);
    expect(pickPeaksLevel(peaks())).toBeNull();
  });
});

const file = (id: number, variant: AudioFileInfo['variant'], over: Partial<AudioFileInfo> = {}): AudioFileInfo => ({
  id,
  variant,
  fileName: `${variant}.wav`,
  format: 'wav',
  sampleRate: 8000,
  channels: variant === 'stereo' ? 2 : 1,
  bitsPerSample: 16,
  durationSec: 10,
  sizeBytes: 1000,
  missing: false,
  ...over,
});

describe('bestAudio and lanes', () => {
  it('walks stereo, mono, caller like the server, skipping missing files', () => {
    expect(bestAudio([file(1, 'caller'), file(2, 'stereo')])?.id).toBe(2);
    expect(bestAudio([file(1, 'caller'), file(2, 'stereo', { missing: true }), file(3, 'mono')])?.id).toBe(3);
    expect(bestAudio([file(1, 'agent'), file(2, 'caller')])?.id).toBe(2);
    expect(bestAudio([file(1, 'agent')])).toBeNull();
    expect(bestAudio([])).toBeNull();
  });

  it('labels stereo lanes from the channel roles and one-lane files by what they hold', () => {
    expect(lanesFor(2, ['caller', 'bot'], file(1, 'stereo')).map((l) => l.label)).toEqual(['Caller', 'Bot']);
    expect(lanesFor(2, ['agent', 'caller'], file(1, 'stereo')).map((l) => l.role)).toEqual(['agent', 'caller']);
    expect(lanesFor(1, ['caller', 'bot'], file(1, 'caller')).map((l) => l.label)).toEqual(['Caller']);
    expect(lanesFor(1, ['unknown'], file(1, 'mono')).map((l) => l.label)).toEqual(['Mono']);
    const [caller, bot] = lanesFor(2, ['caller', 'bot'], file(1, 'stereo'));
    expect(caller!.color).not.toBe(bot!.color);
  });

  it('puts a segment on its speaker’s lane, following a channel swap', () => {
    const lanes = lanesFor(2, ['caller', 'bot'], file(1, 'stereo'));
    expect(segmentLane({ speaker: 'caller', channel: 0 }, lanes)).toBe(0);
    expect(segmentLane({ speaker: 'bot', channel: 1 }, lanes)).toBe(1);
    expect(segmentLane({ speaker: 'agent', channel: null }, lanes)).toBe(1);
    const swapped = lanesFor(2, ['bot', 'caller'], file(1, 'stereo'));
    expect(segmentLane({ speaker: 'caller', channel: 0 }, swapped)).toBe(1);
    expect(segmentLane({ speaker: 'unknown', channel: 1 }, swapped)).toBe(1);
    expect(segmentLane({ speaker: 'unknown', channel: null }, swapped)).toBe(-1);
    expect(segmentLane({ speaker: 'caller', channel: 0 }, lanesFor(1, ['unknown'], file(1, 'mono')))).toBe(-1);
  });
});

describe('markersOf', () => {
  const act = (id: number, type: string, offsetSec: number | null, payload: Record<string, unknown>): Activity => ({
    id,
    type,
    at: null,
    offsetSec,
    parentId: null,
    groupId: null,
    payload,
  });

  it('marks function calls and session events, dropping echoes of a function call and undated ones', () => {
    const markers = markersOf([
      act(1, 'call', 0, { source: 'folder' }),
      act(2, 'session_event', 0, { event: 'session_started' }),
      act(3, 'function_call', 4.2, { name: 'lookup_order' }),
      act(4, 'session_event', 4.2, { event: 'function_call' }),
      act(5, 'session_event', null, { event: 'undated' }),
      act(6, 'session_event', 9, { event: 'function_call' }),
    ]);
    expect(markers.map((m) => [m.label, m.time, m.kind])).toEqual([
      ['session_started', 0, 'event'],
      ['lookup_order', 4.2, 'function'],
      ['function_call', 9, 'event'],
    ]);
  });
});

describe('controls', () => {
  it('solo plays one channel alone and wins over mute; mute silences', () => {
    expect(channelGains(2, [], null)).toEqual([1, 1]);
    expect(channelGains(2, [true, false], null)).toEqual([0, 1]);
    expect(channelGains(2, [false, false], 1)).toEqual([0, 1]);
    expect(channelGains(2, [false, true], 1)).toEqual([0, 1]);
  });

  it('steps speed within 0.5–2×, snapping an off-grid rate', () => {
    expect(stepSpeed(1, 1)).toBe(1.25);
    expect(stepSpeed(1, -1)).toBe(0.75);
    expect(stepSpeed(2, 1)).toBe(2);
    expect(stepSpeed(0.5, -1)).toBe(0.5);
    expect(stepSpeed(1.1, 1)).toBe(1.25);
    expect(stepSpeed(1.1, -1)).toBe(1);
  });

  it('zooms from fit up to a limit and back to fit', () => {
    const fit = 100;
    const inOnce = stepZoom(0, fit, 1);
    expect(inOnce).toBe(150);
    expect(stepZoom(inOnce, fit, -1)).toBe(0);
    let z = 0;
    for (let i = 0; i < 40; i++) z = stepZoom(z, fit, 1);
    expect(z).toBe(1000);
  });

  it('formats the clock to a tenth of a second', () => {
    expect(formatClock(0)).toBe('0:00.0');
    expect(formatClock(65.47)).toBe('1:05.4');
    expect(formatClock(3725.9)).toBe('1:02:05.9');
    expect(formatClock(Number.NaN)).toBe('0:00.0');
  });
});

describe('labelRows', () => {
  const m = (time: number, label: string) => ({ id: label, time, label, kind: 'event' as const });

  it('stacks labels that would overlap and reuses a row once it is free', () => {
    // At 100 px/s: "session_started" (15 chars ≈ 98 px) at 0 px, "caller_connected" at 12 px, "bot_interrupted" at 737 px.
    expect(labelRows([m(0, 'session_started'), m(0.12, 'caller_connected'), m(7.37, 'bot_interrupted')], 100)).toEqual([0, 1, 0]);
  });

  it('wraps around when more labels crowd one spot than there are rows', () => {
    const crowd = Array.from({ length: 6 }, (_, i) => m(0, `e${i}`));
    expect(labelRows(crowd, 100)).toEqual([0, 1, 2, 3, 0, 1]);
  });
});
