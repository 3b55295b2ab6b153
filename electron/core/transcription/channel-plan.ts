import type { Speaker } from '../../../shared/types.js';
import type { AudioRow } from '../db/repos/audio-repo.js';
import { pickFile } from '../audio/serve-audio.js';
import type { SegmentWrite } from '../db/repos/transcripts-repo.js';
import type { ChunkSegment, ChunkWord } from './openai-transcriber.js';

/** One side of a call to transcribe on its own: which file, which channel of it, and who speaks there. */
export interface ChannelSource {
  path: string;
  format: 'wav' | 'mp3';
  channel: number;
  /** The channel index recorded with each segment (0 = left/caller side, 1 = right). */
  lane: number | null;
  speaker: Speaker;
  durationSec: number;
}

/** Why a call cannot be transcribed; the message is for the reviewer. */
export class NoAudioError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoAudioError';
  }
}

function formatOf(row: AudioRow): 'wav' | 'mp3' {
  return (row.format ?? '').toLowerCase() === 'mp3' || /\.mp3$/i.test(row.path) ? 'mp3' : 'wav';
}

function source(row: AudioRow, channel: number, lane: number | null, speaker: Speaker): ChannelSource {
  return { path: row.path, format: formatOf(row), channel, lane, speaker, durationSec: row.duration_sec ?? 0 };
}

/**
 * What to send for a call: each side of a stereo file on its own (speakers from the channel roles),
 * else the caller and agent files of a mono pair, else a mono file with the speaker unknown, else
 * whichever single side exists.
 */
export function planChannels(rows: AudioRow[], roles: readonly Speaker[]): ChannelSource[] {
  const stereo = pickFile(rows, 'stereo');
  if (stereo && (stereo.channels ?? 2) >= 2) {
    return [source(stereo, 0, 0, roles[0] ?? 'caller'), source(stereo, 1, 1, roles[1] ?? 'agent')];
  }
  const caller = pickFile(rows, 'caller');
  const agent = pickFile(rows, 'agent');
  const agentRole = roles.find((r) => r === 'agent' || r === 'bot') ?? 'agent';
  const mono = pickFile(rows, 'mono') ?? (stereo && stereo.channels === 1 ? stereo : null);
  if (mono && !(caller && agent)) return [source(mono, 0, null, 'unknown')];
  const sides = [caller ? source(caller, 0, 0, 'caller') : null, agent ? source(agent, 0, 1, agentRole) : null].filter((s): s is ChannelSource => s !== null);
  if (sides.length > 0) return sides;
  if (rows.length > 0) throw new NoAudioError('The audio of this call is missing on disk, so it cannot be transcribed. Rescan its folder or sync it again.');
  throw new NoAudioError('This call has no audio to transcribe.');
}

/** The diarizing model's labels (A, B, …) mapped to the call's sides in order of first appearance. */
export function diarizedSpeaker(label: string | undefined, seen: string[], roles: readonly Speaker[]): Speaker {
  if (label === undefined) return 'unknown';
  if (!seen.includes(label)) seen.push(label);
  const i = seen.indexOf(label);
  // Without channels the model cannot know who is the caller; the first voice usually answers (the agent side).
  const order: Speaker[] = [roles[1] ?? 'agent', roles[0] ?? 'caller'];
  return i < order.length ? order[i]! : 'unknown';
}

/**
 * Places one chunk's segments on the call's timeline and gives them their side's speaker; word
 * timings, when there are any, go to the segment they fall in.
 */
export function placeSegments(segs: ChunkSegment[], offsetSec: number, side: ChannelSource, speakerOf?: (label: string | undefined) => Speaker, words: ChunkWord[] = []): SegmentWrite[] {
  return segs.map((s) => {
    const mine = words.filter((w) => w.start >= s.start - 0.05 && w.start < s.end + 0.05);
    return {
      speaker: speakerOf ? speakerOf(s.speakerLabel) : side.speaker,
      channel: side.lane,
      start: round3(offsetSec + s.start),
      end: round3(offsetSec + Math.max(s.start, s.end)),
      text: s.text,
      confidence: s.confidence,
      ...(mine.length > 0 ? { words: mine.map((w): [number, number, string] => [round3(offsetSec + w.start), round3(offsetSec + w.end), w.word]) } : {}),
    };
  });
}

/** Both sides merged into one transcript in time order (ties: the left channel first, then by end). */
export function mergeSides(sides: SegmentWrite[][]): SegmentWrite[] {
  return sides.flat().sort((a, b) => a.start - b.start || (a.channel ?? -1) - (b.channel ?? -1) || a.end - b.end);
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
