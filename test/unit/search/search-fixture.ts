/**
 * The search tests' library: the three committed recorder sessions imported through the real core,
 * plus one Twilio call (outbound, 6:40 long) written through the repos, and LLM analyses for some.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createCore, type Core } from '../../../electron/core/app-core.js';
import { SearchService } from '../../../electron/core/search/search-service.js';
import type { LlmAnalysis } from '../../../shared/llm-analysis.js';
import type { SearchRequestInput, SearchResponse } from '../../../shared/search.js';
import { FIXTURE_RECORDINGS, makeTempDir } from '../../helpers/recorder-folder.js';

export const NOW = '2026-06-01T12:00:00.000Z';
/** Short names of the calls, newest first: Twilio (May 5), Q4 (Apr 21), F7 (Mar 11), A1 (Mar 2). */
export const EXTERNAL = {
  TW: 'CA00000000000000000000000000000001',
  Q4: 'sess-q4m8z2_20260421_160351',
  F7: 'sess-7f3k9d_20260311_144237',
  A1: 'sess-a1b2c3_20260302_091504',
} as const;
export type CallName = keyof typeof EXTERNAL;

/** The Twilio call's lines. */
export const TW_LINES = [
  'Hello, this is Renée from billing about invoice 77120.',
  'Please cancel my subscription, the refund never came.',
  'I will escalate this to a person today.',
] as const;

export interface SearchLib {
  tmp: string;
  core: Core;
  search: SearchService;
  ids: Record<CallName, number>;
  close(): void;
}

/** An LLM analysis payload as the analysis job stores it. */
export function llmPayload(p: { summary: string; label: 'positive' | 'neutral' | 'negative'; actions?: LlmAnalysis['actionItems']; questions?: LlmAnalysis['questions'] }): LlmAnalysis {
  return {
    format: 1,
    summary: p.summary,
    sentiment: { overall: { label: p.label, score: p.label === 'negative' ? -0.7 : p.label === 'positive' ? 0.7 : 0 }, bySpeaker: [], overTime: [] },
    keyPhrases: [],
    actionItems: p.actions ?? [],
    questions: p.questions ?? [],
    qaFlags: [],
    model: 'gpt-test',
    windowSec: 60,
    parts: 1,
    usage: { requests: 1, promptTokens: 10, completionTokens: 10 },
  };
}

/** Imports the fixtures into a fresh library and adds the Twilio call. */
export async function searchLib(): Promise<SearchLib> {
  const tmp = makeTempDir('cr-search-');
  const core = createCore(path.join(tmp, 'data'), { metrics: { auto: false }, clock: () => new Date(NOW) });
  await core.library.addFolder(FIXTURE_RECORDINGS, false);
  const { calls, transcripts } = core.repos;
  const tw = calls.upsert(
    {
      source: 'twilio',
      sourceId: null,
      externalId: EXTERNAL.TW,
      importKey: `twilio:${EXTERNAL.TW}`,
      folderPath: null,
      startedAt: '2026-05-05T10:00:00.000Z',
      endedAt: '2026-05-05T10:06:40.000Z',
      durationSec: 400,
      channels: 2,
      channelRoles: ['agent', 'caller'],
      fingerprint: null,
      direction: 'outbound-api',
    },
    NOW,
  ).id;
  transcripts.add(
    tw,
    { source: 'openai', engine: 'openai', model: 'whisper-1', params: {}, activate: true },
    TW_LINES.map((text, i) => ({ speaker: i % 2 === 0 ? 'agent' : 'caller', channel: i % 2 === 0 ? 0 : 1, start: 0.5 + 3 * i, end: 3 + 3 * i, text, confidence: 0.9 })),
    NOW,
  );
  const id = (name: CallName) => calls.idByRef(EXTERNAL[name])!;
  const ids = { TW: id('TW'), Q4: id('Q4'), F7: id('F7'), A1: id('A1') };
  return {
    tmp,
    core,
    search: new SearchService(core.repos, core.now),
    ids,
    close: () => {
      core.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** The hits of a response as [call, kind, text] in result order. */
export function hitList(lib: SearchLib, r: SearchResponse): Array<[CallName, string, string]> {
  const name = (callId: number) => (Object.keys(lib.ids) as CallName[]).find((k) => lib.ids[k] === callId)!;
  return r.groups.flatMap((g) => g.hits.map((h): [CallName, string, string] => [name(h.callId), h.kind, h.text]));
}

/** Runs a search and lists its hits (newest first unless the request says otherwise). */
export function find(lib: SearchLib, query: string, req: Partial<SearchRequestInput> = {}): Array<[CallName, string, string]> {
  return hitList(lib, lib.search.search({ query, order: 'newest', ...req }));
}
