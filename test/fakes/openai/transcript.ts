/**
 * The answer bodies of every response format, built from what the fake heard, in the shapes of
 * the spec's CreateTranscriptionResponse* schemas (verbose_json also carries `task`, as the real
 * API sends it). Numbers that a real model would produce (tokens, log-probabilities) are
 * deterministic functions of the text, so answers are repeatable.
 */
import { createHash } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import type { HeardSegment } from './match.js';
import { DIARIZE_MODEL, type TranscriptionFields } from './request.js';
import { jsonReply, textReply, type FakeReply } from './reply.js';

/** What a transcript is built from: the segments heard and the audio's length. */
export interface Heard {
  segments: HeardSegment[];
  durationSec: number;
}

/** verbose_json names the language in words, as Whisper does. */
const LANGUAGE_NAMES: Record<string, string> = {
  en: 'english', de: 'german', fr: 'french', es: 'spanish', it: 'italian', nl: 'dutch', pt: 'portuguese', pl: 'polish',
  sv: 'swedish', da: 'danish', no: 'norwegian', fi: 'finnish', ru: 'russian', ja: 'japanese', zh: 'chinese', tr: 'turkish',
};
/** Whisper's 30 s window, in the 10 ms steps `seek` counts in. */
const WINDOW_SEC = 30;

const round = (x: number, digits = 2): number => Number(x.toFixed(digits));

/** A number in [0, 1) fixed by the text, so answers repeat. */
function unit(text: string, salt: string): number {
  return createHash('sha256').update(`${salt}:${text}`).digest().readUInt32LE(0) / 2 ** 32;
}

/** Fake BPE token ids: one per word piece, stable per piece. */
function tokensOf(text: string): number[] {
  return (text.match(/\s*[^\s]{1,6}/g) ?? []).map((piece) => 220 + Math.floor(unit(piece, 'tok') * 50000));
}

/** Words without their edge punctuation, as word timestamps carry them. */
function wordsOf(text: string): string[] {
  return text
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((w) => w.length > 0);
}

/** Spreads a segment's words over its time in proportion to their lengths. */
function wordTimes(seg: HeardSegment): { word: string; start: number; end: number }[] {
  const words = wordsOf(seg.text);
  const chars = words.reduce((n, w) => n + w.length, 0);
  let at = seg.start;
  return words.map((word) => {
    const len = ((seg.end - seg.start) * word.length) / chars;
    const w = { word, start: round(at), end: round(at + len) };
    at += len;
    return w;
  });
}

/** gzip-style compression ratio of the text, which Whisper reports to flag repetition loops. */
function compressionRatio(text: string): number {
  const bytes = Buffer.from(text);
  return bytes.length === 0 ? 0 : round(bytes.length / deflateRawSync(bytes).length, 6);
}

function fullText(segments: HeardSegment[]): string {
  return segments.map((s) => s.text).join(' ');
}

/** `{ type: 'duration', seconds }`: what whisper-1 bills. */
function durationUsage(durationSec: number): { type: 'duration'; seconds: number } {
  return { type: 'duration', seconds: Math.ceil(durationSec) };
}

/** Token usage, what the gpt-4o models bill: ~10 audio tokens a second. */
function tokenUsage(heard: Heard, f: TranscriptionFields): Record<string, unknown> {
  const audio = Math.ceil(heard.durationSec * 10);
  const text = f.prompt ? tokensOf(f.prompt).length : 0;
  const output = tokensOf(fullText(heard.segments)).length;
  return { type: 'tokens', input_tokens: audio + text, input_token_details: { text_tokens: text, audio_tokens: audio }, output_tokens: output, total_tokens: audio + text + output };
}

