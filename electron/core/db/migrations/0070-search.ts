import type { Migration } from '../migrate.js';

/*
 * The rows an LLM analysis (analyses.kind = 'llm', payload as in shared/llm-analysis.ts) contributes
 * to search: its summary, each action item and each question. Shared by the insert and update
 * triggers and by the backfill of rows stored before this step; `src` is the analyses row. Payloads
 * that are not JSON, or whose lists are not arrays of objects with a text, add nothing: a malformed
 * payload must never make storing an analysis fail. Every JSON function sits behind a CASE on
 * `guard` (kind 'llm' and valid JSON), because SQLite does not promise to short-circuit AND.
 */
function analysisTextRows(src: 'new' | 'a'): string {
  // The backfill reads every stored row as `a`; a trigger reads the one row as `new`.
  const table = src === 'a' ? 'analyses a' : null;
  const guard = `${src}.kind = 'llm' AND json_valid(${src}.payload)`;
  const list = (path: string) =>
    `json_each(CASE WHEN NOT (${guard}) THEN '[]' WHEN json_type(${src}.payload, '${path}') = 'array' THEN json_extract(${src}.payload, '${path}') ELSE '[]' END)`;
  const hasText = `CASE WHEN j.type = 'object' THEN json_type(j.value, '$.text') = 'text' ELSE 0 END`;
  const cols = 'INSERT INTO analysis_text (analysis_id, call_id, kind, ord, speaker, at_sec, segment_id, text)';
  const item = (kind: string, speaker: string, path: string) => `
  ${cols}
    SELECT ${src}.id, ${src}.call_id, '${kind}', j.key, json_extract(j.value, '$.${speaker}'), json_extract(j.value, '$.at'),
           json_extract(j.value, '$.segmentId'), json_extract(j.value, '$.text')
      FROM ${table ? `${table}, ` : ''}${list(path)} j WHERE ${hasText};`;
  return `
  ${cols}
    SELECT ${src}.id, ${src}.call_id, 'summary', 0, NULL, NULL, NULL, json_extract(${src}.payload, '$.summary')
      ${table ? `FROM ${table}` : ''}
     WHERE CASE WHEN ${guard} THEN json_type(${src}.payload, '$.summary') = 'text' ELSE 0 END;${item('action', 'owner', '$.actionItems')}${item('question', 'askedBy', '$.questions')}`;
}

/**
 * Search (issue 7): analysis text (summaries, action items, questions) in its own FTS5 index, a
 * trigram index over segment text for substring terms, and saved searches. Both indexes follow
 * their tables by trigger, so every write keeps them in step; `rebuild` remakes them on demand.
 */
export const m0070Search: Migration = {
  version: 70,
  name: 'search',
  up(db) {
    db.exec(`
-- One searchable line of an LLM analysis. Derived from analyses.payload by the triggers below; never written by hand.
CREATE TABLE analysis_text (
  id INTEGER PRIMARY KEY,
  analysis_id INTEGER NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
  call_id INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('summary', 'action', 'question')),
  ord INTEGER NOT NULL,
  speaker TEXT,
  at_sec REAL,
  segment_id INTEGER,
  text TEXT NOT NULL
);
CREATE INDEX analysis_text_analysis ON analysis_text(analysis_id);

CREATE VIRTUAL TABLE analysis_fts USING fts5(
  text,
  content = 'analysis_text',
  content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER analysis_text_ai AFTER INSERT ON analysis_text BEGIN
  INSERT INTO analysis_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER analysis_text_ad AFTER DELETE ON analysis_text BEGIN
  INSERT INTO analysis_fts(analysis_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER analysis_text_au AFTER UPDATE OF text ON analysis_text BEGIN
  INSERT INTO analysis_fts(analysis_fts, rowid, text) VALUES ('delete', old.id, old.text);
  INSERT INTO analysis_fts(rowid, text) VALUES (new.id, new.text);
END;

CREATE TRIGGER analyses_text_ai AFTER INSERT ON analyses WHEN new.kind = 'llm' BEGIN${analysisTextRows('new')}
END;
CREATE TRIGGER analyses_text_ad AFTER DELETE ON analyses BEGIN
  DELETE FROM analysis_text WHERE analysis_id = old.id;
END;
CREATE TRIGGER analyses_text_au AFTER UPDATE OF payload, kind ON analyses BEGIN
  DELETE FROM analysis_text WHERE analysis_id = old.id;${analysisTextRows('new')}
END;
-- Analyses stored before this step.${analysisTextRows('a')}

-- Substring search ("*4821*"): every 3-character run of a segment's text, case and diacritics folded.
-- Only substring terms read it; word, phrase and prefix terms use segments_fts.
CREATE VIRTUAL TABLE segments_trigram USING fts5(
  text,
  content = 'segments',
  content_rowid = 'id',
  tokenize = 'trigram remove_diacritics 1'
);
CREATE TRIGGER segments_trigram_ai AFTER INSERT ON segments BEGIN
  INSERT INTO segments_trigram(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER segments_trigram_ad AFTER DELETE ON segments BEGIN
  INSERT INTO segments_trigram(segments_trigram, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER segments_trigram_au AFTER UPDATE OF text ON segments BEGIN
  INSERT INTO segments_trigram(segments_trigram, rowid, text) VALUES ('delete', old.id, old.text);
  INSERT INTO segments_trigram(rowid, text) VALUES (new.id, new.text);
END;
INSERT INTO segments_trigram(segments_trigram) VALUES ('rebuild');

-- Searches a reviewer keeps in the sidebar: the query as typed and the options it ran with.
CREATE TABLE saved_searches (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  query TEXT NOT NULL,
  options TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
`);
  },
};
