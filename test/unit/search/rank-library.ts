/**
 * A library for ranking and newest-first tests: 120 calls over the first half of 2026, written in
 * an order unrelated to their dates (as folder imports are), lines of 1–14 words from a small
 * vocabulary so term frequencies and lengths vary, an older version for every seventh call, and one
 * line of 140 tokens (its token count takes two bytes).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createCore, type Core } from '../../../electron/core/app-core.js';
import { SearchService } from '../../../electron/core/search/search-service.js';
import { makeTempDir } from '../../helpers/recorder-folder.js';

const NOW = '2026-06-01T12:00:00.000Z';
export const VOCAB = ['refund', 'refunds', 'refunded', 'invoice', 'order', 'late', 'cancel', 'charge', 'charges', 'charity', 'hello', 'thanks', 'please', 'today', 'agent'];

/** A seeded PRNG, so the library is the same on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export interface RankLibrary {
  core: Core;
  search: SearchService;
  close(): void;
}

/** Writes the library into a fresh data folder. */
export function rankLibrary(): RankLibrary {
  const tmp = makeTempDir('cr-rank-lib-');
  const core = createCore(path.join(tmp, 'data'), { metrics: { auto: false }, clock: () => new Date(NOW) });
  const next = rng(7);
  const line = () => Array.from({ length: 1 + Math.floor(next() * 14) }, () => VOCAB[Math.floor(next() * VOCAB.length)]).join(' ');
  for (let i = 0; i < 120; i++) {
    // Call 5, with the long line, falls in March, the range the tests search.
    const day = i === 5 ? 65 : Math.floor(next() * 180);
    const started = new Date(Date.UTC(2026, 0, 1) + day * 86_400_000 + i * 1000).toISOString();
    const id = core.repos.calls.upsert(
      { source: 'twilio', sourceId: null, externalId: `CA${i}`, importKey: `twilio:CA${i}`, folderPath: null, startedAt: started, endedAt: null, durationSec: 60, channels: 2, channelRoles: ['agent', 'caller'], fingerprint: null, direction: 'inbound' },
      NOW,
    ).id;
    const versions = i % 7 === 0 ? 2 : 1;
    for (let v = 0; v < versions; v++) {
      const lines = Array.from({ length: 3 + Math.floor(next() * 6) }, () => line());
      if (i === 5 && v === 0) lines.push(Array.from({ length: 140 }, (_, k) => VOCAB[k % VOCAB.length]).join(' '));
      core.repos.transcripts.add(
        id,
        { source: 'openai', engine: 'openai', model: 'whisper-1', params: {}, activate: true },
        lines.map((text, k) => ({ speaker: k % 2 === 0 ? 'caller' : 'agent', channel: k % 2, start: 1 + 4 * k, end: 4 + 4 * k, text, confidence: 0.9 })),
        NOW,
      );
    }
  }
  return {
    core,
    search: new SearchService(core.repos, core.now),
    close() {
      core.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}
