/**
 * What a search answers on the fixture library: groups with hit counts, snippets, ranking, paging,
 * one call's hits, analysis text, the sentiment filter, and how the active version decides what is found.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SearchResponse } from '../../../shared/search.js';
import { find, hitList, llmPayload, NOW, searchLib, TW_LINES, type SearchLib } from './search-fixture.js';

const A1_CALLER = 'Refund order 48213 please, it went to Zürich.';
const A1_BOT = "Sorry, I can't refund that order, but I can offer";

let lib: SearchLib;
beforeEach(async () => {
  lib = await searchLib();
});
afterEach(() => lib.close());

/** Stores an LLM analysis of A1's active version: negative, about a refund. */
function analyseA1(): { analysisId: number; callerSeg: number; botSeg: number } {
  const t = lib.core.repos.transcripts.active(lib.ids.A1)!;
  const [caller, bot] = t.segments;
  const payload = llmPayload({
    summary: 'The caller wants a refund for order 48213; the bot refuses and the caller asks for a person.',
    label: 'negative',
    actions: [{ text: 'Escalate the refund request to a person', owner: 'bot', due: null, segmentId: bot!.id, at: bot!.start }],
    questions: [{ text: 'Can the refund be sent to Zürich?', askedBy: 'caller', segmentId: caller!.id, at: caller!.start, answered: false, answerSegmentId: null }],
  });
  const { id } = lib.core.repos.analyses.add(lib.ids.A1, t.id, 'llm', 'gpt-test', payload, NOW);
  return { analysisId: id, callerSeg: caller!.id, botSeg: bot!.id };
}

