import type { AudioVariant, Speaker } from '../../../shared/types.js';
import type { SegmentWrite } from '../db/repos/transcripts-repo.js';
import type { Mp3Info } from '../audio/mp3.js';
import type { WavInfo } from '../audio/wav-header.js';
import type { SafeFile } from './safe-file.js';

/** An audio file that parsed, ready to be recorded. */
export interface ParsedAudio {
  variant: AudioVariant;
  file: SafeFile;
  /** MP3 only for loose files; sampleFormat 'mp3' becomes the stored format. */
  info: WavInfo | Mp3Info;
}

/** A transcript line with times relative to the call start (the shape the transcripts repo writes). */
export type ParsedSegment = SegmentWrite;

/** A function call or session event from the recorder. */
export interface ParsedActivity {
  type: 'function_call' | 'session_event';
  atMs: number | null;
  offsetSec: number | null;
  payload: Record<string, unknown>;
}

/** Everything an import unit (session folder or loose file) yielded, before it touches the database. */
export interface ParsedCall {
  importKey: string;
  /** The session folder or loose file this came from; import issues are kept under it. */
  unitPath: string;
  externalId: string;
  folderPath: string | null;
  groupId: string;
  startedAtMs: number | null;
  endedAtMs: number | null;
  durationSec: number | null;
  channels: number | null;
  channelRoles: Speaker[];
  audio: ParsedAudio[];
  transcript: ParsedSegment[] | null;
  activities: ParsedActivity[];
  warnings: string[];
  fingerprint: string;
}