function verboseJson(heard: Heard, f: TranscriptionFields): Record<string, unknown> {
  const granularities = f.timestamp_granularities ?? ['segment'];
  const out: Record<string, unknown> = {
    task: 'transcribe',
    language: LANGUAGE_NAMES[f.language ?? 'en'] ?? f.language,
    duration: round(heard.durationSec, 3),
    text: fullText(heard.segments),
  };
  if (granularities.includes('word')) out.words = heard.segments.flatMap(wordTimes);
  if (granularities.includes('segment')) {
    out.segments = heard.segments.map((s, id) => ({
      id,
      seek: Math.floor(s.start / WINDOW_SEC) * WINDOW_SEC * 100,
      start: round(s.start),
      end: round(s.end),
      // Whisper's segment texts start with the space its tokenizer puts before each word.
      text: ` ${s.text}`,
      tokens: tokensOf(` ${s.text}`),
      temperature: f.temperature,
      avg_logprob: round(-0.1 - 0.4 * unit(s.text, 'lp'), 6),
      compression_ratio: compressionRatio(s.text),
      no_speech_prob: s.source ? round(0.01 * unit(s.text, 'ns'), 6) : 0.2,
    }));
  }
  out.usage = durationUsage(heard.durationSec);
  return out;
}

/** Speaker labels in order of first appearance: the known names if given, else A, B, C…; unknown voices alternate. */
function speakerLabels(segments: HeardSegment[], known: readonly string[]): string[] {
  const seen = new Map<string, string>();
  const label = (n: number): string => known[n] ?? String.fromCharCode(65 + (n % 26));
  const out: string[] = [];
  for (const s of segments) {
    if (s.speaker !== null) {
      if (!seen.has(s.speaker)) seen.set(s.speaker, label(seen.size));
      out.push(seen.get(s.speaker)!);
    } else {
      // No script says who it was: assume turns alternate, as they do in a call.
      const prev = out[out.length - 1];
      out.push(prev === undefined ? label(0) : prev === label(0) ? label(1) : label(0));
    }
  }
  return out;
}

function diarizedJson(heard: Heard, f: TranscriptionFields): Record<string, unknown> {
  const labels = speakerLabels(heard.segments, f.known_speaker_names ?? []);
  const segments = heard.segments.map((s, i) => ({ type: 'transcript.text.segment', id: `seg_${String(i + 1).padStart(3, '0')}`, start: round(s.start), end: round(s.end), text: s.text, speaker: labels[i]! }));
  return {
    task: 'transcribe',
    duration: round(heard.durationSec, 3),
    // Like the spec's example: one "speaker: text" line per segment.
    text: segments.map((s) => `${s.speaker}: ${s.text}`).join('\n'),
    segments,
    usage: durationUsage(heard.durationSec),
  };
}

function simpleJson(heard: Heard, f: TranscriptionFields): Record<string, unknown> {
  const text = fullText(heard.segments);
  const out: Record<string, unknown> = { text };
  if (f.include.includes('logprobs')) {
    out.logprobs = (text.match(/\s*\S+/g) ?? []).map((token) => ({ token, logprob: round(-0.3 * unit(token, 'lp'), 6), bytes: [...Buffer.from(token)] }));
  }
  out.usage = f.model === 'whisper-1' || f.model === DIARIZE_MODEL ? durationUsage(heard.durationSec) : tokenUsage(heard, f);
  return out;
}

/** 00:01:02,345 (SRT) or 00:01:02.345 (VTT). */
function clock(sec: number, sep: ',' | '.'): string {
  const ms = Math.round(sec * 1000);
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}${sep}${pad(ms % 1000, 3)}`;
}

/** The answer to a successful transcription in the requested format. */
export function transcriptReply(heard: Heard, f: TranscriptionFields): FakeReply {
  switch (f.response_format) {
    case 'json':
      return jsonReply(200, simpleJson(heard, f));
    case 'verbose_json':
      return jsonReply(200, verboseJson(heard, f));
    case 'diarized_json':
      return jsonReply(200, diarizedJson(heard, f));
    case 'text':
      return textReply(`${fullText(heard.segments)}\n`);
    case 'srt':
      return textReply(heard.segments.map((s, i) => `${i + 1}\n${clock(s.start, ',')} --> ${clock(s.end, ',')}\n${s.text}\n\n`).join(''));
    case 'vtt':
      return textReply(`WEBVTT\n\n${heard.segments.map((s) => `${clock(s.start, '.')} --> ${clock(s.end, '.')}\n${s.text}\n\n`).join('')}`, 'text/vtt; charset=utf-8');
  }
}