describe('search results', () => {
  it('groups hits by call with call facts, hit counts, speaker, times and highlighted snippets', () => {
    const r = SearchResponse.parse(lib.search.search({ query: 'refund', order: 'newest' }));
    expect(r.groups.map((g) => [g.externalId, g.source, g.direction, g.hitCount, g.hits.length])).toEqual([
      ['CA00000000000000000000000000000001', 'twilio', 'outbound-api', 1, 1],
      ['sess-a1b2c3_20260302_091504', 'folder', null, 2, 2],
    ]);
    const a1 = r.groups[1]!;
    expect(a1).toMatchObject({ callId: lib.ids.A1, startedAt: '2026-03-02T09:15:04.120Z', durationSec: expect.closeTo(9.098, 2) });
    const seg = lib.core.repos.transcripts.active(lib.ids.A1)!.segments[0]!;
    expect(a1.hits[0]).toEqual({
      kind: 'segment',
      callId: lib.ids.A1,
      segmentId: seg.id,
      transcriptId: lib.core.repos.transcripts.active(lib.ids.A1)!.id,
      analysisId: null,
      speaker: 'caller',
      start: seg.start,
      end: seg.end,
      text: A1_CALLER,
      snippet: [
        { text: 'Refund', hit: true },
        { text: ' order 48213 please, it went to Zürich.', hit: false },
      ],
      score: null,
    });
    expect(r.total).toEqual({ hits: 3, exact: true });
    expect(r.hasMore).toBe(false);
    expect(r.parsed).toEqual({ clauses: [[{ kind: 'word', text: 'refund' }]], exclude: [], filters: [], plainTerms: [], ignored: [] });
  });

  it('marks diacritic-folded words, substrings, prefixes and phrases in snippets', () => {
    const snip = (q: string) => lib.search.search({ query: q }).groups[0]!.hits[0]!.snippet;
    expect(snip('zurich')).toEqual([
      { text: 'Refund order 48213 please, it went to ', hit: false },
      { text: 'Zürich', hit: true },
      { text: '.', hit: false },
    ]);
    expect(snip('*213*')).toEqual([
      { text: 'Refund order 48', hit: false },
      { text: '213', hit: true },
      { text: ' please, it went to Zürich.', hit: false },
    ]);
    expect(snip('"went to zurich" refu*')).toEqual([
      { text: 'Refund', hit: true },
      { text: ' order 48213 please, it ', hit: false },
      { text: 'went to Zürich', hit: true },
      { text: '.', hit: false },
    ]);
  });

  it('ranks by bm25 (best first, scores descending) and finds the same hits as newest-first', () => {
    const ranked = lib.search.search({ query: 'refund OR person', order: 'relevance' });
    const hits = ranked.groups.flatMap((g) => g.hits);
    const scores = hits.map((h) => h.score!);
    expect(scores.every((s) => typeof s === 'number' && s > 0)).toBe(true);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const texts = (r: typeof ranked) => r.groups.flatMap((g) => g.hits.map((h) => h.text)).sort();
    expect(texts(ranked)).toEqual(texts(lib.search.search({ query: 'refund OR person', order: 'newest' })));
    expect(texts(ranked)).toEqual([...TW_LINES.slice(1), 'No, get me a person.', A1_CALLER, A1_BOT].sort());
  });

  it('pages by hits: limit, offset, hasMore; a call split over pages keeps its full hit count', () => {
    const all = find(lib, 'book* OR refund OR person');
    expect(all).toHaveLength(8);
    const pages = [0, 3, 6].map((offset) => lib.search.search({ query: 'book* OR refund OR person', order: 'newest', limit: 3, offset }));
    expect(pages.map((p) => p.hasMore)).toEqual([true, true, false]);
    expect(pages.flatMap((p) => hitList(lib, p))).toEqual(all);
    // Q4 has 3 hits: 1 on the first page, 2 on the second; both groups say 3.
    expect(pages[0]!.groups.map((g) => [g.callId, g.hitCount, g.hits.length])).toEqual([
      [lib.ids.TW, 2, 2],
      [lib.ids.Q4, 3, 1],
    ]);
    expect(pages[1]!.groups.map((g) => [g.callId, g.hitCount, g.hits.length])).toEqual([
      [lib.ids.Q4, 3, 2],
      [lib.ids.A1, 3, 1],
    ]);
    expect(lib.search.count({ query: 'book* OR refund OR person' })).toEqual({ hits: 8, exact: true, cap: 10_000 });
  });

  it('one call only (next/previous hit): its hits in time order, whatever the order asked for', () => {
    for (const order of ['relevance', 'newest'] as const) {
      const r = lib.search.search({ query: 'refund OR person OR order', order, callId: lib.ids.A1 });
      expect(r.groups).toHaveLength(1);
      expect(r.groups[0]!.hits.map((h) => h.text)).toEqual([A1_CALLER, A1_BOT, 'No, get me a person.']);
      expect(r.groups[0]!.hitCount).toBe(3);
    }
    expect(find(lib, 'refund', { callId: lib.ids.Q4 })).toEqual([]);
  });

  it('finds analysis summaries, action items and questions of the current analysis, with their citations', () => {
    const { analysisId, callerSeg, botSeg } = analyseA1();
    const r = lib.search.search({ query: 'refund', order: 'newest' });
    const a1 = r.groups.find((g) => g.callId === lib.ids.A1)!;
    expect(a1.hitCount).toBe(5);
    expect(a1.hits.map((h) => [h.kind, h.segmentId, h.speaker, h.analysisId])).toEqual([
      ['summary', null, null, analysisId],
      ['action', botSeg, 'bot', analysisId],
      ['question', callerSeg, 'caller', analysisId],
      ['segment', callerSeg, 'caller', null],
      ['segment', botSeg, 'bot', null],
    ]);
    expect(a1.hits[1]).toMatchObject({ text: 'Escalate the refund request to a person', start: 4.795, end: 7.791 });
    expect(r.total).toEqual({ hits: 6, exact: true });
    // A speaker filter applies to analysis lines by their owner / asker; a summary has no speaker.
    expect(find(lib, 'speaker:bot refund')).toEqual([
      ['A1', 'action', 'Escalate the refund request to a person'],
      ['A1', 'segment', A1_BOT],
    ]);
    expect(find(lib, 'refund', { includeAnalysis: false })).toHaveLength(3);
    // Substring terms search transcripts only.
    expect(find(lib, '*efun*').every(([, kind]) => kind === 'segment')).toBe(true);
    // A re-run replaces what is found: only the newest run of the version counts.
    lib.core.repos.analyses.add(lib.ids.A1, lib.core.repos.transcripts.active(lib.ids.A1)!.id, 'llm', 'gpt-test', llmPayload({ summary: 'Nothing about money.', label: 'neutral' }), NOW);
    expect(find(lib, 'refund').filter(([, kind]) => kind !== 'segment')).toEqual([]);
    expect(find(lib, 'money')).toEqual([['A1', 'summary', 'Nothing about money.']]);
    // A call found only by its analysis counts only those lines.
    for (const order of ['newest', 'relevance'] as const) expect(lib.search.search({ query: 'money', order }).groups.map((g) => g.hitCount)).toEqual([1]);
  });

  it('pages through segments and analysis lines together, newest first, without losing or repeating any', () => {
    analyseA1();
    const all = find(lib, 'refund OR person');
    expect(all.map(([c, k]) => `${c} ${k}`)).toEqual([
      'TW segment',
      'TW segment',
      'A1 summary',
      'A1 action',
      'A1 question',
      'A1 segment',
      'A1 segment',
      'A1 segment',
    ]);
    const pages = [0, 2, 4, 6].map((offset) => lib.search.search({ query: 'refund OR person', order: 'newest', limit: 2, offset }));
    expect(pages.flatMap((p) => hitList(lib, p))).toEqual(all);
    expect(pages.map((p) => p.hasMore)).toEqual([true, true, true, false]);
    // The first page's reads did not see every analysis line: its total is a lower bound.
    expect(pages[0]!.total.exact).toBe(false);
    expect(pages[1]!.groups[0]!.hitCount).toBe(6);
  });

  it('sentiment: filters by the current LLM analysis of the active version', () => {
    analyseA1();
    const q4 = lib.core.repos.transcripts.active(lib.ids.Q4)!.id;
    lib.core.repos.analyses.add(lib.ids.Q4, q4, 'llm', 'gpt-test', llmPayload({ summary: 'A cleaning is booked.', label: 'positive' }), NOW);
    expect(find(lib, 'sentiment:negative', { includeAnalysis: false }).map(([c]) => c)).toEqual(['A1', 'A1', 'A1']);
    expect(find(lib, 'sentiment:positive book*')).toEqual([
      ['Q4', 'summary', 'A cleaning is booked.'],
      ['Q4', 'segment', 'Can I book a cleaning Tuesday?'],
      ['Q4', 'segment', 'Nine works. Shall I book it?'],
      ['Q4', 'segment', 'Booked. Goodbye.'],
    ]);
    expect(find(lib, 'sentiment:positive|negative person').map(([c, k]) => `${c} ${k}`)).toEqual(['A1 summary', 'A1 action', 'A1 segment']);
    // Calls without an analysis have no sentiment: never positive, never negative.
    expect(find(lib, '-sentiment:negative person').map(([c]) => c)).toEqual(['TW']);
  });

  it('the active version decides what is found; allVersions searches them all', () => {
    const { transcripts } = lib.core.repos;
    const v1 = transcripts.active(lib.ids.A1)!;
    analyseA1();
    const v2 = transcripts.add(
      lib.ids.A1,
      { source: 'openai', engine: 'openai', model: 'whisper-1', params: {}, activate: true },
      v1.segments.map((s) => ({ ...s, text: s.text.replace('Zürich', 'Zuerich').replace('person', 'human') })),
      NOW,
    );
    expect(find(lib, 'zurich')).toEqual([]);
    expect(find(lib, 'zuerich')).toEqual([['A1', 'segment', 'Refund order 48213 please, it went to Zuerich.']]);
    expect(find(lib, '*213*')).toEqual([['A1', 'segment', 'Refund order 48213 please, it went to Zuerich.']]);
    // The analysis was of version 1: it is not current for version 2.
    expect(find(lib, 'refund').filter(([, kind]) => kind !== 'segment')).toEqual([]);
    // Every version, with the analysis of version 1 too.
    const both = lib.search.search({ query: 'zurich OR zuerich', order: 'newest', allVersions: true });
    expect(both.groups[0]!.hits.map((h) => [h.kind, h.transcriptId, h.text])).toEqual([
      ['question', v1.id, 'Can the refund be sent to Zürich?'],
      ['segment', v1.id, A1_CALLER],
      ['segment', v2, 'Refund order 48213 please, it went to Zuerich.'],
    ]);
    expect(both.groups[0]!.hitCount).toBe(3);
    expect(find(lib, 'refund', { allVersions: true }).filter(([, kind]) => kind === 'summary')).toHaveLength(1);

    transcripts.setActive(lib.ids.A1, v1.id);
    expect(find(lib, 'zurich')).toEqual([
      ['A1', 'question', 'Can the refund be sent to Zürich?'],
      ['A1', 'segment', A1_CALLER],
    ]);
    expect(find(lib, 'zuerich')).toEqual([]);
    expect(find(lib, 'person').map(([c, k]) => `${c} ${k}`)).toEqual(['TW segment', 'A1 summary', 'A1 action', 'A1 segment']);
    transcripts.setActive(lib.ids.A1, v2);
    expect(find(lib, 'person').map(([c, k]) => `${c} ${k}`)).toEqual(['TW segment']);
    expect(find(lib, 'human')).toEqual([['A1', 'segment', 'No, get me a human.']]);
  });
});
