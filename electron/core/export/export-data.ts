import { z } from 'zod';
import { AnalysisRecord } from '../../../shared/analysis.js';
import { Speaker, type TranscriptInfo, type TranscriptVersion } from '../../../shared/types.js';
import type { CallExport, ExportScore, ExportTranscript } from '../../../shared/export.js';
import { LlmAnalysis } from '../../../shared/llm-analysis.js';
import type { Score } from '../../../shared/review.js';
import { metricsOf } from '../analysis/metrics-service.js';
import type { Repos } from '../db/repos/index.js';
import { redactDeep } from './redact.js';

/** Thrown when a call cannot be exported (it does not exist, has no audio…); the message is for the reviewer. */
export class ExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportError';
  }
}

/** What to gather besides the active transcript, and the export's timestamp. */
export interface GatherOptions {
  /** Include the transcript versions that are not active. */
  allVersions?: boolean;
  /** Replace personal data by tags (see redact.ts); the library is never changed. */
  redact?: boolean;
  /** When the export is made (ISO); default now. */
  now?: string;
}

const StoredLlm = AnalysisRecord.extend({ payload: LlmAnalysis });
const Roles = z.array(Speaker).catch([]);

/**
 * Everything an export needs of one call, read from the library: the call, its parties, the active
 * transcript version (and the others on request), the current metrics, the newest LLM analysis of the
 * active version, live comments and scores with their rubric's criteria. Redacted when asked.
 */
export function gatherExportData(repos: Repos, callId: number, opts: GatherOptions = {}): CallExport {
  const row = repos.calls.row(callId);
  if (!row) throw new ExportError(`There is no call with id ${callId}.`);
  const active = repos.transcripts.active(callId);
  const llm = active ? StoredLlm.safeParse(repos.analyses.latest(callId, 'llm', active.id)) : null;
  const versions = repos.transcripts.list(callId);
  const data: CallExport = {
    schema: 'callreview/call-export',
    schemaVersion: 1,
    exportedAt: opts.now ?? new Date().toISOString(),
    redacted: opts.redact === true,
    call: {
      id: row.id,
      externalId: row.external_id,
      source: row.source,
      startedAt: row.started_at,
      endedAt: row.ended_at,
      durationSec: row.duration_sec,
      direction: row.direction,
      channels: row.channels,
      channelRoles: Roles.parse(parseJson(row.channel_roles)),
    },
    parties: repos.contacts.forCall(callId),
    transcript: active ? exportTranscript(active) : null,
    transcriptVersions: versions.length,
    metrics: metricsOf(repos.analyses.current(callId, 'metrics')),
    analysis: llm?.success ? { id: llm.data.id, run: llm.data.run, transcriptId: llm.data.transcriptId, model: llm.data.model, createdAt: llm.data.createdAt, payload: llm.data.payload } : null,
    comments: repos.comments.list(callId).map((c) => ({ id: c.id, start: c.start, end: c.end, text: c.text, author: c.author, createdAt: c.createdAt, updatedAt: c.updatedAt })),
    scores: repos.scores.list({ callId, limit: 10_000, offset: 0 }).map((s) => exportScore(repos, s)),
  };
  if (opts.allVersions) data.otherVersions = otherVersions(repos, versions);
  return opts.redact ? redactDeep(data) : data;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function exportTranscript(t: TranscriptInfo): ExportTranscript {
  return {
    id: t.id,
    version: t.version,
    active: t.active,
    source: t.source,
    engine: t.engine,
    model: t.model,
    createdAt: t.createdAt,
    segments: t.segments.map((s, i) => ({ id: s.id, seq: i + 1, speaker: s.speaker, channel: s.channel, start: s.start, end: s.end, text: s.text, confidence: s.confidence })),
  };
}

/** Every version but the active one, oldest first. */
function otherVersions(repos: Repos, versions: TranscriptVersion[]): ExportTranscript[] {
  return versions
    .filter((v) => !v.active)
    .sort((a, b) => a.version - b.version)
    .flatMap((v) => {
      const t = repos.transcripts.get(v.id);
      return t ? [exportTranscript(t)] : [];
    });
}

/** A score with its rubric version's sections and criteria, each criterion with the answer given. */
function exportScore(repos: Repos, s: Score): ExportScore {
  const rubric = repos.rubrics.byVersionId(s.rubricVersionId);
  const answers = new Map(s.answers.map((a) => [a.criterionId, a]));
  return {
    id: s.id,
    rubricId: s.rubricId,
    rubricName: s.rubricName,
    rubricVersion: s.rubricVersion,
    state: s.state,
    percent: s.percent,
    autoFailed: s.autoFailed,
    updatedAt: s.updatedAt,
    completedAt: s.completedAt,
    sections: (rubric?.sections ?? []).map((sec) => ({
      id: sec.id,
      title: sec.title,
      weight: sec.weight,
      percent: s.sectionPercents[sec.id] ?? null,
      criteria: sec.criteria.map((c) => {
        const a = answers.get(c.id);
        return { id: c.id, text: c.text, kind: c.kind, weight: c.weight, autoFail: c.autoFail, answer: a?.value ?? null, note: a?.note ?? '', citeSec: a?.citeSec ?? null };
      }),
    })),
  };
}
