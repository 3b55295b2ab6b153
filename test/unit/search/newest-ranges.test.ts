import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app-core.js';
import { matchPlan } from '../../../electron/core/search/fts-match.js';
import { newestByRanges } from '../../../electron/core/search/newest-ranges.js';
import { parseQuery } from '../../../electron/core/search/query-parser.js';
import { segmentPage, segmentScope } from '../../../electron/core/search/segment-hits.js';
import type { SearchService } from '../../../electron/core/search/search-service.js';
import { rankLibrary, type RankLibrary } from './rank-library.js';

/*
 * Newest first by walking the calls' segment id ranges over the sorted match ids
 * (newest-ranges.ts): the hits, their order and the counts must be what SQL says, with filters on
 * the call and on the segment, and over all versions.
 */

let lib: RankLibrary;
let core: Core;
let search: SearchService;

beforeAll(() => {
  lib = rankLibrary();
  ({ core, search } = lib);
});

afterAll(() => lib.close());

/** Every hit newest first, as SQL orders them: [callId, segmentId]. */
function truth(match: string, extra: string, allVersions: boolean): Array<[number, number]> {
  return core.repos.db
    .prepare(
      `SELECT c.id, s.id FROM segments_fts f JOIN segments s ON s.id = f.rowid JOIN transcripts t ON t.id = s.transcript_id JOIN calls c ON c.id = t.call_id
        WHERE segments_fts MATCH ? AND (? OR t.active = 1) AND ${extra} ORDER BY c.started_at DESC, c.id DESC, s.start_sec, s.id`,
    )
    .raw()
    .all(match, allVersions ? 1 : 0) as Array<[number, number]>;
}

function scopeOf(query: string, allVersions: boolean) {
  const parsed = parseQuery(query, { utcOffsetMin: 0 });
  return segmentScope(matchPlan(parsed), { allVersions, callId: null, filters: parsed.filters, plainWords: false, terms: null });
}

const CASES = [
  ['cha*', '"cha" *', '1'],
  ['refund OR invoice', '"refund" OR "invoice"', '1'],
  ['speaker:agent late', '"late"', `s.speaker = 'agent'`],
  ['from:2026-02-01 to:2026-04-30 "please today"', '"please" + "today"', `c.started_at >= '2026-02-01' AND c.started_at < '2026-05-01'`],
] as const;

describe('newest first over the calls’ id ranges', () => {
  it.each(CASES)('%s: whole calls newest first, each call’s hits in time order, exact counts', (query, match, extra) => {
    for (const allVersions of [false, true]) {
      const all = truth(match, extra, allVersions);
      expect(all.length).toBeGreaterThan(8);
      const scope = scopeOf(query, allVersions);
      const ids = all.map(([, id]) => id);
      for (const n of [1, 7, 40, all.length + 1]) {
        const page = newestByRanges(core.repos.search.segmentSearch, core.repos.search.segmentRank, scope, ids, n, 120);
        // Whole calls: the first calls up to the one holding the n-th hit.
        const lastCall = all[Math.min(n, all.length) - 1]![0];
        const upTo = all.findLastIndex(([c]) => c === lastCall) + 1;
        expect(page.rows.map((r) => [r.callId, r.segmentId])).toEqual(all.slice(0, upTo));
        expect(page.exhausted).toBe(n > all.length);
        for (const [callId, count] of page.counts) expect(count).toBe(all.filter(([c]) => c === callId).length);
      }
    }
  });

  it('is the plan for many matches, and search pages through it in the same order as SQL', () => {
    const scope = scopeOf('cha*', false);
    expect(segmentPage(core.repos.search.segmentSearch, scope, 'newest', 51, core.repos.search.segmentRank).plan).toBe('newest-ranges');
    const all = truth('"cha" *', '1', false);
    const paged: number[] = [];
    for (let offset = 0; offset < 150; offset += 50) {
      const res = search.search({ query: 'cha*', order: 'newest', limit: 50, offset, includeAnalysis: false });
      paged.push(...res.groups.flatMap((g) => g.hits.map((h) => h.segmentId!)));
      for (const g of res.groups) expect(g.hitCount).toBe(all.filter(([c]) => c === g.callId).length);
    }
    expect(paged).toEqual(all.slice(0, 150).map(([, id]) => id));
  });
});
