import type { AudioActivityInfo } from '../../../shared/analysis.js';
import type { Speaker } from '../../../shared/types.js';
import { readMp3Format, readMp3Frames } from '../audio/mp3.js';
import { readWavInfo } from '../audio/wav-header.js';
import { readWavFrames } from '../audio/wav-reader.js';
import type { ChannelSource } from '../transcription/channel-plan.js';
import { SpeechActivityDetector, type ActivityOptions, type ChannelActivity } from './speech-activity.js';

/** One side's speech activity, with whose side it is. */
export interface SideActivity extends ChannelActivity {
  speaker: Speaker;
}

/** What sides a plan covers: both in one file, a caller/agent pair, one side only, or one unattributed channel. */
export function layoutOf(sources: readonly ChannelSource[]): AudioActivityInfo['layout'] {
  if (sources.length >= 2) return sources[0]!.path === sources[1]!.path ? 'stereo' : 'pair';
  return sources[0]?.speaker === 'unknown' ? 'mono' : 'single';
}

async function sampleRateOf(path: string, format: 'wav' | 'mp3'): Promise<number> {
  return format === 'wav' ? (await readWavInfo(path)).sampleRate : (await readMp3Format(path)).sampleRate;
}

/**
 * Speech activity of each side of a call (a plan from planChannels): each file is read once,
 * streamed, with one detector per channel taken from it. WavError / Mp3Error come through when a
 * file cannot be read; aborting the signal stops between blocks with its reason.
 */
export async function sidesActivity(sources: readonly ChannelSource[], opts: ActivityOptions & { signal?: AbortSignal } = {}): Promise<SideActivity[]> {
  const out = new Map<ChannelSource, ChannelActivity>();
  const byFile = new Map<string, ChannelSource[]>();
  for (const s of sources) byFile.set(s.path, [...(byFile.get(s.path) ?? []), s]);
  for (const [path, sides] of byFile) {
    const format = sides[0]!.format;
    const rate = await sampleRateOf(path, format);
    const detectors = sides.map(() => new SpeechActivityDetector(rate, opts));
    const blocks = format === 'wav' ? readWavFrames(path) : readMp3Frames(path);
    for await (const block of blocks) {
      opts.signal?.throwIfAborted();
      sides.forEach((side, i) => {
        const samples = block[side.channel];
        if (samples) detectors[i]!.add(samples);
      });
    }
    sides.forEach((side, i) => out.set(side, detectors[i]!.finish()));
  }
  return sources.map((s) => ({ speaker: s.speaker, ...out.get(s)! }));
}

/** The summary of a run's audio analysis stored with the metrics. */
export function activityInfo(sources: readonly ChannelSource[], sides: readonly SideActivity[]): AudioActivityInfo {
  return {
    layout: layoutOf(sources),
    channels: sides.map((s) => ({
      speaker: s.speaker,
      speechSec: Math.round(s.speechSec * 1000) / 1000,
      bursts: s.spans.length,
      thresholdDbfs: s.thresholdDbfs,
    })),
  };
}
