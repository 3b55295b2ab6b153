import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/app-core.js';
import { SearchService } from '../../../electron/core/search/search-service.js';
import { makeTempDir } from '../../helpers/recorder-folder.js';

const NOW = '2026-06-01T12:00:00.000Z';
const CALLS = 40;

let tmp: string;
let core: Core;
let search: SearchService;

beforeAll(() => {
  tmp = makeTempDir('cr-search-paging-');
  core = createCore(path.join(tmp, 'data'), { metrics: { auto: false }, clock: () => new Date(NOW) });
  // Lines of the same length in every call: their bm25 scores tie, which is where paging went wrong.
  for (let i = 0; i < CALLS; i++) {
    const started = new Date(Date.UTC(2026, 0, 1, 8 + i)).toISOString();
    const id = core.repos.calls.upsert(
      { source: 'twilio', sourceId: null, externalId: `CA${i}`, importKey: `twilio:CA${i}`, folderPath: null, startedAt: started, endedAt: null, durationSec: 30, channels: 2, channelRoles: ['agent', 'caller'], fingerprint: null, direction: 'inbound' },
      NOW,
    ).id;
    const lines = ['I would like a refund for my order today.', 'Let me check the refund policy.', 'Thanks, a refund for the order please.'];
    core.repos.transcripts.add(
      id,
      { source: 'openai', engine: 'openai', model: 'whisper-1', params: {}, activate: true },
      lines.map((text, k) => ({ speaker: k % 2 === 0 ? 'caller' : 'agent', channel: k % 2, start: 1 + 4 * k, end: 4 + 4 * k, text, confidence: 0.9 })),
      NOW,
    );
  }
  search = new SearchService(core.repos, core.now);
});

afterAll(() => {
  core.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('paging results with tied scores', () => {
  it.each(['relevance', 'newest'] as const)('%s: the pages together hold every hit once, in one order', (order) => {
    const all = search.search({ query: 'refund', order, limit: 500 }).groups.flatMap((g) => g.hits.map((h) => h.segmentId));
    expect(all).toHaveLength(CALLS * 3);
    const paged: Array<number | null> = [];
    for (let offset = 0, more = true; more; offset += 7) {
      const page = search.search({ query: 'refund', order, limit: 7, offset });
      paged.push(...page.groups.flatMap((g) => g.hits.map((h) => h.segmentId)));
      more = page.hasMore;
    }
    expect(new Set(paged).size).toBe(CALLS * 3);
    expect(paged).toEqual(all);
  });
});
