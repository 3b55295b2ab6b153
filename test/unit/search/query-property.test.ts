/**
 * Property tests: no string a reviewer can type makes the parser or a search throw, and every FTS5
 * MATCH string the parser's output turns into is made only of quoted strings and the operators we
 * write, and is accepted by SQLite's FTS5 (both tokenizers the library uses).
 */
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysisMatch, matchPlan, withExclusion } from '../../../electron/core/search/fts-match.js';
import { parseQuery } from '../../../electron/core/search/query-parser.js';
import { SearchResponse } from '../../../shared/search.js';
import { searchLib, type SearchLib } from './search-fixture.js';

const RUNS = 10_000;

/** Pieces that stress the language: quotes, operators, fields, FTS5 syntax, control and odd characters. */
const PIECES = [
  '"', '""', "'", '-', '--', '*', '**', ':', '(', ')', '^', '+', '{', '}', '[', ']', '\\', '|', ',', '.', ' ', ' ', ' ', '\t', '\n', '\r',
  '\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u200b', '\u200d', '\u202e', '\ufeff', '\ud800', '\udc00', '😀', 'é', 'e\u0301', 'ß', 'İ',
  'OR', 'AND', 'NOT', 'NEAR', 'NEAR(', 'or', 'text:', 'rowid:', 'segments_fts:', 'speaker:', 'speaker:caller', 'speaker:agent|bot', 'from:',
  'from:2026-03-01', 'to:2026-02-30', 'to:2026', 'dur:', 'dur:>5m', 'dur:<=1h30m', 'dur:>abc', 'source:twilio', 'dir:out', 'sentiment:negative',
  'refund', 'order', 'zürich', '48213', '*213*', 'book*', '"refund order"', 'x', '0', '-refund', 'SELECT', "'; DROP TABLE calls; --",
];

const typed = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.array(fc.constantFrom(...PIECES), { maxLength: 16 }).map((a) => a.join('')),
  fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((a) => a.join(' ')),
);

/** A MATCH string with every FTS5 string literal taken out: only our operators may be left. */
const OPERATORS_ONLY = /^(?:\s|AND|OR|NOT|\(|\)|\*|Q)*$/;
const stripLiterals = (m: string) => m.replace(/"(?:[^"]|"")*"/g, 'Q');

let mem: Database.Database;
let words: Database.Statement;
let trigram: Database.Statement;
let lib: SearchLib;

beforeAll(async () => {
  mem = new Database(':memory:');
  mem.exec(`
    CREATE VIRTUAL TABLE w USING fts5(text, tokenize = 'unicode61 remove_diacritics 2');
    CREATE VIRTUAL TABLE g USING fts5(text, tokenize = 'trigram remove_diacritics 1');
    INSERT INTO w VALUES ('Refund order 48213 please, it went to Zürich.');
    INSERT INTO g VALUES ('Refund order 48213 please, it went to Zürich.');`);
  words = mem.prepare(`SELECT count(*) FROM w WHERE w MATCH ?`).pluck();
  trigram = mem.prepare(`SELECT count(*) FROM g WHERE g MATCH ?`).pluck();
  lib = await searchLib();
});
afterAll(() => {
  mem.close();
  lib.close();
});

describe('anything typed is safe', () => {
  it(`parses every string and every MATCH it makes is well-formed FTS5 (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(typed, fc.integer({ min: -840, max: 840 }), (input, utcOffsetMin) => {
        const parsed = parseQuery(input, { utcOffsetMin });
        const plan = matchPlan(parsed);
        const forWords = [plan.words, plan.excludeWords, analysisMatch(plan), ...plan.mixed.map((m) => m.words)];
        const forTrigram = [plan.trigram, plan.excludeTrigram, ...plan.mixed.map((m) => m.trigram)];
        if (plan.words !== null) forWords.push(withExclusion(plan.words, plan.excludeWords));
        if (plan.trigram !== null) forTrigram.push(withExclusion(plan.trigram, plan.excludeTrigram));
        for (const [stmt, list] of [
          [words, forWords],
          [trigram, forTrigram],
        ] as const) {
          for (const m of list) {
            if (m === null) continue;
            expect(stripLiterals(m), m).toMatch(OPERATORS_ONLY);
            expect(() => stmt.get(m), m).not.toThrow();
          }
        }
        // What was understood is echoed as data a schema can check.
        expect(SearchResponse.shape.parsed.safeParse(parsed).success).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it(`searches the library for every string without an error (${RUNS} runs)`, { timeout: 240_000 }, () => {
    fc.assert(
      fc.property(typed, fc.constantFrom('relevance', 'newest'), fc.boolean(), fc.boolean(), (query, order, allVersions, includeAnalysis) => {
        const r = lib.search.search({ query, order, allVersions, includeAnalysis, limit: 5 });
        expect(r.groups.every((g) => g.hits.length > 0 && g.hitCount >= g.hits.length)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});
