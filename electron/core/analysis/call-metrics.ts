import type { AudioActivityInfo, CallMetrics } from '../../../shared/analysis.js';
import type { Segment } from '../../../shared/types.js';
import type { SideActivity } from './audio-activity.js';
import type { SpeakerSpan } from './conversation.js';
import type { FunctionCallInput } from './function-calls.js';
import { computeMetrics, speechFromSegments, wordsBySpeaker } from './metrics.js';

/*
 * Which source a call's timing comes from:
 * - audio whose sides are told apart (a stereo file, or a caller file and an agent file) gives the
 *   timing: talk, silence, overlaps, turns, latency and monologue come from each channel's energy,
 *   which marks where speech really starts and stops (transcript segments include pauses and
 *   Whisper's boundaries drift); words (and so words per minute) come from the transcript when there
 *   is one: basis 'both', or 'audio' without a transcript;
 * - with a transcript and audio of one side only, or one unattributed (mono) channel, the audio
 *   cannot say who spoke when, so the transcript gives everything: basis 'transcript';
 * - without a transcript, whatever audio there is gives the timing: basis 'audio' (a mono channel
 *   is one 'unknown' speaker, so it has silence and talk time but no overlaps or latencies).
 */

/** What is known of a call for its metrics. */
export interface CallMetricsInput {
  durationSec: number | null;
  /** The transcript version's segments, or null for audio-only metrics. */
  segments: readonly Pick<Segment, 'speaker' | 'start' | 'end' | 'text'>[] | null;
  /** Each side's speech activity and its summary, or null when no audio was read. */
  audio: { info: AudioActivityInfo; sides: readonly SideActivity[] } | null;
  functionCalls: readonly FunctionCallInput[];
  notes?: readonly string[];
}

/** True when audio of this layout tells the speakers apart, so it can give the timing. */
export function audioGivesTiming(layout: AudioActivityInfo['layout']): boolean {
  return layout === 'stereo' || layout === 'pair';
}

function speechFromSides(sides: readonly SideActivity[]): SpeakerSpan[] {
  return sides.flatMap((s) => s.spans.map((sp) => ({ speaker: s.speaker, start: sp.start, end: sp.end })));
}

/** A call's metrics from its transcript and/or audio activity, choosing the timing source as described above. */
export function buildCallMetrics(input: CallMetricsInput): CallMetrics {
  const { segments, audio } = input;
  const common = { durationSec: input.durationSec, functionCalls: input.functionCalls, audio: audio?.info ?? null, notes: input.notes };
  if (segments && !(audio && audioGivesTiming(audio.info.layout))) {
    return computeMetrics({ ...common, basis: 'transcript', speech: speechFromSegments(segments), words: wordsBySpeaker(segments) });
  }
  if (!audio) throw new Error('Metrics need a transcript or audio');
  return computeMetrics({
    ...common,
    basis: segments ? 'both' : 'audio',
    speech: speechFromSides(audio.sides),
    words: segments ? wordsBySpeaker(segments) : null,
  });
}
