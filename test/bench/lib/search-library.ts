/**
 * Writes the search benchmark's library straight into SQLite (one transaction, prepared statements,
 * the real schema and its FTS triggers) and the same active transcripts as recorder
 * `transcript.json` files for ripgrep: ~100 segments a call, calls spread over 2025.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../../electron/core/db/open.js';
import { TextMaker, rng } from './search-corpus.js';

/** What generateSearchLibrary wrote. */
export interface SearchLibraryInfo {
  calls: number;
  /** Segments of active versions (what ripgrep sees) and of all versions. */
  activeSegments: number;
  segments: number;
  analyses: number;
  fileBytes: number;
  words: string[];
}

const YEAR_START = Date.UTC(2025, 0, 1);
const YEAR_MS = 365 * 86_400_000;

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** `YYYYMMDD_HHMMSS` of a time, as the recorder names session folders. */
function folderStamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}_${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}

interface Line {
  speaker: 'caller' | 'agent' | 'bot';
  start: number;
  end: number;
  text: string;
}

/** Generates `segments` active segments (plus an older version for 3% of calls) into `dataDir`, and files under `filesRoot`. */
export function generateSearchLibrary(dataDir: string, filesRoot: string, segments: number, seed = 42): SearchLibraryInfo {
  const next = rng(seed);
  const maker = new TextMaker(next);
  const db = openDatabase(join(dataDir, 'callreview.db'));
  const now = new Date(Date.UTC(2026, 0, 1)).toISOString();
  const insCall = db.prepare(
    `INSERT INTO calls (source, external_id, import_key, started_at, ended_at, duration_sec, direction, channels, channel_roles, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 2, ?, ?, ?)`,
  );
  const insTranscript = db.prepare(`INSERT INTO transcripts (call_id, source, engine, model, params, created_at, active, version) VALUES (?, ?, NULL, NULL, '{}', ?, ?, ?)`);
  const insSegment = db.prepare(`INSERT INTO segments (transcript_id, seq, speaker, channel, start_sec, end_sec, text, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, 0.9)`);
  const insAnalysis = db.prepare(`INSERT INTO analyses (call_id, transcript_id, kind, model, run, payload, created_at) VALUES (?, ?, 'llm', 'bench', 1, ?, ?)`);
  mkdirSync(filesRoot, { recursive: true });

  const info: SearchLibraryInfo = { calls: 0, activeSegments: 0, segments: 0, analyses: 0, fileBytes: 0, words: maker.words };
  const writeVersion = (callId: number, lines: Line[], active: boolean, version: number): number => {
    const tid = Number(insTranscript.run(callId, active ? 'recorder' : 'openai', now, active ? 1 : 0, version).lastInsertRowid);
    lines.forEach((l, i) => insSegment.run(tid, i, l.speaker, l.speaker === 'caller' ? 0 : 1, l.start, l.end, l.text));
    info.segments += lines.length;
    return tid;
  };
  const makeLines = (n: number, agent: 'agent' | 'bot'): Line[] => {
    const lines: Line[] = [];
    let t = 0.4;
    for (let i = 0; i < n; i++) {
      const len = 1.5 + next() * 6;
      lines.push({ speaker: i % 2 === 0 ? 'caller' : agent, start: round3(t), end: round3(t + len), text: maker.line() });
      t += len + 0.3 + next();
    }
    return lines;
  };

  db.transaction(() => {
    while (info.activeSegments < segments) {
      const n = Math.min(60 + Math.floor(next() * 81), segments - info.activeSegments);
      const startMs = YEAR_START + Math.floor(next() * YEAR_MS);
      const twilio = next() < 0.3;
      const agent = twilio ? 'agent' : 'bot';
      const session = `sess-${Math.floor(next() * 36 ** 6).toString(36).padStart(6, '0')}${info.calls.toString(36)}`;
      const folder = `${session}_${folderStamp(startMs)}`;
      const externalId = twilio ? `CA${(info.calls + 1).toString(16).padStart(32, '0')}` : folder;
      const lines = makeLines(n, agent);
      const duration = Math.ceil(lines.at(-1)!.end + 1);
      const direction = twilio ? (next() < 0.6 ? 'inbound' : 'outbound-api') : null;
      const roles = JSON.stringify(['caller', agent]);
      const callId = Number(
        insCall.run(twilio ? 'twilio' : 'folder', externalId, `bench:${folder}`, new Date(startMs).toISOString(), new Date(startMs + duration * 1000).toISOString(), duration, direction, roles, now, now)
          .lastInsertRowid,
      );
      info.calls++;
      // A few calls were re-transcribed: an older version that only all-versions search sees.
      const older = next() < 0.03;
      if (older) writeVersion(callId, makeLines(n, agent), false, 1);
      const tid = writeVersion(callId, lines, true, older ? 2 : 1);
      info.activeSegments += n;
      if (next() < 0.3) {
        insAnalysis.run(callId, tid, JSON.stringify(llmPayload(maker, next, lines)), now);
        info.analyses++;
      }
      info.fileBytes += writeTranscriptJson(join(filesRoot, folder), session, startMs, duration, lines);
    }
  })();
  db.close();
  return info;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

const LABELS = ['positive', 'neutral', 'negative'] as const;

/** An LLM analysis payload shaped like shared/llm-analysis.ts (the fields search reads are real). */
function llmPayload(maker: TextMaker, next: () => number, lines: Line[]): object {
  const label = LABELS[Math.floor(next() * 3)]!;
  const pick = () => lines[Math.floor(next() * lines.length)]!;
  const actions = Array.from({ length: 1 + Math.floor(next() * 2) }, () => {
    const l = pick();
    return { text: maker.line(), owner: l.speaker, due: null, segmentId: 0, at: l.start };
  });
  const questions = Array.from({ length: Math.floor(next() * 3) }, () => {
    const l = pick();
    return { text: maker.line(), askedBy: l.speaker, segmentId: 0, at: l.start, answered: next() < 0.5, answerSegmentId: null };
  });
  return {
    format: 1,
    summary: `${maker.line()} ${maker.line()}`,
    sentiment: { overall: { label, score: label === 'positive' ? 0.6 : label === 'negative' ? -0.6 : 0 }, bySpeaker: [], overTime: [] },
    keyPhrases: [],
    actionItems: actions,
    questions,
    qaFlags: [],
    model: 'bench',
    windowSec: 60,
    parts: 1,
    usage: { requests: 1, promptTokens: 0, completionTokens: 0 },
  };
}

/** Writes one session's transcript.json in the recorder's format (test/fixtures/README.md); returns its size. */
function writeTranscriptJson(dir: string, session: string, startMs: number, duration: number, lines: Line[]): number {
  mkdirSync(dir, { recursive: true });
  const iso = (sec: number) => new Date(startMs + Math.round(sec * 1000)).toISOString();
  const doc = {
    conversation_id: `conv-${session}`,
    session_id: session,
    start_time: iso(0),
    end_time: iso(duration),
    entries: lines.map((l) => ({
      timestamp: iso(l.start),
      channel: l.speaker === 'caller' ? 'caller' : 'bot',
      type: 'transcript',
      text: l.text,
      confidence: 0.9,
      duration_ms: Math.round((l.end - l.start) * 1000),
    })),
  };
  const text = JSON.stringify(doc, null, 2);
  writeFileSync(join(dir, 'transcript.json'), text);
  return Buffer.byteLength(text);
}
